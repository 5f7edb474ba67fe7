import { describe, expect, it } from 'vitest'
import { generateDataset, historyStartDay, SPENDING_CATEGORIES, type Transaction } from '../../../fixtures/reference/domain/index.ts'
import { addDaysIso, datasetFor, iso, monthBounds, PINNED_NOWS, QUESTIONS, run } from './helpers.ts'

const USERS = [1, 2] as const

function txs(now: string, userId: number): readonly Transaction[] {
  return datasetFor(now).transactions.get(userId) ?? []
}

describe('dataset generation', () => {
  it('is deterministic for the same now and seed, and changes with the seed', () => {
    const now = new Date('2026-11-24T12:00:00Z')
    const a = generateDataset({ now })
    const b = generateDataset({ now, seed: 42 })
    expect(a.seed).toBe(42)
    expect([...b.transactions.entries()]).toEqual([...a.transactions.entries()])
    expect(b.anomalies).toEqual(a.anomalies)
    const c = generateDataset({ now, seed: 7 })
    expect(JSON.stringify([...c.transactions.entries()])).not.toBe(JSON.stringify([...a.transactions.entries()]))
  })

  it('has the two demo users with their credentials, and they differ', () => {
    const ds = datasetFor('2026-11-24T12:00:00Z')
    expect(ds.users).toEqual([
      { userId: 1, email: 'demo@harena.test', password: 'harena-demo' },
      { userId: 2, email: 'other@harena.test', password: 'harena-demo' },
    ])
    const m1 = new Set(txs('2026-11-24T12:00:00Z', 1).map((t) => t.merchant))
    const m2 = new Set(txs('2026-11-24T12:00:00Z', 2).map((t) => t.merchant))
    expect([...m1].filter((m) => !m2.has(m)).length).toBeGreaterThan(3)
    expect([...m2].filter((m) => !m1.has(m)).length).toBeGreaterThan(3)
  })

  describe.each(PINNED_NOWS.flatMap((now) => USERS.map((u) => [now, u] as const)))('now %s, user %i', (now, userId) => {
    const list = txs(now, userId)
    const today = now.slice(0, 10)

    it('is well-formed: unique ids, sorted by date, 2-decimal signed amounts, dates within the 13 months before now', () => {
      expect(list.length).toBeGreaterThan(300)
      expect(new Set(list.map((t) => t.id)).size).toBe(list.length)
      const start = iso(new Date(historyStartDay(new Date(now)) * 86_400_000))
      // The history starts in its first month (recurring charges and daily purchases begin right away).
      expect(list[0]?.date.slice(0, 7)).toBe(start.slice(0, 7))
      for (let i = 0; i < list.length; i++) {
        const t = list[i] as Transaction
        expect(t.userId).toBe(userId)
        expect(t.date >= start && t.date <= today, `${t.date} outside ${start}…${today}`).toBe(true)
        if (i > 0) expect((list[i - 1] as Transaction).date <= t.date).toBe(true)
        expect(Math.round(t.amount * 100) / 100).toBe(t.amount)
        expect(t.type === 'debit' ? t.amount < 0 : t.amount > 0).toBe(true)
        expect(t.merchant.length).toBeGreaterThan(0)
      }
      // 13 full calendar months before the current one.
      const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]
      const startMonth = new Date(Date.UTC(y, m - 1 - 13, 1))
      expect(start).toBe(iso(startMonth))
    })

    it('covers at least 8 spending categories, a salary every month, rent and groceries', () => {
      const spending = new Set(list.filter((t) => t.type === 'debit').map((t) => t.category))
      expect(spending.size).toBeGreaterThanOrEqual(8)
      for (const c of spending) expect(SPENDING_CATEGORIES as readonly string[]).toContain(c)
      const salaryMonths = new Set(list.filter((t) => t.category === 'Revenus').map((t) => t.date.slice(0, 7)))
      expect(salaryMonths.size).toBeGreaterThanOrEqual(13)
      expect(list.some((t) => t.category === 'Logement')).toBe(true)
    })

    it('has transactions today, this week, Netflix and groceries this month, SNCF last month, ≥ 6 categories in 30 days', () => {
      expect(list.some((t) => t.date === today)).toBe(true)
      const d = new Date(`${today}T00:00:00Z`)
      const monday = addDaysIso(today, -((d.getUTCDay() + 6) % 7))
      expect(list.some((t) => t.date >= monday && t.date <= today)).toBe(true)
      const monthStart = `${today.slice(0, 7)}-01`
      expect(list.some((t) => t.merchant === 'Netflix' && t.date >= monthStart)).toBe(true)
      expect(list.some((t) => t.category === 'Alimentation' && t.date >= monthStart)).toBe(true)
      const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1))
      const [pFrom, pTo] = monthBounds(prev.getUTCFullYear(), prev.getUTCMonth() + 1)
      expect(list.some((t) => t.merchant === 'SNCF' && t.date >= pFrom && t.date <= pTo)).toBe(true)
      const since = addDaysIso(today, -29)
      const recent = new Set(list.filter((t) => t.type === 'debit' && t.date >= since).map((t) => t.category))
      expect(recent.size).toBeGreaterThanOrEqual(6)
      expect(list.some((t) => t.merchant === 'Carrefour' && t.date >= since)).toBe(true)
      expect(list.some((t) => t.category === 'Transport' && t.date >= since)).toBe(true)
    })

    it('plants labelled anomalies that exist in the data, one of them in the last 10 days', () => {
      const planted = datasetFor(now).anomalies.filter((a) => a.userId === userId)
      expect(planted.length).toBeGreaterThanOrEqual(5)
      const byId = new Map(list.map((t) => [t.id, t]))
      for (const a of planted) expect(byId.get(a.transactionId)?.category).toBe(a.category)
      expect(planted.some((a) => (byId.get(a.transactionId)?.date ?? '') >= addDaysIso(today, -10))).toBe(true)
    })

    it('answers every plan question as the spec expects (data / no data / clarification)', () => {
      const ds = datasetFor(now)
      for (const q of QUESTIONS) {
        const { u, a } = run(ds, userId, q.message, new Date(now))
        if (q.expectsData === true) {
          expect(a.foundResults, `${q.id} should have data`).toBe(true)
          expect(a.visualizations.length, q.id).toBeGreaterThanOrEqual(3)
        } else if (q.expectsData === false) {
          expect(a.foundResults, `${q.id} should have no data`).toBe(false)
          expect(a.visualizations, q.id).toEqual([])
        } else {
          expect(u.clarification, q.id).toBe(true)
        }
        const kinds = a.visualizations.map((v) => v.type)
        if (q.id >= 'q04' && q.id <= 'q06') expect(kinds, q.id).toContain('pie_chart')
        if (q.id >= 'q07' && q.id <= 'q09') expect(kinds, q.id).toContain('bar_chart')
        if (q.id === 'q10')
          expect(
            a.insights.some((i) => i.type === 'unusual_transaction'),
            q.id,
          ).toBe(true)
        if (q.id === 'q11') expect(kinds, q.id).toContain('line_chart')
        if (q.id === 'q12') {
          const bar = a.visualizations.find((v) => v.type === 'bar_chart')
          expect(bar !== undefined && 'data' in bar ? bar.data.datasets.length : 0, q.id).toBeGreaterThanOrEqual(2)
        }
        if (q.id === 'q06') {
          const pie = a.visualizations.find((v) => v.type === 'pie_chart')
          const labels = pie !== undefined && 'data' in pie ? pie.data.labels : []
          expect(labels.length).toBe(6)
          expect(labels[5]).toBe('Autres')
        }
      }
    })
  })
})
