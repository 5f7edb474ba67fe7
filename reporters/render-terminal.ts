// The terminal summary printed at the end of `npx vitest run`: decision first, then the criteria, the failed
// questions with their reasons, the notes the verdict carries, and where the reports are. Words from
// core/locale/report.ts and verdict.ts; figures by their metric's unit (docs/report-contract.md).
import { streamParams } from './stream-stats.ts'
import { comparisonTerminal } from './render-comparison.ts'
import '../core/locale/report.ts'
import { appliedLoadLine } from './applied-load.ts'
import '../core/locale/verdict.ts'
import '../core/locale/gate.ts'
import { limitsOf, observedFigure } from './figures.ts'
import { type Locale, say } from '../core/locale/index.ts'
import { terminalText } from '../core/terminal-text.ts'
import type { ReasonParam } from '../core/reason.ts'
import type { Aggregate } from './aggregate.ts'
import type { Status, Verdict } from './decide.ts'
import type { RunModel } from '../core/model.ts'
import { looserLine } from './looser.ts'

const STATUSES: readonly Status[] = ['pass', 'warn', 'fail', 'inconclusive', 'not-applicable']

/**
 * The first column of a status line: the status in the reader's language (core/locale/report.ts report.term.status.*),
 * padded to the locale's longest, so the criteria line up ("PASS", "ÉCHEC"). The exploratory terminal shares it.
 */
export function statusColumn(status: Status, L: Locale): string {
  const word = (s: Status) => say({ code: `report.term.status.${s}`, params: {} }, L)
  return word(status).padEnd(Math.max(...STATUSES.map((s) => word(s).length)))
}

/** One line, no control characters (target text may contain anything): core/terminal-text.ts. */
const plain = terminalText

/** The terminal is narrow: the parenthesised precision stays in the Markdown report. */
const shortName = (name: string): string => plain(name.replace(/\s*\(.*\)$/, ''), 50)

export function renderTerminal(model: RunModel, agg: Aggregate, verdict: Verdict, files: { dir: string; written: boolean }): string {
  const L = model.settings.locale
  const t = (code: string, params: Record<string, ReasonParam> = {}) => say({ code, params }, L)
  const lines: string[] = []
  // The banner is the same in both languages: CI logs and scripts look for it.
  // A run against the embedded service says, in this very line, that it validated no release (issue 9).
  const looser = looserLine(model)
  const reference = `${model.target.embedded ? ` — ${say({ code: 'gate.reference_only', params: {} }, L)}` : ''}${looser ? ` — ${plain(say(looser, L), 600)}` : ''}`
  // Documents that could not be written carry no verdict: the banner says what the report directory says (NO-GO, no
  // verdict), not the decision nobody can read — a "GO ══ (exit 1)" banner once stood above the NO-GO last line.
  const decision = files.written ? verdict.decision : 'NO-GO'
  lines.push('', `══ Harena validation: ${decision} ══ (exit ${verdict.exitCode})${reference}`)
  lines.push(`   ${plain(t('report.term.identity', { version: model.target.version ?? null, runId: model.runId ?? '—' }), 200)}`)
  for (const r of verdict.reasons) lines.push(`   • ${plain(say(r, L), 400)}`)
  lines.push('')
  for (const c of verdict.criteria) {
    const obs = observedFigure(c, L)
    lines.push(
      `   ${statusColumn(c.status, L)}  ${c.id} ${shortName(say(c.name, L)).padEnd(50)} ${obs.padStart(10)}   ${c.threshold.pass}${c.threshold.warn ? ` / ${c.threshold.warn}` : ''}${c.judgedOn === 'bound' ? t('report.term.bound') : ''}`,
    )
  }
  const lat = agg.latency
  lines.push(
    '',
    `   ${t('report.term.summary', {
      executed: agg.executed,
      planned: agg.planned,
      successes: agg.success.successes,
      p50: lat.p50,
      p95: lat.p95,
      p99: lat.p99,
      c50: lat.p50Censored,
      c95: lat.p95Censored,
      c99: lat.p99Censored,
      embedded: model.target.embedded,
      url: plain(model.target.baseUrl, 80),
      // The P95 against its criterion's thresholds, as the criteria lines above write it (figures.ts limitsOf).
      limits: limitsOf(verdict.criteria, 'p95_ms'),
    })}`,
  )
  lines.push(`   ${plain(say(appliedLoadLine(model), L), 300)}`)
  if (agg.stream) lines.push(`   ${t('report.term.ttfc', { ...streamParams(agg.stream), limits: limitsOf(verdict.criteria, 'ttfc_p95_ms') })}`)
  if (agg.comparison) lines.push(...comparisonTerminal(agg.comparison, L))
  const failed = agg.perQuestion.filter((q) => !q.success)
  if (failed.length) {
    lines.push('', `   ${t('report.term.failed')}`)
    for (const q of failed.slice(0, 30)) {
      const why =
        q.executed === 0
          ? t('report.term.not_executed')
          : q.failures
              .map((f) => f.reason)
              .slice(0, 2)
              .join(' | ') || t('report.term.missing_attempts')
      lines.push(`   - ${q.id} (${q.passed}/${q.planned}) ${plain(why, 200)}`)
    }
    if (failed.length > 30) lines.push(`   … +${failed.length - 30}`)
  }
  for (const c of verdict.criteria)
    for (const n of c.notes)
      if (n.code === 'note.samples_needed') lines.push(`   ${t('report.term.criterion_note', { criterion: c.id, note: say(n, L) })}`)
  for (const n of verdict.notes) lines.push(`   ${t('report.term.note', { note: say(n, L) })}`)
  lines.push(`   ${t('report.term.reports', { written: files.written, dir: files.dir })}`)
  lines.push('')
  return lines.join('\n')
}
