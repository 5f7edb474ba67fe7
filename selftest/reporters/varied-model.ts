// A deterministic model with every shape an attempt can take, for the differential tests of the writers
// (selftest/reporters/writers-differential.test.ts): unicode, quotes, backslashes, control characters and lone
// surrogates in every string the documents carry, null and absent optional fields, odd numbers (-0, NaN, 1e21,
// tiny fractions), streamed and buffered attempts, warm-ups, notes, grounding, failures (some holding a secret).
import type { AttemptRecord, CriticalKind, QuestionRecord, RunModel, StageName, VizKind } from '../../core/model.ts'
import { reason } from '../../core/reason.ts'
import { mulberry32 } from '../../fixtures/reference/domain/random.ts'
import { failure, SETTINGS } from './make-model.ts'

export const VARIED_SECRET = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2YXJpZWQifQ.c2lnbmF0dXJlLXZhcmllZC1tb2RlbA'

const ODD_TEXTS = [
  'plain',
  'é à ç 你好 🙂',
  'quote " and backslash \\',
  'line\nbreak\ttab\r\u0000\u001f\u007f',
  'lone \ud800 surrogate \udc00',
  '\u2028\u2029 separators',
  `echoed ${VARIED_SECRET} back`,
  '',
]
const ODD_NUMBERS = [0, -0, 1, 1234.5678, 0.1 + 0.2, 1e21, 1e-7, 123456789.123456, Number.NaN, 2 ** 31, -5]
const CRITICAL: Array<CriticalKind | null> = [null, null, null, 'http_5xx', 'transport', 'invalid_json', 'contract', 'security']
const VIZ: VizKind[][] = [[], ['kpi'], ['kpi', 'kpi', 'bar'], ['pie', 'line', 'table', 'other']]

function variedAttempt(rand: () => number, index: number, warmup: boolean): AttemptRecord {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const text = () => pick(ODD_TEXTS)
  const ok = rand() < 0.6
  const stages: Partial<Record<StageName, number>> = {}
  if (rand() < 0.8) stages.intent_classification = 40 + 30 * rand()
  if (rand() < 0.5) stages.search = pick(ODD_NUMBERS)
  if (rand() < 0.3) (stages as Record<string, number>)[text() || 'k'] = rand() * 100
  const a: AttemptRecord = {
    index,
    warmup,
    startedAt: rand() < 0.9 ? new Date(1_790_000_000_000 + index * 1000).toISOString() : text(),
    latencyMs: rand() < 0.8 ? 800 + 2500 * rand() : pick(ODD_NUMBERS),
    ttfbMs: rand() < 0.2 ? null : rand() < 0.9 ? 700 * rand() : pick(ODD_NUMBERS),
    timedOut: rand() < 0.05,
    httpStatus: rand() < 0.1 ? null : pick([200, 200, 200, 429, 500, 503]),
    ok,
    critical: ok ? null : pick(CRITICAL),
    intent: rand() < 0.1 ? null : { group: rand() < 0.9 ? 'transaction_search' : text(), subtype: rand() < 0.2 ? null : pick(['simple', text()]) },
    fallback: rand() < 0.05,
    dataPresentation: rand() < 0.7,
    visualizations: pick(VIZ),
    stages,
    failures: ok
      ? []
      : Array.from({ length: 1 + Math.floor(rand() * 2) }, () =>
          rand() < 0.5 ? failure(text()) : reason('check.http.server_error', { status: 500, body: text() }),
        ),
  }
  if (rand() < 0.3)
    a.stream = {
      firstEventMs: rand() < 0.2 ? null : 100 * rand(),
      firstContentMs: rand() < 0.2 ? null : 300 * rand(),
      endMs: 1000 * rand(),
      events: Math.floor(rand() * 20),
      contentChunks: Math.floor(rand() * 10),
      completed: rand() < 0.8,
    }
  if (rand() < 0.3) a.grounding = pick(['grounded', 'contradicted', 'not_checkable'] as const)
  if (rand() < 0.2) a.notes = [failure(text()), reason('check.body.not_json', { status: 200, body: text() })]
  if (rand() < 0.05) a.rateLimited = true
  if (rand() < 0.5) a.requestId = rand() < 0.8 ? `req-${index}` : text()
  if (rand() < 0.5) a.clientRequestId = `client-${index}`
  if (rand() < 0.1) a.duplicateKeys = ['a.b']
  return a
}

/** `questions` questions of `perQuestion` attempts each (and a few warm-ups), every field varied. */
export function variedModel(questions: number, perQuestion: number, seed = 7): RunModel {
  const rand = mulberry32(seed)
  const qs: QuestionRecord[] = Array.from({ length: questions }, (_, q) => ({
    id: q % 3 === 0 ? `q${q}` : `q${q}-${ODD_TEXTS[q % ODD_TEXTS.length]}`,
    category: q % 2 === 0 ? 'by_category' : `cat "${q}" é`,
    message: `Question ${q}: ${ODD_TEXTS[(q + 3) % ODD_TEXTS.length]}`,
    expectedIntent: 'transaction_search.simple',
    expectsData: q % 4 !== 0,
    plannedAttempts: perQuestion,
    attempts: Array.from({ length: perQuestion }, (_, i) => variedAttempt(rand, i, false)),
    warmups: Array.from({ length: q % 3 }, (_, i) => variedAttempt(rand, i, true)),
    subtypeObservable: q % 5 !== 0,
  }))
  return {
    target: { baseUrl: 'http://127.0.0.1:8001', contract: 'harena-v2', embedded: true },
    settings: { ...SETTINGS, iterations: perQuestion },
    startedAt: '2026-11-24T10:00:00.000Z',
    durationMs: 12_345,
    interrupted: false,
    harnessErrors: [reason('harness.plan', { error: `setup said ${VARIED_SECRET}` })],
    questions: qs,
  }
}
