// An error or exception the service leaked into a text the answer SHOWS besides its message (checks/leaked-error.ts
// leakedErrorShown, docs/suite-rules.md §4): a chart titled « KeyError: 'total' », an insight saying « Erreur interne du
// serveur (500) », a chart description « connect ECONNREFUSED 127.0.0.1:9200 » gave GO beside a correct text — the
// leak families were read in the message only. Each fails the answer as a pipeline fallback naming the field it is in,
// on every generation whose wire carries insights or charts (v2: insights and Sprint 1.3 charts; v2-charts: main's
// charts and their Chart.js heading). What a healthy insight or chart shows (every reference answer's, a banking
// error, a merchant named « Error Store ») passes.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { say } from '../../../core/locale/index.ts'
import { harenaV2Adapter, harenaV2ChartsAdapter } from '../../../tests/support/adapters/index.ts'
import { leakedErrorShown } from '../../../tests/support/checks/leaked-error.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { exchange, planKpis, richBody, sprintChart, turnOf } from '../adapter/bodies.ts'
import { referenceAnswers } from '../reference-answers.ts'
import { checkAnswer, english, question } from './helpers.ts'

type Json = Record<string, unknown>
const WIRE = fileURLToPath(new URL('../../../fixtures/wire/', import.meta.url))
const ASKED = question({ message: 'Mes dépenses du mois dernier', expectedIntent: null, expectsData: null })

function judged(adapter: ContractAdapter, body: Json) {
  const out = checkAnswer(ASKED, adapter.parse(exchange(body)) as AdapterResult, adapter.observes)
  return { ok: out.ok, fallback: out.fallback, critical: out.critical, failures: out.failures, english: english(out.failures) }
}

/** The reference-shaped v2 answer (300,00 € in 3 transactions) with these insights and a pie of two parts. */
const insightOf = (title: string, description: string): Json => ({
  type: 'spending_pattern',
  title,
  description,
  confidence: 0.8,
  data_support: {},
  actionable: false,
  priority: 2,
})
const pie = (over: Json = {}): Json => ({
  ...sprintChart('pie_chart', 'Répartition par Catégorie', ['Alimentation', 'Transport'], [{ label: 'Montant', data: [200, 100] }]),
  ...over,
})
const v2 = (insights: Json[], chart: Json = pie()): Json => richBody({ insights, visualizations: [...planKpis(300, 3), chart] })

/** The recorded main v3.2.9 body (docs/wire-contracts.md §2.2) with its first chart changed by `change`. */
function v2c(change: (chart: Json) => Json): Json {
  const body = JSON.parse(readFileSync(`${WIRE}harena-v2-charts-search.json`, 'utf8')) as Json
  const response = body['response'] as Json
  const [first, ...rest] = response['visualizations'] as Json[]
  return { ...body, response: { ...response, visualizations: [change(first as Json), ...rest] } }
}
const mainOptions = (chart: Json, options: Json): Json => ({ ...chart, config: { ...(chart['config'] as Json), options } })

// [what, generation, body, field named, statement quoted]
const LEAKS: Array<[string, ContractAdapter, Json, string, string]> = [
  ['a chart title', harenaV2Adapter, v2([], pie({ title: "KeyError: 'total'" })), 'visualization 4 title', "KeyError: 'total'"],
  [
    'an insight description',
    harenaV2Adapter,
    v2([insightOf('Analyse de vos dépenses', 'Erreur interne du serveur (500)')]),
    'insight 1 description',
    'Erreur interne du serveur (500)',
  ],
  [
    'an insight title in words',
    harenaV2Adapter,
    v2([insightOf("Une erreur est survenue lors de l'analyse.", 'Vos dépenses sont régulières.')]),
    'insight 1 title',
    "Une erreur est survenue lors de l'analyse.",
  ],
  [
    'a chart description',
    harenaV2Adapter,
    v2([], pie({ description: 'Error: connect ECONNREFUSED 127.0.0.1:9200' })),
    'visualization 4 description',
    'Error: connect ECONNREFUSED 127.0.0.1:9200',
  ],
  [
    'a chart subtitle',
    harenaV2Adapter,
    v2([], pie({ subtitle: 'Service temporarily unavailable (503)' })),
    'visualization 4 subtitle',
    'Service temporarily unavailable (503)',
  ],
  [
    'a label',
    harenaV2Adapter,
    v2(
      [],
      pie({
        data: {
          labels: ['Alimentation', "TypeError: Cannot read properties of undefined (reading 'name')"],
          datasets: [{ label: 'Montant', data: [200, 100] }],
        },
      }),
    ),
    'visualization 4 label',
    "TypeError: Cannot read properties of undefined (reading 'name')",
  ],
  [
    'a legend',
    harenaV2Adapter,
    v2([], pie({ data: { labels: ['Alimentation', 'Transport'], datasets: [{ label: '502 Bad Gateway', data: [200, 100] }] } })),
    'visualization 4 legend',
    '502 Bad Gateway',
  ],
  [
    "a KPI card's comparison text",
    harenaV2Adapter,
    richBody({
      visualizations: [{ ...(planKpis(300, 3)[0] as Json), comparison_text: 'Exception: comparison_data missing' }, ...planKpis(300, 3).slice(1)],
    }),
    'KPI card 1 comparison text',
    'Exception: comparison_data missing',
  ],
  [
    "main's chart title",
    harenaV2ChartsAdapter,
    v2c((chart) => ({ ...chart, title: "KeyError: 'total'" })),
    'visualization 1 title',
    "KeyError: 'total'",
  ],
  [
    "main's Chart.js heading",
    harenaV2ChartsAdapter,
    v2c((chart) => mainOptions(chart, { plugins: { title: { display: true, text: 'Traceback (most recent call last):' } } })),
    'visualization 1 heading',
    'Traceback (most recent call last):',
  ],
  [
    "main's axis title",
    harenaV2ChartsAdapter,
    v2c((chart) => mainOptions(chart, { scales: { y: { title: { display: true, text: "Erreur : délai d'attente dépassé" } } } })),
    'visualization 1 axis title',
    "Erreur : délai d'attente dépassé",
  ],
]

describe('a leak in an insight, a chart or a card fails the answer, naming where', () => {
  test.each(LEAKS)('%s', (_what, adapter, body, field, statement) => {
    const out = judged(adapter, body)
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures.map((f) => f.code)).toEqual(['check.fallback.leaked_error_shown'])
    expect(out.english[0]).toContain(`expected a real answer, observed an error or exception the service leaked into ${field} ("${statement}`)
  })

  test('said in French with the field in French words', () => {
    const [, adapter, body] = LEAKS[1] as (typeof LEAKS)[number]
    const reason = judged(adapter, body).failures[0]
    if (reason === undefined) throw new Error('no reason')
    expect(say(reason, 'fr')).toContain(
      "observé une erreur ou une exception du service laissée dans la description de l'insight 1 (« Erreur interne du serveur (500) »",
    )
  })

  test('a leak in the message is still named as the message’s', () => {
    const body = v2([], pie({ title: "KeyError: 'total'" }))
    const response = body['response'] as Json
    const out = judged(harenaV2Adapter, { ...body, response: { ...response, message: `${String(response['message'])}\n\nKeyError: 'x'` } })
    expect(out.failures.map((f) => f.code)).toEqual(['check.fallback.leaked_error'])
  })
})

describe('what a healthy insight or chart shows is no leak', () => {
  test('look-alikes: a banking error, a denied error, merchants and words that only look alike', () => {
    const insights = [
      insightOf('Dépense inhabituelle détectée (Analytics)', 'Une erreur est survenue lors du prélèvement Free le 3 novembre.'),
      insightOf('Aucune erreur détectée', 'Exception faite de votre loyer, vos dépenses sont stables.'),
      insightOf('Achat exceptionnel', 'Le délai de contestation de 13 mois est dépassé pour ce prélèvement.'),
    ]
    const chart = pie({
      description: 'Top 2 catégories de dépenses',
      data: { labels: ['Error Store', 'Exception Café'], datasets: [{ label: 'Montant', data: [200, 100] }] },
      options: { plugins: { title: { display: true, text: 'Répartition par Catégorie' }, subtitle: { display: true, text: 'Erreur : aucune' } } },
    })
    const out = judged(harenaV2Adapter, v2(insights, chart))
    expect(out.failures.map((f) => f.code)).not.toContain('check.fallback.leaked_error_shown')
    expect(leakedErrorShown(turnOf(v2(insights, chart)))).toBeNull()
  })

  test('no reference-service answer shows one, in any insight, chart or card', () => {
    for (const { envelope } of referenceAnswers()) {
      const turn = turnOf({ ...envelope })
      expect(leakedErrorShown(turn), envelope.message).toBeNull()
    }
  })

  test('the recorded main body shows none', () => {
    const out = judged(
      harenaV2ChartsAdapter,
      v2c((chart) => chart),
    )
    expect(out.failures.map((f) => f.code)).not.toContain('check.fallback.leaked_error_shown')
  })
})
