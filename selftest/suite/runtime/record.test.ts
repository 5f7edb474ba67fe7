// From a real exchange to the recorded attempt and question: classification (docs/suite-rules.md §4), censored timeouts,
// bounded and scrubbed evidence, warm-ups apart, a snapshot after every attempt. Real servers, real adapter
// and checks; nothing is stubbed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { annotationsFor } from '../../../tests/support/annotate.ts'
import { askQuestion, MAX_UNJUDGED, unjudgedAnswers } from '../../../tests/support/ask.ts'
import { warmUp } from '../../../tests/support/warm-up.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { loadQuestions, type Question } from '../../../core/questions.ts'
import { BODY_HEAD_CHARS, recordAttempt } from '../../../tests/support/record.ts'
import type { QuestionRecord } from '../../../core/model.ts'
import { ROOT } from '../../e2e/harness.ts'
import { closedPort, startTarget, tokenFor, type Reference } from '../../e2e/target.ts'
import { startHostile, type Hostile } from './hostile.ts'
import { english } from '../checks/helpers.ts'
import { leakIn } from '../../leaks.ts'
import { primingOutcome } from '../../../tests/support/prime.ts'

const adapter = adapterFor('harena-v2')
const questions = loadQuestions(`${ROOT}/fixtures/questions.json`)
const q = (id: string): Question => questions.find((x) => x.id === id)!
const token = tokenFor(1)
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }

let ref: Reference
let hostile: Hostile
beforeAll(async () => {
  ref = await startTarget([
    { match: q('q04').message, fault: { kind: 'hang' } },
    { match: q('q07').message, fault: { kind: 'http5xx' } },
  ] as never)
  hostile = await startHostile()
})
afterAll(async () => {
  await ref.close()
  await hostile.close()
})

async function attemptOf(question: Question, baseUrl: string, path: string, timeoutMs = 5000, maxBodyBytes?: number) {
  const client = new HarenaClient({ baseUrl, timeoutMs, ...(maxBodyBytes ? { maxBodyBytes } : {}) })
  try {
    const request = adapter.chatRequest({ message: question.message, userId: 1, authorization: null })
    const outcome = await client.request({ ...request, path, headers })
    return recordAttempt({ question, adapter, check: checkAttempt, index: 0, warmup: false, secrets: [`Bearer ${token}`, token] }, outcome)
  } finally {
    await client.close()
  }
}

describe('recordAttempt', () => {
  test('a secret in a header is masked before any reason quotes the header (cut to 120 characters, it was not)', () => {
    const password = 'Kq7vP2xL9mR4tZw'
    const { outcome } = primingOutcome('harena-v2')
    if (outcome.kind !== 'response') throw new Error('a canned answer')
    for (const at of [0, 78, 81, 84]) {
      // The password straddling the 120th character of a Content-Type a reason quotes (from 78: 14 of its 15
      // characters before the cut), and in a header's name.
      const headers = { 'content-type': `text/html; charset=utf-8; p=${'x'.repeat(at)}${password}`, [`x-${password}`]: 'y' }
      const a = recordAttempt(
        { question: q('q08'), adapter, check: checkAttempt, index: 0, warmup: false, secrets: [password] },
        { ...outcome, exchange: { ...outcome.exchange, headers } },
      )
      expect(english(a.failures).join('\n')).toMatch(/Content-Type/)
      expect(leakIn(JSON.stringify(a), password, 8), `password at ${at}`).toBeNull()
      // Split over two lines of the same header (read joined, as the adapters read it).
      for (const cut of [4, 8, 11]) {
        const split = { 'content-type': [`text/html; charset=utf-8; p=${'x'.repeat(at)}${password.slice(0, cut)}`, password.slice(cut)] }
        const b = recordAttempt(
          { question: q('q08'), adapter, check: checkAttempt, index: 0, warmup: false, secrets: [password] },
          { ...outcome, exchange: { ...outcome.exchange, headers: split } },
        )
        expect(leakIn(JSON.stringify(b), password, 8), `password at ${at}, cut at ${cut}`).toBeNull()
      }
    }
  })

  test('the Server-Timing reading travels in the record; a secret in a metric name never reaches it (headers are masked first)', () => {
    const password = 'Kq7vP2xL9mR4tZw'
    const { outcome } = primingOutcome('harena-v2')
    if (outcome.kind !== 'response') throw new Error('a canned answer')
    const timing = `search;dur=4, x-${password};dur=1, llm;dur=-2, total;dur=9`
    const a = recordAttempt(
      { question: q('q01'), adapter, check: checkAttempt, index: 0, warmup: false, secrets: [password] },
      { ...outcome, exchange: { ...outcome.exchange, headers: { ...outcome.exchange.headers, 'server-timing': timing } } },
    )
    expect(a.stages).toEqual({ search: 4 })
    expect(a.stageReading).toMatchObject({ totalMs: 9, dropped: [{ name: 'llm', stage: 'response_generation', why: 'negative' }] })
    expect(a.stageReading?.unmapped).toHaveLength(1)
    expect(leakIn(JSON.stringify(a), password, 8)).toBeNull()
  })

  test('a good answer: ok, observed intent, visualization kinds, stages, no evidence', async () => {
    const a = await attemptOf(q('q08'), ref.url, adapter.paths.chat(1))
    expect(a).toMatchObject({ ok: true, httpStatus: 200, critical: null, timedOut: false, failures: [], dataPresentation: true })
    expect(a.intent).toEqual({ group: 'transaction_search', subtype: 'by_merchant' })
    expect(a.visualizations).toEqual(expect.arrayContaining(['kpi', 'bar']))
    expect(Object.keys(a.stages).length).toBeGreaterThan(0)
    expect(a.evidence).toBeUndefined()
    expect(a.ttfbMs).not.toBeNull()
  })

  test('harena-v2-charts: a KPI card (a kind its contract never sends) and an unknown type count as no visualization', () => {
    const charts = adapterFor('harena-v2-charts')
    const { outcome } = primingOutcome('harena-v2-charts')
    if (outcome.kind !== 'response') throw new Error('a canned answer')
    const body = JSON.parse(outcome.exchange.bodyText)
    const recorded = (visualizations: unknown[]) => {
      body.response.visualizations = visualizations
      const exchange = { ...outcome.exchange, bodyText: JSON.stringify(body) }
      return recordAttempt(
        { question: q('q01'), adapter: charts, check: checkAttempt, index: 0, warmup: false, secrets: [] },
        { ...outcome, exchange },
      )
    }
    expect(
      recorded([
        { type: 'kpi_card', title: 'Total Dépenses', value: 1, unit: '€' },
        { type: 'graph', title: 'Graphique' },
      ]).visualizations,
    ).toEqual([])
    const line = {
      type: 'chart',
      chart_type: 'line',
      title: 'Evolution',
      config: { type: 'line', data: { labels: ['2025-09-01'], datasets: [{ label: 'Depenses', data: [3] }] } },
    }
    expect(recorded([line]).visualizations).toEqual(['line'])
  })

  test('a timeout: failed, not critical, latency censored at the timeout', async () => {
    const a = await attemptOf(q('q04'), ref.url, adapter.paths.chat(1), 200)
    expect(a).toMatchObject({ ok: false, timedOut: true, critical: null, latencyMs: 200, httpStatus: null })
    expect(english(a.failures)).toEqual(['timed out after 200 ms'])
  })

  test('a refused connection: critical transport with the code', async () => {
    const a = await attemptOf(q('q01'), `http://127.0.0.1:${await closedPort()}`, adapter.paths.chat(1))
    expect(a).toMatchObject({ ok: false, critical: 'transport', httpStatus: null, timedOut: false })
    expect(english(a.failures)[0]).toMatch(/^transport error ECONNREFUSED/)
  })

  test('a 5xx: critical http_5xx with the first bytes of the body as evidence', async () => {
    const a = await attemptOf(q('q07'), ref.url, adapter.paths.chat(1))
    expect(a).toMatchObject({ ok: false, critical: 'http_5xx' })
    expect(a.httpStatus).toBeGreaterThanOrEqual(500)
    expect(a.evidence?.bodyHead?.length).toBeGreaterThan(0)
  })

  test('evidence is bounded and never carries the bearer token, even when the target reflects it', async () => {
    const a = await attemptOf(q('q01'), hostile.url, 'echo-auth')
    expect(a).toMatchObject({ ok: false, critical: 'http_5xx', httpStatus: 502 })
    const text = JSON.stringify(a)
    expect(text).not.toContain(token)
    expect(text).toContain('you sent ***')
    expect(a.evidence!.bodyHead!.length).toBeLessThanOrEqual(BODY_HEAD_CHARS + 1)
  })

  test('a body over the cap: critical, reading stopped, a bounded head kept', async () => {
    const a = await attemptOf(q('q01'), hostile.url, 'big', 10_000, 256 * 1024)
    expect(a).toMatchObject({ ok: false, critical: 'contract', httpStatus: 200 })
    expect(english(a.failures)[0]).toMatch(/larger than the client's cap/)
    expect(a.evidence!.bodyHead!.length).toBeLessThanOrEqual(BODY_HEAD_CHARS + 1)
  })
})

describe('askQuestion', () => {
  test('a worker that judges slower than the target answers: at most connections + MAX_UNJUDGED answers wait (bounded memory), none is lost', async () => {
    const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 10_000, connections: 16 })
    const waiting: number[] = []
    try {
      const record = await askQuestion(q('q11'), {
        client,
        adapter,
        // Judging made slow on purpose (5 ms of CPU per answer): the reference answers 16 at a time in ~1 ms.
        check: (question, result, observes) => {
          waiting.push(unjudgedAnswers())
          const until = performance.now() + 5
          while (performance.now() < until);
          return checkAttempt(question, result, observes)
        },
        userId: 1,
        authorization: `Bearer ${token}`,
        iterations: 80,
        secrets: [token],
      })
      expect(record.attempts).toHaveLength(80)
      expect(record.attempts.every((a) => a.ok)).toBe(true)
      expect(waiting).toHaveLength(80)
      // Answers in flight when the slots ran out still arrive: the bound is the client's connections + MAX_UNJUDGED.
      expect(Math.max(...waiting)).toBeLessThanOrEqual(client.connections + MAX_UNJUDGED)
      expect(Math.max(...waiting)).toBeGreaterThan(0) // the answers did queue: the bound was what held them
    } finally {
      await client.close()
    }
  })

  test('warm-ups first and apart, then the measured attempts; a snapshot at start and end, every attempt journaled as it comes', async () => {
    const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 5000 })
    const snapshots: QuestionRecord[] = []
    const journaled: Array<[number, boolean]> = []
    const before = ref.stats().requests.length
    try {
      // The run's warm-up budget (2) asked by globalSetup before any question, handed to the question it asked.
      const warmups = await warmUp([q('q11')], {
        budget: 2,
        client,
        adapter,
        check: checkAttempt,
        userId: 1,
        authorization: `Bearer ${token}`,
        secrets: [token],
        onAttempt: (_id, a) => journaled.push([a.index, a.warmup]),
      })
      const record = await askQuestion(q('q11'), {
        client,
        adapter,
        check: checkAttempt,
        userId: 1,
        authorization: `Bearer ${token}`,
        iterations: 3,
        warmups: warmups.q11 ?? [],
        secrets: [token],
        onUpdate: (r) => snapshots.push(r),
        onAttempt: (a) => journaled.push([a.index, a.warmup]),
      })
      expect(ref.stats().requests.length - before).toBe(5)
      expect(record.warmups.map((w) => [w.index, w.warmup])).toEqual([
        [0, true],
        [1, true],
      ])
      expect(record.attempts.map((a) => [a.index, a.warmup])).toEqual([
        [0, false],
        [1, false],
        [2, false],
      ])
      expect(record).toMatchObject({ id: 'q11', plannedAttempts: 3, subtypeObservable: true })
      expect(record.attempts.every((a) => a.ok)).toBe(true)
      // Initial (empty) + final, each its own plain copy (never one per attempt: that cost grew with the attempts);
      // each attempt reaches the journal as soon as it is recorded, so an interrupt loses none.
      // The initial one already carries the question's warm-ups (asked before it by the run's budget).
      expect(snapshots.map((s) => s.warmups.length + s.attempts.length)).toEqual([2, 5])
      expect(snapshots[0]!.attempts).not.toBe(snapshots[1]!.attempts)
      expect(snapshots[1]).toEqual(record)
      expect(JSON.parse(JSON.stringify(snapshots[1]))).toEqual(snapshots[1])
      expect(journaled.slice(0, 2)).toEqual([
        [0, true],
        [1, true],
      ])
      expect(journaled.slice(2).sort()).toEqual([
        [0, false],
        [1, false],
        [2, false],
      ])
      const notes = annotationsFor(record, 'en')
      expect(notes.map((n) => n.type)).toEqual(['intent', 'visualizations', 'latency'])
      expect(notes[0]!.message).toBe('analytics.trend — expected analytics.trend')
      expect(notes[2]!.message).toMatch(/^P50 [\d.]+ ms over 3 attempts \(TTFB P50 [\d.]+ ms\)$/)
    } finally {
      await client.close()
    }
  })

  test('the warm-up budget is for the whole run: asked in turn over the questions, each warm-up indexed within its question', async () => {
    const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 5000 })
    const before = ref.stats().requests.length
    try {
      const warmups = await warmUp([q('q11'), q('q01')], {
        budget: 3,
        client,
        adapter,
        check: checkAttempt,
        userId: 1,
        authorization: `Bearer ${token}`,
        secrets: [token],
      })
      expect(ref.stats().requests.length - before).toBe(3)
      expect(Object.fromEntries(Object.entries(warmups).map(([id, ws]) => [id, ws.map((w) => [w.index, w.warmup, w.ok])]))).toEqual({
        q11: [
          [0, true, true],
          [1, true, true],
        ],
        q01: [[0, true, true]],
      })
      expect(await warmUp([], { budget: 3, client, adapter, check: checkAttempt, userId: 1, authorization: null, secrets: [] })).toEqual({})
      expect(ref.stats().requests.length - before).toBe(3)
    } finally {
      await client.close()
    }
  })
})
