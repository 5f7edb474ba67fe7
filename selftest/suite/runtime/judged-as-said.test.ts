// An answer is judged on what the service said, and written scrubbed (tests/support/judged-as-said.ts,
// docs/report-contract.md "Judged as said, written scrubbed"). A password made of words the answers use — a month and
// its year, a merchant, a category — had the scrubbed answer judged: « du 1er au 31 *** » was shorter than the length
// v3 states (every answer "truncated"), « Mes dépenses chez *** » an answer to another question. The REAL reference
// service (its today pinned) answers every question of the plan on every generation, buffered and streamed; each
// answer is recorded with a random password and with passwords made of its own words (the family, not a list), and
// judged the same. Real client, adapters, checks and the reference's own ground truth; nothing is stubbed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { GroundTruth } from '../../../core/ground-truth.ts'
import type { AttemptRecord } from '../../../core/model.ts'
import { loadQuestions, type Question } from '../../../core/questions.ts'
import { groundTruthOf } from '../../../fixtures/reference/ground-truth.ts'
import type { ReferenceContract } from '../../../fixtures/reference/generations/index.ts'
import { startReferenceServer } from '../../../fixtures/reference/server.ts'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import type { StreamCapture } from '../../../tests/support/exchange.ts'
import { withGroundTruth } from '../../../tests/support/ground-truth/attempt.ts'
import { recordAttempt } from '../../../tests/support/record.ts'
import type { ClientOutcome } from '../../../tests/support/client.ts'
import { leakIn } from '../../leaks.ts'
import { redact } from '../../../core/secrets.ts'
import { ROOT } from '../../e2e/harness.ts'
import { REFERENCE_NOW, tokenFor } from '../../e2e/target.ts'

const questions = loadQuestions(`${ROOT}/fixtures/questions.json`)
const RANDOM = 'Xk7QmZp2Lr9vTq'
const token = tokenFor(1)

type Reference = Awaited<ReturnType<typeof startReferenceServer>>
const refs = new Map<ReferenceContract, Reference>()
beforeAll(async () => {
  for (const contract of ['harena-v2', 'harena-v2-charts', 'harena-v3'] as const)
    refs.set(contract, await startReferenceServer({ port: 0, now: REFERENCE_NOW, contract, streamChunkMs: 0 }))
})
afterAll(async () => {
  await Promise.all([...refs.values()].map((r) => r.close()))
})

interface Answer {
  outcome: ClientOutcome
  capture?: StreamCapture
}

/** One real answer of the reference to `question`, buffered or streamed. */
async function answerOf(contract: ReferenceContract, question: Question, stream: boolean): Promise<Answer> {
  const ref = refs.get(contract) as Reference
  const adapter = adapterFor(contract)
  const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 10_000 })
  try {
    const input = { message: question.message, userId: 1, authorization: `Bearer ${token}` }
    if (!stream || adapter.stream === undefined) return { outcome: await client.request(adapter.chatRequest(input)) }
    const consumer = adapter.stream.open()
    const outcome = await client.request(adapter.stream.request(input), consumer)
    return { outcome, capture: consumer.finish(outcome.timing.totalMs) }
  } finally {
    await client.close()
  }
}

/** The answer recorded as the suite records it, the run's secrets being the token and `password`. */
function recorded(contract: ReferenceContract, question: Question, answer: Answer, password: string): AttemptRecord {
  const ref = refs.get(contract) as Reference
  const adapter = adapterFor(contract)
  const observes = answer.capture === undefined ? adapter.observes : (adapter.stream?.observes ?? adapter.observes)
  const truth = GroundTruth.parse(groundTruthOf(ref.dataset, 1, questions))
  const judge = withGroundTruth(checkAttempt, observeAttempt, truth, { contract, observes, insightLimit: adapter.insightLimit })
  const ctx = { question, adapter, ...judge, index: 0, warmup: false, secrets: [`Bearer ${token}`, token, password], userId: 1 }
  return recordAttempt(ctx, answer.outcome, answer.capture)
}

/** What a record says of the answer, its texts aside: what the verdict and every criterion read. */
const judgment = (a: AttemptRecord) => ({
  ok: a.ok,
  critical: a.critical,
  fallback: a.fallback,
  failures: a.failures.map((f) => f.code),
  notes: (a.notes ?? []).map((n) => n.code),
  visualizations: a.visualizations,
  dataPresentation: a.dataPresentation,
  stages: a.stages,
  grounding: a.grounding,
  chartExpected: a.chartExpected,
})

const capitalized = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1)

/**
 * Passwords a person might choose, made of the words this answer (and its question) use: each "word year" it says
 * ("novembre 2026" → "Novembre2026!", "Novembre2026"), each long word ("Carrefour" → "Carrefour!"). At most four.
 */
function wordPasswords(text: string): string[] {
  const out = new Set<string>()
  for (const [, word, year] of text.matchAll(/([A-Za-zÀ-ÿ]{4,}) ((?:19|20)\d\d)\b/g)) {
    out.add(`${capitalized(word as string)}${year}!`)
    out.add(`${capitalized(word as string)}${year}`)
  }
  for (const [word] of text.matchAll(/\b[A-Z][a-zà-ÿ]{6,}\b/g)) out.add(`${word}!`)
  return [...out].filter((p) => p.length >= 8).slice(0, 4)
}

const messageOf = (answer: Answer): string => {
  if (answer.outcome.kind !== 'response') return ''
  if (answer.capture !== undefined) return answer.capture.text
  return answer.outcome.exchange.bodyText
}

describe('a password made of words the answers use', () => {
  test.each([
    ['harena-v2', false],
    ['harena-v2-charts', false],
    ['harena-v3', false],
    ['harena-v2', true],
    ['harena-v3', true],
  ] as const)('%s (stream: %s): every question judged as with a random password, and no output holds the password', async (contract, stream) => {
    let masked = 0
    for (const question of questions) {
      const answer = await answerOf(contract, question, stream)
      const passwords = wordPasswords(`${question.message} ${messageOf(answer)}`)
      const random = recorded(contract, question, answer, RANDOM)
      for (const password of passwords) {
        const a = recorded(contract, question, answer, password)
        expect(judgment(a), `${question.id} with ${password}`).toEqual(judgment(random))
        expect(leakIn(JSON.stringify(a), password, 16), `${question.id} with ${password}`).toBeNull()
        if (redact(messageOf(answer), [password]) !== messageOf(answer)) masked++
      }
    }
    // The passwords really are spelled by the answers: the scrubbing masks them there (what failed them before).
    expect(masked).toBeGreaterThanOrEqual(questions.length)
  })
})

describe('a defect where the answer spells the password', () => {
  test.each(['harena-v2', 'harena-v3'] as const)(
    '%s: "le mois dernier" answered for this month, whose name and year are the password — failed as with a random one, its quote scrubbed',
    async (contract) => {
      const question = questions.find((q) => q.id === 'q01') as Question
      const answer = await answerOf(contract, question, false)
      if (answer.outcome.kind !== 'response') throw new Error(`the reference answered ${answer.outcome.kind}`)
      // Last month is October on the reference's pinned day (2026-11-24); the answer names this month instead.
      const lastMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(new Date('2026-10-15T00:00:00Z'))
      const thisMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(REFERENCE_NOW)
      const bodyText = answer.outcome.exchange.bodyText.replaceAll(`${lastMonth} 2026`, `${thisMonth} 2026`)
      expect(bodyText).not.toBe(answer.outcome.exchange.bodyText)
      const wrong: Answer = { outcome: { ...answer.outcome, exchange: { ...answer.outcome.exchange, bodyText } } }
      const password = `${capitalized(thisMonth)}2026!`
      const a = recorded(contract, question, wrong, password)
      const random = recorded(contract, question, wrong, RANDOM)
      expect(random.failures.map((f) => f.code)).toContain('check.asked.period')
      expect(judgment(a)).toEqual(judgment(random))
      // Its evidence is the scrubbed answer; neither it nor the failures' texts hold the password.
      expect(a.evidence?.bodyHead).toContain(`"message":"${question.message}"`)
      expect(leakIn(JSON.stringify(a), password, 16)).toBeNull()
    },
  )
})

describe('a judge that throws on the answer as said', () => {
  test('its error is scrubbed before Vitest prints or records it (its message and stack quoted the answer)', async () => {
    const question = questions.find((q) => q.id === 'q02') as Question
    const answer = await answerOf('harena-v3', question, false)
    const password = `${capitalized(new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(REFERENCE_NOW))}2026!`
    const adapter = adapterFor('harena-v3')
    // Throws only where no mask stands: on the answer as it came, never on the scrubbed one judged first.
    const check: typeof checkAttempt = (q, result, observes) => {
      if (result.kind === 'turn' && !result.turn.message.includes('***')) throw new TypeError(`unreadable answer: ${result.turn.message}`)
      return checkAttempt(q, result, observes)
    }
    const ctx = { question, adapter, check, index: 0, warmup: false, secrets: [password], userId: 1 }
    let thrown: unknown = null
    try {
      recordAttempt(ctx, answer.outcome)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    const error = thrown as Error
    expect(error.name).toBe('TypeError')
    expect(error.message).toMatch(/^unreadable answer: Cette semaine/)
    expect(leakIn(`${error.message}\n${error.stack}`, password, 16)).toBeNull()
  })
})
