// How a moment is written in the gate's texts: always in UTC, as toISOString() says it, cut to what the reader needs —
// the calendar day of a period ("2026-11-24"), a moment in a document or a sentence ("2026-12-04 18:40:07 UTC"), the
// time of day of a window ("18:40:07"). One place: the Phase 2 documents and sentences each cut the ISO text their
// own way before, and the period checks each had their own day.

/** The UTC calendar day of a moment: "2026-11-24". */
export function isoDay(moment: Date | number): string {
  return new Date(moment).toISOString().slice(0, 10)
}

/** An ISO time (toISOString()) as the documents write it: "2026-12-04 18:40:07 UTC", without its milliseconds. */
export function utcText(iso: string): string {
  return `${iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC`
}

/** The UTC time of day of an ISO time (toISOString()): "18:40:07". */
export function utcTimeOfDay(iso: string): string {
  return iso.slice(11, 19)
}
