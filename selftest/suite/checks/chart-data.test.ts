// Chart data (tests/support/checks/chart-data.ts; review "charts3"): every chart harena-v2-charts sends is judged
// against itself, the search it drew and the carried debit total — expected or not. Bodies are real-shaped v2c
// answers (chart-bodies.ts): the project's wire fixture (64 results) and a 5-result transport answer.
import { describe, expect, test } from 'vitest'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { exchange, mainChart } from '../adapter/bodies.ts'
import { chartReasons, data, type Json, mutated, RECORDED, transport, viz } from './chart-bodies.ts'
import { checkAnswer, english, question } from './helpers.ts'

describe('healthy charts stay consistent', () => {
  test('the recorded wire answer and the 5-result answer: no reason, and the whole answer passes', () => {
    expect(chartReasons(RECORDED)).toEqual([])
    expect(chartReasons(transport())).toEqual([])
    const q = question({ message: "Combien j'ai dépensé en transport ?", expectations: [{ kind: 'line' }, { kind: 'bar' }] })
    expect(english(checkAnswer(q, harenaV2ChartsAdapter.parse(exchange(transport())), harenaV2ChartsAdapter.observes).failures)).toEqual([])
  })

  test('charts and datasets in reverse order, float noise, a credit series on the line', () => {
    const reversed = mutated(transport, (b) => {
      b.response.visualizations.reverse()
      viz(b, 'line').config.data.datasets.reverse()
    })
    const noisy = mutated(transport, (b) => {
      for (const v of b.response.visualizations) for (const d of v.config.data.datasets) d.data = d.data.map((x: number) => (x === 0 ? 0 : x + 1e-9))
    })
    // Credits on a search of every type (a debit-only search has none to draw: chart-grounds.test.ts, "the side a search leaves out").
    const credit = mutated(transport, (b) => {
      delete b.query.filters.transaction_type
      data(b, 'line', 1)[4] = 3246.86
    })
    for (const b of [reversed, noisy, credit]) expect(chartReasons(b)).toEqual([])
  })
})

describe('line and bar data against the carried total and the search', () => {
  test('every amount ×3: above the debit total, on the line and on the bar', () => {
    const tripled = mutated(transport, (b) => {
      for (const v of b.response.visualizations) for (const d of v.config.data.datasets) d.data = d.data.map((x: number) => Math.round(x * 300) / 100)
    })
    expect(chartReasons(tripled)).toEqual([
      'expected the debits of the line chart "Evolution des transactions" not to exceed the debit total 234.88, observed 704.64',
      'expected the debits of the bar chart "Top 10 marchands" not to exceed the debit total 234.88, observed 704.64',
    ])
    // Judged as part of every answer, though no expectation of the question asks for a chart.
    const q = question({ message: "Combien j'ai dépensé en transport ?", expectations: [] })
    const outcome = checkAnswer(q, harenaV2ChartsAdapter.parse(exchange(tripled)), harenaV2ChartsAdapter.observes)
    expect(outcome.ok).toBe(false)
    expect(outcome.failures.map((f) => f.code)).toContain('check.chart.above_total')
  })

  test('a pie of zeros beside a debit total, however many results', () => {
    const zeros = mutated(
      () => structuredClone(RECORDED),
      (b) => {
        data(b, 'pie').fill(0)
      },
    )
    expect(chartReasons(zeros)).toEqual([
      'expected the debits of the pie chart "Repartition des depenses par categorie" to reflect the debit total 1641.7, observed only zeros',
    ])
  })

  test('all zero, or nulls but one point, while every result is drawn: below the total', () => {
    const zeros = mutated(transport, (b) => {
      data(b, 'line').fill(0)
      data(b, 'line')[0] = 1
      data(b, 'bar').fill(0)
    })
    expect(chartReasons(zeros)).toEqual([
      'expected the debits of the line chart "Evolution des transactions" to equal the debit total 234.88 (every result is drawn), observed 1',
      'expected the debits of the bar chart "Top 10 marchands" to equal the debit total 234.88 (every result is drawn), observed 0',
    ])
  })

  test('negative debits, 2 values for 5 labels, the debit series emptied', () => {
    const negative = mutated(transport, (b) => {
      data(b, 'bar')[2] = -32.1
    })
    expect(chartReasons(negative)).toContain('expected amounts of zero or more in the bar chart "Top 10 marchands", observed -32.1')
    const short = mutated(transport, (b) => {
      viz(b, 'line').config.data.datasets[0].data = [86.4, 49.98]
    })
    expect(chartReasons(short)[0]).toBe('expected one value per label in the line chart "Evolution des transactions", observed 2 values for 5 labels')
  })

  test('days 5 months before the searched period', () => {
    const shifted = mutated(transport, (b) => {
      viz(b, 'line').config.data.labels = ['2026-06-02', '2026-06-06', '2026-06-12', '2026-06-23', '2026-06-24']
    })
    expect(chartReasons(shifted)).toEqual([
      'expected dates within the searched period (2026-10-26 – 2026-11-24) on the line chart "Evolution des transactions", observed 2026-06-02',
    ])
  })

  test('duplicate labels on a pie and a bar; bars out of rank', () => {
    const dup = mutated(
      () => structuredClone(RECORDED),
      (b) => {
        viz(b, 'pie').config.data.labels = viz(b, 'pie').config.data.labels.map(() => 'Shopping')
      },
    )
    expect(chartReasons(dup)).toEqual([
      'expected distinct labels in the pie chart "Repartition des depenses par categorie", observed "Shopping" more than once',
    ])
    const unranked = mutated(transport, (b) => {
      viz(b, 'bar').config.data.labels = ['Uber', 'RATP', 'SNCF']
      viz(b, 'bar').config.data.datasets[0].data = [32.1, 86.4, 116.38]
    })
    expect(chartReasons(unranked)).toEqual([
      'expected bars ranked by decreasing amount in "Top 10 marchands", observed "RATP" at position 2 above the one before',
    ])
  })

  test('a merchant question: a bar of other merchants, whose debits exceed the searched one’s', () => {
    const merchant = mutated(transport, (b) => {
      b.query.filters = { date: { gte: '2026-10-26', lte: '2026-11-24' }, transaction_type: 'debit', merchant_name: 'Carrefour' }
      b.response.structured_data[0].data_support = { transaction_count: 1, currency: 'EUR', total_debit: 56.11 }
      b.search_summary = { found_results: true, total_results: 1 }
      b.response.visualizations = [mainChart('bar', 'Top 10 marchands', ['Amazon', 'Fnac', 'Zara'], [{ label: 'Depenses', data: [500, 400, 300] }])]
    })
    expect(chartReasons(merchant)).toEqual([
      'expected the debits of the bar chart "Top 10 marchands" not to exceed the debit total 56.11, observed 1200',
      'expected at most 1 point with an amount in the bar chart "Top 10 marchands" (one result at least behind each), observed 3',
      'expected bars of the searched merchants (Carrefour) in "Top 10 marchands", observed "Amazon"',
    ])
  })

  test('a results’ merchant the insights name with a debit above the smallest bar is among the bars', () => {
    const absent = mutated(transport, (b) => {
      b.response.structured_data.push({
        type: 'unusual_transaction',
        title: 'Transaction inhabituelle',
        description: 'SNCF : 99.50€',
        confidence: 1,
        data_support: {
          transaction_id: 1000402,
          amount: 99.5,
          merchant_name: 'SNCF',
          transaction_type: 'debit',
          category: 'Transport',
          date: '2026-11-02',
        },
        actionable: false,
        priority: 1,
      })
      viz(b, 'bar').config.data.labels = ['Air France', 'RATP', 'Uber']
    })
    expect(chartReasons(absent)).toEqual([
      'expected the results\' merchant "SNCF" (a debit of 99.5) among the bars of "Top 10 marchands", observed absent',
    ])
  })
})

describe('currency', () => {
  test('a KPI card in USD, a dataset label in dollars: the service states EUR', () => {
    const usd = mutated(transport, (b) => {
      b.response.visualizations.push({ type: 'kpi_card', title: 'Total Dépenses', value: 234.88, unit: 'USD' })
    })
    expect(chartReasons(usd)).toEqual(['expected the service\'s currency (EUR) in the KPI card "Total Dépenses", observed USD: "USD"'])
    const dollars = mutated(transport, (b) => {
      viz(b, 'bar').config.data.datasets[0].label = 'Montant des depenses (USD $)'
    })
    expect(chartReasons(dollars)).toEqual([
      'expected the service\'s currency (EUR) in the bar "Top 10 marchands", observed USD: "Montant des depenses (USD $)"',
    ])
    const euros = mutated(transport, (b) => {
      b.response.visualizations.push({ type: 'kpi_card', title: 'Total Dépenses', value: 234.88, unit: '€' })
    })
    expect(chartReasons(euros)).toEqual([])
  })
})

// Review "charts4": healthy services judged NO-GO by the first version of the rule, and the false passes beside them.
describe('healthy variants of the charts (review charts4)', () => {
  const period = (b: Json, gte: string, lte: string): void => {
    b.query.filters.date = { gte, lte }
  }
  test('a searched period written with times, with or without a zone: its first and last days are inside', () => {
    for (const [gte, lte] of [
      ['2026-11-02T00:00:00', '2026-11-24T23:59:59'],
      ['2026-11-02T00:00:00+01:00', '2026-11-24T23:59:59+01:00'],
    ] as const)
      expect(chartReasons(mutated(transport, (b) => period(b, gte, lte)))).toEqual([])
    // A day label is a calendar day: the day after the period's last is outside, whatever the zone written.
    const after = mutated(transport, (b) => {
      period(b, '2026-10-26T00:00:00+01:00', '2026-11-23T23:59:59+01:00')
    })
    expect(chartReasons(after)).toEqual([
      'expected dates within the searched period (2026-10-26 – 2026-11-23) on the line chart "Evolution des transactions", observed 2026-11-24',
    ])
  })

  test('a line per week or per month labelled by its bucket’s first or last day', () => {
    const weekly = (labels: string[]): Json =>
      mutated(transport, (b) => {
        period(b, '2026-11-04', '2026-11-24')
        viz(b, 'line').config.data.labels = labels
        viz(b, 'line').config.data.datasets = [{ label: 'Depenses', data: [86.4, 49.98, 18.67, 79.83] }]
      })
    // The weeks' Mondays (2026-11-02 is before the 4th), pandas' week-ending Sundays (the 29th is after the 24th).
    expect(chartReasons(weekly(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']))).toEqual([])
    expect(chartReasons(weekly(['2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29']))).toEqual([])
    const monthly = mutated(transport, (b) => {
      viz(b, 'line').config.data.labels = ['2026-10-01', '2026-11-01']
      viz(b, 'line').config.data.datasets = [{ label: 'Depenses', data: [0, 234.88] }]
    })
    expect(chartReasons(monthly)).toEqual([])
    // Days, not buckets: a day a week after the period names none of its days.
    const late = mutated(transport, (b) => {
      viz(b, 'line').config.data.labels = ['2026-11-02', '2026-11-06', '2026-11-12', '2026-11-23', '2026-12-01']
    })
    expect(chartReasons(late)).toEqual([
      'expected dates within the searched period (2026-10-26 – 2026-11-24) on the line chart "Evolution des transactions", observed 2026-12-01',
    ])
  })

  test('a line moved 3 years is caught in every date form: ISO days, ISO datetimes, epoch milliseconds, by week', () => {
    const days = ['2026-11-02', '2026-11-06', '2026-11-12', '2026-11-23', '2026-11-24']
    const moved = (label: (d: Date) => string | number, labels = days): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          viz(b, 'line').config.data.labels = labels.map((s) => {
            const d = new Date(`${s}T00:00:00Z`)
            d.setUTCFullYear(d.getUTCFullYear() - 3)
            return label(d)
          })
          viz(b, 'line').config.data.datasets = [{ label: 'Depenses', data: labels.map((_, i) => (i === 0 ? 234.88 : 0)) }]
        }),
      )
    expect(moved((d) => d.toISOString())[0]).toContain('observed 2023-11-02T00:00:00.000Z')
    expect(moved((d) => d.getTime())[0]).toContain(`observed ${Date.UTC(2023, 10, 2)}`)
    expect(moved((d) => d.toISOString().slice(0, 10), ['2026-11-02', '2026-11-09', '2026-11-16'])[0]).toContain('observed 2023-11-02')
    // The same days unmoved, as datetimes and epoch milliseconds, pass.
    const same = (label: (s: string) => string | number): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          viz(b, 'line').config.data.labels = viz(b, 'line').config.data.labels.map(label)
        }),
      )
    expect(same((s) => `${s}T00:00:00.000Z`)).toEqual([])
    expect(same((s) => Date.parse(`${s}T00:00:00Z`))).toEqual([])
  })

  test('labels compared exactly: a bank’s two spellings are two bars; "Autres" twice on the contract’s pie', () => {
    const spellings = mutated(transport, (b) => {
      viz(b, 'bar').config.data.labels = ['RATP', 'SNCF', 'sncf', 'Santé', 'Sante']
      viz(b, 'bar').config.data.datasets[0].data = [86.4, 86.38, 30, 16.1, 16]
    })
    expect(chartReasons(spellings)).toEqual([])
    const autres = mutated(
      () => structuredClone(RECORDED),
      (b) => {
        const labels = viz(b, 'pie').config.data.labels
        labels[labels.length - 2] = 'Autres'
        labels[labels.length - 1] = 'Autres'
      },
    )
    expect(chartReasons(autres)).toEqual([])
  })

  test('bar merchants spelled otherwise than the searched one; an unknown-merchant bar', () => {
    const search = (searched: string, labels: string[]): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          b.query.filters = { date: { gte: '2026-10-26', lte: '2026-11-24' }, transaction_type: 'debit', merchant_name: searched }
          b.response.structured_data[0].data_support = { transaction_count: 5, currency: 'EUR', total_debit: 100 }
          b.response.visualizations = [mainChart('bar', 'Top 10 marchands', labels, [{ label: 'Montant des depenses', data: [60, 40] }])]
        }),
      )
    expect(search("McDonald's", ['MCDONALDS', "MCDONALD'S PARIS"])).toEqual([])
    expect(search('Leroy Merlin', ['LEROY-MERLIN.FR', 'LEROY MERLIN IVRY'])).toEqual([])
    expect(search('E.Leclerc', ['E. LECLERC DRIVE', 'E.LECLERC'])).toEqual([])
    expect(search('Carrefour Market', ['Carrefour City', 'CARREFOUR MARKET'])).toEqual([])
    expect(search('Carrefour', ['Carrefour', 'Marchand inconnu'])).toEqual([])
    expect(search('Carrefour', ['Carrefour City', 'Fnac'])).toEqual([
      'expected bars of the searched merchants (Carrefour) in "Top 10 marchands", observed "Fnac"',
    ])
  })

  test('insights read as a merchant’s debit only when known to be one, and never with an empty name', () => {
    // A search of every type: an untyped positive amount may be a credit there (« Revenu exceptionnel »).
    const withInsight = (data_support: Json): string[] =>
      chartReasons(
        mutated(transport, (b) => {
          delete b.query.filters.transaction_type
          b.response.structured_data.push({
            type: 'unusual_transaction',
            title: 'x',
            description: '',
            confidence: 1,
            data_support,
            actionable: false,
            priority: 1,
          })
        }),
      )
    expect(withInsight({ amount: -99.5, merchant_name: '', transaction_type: 'debit' })).toEqual([])
    expect(withInsight({ amount: 3246.86, merchant_name: 'ACME SAS' })).toEqual([])
    expect(withInsight({ amount: -99.5, merchant_name: 'Air France' })).toEqual([
      'expected the results\' merchant "Air France" (a debit of 99.5) among the bars of "Top 10 marchands", observed absent',
    ])
  })

  test('series found by their label on every chart: credits first, a cumulative line, a negative net balance', () => {
    const creditsFirst = mutated(
      () => structuredClone(RECORDED),
      (b) => {
        for (const v of b.response.visualizations)
          if (v.chart_type !== 'line') v.config.data.datasets.unshift({ label: 'Revenus', data: v.config.data.datasets[0].data.map(() => 0) })
      },
    )
    expect(chartReasons(creditsFirst)).toEqual([])
    // The grounding reads the pie's parts the same way: its sum still stands for the total the text states.
    const q = question({ message: 'Mes dépenses du mois dernier', expectations: [{ kind: 'line' }, { kind: 'bar' }] })
    const whole = checkAnswer(q, harenaV2ChartsAdapter.parse(exchange(creditsFirst)), harenaV2ChartsAdapter.observes)
    expect(english(whole.failures)).toEqual([])
    const cumulative = mutated(transport, (b) => {
      let total = 0
      const running = data(b, 'line').map((x: number) => Math.round((total += x) * 100) / 100)
      viz(b, 'line').config.data.datasets.unshift({ label: 'Dépenses cumulées', data: running })
    })
    expect(chartReasons(cumulative)).toEqual([])
    const net = mutated(transport, (b) => {
      viz(b, 'line').config.data.datasets.push({ label: 'Solde', data: data(b, 'line').map((x: number) => -x) })
    })
    expect(chartReasons(net)).toEqual([])
    // An English debit label is still read: tripled, it exceeds the total.
    const english3 = mutated(transport, (b) => {
      viz(b, 'line').config.data.datasets[0] = { label: 'Expenses', data: data(b, 'line').map((x: number) => Math.round(x * 300) / 100) }
    })
    expect(chartReasons(english3)).toEqual([
      'expected the debits of the line chart "Evolution des transactions" not to exceed the debit total 234.88, observed 704.64',
    ])
  })
})
