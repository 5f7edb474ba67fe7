// An answer against the ground truth of its question: the total, count and average it shows (KPI cards, else the
// insight data or search summary, else the total its text states), the top category of its pie, the top merchant of
// a chart that ranks merchants (else its text must name it), and — for anomaly questions — precision and recall of
// the anomalies it reports (insights' transaction ids, a chart's "Merchant (date)" labels). Pure.
import { reason, type Reason } from '../../../core/reason.ts'
import { fold } from '../checks/text.ts'
import { factsOf, type Fact } from '../grounding/facts.ts'
import { type StatedFigure, statedFigures } from '../grounding/figures.ts'
import { knownMerchant, namedAnomalyMerchants, unusualTransactionData } from '../grounding/anomalies.ts'
import { ownNoUnusualClaim } from '../grounding/claims/claims-nothing.ts'
import { unheldHeadline } from '../grounding/claims/headline.ts'
import { statedTopParts } from '../grounding/claims/top-part.ts'
import { ratioClash, wholeChangeClaims } from '../grounding/claims/whole-changes.ts'
import { dayMatches, monthMatches, statedDay, statedMonth } from '../grounding/dates.ts'
import { ANOMALY_CONTEXT } from '../grounding/figures.ts'
import { directionsClash, type Fit, fitOf } from '../grounding/fit.ts'
import { ownPeriodsOf } from '../grounding/own-periods.ts'
import { statedPairs, statedPrevious } from '../grounding/pairs.ts'
import { COMPARES, scopeIn } from '../grounding/scope.ts'
import { foldKeep, MAX_READ_CHARS } from '../grounding/figures.ts'
import { categoriesSpoken, questionEntities } from '../checks/question-asked.ts'
import { answerRange } from '../checks/period-asked.ts'
import type { NormalizedTurn } from '../turn.ts'
import type { TruthQuestion } from '../../../core/ground-truth.ts'
import type { Observes } from '../../../core/observes.ts'

const DEFAULT_MIN_PRECISION = 1
const DEFAULT_MIN_RECALL = 0.5
const OTHERS = new Set(['autres', 'autre', 'others', 'other'])
const isAnomalyChart = (title: string): boolean => /(inhabituel|anomal|unusual|suspect)/.test(fold(title))

/**
 * What the answer's wire can use to report anomalies: its insight list (capped by the contract: v2 carries at most
 * 3 insights) and its charts. Recall is measured against what the answer could have shown, never more: a v2 answer
 * cannot name 7 anomalies in 3 insights, and a v3 answer carries neither list (docs/grounding.md).
 */
export interface AnomalyCarriers {
  contract: string
  observes: Observes
  /** The longest insight list the contract carries, or null when it sets no limit. */
  insightLimit: number | null
}

export interface TruthResult {
  failures: Reason[]
  /** Observations: anomaly precision/recall, figures the answer does not show. */
  notes: Reason[]
}

interface Shown {
  value: number
  source: string
  /** A figure the text states, with the precision and the bound it was written with ("environ 2 660 €"). */
  stated?: StatedFigure
}

// "vous y aviez dépensé 160,50 €", "le total était de …": a past-perfect or imperfect sentence compares with an
// earlier time, it is not the answer's own figure (review 2026-12-05: a September comparison read as the total).
const EARLIER_TENSE = /\b(?:aviez|avais|avait|avions|avaient|etait|etaient)\b/

/**
 * The figure of `role` the text states for the answer's own scope: the first one (the headline's) whose sentence
 * names no other period than the answer's (grounding/scope.ts scopeIn, relative to the asked period and the answer's
 * own range) and does not look back in an earlier tense.
 */
function statedOwn(turn: NormalizedTurn, question: string, role: 'total' | 'average'): Shown | null {
  const own = ownPeriodsOf(question, turn)
  // Nor the previous period's amount by its own words ("Le mois dernier à la même date, vous aviez dépensé …").
  const previous = statedPrevious(turn, question).map((f) => f.index)
  const stated = statedFigures(turn.message, answerRange(question, turn)).find(
    (f) => f.role === role && scopeIn(own, f) === 'own' && !EARLIER_TENSE.test(f.clause) && !previous.includes(f.index),
  )
  return stated === undefined ? null : { value: stated.value, source: 'message', stated }
}

/**
 * Every figure the answer shows for a role: the carried one (a card, a summary), and the one its text states for its
 * own scope — both are read by the user, so both must hold (a wrong "montant moyen : 37,40 €" beside a right carried
 * figure, or none, was never read on v3). The stated one is left out when it repeats the carried value.
 */
function shownFigures(turn: NormalizedTurn, question: string, role: 'total' | 'average', carried: Fact | null): Shown[] {
  const out: Shown[] = []
  if (carried !== null && carried.source !== 'search_summary') out.push({ value: carried.value, source: carried.name || carried.source })
  const stated = statedOwn(turn, question, role)
  if (stated !== null && !out.some((s) => s.value === stated.value)) out.push(stated)
  return out
}

/**
 * The headline amount of a "how much" answer whose words give it no role (grounding/claims/headline.ts unheldHeadline:
 * "vos dépenses se chiffrent à 2 961,93 €", "Netflix vous a prélevé 15,49 €") is the total it states, held to the
 * truth's when no amount of the message holds that total and no figure of the total's role is stated (third review,
 * 2026-12-05: read only from KPI cards or a text "total", a wrong one was never seen).
 */
function withHeadline(shown: Shown[], turn: NormalizedTurn, question: string, expected: number | undefined): Shown[] {
  if (expected === undefined || shown.some((s) => s.stated !== undefined)) return shown
  const headline = unheldHeadline(turn, question, [expected])
  if (headline === null || shown.some((s) => s.value === headline.value)) return shown
  return [...shown, { value: headline.value, source: 'message', stated: headline }]
}

/**
 * One rule on every route: a carried figure within the file's tolerance; a figure the text states read as the
 * grounding reads it (grounding/fit.ts fitOf, docs/grounding.md "Rounded and bounded figures"), so a streamed
 * answer (no carried total) does not fail a rounding that a JSON answer's card would have let pass. Exact digits
 * agree within their rounding ("2 662 €" is 2 661,93 ± 0,50); an approximation agrees when its writer rounded (half a
 * step) or cut (up to a step below) and stays within a tenth ("environ 2 660 €", "environ 134 €" for 133,98); a bound
 * in its direction within one step. Too coarse to state the figure ("environ 3 000 €", "plus de 100 €") is loose:
 * noted not checkable, never passed as checked; false as written ("environ 2 900 €") contradicts.
 */
function shownFit(shown: Shown, expected: number, tolerance: number): Fit {
  if (Math.abs(shown.value - expected) <= tolerance + 1e-9) return 'agrees'
  const stated = shown.stated
  if (stated === undefined) return 'contradicts'
  if (stated.bound === 'exact') return Math.abs(stated.value - expected) <= Math.max(tolerance, stated.halfUnit) + 1e-9 ? 'agrees' : 'contradicts'
  return fitOf(stated, expected)
}

interface ReportedAnomaly {
  id: string | null
  merchant: string | null
  date: string | null
}

/** Anomalies the answer reports: unusual_transaction insights, and the labels of a chart of unusual spending. */
export function reportedAnomalies(turn: NormalizedTurn): ReportedAnomaly[] {
  const out: ReportedAnomaly[] = []
  for (const d of unusualTransactionData(turn)) {
    const id = d['transaction_id']
    out.push({
      id: typeof id === 'number' || typeof id === 'string' ? String(id) : null,
      merchant: typeof d['merchant_name'] === 'string' ? d['merchant_name'] : null,
      date: typeof d['date'] === 'string' ? d['date'] : null,
    })
  }
  for (const v of turn.visualizations) {
    if (!isAnomalyChart(v.title)) continue
    for (const label of v.labels) {
      if (OTHERS.has(fold(label).trim())) continue // "Autres" lumps the rest: not a reported anomaly
      const m = /^(.*?)\s*\((\d{4}-\d{2}-\d{2})\)\s*$/.exec(label)
      out.push({ id: null, merchant: (m?.[1] ?? label).trim(), date: m?.[2] ?? null })
    }
  }
  return out
}

/**
 * How many distinct anomalies this answer could have named: the contract's insight limit (when its wire carries
 * insights) plus, for a chart of unusual spending, its named labels when it lumped the rest into "Autres" (else
 * unbounded). 0: nothing on this wire can carry an anomaly — recall is not observable, not failed.
 */
export function anomalyCapacity(turn: NormalizedTurn, carriers: AnomalyCarriers | undefined): number {
  if (carriers === undefined) return Number.POSITIVE_INFINITY
  const insights = carriers.observes.insights === 'absent' ? 0 : (carriers.insightLimit ?? Number.POSITIVE_INFINITY)
  if (carriers.observes.visualizations === 'absent') return insights
  let charts = 0
  for (const v of turn.visualizations) {
    if (!isAnomalyChart(v.title)) continue
    const named = v.labels.filter((l) => !OTHERS.has(fold(l).trim())).length
    charts += named < v.labels.length ? named : Number.POSITIVE_INFINITY
  }
  return insights + charts
}

function anomalyCheck(truth: TruthQuestion, turn: NormalizedTurn, carriers: AnomalyCarriers | undefined, question: string): TruthResult {
  const expected = truth.anomalies ?? []
  // "Je n'ai relevé aucune anomalie" where the truth lists some is false on any wire, even one that cannot list them.
  const denied = expected.length > 0 ? ownNoUnusualClaim(turn, question) : undefined
  const deniedFailures = denied === undefined ? [] : [reason('truth.anomalies_denied', { stated: denied.text, expected: expected.length })]
  deniedFailures.push(...anomalyDates(expected, turn.message))
  deniedFailures.push(...anomalyMonths(expected, turn.message), ...anomalyMerchants(expected, turn.message))
  const capacity = anomalyCapacity(turn, carriers)
  if (capacity === 0 && expected.length > 0)
    return {
      failures: deniedFailures,
      notes: [reason('truth.anomalies_not_observable', { contract: carriers?.contract ?? '', expected: expected.length })],
    }
  const reported = reportedAnomalies(turn)
  const same = (r: ReportedAnomaly, t: (typeof expected)[number]): boolean =>
    (r.id !== null && r.id === String(t.id)) ||
    (r.merchant !== null && r.date !== null && t.merchant !== undefined && t.date === r.date && fold(t.merchant) === fold(r.merchant))
  // One reported anomaly per distinct thing: the insight and the chart label of one transaction count once.
  const matched = new Set<number>()
  const falsePositives: string[] = []
  const seen = new Set<string>()
  for (const r of reported) {
    const at = expected.findIndex((t) => same(r, t))
    if (at !== -1) {
      matched.add(at)
      continue
    }
    const key = r.id ?? `${r.merchant ?? '?'} ${r.date ?? ''}`.trim()
    if (!seen.has(key)) {
      seen.add(key)
      falsePositives.push(key)
    }
  }
  const reportedCount = matched.size + falsePositives.length
  const precision = reportedCount === 0 ? (expected.length === 0 ? 1 : 0) : matched.size / reportedCount
  // The denominator is what the answer could show: 2 of 3 insight slots is not 2 of 7 anomalies.
  const showable = Math.min(expected.length, capacity)
  const recall = showable === 0 ? 1 : Math.min(1, matched.size / showable)
  const minPrecision = truth.minPrecision ?? DEFAULT_MIN_PRECISION
  const minRecall = truth.minRecall ?? DEFAULT_MIN_RECALL
  const missed = expected.filter((_, i) => !matched.has(i)).map((t) => String(t.id))
  const params = {
    precision,
    recall,
    minPrecision,
    minRecall,
    found: matched.size,
    reported: reportedCount,
    expected: expected.length,
    showable,
    falsePositives: falsePositives.slice(0, 5),
    missed: missed.slice(0, 5),
  }
  const failures: Reason[] = [...deniedFailures]
  if (precision < minPrecision || recall < minRecall) failures.push(reason('truth.anomalies', params))
  return { failures, notes: [reason('truth.anomalies_measured', params)] }
}

/**
 * An unusual transaction the text describes at a merchant the truth lists ("… chez Optic 2000 le 9 juin 2025") in a
 * clause about unusual spending must carry one of that merchant's true dates: on any wire, also one (v3) that carries
 * no anomaly data of its own. Other purchases at that merchant, outside such a clause, are not judged.
 */
function anomalyDates(expected: NonNullable<TruthQuestion['anomalies']>, message: string): Reason[] {
  const folded = foldKeep(message)
  const out: Reason[] = []
  const merchants = [...new Set(expected.flatMap((t) => (t.merchant === undefined ? [] : [fold(t.merchant).trim()])))].filter((m) => m.length >= 2)
  for (const merchant of merchants) {
    const named = new RegExp(`(?:chez|aupres de)\\s+(?:l'|le |la |les )?${merchant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[^a-z0-9]|$)`, 'g')
    for (const m of folded.matchAll(named)) {
      const at = (m.index ?? 0) + m[0].length
      const start = Math.max(folded.lastIndexOf('.', m.index ?? 0), folded.lastIndexOf('\n', m.index ?? 0)) + 1
      const rest = folded.slice(at, at + 60).split(/[;!?\n]|\.(?!\d)/)[0] ?? ''
      const date = statedDay(rest.split(/\bchez\b/)[0] ?? '')
      if (date === null || !ANOMALY_CONTEXT.test(folded.slice(start, at + rest.length))) continue
      const dates = expected
        .filter((t) => t.merchant !== undefined && fold(t.merchant).trim() === merchant && t.date !== undefined)
        .map((t) => t.date as string)
      if (dates.length === 0 || dates.some((d) => dayMatches(date, d))) continue
      const said = `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}${date.year === null ? '' : `/${date.year}`}`
      out.push(
        reason('truth.anomaly_date', {
          merchant: expected.find((t) => t.merchant !== undefined && fold(t.merchant).trim() === merchant)?.merchant ?? merchant,
          stated: said,
          expected: dates.slice(0, 3),
        }),
      )
    }
  }
  return out
}

/**
 * A month said without a day for an unusual transaction at a merchant the truth lists ("Optic 2000, 689,00 €, en mars
 * 2026", "chez Fnac en octobre"), in a sentence about unusual spending, must be one of that merchant's true months
 * (review 2026-12-05, round 3). Read after the merchant's name up to the next merchant the truth lists.
 */
function anomalyMonths(expected: NonNullable<TruthQuestion['anomalies']>, message: string): Reason[] {
  const folded = foldKeep(message.slice(0, MAX_READ_CHARS))
  const out: Reason[] = []
  const merchants = [...new Set(expected.flatMap((t) => (t.merchant === undefined ? [] : [fold(t.merchant).trim()])))].filter((m) => m.length >= 2)
  const esc = (m: string): string => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const anyMerchant = new RegExp(`(^|[^a-z0-9])(?:${merchants.map(esc).join('|')})(?=[^a-z0-9]|$)`)
  for (const merchant of merchants) {
    for (const m of folded.matchAll(new RegExp(`(^|[^a-z0-9])${esc(merchant)}(?=[^a-z0-9]|$)`, 'g'))) {
      const at = (m.index ?? 0) + m[0].length
      const start = Math.max(folded.lastIndexOf('.', m.index ?? 0), folded.lastIndexOf('\n', m.index ?? 0)) + 1
      let rest = folded.slice(at, at + 60).split(/[;!?\n]|\.(?!\d)/)[0] ?? ''
      const next = anyMerchant.exec(rest)
      if (next !== null) rest = rest.slice(0, next.index)
      // The amount's own clause: up to the amount, then past it (statedMonth stops at the next amount).
      const amountAt = rest.search(/\d[\d\s.,]*(?:€|eur)/)
      const tail = amountAt === -1 ? rest : rest.slice(amountAt).replace(/^\d[\d\s.,]*(?:€|euros?|eur)/, '')
      const month = statedMonth(amountAt === -1 ? rest : `${rest.slice(0, amountAt)} ${tail}`)
      if (month === null || !ANOMALY_CONTEXT.test(folded.slice(start, at + rest.length))) continue
      const dates = expected
        .filter((t) => t.merchant !== undefined && fold(t.merchant).trim() === merchant && t.date !== undefined)
        .map((t) => t.date as string)
      if (dates.length === 0 || dates.some((d) => monthMatches(month, d))) continue
      out.push(
        reason('truth.anomaly_date', {
          merchant: expected.find((t) => t.merchant !== undefined && fold(t.merchant).trim() === merchant)?.merchant ?? merchant,
          stated: `${String(month.month).padStart(2, '0')}${month.year === null ? '' : `/${month.year}`}`,
          expected: dates.slice(0, 3),
        }),
      )
    }
  }
  return out
}

/**
 * An unusual transaction described at a merchant the truth does not list (namedAnomalyMerchants: « un achat Apple de
 * 1 499,00 € » in a sentence about unusual spending) is invented: the truth lists every anomaly. Judged only when the
 * truth names the merchant of each.
 */
function anomalyMerchants(expected: NonNullable<TruthQuestion['anomalies']>, message: string): Reason[] {
  if (expected.length === 0 || expected.some((t) => t.merchant === undefined)) return []
  const known = expected.map((t) => t.merchant as string)
  return namedAnomalyMerchants(message)
    .filter((name) => !knownMerchant(name, known))
    .map((name) => reason('truth.anomaly_unknown', { merchant: name, expected: [...new Set(known)].slice(0, 7) }))
}

/** "Votre premier poste est le Logement" where the truth's top category is another known category (no pie to read). */
function statedTopCategory(message: string, expected: string): string | null {
  const wanted = fold(expected).trim()
  for (const part of statedTopParts(foldKeep(message))) {
    if (new RegExp(`(^|[^a-z0-9])${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(part)) continue
    const named = questionEntities(part).categories
    if (named.length > 0 && !named.some((c) => fold(c).trim() === wanted)) return named[0] ?? null
  }
  return null
}

/** Largest labelled value of a chart, "Autres" excluded. */
function topLabel(labels: readonly string[], values: readonly number[]): string | null {
  let best: { label: string; value: number } | null = null
  labels.forEach((label, i) => {
    const value = values[i] ?? 0
    if (OTHERS.has(fold(label).trim())) return
    if (best === null || value > best.value) best = { label, value }
  })
  return (best as { label: string; value: number } | null)?.label ?? null
}

export function checkGroundTruth(
  truth: TruthQuestion,
  defaultTolerance: number,
  turn: NormalizedTurn,
  carriers?: AnomalyCarriers,
  question = '',
): TruthResult {
  const facts = factsOf(turn)
  const tolerance = truth.tolerance ?? defaultTolerance
  const failures: Reason[] = []
  const notes: Reason[] = []
  const amount = (name: 'total' | 'average', expected: number | undefined, shown: readonly Shown[], noteMissing: boolean): void => {
    if (expected === undefined) return
    if (shown.length === 0 && noteMissing) notes.push(reason('truth.not_shown', { figure: name }))
    const fits = shown.map((one) => shownFit(one, expected, tolerance))
    shown.forEach((one, k) => {
      const fit = fits[k]
      if (fit === 'contradicts') failures.push(reason('truth.figure', { figure: name, expected, observed: one.value, source: one.source, tolerance }))
      else if (fit === 'loose') {
        // A total given only too coarsely ("plus de 100 €") never states it: it fails, as the grounding fails it on
        // a JSON answer (docs/grounding.md); beside a total that agrees, or for an average, it is only noted.
        const said = one.stated?.said ?? ''
        if (name === 'total' && !fits.includes('agrees')) failures.push(reason('truth.total_never_stated', { expected, said }))
        else notes.push(reason('truth.loose', { figure: name, expected, said }))
      }
    })
  }
  amount('total', truth.total, withHeadline(shownFigures(turn, question, 'total', facts.total), turn, question, truth.total), true)
  // The average the truth states, else its total ÷ count: a stated average is checked either way (a wrong "montant
  // moyen" beside a right total was never read on a stream).
  const average = truth.average ?? (truth.total !== undefined && truth.count !== undefined && truth.count > 0 ? truth.total / truth.count : undefined)
  amount('average', average, shownFigures(turn, question, 'average', facts.average), truth.average !== undefined)
  if (truth.previousTotal !== undefined && truth.total !== undefined) {
    // The baseline a sentence compares the answer's total with (« 3 348,06 € contre 2 154,24 € sur la même période du
    // mois dernier »): the previous period's total, read with its rounding and bound (review llm 2026-12-05).
    const wrong = new Set<number>()
    for (const { current, previous } of statedPairs(turn, question)) {
      if (fitOf(current, truth.total) === 'contradicts' || fitOf(previous, truth.previousTotal) !== 'contradicts') continue
      wrong.add(previous.index)
    }
    // And the previous period's amount by its own words, wherever it stands (« Le mois dernier à la même date, vous
    // n'aviez dépensé que 2 154,24 €. Ce mois-ci : 3 348,06 €. », grounding/sides.ts previousStated).
    for (const previous of statedPrevious(turn, question)) {
      if (fitOf(previous, truth.previousTotal) === 'contradicts') wrong.add(previous.index)
    }
    for (const previous of statedFigures(turn.message, answerRange(question, turn)).filter((f) => wrong.has(f.index)))
      failures.push(
        reason('truth.figure', { figure: 'previousTotal', expected: truth.previousTotal, observed: previous.value, source: 'message', tolerance }),
      )
  }
  if (truth.previousTotal !== undefined && truth.total !== undefined)
    failures.push(...statedChanges(truth.total, truth.previousTotal, turn, question))
  if (truth.count !== undefined) {
    if (facts.count === null) notes.push(reason('truth.not_shown', { figure: 'count' }))
    else if (facts.count.value !== truth.count)
      failures.push(
        reason('truth.figure', {
          figure: 'count',
          expected: truth.count,
          observed: facts.count.value,
          source: facts.count.name || facts.count.source,
          tolerance: 0,
        }),
      )
  }
  if (truth.topCategory !== undefined) {
    const pie = turn.visualizations.find((v) => v.kind === 'pie' && v.datasets.length > 0)
    const top = pie === undefined ? null : topLabel(pie.labels, pie.datasets[0]?.data ?? [])
    const stated = statedTopCategory(turn.message, truth.topCategory)
    if (stated !== null) failures.push(reason('truth.top_stated', { figure: 'topCategory', expected: truth.topCategory, observed: stated }))
    if (top === null) notes.push(reason('truth.not_shown', { figure: 'topCategory' }))
    else if (fold(top).trim() !== fold(truth.topCategory).trim())
      failures.push(reason('truth.top', { figure: 'topCategory', expected: truth.topCategory, observed: top, chart: pie?.title ?? '' }))
  }
  if (truth.topMerchant !== undefined) {
    const wanted = fold(truth.topMerchant).trim()
    // A chart that ranks merchants is one whose labels include the expected one.
    const ranking = turn.visualizations.find((v) => v.kind !== 'kpi' && v.labels.some((l) => fold(l).trim() === wanted) && v.datasets.length > 0)
    if (ranking !== undefined) {
      const top = topLabel(ranking.labels, ranking.datasets[0]?.data ?? [])
      if (top !== null && fold(top).trim() !== wanted)
        failures.push(reason('truth.top', { figure: 'topMerchant', expected: truth.topMerchant, observed: top, chart: ranking.title }))
    } else if (!fold([turn.message, ...turn.visualizations.map((v) => v.title)].join(' ')).includes(wanted)) {
      failures.push(reason('truth.top_missing', { expected: truth.topMerchant }))
    }
  }
  if (truth.anomalies !== undefined) {
    const a = anomalyCheck(truth, turn, carriers, question)
    failures.push(...a.failures)
    notes.push(...a.notes)
  }
  return { failures, notes }
}

/**
 * A change of the whole stated against the previous period, in a comparison question (« Vos dépenses sont en baisse
 * de 833,82 € par rapport au mois dernier », « … 833,82 € de moins que le mois dernier », « +33,2 % »): the truth's
 * total and previous total give its direction and its size (a percentage against the relative change, a difference
 * against the gap), read with its written rounding. A v3 answer carries neither (review llm 2026-12-05: a wrong
 * direction passed there). A sentence naming a category or a merchant may speak of a part: not judged.
 */
function statedChanges(total: number, previousTotal: number, turn: NormalizedTurn, question: string): Reason[] {
  if (!COMPARES.test(foldKeep(question)) || previousTotal <= 0) return []
  const delta = total - previousTotal
  const percent = (delta / previousTotal) * 100
  const out: Reason[] = []
  for (const f of statedFigures(turn.message.slice(0, MAX_READ_CHARS), answerRange(question, turn))) {
    if (f.direction === null || (f.kind !== 'percent' && !f.difference)) continue
    if (!f.periods.some((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'prev'))) continue
    const clause = turn.message.slice(f.index - f.clauseAt, f.index - f.clauseAt + f.clause.length)
    if (categoriesSpoken(clause).length > 0 || /\bchez\b/i.test(clause) || questionEntities(clause, { afterChez: false }).merchants.length > 0)
      continue
    const expected = f.kind === 'percent' ? percent : delta
    if (directionsClash(f.direction, percent) || fitOf(f, Math.abs(expected)) === 'contradicts')
      out.push(reason('truth.change', { stated: f.said, expected, unit: f.kind === 'percent' ? 'percent' : 'eur', previous: previousTotal, total }))
  }
  // A rise or a fall of the whole said in words, with or without amounts, wherever it stands (« …, en baisse par
  // rapport à la même période du mois dernier », « Vous dépensez donc moins qu'avant », « vous avez économisé
  // 833,82 € », « multipliées par deux »): its direction, and the ratio its words state (review judge3).
  for (const claim of wholeChangeClaims(turn.message)) {
    if (!directionsClash(claim.direction, percent) && !ratioClash(claim, percent)) continue
    const stated = claim.text.length > 80 ? `${claim.text.slice(0, 79)}…` : claim.text
    out.push(reason('truth.change', { stated, expected: percent, unit: 'percent', previous: previousTotal, total }))
  }
  return out
}
