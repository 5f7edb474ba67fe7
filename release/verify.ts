// `npm run verify` (plan T4.6 checklist, after a deployment or a rollback, in seconds): the health route answers
// 200 and healthy; the version it reports is RELEASE_EXPECTED_VERSION when one is set; one question per category
// answers correctly (visualizations included) as the suite judges it; no critical bug.
import { reason, type Reason } from '../core/reason.ts'
import { identifiesBuild } from './versions.ts'
import { askOnce, checkHealth, onePerCategory, type HealthProbe, type JudgedAttempt, type ProbeTarget } from './probe.ts'

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
  /** Why it failed (empty when ok). */
  reasons: Reason[]
  /** What it could not judge, not a failure: a version check on a version that names no build (versions.ts). */
  warnings: Reason[]
}

/**
 * The versions a verify checks, when known: `expected` must run (RELEASE_EXPECTED_VERSION, or the version a
 * rollback must bring back), `replaced` must no longer run (the version the monitor judged bad, after its rollback).
 */
export interface VersionChecks {
  expected: string | null
  replaced?: string | null
}

export async function runVerify(target: ProbeTarget, healthPath: string, versions: VersionChecks, stopAfterTimeouts: number): Promise<VerifyResult> {
  const t0 = performance.now()
  const at = new Date().toISOString()
  const health = await checkHealth(target, healthPath)
  const reasons: Reason[] = []
  const warnings: Reason[] = []
  if (!health.ok) reasons.push(reason('verify.health.failed', { path: healthPath, problem: health.problem ?? '' }))
  const version = versionFindings(healthPath, health.version, versions)
  if (version?.warning) warnings.push(version.reason)
  else if (version) reasons.push(version.reason)
  const silence = new SilentStreak(stopAfterTimeouts)
  silence.note(HEALTH_ROUTE, health.timedOut && health.noAnswer)
  const attempts: JudgedAttempt[] = []
  const notAsked: VerifyResult['notAsked'] = []
  // One at a time: a smoke test must not be what overloads a service that just restarted.
  for (const question of onePerCategory(target.questions)) {
    if (silence.evident()) notAsked.push({ questionId: question.id, category: question.category })
    else {
      const a = await askOnce(target, question)
      attempts.push(a)
      silence.note(a.questionId, a.timedOut && a.noAnswer)
    }
  }
  for (const a of attempts) {
    if (a.critical !== null)
      reasons.push(reason('verify.question.critical', { question: a.questionId, kind: a.critical, detail: a.reasons[0] ?? '' }))
    else if (!a.ok) reasons.push(reason('verify.question.failed', { question: a.questionId, detail: a.reasons[0] ?? '' }))
  }
  if (notAsked.length > 0)
    reasons.push(
      reason('verify.not_asked', {
        timeouts: silence.timeouts(),
        health: silence.holdsHealth(),
        silent: silence.silentQuestions(),
        questions: notAsked.map((q) => q.questionId),
      }),
    )
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
    reasons,
    warnings,
  }
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
  if (v.expected !== null && observed !== v.expected)
    return { warning: false, reason: reason('verify.version.mismatch', { expected: v.expected, observed }) }
  if (replaced !== null && observed === replaced) return { warning: false, reason: reason('verify.version.still_running', { version: replaced }) }
  return null
}

/**
 * A verify whose target could not be opened (preflight, login). `reached`: the target answered (its preflight) —
 * then its health was asked (`health`, null when it could not be); otherwise nothing answered and nothing more was
 * asked. `credentials`: the login was refused, a configuration error, never "unreachable".
 */
export function unopenedVerify(
  baseUrl: string,
  why: string,
  opened: { embedded: boolean; reached: boolean; credentials: boolean; health: HealthProbe | null; healthPath: string },
): VerifyResult {
  const code = opened.credentials ? 'verify.credentials_refused' : opened.reached ? 'verify.unusable' : 'verify.unreachable'
  const reasons = [reason(code, { problem: why })]
  const h = opened.health
  if (h !== null && !h.ok) reasons.push(reason('verify.health.failed', { path: opened.healthPath, problem: h.problem ?? '' }))
  return {
    ok: false,
    at: new Date().toISOString(),
    durationMs: 0,
    baseUrl,
    embedded: opened.embedded,
    health: h,
    expectedVersion: null,
    attempts: [],
    notAsked: [],
    credentialsRefused: opened.credentials,
    reasons,
    warnings: [],
  }
}
