// Answers recomputed independently from the raw transactions: the filters and periods are written out here by
// hand for a pinned now, not taken from the domain's understanding.
import { describe, expect, it } from 'vitest'
import type { ChartViz, GeneratedAnswer, KpiCard, Transaction } from '../../../fixtures/reference/domain/index.ts'
import { amountsIn, datasetFor, eur, PINNED_NOWS, PLACEHOLDER_RE, QUESTIONS, question, run } from './helpers.ts'

const NOW = '2026-11-24T12:00:00Z'
const now = new Date(NOW)

function raw(userId: number): readonly Transaction[] {
  return datasetFor(NOW).transactions.get(userId) ?? []
}

function kpi(a: GeneratedAnswer, title: string): KpiCard {
  const k = a.visualizations.find((v): v is KpiCard => v.type === 'kpi_card' && v.title === title)
  if (k === undefined) throw new Error(`no KPI ${title}`)
  return k
}

function chart(a: GeneratedAnswer, type: ChartViz['type']): ChartViz {
  const c = a.visualizations.find((v): v is ChartViz => v.type === type)
  if (c === undefined) throw new Error(`no ${type}`)
  return c
}

function cents(x: number): number {
  return Math.round(x * 100)
}

interface Expected {
  debitCents: number
  count: number
}
function expectedOf(list: readonly Transaction[]): Expected {
  let debitCents = 0
  for (const t of list) if (t.amount < 0) debitCents += cents(-t.amount)
  return { debitCents, count: list.length }
}

const between =
  (from: string, to: string) =>
  (t: Transaction): boolean =>
    t.date >= from && t.date <= to
const debit = (t: Transaction): boolean => t.type === 'debit'

// q01…q09 at 2026-11-24 (a Tuesday): the period and filter each question means, written by hand.
const CASES: Array<[id: string, filter: (t: Transaction) => boolean]> = [
  ['q01', (t) => debit(t) && between('2026-10-01', '2026-10-31')(t)],
  ['q02', between('2026-11-23', '2026-11-24')],
  ['q03', (t) => debit(t) && t.date === '2026-11-24'],
  ['q04', (t) => debit(t) && t.category === 'Alimentation' && between('2026-11-01', '2026-11-24')(t)],
  ['q05', (t) => debit(t) && t.category === 'Transport' && between('2026-10-26', '2026-11-24')(t)],
  ['q06', (t) => debit(t) && between('2026-10-26', '2026-11-24')(t)],
  ['q07', (t) => debit(t) && t.merchant === 'Carrefour' && between('2026-10-26', '2026-11-24')(t)],
  ['q08', (t) => debit(t) && t.merchant === 'Netflix' && between('2026-11-01', '2026-11-24')(t)],
  ['q09', (t) => t.merchant === 'SNCF' && between('2026-10-01', '2026-10-31')(t)],
]

describe.each([1, 2])('KPI figures recomputed from the raw transactions (user %i, now 2026-11-24)', (userId) => {
  it.each(CASES)('%s', (id, filter) => {
    const matching = raw(userId).filter(filter)
    const exp = expectedOf(matching)
    expect(exp.count).toBeGreaterThan(0)
    const { a } = run(datasetFor(NOW), userId, question(id).message, now)
    expect(a.foundResults).toBe(true)
    expect(a.totalResults).toBe(exp.count)
    const total = kpi(a, 'Total Dépenses')
    const count = kpi(a, 'Nombre de Transactions')
    const avg = kpi(a, 'Montant Moyen')
    expect(total).toMatchObject({ unit: '€', icon: 'credit-card', color: 'red' })
    expect(count).toMatchObject({ unit: 'transactions', icon: 'list', color: 'blue' })
    expect(avg).toMatchObject({ unit: '€', icon: 'trending-up', color: 'green' })
    expect(cents(total.value)).toBe(exp.debitCents)
    expect(count.value).toBe(exp.count)
    // Contract: total debits ÷ number of all results, 2 dp.
    expect(Math.abs(avg.value - exp.debitCents / 100 / exp.count)).toBeLessThanOrEqual(0.005 + 1e-9)
    // The text quotes exactly these figures, formatted fr-FR.
    expect(a.message).toContain(eur(exp.debitCents / 100))
    expect(a.message).toContain(eur(avg.value))
    expect(a.message).toContain(String(exp.count))
    // financial_summary like the real wire.
    const summary = a.insights.find((i) => i.type === 'financial_summary')
    expect(summary?.title).toBe(`Résumé financier : ${exp.count} transaction${exp.count === 1 ? '' : 's'}`)
    expect(summary?.description).toContain(`Débits: ${(exp.debitCents / 100).toFixed(2)}€`)
  })

  it('q06 pie: top 5 categories + "Autres", slices recomputed and summing exactly to the Total Dépenses KPI', () => {
    const byCat = new Map<string, number>()
    for (const t of raw(userId).filter(CASES[5]?.[1] ?? (() => false))) byCat.set(t.category, (byCat.get(t.category) ?? 0) + cents(-t.amount))
    const sorted = [...byCat.entries()].sort((x, y) => y[1] - x[1])
    expect(sorted.length).toBeGreaterThan(5)
    const { a } = run(datasetFor(NOW), userId, question('q06').message, now)
    const pie = chart(a, 'pie_chart')
    expect(pie.title).toBe('Répartition par Catégorie')
    expect(pie.data.labels).toEqual([...sorted.slice(0, 5).map(([c]) => c), 'Autres'])
    const values = pie.data.datasets[0]?.data ?? []
    expect(values.slice(0, 5).map(cents)).toEqual(sorted.slice(0, 5).map(([, c]) => c))
    expect(cents(values[5] ?? 0)).toBe(sorted.slice(5).reduce((s, [, c]) => s + c, 0))
    const sum = values.reduce((s, v) => s + cents(v), 0)
    expect(sum).toBe(cents(kpi(a, 'Total Dépenses').value))
  })

  it('q12 comparison: two datasets, current = KPI total, previous = same days of last month, change on the KPI', () => {
    const list = raw(userId)
    const cur = expectedOf(list.filter((t) => debit(t) && between('2026-11-01', '2026-11-24')(t))).debitCents
    const prev = expectedOf(list.filter((t) => debit(t) && between('2026-10-01', '2026-10-24')(t))).debitCents
    const { a } = run(datasetFor(NOW), userId, question('q12').message, now)
    const bar = chart(a, 'bar_chart')
    expect(bar.title).toBe('Comparaison des Dépenses')
    expect(bar.data.datasets.map((d) => d.label)).toEqual(['Période Actuelle', 'Période Précédente'])
    const sumOf = (i: number): number => (bar.data.datasets[i]?.data ?? []).reduce((s, v) => s + cents(v), 0)
    expect(sumOf(0)).toBe(cur)
    expect(sumOf(1)).toBe(prev)
    const total = kpi(a, 'Total Dépenses')
    expect(cents(total.value)).toBe(cur)
    const pct = Math.round(((cur - prev) / prev) * 1000) / 10
    expect(total.change_percent).toBe(pct)
    expect(total.change_direction).toBe(pct > 1 ? 'up' : pct < -1 ? 'down' : 'stable')
    expect(total.comparison_text).toContain(eur(prev / 100))
    expect(a.message).toContain(eur(prev / 100))
  })

  it('q11 trend: "Évolution Mensuelle" over 13 months, each point = that month\'s debits', () => {
    const list = raw(userId)
    const { a } = run(datasetFor(NOW), userId, question('q11').message, now)
    const line = chart(a, 'line_chart')
    expect(line.title).toBe('Évolution Mensuelle')
    const months = [
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]
    expect(line.data.labels).toEqual(months)
    const values = line.data.datasets[0]?.data ?? []
    months.forEach((m, i) => {
      const expected = list.filter((t) => debit(t) && t.date.startsWith(m)).reduce((s, t) => s + cents(-t.amount), 0)
      expect(cents(values[i] ?? -1), m).toBe(expected)
    })
    expect(values.reduce((s, v) => s + cents(v), 0)).toBe(cents(kpi(a, 'Total Dépenses').value))
    expect(a.insights.some((i) => i.type === 'trend_analysis')).toBe(true)
  })
})

describe('answer shapes on every pinned now and user', () => {
  const combos = PINNED_NOWS.flatMap((n) => [1, 2].flatMap((userId) => QUESTIONS.map((q) => [n, userId, q.id] as const)))
  it.each(combos)('%s user %i %s: clean text, amounts in the text are figures of the visualizations, insights sorted', (n, userId, id) => {
    const { a } = run(datasetFor(n), userId, question(id).message, new Date(n))
    expect(a.message.length).toBeGreaterThan(20)
    expect(a.message).not.toMatch(PLACEHOLDER_RE)
    for (const i of a.insights) {
      expect(i.title).not.toMatch(PLACEHOLDER_RE)
      expect(i.description).not.toMatch(PLACEHOLDER_RE)
    }
    expect(a.insights.length).toBeLessThanOrEqual(3)
    for (let i = 1; i < a.insights.length; i++) {
      const p = a.insights[i - 1]
      const c = a.insights[i]
      if (p === undefined || c === undefined) continue
      expect(p.priority < c.priority || (p.priority === c.priority && p.confidence >= c.confidence)).toBe(true)
    }
    // Every euro amount written in the message is a figure shown in a visualization.
    const figures = new Set<number>()
    for (const v of a.visualizations) {
      if (v.type === 'kpi_card') {
        figures.add(cents(v.value))
        for (const x of amountsIn(v.comparison_text ?? '')) figures.add(cents(x))
      } else {
        for (const d of v.data.datasets) for (const x of d.data) figures.add(cents(x))
      }
    }
    for (const x of amountsIn(a.message)) expect(figures.has(cents(x)), `${x} € not in the visualizations`).toBe(true)
    if (a.foundResults) {
      expect(a.visualizations.slice(0, 3).map((v) => v.title)).toEqual(['Total Dépenses', 'Nombre de Transactions', 'Montant Moyen'])
      expect(a.insights[0]?.type).toBe('financial_summary')
      const pie = a.visualizations.find((v): v is ChartViz => v.type === 'pie_chart')
      if (pie !== undefined) {
        expect(pie.data.labels.length).toBeLessThanOrEqual(6)
        const sum = (pie.data.datasets[0]?.data ?? []).reduce((s, v) => s + cents(v), 0)
        expect(sum).toBe(cents(kpi(a, 'Total Dépenses').value))
      }
    }
  })
})

describe('zero results and clarification', () => {
  it.each(['q13', 'q14'])('%s: no results, no visualizations, no figures, a French sentence saying nothing was found', (id) => {
    const { a, s } = run(datasetFor(NOW), 1, question(id).message, now)
    expect(s.transactions).toEqual([])
    expect(s.query).not.toBeNull()
    expect(a).toMatchObject({ foundResults: false, totalResults: 0, visualizations: [], insights: [] })
    expect(a.message).toMatch(/^Je n'ai trouvé aucune/)
    expect(amountsIn(a.message)).toEqual([])
    expect(a.message).not.toMatch(/€/)
  })

  it('q13 names the asked date and q14 the asked merchant', () => {
    expect(run(datasetFor(NOW), 1, question('q13').message, now).a.message).toContain('1er janvier 1970')
    expect(run(datasetFor(NOW), 1, question('q14').message, now).a.message).toContain('XYZ_MERCHANT_INEXISTANT')
  })

  it('q15: a question back, no search, no visualizations', () => {
    const { a, s } = run(datasetFor(NOW), 1, question('q15').message, now)
    expect(s.query).toBeNull()
    expect(a).toMatchObject({ foundResults: false, totalResults: 0, visualizations: [], insights: [] })
    expect(a.message.trim().endsWith('?')).toBe(true)
  })

  it('a user without data gets a clear zero-results answer', () => {
    const { a } = run(datasetFor(NOW), 99, 'Mes dépenses du mois dernier', now)
    expect(a.foundResults).toBe(false)
    expect(a.visualizations).toEqual([])
    expect(a.message).toContain("Aucune transaction n'est encore disponible")
  })

  it('a future year is searched whole and found empty', () => {
    const { u, a } = run(datasetFor(NOW), 1, 'Mes dépenses en 2030', now)
    expect(u.period).toMatchObject({ from: '2030-01-01', to: '2030-12-31' })
    expect(a.foundResults).toBe(false)
    expect(a.visualizations).toEqual([])
  })
})

describe('other answers', () => {
  it('an income question adds a "Total Revenus" card whose figure the text quotes', () => {
    const credits = raw(1).filter((t) => t.type === 'credit' && between('2026-10-01', '2026-10-31')(t))
    const expected = credits.reduce((s, t) => s + cents(t.amount), 0)
    const { a } = run(datasetFor(NOW), 1, 'Mes revenus du mois dernier', now)
    expect(cents(kpi(a, 'Total Revenus').value)).toBe(expected)
    expect(cents(kpi(a, 'Total Dépenses').value)).toBe(0)
    expect(a.message).toContain(eur(expected / 100))
  })

  it('a comparison whose previous period starts before the history says it is incomplete', () => {
    const { a } = run(datasetFor(NOW), 1, "Compare cette année à l'année dernière", now)
    expect(a.message).toContain('incomplète')
    const { a: monthly } = run(datasetFor(NOW), 1, question('q12').message, now)
    expect(monthly.message).not.toContain('incomplète')
  })

  it("a partial merchant name is answered under the matching merchant's real name", () => {
    const { a } = run(datasetFor(NOW), 1, 'Mes dépenses chez lafayette', now)
    expect(a.foundResults).toBe(true)
    expect(a.message).toMatch(/^Chez Pharmacie Lafayette, /)
    expect(chart(a, 'bar_chart').title).toBe('Dépenses chez Pharmacie Lafayette')
  })
})
