// Locale-aware formatting of numbers and of metric values by their unit, shared by every catalogue and renderer:
// a renderer formats a value by the unit its metric declares (docs/report-contract.md), never by who reads it.
import type { Locale } from './index.ts'

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
