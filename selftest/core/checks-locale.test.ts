// The checks' reasons have a sentence in both languages, and the French ones read French: a French report of a
// failing run must not fall back to English (or to a bare code) for why an attempt failed.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { CHECKS_CATALOGUE } from '../../core/locale/checks.ts'
import { hasPhrase, LOCALES, say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'
import { annotationsFor, failureLines } from '../../tests/support/annotate.ts'
import { attempt, question } from '../reporters/make-model.ts'

const ROOT = resolve(import.meta.dirname, '../..')
// Every catalogue of core/locale/, registered: a code written anywhere must be found in one of them.
for (const f of readdirSync(join(ROOT, 'core/locale'))) if (f.endsWith('.ts')) await import(join(ROOT, 'core/locale', f))
const SAMPLE = {
  status: 404,
  body: 'x',
  message: 'Rien',
  text: 'Hello',
  timeoutMs: 100,
  error: 'ECONNRESET',
  bytes: 9,
  issues: ['a: b'],
  total: 4,
  field: 'insight',
  index: 2,
  count: 3,
  excerpt: 'd\uFFFDpenses',
  name: 'template braces {…}',
  refusal: 'rate_limited',
  expected: 'transaction_search.simple',
  group: null,
  subtype: null,
  totalResults: null,
  kinds: ['kpi'],
  titles: ['Total'],
  amounts: [''],
  counts: [2],
  where: 'insight',
  title: 'Résumé',
  figures: ['12 €'],
  min: 2,
  valued: 1,
  noValue: [0],
  cover: ['total'],
  missing: ['count'],
  labels: ['A'],
  unlabeled: [0],
  slices: 5,
  max: 4,
  others: 'Autres',
  last: 'Loisirs',
  value: 'null',
  sum: 1.5,
  difference: 0.5,
  of: ['bar', 'line'],
  type: 'unusual_transaction',
  found: 0,
  types: [],
  reasons: ['x'],
  attempt: 1,
  failed: 1,
  planned: 2,
  first: 'x',
}
// English words that a French sentence must not show (parameters above are neutral or French on purpose).
const ENGLISH = /\b(expected|observed|with|and|the|no|none|failed|attempt|body|answer)\b/i

describe('checks catalogue', () => {
  test('every code has a French and an English sentence; the French one reads French', () => {
    const codes = Object.keys(CHECKS_CATALOGUE)
    expect(codes.length).toBeGreaterThan(40)
    for (const code of codes) {
      const fr = say(reason(code, SAMPLE), 'fr')
      const en = say(reason(code, SAMPLE), 'en')
      expect(fr, code).not.toBe(en)
      expect(fr, `${code}: ${fr}`).not.toMatch(ENGLISH)
      expect(fr, code).not.toContain(code)
    }
  })

  test('every reason code the suite, the reporter, core and Phase 2 write is in a catalogue, in both languages', () => {
    const used = new Set<string>()
    const sources = ['tests/support', 'reporters', 'core', 'release'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts'))
        .map((e) => join(e.parentPath, e.name)),
    )
    // reason('code', …), { code: 'code', … }, and the codes zod schemas carry as messages (core/settings.ts…).
    const CODE = /(?:\breason\(\s*|\bcode: |, )'((?:config|schema|run|target|harness|reporter|annotate|gate|auth|verdict|check|attempt)\.[a-z_.]+)'/g
    for (const f of [...sources, join(ROOT, 'vitest.config.ts'), join(ROOT, 'validation.config.ts')])
      for (const m of readFileSync(f, 'utf8').matchAll(CODE)) used.add(m[1] as string)
    expect(used.size).toBeGreaterThan(120)
    for (const code of used) {
      expect(hasPhrase(code), code).toBe(true)
      for (const L of LOCALES) expect(say(reason(code, SAMPLE), L).trim(), `${code} ${L}`).not.toBe('')
    }
  })

  test('failure lines and annotations follow VALIDATION_LOCALE', () => {
    const failed = attempt({ ok: false, timedOut: true, failures: [reason('attempt.timeout', { timeoutMs: 200, status: null })] })
    const record = question('q04', [failed])
    expect(failureLines(record, 'fr')).toEqual(['tentative 1/1 : délai dépassé après 200 ms'])
    expect(failureLines(record, 'en')).toEqual(['attempt 1/1: timed out after 200 ms'])
    const fr = annotationsFor(record, 'fr').filter((l) => l.type === 'failure')
    expect(fr.map((l) => l.message)).toEqual(['tentative 1/1 : délai dépassé après 200 ms'])
  })

  // A review (2026-12-04): junit's latency property wrote a censored P50 plain, and English decimals in a French run.
  test('the latency annotation: French decimals in French, "≥" when the P50 lands on a timeout', () => {
    const fast = attempt({ latencyMs: 2.5, ttfbMs: 2.25 })
    const timedOut = attempt({ ok: false, timedOut: true, latencyMs: 300, ttfbMs: null })
    const latency = (record: ReturnType<typeof question>, L: 'fr' | 'en') => annotationsFor(record, L).find((l) => l.type === 'latency')?.message
    expect(latency(question('q01', [fast]), 'fr')).toBe('P50 2,5 ms sur 1 tentative (TTFB P50 2,3 ms)')
    expect(latency(question('q01', [fast]), 'en')).toBe('P50 2.5 ms over 1 attempt (TTFB P50 2.3 ms)')
    expect(latency(question('q01', [timedOut, timedOut]), 'en')).toBe('P50 ≥ 300 ms over 2 attempts, 2 timed out (censored at the timeout)')
    expect(latency(question('q01', [fast, fast, timedOut]), 'en')).toMatch(/^P50 2\.5 ms over 3 attempts/)
  })
})
