// The body of every question's test (the spec files stay thin and read like the plan):
// ask the question through the shared client and limiter, record task.meta.validation after every attempt,
// annotate what a person exploring Vitest UI needs, and fail with the reasons when any attempt failed.
import { inject, type TestContext } from 'vitest'
import { type CategoryId, emptyQuestionRecord } from '../../core/model.ts'
import { appendJournal } from '../../core/journal.ts'
import '../../core/locale/gate.ts'
import { say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'
import { adapterFor } from './adapters/index.ts'
import { annotationsFor, failureLines } from './annotate.ts'
import { askQuestion } from './ask.ts'
import { questionsOf } from './categories.ts'
import { checkAttempt, observeAttempt } from './checks/index.ts'
import { withGroundTruth } from './ground-truth/attempt.ts'
import { HarenaClient } from './client.ts'
import { ExchangeLoopDelay } from './loop-delay.ts'
import type { AuthSession } from './auth-broker.ts'
import { carryShard } from './shard-meta.ts'
import { authSession } from './worker-auth.ts'
import { judgedOnce } from './judged-once.ts'
import { adoptRunClock } from './run-clock.ts'
import { primeJudgeOnce } from './prime.ts'
import { runSecrets } from '../../core/settings.ts'
import { titleOf as maskedTitleOf } from './titles.ts'
import { attemptSecrets, workerSettings } from './worker-settings.ts'
import { fragmentsDirOf, writeFragment } from '../../core/fragments.ts'
import { scrubbedAtSource } from '../../core/scrub.ts'
import '../../core/provided.ts'
import type { Question } from '../../core/questions.ts'

/** The questions of one plan category ('other' = every category outside the plan's five), in file order. */
export function planned(category: CategoryId | 'other'): Question[] {
  return questionsOf(inject('harenaRuntime').questions, category)
}

/**
 * A question's test title, masked of this worker's configured credentials (tests/support/titles.ts `titleOf`: the
 * one function the global setup matches `-t` with too).
 */
export function titleOf(question: Pick<Question, 'id' | 'message'>): string {
  return maskedTitleOf(question, workerSettings())
}

// How late this worker's event loop was while one of its exchanges was in flight (timestamps are taken on it): its
// P99 goes with each question record and the report warns when it is high (tests/support/loop-delay.ts).
const loopDelay = new ExchangeLoopDelay()

// One kept-alive client per worker module graph (= per spec file with isolation): every question of the
// file shares its connections, so measured attempts run on warm sockets.
let client: HarenaClient | null = null
function sharedClient(): HarenaClient {
  if (client === null) {
    const target = inject('harenaTarget')
    const runtime = inject('harenaRuntime')
    client = new HarenaClient({
      baseUrl: target.baseUrl,
      timeoutMs: runtime.timeoutMs,
      limiterUrl: runtime.limiterUrl,
      connections: Math.max(1, runtime.concurrency),
      exchanges: loopDelay,
    })
  }
  return client
}

export async function closeClient(): Promise<void> {
  const c = client
  client = null
  await c?.close()
}

/**
 * The secrets the reporter will scrub the reports of, as far as this worker knows them (the first Authorization and
 * every re-login's it was given), in the reporter's order (core/settings.ts runSecrets), or null without settings.
 */
function reportSecrets(authorization: string | null, auth: AuthSession | undefined): string[] | null {
  const settings = workerSettings()
  return settings === null ? null : runSecrets(settings, [authorization, ...(auth?.secrets ?? [])])
}

export async function validateQuestion(question: Question, ctx: TestContext): Promise<void> {
  const runtime = inject('harenaRuntime')
  // What the merge of a sharded run reads from this file's blob entry (core/shard.ts; tests/support/shard-meta.ts).
  carryShard(ctx.task.file, runtime.shard)
  const preflightError = inject('harenaPreflightError')
  if (preflightError !== null) {
    // The target could not be used: fail at once, send nothing (globalSetup printed the reason once).
    ctx.task.meta.validation = emptyQuestionRecord(question, runtime.iterations)
    // No stack: the reason is the target, not this line of code (one code frame per question is noise).
    const error = new Error(say(reason('annotate.not_asked', { ...preflightError.params, cause: preflightError.code }), runtime.locale))
    error.stack = `Error: ${error.message}`
    throw error
  }
  const target = inject('harenaTarget')
  adoptRunClock(runtime.clockAnchorMs)
  // The ground truth (VALIDATION_GROUND_TRUTH, or the embedded service's own) joins the checks of every attempt.
  const adapter = adapterFor(runtime.contract)
  const observes = runtime.stream ? (adapter.stream?.observes ?? adapter.observes) : adapter.observes
  const judge = withGroundTruth(checkAttempt, observeAttempt, runtime.groundTruth, {
    contract: runtime.stream ? `${adapter.name} (stream)` : adapter.name,
    observes,
    insightLimit: adapter.insightLimit,
  })
  const auth = authSession(target.authorization, runtime.authBrokerUrl)
  const secrets = attemptSecrets(target.authorization)
  // Before this worker's first request: its first answer would otherwise be judged and scrubbed cold
  // (tests/support/prime.ts), with the secrets each attempt (tests/support/ask.ts) and the record are scrubbed of.
  const reportSecretsAtStart = reportSecrets(target.authorization, auth)
  primeJudgeOnce(runtime.contract, adapter, question, judge, [
    auth ? [...secrets, ...auth.secrets] : secrets,
    ...(reportSecretsAtStart === null ? [] : [reportSecretsAtStart]),
  ])
  // An identical reading of an answer is judged once per question (tests/support/judged-once.ts).
  const judged = judgedOnce(judge)
  const asked = await askQuestion(question, {
    client: sharedClient(),
    adapter,
    check: judged.check,
    observe: judged.observe,
    userId: target.userId,
    authorization: target.authorization,
    ...(auth ? { auth } : {}),
    iterations: runtime.iterations,
    warmups: runtime.warmups[question.id] ?? [],
    stream: runtime.stream,
    secrets,
    onUpdate: (snapshot) => {
      snapshot.clientLoopDelayP99Ms = loopDelay.p99DelayMs()
      ctx.task.meta.validation = snapshot
    },
    onAttempt: (attempt) => {
      try {
        appendJournal(runtime.journalPath, { questionId: question.id, attempt })
      } catch {
        // Without the journal only Ctrl-C loses in-flight questions' attempts; the run itself stays valid.
      }
    },
  })
  // Scrubbed of the run's secrets here, once, and its samples and JSON rows serialized here, rather than all at once by
  // the reporter at the end of the run (core/fragments.ts). Only a shortcut: without it the reporter does both.
  const scrubOf = reportSecrets(target.authorization, auth)
  const record = scrubOf === null ? asked : scrubbedAtSource(asked, scrubOf)
  ctx.task.meta.validation = record
  if (scrubOf !== null) {
    try {
      writeFragment(fragmentsDirOf(runtime.journalPath), record, scrubOf)
    } catch {
      // a full disk: the reporter serializes this question itself
    }
  }
  for (const line of annotationsFor(record, runtime.locale)) await ctx.annotate(line.message, line.type)
  // What this contract's wire cannot carry is said, never checked (tests/support/observability.ts).
  if ((record.notObservable?.length ?? 0) > 0)
    await ctx.annotate(
      say(
        reason('annotate.not_observable', { contract: runtime.contract, stream: runtime.stream, fields: record.notObservable ?? [] }),
        runtime.locale,
      ),
      'not-observable',
    )
  const missing = record.plannedAttempts - record.attempts.length
  if (missing > 0) {
    // Only the limiter's stop leaves attempts unsent (tests/support/ask.ts): the target stopped answering.
    const error = new Error(say(reason('gate.not_executed', { missing, planned: record.plannedAttempts }), runtime.locale))
    error.name = 'ValidationFailure'
    error.stack = `${error.name}: ${error.message}`
    throw error
  }
  const failed = failureLines(record, runtime.locale)
  if (failed.length > 0) {
    // The reasons are the message (terminal, junit, UI); a stack would only point at this line.
    const head = say(reason('annotate.attempts_failed', { failed: failed.length, planned: record.plannedAttempts }), runtime.locale)
    const error = new Error(`${head}\n${failed.map((f) => `  - ${f}`).join('\n')}`)
    error.name = 'ValidationFailure'
    error.stack = `${error.name}: ${error.message}`
    throw error
  }
}
