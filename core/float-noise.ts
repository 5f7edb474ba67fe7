// Binary noise in a figure: 0.1 * 3 is 0.30000000000000004, not 0.3. A figure equal to its threshold up to float
// error IS the threshold, for the judgement (reporters/criteria.ts holds) and for the text that writes the comparison
// (core/locale/format.ts fmtAgainst) alike; a review (2026-12-05) read "30,000000000000004 %" beside a 30 % threshold.

/** The figure rounded to 12 significant digits (a double holds about 15.9): its binary noise removed. */
export const denoised = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x)
