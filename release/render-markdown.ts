// Markdown of the post-deployment report (the plan's template, T4.7) and of the verify report. Formatting only.
import { say, type Locale } from '../core/locale/index.ts'
import { fmtInt, fmtMs, fmtPct } from '../core/locale/format.ts'
import { mdTable, mdText } from '../reporters/markdown.ts'
import { formatDuration } from './duration.ts'
import { labels, ruleName, statusLine, stepName } from './labels.ts'
import type { MonitorResult } from './monitor.ts'
import { headlineVersions, type PostDeploymentReport } from './report.ts'
import type { TriggerRule } from './triggers.ts'
import type { VerifyResult } from './verify.ts'
import type { WindowSummary } from './windows.ts'

const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
const rate = (w: WindowSummary, l: Locale): string =>
  `${fmtPct(w.errorRate, l)} [${fmtPct(w.errorInterval.lower, l)} – ${fmtPct(w.errorInterval.upper, l)}]`

function thresholdText(rule: TriggerRule, l: Locale): string {
  if (rule.on === 'event') return rule.metric === 'leak' || rule.metric === 'service_down' ? '1' : `${rule.threshold}`
  return rule.metric === 'p95' ? `> ${fmtMs(rule.threshold, l)}` : `> ${fmtPct(rule.threshold, l)}`
}

function metrics(m: MonitorResult, l: Locale): string[] {
  const L = labels(l)
  const o = m.overall
  const n = o.tally.requests
  const success = n === 0 ? null : o.tally.ok / n
  return [
    `## ${L.metrics} (${L.monitoring} ${formatDuration(Math.round(m.durationMs / 1000) * 1000)} ${L.of} ${formatDuration(m.plannedMs)} ${L.planned}${m.interrupted ? `, ${L.interrupted}` : ''})`,
    '',
    `- ${L.totalRequests} : ${fmtInt(n, l)}`,
    `- ${L.successRate} : ${fmtPct(success, l)} [${fmtPct(o.errorInterval.upper === null ? null : 1 - o.errorInterval.upper, l)} – ${fmtPct(o.errorInterval.lower === null ? null : 1 - o.errorInterval.lower, l)}]`,
    `- ${L.errorRate} : ${rate(o, l)}`,
    `- ${L.latency} : ${fmtMs(o.p50Ms, l)} / ${fmtMs(o.p95Ms, l)} / ${fmtMs(o.p99Ms, l)}`,
    `- ${L.visualizations} : ${fmtInt(o.tally.visualizations, l)}`,
    `- ${L.critical} : ${fmtInt(o.tally.critical, l)}`,
    `- ${L.health} : ${m.health.checks - m.health.failed}/${m.health.checks}`,
    ...(m.skipped > 0 ? [`- ${L.skipped} : ${fmtInt(m.skipped, l)}`] : []),
    '',
  ]
}

function windowTable(m: MonitorResult, windowMs: number, l: Locale): string[] {
  const L = labels(l)
  const fired = m.trigger?.evaluated ?? null
  const rows = m.windows.map((w) => [
    `${w.index}${w.partial ? ` (${L.partial})` : ''}`,
    when(w.startedAt),
    when(w.endedAt),
    fmtInt(w.tally.requests, l),
    rate(w, l),
    fmtMs(w.p50Ms, l),
    fmtMs(w.p95Ms, l),
    fmtMs(w.p99Ms, l),
    fmtInt(w.tally.critical, l),
  ])
  const lines = [`## ${L.windows} (${formatDuration(windowMs)})`, '']
  lines.push(
    mdTable([L.window, L.start, L.end, L.requests, L.errorRate, 'P50', 'P95', 'P99', L.critical], rows, [
      'l',
      'l',
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
  )
  if (fired !== null) {
    lines.push(
      '',
      `**${L.fired}** : ${L.window} ${when(fired.startedAt)} → ${when(fired.endedAt)} — ${fmtInt(fired.tally.requests, l)} ${L.requests.toLowerCase()}, ${L.errorRate.toLowerCase()} ${rate(fired, l)}, P95 ${fmtMs(fired.p95Ms, l)}`,
    )
  }
  lines.push('')
  return lines
}

function issues(r: PostDeploymentReport, l: Locale): string[] {
  const L = labels(l)
  const m = r.monitor
  const out = [`## ${L.issues}`, '']
  const items: string[] = []
  for (const reason of r.reasons) items.push(`- ${mdText(reason.text, 600)}`)
  if (m) {
    for (const a of m.alerts)
      items.push(
        `- ${L.alerts} — ${mdText(ruleName(a.rule.id, l))} : ${a.windows} ${L.alertWindows} (${a.firstWindow}–${a.lastWindow}) ; ${mdText(say(a.first, l), 600)}`,
      )
    const unsure = Object.entries(m.inconclusive)
    if (unsure.length > 0) items.push(`- ${L.inconclusive} : ${unsure.map(([id, n]) => `${mdText(ruleName(id, l))} × ${n}`).join(', ')}`)
  }
  out.push(...(items.length > 0 ? items : [`- ${L.none}`]), '')
  if (m && m.examples.length > 0) {
    out.push(`### ${L.examples}`, '')
    out.push(
      mdTable(
        [L.date, L.question, 'HTTP', L.critical, L.errors],
        m.examples.map((e) => [
          when(e.at),
          mdText(e.questionId),
          e.httpStatus === null ? '—' : String(e.httpStatus),
          mdText(e.critical ?? '—'),
          mdText(e.reasons.join(' ; '), 400),
        ]),
      ),
      '',
    )
  }
  return out
}

function steps(r: PostDeploymentReport, l: Locale): string[] {
  const L = labels(l)
  const rows = r.steps.map((s) => [
    stepName(s.step, l),
    s.interrupted === true ? L.stepInterrupted : s.ok === null ? L.notRun : s.ok ? L.ok : L.failed,
    s.durationMs === null ? '—' : fmtMs(s.durationMs, l),
  ])
  const out = [`## ${L.steps}`, '', mdTable([L.step, L.result, L.duration], rows, ['l', 'l', 'r']), '']
  for (const c of [r.deploy, r.rollback]) {
    if (c === null) continue
    out.push(
      `### ${stepName(c.label, l)} — ${L.exitCode} ${c.exitCode ?? c.signal ?? '—'}${c.timedOut ? ' (timeout)' : ''}${c.stopped ? ` (${L.interrupted})` : ''}`,
      '',
      `${L.commandOutput} :`,
      '',
      '```text',
      c.outputTail.replace(/```/g, "'''"),
      '```',
      '',
    )
  }
  return out
}

function thresholds(r: PostDeploymentReport, l: Locale): string[] {
  const L = labels(l)
  const rules = r.monitor?.rules ?? []
  if (rules.length === 0) return []
  return [
    `## ${L.thresholds}`,
    '',
    mdTable(
      [L.rule, L.threshold],
      rules.map((rule) => [mdText(ruleName(rule.id, l)), thresholdText(rule, l)]),
    ),
    '',
    `${r.thresholds.minSamples} ${L.minSamples} · ${L.window} ${formatDuration(r.thresholds.windowMs)} · ${formatDuration(r.thresholds.stepMs)} · ${r.thresholds.rps} r/s`,
    '',
  ]
}

export function renderReportMarkdown(r: PostDeploymentReport): string {
  const l = r.locale
  const L = labels(l)
  const d = r.deployment
  const version = headlineVersions(d).join(' → ')
  const changes = d.versionChanges.map((c) => `${c.from} → ${c.to} (${when(c.at)})`).join(', ')
  const rolledBack = r.verifyAfterRollback !== null
  const lines = [
    `# ${mdText(version)} — ${L.title}`,
    '',
    `**${L.status} : ${statusLine(r.status, l, r.monitor?.alerts.length ?? 0, r.deployment.embedded)}**${r.reasons[0] ? ` — ${mdText(r.reasons[0].text, 600)}` : ''}`,
    '',
    `## ${L.deployment}`,
    '',
    `- ${L.date} : ${when(d.startedAt)}`,
    `- ${L.version} : ${mdText(d.versionBefore ?? '?')} → ${mdText(d.versionDeployed ?? '?')}${d.expectedVersion ? ` (${L.expected} ${mdText(d.expectedVersion)})` : ''}${changes ? ` ; ${L.changedDuringWatch} : ${mdText(changes)}` : ''}${rolledBack ? ` ; ${L.afterRollback} : ${mdText(d.versionAfter ?? '?')}` : ''}`,
    `- ${L.deployer} : ${mdText(d.deployer ?? '—')}`,
    `- ${L.duration} : ${formatDuration(Math.round(d.durationMs / 1000) * 1000)}`,
    `- ${L.target} : ${mdText(d.baseUrl)}`,
    '',
  ]
  if (r.monitor) lines.push(...metrics(r.monitor, l), ...windowTable(r.monitor, r.thresholds.windowMs, l))
  lines.push(...issues(r, l), ...steps(r, l), ...thresholds(r, l))
  lines.push(`## ${L.notObservable}`, '', ...r.notObservable.map((n) => `- ${mdText(n.text, 600)}`), '')
  lines.push(
    `## ${L.status}`,
    '',
    `- ${statusLine(r.status, l, r.monitor?.alerts.length ?? 0, r.deployment.embedded)}${r.reasons[0] ? ` (${mdText(r.reasons[0].text, 600)})` : ''}`,
    '',
  )
  return lines.join('\n')
}

export function renderVerifyMarkdown(v: VerifyResult, l: Locale): string {
  const L = labels(l)
  const rows = v.attempts.map((a) => [
    mdText(a.questionId),
    mdText(a.category),
    a.ok ? L.ok : L.failed,
    a.httpStatus === null ? '—' : String(a.httpStatus),
    fmtMs(a.latencyMs, l),
    mdText(a.visualizations.join(', ') || '—'),
    mdText(a.reasons.join(' ; ') || '—', 400),
  ])
  return [
    `# ${L.verifyTitle} — ${v.ok ? L.ok : L.failed}`,
    '',
    `- ${L.date} : ${when(v.at)}`,
    `- ${L.target} : ${mdText(v.baseUrl)}`,
    `- ${L.health} : ${v.health.ok ? L.ok : L.failed} (HTTP ${v.health.httpStatus ?? '—'}${v.health.status ? `, "${mdText(v.health.status)}"` : ''})`,
    `- ${L.version} : ${mdText(v.health.version ?? '?')}${v.expectedVersion ? ` (${L.expected} ${mdText(v.expectedVersion)})` : ''}`,
    '',
    `## ${L.questions}`,
    '',
    mdTable([L.question, L.category, L.result, 'HTTP', L.latencyShort, L.vizShort, L.errors], rows),
    '',
    `## ${L.issues}`,
    '',
    ...(v.reasons.length > 0 ? v.reasons.map((r) => `- ${mdText(say(r, l), 600)}`) : [`- ${L.none}`]),
    '',
  ].join('\n')
}
