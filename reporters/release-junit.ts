// The verdict where CI looks: junit.xml gains a `release-criteria` test suite, one test case per criterion,
// failing when the criterion fails (its reason as the message), so any junit dashboard shows a NO-GO — not
// "15 passed". Vitest's own JUnit reporter still writes the per-question cases; this subclass lets it write to
// a private temporary file, then adds the suite and writes junit.xml atomically, scrubbed of secrets. A run in
// progress (or killed) leaves a junit.xml whose release-criteria cases fail with "run in progress".
import { looserLine } from './looser.ts'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JUnitReporter, type Vitest } from 'vitest/node'
import '../core/locale/gate.ts'
import '../core/locale/verdict.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { RunModel } from '../core/model.ts'
import { REPORT_FILES, writeAtomic } from '../core/report-files.ts'
import { makesConditional, type Verdict } from './decide.ts'
import { redact } from '../core/secrets.ts'
import { xmlText } from './render-junit.ts'
import { conditionalFailsJob, type Tally, toleratedLine } from './render-gate.ts'

export const RELEASE_SUITE = 'release-criteria'

interface SuiteCase {
  name: string
  failure: string | null
  /** A criterion that neither passes nor fails (warn, inconclusive, not applicable: the CONDITIONAL ones), said as a skipped case. */
  skipped?: string | null
  /** Said on a passing case (its <system-out>): failed attempts the criterion tolerated. */
  note?: string | null
}

function caseXml(c: SuiteCase): string {
  const open = `    <testcase classname="${RELEASE_SUITE}" name="${xmlText(c.name, 300)}" time="0"`
  if (c.failure !== null)
    return `${open}>\n      <failure message="${xmlText(c.failure.split('\n')[0] ?? '', 500)}">${xmlText(c.failure)}</failure>\n    </testcase>`
  if (c.skipped !== undefined && c.skipped !== null) return `${open}>\n      <skipped message="${xmlText(c.skipped, 500)}"/>\n    </testcase>`
  if (c.note !== undefined && c.note !== null) return `${open}>\n      <system-out>${xmlText(c.note, 500)}</system-out>\n    </testcase>`
  return `${open}/>`
}

function suite(cases: readonly SuiteCase[], properties: Record<string, string>): { xml: string; tests: number; failures: number } {
  const failures = cases.filter((c) => c.failure !== null).length
  const skipped = cases.filter((c) => c.failure === null && c.skipped !== undefined && c.skipped !== null).length
  const lines = [
    `  <testsuite name="${RELEASE_SUITE}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    '    <properties>',
    ...Object.entries(properties).map(([k, v]) => `      <property name="${xmlText(k, 100)}" value="${xmlText(v, 500)}"/>`),
    '    </properties>',
    ...cases.map(caseXml),
    '  </testsuite>',
  ]
  return { xml: lines.join('\n'), tests: cases.length, failures }
}

/**
 * The release-criteria suite of a finished (or stopped) run: one case per criterion, failing when it fails, or when
 * it makes a CONDITIONAL that fails the job (VALIDATION_FAIL_ON_CONDITIONAL, exit 3): the job is red, and junit says
 * why. `success`: the success rate's tally, so the success-rate case says the failures a passing decision tolerated.
 */
export function releaseCriteriaSuite(
  model: RunModel,
  verdict: Verdict,
  success: Tally | null = null,
): { xml: string; tests: number; failures: number } {
  const L = model.settings.locale
  const strict = conditionalFailsJob(verdict)
  const tolerated = toleratedLine(verdict, success, L)
  const cases = verdict.criteria.map((c) => {
    const why = c.reason ? say(c.reason, L) : `${c.id}: ${c.status}`
    // decide.ts says which criteria cap the decision at CONDITIONAL (a not-applicable one too: review 2026-12-05
    // found a streamed run's visualization coverage a plain passing case under an exit 3); an excluded one is not weighed.
    const conditional = makesConditional(c)
    return {
      name: `${c.id} · ${say(c.name, L)}`,
      // A failing criterion fails its case. A warn, inconclusive or not-applicable one (what makes a CONDITIONAL) is a
      // skipped case with its reason: a dashboard then shows it apart from the passing ones, not all green (review
      // 2026-12-04) — a failed case when that CONDITIONAL fails the job.
      failure: c.status === 'fail' ? why : conditional && strict ? `${why}\n${say({ code: 'gate.fail_on_conditional', params: {} }, L)}` : null,
      skipped: conditional && !strict ? why : null,
      note: c.status === 'pass' && c.metric === 'success_rate' ? tolerated : null,
    }
  })
  const looser = looserLine(model)
  return suite(cases, {
    decision: verdict.decision,
    exitCode: String(verdict.exitCode),
    target: model.target.embedded ? say({ code: 'gate.reference_only', params: {} }, L) : model.target.baseUrl,
    ...(model.runId ? { runId: model.runId } : {}),
    version: model.target.version ?? say({ code: 'report.version.unknown', params: {} }, L),
    // Beside the decision: a GO reached with a relaxed bar (reporters/looser.ts).
    ...(looser ? { looserThresholds: say(looser, L) } : {}),
  })
}

/**
 * The suite of a run still in progress: every criterion case fails, so a killed run never reads as passed.
 * `failure`: the run ended without a verdict (reporters/in-progress.ts), why; absent: the run is starting.
 */
export function inProgressSuite(
  criterionIds: readonly string[],
  runId: string,
  locale: Locale,
  failure?: string,
): { xml: string; tests: number; failures: number } {
  const why =
    failure === undefined
      ? say({ code: 'gate.in_progress', params: {} }, locale)
      : say({ code: 'reporter.no_verdict', params: { error: failure } }, locale)
  return suite(
    criterionIds.map((id) => ({ name: id, failure: why })),
    failure === undefined ? { decision: 'none', state: 'running', runId } : { decision: 'NO-GO', state: 'finished', runId },
  )
}

const COUNTS = ['tests', 'failures', 'errors', 'skipped'] as const

/** The counts of every <testsuite> of a junit document, summed: what its root <testsuites> must say. */
export function suiteTotals(xml: string): Record<(typeof COUNTS)[number], number> {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  for (const open of xml.matchAll(/<testsuite\b([^>]*)>/g))
    for (const name of COUNTS) totals[name] += Number(new RegExp(`\\b${name}="(\\d+)"`).exec(open[1] ?? '')?.[1] ?? 0)
  return totals
}

/**
 * Adds a suite to a junit document; its root <testsuites> then says the sums of its suites' counts (tests,
 * failures, errors, skipped), recounted rather than bumped: the stand-in's root once said 20 tests and 15 skipped
 * while its suites held 21 and 17 (its "run complete" case and the added suite's skipped cases were not counted).
 * A document without a root gets one.
 */
export function withSuite(xml: string, added: { xml: string; tests: number; failures: number }): string {
  const root = /<testsuites\b([^>]*?)(\/?)>/.exec(xml)
  if (!root) return withTotals(`<?xml version="1.0" encoding="UTF-8" ?>\n<testsuites name="harena-validation">\n${added.xml}\n</testsuites>\n`)
  if (root[2] === '/') return withTotals(xml.replace(root[0], `<testsuites${root[1] ?? ''}>\n${added.xml}\n</testsuites>`))
  const close = xml.lastIndexOf('</testsuites>')
  return withTotals(`${xml.slice(0, close)}${added.xml}\n${xml.slice(close)}`)
}

/** The document with its root's counts set to the sums of its suites'. */
function withTotals(xml: string): string {
  const totals = suiteTotals(xml)
  return xml.replace(/<testsuites\b([^>]*?)>/, (_, attrs: string) => {
    let out = attrs
    for (const name of COUNTS) {
      const re = new RegExp(`\\b${name}="\\d+"`)
      out = re.test(out) ? out.replace(re, `${name}="${totals[name]}"`) : `${out} ${name}="${totals[name]}"`
    }
    return `<testsuites${out}>`
  })
}

/** What the validation reporter hands over once it has decided: where junit.xml goes and the suite to add. */
export interface JunitPlan {
  /** null: no junit.xml at all (a run that selected no question file asked nothing and leaves the reports alone). */
  dir: string | null
  suite: { xml: string; tests: number; failures: number } | null
  secrets: readonly string[]
}

/**
 * Vitest's JUnit reporter, writing to a temporary file; at the end of the run the release-criteria suite from
 * `plan()` is added and junit.xml written atomically where the plan says (the exploratory directory for a
 * filtered run). `done` settles when junit.xml is on disk, so the verdict can be printed after it, last: with null,
 * or with the error that kept it from being written — never rejected. The validation reporter says that error (its
 * verdict becomes "not written", exit 1); Vitest is handed a promise that resolves either way, so the same failure is
 * not reported a second time as an "Unhandled Error" (a full disk printed both, review 2026-12-05).
 */
export class ReleaseJunitReporter extends JUnitReporter {
  private readonly tmp: string
  done: Promise<Error | null> = Promise.resolve(null)

  constructor(
    options: { suiteName: string },
    private readonly plan: () => JunitPlan,
    tmp = join(tmpdir(), `harena-junit-${process.pid}-${Date.now()}.xml`),
  ) {
    super({ ...options, outputFile: tmp })
    this.tmp = tmp
  }

  override async onInit(ctx: Vitest): Promise<void> {
    // The temporary file's path means nothing to a reader: Vitest's "JUNIT report written to …" line is dropped.
    const quiet = new Proxy(ctx, {
      get: (target, key, receiver) =>
        key === 'logger'
          ? new Proxy(target.logger, { get: (l, k) => (k === 'log' ? () => undefined : Reflect.get(l, k)) })
          : Reflect.get(target, key, receiver),
    })
    await super.onInit(quiet)
    // Vitest's reporter opens the temporary file here; a run that ends before onTestRunEnd (a configuration error
    // after init, a signal, a global setup that throws) would leave it in the user's temporary directory, one per run.
    process.once('exit', () => rmSync(this.tmp, { force: true }))
  }

  override onTestRunEnd(...args: Parameters<JUnitReporter['onTestRunEnd']>): Promise<void> {
    this.done = this.writeJunit(args).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    )
    return this.done.then(() => undefined)
  }

  private async writeJunit(args: Parameters<JUnitReporter['onTestRunEnd']>): Promise<void> {
    try {
      await super.onTestRunEnd(...args)
      const plan = this.plan()
      if (plan.dir === null) return
      mkdirSync(plan.dir, { recursive: true })
      const xml = readFileSync(this.tmp, 'utf8')
      const out = plan.suite ? withSuite(xml, plan.suite) : xml
      writeAtomic(join(plan.dir, REPORT_FILES.junit), redact(out, [...plan.secrets, ...plan.secrets.map((s) => xmlText(s, Infinity))]))
    } finally {
      rmSync(this.tmp, { force: true })
    }
  }
}
