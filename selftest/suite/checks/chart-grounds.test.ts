// Chart data grounded in what a harena-v2-charts answer carries (tests/support/checks/chart-sums.ts, chart-parts.ts,
// chart-dates.ts, merchant-names.ts; review "charts5"). main draws its line, pie and bar in one pass over the same
// results (docs/wire-contracts.md §2.2) and types a transaction by the sign of its amount; the insights carry the
// totals of every result. Each rule below comes with the healthy variants of a real service it must let pass.
import { describe, expect, test } from 'vitest'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { exchange, mainChart } from '../adapter/bodies.ts'
import { chartReasons, data, type Json, mutated, RECORDED, transport, viz } from './chart-bodies.ts'
import { checkAnswer, english, question } from './helpers.ts'

/** The fixture's 64-result answer: more than one page, so the charts may hold only the first 50 results. */
const many = (): Json => structuredClone(RECORDED)
const LINE = 'Evolution des transactions'
const PIE = 'Repartition des depenses par categorie'
const BAR = 'Top 10 marchands'
const summary = (b: Json): Json => b.response.structured_data[0].data_support

describe('more than one page of results: what the answer carries still judges the charts', () => {
  test('a line of zeros: beside a debit total with both sides drawn, beside the pie, on a debit-only search', () => {
    const allZero = mutated(many, (b) => {
      data(b, 'line', 0).fill(0)
      data(b, 'line', 1).fill(0)
    })
    expect(chartReasons(allZero)).toEqual([`expected the debits of the line chart "${LINE}" to reflect the debit total 1641.7, observed only zeros`])
    // Credits still drawn, but the pie of the same results shows 1641.70 € of debits.
    const debitsZero = mutated(many, (b) => {
      data(b, 'line', 0).fill(0)
    })
    expect(chartReasons(debitsZero)).toEqual([
      `expected the debits of the line chart "${LINE}" to reflect the debit total 1641.7, observed only zeros`,
    ])
    // A debit-only search: every result drawn is a debit of some amount, whichever page.
    const debitOnly = mutated(many, (b) => {
      b.query.filters.transaction_type = 'debit'
      b.response.visualizations = [mainChart('line', LINE, ['2025-09-01', '2025-09-02'], [{ label: 'Depenses', data: [0, 0] }])]
    })
    expect(chartReasons(debitOnly)).toEqual([
      `expected the debits of the line chart "${LINE}" to reflect the debit total 1641.7, observed only zeros`,
    ])
  })

  test('healthy: a first page of credits only, a line short of the pie (undated results), the fixture itself', () => {
    expect(chartReasons(many())).toEqual([])
    const creditsPage = mutated(many, (b) => {
      b.response.visualizations = [
        mainChart(
          'line',
          LINE,
          ['2025-09-28', '2025-09-30'],
          [
            { label: 'Depenses', data: [0, 0] },
            { label: 'Revenus', data: [2450, 120] },
          ],
        ),
      ]
    })
    expect(chartReasons(creditsPage)).toEqual([])
    const q = question({ message: 'Mes dépenses du mois dernier', expectations: [{ kind: 'line' }, { kind: 'bar' }] })
    expect(english(checkAnswer(q, harenaV2ChartsAdapter.parse(exchange(many())), harenaV2ChartsAdapter.observes).failures)).toEqual([])
  })

  test('the bar and the line against the pie of the same results, where the carried total does not pin them', () => {
    const shortBar = mutated(many, (b) => {
      viz(b, 'bar').config.data.datasets[0].data = [750, 150, 100]
    })
    expect(chartReasons(shortBar)).toEqual([
      `expected the debits of the bar chart "${BAR}" to equal those of the pie chart "${PIE}" (1641.7: fewer than 10 bars hold every merchant of the same results), observed 1000`,
    ])
    // No total carried (a financial summary without its debit total): the pie still bounds the line and the bar.
    const noTotal = (change: (b: Json) => void): string[] =>
      chartReasons(
        mutated(many, (b) => {
          delete summary(b).total_debit
          change(b)
        }),
      )
    expect(noTotal((b) => (data(b, 'line')[1] = 1600))).toEqual([
      `expected the debits of the line chart "${LINE}" not to exceed those of the pie chart "${PIE}" (1641.7, drawn from the same results), observed 1734.35`,
    ])
    const tenBars = (values: number[]) => (b: Json) => {
      viz(b, 'bar').config.data.labels = values.map((_, i) => `Marchand ${i + 1}`)
      viz(b, 'bar').config.data.datasets[0].data = values
    }
    expect(noTotal(tenBars([900, 300, 200, 100, 90, 80, 70, 60, 50, 40]))).toEqual([
      `expected the debits of the bar chart "${BAR}" not to exceed those of the pie chart "${PIE}" (1641.7, drawn from the same results), observed 1890`,
    ])
    // Healthy: a bar of 10 short of the pie (the other merchants are beyond its top), a line short of it.
    expect(noTotal(tenBars([700, 300, 200, 100, 90, 80, 70, 30, 20, 10]))).toEqual([])
    expect(noTotal(() => {})).toEqual([])
    // With one page and the total carried, the total already pins every chart: said once, by the total.
    const pinned = mutated(transport, (b) => {
      viz(b, 'bar').config.data.datasets[0].data = [100, 50, 20]
    })
    expect(chartReasons(pinned)).toEqual([
      `expected the debits of the bar chart "${BAR}" to equal the debit total 234.88 (every result is drawn), observed 170`,
    ])
  })

  test('credits against the carried credit total: never above it, equal to it when every result is drawn', () => {
    const withCredits = (credits: number[], total = 2450): Json =>
      mutated(transport, (b) => {
        delete b.query.filters.transaction_type
        summary(b).total_credit = total
        viz(b, 'line').config.data.datasets[1].data = credits
      })
    expect(chartReasons(withCredits([0, 0, 0, 0, 2450]))).toEqual([])
    expect(chartReasons(withCredits([0, 2450, 0, 0, 2450]))).toEqual([
      `expected the credits of the line chart "${LINE}" not to exceed the credit total 2450, observed 4900`,
    ])
    expect(chartReasons(withCredits([0, 0, 0, 0, 1200]))).toEqual([
      `expected the credits of the line chart "${LINE}" to equal the credit total 2450 (every result is drawn), observed 1200`,
    ])
    // Above one page only the bound holds: a page without the salary is healthy.
    const manyCredits = (credits: number[]): string[] =>
      chartReasons(
        mutated(many, (b) => {
          summary(b).total_credit = 2450
          data(b, 'line', 1).splice(0, 3, ...credits)
        }),
      )
    expect(manyCredits([0, 0, 0])).toEqual([])
    expect(manyCredits([0, 2450, 2450])).toEqual([
      `expected the credits of the line chart "${LINE}" not to exceed the credit total 2450, observed 4900`,
    ])
  })

  test('no more points with an amount than results; zero-filled days and weekly buckets are healthy', () => {
    const days = (n: number, from = 2): string[] => Array.from({ length: n }, (_, i) => `2026-11-${String(from + i).padStart(2, '0')}`)
    const line = (labels: string[], debits: number[]): Json =>
      mutated(transport, (b) => {
        viz(b, 'line').config.data.labels = labels
        viz(b, 'line').config.data.datasets = [{ label: 'Depenses', data: debits }]
      })
    expect(chartReasons(line(days(7), [40, 40, 40, 40, 40, 20, 14.88]))).toEqual([
      `expected at most 5 points with an amount in the line chart "${LINE}" (one result at least behind each), observed 7`,
    ])
    const drawn = new Map([
      [0, 86.4],
      [4, 49.98],
      [10, 18.67],
      [21, 13.43],
      [22, 66.4],
    ])
    const zeroFilled = days(23).map((_, i) => drawn.get(i) ?? 0)
    expect(chartReasons(line(days(23), zeroFilled))).toEqual([])
    expect(chartReasons(line(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'], [136.38, 18.67, 0, 79.83]))).toEqual([])
  })
})

describe('the side a search leaves out (query.filters.transaction_type): its results hold none to draw', () => {
  // The contract's line draws the results' credits as "Revenus" (docs/wire-contracts.md §2.2) and Harena types a
  // transaction "debit" exactly when its amount is negative: a debit-only search has no credit to draw.
  test('credits on a debit-only search, in every form the filter takes', () => {
    for (const filter of ['debit', 'DEBIT', ['debit'], { term: 'debit' }]) {
      const revenus = mutated(transport, (b) => {
        b.query.filters.transaction_type = filter
        data(b, 'line', 1)[4] = 3246.86
      })
      expect(chartReasons(revenus)).toEqual([
        `expected no credits in the line chart "${LINE}" (a search of debits only), observed "Revenus" summing 3246.86`,
      ])
    }
  })

  test('debits on a credit-only search: a line’s "Depenses", main’s pie of debits', () => {
    const income = (change: (b: Json) => void): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          b.query.filters = { date: { gte: '2026-10-26', lte: '2026-11-24' }, transaction_type: 'credit' }
          b.response.structured_data[0].data_support = { transaction_count: 5, currency: 'EUR', total_credit: 3300 }
          b.response.visualizations = [
            mainChart(
              'line',
              LINE,
              ['2026-11-02', '2026-11-06', '2026-11-12', '2026-11-23', '2026-11-24'],
              [
                { label: 'Depenses', data: [0, 0, 0, 0, 0] },
                { label: 'Revenus', data: [2450, 0, 350, 0, 500] },
              ],
            ),
          ]
          change(b)
        }),
      )
    // Healthy: the credits drawn, the debits zero; an income pie titled as such.
    expect(income(() => {})).toEqual([])
    const incomePie = (b: Json): void => {
      b.response.visualizations.push(
        mainChart('pie', 'Repartition des revenus par categorie', ['Salaire', 'Remboursements'], [{ data: [2450, 850] }]),
      )
    }
    expect(income(incomePie)).toEqual([])
    expect(income((b) => (data(b, 'line', 0)[1] = 42))).toEqual([
      `expected no debits in the line chart "${LINE}" (a search of credits only), observed "Depenses" summing 42`,
    ])
    const debitPie = (b: Json): void => {
      b.response.visualizations.push(mainChart('pie', PIE, ['Alimentation', 'Transport'], [{ data: [120, 80] }]))
    }
    expect(income(debitPie)).toEqual([`expected no debits in the pie chart "${PIE}" (a search of credits only), observed "${PIE}" summing 200`])
  })

  test('healthy: zeros or no credit series on a debit-only search; credits on a search of both types', () => {
    expect(chartReasons(transport())).toEqual([])
    const noRevenus = mutated(transport, (b) => {
      viz(b, 'line').config.data.datasets.pop()
    })
    expect(chartReasons(noRevenus)).toEqual([])
    for (const filter of [['debit', 'credit'], 'all']) {
      const both = mutated(transport, (b) => {
        b.query.filters.transaction_type = filter
        data(b, 'line', 1)[4] = 3246.86
      })
      expect(chartReasons(both)).toEqual([])
    }
  })
})

describe('bars grounded by the insights in main’s own shapes (no list of results, no aggregation by merchant on the wire)', () => {
  const withInsight = (data_support: Json, change: (b: Json) => void = () => {}): string[] =>
    chartReasons(
      mutated(transport, (b) => {
        b.response.structured_data.push({
          type: 'unusual_transaction',
          title: 'Dépense inhabituelle détectée',
          description: '',
          confidence: 0.85,
          data_support,
          actionable: true,
          priority: 1,
        })
        change(b)
      }),
    )
  const everyType = (b: Json): void => {
    delete b.query.filters.transaction_type
  }

  test('main’s legacy insight (merchant, max_abs_amount) and its analytics insight (merchant, an absolute amount, untyped)', () => {
    expect(withInsight({ max_abs_amount: 99.5, abs_avg_amount: 30, multiplier: 3.3, transaction_type: 'debit', merchant: 'Air France' })).toEqual([
      `expected the results' merchant "Air France" (a debit of 99.5) among the bars of "${BAR}", observed absent`,
    ])
    // Untyped and positive: a debit on a debit-only search (every result is one), unknown on a search of every type.
    const analytics = { transaction_id: 7, amount: 99.5, merchant: 'Air France', date: '2026-11-02', anomaly_score: 2.4, method: 'zscore' }
    expect(withInsight(analytics)).toEqual([
      `expected the results' merchant "Air France" (a debit of 99.5) among the bars of "${BAR}", observed absent`,
    ])
    expect(withInsight(analytics, everyType)).toEqual([])
  })

  test('the named merchant’s own bar holds that debit at least', () => {
    expect(withInsight({ max_abs_amount: 150, transaction_type: 'debit', merchant: 'SNCF' })).toEqual([
      `expected the bar "SNCF" of "${BAR}" to hold at least the debit of 150 the insights name for that merchant, observed 116.38`,
    ])
    expect(withInsight({ max_abs_amount: 99.5, transaction_type: 'debit', merchant: 'SNCF' })).toEqual([])
  })

  test('healthy: no merchant ("N/A", "Unknown"), a credit, another spelling’s bar', () => {
    expect(withInsight({ max_abs_amount: 99.5, transaction_type: 'debit', merchant: 'N/A' })).toEqual([])
    expect(withInsight({ amount: 99.5, merchant: 'Unknown' })).toEqual([])
    expect(withInsight({ max_abs_amount: 2450, transaction_type: 'credit', merchant: 'ACME SAS' }, everyType)).toEqual([])
    expect(withInsight({ max_abs_amount: 99.5, transaction_type: 'debit', merchant: 'sncf' })).toEqual([])
  })

  test('a pie on a category search: its slices are the searched category', () => {
    const pie = (labels: string[]): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          b.response.visualizations.push(mainChart('pie', PIE, labels, [{ data: labels.map((_, i) => (i === 0 ? 200 : 34.88)) }]))
        }),
      )
    expect(pie(['Transport', 'Loisirs'])).toEqual([`expected slices of the searched categories (Transport) in "${PIE}", observed "Loisirs"`])
    expect(pie(['Transports', 'Non categorise'])).toEqual([])
  })
})

describe('dates in every form a line writes them', () => {
  const DAYS = ['2026-11-02', '2026-11-06', '2026-11-12', '2026-11-23', '2026-11-24']
  const MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']
  const line = (labels: Array<string | number>, debits: number[] = [86.4, 49.98, 18.67, 13.43, 66.4]): string[] =>
    chartReasons(
      mutated(transport, (b) => {
        viz(b, 'line').config.data.labels = labels
        viz(b, 'line').config.data.datasets = [{ label: 'Depenses', data: debits }]
      }),
    )
  const moved = (d: string): Date => {
    const date = new Date(`${d}T00:00:00Z`)
    date.setUTCFullYear(date.getUTCFullYear() - 3)
    return date
  }
  const dmy = (d: Date): string => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
  const outside = (label: string): string[] => [
    `expected dates within the searched period (2026-10-26 – 2026-11-24) on the line chart "${LINE}", observed ${label}`,
  ]

  test('epoch seconds and milliseconds, told apart by magnitude', () => {
    expect(line(DAYS.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000))).toEqual([])
    expect(line(DAYS.map((d) => Date.parse(`${d}T00:00:00Z`)))).toEqual([])
    const seconds = DAYS.map((d) => moved(d).getTime() / 1000)
    expect(line(seconds)).toEqual(outside(String(seconds[0])))
  })

  test('French days and months: "02/11/2026", "2 novembre 2026", "nov. 2026", "novembre 2026", "11/2026"', () => {
    const frDay = (d: Date): string => `${d.getUTCDate()} ${['octobre', 'novembre'][d.getUTCMonth() - 9]} ${d.getUTCFullYear()}`
    const days = DAYS.map((d) => new Date(`${d}T00:00:00Z`))
    expect(line(days.map(dmy))).toEqual([])
    expect(line(days.map(frDay))).toEqual([])
    expect(line(DAYS.map((d) => dmy(moved(d))))).toEqual(outside('02/11/2023'))
    expect(line(DAYS.map((d) => frDay(moved(d))))).toEqual(outside('2 novembre 2023'))
    const months = (labels: string[]): string[] => line(labels, [0, 234.88])
    for (const year of [2026, 2023]) {
      const forms = [
        [`${MONTHS_FR[9]} ${year}`, `${MONTHS_FR[10]} ${year}`],
        [`octobre ${year}`, `novembre ${year}`],
        [`10/${year}`, `11/${year}`],
        [`Oct ${year}`, `November ${year}`],
      ]
      for (const labels of forms) expect(months(labels)).toEqual(year === 2026 ? [] : outside(labels[0] ?? ''))
    }
    // A month after the period names none of its days; one that overlaps it does.
    expect(months(['nov. 2026', 'déc. 2026'])).toEqual(outside('déc. 2026'))
  })

  test('a numeric day read both ways (month first) fails only when neither reading is in the period; ISO weeks', () => {
    const us = DAYS.map((d) => {
      const date = new Date(`${d}T00:00:00Z`)
      return `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}/2026`
    })
    expect(line(us)).toEqual([])
    expect(line(['2026-W45', '2026-W46', '2026-W47', '2026-W48'], [136.38, 18.67, 0, 79.83])).toEqual([])
    expect(line(['2023-W45', '2023-W46', '2023-W47', '2023-W48'], [136.38, 18.67, 0, 79.83])).toEqual(outside('2023-W45'))
  })
})

describe('merchant names: one shared word is not one merchant', () => {
  const search = (searched: string, labels: string[]): string[] =>
    chartReasons(
      mutated(transport, (b) => {
        b.query.filters = { date: { gte: '2026-10-26', lte: '2026-11-24' }, transaction_type: 'debit', merchant_name: searched }
        b.response.structured_data[0].data_support = { transaction_count: 5, currency: 'EUR', total_debit: 100 }
        b.response.visualizations = [mainChart('bar', BAR, labels, [{ label: 'Montant des depenses', data: [60, 40] }])]
      }),
    )
  const notSearched = (searched: string, label: string): string[] => [
    `expected bars of the searched merchants (${searched}) in "${BAR}", observed "${label}"`,
  ]

  test('a bar is foreign to a merchant search only when it shares no word with a searched merchant', () => {
    // The real search matches each searched merchant's words OR'ed ("recherche partielle"): a merchant sharing one
    // word is among its results, and its bar is healthy (a second review, 2026-12-05: "Domino's Pizza" on a search
    // for "Pizza Hut, Burger King" was a false NO-GO).
    expect(search('Auchan Drive', ['Auchan Drive', 'Drive Shop'])).toEqual([])
    expect(search('Pizza Hut', ['Pizza Hut', "Domino's Pizza"])).toEqual([])
    expect(search('Leroy Merlin', ['LEROY MERLIN', 'Merlin Bistro'])).toEqual([])
    expect(search('Free', ['Free Mobile', 'Freenow'])).toEqual(notSearched('Free', 'Freenow'))
    expect(search('Pizza Hut', ['Pizza Hut', 'Fnac'])).toEqual(notSearched('Pizza Hut', 'Fnac'))
    // An insight's merchant is not taken for a bar of another merchant sharing a word.
    const absent = mutated(transport, (b) => {
      b.response.structured_data.push({
        type: 'unusual_transaction',
        title: 'Dépense inhabituelle détectée',
        description: '',
        confidence: 0.85,
        data_support: { max_abs_amount: 99.5, transaction_type: 'debit', merchant: 'Pizza Hut' },
        actionable: true,
        priority: 1,
      })
      viz(b, 'bar').config.data.labels = ['SNCF', "Domino's Pizza", 'Uber']
    })
    expect(chartReasons(absent)).toEqual([`expected the results' merchant "Pizza Hut" (a debit of 99.5) among the bars of "${BAR}", observed absent`])
  })

  test('healthy: one brand in another format or place, a web address, spellings, plurals', () => {
    expect(search('Carrefour Market', ['Carrefour City', 'CARREFOUR MARKET'])).toEqual([])
    expect(search('Amazon', ['www.amazon.fr', 'AMAZON EU SARL'])).toEqual([])
    expect(search('Intermarché', ['INTERMARCHE SUPER', 'Intermarche'])).toEqual([])
    expect(search("McDonald's", ['MCDONALDS', "MCDONALD'S PARIS"])).toEqual([])
    expect(search('E.Leclerc', ['E. LECLERC DRIVE', 'LeClerc'])).toEqual([])
    expect(search('H&M', ['H & M', 'HM'])).toEqual([])
  })
})
