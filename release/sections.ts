// The post-deployment report's content (the plan's template, T4.7) as blocks of text, built once from the report
// model: the Markdown (render-markdown.ts) and the HTML (render-html.ts) only format these blocks, so both say the
// same thing with the same figures (a review found the HTML showing less than the Markdown). Formatting of
// figures happens here, by one rule each (core/locale/format.ts); escaping is the renderers' (a piece from
// outside — a reason, a version, a command's output — is marked so the Markdown escapes it, the HTML escapes all).
import { type Locale, say } from '../core/locale/index.ts'
import { fmtInt, fmtLimit, fmtMs, fmtPct, fmtRate, fmtRateInterval } from '../core/locale/format.ts'
import { type DurationForm, formatDuration } from '../core/duration.ts'
import { utcText } from '../core/utc-text.ts'
import { gatedResult, headline, labels, ruleName, statusFacts, statusLine, stepName, versionText } from './labels.ts'
import type { MonitorResult } from './monitor.ts'
import type { PostDeploymentReport } from './report.ts'
import { criticalRepeatLine, rateLimits, type TriggerRule } from './triggers.ts'
import type { WindowSummary } from './windows.ts'

/** Text from outside (the target, a command, a person's settings), cut at `max` characters. */
export interface Outside {
  outside: string
  max: number
}
/** Our own words and figures, or text from outside, or a strong (bold) run of our own words. */
export type Piece = string | Outside | { strong: string }
export type Line = readonly Piece[]

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; line: Line }
  /** The decision line under the title (the HTML's banner). */
  | { kind: 'status'; line: Line }
  | { kind: 'list'; items: readonly Line[] }
  | { kind: 'table'; head: readonly string[]; rows: readonly (readonly Line[])[]; align?: ReadonlyArray<'l' | 'r'> }
  | { kind: 'paragraph'; line: Line }
  | { kind: 'code'; text: string }
  /** P95 and error rate per window: drawn by the HTML only (its figures are the windows table's). */
  | { kind: 'chart'; windows: readonly WindowSummary[]; p95Threshold: number; rateThreshold: number; limits: readonly number[]; title: string }

const outside = (text: string, max = 300): Outside => ({ outside: text, max })

/** Durations as the settings write them ("30m", "90s"): a window reads as MONITOR_WINDOW does (core/duration.ts). */
const AS_SETTING: DurationForm = { form: 'setting' }

/** A window's error rate and its interval, written against every error-rate threshold (core/locale/format.ts fmtRate). */
function rate(w: WindowSummary, l: Locale, limits: readonly number[]): string {
  return `${fmtRate(w.errorRate, l, limits)} ${fmtRateInterval(w.errorInterval.lower, w.errorInterval.upper, l, limits)}`
}

function thresholdText(rule: TriggerRule, l: Locale): string {
  // Flapping: the no-answer (MONITOR_DOWN_GRACE) the outages add up to, within its span.
  if (rule.on === 'event' && rule.metric === 'service_flapping')
    return `≥ ${formatDuration(rule.threshold, AS_SETTING)} / ${formatDuration(rule.spanMs ?? rule.threshold, AS_SETTING)}`
  if (rule.on === 'event') return rule.metric === 'leak' || rule.metric === 'service_down' ? '1' : `${rule.threshold}`
  return rule.metric === 'p95' ? `> ${fmtLimit(rule.threshold, 'ms', l)}` : `> ${fmtLimit(rule.threshold, 'ratio', l)}`
}

function deployment(r: PostDeploymentReport, l: Locale): Block[] {
  const L = labels(l)
  const d = r.deployment
  const v = (x: string | null) => outside(versionText(x, l))
  const changes = d.versionChanges.map((c) => `${versionText(c.from, l)} → ${versionText(c.to, l)} (${utcText(c.at)})`).join(', ')
  const version: Piece[] = [`${L.version} : `, v(d.versionBefore), ' → ', v(d.versionDeployed)]
  if (d.expectedVersion) version.push(` (${L.expected} `, outside(d.expectedVersion), ')')
  if (changes) version.push(` ; ${L.changedDuringWatch} : `, outside(changes))
  if (r.verifyAfterRollback !== null) version.push(` ; ${L.afterRollback} : `, v(d.versionAfter))
  return [
    { kind: 'heading', level: 2, line: [L.deployment] },
    {
      kind: 'list',
      items: [
        [`${L.date} : ${utcText(d.startedAt)}`],
        version,
        [`${L.deployer} : `, outside(d.deployer ?? '—')],
        [`${L.duration} : ${formatDuration(Math.round(d.durationMs / 1000) * 1000, AS_SETTING)}`],
        [`${L.target} : `, outside(d.baseUrl)],
        ...(r.command === 'release' ? [backupLine(r, l)] : []),
      ],
    },
  ]
}

/**
 * How a command ended: its exit code, or the signal that stopped it — a signal is not an exit code ("exit code
 * SIGTERM (timeout)" read so: a review, 2026-12-05) — and whether its timeout sent that signal.
 */
function commandEnd(c: { exitCode: number | null; signal: string | null; timedOut: boolean }, L: ReturnType<typeof labels>): string {
  const end = c.exitCode === null && c.signal !== null ? `${L.stoppedBy} ${c.signal}` : `${L.exitCode} ${c.exitCode ?? '—'}`
  return `${end}${c.timedOut ? ` (${L.timedOut})` : ''}`
}

/** What the release's backup did (plan T4.6 step 1): its outcome and time, or that none was configured or reached. */
function backupLine(r: PostDeploymentReport, l: Locale): Line {
  const L = labels(l)
  const b = r.backup
  if (b === null) return [`${L.backup} : ${r.deployment.backupConfigured ? L.notRun : L.backupNotSet}`]
  const exit = commandEnd(b, L)
  return [`${L.backup} : ${b.ok ? L.ok : L.failed} (${utcText(b.startedAt)}, ${exit})`]
}

function metrics(m: MonitorResult, l: Locale): Block[] {
  const L = labels(l)
  const o = m.overall
  const n = o.tally.requests
  const success = n === 0 ? null : o.tally.ok / n
  const limits = rateLimits(m.rules, 'error_rate')
  const complement = (x: number | null) => (x === null ? null : 1 - x)
  const items: Line[] = [
    [`${L.totalRequests} : ${fmtInt(n, l)}`],
    [`${L.successRate} : ${fmtPct(success, l)} [${fmtPct(complement(o.errorInterval.upper), l)} – ${fmtPct(complement(o.errorInterval.lower), l)}]`],
    [`${L.errorRate} : ${rate(o, l, limits)}`],
    [`${L.latency} : ${fmtMs(o.p50Ms, l)} / ${fmtMs(o.p95Ms, l)} / ${fmtMs(o.p99Ms, l)}`],
    [`${L.visualizations} : ${fmtInt(o.tally.visualizations, l)}`],
    [`${L.critical} : ${fmtInt(o.tally.critical, l)}`],
    [`${L.health} : ${m.health.checks - m.health.failed}/${m.health.checks}`],
  ]
  if (m.skipped > 0) items.push([`${L.skipped} : ${fmtInt(m.skipped, l)}`])
  const watched = `${L.monitoring} ${formatDuration(Math.round(m.durationMs / 1000) * 1000, AS_SETTING)} ${L.of} ${formatDuration(m.plannedMs, AS_SETTING)} ${L.planned}`
  return [
    { kind: 'heading', level: 2, line: [`${L.metrics} (${watched}${m.interrupted ? `, ${L.interrupted}` : ''})`] },
    { kind: 'list', items },
    ...perVersion(m, l),
    ...perQuestion(m, l),
  ]
}

/**
 * Each question's figures (MonitorResult.questions): a question or category slow at most asks or failing at every one is hidden
 * in the whole watch's P95 and error rate (one question in 15), readable only here (a review, 2026-12-05: q11 at 6 s
 * every ask was named in no document).
 */
function perQuestion(m: MonitorResult, l: Locale): Block[] {
  if (m.questions.length === 0) return []
  const L = labels(l)
  const rows = m.questions.map((q) => [
    [outside(q.questionId)],
    [outside(q.category)],
    [fmtInt(q.asks, l)],
    [fmtInt(q.failed, l)],
    [fmtMs(q.meanMs, l)],
    [fmtMs(q.maxMs, l)],
    [fmtInt(q.slow, l)],
  ])
  return [
    { kind: 'heading', level: 3, line: [L.perQuestion] },
    {
      kind: 'table',
      head: [L.question, L.category, L.asks, L.failures, L.meanLatency, L.maxLatency, L.slowAsks],
      rows,
      align: ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
    },
  ]
}

/**
 * Each build's own figures when the version changed during the watch (MonitorResult.versions): the whole watch's
 * figures mix builds, so which one failed is only readable here (before, the JSON alone carried them). The answers no
 * build could be credited with (MonitorResult.unattributed) have a row of their own, last.
 */
function perVersion(m: MonitorResult, l: Locale): Block[] {
  const unattributed = m.unattributed
  if (m.versions.length < 2 && unattributed === null) return []
  const L = labels(l)
  const limits = rateLimits(m.rules, 'error_rate')
  const parts = [
    ...m.versions.map(({ version, summary }) => ({ name: outside(versionText(version, l)), summary })),
    ...(unattributed === null ? [] : [{ name: L.unattributed, summary: unattributed }]),
  ]
  const rows = parts.map(({ name, summary: s }) => [
    [name],
    [utcText(s.startedAt)],
    [utcText(s.endedAt)],
    [fmtInt(s.tally.requests, l)],
    [rate(s, l, limits)],
    [fmtMs(s.p95Ms, l)],
    [fmtInt(s.tally.critical, l)],
  ])
  return [
    { kind: 'heading', level: 3, line: [L.perVersion] },
    {
      kind: 'table',
      head: [L.version, L.start, L.end, L.requests, L.errorRate, 'P95', L.critical],
      rows,
      align: ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
    },
  ]
}

function windows(r: PostDeploymentReport, m: MonitorResult, l: Locale): Block[] {
  const L = labels(l)
  const limits = rateLimits(m.rules, 'error_rate')
  const rows = m.windows.map((w) => [
    [`${w.index}${w.partial ? ` (${L.partial})` : ''}`],
    [utcText(w.startedAt)],
    [utcText(w.endedAt)],
    [fmtInt(w.tally.requests, l)],
    [rate(w, l, limits)],
    [fmtMs(w.p50Ms, l)],
    [fmtMs(w.p95Ms, l)],
    [fmtMs(w.p99Ms, l)],
    [fmtInt(w.tally.critical, l)],
  ])
  const out: Block[] = [
    { kind: 'heading', level: 2, line: [`${L.windows} (${formatDuration(r.thresholds.windowMs, AS_SETTING)})`] },
    {
      kind: 'chart',
      windows: m.windows,
      p95Threshold: r.thresholds.alertP95Ms,
      rateThreshold: r.thresholds.rollbackErrorRate,
      limits,
      title: L.chart,
    },
    {
      kind: 'table',
      head: [L.window, L.start, L.end, L.requests, L.errorRate, 'P50', 'P95', 'P99', L.critical],
      rows,
      align: ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    },
  ]
  const fired = m.trigger?.evaluated ?? null
  if (fired !== null) {
    const figures = `${fmtInt(fired.tally.requests, l)} ${L.requests.toLowerCase()}, ${L.errorRate.toLowerCase()} ${rate(fired, l, limits)}, P95 ${fmtMs(fired.p95Ms, l)}`
    out.push({
      kind: 'paragraph',
      line: [{ strong: L.fired }, ` : ${L.window} ${utcText(fired.startedAt)} → ${utcText(fired.endedAt)} — ${figures}`],
    })
  }
  return out
}

function issues(r: PostDeploymentReport, l: Locale): Block[] {
  const L = labels(l)
  const m = r.monitor
  const items: Line[] = r.reasons.map((x) => [outside(x.text, 600)])
  if (m) {
    for (const a of m.alerts)
      items.push([
        `${L.alerts} — `,
        outside(ruleName(a.rule.id, l)),
        ` : ${a.windows} ${L.alertWindows} (${a.firstWindow}–${a.lastWindow}) ; `,
        outside(say(a.first, l), 600),
      ])
    const unsure = Object.entries(m.inconclusive)
    if (unsure.length > 0) items.push([`${L.inconclusive} : `, outside(unsure.map(([id, n]) => `${ruleName(id, l)} × ${n}`).join(', '))])
  }
  const out: Block[] = [
    { kind: 'heading', level: 2, line: [L.issues] },
    { kind: 'list', items: items.length > 0 ? items : [[L.none]] },
  ]
  if (m && m.examples.length > 0)
    out.push(
      { kind: 'heading', level: 3, line: [L.examples] },
      {
        kind: 'table',
        head: [L.date, L.question, 'HTTP', L.critical, L.errors],
        rows: m.examples.map((e) => [
          [utcText(e.at)],
          [outside(e.questionId)],
          [e.httpStatus === null ? '—' : String(e.httpStatus)],
          [outside(e.critical ?? '—')],
          [outside(e.reasons.join(' ; '), 400)],
        ]),
      },
    )
  return out
}

function steps(r: PostDeploymentReport, l: Locale): Block[] {
  const L = labels(l)
  const rows = r.steps.map((s) => [
    [stepName(s.step, l)],
    // A gate that passed says which build it judged: "OK" only beside the deployed one (release/report.ts gatedBuild).
    s.interrupted !== true && s.ok === true && s.gated !== undefined
      ? gatedResult(s.gated, r.gate?.decision ?? 'GO', l, (v) => outside(v, 80))
      : [s.interrupted === true ? L.stepInterrupted : s.ok === null ? L.notRun : s.ok ? L.ok : L.failed],
    [
      `${s.durationMs === null ? '—' : fmtMs(s.durationMs, l)}${s.readyWaitMs === undefined ? '' : ` (${L.readyWait.toLowerCase()} ${fmtMs(s.readyWaitMs, l)})`}`,
    ],
  ])
  const out: Block[] = [
    { kind: 'heading', level: 2, line: [L.steps] },
    { kind: 'table', head: [L.step, L.result, L.duration], rows, align: ['l', 'l', 'r'] },
  ]
  for (const c of [r.backup, r.deploy, r.rollback]) {
    if (c === null) continue
    const exit = `${commandEnd(c, L)}${c.stopped ? ` (${L.interrupted})` : ''}`
    out.push(
      { kind: 'heading', level: 3, line: [`${stepName(c.label, l)} — ${exit}`] },
      { kind: 'paragraph', line: [`${L.commandOutput} :`] },
      { kind: 'code', text: c.outputTail },
    )
  }
  return out
}

function thresholds(r: PostDeploymentReport, l: Locale): Block[] {
  const L = labels(l)
  const rules = r.monitor?.rules ?? []
  if (rules.length === 0) return []
  const t = r.thresholds
  return [
    { kind: 'heading', level: 2, line: [L.thresholds] },
    { kind: 'table', head: [L.rule, L.threshold], rows: rules.map((rule) => [[outside(ruleName(rule.id, l))], [thresholdText(rule, l)]]) },
    {
      kind: 'paragraph',
      line: [
        `${t.minSamples} ${L.minSamples} · ${L.window} ${formatDuration(t.windowMs, AS_SETTING)} · ${formatDuration(t.stepMs, AS_SETTING)} · ${t.rps} r/s`,
      ],
    },
    // Which N the repeated-critical rule used and why: derived from the watch's length unless set.
    ...(rules.some((rule) => rule.metric === 'critical_repeat') ? [{ kind: 'paragraph' as const, line: [say(criticalRepeatLine(t), l)] }] : []),
  ]
}

/** The report's blocks, in the template's order: title and status, deployment, metrics, windows, issues, steps, thresholds, what cannot be seen, status. */
export function reportSections(r: PostDeploymentReport): Block[] {
  const l = r.locale
  const L = labels(l)
  const status = statusLine(r.status, l, statusFacts(r))
  const first = r.reasons[0]
  const blocks: Block[] = [
    { kind: 'heading', level: 1, line: [outside(headline(r.deployment, l))] },
    { kind: 'status', line: [{ strong: `${L.status}${l === 'fr' ? ' :' : ':'} ${status}` }, ...(first ? [' — ', outside(first.text, 600)] : [])] },
    ...deployment(r, l),
  ]
  if (r.monitor) blocks.push(...metrics(r.monitor, l), ...windows(r, r.monitor, l))
  blocks.push(...issues(r, l), ...steps(r, l), ...thresholds(r, l))
  blocks.push({ kind: 'heading', level: 2, line: [L.notObservable] }, { kind: 'list', items: r.notObservable.map((n) => [outside(n.text, 600)]) })
  blocks.push(
    { kind: 'heading', level: 2, line: [L.status] },
    { kind: 'list', items: [[status, ...(first ? [' (', outside(first.text, 600), ')'] : [])]] },
  )
  return blocks
}
