// `npx tsx bench/reporter.ts`: aggregate + decide + render over 1,000,000 synthetic attempts (target ≤ 2 s for
// aggregate + decide + Markdown). Prints figures only; nothing here asserts a timing.
import { fileURLToPath } from 'node:url'
import { aggregate } from '../reporters/aggregate.ts'
import { decide } from '../reporters/decide.ts'
import type { AttemptRecord, QuestionRecord, RunModel, VizKind } from '../core/model.ts'
import { buildReport, renderSamples } from '../reporters/render-json.ts'
import { renderMarkdown } from '../reporters/render-markdown.ts'
// Deterministic pseudo-random numbers, so that runs are comparable.
import { mulberry32 as rng } from '../fixtures/reference/domain/random.ts'

const CATEGORIES = ['transaction_search_simple', 'by_category', 'by_merchant', 'analytics_insights', 'edge_cases']

// The numbers as the product records them: latencies on the microsecond (tests/support/record.ts `us`), stages
// as a service's Server-Timing gives them (the reference service: two decimals, fixtures/reference/pipeline.ts).
// Full-precision doubles would make the writers format 17 digits where the product writes 6 to 8.
const us = (ms: number): number => Math.round(ms * 1000) / 1000
const serverTimed = (ms: number): number => Math.round(ms * 100) / 100

export function syntheticModel(totalAttempts = 1_000_000, questions = 100): RunModel {
  const rand = rng(42)
  const per = Math.ceil(totalAttempts / questions)
  const qs: QuestionRecord[] = []
  const viz: VizKind[] = ['kpi', 'kpi', 'kpi', 'bar']
  for (let q = 0; q < questions; q++) {
    const attempts: AttemptRecord[] = new Array(per)
    for (let i = 0; i < per; i++) {
      const latency = us(800 + 2500 * rand() ** 3 + (rand() < 0.001 ? 60_000 : 0))
      const timedOut = latency >= 60_000
      attempts[i] = {
        index: i,
        warmup: false,
        startedAt: '2026-11-24T10:00:00.000Z',
        // Send times as the client records them (sub-millisecond epoch ms): 16 in flight, in the order asked.
        sentAtMs: us(1_795_000_000_000 + ((q * per + i) / 16) * 1.5),
        latencyMs: timedOut ? 60_000 : latency,
        ttfbMs: timedOut ? null : us(latency * 0.9),
        timedOut,
        httpStatus: timedOut ? null : 200,
        ok: !timedOut && rand() > 0.01,
        critical: null,
        intent: { group: 'transaction_search', subtype: 'simple' },
        fallback: false,
        dataPresentation: true,
        visualizations: viz,
        stages: {
          intent_classification: serverTimed(40 + 30 * rand()),
          search: serverTimed(200 * rand()),
          response_generation: serverTimed(latency * 0.7),
        },
        failures: [],
      }
    }
    qs.push({
      id: `q${q}`,
      category: CATEGORIES[q % CATEGORIES.length] as string,
      message: `Question synthétique ${q}`,
      expectedIntent: 'transaction_search.simple',
      expectsData: true,
      plannedAttempts: per,
      attempts,
      warmups: [],
      subtypeObservable: true,
    })
  }
  return {
    target: { baseUrl: 'http://127.0.0.1:8001', contract: 'harena-v2', embedded: true },
    settings: {
      iterations: per,
      warmup: 0,
      concurrency: 8,
      timeoutMs: 60_000,
      locale: 'fr',
      minSuccessRate: 0.95,
      stream: false,
      ttfcGoMs: 2000,
      ttfcNoGoMs: 4000,
      maxRps: 0,
      userId: 1,
      maxRegression: 0.2,
      p95GoMs: 4000,
      p95NoGoMs: 5000,
      strict: false,
      failOnConditional: false,
    },
    startedAt: '2026-11-24T10:00:00.000Z',
    durationMs: 3_600_000,
    interrupted: false,
    harnessErrors: [],
    questions: qs,
  }
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now()
  const r = fn()
  return [r, performance.now() - t0]
}

export async function main(): Promise<void> {
  const [model, buildMs] = time(() => syntheticModel())
  const n = model.questions.reduce((s, q) => s + q.attempts.length, 0)
  const [agg, aggMs] = time(() => aggregate(model))
  const [verdict, decideMs] = time(() => decide(model, agg))
  const [md, mdMs] = time(() => renderMarkdown(model, agg, verdict, new Date().toISOString()))
  const [json, jsonMs] = time(() => JSON.stringify(buildReport(model, agg, verdict, new Date().toISOString())))
  const [samples, samplesMs] = time(() => renderSamples(model))
  const f = (x: number) => `${x.toFixed(0).padStart(6)} ms`
  process.stdout.write(
    [
      `attempts: ${n.toLocaleString('en-US')} (model built in ${buildMs.toFixed(0)} ms, not counted)`,
      `aggregate:            ${f(aggMs)}   (P95 ${agg.latency.p95?.toFixed(1)} ms, CI [${agg.latency.p95Interval.lower?.toFixed(1)}, ${agg.latency.p95Interval.upper?.toFixed(1)}])`,
      `decide:               ${f(decideMs)}   (${verdict.decision})`,
      `render markdown:      ${f(mdMs)}   (${(md.length / 1024).toFixed(0)} KiB)`,
      `aggregate+decide+md:  ${f(aggMs + decideMs + mdMs)}   target ≤ 2000 ms`,
      `render json report:   ${f(jsonMs)}   (${(json.length / 1048576).toFixed(0)} MiB, every attempt included)`,
      `render samples:       ${f(samplesMs)}   (${(samples.length / 1048576).toFixed(0)} MiB)`,
      '',
    ].join('\n'),
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
