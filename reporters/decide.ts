// decide(): criteria (data) + aggregate → statuses, GO / CONDITIONAL / NO-GO, one human reason per
// non-passing criterion, and the exit code. Plain functions; no Vitest, no I/O.
import type { Aggregate } from './aggregate.ts'
import { buildCriteria, holds, type CriterionId, type CriterionSpec, type Threshold } from './criteria.ts'
import { fmtInt, fmtMs, fmtPct } from './format.ts'
import { pick, type Locale } from './i18n.ts'
import { wilsonSamplesNeeded } from './intervals.ts'
import type { RunModel } from '../core/model.ts'

export type Status = 'pass' | 'warn' | 'fail' | 'inconclusive'
export type Decision = 'GO' | 'CONDITIONAL' | 'NO-GO'

export interface CriterionResult {
  id: CriterionId
  name: string
  /** Threshold expressions, k6 style ("p95<=4000"); warn present for three-state criteria. */
  threshold: { pass: string; warn: string | null }
  observed: number | boolean | null
  /** 95 % interval of the observed value (Wilson for rates, order statistics for P95); null bounds = unknown. */
  interval: { lower: number | null; upper: number | null; method: string } | null
  status: Status
  /** 'bound' when VALIDATION_STRICT judged the confidence bound. */
  judgedOn: 'point' | 'bound'
  /** Total samples that would make this criterion conclusive; null when not computable or not applicable. */
  samplesNeeded: number | null
  note: string | null
}

export interface Verdict {
  decision: Decision
  reasons: string[]
  criteria: CriterionResult[]
  complete: boolean
  /** The run could not validate the target (setup/preflight/collector/unhandled errors): exit 1. */
  harnessError: boolean
  /** Spec §6 codes; 130/143 when a signal stopped the run (what the shell sees, so the report says it too). */
  exitCode: 0 | 1 | 2 | 3 | 130 | 143
}

const RANK: Record<Status, number> = { pass: 0, inconclusive: 1, warn: 2, fail: 3 }
const worst = (a: Status, b: Status): Status => (RANK[a] >= RANK[b] ? a : b)

function evaluate(spec: Pick<CriterionSpec, 'pass' | 'warn'>, value: number): Status {
  if (holds(spec.pass, value)) return 'pass'
  if (spec.warn && holds(spec.warn, value)) return 'warn'
  return 'fail'
}

/** The side of the interval that must satisfy the threshold in strict mode. */
function boundFor(t: Threshold, iv: { lower: number | null; upper: number | null }): number | null {
  return t.op === '>=' || t.op === '>' ? iv.lower : iv.upper
}

/**
 * Strict mode (spec §6): the bound, not the point estimate, is judged against the same thresholds; a bound that
 * does not exist (too few samples) warns. The point estimate can still only make things worse.
 */
function strictStatus(point: Status, spec: CriterionSpec, iv: { lower: number | null; upper: number | null }): Status {
  const bound = boundFor(spec.pass, iv)
  return worst(point, bound === null ? 'warn' : evaluate(spec, bound))
}

export function isComplete(model: RunModel, agg: Aggregate): boolean {
  return !model.interrupted && !model.preflightError && model.harnessErrors.length === 0 && agg.executed >= agg.planned && agg.executed > 0
}

export function decide(model: RunModel, agg: Aggregate): Verdict {
  const s = model.settings
  const L: Locale = s.locale
  const specs = buildCriteria(s)
  const complete = isComplete(model, agg)
  const results: CriterionResult[] = []
  const reasons: string[] = []
  const failedIds = agg.perQuestion.filter((q) => !q.success).map((q) => q.id)
  const listIds = (ids: string[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, … (+${ids.length - 8})` : ids.join(', '))

  for (const spec of specs) {
    const base = {
      id: spec.id,
      name: spec.name[L],
      threshold: { pass: spec.pass.source, warn: spec.warn?.source ?? null },
      judgedOn: (s.strict && spec.strictCapable ? 'bound' : 'point') as 'point' | 'bound',
    }
    let r: CriterionResult
    switch (spec.id) {
      case 'C1': {
        const st = agg.success
        const iv = { ...st.interval, method: 'Wilson 95 %' }
        let status: Status = st.rate === null ? 'inconclusive' : evaluate(spec, st.rate)
        if (s.strict && st.rate !== null) status = strictStatus(status, spec, iv)
        const needed = wilsonSamplesNeeded(st.successes, st.n, spec.pass.value)
        r = { ...base, observed: st.rate, interval: iv, status, samplesNeeded: needed, note: null }
        if (status !== 'pass') {
          reasons.push(
            st.rate === null
              ? pick(L, 'C1 : aucune tentative prévue, taux de succès indéterminé.', 'C1: no planned attempt, success rate undetermined.')
              : status === 'fail' && !holds(spec.pass, st.rate)
                ? pick(
                    L,
                    `C1 : taux de succès ${fmtPct(st.rate, L)} (${st.successes}/${st.n}) < ${fmtPct(spec.pass.value, L)} — questions en échec : ${listIds(failedIds)}.`,
                    `C1: success rate ${fmtPct(st.rate, L)} (${st.successes}/${st.n}) < ${fmtPct(spec.pass.value, L)} — failing questions: ${listIds(failedIds)}.`,
                  )
                : pick(
                    L,
                    `C1 : taux de succès ${fmtPct(st.rate, L)} mais la borne basse de l'IC 95 % (${fmtPct(iv.lower, L)}) est sous ${fmtPct(spec.pass.value, L)} (mode strict)${needed ? ` ; il faudrait ≈ ${fmtInt(needed, L)} tentatives` : ''}.`,
                    `C1: success rate ${fmtPct(st.rate, L)} but the 95 % CI lower bound (${fmtPct(iv.lower, L)}) is below ${fmtPct(spec.pass.value, L)} (strict mode)${needed ? `; ≈ ${fmtInt(needed, L)} attempts would be needed` : ''}.`,
                  ),
          )
        }
        break
      }
      case 'C2': {
        const lat = agg.latency
        const iv = { lower: lat.p95Interval.lower, upper: lat.p95Interval.upper, method: 'order statistics (binomial), 95 %' }
        let status: Status = lat.p95 === null ? 'inconclusive' : evaluate(spec, lat.p95)
        let note: string | null = null
        if (lat.p95 !== null && lat.p95Censored) {
          // The true P95 is ≥ the figure: a warn or fail stands (it can only be worse); a pass cannot be claimed.
          note = pick(
            L,
            'P95 censurée par des timeouts : la vraie valeur est ≥ au chiffre affiché.',
            'P95 censored by timeouts: the true value is ≥ the figure shown.',
          )
          if (status === 'pass') status = 'inconclusive'
        }
        if (s.strict && lat.p95 !== null && status !== 'inconclusive') status = strictStatus(status, spec, iv)
        const minN = lat.p95Interval.ranks.minSamplesForUpper
        let needed: number | null = null
        if (lat.n < minN) {
          needed = minN
          note ??= pick(
            L,
            `n = ${lat.n} < ${minN} : aucune borne haute à 95 % pour la P95 (il faut ≥ ${minN} échantillons).`,
            `n = ${lat.n} < ${minN}: no 95 % upper bound for the P95 (needs ≥ ${minN} samples).`,
          )
        } else if (lat.p95 !== null && iv.lower !== null && iv.upper !== null) {
          // The interval straddles a threshold: estimate the n at which it would not (width shrinks ~ 1/√n).
          let worstRatio = 0
          for (const t of [spec.pass.value, spec.warn?.value ?? spec.pass.value]) {
            if (iv.lower <= t && t <= iv.upper) {
              const half = t >= lat.p95 ? iv.upper - lat.p95 : lat.p95 - iv.lower
              const d = Math.abs(t - lat.p95)
              worstRatio = Math.max(worstRatio, d > 0 ? half / d : Infinity)
            }
          }
          needed = worstRatio === 0 ? lat.n : Number.isFinite(worstRatio) ? Math.ceil(lat.n * worstRatio * worstRatio) : null
        }
        r = { ...base, observed: lat.p95, interval: iv, status, samplesNeeded: needed, note }
        if (status !== 'pass') {
          const p95 = fmtMs(lat.p95, L)
          const over = agg.stagesOverBudget
          const stages = over.length
            ? pick(
                L,
                ` Étape(s) hors budget : ${over.map((o) => `${o.name} P95 ${fmtMs(o.p95, L)} > ${fmtMs(o.budgetMs, L)}`).join(', ')}.`,
                ` Stage(s) over budget: ${over.map((o) => `${o.name} P95 ${fmtMs(o.p95, L)} > ${fmtMs(o.budgetMs, L)}`).join(', ')}.`,
              )
            : ''
          const c2Reason =
            lat.p95 === null
              ? pick(L, 'C2 : aucune latence mesurée, P95 indéterminée.', 'C2: no latency measured, P95 undetermined.')
              : status === 'fail' && !(spec.warn && holds(spec.warn, lat.p95))
                ? pick(
                    L,
                    `C2 : P95 ${p95} > ${fmtMs(spec.warn?.value, L)} (seuil NO-GO).`,
                    `C2: P95 ${p95} > ${fmtMs(spec.warn?.value, L)} (NO-GO threshold).`,
                  )
                : status === 'fail'
                  ? pick(
                      L,
                      `C2 : P95 ${p95} mais sa borne haute à 95 % (${fmtMs(iv.upper, L)}) dépasse ${fmtMs(spec.warn?.value, L)} (seuil NO-GO, mode strict)${needed ? ` ; il faudrait ≈ ${fmtInt(needed, L)} échantillons` : ''}.`,
                      `C2: P95 ${p95} but its 95 % upper bound (${fmtMs(iv.upper, L)}) exceeds ${fmtMs(spec.warn?.value, L)} (NO-GO threshold, strict mode)${needed ? `; ≈ ${fmtInt(needed, L)} samples would be needed` : ''}.`,
                    )
                  : status === 'inconclusive'
                    ? pick(L, `C2 : P95 ${p95} non concluante — ${note ?? ''}`, `C2: P95 ${p95} inconclusive — ${note ?? ''}`)
                    : lat.p95 > spec.pass.value
                      ? pick(
                          L,
                          `C2 : P95 ${p95} entre ${fmtMs(spec.pass.value, L)} et ${fmtMs(spec.warn?.value, L)} (zone conditionnelle).`,
                          `C2: P95 ${p95} between ${fmtMs(spec.pass.value, L)} and ${fmtMs(spec.warn?.value, L)} (conditional zone).`,
                        )
                      : pick(
                          L,
                          `C2 : P95 ${p95} ≤ ${fmtMs(spec.pass.value, L)} mais sa borne haute à 95 % (${fmtMs(iv.upper, L)}) ne l'établit pas (mode strict)${needed ? ` ; il faudrait ≈ ${fmtInt(needed, L)} échantillons` : ''}.`,
                          `C2: P95 ${p95} ≤ ${fmtMs(spec.pass.value, L)} but its 95 % upper bound (${fmtMs(iv.upper, L)}) does not establish it (strict mode)${needed ? `; ≈ ${fmtInt(needed, L)} samples would be needed` : ''}.`,
                        )
          // A censored P95 in the warn or fail zone keeps its status; the reason says it could be worse.
          reasons.push(`${c2Reason}${lat.p95Censored && status !== 'inconclusive' && note ? ` ${note}` : ''}${stages}`)
        }
        break
      }
      case 'C3': {
        const v = agg.vizCoverage
        const status: Status = v.rate === null ? 'inconclusive' : evaluate(spec, v.rate)
        const missing = agg.perQuestion.filter((q) => q.dataWithoutViz).map((q) => q.id)
        r = {
          ...base,
          observed: v.rate,
          interval: { ...v.interval, method: 'Wilson 95 %' },
          status,
          samplesNeeded: null,
          note: null,
        }
        if (status !== 'pass')
          reasons.push(
            v.rate === null
              ? pick(L, 'C3 : aucune réponse DATA_PRESENTATION à juger.', 'C3: no DATA_PRESENTATION answer to judge.')
              : pick(
                  L,
                  `C3 : ${v.n - v.successes} réponse(s) DATA_PRESENTATION sur ${v.n} sans visualisation${missing.length ? ` (${listIds(missing)})` : ''}.`,
                  `C3: ${v.n - v.successes} of ${v.n} DATA_PRESENTATION answer(s) without a visualization${missing.length ? ` (${listIds(missing)})` : ''}.`,
                ),
          )
        break
      }
      case 'C4': {
        const c = agg.critical
        const status = evaluate(spec, c.count)
        const kinds = Object.entries(c.byKind)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ')
        const ids = [...new Set(c.items.map((i) => i.questionId))]
        r = {
          ...base,
          observed: c.count,
          interval: null,
          status,
          samplesNeeded: null,
          note:
            c.count === 0 && agg.executed > 0
              ? pick(
                  L,
                  `0 sur ${agg.executed} : taux réel de bugs critiques ≤ ${fmtPct(Math.min(1, 3 / agg.executed), L)} à 95 % (règle de trois).`,
                  `0 of ${agg.executed}: true critical-bug rate ≤ ${fmtPct(Math.min(1, 3 / agg.executed), L)} at 95 % (rule of three).`,
                )
              : null,
        }
        if (status !== 'pass')
          reasons.push(
            pick(
              L,
              `C4 : ${c.count} bug(s) critique(s) (${kinds}) — ${listIds(ids)}.`,
              `C4: ${c.count} critical bug(s) (${kinds}) — ${listIds(ids)}.`,
            ),
          )
        break
      }
      case 'C5': {
        const status = evaluate(spec, complete ? 1 : 0)
        r = { ...base, observed: complete, interval: null, status, samplesNeeded: null, note: null }
        if (!complete) {
          const why: string[] = []
          if (model.preflightError) why.push(pick(L, `cible inutilisable : ${model.preflightError}`, `target unusable: ${model.preflightError}`))
          if (model.interrupted) why.push(pick(L, 'exécution interrompue', 'run interrupted'))
          if (agg.executed === 0) why.push(pick(L, 'aucune tentative mesurée', 'no measured attempt'))
          else if (agg.executed < agg.planned)
            why.push(
              pick(
                L,
                `${agg.planned - agg.executed} tentative(s) prévue(s) non exécutée(s) (${listIds(agg.notExecuted)})`,
                `${agg.planned - agg.executed} planned attempt(s) not executed (${listIds(agg.notExecuted)})`,
              ),
            )
          for (const e of model.harnessErrors.slice(0, 3)) why.push(pick(L, `erreur du harnais : ${e}`, `harness error: ${e}`))
          if (model.harnessErrors.length > 3) why.push(`+${model.harnessErrors.length - 3}`)
          r.note = why.join('; ')
          reasons.push(pick(L, `C5 : exécution incomplète — ${why.join(' ; ')}.`, `C5: run incomplete — ${why.join('; ')}.`))
        }
        break
      }
    }
    results.push(r)
  }

  let decision: Decision = results.some((r) => r.status === 'fail')
    ? 'NO-GO'
    : results.some((r) => r.status === 'warn' || r.status === 'inconclusive')
      ? 'CONDITIONAL'
      : 'GO'
  // The cause comes first when there is one: a configuration error or an unusable target explains every
  // criterion below it.
  for (const e of model.harnessErrors.filter((x) => x.startsWith('configuration error:')).reverse()) reasons.unshift(e)
  if (model.preflightError)
    reasons.unshift(
      pick(
        L,
        `Cible inutilisable : ${model.preflightError} — aucune question n'a été posée.`,
        `Target unusable: ${model.preflightError} — no question was asked.`,
      ),
    )
  // Belt and braces: an empty or incomplete run is never GO (C5 already fails it).
  if (!complete || agg.executed === 0) decision = 'NO-GO'
  const harnessError = model.harnessErrors.length > 0
  const exitCode = model.signal === 'SIGINT' ? 130 : model.signal === 'SIGTERM' ? 143 : verdictExitCode(decision, harnessError, s.failOnConditional)
  return { decision, reasons, criteria: results, complete, harnessError, exitCode }
}

/** Spec §6: GO 0 · CONDITIONAL 0 (3 with failOnConditional) · NO-GO 2 · harness/configuration error 1. */
export function verdictExitCode(decision: Decision, harnessError: boolean, failOnConditional: boolean): 0 | 1 | 2 | 3 {
  if (harnessError) return 1
  if (decision === 'NO-GO') return 2
  if (decision === 'CONDITIONAL') return failOnConditional ? 3 : 0
  return 0
}

/**
 * The process exit code once the verdict is known. Failures Vitest found OUTSIDE the validation suite (other
 * projects' failed tests, unhandled errors) keep the code ≥ 1 and the verdict may only raise it. Otherwise the
 * verdict decides alone: validation-test failures the verdict tolerates do not fail the process.
 */
export function finalExitCode(verdictCode: number, current: number | undefined, outsideFailure: boolean): number {
  if (outsideFailure) return Math.max(current && current > 0 ? current : 1, verdictCode)
  return verdictCode
}
