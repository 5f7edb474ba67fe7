// Where a sentence of an answer's text ends: at ".", "!", "?" or a line break — never at a mark followed by a digit,
// such as the dot inside a number ("1.270,40 €", "1499.00 €": figures.ts reads both, docs/grounding.md "Also read").
// The readings that go sentence by sentence (a ranking of a subset, an unusual transaction's merchant, a list of parts)
// take whole sentences whatever the writer's digit separators.

/** One sentence at a time, with the mark that ends it. */
export const SENTENCE = /(?:[^.!?\n]|[.!?](?=\d))+(?:[.!?](?!\d)|\n|$)/g

/** The sentence's words before `at` (from the last . ; ! ? or line break that ends a sentence). */
export function sentenceBefore(folded: string, at: number): string {
  const head = folded.slice(Math.max(0, at - 200), at)
  const stop = [...head.matchAll(/\.(?!\d)/g)].at(-1)?.index ?? -1
  const cut = Math.max(head.lastIndexOf(';'), head.lastIndexOf('!'), head.lastIndexOf('?'), head.lastIndexOf('\n'), stop)
  return cut === -1 ? head : head.slice(cut + 1)
}
