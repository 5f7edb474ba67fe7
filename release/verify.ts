// `npm run verify` (plan T4.6 checklist, after a deployment or a rollback, in seconds): the health route answers
// 200 and healthy; the version it reports is RELEASE_EXPECTED_VERSION when one is set; one question per category
// answers correctly (visualizations included) as the suite judges it; no critical bug.
import { reason, type Reason } from '../core/reason.ts'
import { identifiesBuild, sameVersion } from './versions.ts'
import { askOnce, checkHealth, onePerCategory, type HealthProbe, type JudgedAttempt, type ProbeTarget, type Question, untilAborted } from './probe.ts'

export interface VerifyResult {
  ok: boolean
  at: string
  durationMs: number
  baseUrl: string
  /** No HARENA_BASE_URL: the embedded reference service answered — no deployment was verified (every document says so). */
  embedded: boolean
  /** null: not asked (the target could not be opened: it gave no answer at all, or the embedded service failed to open). */
  health: HealthProbe | null
  expectedVersion: string | null
  attempts: JudgedAttempt[]
  /**
   * The questions not asked because the target was evidently silent (see SilentStreak): none of them is a
   * measured failure, each is named "not asked: the target did not answer".
   */
  notAsked: Array<{ questionId: string; category: string }>
  /** The target answered and refused the configured credentials: a configuration error (exit 1), not the service failing. */
  credentialsRefused: boolean
  /**
   * Stopped by a signal (Ctrl-C, SIGTERM) before its end: a partial report, neither verified nor failed (never ok).
   * The question in flight then was abandoned, not judged; it and the rest are named in the `verify.interrupted` reason.
   */
  interrupted: boolean
  /** Why it failed (empty when ok). */
  reasons: Reason[]
  /** What it could not judge, not a failure: a version check on a version that names no build (versions.ts). */
  warnings: Reason[]
  /**
   * The wait for the service to be ready before this verify, after a deploy or rollback command exited 0
   * (release/rollback.ts waitReady, RELEASE_READY_TIMEOUT); absent when none ran (`npm run verify`, no command).
   */
  readiness?: Readiness
}

/** How long the service took to answer its health route healthy after a command (not counted in durationMs). */
export interface Readiness {
  ready: boolean
  waitedMs: number
  timeoutMs: number
  /** The last health problem seen while waiting (ECONNREFUSED, HTTP 503, …); null when it became ready. */
  problem: string | null
}

/** Which check a verify report is: the deployment's (and `npm run verify`), or the one after a rollback. */
export type VerifyCheck = 'deployment' | 'rollback'

/**
 * The versions a verify checks, when known: `expected` must run (RELEASE_EXPECTED_VERSION, or the version a
 * rollback must bring back), `replaced` must no longer run (the version the monitor judged bad, after its rollback).
 */
export interface VersionChecks {
  expected: string | null
  replaced?: string | null
}

/** When a verify started (performance.now(), ISO time): verifyFresh starts it before the target is opened. */
export interface VerifyClock {
  t0: number
  at: string
}

/**
 * `signal` (Ctrl-C, SIGTERM): the verify stops asking at once — the request in flight is abandoned, not awaited to its
 * timeout (HARENA_TIMEOUT_MS, a minute by default) — and returns what it measured, marked interrupted.
 */
export async function runVerify(
  target: ProbeTarget,
  healthPath: string,
  versions: VersionChecks,
  stopAfterTimeouts: number,
  signal?: AbortSignal,
  clock: VerifyClock = { t0: performance.now(), at: new Date().toISOString() },
): Promise<VerifyResult> {
  const { t0, at } = clock
  // A signal before the health GET: nothing was in flight, nothing is named as abandoned.
  const signalledBefore = signal?.aborted === true
  const health = await untilAborted(checkHealth(target, healthPath), signal)
  const reasons: Reason[] = []
  const warnings: Reason[] = []
  if (health !== null) healthFindings(health, healthPath, versions, reasons, warnings)
  // No health answer: the signal came first, nothing was asked.
  const asked: Asked =
    health === null
      ? {
          attempts: [],
          notAsked: [],
          unjudged: onePerCategory(target.questions),
          inFlight: signalledBefore ? null : `GET ${healthPath}`,
          silence: null,
        }
      : await askAll(target, health, stopAfterTimeouts, signal)
  const { attempts, notAsked, silence } = asked
  for (const a of attempts) {
    if (a.critical !== null)
      reasons.push(reason('verify.question.critical', { question: a.questionId, kind: a.critical, detail: a.reasons[0] ?? '' }))
    else if (!a.ok) reasons.push(reason('verify.question.failed', { question: a.questionId, detail: a.reasons[0] ?? '' }))
  }
  if (silence !== null && notAsked.length > 0)
    reasons.push(
      reason('verify.not_asked', {
        timeouts: silence.timeouts(),
        health: silence.holdsHealth(),
        silent: silence.silentQuestions(),
        questions: notAsked.map((q) => q.questionId),
      }),
    )
  const interrupted = signal?.aborted === true
  // First: whatever else it found, this is no verdict.
  if (interrupted) reasons.unshift(reason('verify.interrupted', { questions: asked.unjudged.map((q) => q.id), inFlight: asked.inFlight }))
  return {
    ok: reasons.length === 0,
    at,
    durationMs: performance.now() - t0,
    baseUrl: target.baseUrl,
    embedded: target.embedded,
    health,
    expectedVersion: versions.expected,
    attempts,
    notAsked,
    credentialsRefused: false,
    interrupted,
    reasons,
    warnings,
  }
}

/** What the health route's answer fails (reasons) or cannot judge (warnings): its health, then the version checks. */
function healthFindings(health: HealthProbe, healthPath: string, versions: VersionChecks, reasons: Reason[], warnings: Reason[]): void {
  if (!health.ok) reasons.push(reason('verify.health.failed', { path: healthPath, problem: health.problem ?? '' }))
  const version = versionFindings(healthPath, health.version, versions)
  if (version?.warning) warnings.push(version.reason)
  else if (version) reasons.push(version.reason)
}

interface Asked {
  attempts: JudgedAttempt[]
  /** Not asked: the target was evidently silent (SilentStreak). */
  notAsked: VerifyResult['notAsked']
  /** Not judged because a signal came: the question in flight then (abandoned) and those after it. */
  unjudged: Question[]
  /** What was in flight when the signal came (the health GET, a question's id), abandoned; null: nothing known. */
  inFlight: string | null
  silence: SilentStreak | null
}

/** One question per category, one at a time: a smoke test must not be what overloads a service that just restarted. */
async function askAll(target: ProbeTarget, health: HealthProbe, stopAfterTimeouts: number, signal: AbortSignal | undefined): Promise<Asked> {
  const silence = new SilentStreak(stopAfterTimeouts)
  silence.note(HEALTH_ROUTE, health.timedOut && health.noAnswer)
  const asked: Asked = { attempts: [], notAsked: [], unjudged: [], inFlight: null, silence }
  for (const question of onePerCategory(target.questions)) {
    if (signal?.aborted) asked.unjudged.push(question)
    else if (silence.evident()) asked.notAsked.push({ questionId: question.id, category: question.category })
    else {
      const a = await untilAborted(askOnce(target, question), signal)
      if (a === null) {
        asked.unjudged.push(question)
        asked.inFlight = question.id
      } else {
        asked.attempts.push(a)
        silence.note(a.questionId, a.timedOut && a.noAnswer)
      }
    }
  }
  return asked
}

const HEALTH_ROUTE = 'health'

/**
 * When a verify stops asking: the target is evidently silent. A silent answer is a timeout with no answer at all
 * (no response headers), as the suite counts them (tests/support/limiter.ts, VALIDATION_STOP_AFTER_TIMEOUTS). The
 * streak of silent answers must span two sources — one question that hangs is that question's failure — and then
 * it is evident when it holds the health route and a question (both routes silent: the monitor's "service down",
 * README), or VALIDATION_STOP_AFTER_TIMEOUTS answers in a row (the suite's rule). 0 never stops, as in the suite.
 * Asked one after another, each remaining question would wait HARENA_TIMEOUT_MS for nothing: a review measured
 * 5 min 12 s for a verify of a hung target, and a release's rollback delayed as long.
 */
class SilentStreak {
  private readonly streak: string[] = []
  constructor(private readonly limit: number) {}
  note(source: string, silent: boolean): void {
    if (silent) this.streak.push(source)
    else this.streak.length = 0
  }
  evident(): boolean {
    const sources = new Set(this.streak)
    if (this.limit === 0 || sources.size < 2) return false
    return sources.has(HEALTH_ROUTE) || this.streak.length >= this.limit
  }
  timeouts(): number {
    return this.streak.length
  }
  holdsHealth(): boolean {
    return this.streak.includes(HEALTH_ROUTE)
  }
  /** The questions that timed out in the streak, in order. */
  silentQuestions(): string[] {
    return this.streak.filter((x) => x !== HEALTH_ROUTE)
  }
}

/**
 * The version checks asked for: a failure, a warning (the version names no build: cannot judge), or null (passed).
 * `npm run monitor` judges the version it watched by this same comparison (release/report.ts unexpectedVersion).
 */
export function versionFindings(healthPath: string, observed: string | null, v: VersionChecks): { warning: boolean; reason: Reason } | null {
  const replaced = v.replaced ?? null
  if (v.expected === null && replaced === null) return null
  if (observed !== null && !identifiesBuild(healthPath, observed))
    return { warning: true, reason: reason('verify.version.unidentifiable', { path: healthPath, observed, expected: v.expected, replaced }) }
  if (v.expected !== null && (observed === null || !sameVersion(observed, v.expected)))
    return { warning: false, reason: reason('verify.version.mismatch', { expected: v.expected, observed }) }
  if (replaced !== null && observed !== null && sameVersion(observed, replaced))
    return { warning: false, reason: reason('verify.version.still_running', { version: replaced }) }
  return null
}

/**
 * A verify whose target could not be opened (preflight, login), or was not: a signal came first (`interrupted`). `reached`: the target answered (its preflight) —
 * then its health was asked (`health`, null when it could not be); otherwise nothing answered and nothing more was
 * asked. `credentials`: the login was refused, a configuration error, never "unreachable".
 */
export function unopenedVerify(
  baseUrl: string,
  why: string,
  opened: { embedded: boolean; reached: boolean; credentials: boolean; health: HealthProbe | null; healthPath: string; interrupted?: boolean },
  clock: VerifyClock & { expectedVersion: string | null },
): VerifyResult {
  const code = opened.credentials ? 'verify.credentials_refused' : opened.reached ? 'verify.unusable' : 'verify.unreachable'
  // A signal while the target was being opened: nothing was asked, and that is all there is to say.
  const reasons = opened.interrupted === true ? [reason('verify.interrupted', { questions: null, inFlight: null })] : [reason(code, { problem: why })]
  const h = opened.health
  if (h !== null && !h.ok) reasons.push(reason('verify.health.failed', { path: opened.healthPath, problem: h.problem ?? '' }))
  return {
    ok: false,
    at: clock.at,
    durationMs: performance.now() - clock.t0,
    baseUrl,
    embedded: opened.embedded,
    health: h,
    expectedVersion: clock.expectedVersion,
    attempts: [],
    notAsked: [],
    credentialsRefused: opened.credentials,
    interrupted: opened.interrupted === true,
    reasons,
    warnings: [],
  }
}
