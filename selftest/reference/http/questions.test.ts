// The 15 plan questions over real HTTP, logged in through the real login route: each gets the answer docs/suite-rules.md §3
// expects (intent group + subtype, DATA_PRESENTATION or not, visualization types and titles, insight types,
// KPI/pie consistency) in the full v2 envelope (docs/wire-contracts.md §1.5) with the four Server-Timing stages. Checked at
// three pinned "now"s (an ordinary Tuesday, the 1st of a month that is a Sunday, January 1st).
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadQuestions, type Question } from '../../../core/questions.ts'
import { ChatResponseV2 } from '../../../tests/support/adapters/harena-v2.ts'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { chat, fold, login, start, timings, type WireBody, type WireViz } from './helpers.ts'

const QUESTIONS = loadQuestions(fileURLToPath(new URL('../../../fixtures/questions.json', import.meta.url)))
const NOWS = ['2026-11-24T12:00:00Z', '2026-03-01T10:00:00Z', '2027-01-01T00:00:00Z'] as const
const CHART_TYPE = { pie: 'pie_chart', bar: 'bar_chart', line: 'line_chart' } as const
const KPI_WORDS = { total: ['total'], count: ['nombre', 'count'], average: ['moyen', 'average'] } as const

function charts(body: WireBody, type: string): WireViz[] {
  return (body.response?.visualizations ?? []).filter((v) => v.type === type)
}

/** Every expectation of the question (docs/suite-rules.md §3 rules), as readable failures. */
function problems(q: Question, body: WireBody): string[] {
  const out: string[] = []
  const viz = body.response?.visualizations ?? []
  const kpis = viz.filter((v) => v.type === 'kpi_card')
  for (const e of q.expectations) {
    switch (e.kind) {
      case 'kpi_cards': {
        if (kpis.length < e.min) out.push(`${kpis.length} KPI cards < ${e.min}`)
        for (const aspect of e.cover) {
          if (!kpis.some((k) => KPI_WORDS[aspect].some((w) => fold(k.title).includes(w)))) out.push(`no KPI card for ${aspect}`)
        }
        break
      }
      case 'pie': {
        const pies = charts(body, 'pie_chart')
        if (pies.length === 0) {
          out.push('no pie chart')
          break
        }
        const pie = pies[0]!
        if (pie.title !== 'Répartition par Catégorie') out.push(`pie title ${pie.title}`)
        const labels = pie.data?.labels ?? []
        const values = pie.data?.datasets[0]?.data ?? []
        if (labels.length > e.maxSlices) out.push(`${labels.length} slices`)
        // "top 5 + Autres": a full pie ends with the others slice; a smaller one never has it.
        const others = labels.indexOf(e.othersLabel)
        if (labels.length === e.maxSlices && others !== labels.length - 1) out.push(`full pie without a last "${e.othersLabel}" slice`)
        if (labels.length < e.maxSlices && others !== -1) out.push(`"${e.othersLabel}" slice in a pie of ${labels.length}`)
        const total = kpis.find((k) => fold(k.title).includes('total'))?.value
        const sum = values.reduce((a, b) => a + b, 0)
        if (e.sumsToTotal && total !== undefined && Math.abs(sum - total) > 0.01) out.push(`pie sums to ${sum}, total KPI ${total}`)
        break
      }
      case 'bar': {
        const bars = charts(body, 'bar_chart')
        if (!bars.some((b) => (b.data?.datasets.length ?? 0) >= e.minDatasets)) out.push(`no bar chart with ≥ ${e.minDatasets} datasets`)
        break
      }
      case 'line':
        if (charts(body, 'line_chart').length === 0) out.push('no line chart')
        break
      case 'chart_any':
        if (!e.of.some((k) => charts(body, CHART_TYPE[k]).length > 0)) out.push(`none of ${e.of.join('/')}`)
        break
      case 'insight': {
        const n = (body.response?.structured_data ?? []).filter((i) => i.type === e.type).length
        if (n < e.min) out.push(`${n} ${e.type} insights < ${e.min}`)
        break
      }
      case 'clarification_or_fallback':
        if (!(body.intent?.type === 'CONVERSATIONAL' || body.status === 'error'))
          out.push(`neither clarification nor fallback: ${String(body.intent?.type)}`)
        break
      case 'change_percent':
        if (!kpis.some((k) => typeof (k as { change_percent?: unknown }).change_percent === 'number')) out.push('no change_percent')
        break
    }
  }
  return out
}

describe.each(NOWS)('the 15 plan questions, now = %s', (nowIso) => {
  let ref: ReferenceServer
  let token: string
  beforeAll(async () => {
    ref = await start({ now: new Date(nowIso) })
    token = await login(ref, 1)
  })
  afterAll(() => ref.close())

  test.each(QUESTIONS.map((q) => [q.id, q] as const))('%s', async (_id, q) => {
    const r = await chat(ref, token, q.message)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json')
    expect(r.headers.get('x-user-id')).toBe('1')
    // The suite's own harena-v2 schema accepts it.
    const parsed = ChatResponseV2.safeParse(r.json)
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true)
    const body = r.json as WireBody

    // Envelope, field for field (docs/wire-contracts.md §1.5).
    expect(body.user_id).toBe(1)
    expect(body.message).toBe(q.message)
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/)
    expect(body.request_id).toMatch(/^conv_\d{13}_1$/)
    expect(Number.isInteger(body.processing_time_ms) && body.processing_time_ms >= 0).toBe(true)
    expect(body.status).toBe('completed')
    expect(body.architecture).toBe('v2.0')
    expect(Number.isInteger(body.conversation_id)).toBe(true)
    expect(body.performance).toEqual({ overall_success: true, pipeline_stages: 5 })
    expect(body.intent).not.toBeNull()
    expect(body.intent!.supported).toBe(true)
    expect(body.intent!.confidence).toBeGreaterThan(0)
    expect(body.intent!.confidence).toBeLessThanOrEqual(1)
    expect(Array.isArray(body.intent!.entities)).toBe(true)
    expect(body.response!.message.trim().length).toBeGreaterThan(20)
    expect(body.response!.message).not.toMatch(/undefined|NaN|\bNone\b|\{\w*\}/)

    // Intent group and subtype.
    if (q.expectedIntent !== null) expect(`${String(body.intent!.type)}.${body.intent!.subtype}`).toBe(q.expectedIntent)

    // DATA_PRESENTATION (= found_results on this wire) and no fabricated data when nothing matches.
    if (q.expectsData === true) {
      expect(body.search_summary.found_results).toBe(true)
      expect(body.search_summary.total_results).toBeGreaterThan(0)
      expect(body.query).not.toBeNull()
      expect(body.response!.visualizations.length).toBeGreaterThan(0)
      // KPI titles exactly as Sprint 1.3 (docs/wire-contracts.md §2.1); the count card equals total_results.
      const kpis = body.response!.visualizations.filter((v) => v.type === 'kpi_card')
      expect(kpis.map((k) => k.title)).toEqual(['Total Dépenses', 'Nombre de Transactions', 'Montant Moyen'])
      expect(kpis[1]!.value).toBe(body.search_summary.total_results)
    }
    if (q.expectsData === false) {
      expect(body.search_summary).toEqual({ found_results: false, total_results: 0 })
      expect(body.response!.visualizations).toEqual([])
      expect(body.response!.structured_data).toEqual([])
    }
    if (q.id === 'q15') {
      // A clarification skips the search (docs/wire-contracts.md §1.5).
      expect(body.intent!.type).toBe('CONVERSATIONAL')
      expect(body.query).toBeNull()
      expect(body.search_summary).toEqual({ found_results: false, total_results: 0 })
    }

    expect(problems(q, body)).toEqual([])
    if (q.id === 'q12') {
      const bar = body.response!.visualizations.find((v) => v.type === 'bar_chart')!
      expect(bar.title).toBe('Comparaison des Dépenses')
      expect(bar.data!.datasets.map((d) => d.label)).toEqual(['Période Actuelle', 'Période Précédente'])
    }
    if (q.id === 'q06') {
      // The default 30-day window spans more than 5 categories (dataset guarantee): top 5 + "Autres".
      const pie = body.response!.visualizations.find((v) => v.type === 'pie_chart')!
      expect(pie.data!.labels).toHaveLength(6)
      expect(pie.data!.labels[5]).toBe('Autres')
    }
    if (q.id === 'q11') expect(body.response!.visualizations.find((v) => v.type === 'line_chart')!.data!.labels.length).toBe(13)

    // The four plan stages and the total, each a real, non-negative duration.
    const st = timings(r.headers)
    expect(Object.keys(st)).toEqual(['intent_classification', 'search', 'user_profile', 'response_generation', 'total'])
    for (const v of Object.values(st)) expect(v).toBeGreaterThanOrEqual(0)
    const stageSum = st['intent_classification']! + st['search']! + st['user_profile']! + st['response_generation']!
    expect(st['total']!).toBeGreaterThanOrEqual(stageSum - 0.05) // total encloses the stages (rounded to 0.01)
  })
})

describe('the second demo user', () => {
  test('logs in as user 2 and gets their own data, never user 1’s', async () => {
    const ref = await start()
    try {
      const t1 = await login(ref, 1)
      const t2 = await login(ref, 2)
      const q01 = QUESTIONS.find((q) => q.id === 'q01')!
      const a1 = (await chat(ref, t1, q01.message)).json as WireBody
      const r2 = await chat(ref, t2, q01.message, { userId: 2 })
      expect(r2.status).toBe(200)
      const a2 = r2.json as WireBody
      expect(a2.user_id).toBe(2)
      expect(a2.request_id).toMatch(/_2$/)
      expect(a2.search_summary.found_results).toBe(true)
      // Different people, different histories: the totals differ.
      const total = (b: WireBody) => b.response!.visualizations.find((v) => v.title === 'Total Dépenses')!.value
      expect(total(a2)).not.toBe(total(a1))
      expect(
        ref
          .stats()
          .requests.filter((r) => r.path === '/api/v1/conversation/2')
          .map((r) => r.userId),
      ).toEqual([2])
    } finally {
      await ref.close()
    }
  })
})
