// The names of months and weekdays as the checks read them (folded: no accents, lower case), and the bounds that keep
// a name from being read inside a longer word: "cauchemars" names no March, "2 maisons" no 2 May, "bilan :" no year.
// JavaScript's \b knows only ASCII word characters, with or without the `u` flag; these bounds are any Unicode letter
// or digit, so a pattern built with them needs the `u` flag (docs/grounding.md "Grounded figures": dates).

export const MONTH_NAMES = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre']
export const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']

/** No letter or digit before: a word starts here (use with the `u` flag). */
export const WORD_START = String.raw`(?<![\p{L}\p{N}])`
/** No letter or digit after: a word ends here (use with the `u` flag). */
export const WORD_END = String.raw`(?![\p{L}\p{N}])`

/** One of `words` as a whole word, neither inside a longer one nor glued to a digit (use with the `u` flag). */
export function wholeWords(words: readonly string[]): string {
  return `${WORD_START}(?:${words.join('|')})${WORD_END}`
}

/** A month's name as a whole word (use with the `u` flag). */
export const MONTH_WORD = wholeWords(MONTH_NAMES)
