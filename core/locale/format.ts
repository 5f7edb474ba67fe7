// Locale-aware formatting of numbers and of metric values by their unit, shared by every catalogue and renderer:
// a renderer formats a value by the unit its metric declares (docs/report-contract.md), never by who reads it.
import type { Locale } from './index.ts'
import { denoised } from '../float-noise.ts'

/** What a metric measures; it alone decides how a value is written. */
export type Unit = 'ratio' | 'ms' | 'count' | 'bool'

const nf = new Map<string, Intl.NumberFormat>()
function fmt(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`
  let f = nf.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    nf.set(key, f)
  }
  return f
}

export function fmtMs(x: number | null | undefined, locale: Locale): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  // Sub-10 ms values (stage timings of a fast service) keep one decimal so they do not all read "0 ms".
  return Math.abs(x) < 10 ? `${fmt(locale, 1).format(x)} ms` : `${fmt(locale, 0).format(Math.round(x))} ms`
}

/** A fraction as a percentage with one decimal ("93,3 %" in French, "93.3%" in English). */
export function fmtPct(x: number | null | undefined, locale: Locale, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  const s = fmt(locale, digits).format(x * 100)
  return locale === 'fr' ? `${s} %` : `${s}%`
}

export function fmtInt(x: number, locale: Locale): string {
  return fmt(locale, 0).format(x)
}

/** A number with `digits` decimals ("14,2" in French, "14.2" in English). */
export function fmtDecimal(x: number, locale: Locale, digits = 1): string {
  return fmt(locale, digits).format(x)
}

const YES_NO: Record<Locale, [string, string]> = { fr: ['oui', 'non'], en: ['yes', 'no'] }

/** A metric value written by its unit; null → "—". A bool metric holds 1 (true) or 0 (false). */
export function fmtUnit(x: number | null | undefined, unit: Unit, locale: Locale): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  switch (unit) {
    case 'ratio':
      return fmtPct(x, locale)
    case 'ms':
      return fmtMs(x, locale)
    case 'count':
      return fmtInt(x, locale)
    case 'bool':
      return YES_NO[locale][x ? 0 : 1]
  }
}

/** A list of ids, cut after 8 ("q01, q02, … (+12)"): a reason names its evidence without becoming a page. */
export function fmtIds(ids: readonly string[], max = 8): string {
  return ids.length > max ? `${ids.slice(0, max).join(', ')}, … (+${ids.length - max})` : ids.join(', ')
}

// --- Figures written against a threshold (docs/verdict-rules.md, "Figures beside a threshold").
// The judgement compares exact values (reporters/criteria.ts holds); the usual rounding (0.1 %, whole ms) could
// write a failing 99.95 % as "100.0 % < 100.0 %". A figure written beside a threshold it is compared with keeps
// just enough decimals that the written comparison says what the exact one says; its threshold is written exactly.

/** Most decimals a figure may gain (beyond them, the difference is below what a float holds anyway). */
const MAX_EXTRA_DIGITS = 15

/** How a unit is written: the number shown (a ratio as a percentage) and the decimals usually kept. */
function shownNumber(x: number, unit: Unit): { shown: number; digits: number } {
  if (unit === 'ratio') return { shown: denoised(x * 100), digits: 1 }
  if (unit === 'ms') return { shown: x, digits: Math.abs(x) < 10 ? 1 : 0 }
  return { shown: x, digits: 0 }
}

/** The number a written text reads as (digits without grouping, the same rounding as the text). */
const readBack = (shown: number, digits: number): number => Number(fmt('en', digits).format(shown).replace(/,/g, ''))

function withUnit(shown: number, unit: Unit, digits: number, locale: Locale): string {
  const s = fmt(locale, digits).format(shown)
  if (unit === 'ratio') return locale === 'fr' ? `${s} %` : `${s}%`
  return unit === 'ms' ? `${s} ms` : s
}

/** Decimals that write a threshold exactly (at least the unit's usual ones). */
function limitDigits(t: number, unit: Unit): number {
  const { shown, digits } = shownNumber(t, unit)
  let d = digits
  while (d < digits + MAX_EXTRA_DIGITS && readBack(shown, d) !== readBack(shown, digits + MAX_EXTRA_DIGITS)) d++
  return d
}

/** A threshold as it is written beside a figure: exactly (a 0.3333333 success rate is "33.33333%", not "33.3%"). */
export function fmtLimit(t: number | null | undefined, unit: Unit, locale: Locale): string {
  if (t === null || t === undefined || !Number.isFinite(t) || unit === 'bool' || unit === 'count') return fmtUnit(t, unit, locale)
  return withUnit(shownNumber(t, unit).shown, unit, limitDigits(t, unit), locale)
}

/**
 * A figure compared with `limits`: the usual rounding, with more decimals while the written figure compares with any
 * written limit otherwise than the exact figure does with the exact limit (never rounded onto or across it).
 */
export function fmtAgainst(raw: number | null | undefined, unit: Unit, locale: Locale, limits: ReadonlyArray<number | null | undefined>): string {
  if (raw === null || raw === undefined || !Number.isFinite(raw) || unit === 'bool' || unit === 'count') return fmtUnit(raw, unit, locale)
  // Compared without binary noise (denoised): 0.1 * 3 against 0.3 is the threshold and reads "30,0 %". Written from
  // the figure itself, rounded as every other formatter rounds it: denoised first, 865.4999999999 read 866 here and
  // 865 in the document beside it.
  const x = denoised(raw)
  const { shown, digits } = shownNumber(raw, unit)
  const written = limits.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)).map(denoised)
  const agrees = (d: number) =>
    written.every((t) => {
      const lim = shownNumber(t, unit).shown
      return Math.sign(readBack(shown, d) - readBack(lim, limitDigits(t, unit))) === Math.sign(x - t)
    })
  let d = digits
  while (d < digits + MAX_EXTRA_DIGITS && !agrees(d)) d++
  return withUnit(shown, unit, d, locale)
}

/**
 * A rate of the post-deployment watch (error or critical-bug rate) or a bound of its Wilson interval: the one rule
 * every Phase 2 sentence, table, chart and status line writes it by — against every rate threshold of its metric
 * (fmtAgainst), so one figure reads the same wherever it appears (a review read one bound as 20.3 % in a trigger
 * sentence and 20.2 % in the table: the sentence's figure had been rounded twice).
 */
export function fmtRate(x: number | null | undefined, locale: Locale, limits: readonly number[]): string {
  return fmtAgainst(x, 'ratio', locale, limits)
}

/** "[lower – upper]" of a Phase 2 rate, each bound by fmtRate. */
export function fmtRateInterval(
  lower: number | null | undefined,
  upper: number | null | undefined,
  locale: Locale,
  limits: readonly number[],
): string {
  return `[${fmtRate(lower, locale, limits)} – ${fmtRate(upper, locale, limits)}]`
}

/** A percentile that may be a lower bound (a timeout reached it: the truth is ≥): "≥ 49 ms". */
export function fmtAtLeast(x: number | null | undefined, censored: boolean, locale: Locale): string {
  return `${censored && x !== null && x !== undefined && Number.isFinite(x) ? '≥ ' : ''}${fmtMs(x, locale)}`
}

/** A difference of two percentages in percentage points, one decimal: "13,3 pt" in French, "13.3 pts" in English. */
export function fmtPoints(points: number, locale: Locale): string {
  return `${fmtDecimal(points, locale, 1)} ${locale === 'fr' ? 'pt' : 'pts'}`
}

/** "1 sample", "20 samples"; French keeps 0 and 1 singular ("1 échantillon", "20 échantillons"). */
export function fmtSamples(n: number, locale: Locale): string {
  if (locale === 'fr') return `${fmtInt(n, locale)} échantillon${Math.abs(n) < 2 ? '' : 's'}`
  return `${fmtInt(n, locale)} sample${n === 1 ? '' : 's'}`
}
