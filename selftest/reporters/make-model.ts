// Hand-made RunModels for the reporter's unit tests: plain data, no Vitest, no network.
import { registerCatalogue } from '../../core/locale/index.ts'
import { comparedSettingsOf, expectationsKey, type RunSnapshot } from '../../core/baseline.ts'
import { type AttemptRecord, type QuestionRecord, questionExpectations, type RunModel, type RunSettings, type VizKind } from '../../core/model.ts'
import { type Reason, reason } from '../../core/reason.ts'

// Hand-made failures carry their text as is, in both languages: the reporter's tests are about rendering, not
// about the checks' wording (core/locale/checks.ts, tested with the checks).
const TEXT_AS_IS = { fr: (p: Reason['params']) => String(p.text), en: (p: Reason['params']) => String(p.text) }
registerCatalogue({ 'test.text': TEXT_AS_IS })

/** A failure reason whose sentence is `text`. */
export function failure(text: string): Reason {
  return reason('test.text', { text })
}

export const SETTINGS: RunSettings = {
  iterations: 1,
  warmup: 0,
  concurrency: 1,
  timeoutMs: 60_000,
  locale: 'fr',
  minSuccessRate: 0.95,
  p95GoMs: 4000,
  p95NoGoMs: 5000,
  strict: false,
  failOnConditional: false,
  stream: false,
  ttfcGoMs: 2000,
  ttfcNoGoMs: 4000,
  maxRps: 0,
  userId: 1,
  maxRegression: 0.2,
}

export function attempt(over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    index: 0,
    warmup: false,
    startedAt: '2026-11-24T10:00:00.000Z',
    latencyMs: 1000,
    ttfbMs: 900,
    timedOut: false,
    httpStatus: 200,
    ok: true,
    critical: null,
    intent: { group: 'transaction_search', subtype: 'simple' },
    fallback: false,
    dataPresentation: true,
    visualizations: ['kpi', 'kpi', 'kpi'] as VizKind[],
    stages: { intent_classification: 50, search: 200, user_profile: 20, response_generation: 700 },
    failures: [],
    ...over,
  }
}

/** The fields of an attempt the client abandoned at the timeout (`ms`): no answer, its latency the timeout. */
export function timedOutAt(ms: number): Partial<AttemptRecord> {
  return {
    timedOut: true,
    latencyMs: ms,
    ok: false,
    httpStatus: null,
    ttfbMs: null,
    dataPresentation: false,
    visualizations: [],
    failures: [failure('timed out')],
  }
}

/** The fields of an attempt the pipeline answered with its fallback sentence (status "error", no intent). */
export function fellBack(message: string): Partial<AttemptRecord> {
  return { fallback: true, ok: false, intent: null, failures: [reason('check.fallback.sentence', { status: 'error', message })] }
}

export function question(id: string, attempts: AttemptRecord[], over: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    id,
    category: 'transaction_search_simple',
    message: `Question ${id}`,
    expectedIntent: 'transaction_search.simple',
    expectsData: true,
    plannedAttempts: attempts.length,
    attempts: attempts.map((a, i) => ({ ...a, index: i })),
    warmups: [],
    subtypeObservable: true,
    // As the suite records them (core/model.ts emptyQuestionRecord): a baseline comparison reads them.
    edgeCase: false,
    expectations: [],
    ...over,
  }
}

/** n questions, one attempt each; latency of question i = latencies[i]. */
export function modelWith(latencies: number[], over: Partial<RunModel> = {}, settings: Partial<RunSettings> = {}): RunModel {
  return {
    target: { baseUrl: 'http://127.0.0.1:8001', contract: 'harena-v2', embedded: true },
    settings: { ...SETTINGS, ...settings },
    startedAt: '2026-11-24T10:00:00.000Z',
    durationMs: 12_345,
    interrupted: false,
    harnessErrors: [],
    questions: latencies.map((ms, i) => question(`q${String(i + 1).padStart(2, '0')}`, [attempt({ latencyMs: ms })])),
    ...over,
  }
}

/**
 * A baseline of `model`'s questions (core/baseline.ts): a GO of 2026-11-20 where every one of 15 attempts passed, in
 * 800–1,360 ms; `over` changes what a test needs.
 */
export function baselineOf(model: RunModel, over: Partial<RunSnapshot> = {}): RunSnapshot {
  return baselineFor(
    model,
    Array.from({ length: 15 }, (_, i) => 800 + i * 40),
    () => true,
    over,
  )
}

/** Replaces question i's single attempt with the given overrides. */
export function withAttempt(model: RunModel, i: number, over: Partial<AttemptRecord>): RunModel {
  const questions = model.questions.map((q, j) => (j === i ? { ...q, attempts: q.attempts.map((a) => ({ ...a, ...over })) } : q))
  return { ...model, questions }
}

/**
 * A baseline of the same contract, settings and questions as `m` (core/baseline.ts RunSnapshot), as readBaseline
 * would give it: each question passed every planned attempt, or (`passed(i)` false) none, and these latencies.
 */
export function baselineFor(
  m: RunModel,
  latencies: readonly number[],
  passed: (i: number) => boolean = () => true,
  over: Partial<RunSnapshot> = {},
): RunSnapshot {
  return {
    generatedAt: '2026-11-20T10:00:00.000Z',
    decision: 'GO',
    contract: m.target.contract,
    settings: comparedSettingsOf(m.settings),
    questions: m.questions
      .filter((q) => q.probe !== true)
      .map((q, i) => ({
        id: q.id,
        message: q.message,
        success: passed(i),
        passed: passed(i) ? q.plannedAttempts : 0,
        planned: q.plannedAttempts,
        expectations: expectationsKey({ ...q, ...questionExpectations(q) }),
      })),
    latencies,
    timeouts: 0,
    ...over,
  }
}
