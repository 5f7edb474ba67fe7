// Whether two spellings may name one merchant or one category (docs/suite-rules.md §3, "Chart data"): a bar's label
// against the searched merchant, an insight's merchant against the bars, a pie's slice against the searched category.
// Loose where spellings differ ("MCDONALDS"/"McDonald's", "LEROY-MERLIN.FR"/"Leroy Merlin", "E. LECLERC DRIVE"/
// "E.Leclerc", a store format "Carrefour City"/"Carrefour Market"), never by one shared word: "Pizza Hut" and
// "Domino's Pizza", "Auchan Drive" and "Drive Shop", "Free" and "Freenow" are two merchants.
import { fold } from './text.ts'

/** Words that tell no merchant apart: store formats, places, legal forms, a web prefix. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(
  'market city drive express store shop online france paris sas sarl ltd inc the les des supermarche hypermarche contact proxi station services service magasin www'.split(
    ' ',
  ),
)
const DOMAIN = /\.(?:fr|com|net|org|eu|de|es|it|be|ch|co\.uk)\b/g

/** A name's words: folded, its web domain suffix dropped ("LEROY-MERLIN.FR" → leroy, merlin), split on the rest. */
function wordsOf(name: string): string[] {
  return fold(name)
    .replace(DOMAIN, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && w !== 'www')
}

/** The words that name this merchant rather than a format, a place or a legal form (3 letters or more). */
const distinctive = (words: readonly string[]): string[] => words.filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w))

/** One word written in the singular or the plural ("Transport"/"Transports", "Bureau"/"Bureaux"). */
const sameWord = (a: string, b: string): boolean => a === b || a === `${b}s` || b === `${a}s` || a === `${b}x` || b === `${a}x`

/** `a` written whole inside `b`, at word boundaries, its own word breaks aside ("McDonald's" in "MCDONALDS PARIS"). */
function writtenInside(a: readonly string[], b: readonly string[]): boolean {
  const whole = a.join('')
  for (let i = 0; i < b.length; i++) {
    let run = ''
    for (let j = i; j < b.length && run.length < whole.length; j++) {
      run += b[j]
      if (run === whole) return true
    }
  }
  return false
}

/** Every distinctive word of `a` is a word of `b` ("Carrefour Market" → carrefour, found in "Carrefour City"). */
function brandInside(a: readonly string[], b: readonly string[]): boolean {
  const own = distinctive(a)
  return own.length > 0 && own.every((w) => b.some((x) => sameWord(w, x)))
}

/**
 * Whether two spellings may name one merchant (or category): the same letters and digits, one written whole inside
 * the other, or every distinctive word of one found in the other. A name with no letter or digit tells nothing:
 * taken as the same (a false failure is as bad as a false pass).
 */
export function sameName(a: string, b: string): boolean {
  const x = wordsOf(a)
  const y = wordsOf(b)
  if (x.length === 0 || y.length === 0) return true
  return writtenInside(x, y) || writtenInside(y, x) || brandInside(x, y) || brandInside(y, x)
}

/** The same group as the service draws it: a bar per exact `merchant_name` ("SNCF" and "sncf" are two), outer spaces aside. */
/**
 * Whether a search for the merchant `searched` may return `label`'s transactions. The real search matches a merchant
 * with a `match` query, its words OR'ed ("recherche partielle": search_service core/query_builder.py), one per
 * merchant of a list: any merchant sharing one word with a searched one is among its results, and the bar chart
 * drawn from them shows it ("Domino's Pizza" on a search for "Pizza Hut"; a second review, 2026-12-05). So a bar is
 * foreign to the search only when it shares no word with any searched merchant; whether two names are ONE merchant
 * (an insight's merchant among the bars) stays sameName.
 */
export function searchMayReturn(label: string, searched: string): boolean {
  if (sameName(label, searched)) return true
  const asked = wordsOf(searched)
  return wordsOf(label).some((w) => asked.some((a) => sameWord(w, a)))
}

export const sameLabel = (a: string, b: string): boolean => a.trim() === b.trim()
