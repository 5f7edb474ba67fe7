// Asking one question (docs/suite-rules.md §2, §4, §5): VALIDATION_ITERATIONS measured attempts. Warm-ups are a budget of the
// whole run (VALIDATION_WARMUP), sent once by globalSetup before any question (tests/support/warm-up.ts) and handed
// to the question they were asked with: recorded, marked, never in the statistics. Measured attempts are started together and
// queue at the cross-worker limiter, so VALIDATION_CONCURRENCY alone decides how many are in flight.
// `onUpdate` receives a plain snapshot when the question starts and when it ends — never per attempt: a copy of
// the whole record after each attempt made the cost per attempt grow with the attempts (O(n²)). Attempts of a
// question still running when the run is interrupted are kept by the attempt journal (`onAttempt`).
import { type AttemptRecord, emptyQuestionRecord, type QuestionRecord } from '../../core/model.ts'
import { subtypeObservable } from '../../core/observes.ts'
import { observableQuestion, withoutOptionalVisualizations } from './observability.ts'
import type { HarenaClient } from './client.ts'
import type { Question } from '../../core/questions.ts'
import { recordAttempt, type CheckFn, type ObserveFn } from './record.ts'
import type { ContractAdapter } from './turn.ts'
import { RunStoppedError } from './limiter.ts'
import type { AuthSession } from './auth-broker.ts'
import type { ClientOutcome } from './client.ts'

export interface AskOptions {
  client: HarenaClient
  adapter: ContractAdapter
  check: CheckFn
  observe?: ObserveFn
  userId: number
  /** Full Authorization header value, or null (no credentials configured). */
  authorization: string | null
  iterations: number
  /** This question's share of the run's warm-up budget, already asked (tests/support/warm-up.ts). */
  warmups?: readonly AttemptRecord[]
  secrets: readonly string[]
  /** Ask through the contract's stream route (its adapter must have one). Default: buffered. */
  stream?: boolean
  onUpdate?: (record: QuestionRecord) => void
  /** Called with each attempt as soon as it is recorded (the journal; see core/journal.ts). */
  onAttempt?: (attempt: AttemptRecord) => void
  /**
   * The run's credentials as they change (tests/support/auth-broker.ts): a 401 is handed to it, never judged as
   * the service's answer. Absent: `authorization` is used as is and a 401 is judged.
   */
  auth?: AuthSession
}

// Parsing and checking an answer costs CPU (zod, French text checks, redaction). Done right after each exchange,
// the answers that arrived meanwhile would wait behind it and have their latency taken late: a busy client
// inflates what it reports. So each attempt's processing takes its own turn of the event loop, one at a time:
// between two of them the loop polls the network and the exchanges that finished get their timestamps first.
const turns: Array<() => void> = []
let turnScheduled = false
function runTurn(): void {
  turns.shift()?.()
  if (turns.length > 0) setImmediate(runTurn)
  else turnScheduled = false
}

// Answers received and not yet judged each hold their whole body (up to the client's body cap). When the target
// answers faster than the worker judges — large bodies, a slow machine — that queue grew without bound: a review saw a
// worker hold ~440 answers of 2.8 MB (3.75 GB) and die out of memory with 6 MB ones. So an attempt takes a slot of
// its client before its request is sent and gives it back once judged: a client has as many slots as connections
// (so the limiter's cap is never lowered) plus MAX_UNJUDGED, and memory stays bounded by that many bodies. A
// request not yet sent holds no permit; the applied load the report states is what the target then saw.
export const MAX_UNJUDGED = 16
//
// The slots go round the questions: each question that waits gets the next free slot in turn, never one question's
// whole batch first. In a file the questions start together and each asks for all its attempts at once; served in
// order of asking, the first question took every slot and ran all its attempts before the second sent one. A target
// that stopped answering then had to time out a whole question's attempts before the stop rule, which wants its
// silent streak to span two questions (tests/support/limiter.ts), could see a second one: a review counted 21
// timeouts where VALIDATION_STOP_AFTER_TIMEOUTS said 2. Served in turn, a dead target stops after N.
class Slots {
  private free: number
  /** Waiting takes per question, in the order the questions first waited (the turn goes round this map). */
  private readonly waiting = new Map<string, Array<() => void>>()
  private grantScheduled = false
  constructor(size: number) {
    this.free = size
  }
  /**
   * A slot for `key`'s next attempt. The first takes of a turn of the event loop wait for the end of that turn, so the
   * questions that start together are all waiting when the free slots are handed out.
   */
  take(key: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(key)
      if (queue === undefined) this.waiting.set(key, [resolve])
      else queue.push(resolve)
      if (!this.grantScheduled) {
        this.grantScheduled = true
        setImmediate(() => {
          this.grantScheduled = false
          while (this.free > 0 && this.grantNext()) this.free--
        })
      }
    })
  }
  give(): void {
    if (!this.grantNext()) this.free++
  }
  /** Resolves the first waiting take of the question whose turn it is, which then goes to the back of the turn. */
  private grantNext(): boolean {
    for (const [key, queue] of this.waiting) {
      const next = queue.shift()
      this.waiting.delete(key)
      if (queue.length > 0) this.waiting.set(key, queue)
      if (next !== undefined) {
        next()
        return true
      }
    }
    return false
  }
}
const slotsOf = new WeakMap<HarenaClient, Slots>()
function slots(client: HarenaClient): Slots {
  let s = slotsOf.get(client)
  if (s === undefined) {
    s = new Slots(client.connections + MAX_UNJUDGED)
    slotsOf.set(client, s)
  }
  return s
}

/** Answers received by this worker and waiting to be judged (tests). */
export function unjudgedAnswers(): number {
  return turns.length
}
function processingTurn(): Promise<void> {
  return new Promise((resolve) => {
    turns.push(resolve)
    if (!turnScheduled) {
      turnScheduled = true
      setImmediate(runTurn)
    }
  })
}

/** A deep plain-JSON copy: task.meta is cloned across processes and must stay plain (docs/vitest-facts.md §2.1). */
function snapshot(record: QuestionRecord): QuestionRecord {
  return JSON.parse(JSON.stringify(record)) as QuestionRecord
}

/** One question made ready to ask: what its wire can carry, and the request every attempt sends. */
export interface Asking {
  question: Question
  notObservable: string[]
  observes: ContractAdapter['observes']
  request: ReturnType<ContractAdapter['chatRequest']>
  /** The same request with another Authorization (a new token after a re-login). */
  requestWith: (authorization: string | null) => ReturnType<ContractAdapter['chatRequest']>
  stream: ContractAdapter['stream']
}

export type AttemptOptions = Omit<AskOptions, 'iterations' | 'warmups' | 'onUpdate' | 'onAttempt'>

export function prepareAsking(asked: Question, options: Pick<AskOptions, 'adapter' | 'stream' | 'userId' | 'authorization'>): Asking {
  const { adapter } = options
  const stream = options.stream === true ? adapter.stream : undefined
  if (options.stream === true && stream === undefined) throw new Error(`contract ${adapter.name} has no stream route`)
  const observes = stream?.observes ?? adapter.observes
  // What the wire cannot carry is named, never checked (tests/support/observability.ts).
  const { question, notObservable } = observableQuestion(asked, observes)
  const requestWith = (authorization: string | null) => {
    const input = { message: question.message, userId: options.userId, authorization }
    return stream ? stream.request(input) : adapter.chatRequest(input)
  }
  return { question, notObservable, observes, request: requestWith(options.authorization), requestWith, stream }
}

/** Requests of one attempt refused with 401 before its 401 is judged as the answer. */
const MAX_TRIES = 3

const refusedCredentials = (outcome: ClientOutcome): boolean => outcome.kind === 'response' && outcome.exchange.httpStatus === 401

/** One request for a prepared question → its AttemptRecord (a measured attempt, or a warm-up). */
export async function askOnce(asking: Asking, options: AttemptOptions, index: number, warmup: boolean): Promise<AttemptRecord> {
  const held = slots(options.client)
  await held.take(asking.question.id)
  try {
    return await askHoldingSlot(asking, options, index, warmup)
  } finally {
    held.give()
  }
}

async function askHoldingSlot(asking: Asking, options: AttemptOptions, index: number, warmup: boolean): Promise<AttemptRecord> {
  const auth = options.auth
  // A fresh consumer per attempt: it reads this answer's events as they arrive (client.ts stamps them).
  let consumer = asking.stream?.open()
  let generation = auth?.tokenGeneration ?? 0
  let outcome = await options.client.request(auth ? asking.requestWith(auth.authorization) : asking.request, consumer, asking.question.id)
  // A 401 once the credentials worked is no answer of the service (tests/support/auth-broker.ts): asked again once
  // with the token of a re-login, or not executed when the credentials cannot be renewed.
  // Bounded: a token renewed while this attempt was asked again (another worker proved it, then it expired) gets
  // one more try; past that the 401 is judged.
  for (let tries = 0; auth && refusedCredentials(outcome) && tries < MAX_TRIES; tries++) {
    const answer = await auth.refused(generation, { questionId: asking.question.id, attempt: index, warmup })
    if (answer.kind === 'stop') throw new RunStoppedError('credentials')
    if (answer.kind === 'judge' || tries === MAX_TRIES - 1) break
    generation = auth.tokenGeneration
    consumer = asking.stream?.open()
    outcome = await options.client.request(asking.requestWith(auth.authorization), consumer, asking.question.id)
  }
  await processingTurn()
  const record = recordAttempt(
    {
      question: asking.question,
      adapter: options.adapter,
      check: options.check,
      index,
      warmup,
      // Every token the run used (a re-login's too) is scrubbed from what is recorded.
      secrets: auth ? withSessionSecrets(options.secrets, auth.secrets) : options.secrets,
      userId: options.userId,
      ...(options.observe ? { observe: options.observe } : {}),
    },
    outcome,
    consumer?.finish(outcome.timing.totalMs),
  )
  if (generation > 0) record.tokenGeneration = generation
  return record
}

// One array per question while no new token comes: redaction finds its tables by the array's identity
// (core/secrets.ts compile), and a new array per attempt cost it a joined key each time.
const combined = new WeakMap<readonly string[], { known: readonly string[]; length: number; all: readonly string[] }>()

/** The question's secrets and every token its session carried, as the same array until a new token comes. */
function withSessionSecrets(own: readonly string[], known: readonly string[]): readonly string[] {
  const memo = combined.get(own)
  if (memo !== undefined && memo.known === known && memo.length === known.length) return memo.all
  const all = [...own, ...known]
  combined.set(own, { known, length: known.length, all })
  return all
}

export async function askQuestion(asked: Question, options: AskOptions): Promise<QuestionRecord> {
  const { adapter } = options
  const asking = prepareAsking(asked, options)
  const record: QuestionRecord = {
    ...emptyQuestionRecord(asked, options.iterations),
    notObservable: asking.notObservable,
    visualizationObservable: asking.observes.visualizations !== 'absent',
  }
  record.warmups.push(...(options.warmups ?? []))
  const { notObservable, observes } = asking

  // Expectations an answer without a visualizations field cannot show (real v2, tests/support/record.ts).
  const vizOnly = observableQuestion(asked, withoutOptionalVisualizations(observes)).notObservable.filter((k) => !notObservable.includes(k))
  const publish = (): QuestionRecord => {
    record.attempts.sort((a, b) => a.index - b.index)
    if (record.attempts.some((a) => a.visualizationsNotOnWire === true)) {
      record.notObservable = [...notObservable, ...vizOnly]
      record.notObservableWithoutVizField = vizOnly
    }
    record.subtypeObservable = subtypeObservable(adapter.observes, [...record.warmups, ...record.attempts])
    const copy = snapshot(record)
    options.onUpdate?.(copy)
    return copy
  }

  publish()
  await Promise.all(
    Array.from({ length: options.iterations }, async (_, i) => {
      const attempt = await unlessStopped(() => askOnce(asking, options, i, false))
      if (attempt === null) return
      options.onAttempt?.(attempt)
      record.attempts.push(attempt)
    }),
  )
  return publish()
}

/**
 * The limiter stops the run when the target answers nothing (tests/support/limiter.ts): the attempts not yet sent
 * are not executed (null), the ones measured are kept.
 */
export async function unlessStopped(ask: () => Promise<AttemptRecord>): Promise<AttemptRecord | null> {
  try {
    return await ask()
  } catch (error) {
    if (error instanceof RunStoppedError) return null
    throw error
  }
}
