// `npm run verify` (plan T4.6 checklist, after a deployment or a rollback, in seconds): the health route answers
// 200 and healthy; the version it reports is RELEASE_EXPECTED_VERSION when one is set; one question per category
// answers correctly (visualizations included) as the suite judges it; no critical bug.
import { reason, type Reason } from '../core/reason.ts'
import { askOnce, checkHealth, onePerCategory, type HealthProbe, type JudgedAttempt, type ProbeTarget } from './probe.ts'

export interface VerifyResult {
  ok: boolean
  at: string
  durationMs: number
  baseUrl: string
  health: HealthProbe
  expectedVersion: string | null
  attempts: JudgedAttempt[]
  /** Why it failed (empty when ok). */
  reasons: Reason[]
}

export async function runVerify(target: ProbeTarget, healthPath: string, expectedVersion: string | null): Promise<VerifyResult> {
  const t0 = performance.now()
  const at = new Date().toISOString()
  const health = await checkHealth(target, healthPath)
  const reasons: Reason[] = []
  if (!health.ok) reasons.push(reason('verify.health.failed', { path: healthPath, problem: health.problem ?? '' }))
  if (expectedVersion !== null && health.version !== expectedVersion)
    reasons.push(reason('verify.version.mismatch', { expected: expectedVersion, observed: health.version }))
  const attempts: JudgedAttempt[] = []
  // One at a time: a smoke test must not be what overloads a service that just restarted.
  for (const question of onePerCategory(target.questions)) attempts.push(await askOnce(target, question))
  for (const a of attempts) {
    if (a.critical !== null)
      reasons.push(reason('verify.question.critical', { question: a.questionId, kind: a.critical, detail: a.reasons[0] ?? '' }))
    else if (!a.ok) reasons.push(reason('verify.question.failed', { question: a.questionId, detail: a.reasons[0] ?? '' }))
  }
  return { ok: reasons.length === 0, at, durationMs: performance.now() - t0, baseUrl: target.baseUrl, health, expectedVersion, attempts, reasons }
}

/** A verify that could not even reach the target (preflight or login failed). */
export function unreachableVerify(baseUrl: string, why: string): VerifyResult {
  return {
    ok: false,
    at: new Date().toISOString(),
    durationMs: 0,
    baseUrl,
    health: { ok: false, httpStatus: null, status: null, version: null, latencyMs: 0, noAnswer: true, rateLimited: false, problem: why },
    expectedVersion: null,
    attempts: [],
    reasons: [reason('verify.unreachable', { problem: why })],
  }
}
