// How a text compares with the length a service states for it (v3 `metadata.response_length`, a stream's
// `response_end.metadata.response_length`). The service may count code points (Python's len), UTF-16 units
// (JavaScript's length) or UTF-8 bytes, and may have measured before trimming: a text is shorter than stated only
// when even its LARGEST measure (UTF-8 bytes of the untrimmed text, ≥ UTF-16 units ≥ code points) plus LENGTH_SLACK
// falls below the stated length, and it agrees with it when the stated length lies between its smallest and largest
// measures, give or take LENGTH_SLACK. Read by checks/truncated.ts (a cut text) and adapters/replay.ts (chunks sent twice).

/**
 * Characters a service may drop after measuring: a trailing "\n\n" an LLM emits, a CRLF, a space before it (≤ 4).
 * Any cut of a word or more is far beyond it; a cut of the last one or two characters is below what can be told
 * from trimming.
 */
export const LENGTH_SLACK = 4

/** Largest and smallest plausible measures of the text a service may have counted. */
export function measures(text: string): { largest: number; smallest: number } {
  return { largest: Buffer.byteLength(text, 'utf8'), smallest: [...text.trim()].length }
}

/** Even the text's largest measure falls short of the stated length: it lost part of itself. */
export function shorterThanStated(text: string, stated: number): boolean {
  return measures(text).largest + LENGTH_SLACK < stated
}

/** Even the text's smallest measure exceeds the stated length: it carries more than the service said it sent. */
export function longerThanStated(text: string, stated: number): boolean {
  return measures(text).smallest - LENGTH_SLACK > stated
}

/** Some plausible measure of the text is the stated length. */
export function agreesWithStated(text: string, stated: number): boolean {
  return !shorterThanStated(text, stated) && !longerThanStated(text, stated)
}
