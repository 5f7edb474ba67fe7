// The text's own figures as the facts (docs/grounding.md "Grounded figures"): a streamed answer (v2 and v3 streams)
// carries its figures in its text alone, and figures that contradict EACH OTHER there passed (review 2026-12-06: « 40,00 €
// sur 9 transactions (montant moyen : 360,00 €) », « Alimentation (3 495,75 €) » beside a total of 426,49 €, both GO
// on a stream and NO-GO on the buffered route, whose cards carry the figures). The relations the carried figures are
// held to (claims/carried-relations.ts: total ≈ count × average; a part within its whole) are read here with the
// text's own stated figure standing for each role nothing carries, within each figure's written rounding. An aside
// that restates an amount ("133,98 € (soit 1,34 k€)") must be the same amount.
import { questionEntities } from '../../checks/question-asked.ts'
import { NAME_BEFORE, NOT_A_PART } from '../breakdown.ts'
import { type Context, type StatedText, contradict } from '../context.ts'
import type { Fact } from '../facts.ts'
import { ANOMALY_CONTEXT, type StatedFigure } from '../figures.ts'
import { allowed } from '../fit.ts'
import { statistic } from '../labels.ts'
import { scopeOf } from '../scope.ts'
import { previousStated } from '../sides.ts'
import { fold } from '../../checks/text.ts'

/** A role's figure: carried (its value to the cent) or stated (the values its writing allows), with how to quote it. */
interface RoleFigure {
  low: number
  high: number
  /** As written when stated; the carried value (formatted by the reason's renderer) otherwise. */
  said: string | number
  stated: boolean
}

/** A plain figure of the answer's own scope: no change, rate, projection, previous period's amount. */
function plainOwn(ctx: Context, f: StatedFigure): boolean {
  return f.sign === null && !f.difference && !f.perPeriod && !f.hypothetical && scopeOf(ctx, f) === 'own' && !previousStated(ctx, f)
}

/** The clause names a merchant or a category the question does not: it speaks of a part. */
function ofAnotherPart(ctx: Context, clause: string): boolean {
  const named = questionEntities(clause)
  const asked = ctx.askedNames ?? new Set<string>()
  return [...named.merchants, ...named.categories].some((n) => !asked.has(fold(n).trim()))
}

/**
 * The average of a subset its clause counts or names ("Vos 3 dépenses inhabituelles ont un montant moyen de 500 €"):
 * not the whole's average.
 */
function subsetAverage(text: StatedText, f: StatedFigure): boolean {
  if (f.role !== 'average') return false
  return ANOMALY_CONTEXT.test(f.clause) || text.figures.some((c) => c.kind === 'count' && c.subset && c.clause === f.clause)
}

/** The first figure of `role` the text states for the answer's own whole. */
function statedOwn(ctx: Context, text: StatedText, role: 'total' | 'count' | 'average'): StatedFigure | null {
  return (
    text.figures.find(
      (f) => f.role === role && f.bound !== 'range' && plainOwn(ctx, f) && !ofAnotherPart(ctx, f.clause) && !subsetAverage(text, f),
    ) ?? null
  )
}

function carriedFigure(fact: Fact | null): RoleFigure | null {
  if (fact === null || fact.source === 'computed') return null
  return { low: fact.value - 0.005, high: fact.value + 0.005, said: fact.value, stated: false }
}

function statedFigure(f: StatedFigure | null): RoleFigure | null {
  if (f === null) return null
  const [low, high] = allowed(f)
  return { low, high, said: f.said, stated: true }
}

/**
 * Total ≈ count × average, each role carried or else stated: checked when at least two of the three are the text's
 * own (three carried ones are carried-relations.ts's; the text's average beside a carried total and count is only
 * confirmed, docs/grounding.md "own scope"). The product spans every value the count and the average allow as written.
 */
export function checkStatedProduct(ctx: Context, text: StatedText): void {
  const total = carriedFigure(ctx.facts.total) ?? statedFigure(statedOwn(ctx, text, 'total'))
  const count = carriedFigure(ctx.facts.count) ?? statedFigure(statedOwn(ctx, text, 'count'))
  const average = carriedFigure(ctx.facts.average) ?? statedFigure(statedOwn(ctx, text, 'average'))
  if (total === null || count === null || average === null || [total, count, average].filter((f) => f.stated).length < 2) return
  // A count is a whole number: a bound or a rounding around it ("plus de 30") is too loose to multiply.
  if (count.high - count.low > 1 || count.low <= 0) return
  const n = Math.round((count.low + count.high) / 2)
  ctx.checked++
  const product: [number, number] = [n * average.low, n * average.high]
  if (product[1] < total.low - 0.011 || product[0] > total.high + 0.011) {
    contradict(ctx, text.source, 'check.grounding.stated_product', {
      total: total.said,
      count: count.said,
      average: average.said,
      product: Math.round(((product[0] + product[1]) / 2) * 100) / 100,
    })
  }
}

// "chez Carrefour" right before or after the amount: a merchant's part.
const MERCHANT_AFTER = /^\s*chez\s+\p{Lu}/u
const MERCHANT_BEFORE = /chez\s+\p{Lu}[\p{L}'’&-]*(?:[ -]\p{Lu}[\p{L}'’&-]*)*\s*(?:\(|:)\s*$/u

/** The part an amount is bound to: a known category written as its label ("Alimentation (3 495,75 €)") or a merchant ("chez …"). */
function boundPart(text: string, figure: StatedFigure): string | null {
  const before = text.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const after = text.slice(figure.index + figure.text.length, figure.index + figure.text.length + 60)
  if (statistic(fold(before))) return null
  const named = NAME_BEFORE.exec(before)
  const name = named?.[1]?.trim()
  // "votre budget Shopping : 1 500 €", "la médiane de la catégorie Santé (27,04 €)": a statistic of the part, not its value.
  const lead = named === null ? '' : before.slice(0, named.index + named[0].indexOf(named[1] ?? ''))
  if (name !== undefined && !statistic(fold(lead)) && !NOT_A_PART.test(fold(name).trim()) && questionEntities(name).categories.length > 0) return name
  if (MERCHANT_BEFORE.test(before)) return /chez\s+(.+?)\s*[(:]\s*$/u.exec(before)?.[1] ?? null
  if (MERCHANT_AFTER.test(after)) return /^\s*chez\s+(\S+)/u.exec(after)?.[1] ?? null
  return null
}

// Words of a span of time: a sentence naming one may speak of another period than the whole's, even when scope.ts
// reads no period in it (coverage words: "sur l'année", "depuis janvier", "sur 12 mois").
const SPAN_WORDS =
  /(?<![\p{L}])(?:annee|an|ans|mois|semaines?|jours?|trimestres?|depuis|annuel(?:le)?s?|mensuel(?:le)?s?|cumul\p{L}*|historique)(?![\p{L}])/u

/**
 * A part of the answer's whole — a category or a merchant bound to its amount — never exceeds that whole (the carried
 * total, else the one the text states for its own period), beyond the rounding of both. Only in an answer about all
 * spending (the question names no merchant nor category: another category is then no part of the asked one).
 */
export function checkPartsWithinWhole(ctx: Context, text: StatedText): void {
  if ((ctx.askedNames?.size ?? 0) > 0) return
  const stated = statedOwn(ctx, text, 'total')
  const whole = carriedFigure(ctx.facts.total) ?? statedFigure(stated)
  if (whole === null) return
  for (const part of text.figures) {
    if (part === stated || part.kind !== 'amount' || (part.role !== null && part.role !== 'total') || !plainOwn(ctx, part)) continue
    // A part stated over a span of its own ("Sur l'année, le Logement : 13 800 €") is no part of this whole.
    if (part.clause !== stated?.clause && SPAN_WORDS.test(part.clause)) continue
    const name = boundPart(text.source.text, part)
    if (name === null) continue
    ctx.checked++
    if (allowed(part)[0] <= whole.high + 0.011) continue
    if (ctx.contradictions.some((r) => r.params['stated'] === part.said)) continue
    contradict(ctx, text.source, 'check.grounding.part_over_whole', { stated: part.said, label: name, whole: whole.said })
  }
}

// An aside that restates the amount before it: "133,98 € (soit 1,34 k€)", "2 661,93 €, c'est-à-dire environ 2,7 k€",
// "134 € (≈ 133,98 €)". Nothing but the restating words between the two, and nothing after the second in its part
// ("…, soit 1 270,40 € pour le Shopping" or "soit 833,82 € de plus" say something else).
const RESTATE_BETWEEN =
  /^\s*(?:\(\s*|,\s*|\s[-–—]\s*)(?:soit|c'est-a-dire|c'est a dire|autrement dit|i\.e\.|environ|approximativement|arrondi a|≈|~)\s*(?:environ\s+|pres de\s+|≈\s*|~\s*)?$/
// A count of things before the amount makes it a unit price: "2 trajets à", "deux billets de", "un aller à".
const UNIT_PRICE =
  /(?:\d\s*[x×*]\s*|\bfois\s+|\bchacun(?:e)?s?\s+(?:a|de)\s+|\bl'unite\s+|\b(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+[a-z'-]+\s+(?:a|de|d')\s*)$/
const RESTATE_END = /^\s*(?:\)|[.,;!?\n]|$)/

/** An amount restated in an aside must be the same amount, within the rounding (and "environ") of each. */
export function checkRestated(ctx: Context, text: StatedText): void {
  const { folded, figures } = text
  for (let i = 0; i + 1 < figures.length; i++) {
    const [first, second] = [figures[i] as StatedFigure, figures[i + 1] as StatedFigure]
    if (first.kind !== 'amount' || second.kind !== 'amount' || first.perPeriod || second.perPeriod) continue
    if (second.sign !== null || second.difference || second.hypothetical || second.role === 'average') continue
    // "2 trajets à 66,99 €, soit 133,98 €", "3 × 13,49 €, soit 40,47 €": a unit price, then the sum it makes.
    const lead = folded.slice(Math.max(0, first.index - first.clauseAt), first.index)
    if (UNIT_PRICE.test(lead) || (i > 0 && figures[i - 1]?.kind === 'count' && figures[i - 1]?.clause === first.clause)) continue
    // "1 270,40 € + 1 150,00 €, soit 2 420,40 €", "(1 270,40 € et 1 150,00 €, soit …)", "un aller à 66,99 € et un retour à
    // 66,99 €, soit 133,98 €": after several amounts, "soit" may give their sum — only an amount alone is restated
    // (review 2026-12-06: these healthy sums failed).
    const previous = i > 0 ? figures[i - 1] : undefined
    if (previous?.kind === 'amount' && previous.clause === first.clause) continue
    const between = folded.slice(first.index + first.text.length, second.index).replace(/[*_`]/g, ' ')
    if (!RESTATE_BETWEEN.test(between) || !RESTATE_END.test(folded.slice(second.index + second.text.length))) continue
    const [a, b] = [allowed(first), allowed(second)]
    ctx.checked++
    if (b[0] <= a[1] + 0.011 && a[0] <= b[1] + 0.011) continue
    contradict(ctx, text.source, 'check.grounding.restated', { stated: first.said, restated: second.said })
  }
}
