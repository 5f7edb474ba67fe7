// How a text compares with the length a service states for it (v3 `metadata.response_length`, a stream's
// `response_end.metadata.response_length`). v3 states Python's `len()` of the very text it sends — Unicode code
// points, untrimmed (docs/wire-contracts.md §6.3, §6.4) — so a text is counted the same way and compared exactly:
// one code point missing (an accented letter, an emoji) is a cut, one too many is more than was sent. (Counted in
// bytes or UTF-16 units with a slack, a cut of a few accented characters or of an emoji passed.) Read by
// checks/truncated.ts (a cut text) and adapters/replay.ts (chunks sent twice).

/** The text's length in the unit v3 states it in: Unicode code points (Python's `len`), not UTF-16 units nor bytes. */
export function codePoints(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** The text falls short of the stated length: it lost part of itself. */
export function shorterThanStated(text: string, stated: number): boolean {
  return codePoints(text) < stated
}

/** The text exceeds the stated length: it carries more than the service said it sent. */
export function longerThanStated(text: string, stated: number): boolean {
  return codePoints(text) > stated
}

/** The text is exactly as long as stated. */
export function agreesWithStated(text: string, stated: number): boolean {
  return codePoints(text) === stated
}
