// Every value the settings accept for a setting that becomes a criterion threshold (docs/verdict-rules.md) is written
// into its expression and read back as the same number. The review's case: VALIDATION_MIN_SUCCESS_RATE=0.0000001
// passed the settings, became "success_rate>=1e-7" (String(1e-7)), which the parser refused: no in-progress report,
// no verdict, exit 1. Property-tested over the whole accepted range of each numeric threshold setting, with seeds.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { mulberry32, type Rng } from '../../core/random.ts'
import { ConfigError, loadSettings } from '../../core/settings.ts'
import { buildCriteria, parseThreshold, plainDecimal, ThresholdSyntaxError } from '../../reporters/criteria.ts'

const root = mkdtempSync(join(tmpdir(), 'harena-thresholds-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const SEEDS = [1, 7, 20251203]

/** A fraction the settings accept: 0, 1, or 0.d₁…d₁₅ with leading zeros, trailing zeros, any length up to 15. */
function fraction(rand: Rng): string {
  const r = rand()
  if (r < 0.05) return rand() < 0.5 ? '0' : `1${rand() < 0.5 ? '' : `.${'0'.repeat(1 + Math.floor(rand() * 20))}`}`
  const length = 1 + Math.floor(rand() * 15)
  const zeros = Math.floor(rand() * length)
  const digits = Array.from({ length: length - zeros }, () => Math.floor(rand() * 10)).join('')
  return `0.${'0'.repeat(zeros)}${digits}${'0'.repeat(rand() < 0.2 ? Math.floor(rand() * 10) : 0)}`
}

/** A whole number of milliseconds the settings accept: 1 to 2⁵³ − 1, log-uniform so every magnitude is met. */
function wholeMs(rand: Rng): number {
  const r = rand()
  if (r < 0.05) return 1
  if (r < 0.1) return Number.MAX_SAFE_INTEGER
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.floor(2 ** (rand() * 53))))
}

const ids = (s: ReturnType<typeof loadSettings>) => buildCriteria({ ...s, stream: true })

describe('threshold settings → criteria → parsed back: the same numbers', () => {
  test.each(SEEDS)('VALIDATION_MIN_SUCCESS_RATE over [0, 1] with up to 15 decimals (seed %i)', (seed) => {
    const rand = mulberry32(seed)
    const samples = ['0.0000001', '0.000001', '0.000000000000001', '0.95', '0.999999999999999', ...Array.from({ length: 400 }, () => fraction(rand))]
    for (const raw of samples) {
      const s = loadSettings({ VALIDATION_MIN_SUCCESS_RATE: raw }, root)
      expect(s.minSuccessRate, raw).toBe(Number(raw))
      const c1 = ids(s).find((c) => c.id === 'C1')
      expect(c1?.pass.value, raw).toBe(Number(raw))
      expect(c1?.pass.source, raw).toMatch(/^success_rate>=\d+(\.\d+)?$/)
      expect(parseThreshold(c1?.pass.source ?? '').value, raw).toBe(Number(raw))
    }
  })

  test.each(SEEDS)('VALIDATION_P95_*_MS and VALIDATION_TTFC_*_MS over 1 … 2⁵³ − 1 (seed %i)', (seed) => {
    const rand = mulberry32(seed)
    for (let i = 0; i < 300; i++) {
      const [go, nogo] = [wholeMs(rand), wholeMs(rand)].sort((a, b) => a - b) as [number, number]
      const [tgo, tnogo] = [wholeMs(rand), wholeMs(rand)].sort((a, b) => a - b) as [number, number]
      const s = loadSettings(
        {
          VALIDATION_P95_GO_MS: String(go),
          VALIDATION_P95_NOGO_MS: String(nogo),
          VALIDATION_TTFC_GO_MS: String(tgo),
          VALIDATION_TTFC_NOGO_MS: String(tnogo),
        },
        root,
      )
      const c = ids(s)
      const c2 = c.find((x) => x.id === 'C2')
      const c6 = c.find((x) => x.id === 'C6')
      expect([c2?.pass.value, c2?.warn?.value, c6?.pass.value, c6?.warn?.value]).toEqual([go, nogo, tgo, tnogo])
      for (const t of [c2?.pass, c2?.warn, c6?.pass, c6?.warn]) expect(parseThreshold(t?.source ?? '').value).toBe(t?.value)
    }
  })

  test('a fraction the criteria could not carry is refused by the settings, with the accepted form', () => {
    for (const raw of ['0.1234567890123456', `0.${'0'.repeat(400)}1`, '0.0000000000000001']) {
      expect(() => loadSettings({ VALIDATION_MIN_SUCCESS_RATE: raw }, root), raw).toThrow(ConfigError)
      expect(() => loadSettings({ VALIDATION_MIN_SUCCESS_RATE: raw }, root), raw).toThrow(/at most 15 decimals/)
    }
    // Trailing zeros beyond the 15th decimal say nothing more: accepted.
    expect(loadSettings({ VALIDATION_MIN_SUCCESS_RATE: '0.950000000000000000000' }, root).minSuccessRate).toBe(0.95)
  })
})

describe('plainDecimal: a plain decimal that reads back as the same number', () => {
  test('hand-checked forms', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001')
    expect(plainDecimal(1.5e-10)).toBe('0.00000000015')
    expect(plainDecimal(-2.5e-7)).toBe('-0.00000025')
    expect(plainDecimal(1e21)).toBe('1000000000000000000000')
    expect(plainDecimal(1.2345e25)).toBe('12345000000000000000000000')
    expect(plainDecimal(0.95)).toBe('0.95')
    expect(plainDecimal(4000)).toBe('4000')
    expect(() => plainDecimal(Number.NaN)).toThrow(ThresholdSyntaxError)
    expect(() => plainDecimal(Number.POSITIVE_INFINITY)).toThrow(ThresholdSyntaxError)
  })

  test.each(SEEDS)('every finite double round-trips through the parser (seed %i)', (seed) => {
    const rand = mulberry32(seed)
    const view = new DataView(new ArrayBuffer(8))
    for (let i = 0; i < 2000; i++) {
      view.setUint32(0, Math.floor(rand() * 2 ** 32))
      view.setUint32(4, Math.floor(rand() * 2 ** 32))
      const x = view.getFloat64(0)
      if (!Number.isFinite(x)) continue
      const text = plainDecimal(x)
      expect(text).toMatch(/^-?\d+(\.\d+)?$/)
      expect(parseThreshold(`p95_ms<=${text}`).value).toBe(x === 0 ? 0 : x)
    }
  })

  test('the parser also reads an exponent written by hand, and refuses a number beyond the doubles', () => {
    expect(parseThreshold('success_rate>=1e-7').value).toBe(1e-7)
    expect(parseThreshold('p95_ms <= 4E3').value).toBe(4000)
    expect(() => parseThreshold('p95_ms<=1e999')).toThrow(/not a finite number/)
  })
})
