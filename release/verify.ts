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
  health: HealthProbe
  expectedVersion: string | null
  attempts: JudgedAttempt[]
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

export async function runVerify(target: ProbeTarget, healthPath: string, versions: VersionChecks): Promise<VerifyResult> {
  const t0 = performance.now()
  const at = new Date().toISOString()
  const health = await checkHealth(target, healthPath)
  const reasons: Reason[] = []
  const warnings: Reason[] = []
  if (!health.ok) reasons.push(reason('verify.health.failed', { path: healthPath, problem: health.problem ?? '' }))
  const version = versionFindings(healthPath, health.version, versions)
  if (version?.warning) warnings.push(version.reason)
  else if (version) reasons.push(version.reason)
  const attempts: JudgedAttempt[] = []
  // One at a time: a smoke test must not be what overloads a service that just restarted.
  for (const question of onePerCategory(target.questions)) attempts.push(await askOnce(target, question))
  for (const a of attempts) {
    if (a.critical !== null)
      reasons.push(reason('verify.question.critical', { question: a.questionId, kind: a.critical, detail: a.reasons[0] ?? '' }))
    else if (!a.ok) reasons.push(reason('verify.question.failed', { question: a.questionId, detail: a.reasons[0] ?? '' }))
  }
  const expectedVersion = versions.expected
  return {
    ok: reasons.length === 0,
    at,
    durationMs: performance.now() - t0,
    baseUrl: target.baseUrl,
    embedded: target.embedded,
    health,
    expectedVersion,
    attempts,
    reasons,
    warnings,
  }
}

/** The version checks asked for: a failure, a warning (the version names no build: cannot judge), or null (passed). */
function versionFindings(healthPath: string, observed: string | null, v: VersionChecks): { warning: boolean; reason: Reason } | null {
  const replaced = v.replaced ?? null
  if (v.expected === null && replaced === null) return null
  if (observed !== null && !identifiesBuild(healthPath, observed))
    return { warning: true, reason: reason('verify.version.unidentifiable', { path: healthPath, observed, expected: v.expected, replaced }) }
  if (v.expected !== null && observed !== v.expected)
    return { warning: false, reason: reason('verify.version.mismatch', { expected: v.expected, observed }) }
  if (replaced !== null && observed === replaced) return { warning: false, reason: reason('verify.version.still_running', { version: replaced }) }
  return null
}

/** A verify that could not even reach the target (preflight or login failed). */
export function unreachableVerify(baseUrl: string, why: string, embedded = false): VerifyResult {
  return {
    ok: false,
    at: new Date().toISOString(),
    durationMs: 0,
    baseUrl,
    embedded,
    health: { ok: false, httpStatus: null, status: null, version: null, latencyMs: 0, noAnswer: true, rateLimited: false, problem: why },
    expectedVersion: null,
    attempts: [],
    reasons: [reason('verify.unreachable', { problem: why })],
    warnings: [],
  }
}
