// Locale-aware number formatting shared by every renderer and by the verdict's reasons.
import type { Locale } from './i18n.ts'

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
