// The real ValidationReporter inside a real `vitest run` child process, on tiny throw-away projects (no target
// service needed): Ctrl-C mid-run, a global setup that throws, failures the verdict tolerates, failures outside
// the validation suite. The end-to-end runs against the reference service are in reporter-e2e.test.ts.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { ValidationReportSchema, type ValidationReport } from '../../reporters/report-schema.ts'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

type Behaviour = 'ok' | 'fail-recorded' | 'hang' | 'crash'
interface Project {
  dir: string
  reportDir: string
  marker: string
}

/** A throw-away Vitest project using the real reporter; each question's test behaves as told. */
function makeProject(behaviours: Behaviour[], opts: { setupThrows?: boolean; failingUnitProject?: boolean; earlyStop?: boolean } = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), 'reporter-proc-'))
  dirs.push(dir)
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  const questions = behaviours.map((_, i) => ({
    id: `q${String(i + 1).padStart(2, '0')}`,
    category: 'transaction_search_simple',
    message: `Question ${i + 1}`,
    expectedIntent: 'transaction_search.simple',
    expectsData: true,
  }))
  writeFileSync(join(dir, 'questions.json'), JSON.stringify({ questions }))
  const marker = join(dir, 'hanging.marker')
  const journalModule = join(ROOT, 'core', 'journal.ts')
  writeFileSync(
    join(dir, 'questions.spec.ts'),
    `import { inject, test } from 'vitest'
import { writeFileSync } from 'node:fs'
import { appendJournal } from ${JSON.stringify(journalModule)}
const questions = ${JSON.stringify(questions)}
const behaviours = ${JSON.stringify(behaviours)}
questions.forEach((q, i) => {
  test(q.id, async ({ task }) => {
    const b = behaviours[i]
    if (b === 'crash') {
      // As tests/support/ask.ts does: the question publishes its start snapshot, measures (journals) two attempts,
      // then its worker dies (out of memory, killed) before the final record is sent.
      task.meta.validation = { ...q, plannedAttempts: 3, warmups: [], subtypeObservable: true, attempts: [] }
      await new Promise((r) => setTimeout(r, 1500)) // Vitest sends a running test's meta with its periodic updates
      for (const index of [0, 1]) appendJournal(inject('harenaRuntime').journalPath, { questionId: q.id, attempt: {
        index, warmup: false, startedAt: new Date().toISOString(), latencyMs: 100, ttfbMs: 50, timedOut: false, httpStatus: 200,
        ok: true, critical: null, intent: null, fallback: false, dataPresentation: false, visualizations: [], stages: {}, failures: [] } })
      process.kill(process.pid, 'SIGKILL')
    }
    if (b === 'hang') {
      writeFileSync(${JSON.stringify(marker)}, 'x')
      await new Promise((r) => setTimeout(r, 60_000))
    }
    const ok = b === 'ok'
    const attempt = {
      index: 0, warmup: false, startedAt: new Date().toISOString(), latencyMs: 100 + i, ttfbMs: 50, timedOut: false,
      httpStatus: 200, ok, critical: null, intent: { group: 'transaction_search', subtype: 'simple' }, fallback: false,
      dataPresentation: true, visualizations: ['kpi'], stages: {}, failures: ok ? [] : [{ code: 'check.message.empty', params: {} }] }
    // Like tests/support/validate.ts: every attempt is journaled the moment it is measured, so a signal finds it
    // even when Vitest has not yet passed the finished test to the main process.
    appendJournal(inject('harenaRuntime').journalPath, { questionId: q.id, attempt })
    task.meta.validation = { ...q, plannedAttempts: 1, warmups: [], subtypeObservable: true, attempts: [attempt] }
    if (!ok) throw new Error('question failed')
  })
})
`,
  )
  // The global setup provides the attempt journal as tests/support/global-setup.ts does.
  writeFileSync(
    join(dir, 'setup.ts'),
    `import { createJournal, removeJournal } from ${JSON.stringify(journalModule)}
export default function ({ provide }) {
  ${opts.setupThrows ? "throw new Error('setup exploded')" : ''}
  const journalPath = createJournal()
  provide('harenaRuntime', { journalPath })
  return () => removeJournal(journalPath)
}\n`,
  )
  writeFileSync(join(dir, 'unit.test.ts'), `import { test, expect } from 'vitest'\ntest('unit', () => { expect(1).toBe(2) })\n`)
  const reporterPath = join(ROOT, 'reporters', 'validation-reporter.ts')
  const configPath = join(ROOT, 'core', 'settings.ts')
  const validation = `{ test: { name: 'validation', include: ['questions.spec.ts'], globalSetup: ['setup.ts'], pool: 'forks' } }`
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config'
import ValidationReporter from ${JSON.stringify(reporterPath)}
import { loadSettings } from ${JSON.stringify(configPath)}
const settings = loadSettings({ ...process.env, VALIDATION_QUESTIONS: 'questions.json', VALIDATION_REPORT_DIR: 'reports', VALIDATION_LOCALE: 'en' }, ${JSON.stringify(dir)})
const reporter = new ValidationReporter({ settings, interruptibleFromStart: ${opts.earlyStop === true} })
${
  opts.earlyStop === true
    ? `// The startup of a run (Vitest's own, then its config's resolution) held open: the signal comes in it.
if (process.env.STARTUP_PAUSE === '1') {
  (await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, 'x')
  await new Promise((r) => setTimeout(r, 20_000))
}`
    : ''
}
export default defineConfig({ test: {
  reporters: ['default', reporter],
  projects: [${validation}${opts.failingUnitProject ? `, { test: { name: 'unit', include: ['unit.test.ts'] } }` : ''}],
} })
`,
  )
  return { dir, reportDir: join(dir, 'reports'), marker }
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  out: string
}

function runVitest(
  p: Project,
  interruptWith: NodeJS.Signals | null = null,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...extraEnv }
  const child = spawn(process.execPath, [VITEST, 'run', ...args], { cwd: p.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d))
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig)
    } catch {
      // already gone
    }
  }
  const hard = setTimeout(() => kill('SIGKILL'), 45_000)
  // The interrupt comes as soon as the hanging test has started. The question measured before it must survive
  // whether or not Vitest has passed its finished test to the main process yet (it batches those updates, and a
  // loaded machine delays them by seconds): the journal is what the reporter reads on a signal.
  const poll = interruptWith
    ? setInterval(() => {
        if (existsSync(p.marker)) {
          clearInterval(poll!)
          kill(interruptWith as NodeJS.Signals) // like Ctrl-C in a terminal: the whole process group
        }
      }, 25)
    : null
  return new Promise((res) =>
    child.on('close', (code, signal) => {
      clearTimeout(hard)
      if (poll) clearInterval(poll)
      kill('SIGKILL') // no worker may outlive the test
      res({ code, signal, out })
    }),
  )
}

/** The output's last non-empty line: the README promises it is the verdict, whatever path the run ended on. */
const lastLine = (out: string): string =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .at(-1) ?? ''

const report = (p: Project): ValidationReport =>
  ValidationReportSchema.parse(JSON.parse(readFileSync(join(p.reportDir, 'validation-report.json'), 'utf8')))

describe('the reporter inside a real vitest run', () => {
  test('all questions pass → GO, exit 0, the three documents written', async () => {
    const p = makeProject(['ok', 'ok', 'ok'])
    const r = await runVitest(p)
    expect(r.code, r.out).toBe(0)
    const rep = report(p)
    expect(rep.decision).toBe('GO')
    expect(rep.summary.attempts).toBe(3)
    for (const f of ['validation-report.md', 'samples.ndjson']) expect(existsSync(join(p.reportDir, f))).toBe(true)
    expect(r.out).toMatch(/Harena validation: GO/)
  })

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-run: Vitest exits %i without onTestRunEnd, yet an incomplete NO-GO report is on disk', async (signal, code) => {
    const p = makeProject(['ok', 'hang', 'ok'])
    const r = await runVitest(p, signal)
    expect(existsSync(p.marker)).toBe(true)
    expect(r.code, r.out).toBe(code)
    const rep = report(p)
    expect(rep.run).toMatchObject({ complete: false, interrupted: true })
    expect(rep.exitCode, 'the report states the exit code the shell saw').toBe(code)
    expect(rep.decision).toBe('NO-GO')
    expect(rep.criteria.find((c) => c.id === 'C5')?.status).toBe('fail')
    expect(rep.summary.plannedAttempts).toBe(3)
    expect(rep.questions[0]?.attempts).toHaveLength(1) // measured before the interrupt: kept (journal)
    expect(rep.summary.notExecutedQuestions).toEqual(['q02', 'q03'])
    expect(r.out).toMatch(/incomplete report written/)
    expect(lastLine(r.out)).toMatch(new RegExp(`^══ NO-GO .*\\(exit ${code}\\) ══$`))
  })

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during the startup, before the run began: exit %i and the earlier GO replaced by an interrupted NO-GO', async (signal, code) => {
    const p = makeProject(['ok'], { earlyStop: true })
    const before = await runVitest(p)
    expect(before.code, before.out).toBe(0)
    expect(report(p).decision).toBe('GO')
    const r = await runVitest(p, signal, [], { STARTUP_PAUSE: '1' })
    expect(existsSync(p.marker)).toBe(true)
    expect(r.code, r.out).toBe(code)
    const rep = report(p)
    expect(rep.decision).toBe('NO-GO')
    expect(rep.run).toMatchObject({ complete: false, interrupted: true })
    expect(rep.summary.attempts).toBe(0)
    expect(lastLine(r.out)).toMatch(new RegExp(`^══ NO-GO .*\\(exit ${code}\\) ══$`))
  })

  test('a worker that dies mid-question: the attempts it measured are in the report (journal), not "no measured attempt"', async () => {
    const p = makeProject(['crash'])
    const r = await runVitest(p)
    const rep = report(p)
    expect(rep.decision, r.out).toBe('NO-GO')
    expect(rep.questions[0]?.attempts.map((a) => a.index)).toEqual([0, 1])
    expect(rep.summary.attempts).toBe(2)
    expect(rep.run.complete).toBe(false)
  })

  test('a global setup that throws still leaves a NO-GO report (harness error, exit 1)', async () => {
    const p = makeProject(['ok', 'ok'], { setupThrows: true })
    const r = await runVitest(p)
    expect(r.code, r.out).toBe(1)
    const rep = report(p)
    expect(rep.decision).toBe('NO-GO')
    expect(rep.exitCode).toBe(1)
    expect(rep.run.harnessErrors.join(' ')).toMatch(/stopped before any test ran/)
    expect(rep.summary.successRate).toBe(0)
  })

  test('a failed question the verdict tolerates (19/20 = 95 %) does not fail the process, and the terminal says why', async () => {
    const p = makeProject([...Array.from({ length: 19 }, () => 'ok' as const), 'fail-recorded'])
    const r = await runVitest(p)
    expect(r.out).toMatch(/1 failed/) // Vitest saw the failure…
    expect(r.code, r.out).toBe(0) // …the verdict decides
    expect(report(p).decision).toBe('GO')
    expect(r.out).toMatch(/validation tests failed but the verdict tolerates them \(GO\): exit 0/)
    expect(lastLine(r.out)).toMatch(/^══ GO .*\(exit 0\) ══$/)
  })

  test('a failure outside the validation suite keeps the exit code ≥ 1 even when the verdict is GO', async () => {
    const p = makeProject(['ok', 'ok'], { failingUnitProject: true })
    const r = await runVitest(p)
    expect(report(p).decision).toBe('GO')
    expect(r.code, r.out).toBe(1)
    // The line saying why the code is 1 on a GO comes before the verdict, which stays last.
    expect(lastLine(r.out)).toMatch(/^══ GO .*══$/)
  })

  test("a run of another project only (--project unit) is not judged: no report, Vitest's own exit code", async () => {
    const p = makeProject(['ok'], { failingUnitProject: true })
    const r = await runVitest(p, null, ['--project', 'unit'])
    expect(r.code, r.out).toBe(1)
    expect(existsSync(join(p.reportDir, 'validation-report.json'))).toBe(false)
    expect(r.out).not.toMatch(/Harena validation:/)
  })

  test('a failure outside the suite and a NO-GO verdict → the verdict raises the code to 2', async () => {
    const p = makeProject(['ok', 'fail-recorded'], { failingUnitProject: true })
    const r = await runVitest(p)
    expect(report(p).decision).toBe('NO-GO')
    expect(r.code, r.out).toBe(2)
    expect(lastLine(r.out)).toMatch(/^══ NO-GO .*\(exit 2\) ══$/)
  })
})
