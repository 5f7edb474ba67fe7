import { describe, expect, it } from 'vitest'
import { detectAnomalies, type Transaction } from '../../../fixtures/reference/domain/index.ts'
import { datasetFor, PINNED_NOWS, question, run } from './helpers.ts'

function tx(id: number, amount: number, category = 'Shopping', merchant = `M${id % 3}`): Transaction {
  return { id, userId: 1, date: '2026-01-01', amount: -amount, type: 'debit', category, merchant, description: '' }
}

describe('detectAnomalies (median/MAD modified z-score)', () => {
  it('scores 0.6745·(x − median)/MAD and flags above 3.5 only on the high side', () => {
    const list = [10, 11, 12, 13, 14, 15, 16, 17, 100, 1].map((a, i) => tx(i + 1, a))
    // median 13.5; |dev| = 0.5 0.5 1.5 1.5 2.5 2.5 3.5 3.5 12.5 86.5 → MAD 2.5; 100 → 0.6745·86.5/2.5 = 23.34;
    // 1 is as far below as some are above but on the low side: not flagged.
    const f = detectAnomalies(list)
    expect(f.map((x) => x.transactionId)).toEqual([9])
    expect(f[0]?.score).toBeCloseTo(23.34, 2)
    expect(f[0]).toMatchObject({ method: 'mad', median: 13.5, mad: 2.5, amount: 100 })
  })

  it('falls back to the mean absolute deviation when MAD is 0, and flags nothing when all amounts are equal', () => {
    const fixed = Array.from({ length: 12 }, (_, i) => tx(i + 1, 13.49, 'Abonnements', 'Netflix'))
    expect(detectAnomalies(fixed)).toEqual([])
    const withSpike = [...fixed, tx(99, 99.99, 'Abonnements', 'Netflix')]
    expect(detectAnomalies(withSpike).map((x) => x.transactionId)).toEqual([99])
  })

  it('skips categories with fewer than 8 debits and ignores credits', () => {
    expect(detectAnomalies([10, 11, 12, 13, 14, 500].map((a, i) => tx(i + 1, a)))).toEqual([])
    const credit: Transaction = { ...tx(50, 0), amount: 9999, type: 'credit', category: 'Shopping' }
    expect(detectAnomalies([...[10, 11, 12, 13, 14, 15, 16, 17].map((a, i) => tx(i + 1, a)), credit])).toEqual([])
  })

  it('does not flag a charge that is normal for its own merchant (a 29.99 € box among 10.99 € streaming)', () => {
    const list = [
      ...Array.from({ length: 10 }, (_, i) => tx(i + 1, 10.99, 'Abonnements', 'Spotify')),
      ...Array.from({ length: 10 }, (_, i) => tx(i + 11, 13.49, 'Abonnements', 'Netflix')),
      ...Array.from({ length: 10 }, (_, i) => tx(i + 21, 29.99, 'Abonnements', 'Free')),
    ]
    expect(detectAnomalies(list)).toEqual([])
  })
})

// Precision/recall against the planted labels, over every pinned now and both users (seed 42).
let tp = 0
let fp = 0
let fn = 0
for (const n of PINNED_NOWS) {
  const ds = datasetFor(n)
  for (const [userId, list] of ds.transactions) {
    const flagged = new Set(detectAnomalies(list).map((f) => f.transactionId))
    const planted = new Set(ds.anomalies.filter((a) => a.userId === userId).map((a) => a.transactionId))
    for (const id of flagged)
      if (planted.has(id)) tp++
      else fp++
    for (const id of planted) if (!flagged.has(id)) fn++
  }
}
const precision = tp / Math.max(1, tp + fp)
const recall = tp / Math.max(1, tp + fn)

describe('detector vs planted anomalies', () => {
  it(`precision ${precision.toFixed(3)} and recall ${recall.toFixed(3)} (TP ${tp}, FP ${fp}, FN ${fn}, ${PINNED_NOWS.length} nows × 2 users) are ≥ 0.9`, () => {
    expect(tp).toBeGreaterThan(0)
    expect(precision).toBeGreaterThanOrEqual(0.9)
    expect(recall).toBeGreaterThanOrEqual(0.9)
  })

  it('q10 reports planted anomalies as unusual_transaction insights (method "mad") and charts them', () => {
    const n = '2026-11-24T12:00:00Z'
    const ds = datasetFor(n)
    const { a } = run(ds, 1, question('q10').message, new Date(n))
    const planted = new Set(ds.anomalies.map((x) => x.transactionId))
    const unusual = a.insights.filter((i) => i.type === 'unusual_transaction')
    expect(unusual.length).toBeGreaterThanOrEqual(1)
    for (const i of unusual) {
      expect(i.data_support).toMatchObject({ method: 'mad', threshold_exceeded: true })
      expect(planted.has(Number(i.data_support['transaction_id']))).toBe(true)
      expect(Number(i.data_support['anomaly_score'])).toBeGreaterThan(3.5)
      expect(i.confidence).toBeCloseTo(Math.min(0.95, 0.7 + Number(i.data_support['anomaly_score']) / 10), 2)
    }
    const bar = a.visualizations.find((v) => v.type === 'bar_chart')
    expect(bar !== undefined && 'data' in bar ? bar.data.datasets[0]?.data.length : 0).toBeGreaterThanOrEqual(1)
  })
})
