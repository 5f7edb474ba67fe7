// The readings of a text (tests/support/grounding/figures.ts: statedFigures, periodMentions, statedDayRanges) are
// remembered per text and own range, because every check reads the same answer again. Remembering must change no
// result: the own range is part of what is remembered, a result cannot be changed by one caller for the next, and
// a text read after many others reads as it did the first time.
import { describe, expect, test } from 'vitest'
import { type OwnRange, foldKeep, periodMentions, statedDayRanges, statedFigures } from '../../../tests/support/grounding/figures.ts'

// The answer covers 1–24 November; the text states the 24 days just before it.
const NOVEMBER: OwnRange = { from: '2026-11-01', to: '2026-11-24' }
const NOVEMBER_COMPARED: OwnRange = { ...NOVEMBER, comparison: true }
const RANGE_TEXT = foldKeep('Du 8 au 31 octobre 2026, vous avez dépensé 320 €.')

describe('readings remembered per text', () => {
  test('the own range is part of what is remembered: the same text reads otherwise under another range', () => {
    const without = periodMentions(RANGE_TEXT)
    const outside = periodMentions(RANGE_TEXT, NOVEMBER)
    const previous = periodMentions(RANGE_TEXT, NOVEMBER_COMPARED)
    // Without a range, a coverage range is not a mention; outside the answer's own range it names another period,
    // and the one just before it when the question compares.
    expect(without.some((m) => m.kind === 'relative')).toBe(false)
    expect(outside).toContainEqual({ kind: 'relative', rel: 'other', unit: 'periode' })
    expect(previous).toContainEqual({ kind: 'relative', rel: 'prev', unit: 'periode' })
    // Asked again in another order, each still reads as alone.
    expect(periodMentions(RANGE_TEXT, NOVEMBER_COMPARED)).toEqual(previous)
    expect(periodMentions(RANGE_TEXT)).toEqual(without)
  })

  test('a result is frozen: a caller changing it fails at once instead of changing the next reading', () => {
    const figures = statedFigures('Vous avez dépensé 2 514,24 € en novembre.')
    expect(figures.length).toBeGreaterThan(0)
    expect(() => (figures as unknown as unknown[]).push(1)).toThrow(TypeError)
    expect(() => {
      ;(figures[0] as { value: number }).value = 1
    }).toThrow(TypeError)
    expect(statedFigures('Vous avez dépensé 2 514,24 € en novembre.')[0]?.value).toBe(2514.24)
    expect(() => (statedDayRanges(RANGE_TEXT) as unknown as unknown[]).pop()).toThrow(TypeError)
  })

  test('a text read again after many others reads as the first time (what is remembered is bounded, not lost)', () => {
    const text = 'Vous avez dépensé 2 514,24 € du 1er au 30 novembre 2026, soit 12 % de plus que le mois dernier.'
    const first = JSON.stringify([statedFigures(text, NOVEMBER), periodMentions(foldKeep(text), NOVEMBER), statedDayRanges(foldKeep(text))])
    for (let i = 0; i < 500; i++) {
      const other = `Vous avez dépensé ${i},50 € le ${1 + (i % 28)} mars 2026.`
      statedFigures(other, NOVEMBER)
      periodMentions(foldKeep(other))
      statedDayRanges(foldKeep(other))
    }
    const again = JSON.stringify([statedFigures(text, NOVEMBER), periodMentions(foldKeep(text), NOVEMBER), statedDayRanges(foldKeep(text))])
    expect(again).toBe(first)
    expect(first).toContain('2514.24')
  })
})
