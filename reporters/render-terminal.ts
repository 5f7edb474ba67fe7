// The terminal summary printed at the end of `npx vitest run`: decision first, then the criteria, the failed
// questions with their reasons, sample-size notes, and why the exit code is what it is.
import type { Aggregate } from './aggregate.ts'
import type { Status, Verdict } from './decide.ts'
import { fmtInt, fmtMs, fmtPct } from './format.ts'
import { pick } from './i18n.ts'
import type { RunModel } from '../core/model.ts'

const ICON: Record<Status, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', inconclusive: '????' }

/** One line, no control characters (target text may contain anything). */
const plain = (s: string, max = 160) => {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

/** The terminal is narrow: the parenthesised precision stays in the Markdown report. */
const shortName = (name: string): string => plain(name.replace(/\s*\(.*\)$/, ''), 50)

export function renderTerminal(model: RunModel, agg: Aggregate, verdict: Verdict, files: { dir: string; written: boolean }): string {
  const L = model.settings.locale
  const lines: string[] = []
  lines.push('', `══ Harena validation: ${verdict.decision} ══ (exit ${verdict.exitCode})`)
  for (const r of verdict.reasons) lines.push(`   • ${plain(r, 400)}`)
  lines.push('')
  for (const c of verdict.criteria) {
    let obs: string
    if (c.observed === null) obs = '—'
    else if (typeof c.observed === 'boolean') obs = c.observed ? pick(L, 'oui', 'yes') : pick(L, 'non', 'no')
    else obs = c.id === 'C2' ? fmtMs(c.observed, L) : c.id === 'C4' ? String(c.observed) : fmtPct(c.observed, L)
    lines.push(
      `   ${ICON[c.status]}  ${c.id} ${shortName(c.name).padEnd(50)} ${obs.padStart(10)}   ${c.threshold.pass}${c.threshold.warn ? ` / ${c.threshold.warn}` : ''}${c.judgedOn === 'bound' ? ' (bound)' : ''}`,
    )
  }
  lines.push(
    '',
    `   ${fmtInt(agg.executed, L)}/${fmtInt(agg.planned, L)} attempts, ${agg.success.successes} ok · P50 ${fmtMs(agg.latency.p50, L)} · P95 ${fmtMs(agg.latency.p95, L)} · P99 ${fmtMs(agg.latency.p99, L)} (type 7) · ${model.target.embedded ? 'embedded reference service' : plain(model.target.baseUrl, 80)}`,
  )
  const failed = agg.perQuestion.filter((q) => !q.success)
  if (failed.length) {
    lines.push('', pick(L, '   Questions en échec :', '   Failed questions:'))
    for (const q of failed.slice(0, 30)) {
      const why =
        q.executed === 0
          ? pick(L, 'non exécutée', 'not executed')
          : q.failures
              .map((f) => f.reason)
              .slice(0, 2)
              .join(' | ') || pick(L, 'tentatives manquantes', 'missing attempts')
      lines.push(`   - ${q.id} (${q.passed}/${q.planned}) ${plain(why, 200)}`)
    }
    if (failed.length > 30) lines.push(`   … +${failed.length - 30}`)
  }
  for (const c of verdict.criteria)
    if (c.samplesNeeded !== null && c.samplesNeeded > agg.executed)
      lines.push(
        pick(
          L,
          `   note ${c.id} : ≈ ${fmtInt(c.samplesNeeded, L)} échantillons rendraient ce critère concluant (actuellement ${agg.executed})`,
          `   note ${c.id}: ≈ ${fmtInt(c.samplesNeeded, L)} samples would make it conclusive (now ${agg.executed})`,
        ),
      )
  // When C2 does not pass, its reason above already names these stages.
  if (verdict.criteria.find((c) => c.id === 'C2')?.status === 'pass')
    for (const o of agg.stagesOverBudget)
      lines.push(
        pick(
          L,
          `   note : étape ${o.name} P95 ${fmtMs(o.p95, L)} > budget ${fmtMs(o.budgetMs, L)}`,
          `   note: stage ${o.name} P95 ${fmtMs(o.p95, L)} > budget ${fmtMs(o.budgetMs, L)}`,
        ),
      )
  if (agg.cacheSuspected)
    lines.push(
      pick(
        L,
        `   note : tentatives mesurées ≈ ${fmtPct(agg.cacheSuspected.medianRatio, L)} de la latence de leur échauffement — cache probable, latence optimiste`,
        `   note: measured attempts ≈ ${fmtPct(agg.cacheSuspected.medianRatio, L)} of their warm-up's latency — likely a cache, latency optimistic`,
      ),
    )
  if (agg.latency.n > 0 && agg.latency.n < 20)
    lines.push(
      pick(L, `   note : P95 sur ${agg.latency.n} échantillons, faiblement étayée`, `   note: P95 from ${agg.latency.n} samples is weakly supported`),
    )
  lines.push(files.written ? `   reports: ${files.dir}` : `   reports: NOT written to ${files.dir}`)
  lines.push('')
  return lines.join('\n')
}
