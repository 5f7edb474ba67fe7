// core/duration.ts and core/utc-text.ts: every duration and moment the gate writes, in one place. The forms differ on
// purpose and each says why — a worst case is rounded up, a measured time to the nearest, a run's length has two
// units, a readiness wait is never written longer than its limit, a setting is written so it parses back — and each
// reads as the helper it replaced did (release/duration.ts, tests/support/run-plan.ts, reporters/render-html.ts,
// core/locale/monitor.ts, release/sections.ts).
import { describe, expect, test } from 'vitest'
import { type DurationForm, formatDuration, parseDuration } from '../../core/duration.ts'
import { isoDay, utcText, utcTimeOfDay } from '../../core/utc-text.ts'

const FORMS: Record<string, DurationForm> = {
  setting: { form: 'setting' },
  worstCase: { form: 'words', rounding: 'up' },
  measured: { form: 'words', rounding: 'nearest' },
  exact: { form: 'exact' },
  seconds: { form: 'seconds' },
  tenthsFr: { form: 'tenths', locale: 'fr' },
  tenthsEn: { form: 'tenths', locale: 'en' },
  clock: { form: 'clock' },
}

// ms → [setting, worst case, measured, exact, seconds, tenths fr, tenths en, clock]
const WRITTEN: ReadonlyArray<[number, string[]]> = [
  [0, ['0ms', '0 s', '0 s', '0 s', '0 s', '0 ms', '0 ms', '00:00']],
  [21, ['21ms', '1 s', '0 s', '0 s', '1 s', '21 ms', '21 ms', '00:00']],
  [1500, ['1500ms', '2 s', '2 s', '2 s', '2 s', '1,5 s', '1.5 s', '00:02']],
  [5024, ['5024ms', '6 s', '5 s', '5 s', '6 s', '5 s', '5 s', '00:05']],
  [59_600, ['59600ms', '60 s', '60 s', '1 min 0 s', '60 s', '59,6 s', '59.6 s', '01:00']],
  [89_400, ['89400ms', '2 min', '89 s', '1 min 29 s', '90 s', '89,4 s', '89.4 s', '01:29']],
  [192_000, ['192s', '4 min', '3 min', '3 min 12 s', '192 s', '192 s', '192 s', '03:12']],
  [300_000, ['5m', '5 min', '5 min', '5 min 0 s', '300 s', '300 s', '300 s', '05:00']],
  [5_400_000, ['90m', '1 h 30 min', '1 h 30 min', '1 h 30 min', '5400 s', '5400 s', '5400 s', '1:30:00']],
  [7_200_000, ['2h', '2 h 00 min', '2 h 00 min', '2 h 0 min', '7200 s', '7200 s', '7200 s', '2:00:00']],
  [7_530_000, ['7530s', '2 h 06 min', '2 h 06 min', '2 h 5 min', '7530 s', '7530 s', '7530 s', '2:05:30']],
]

describe('formatDuration', () => {
  test.each(WRITTEN)('%i ms in every form', (ms, expected) => {
    expect(Object.values(FORMS).map((form) => formatDuration(ms, form))).toEqual(expected)
  })

  test('the differences are the reasons: a worst case never understated, a readiness wait never over its limit', () => {
    // 5,024 ms: the worst case and a window say 6 s (at least that long); the measured time and the wait say 5 s.
    expect(formatDuration(5024, FORMS.worstCase!)).toBe('6 s')
    expect(formatDuration(5024, FORMS.measured!)).toBe('5 s')
    expect(formatDuration(5024, FORMS.tenthsEn!)).toBe('5 s')
  })

  test('a setting is written so it reads back: parseDuration(formatDuration(ms)) is ms', () => {
    for (const ms of [1, 999, 1000, 1500, 60_000, 90_000, 300_000, 3_600_000, 7_200_000, 86_400_000])
      expect(parseDuration(formatDuration(ms, FORMS.setting!))).toBe(ms)
    expect(parseDuration('5M')).toBe(300_000)
    expect(parseDuration('1.5s')).toBeNull()
    expect(parseDuration('9999999999999h')).toBeNull()
  })
})

describe('utc-text', () => {
  test('a moment as the documents write it, its day and its time of day', () => {
    const iso = '2026-12-04T18:40:07.123Z'
    expect(utcText(iso)).toBe('2026-12-04 18:40:07 UTC')
    expect(utcText('2026-12-04T18:40:07Z')).toBe('2026-12-04 18:40:07 UTC')
    expect(utcTimeOfDay(iso)).toBe('18:40:07')
    expect(isoDay(Date.parse(iso))).toBe('2026-12-04')
    expect(isoDay(new Date(Date.UTC(2026, 1, 29)))).toBe('2026-03-01') // the day Date made of it, in UTC
  })
})
