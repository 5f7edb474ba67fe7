// Running one security probe inside a Vitest test: the shared client (through the cross-worker limiter), the
// run's current token as the questions hold it (tests/support/worker-auth.ts: a re-login's, once the first expired),
// the adapter's paths. Its outcome becomes a probe record (core/model.ts, `probe: true`): the
// reporter counts a failed probe as a critical bug (never in the success rate or the latency), with the request
// and the answer as evidence, and the test fails with the reasons.
import { inject, type TestContext } from 'vitest'
import { JournalTail } from '../../../core/journal.ts'
import '../../../core/locale/grounding.ts'
import { type Locale, say } from '../../../core/locale/index.ts'
import '../../../core/locale/checks.ts'
import type { AttemptRecord, QuestionRecord } from '../../../core/model.ts'
import { reason } from '../../../core/reason.ts'
import '../../../core/provided.ts'
import { redact } from '../../../core/secrets.ts'
import { quotedReason, redactQuote } from '../../../core/secret-quotes.ts'
import { adapterFor } from '../adapters/index.ts'
import { HarenaClient } from '../client.ts'
import { RunStoppedError } from '../limiter.ts'
import { type OwnRoute, PROBES, type Probe, type ProbeResult } from './probes.ts'
import { boundedReason, boundedText } from '../record.ts'
import { carryShard } from '../shard-meta.ts'
import { authSession } from '../worker-auth.ts'
import { attemptSecrets } from '../worker-settings.ts'

export const SECURITY_CATEGORY = 'security'
export { PROBES }

let client: HarenaClient | null = null
function sharedClient(): HarenaClient {
  if (client === null) {
    const target = inject('harenaTarget')
    const runtime = inject('harenaRuntime')
    client = new HarenaClient({ baseUrl: target.baseUrl, timeoutMs: runtime.timeoutMs, limiterUrl: runtime.limiterUrl, connections: 1 })
  }
  return client
}

/**
 * What the run's questions and warm-ups proved of the user's own routes so far, read from the attempt journal
 * (core/journal.ts: the workers and the global setup append every attempt to it) as the auth broker reads it, from
 * where the last look left it. A question or warm-up the target answered with any HTTP status but 404 (a rate
 * limiter's page aside) reached the chat route the probes send: it exists, and no probe's 404 may call it "not
 * found". The probes' chat route is the questions' own (tests/support/security/probes.ts): the buffered chat route,
 * or on a streamed run (VALIDATION_STREAM=true) the stream route, which the streamed questions' answers prove.
 */
let journal: { tail: JournalTail; chat: boolean } | null = null
function routeAnsweredInJournal(route: OwnRoute): boolean {
  const runtime = inject('harenaRuntime')
  if (route !== 'chat') return false
  if (journal === null || journal.tail.path !== runtime.journalPath) journal = { tail: new JournalTail(runtime.journalPath), chat: false }
  const seen = journal
  if (!seen.chat)
    seen.tail.read(({ attempt }) => {
      if (attempt.httpStatus !== null && attempt.httpStatus !== 404 && attempt.rateLimited !== true) seen.chat = true
    })
  return seen.chat
}

export async function closeProbeClient(): Promise<void> {
  const c = client
  client = null
  await c?.close()
}

function attemptOf(result: ProbeResult, startedAt: string, secrets: readonly string[], locale: Locale): AttemptRecord {
  // What the evidence shows people (Markdown, evidence file): the request in the run's language.
  const request = result.described === undefined ? result.request : say(reason('security.request', result.described), locale)
  const failures = result.ok === false ? result.reasons.map((r) => boundedReason(r, secrets)) : []
  return {
    index: 0,
    warmup: false,
    startedAt,
    latencyMs: Math.round(result.latencyMs * 1000) / 1000,
    ttfbMs: null,
    timedOut: false,
    httpStatus: result.httpStatus,
    ok: result.ok !== false,
    critical: result.ok === false ? 'security' : null,
    intent: null,
    fallback: false,
    dataPresentation: false,
    visualizations: [],
    stages: {},
    failures,
    // Why not applicable, or a note on a refusal (a 401 where the contract gives 403).
    ...(result.ok !== false && result.reasons.length > 0 ? { notes: result.reasons.map((r) => boundedReason(r, secrets)) } : {}),
    // Refused by a rate limiter: counted with the questions' rate-limited attempts (the run is inconclusive).
    ...(result.reasons.some((r) => r.code === 'security.rate_limited') ? { rateLimited: true as const } : {}),
    ...(result.ok === false ? { evidence: { error: redact(request, secrets), bodyHead: redact(result.bodyHead, secrets) } } : {}),
    // The ids a question's attempt carries (samples.ndjson, evidence): the target's logs can be searched for a probe.
    ...(result.clientRequestId === undefined
      ? {}
      : { clientRequestId: result.clientRequestId, requestId: boundedText(result.requestId ?? result.clientRequestId, secrets) }),
  }
}

/** The probe's result with its reasons' texts and its body's head scrubbed as quotes cut from the answer. */
function quotedResult(result: ProbeResult, secrets: readonly string[]): ProbeResult {
  return { ...result, reasons: result.reasons.map((r) => quotedReason(r, secrets)), bodyHead: redactQuote(result.bodyHead, secrets) }
}

/** Runs one probe, records it on the test, fails the test (with the reasons) when the probe was not refused. */
export async function runProbe(probe: Probe, ctx: TestContext): Promise<void> {
  const target = inject('harenaTarget')
  const runtime = inject('harenaRuntime')
  // What the merge of a sharded run reads from this file's blob entry (core/shard.ts; tests/support/shard-meta.ts).
  carryShard(ctx.task.file, runtime.shard)
  const preflightError = inject('harenaPreflightError')
  const record: QuestionRecord = {
    id: `security.${probe.id}`,
    category: SECURITY_CATEGORY,
    message: probe.title,
    expectedIntent: null,
    expectsData: null,
    plannedAttempts: 0,
    attempts: [],
    warmups: [],
    subtypeObservable: true,
    probe: true,
  }
  ctx.task.meta.validation = record
  if (preflightError !== null) {
    ctx.skip(say({ code: 'annotate.not_probed', params: { ...preflightError.params, cause: preflightError.code } }, runtime.locale))
    return
  }
  const auth = authSession(target.authorization, runtime.authBrokerUrl)
  // Only a probe that sent nothing keeps this time: one that did is timed by its exchange (after its permit wait).
  const askedAt = new Date().toISOString()
  const judged = await notExecutedSaid(runtime.locale, () =>
    probe.run({
      client: sharedClient(),
      adapter: adapterFor(runtime.contract),
      userId: target.userId,
      authorization: target.authorization,
      ...(auth ? { auth } : {}),
      questionId: record.id,
      routeAnswered: routeAnsweredInJournal,
      streamed: runtime.stream === true,
    }),
  )
  // The Authorization (every token this worker carried) and the configured secrets: a target echoing the password
  // in a probe's answer shows it in the test's failure message (the terminal) and the shard's blob, which no
  // reporter scrubs again.
  // And the token a token probe forged (tests/support/security/probes.ts tokenProbe): a service echoing it shows the run's.
  const secrets = [...attemptSecrets(target.authorization), ...(auth?.secrets ?? []), ...(judged.secrets ?? [])]
  // A probe judges the answer as it came; its reasons quote it cut (160 characters of a body): scrubbed as cut quotes
  // (core/secret-quotes.ts), as the test's annotations and failure message say them too — a cut could leave a piece of
  // an echoed password too short for redact().
  const result = quotedResult(judged, secrets)
  record.attempts = [attemptOf(result, result.startedAt ?? askedAt, secrets, runtime.locale)]
  ctx.task.meta.validation = record
  if (result.ok === null) {
    await ctx.annotate(result.reasons.map((r) => say(r, runtime.locale)).join(runtime.locale === 'fr' ? ' ; ' : '; '), 'not applicable')
    return
  }
  if (result.ok) {
    if (result.reasons.length > 0)
      await ctx.annotate(result.reasons.map((r) => say(r, runtime.locale)).join(runtime.locale === 'fr' ? ' ; ' : '; '), 'note')
    return
  }
  // The test's failure message follows VALIDATION_LOCALE (docs/reasons.md); the JSON keeps the English (FAILURE_LOCALE).
  const error = new Error(`${redact(result.reasons.map((r) => say(r, runtime.locale)).join('\n'), secrets)}`)
  error.name = 'SecurityProbeFailure'
  error.stack = `${error.name}: ${error.message}`
  throw error
}

/**
 * A probe the stopped run did not send (tests/support/limiter.ts: the target stopped answering, or the credentials
 * expired) fails with that cause in the run's language, not the limiter's English.
 */
async function notExecutedSaid<T>(locale: Locale, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof RunStoppedError)) throw error
    const said = new Error(say(error.reason, locale))
    said.name = 'RunStoppedError'
    said.stack = `${said.name}: ${said.message}`
    throw said
  }
}
