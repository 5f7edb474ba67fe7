// What the target's health route says, judged once before the first question (issue 9: "a hanging health route is
// only on the terminal"). One GET of the contract's health path (docs/wire-contracts.md §1.2, §6.2): the version the
// service reports, and findings as reasons (core/locale/health.ts) that every report shows — a route that hangs, fails,
// answers non-200, is not JSON, or says the service is not up. A finding never stops the run: the questions measure
// the service; the health route only describes it.
import type { HealthRecord } from '../../core/model.ts'
import { type Reason, reason } from '../../core/reason.ts'
import '../../core/locale/health.ts'
import type { ClientOutcome } from './client.ts'
import { CONTROL_CHARS, INVISIBLE_CHARS } from '../../core/terminal-text.ts'

const UNSAFE_CHARS = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}]`, 'g')

export type HealthReport = HealthRecord

const MAX_TEXT = 80
const bounded = (value: unknown): string | null => {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  // Printable characters only: a hostile target must not put control sequences into a report or a terminal.
  const text = String(value).replace(UNSAFE_CHARS, '').trim()
  if (text === '') return null
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text
}

/**
 * `status` values of a service that is up. v3's health route answers `initializing` before its first chat and
 * `degraded` for good afterwards (it reads a `healthy` key its orchestrator never sets): both mean up there.
 */
export function upStatuses(contract: string): ReadonlySet<string> {
  const up = ['healthy', 'ok', 'up', 'alive', 'ready', 'pass']
  return new Set(contract === 'harena-v3' ? [...up, 'initializing', 'degraded'] : up)
}

/**
 * `status` values a health route uses to say the service is not well (docs/wire-contracts.md §1.2, §6.2). `degraded`
 * too, except on v3 where it is the normal state (upStatuses): a v2 saying it is degraded says it is not healthy,
 * and the release's verify and monitor passed it as "OK" (a review, 2026-12-05).
 */
export function downStatuses(contract: string): ReadonlySet<string> {
  const down = ['error', 'unhealthy', 'not_ready', 'down', 'failed']
  return new Set(contract === 'harena-v3' ? down : [...down, 'degraded'])
}

/**
 * What a health route's `status` word says, one rule for the gate and the monitor: `up`, `down`, or a word in
 * neither list. The gate reports anything but `up` (a finding, never a failure); the monitor (release/probe.ts)
 * counts only `down` against a deployment, so an unknown word never rolls one back.
 */
export function healthState(status: string, contract: string): 'up' | 'down' | 'unknown' {
  const word = status.toLowerCase()
  if (upStatuses(contract).has(word)) return 'up'
  return downStatuses(contract).has(word) ? 'down' : 'unknown'
}

/** The body as a JSON object, or null (not JSON, or JSON that is not an object). */
export function jsonObjectOf(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The health GET's outcome → the version and the findings. `connected`: a connection was made (hanging vs unreachable). */
export function judgeHealth(path: string, outcome: ClientOutcome, contract: string): HealthReport {
  const route = `GET /${path.replace(/^\/+/, '')}`
  if (outcome.kind === 'timeout')
    return {
      path,
      httpStatus: outcome.httpStatus,
      status: null,
      version: null,
      findings: [reason('health.timeout', { route, timeoutMs: outcome.timeoutMs })],
    }
  if (outcome.kind === 'transport')
    return {
      path,
      httpStatus: outcome.httpStatus,
      status: null,
      version: null,
      findings: [reason('health.transport', { route, code: outcome.code })],
    }
  const httpStatus = outcome.exchange.httpStatus
  const findings: Reason[] = []
  const body = jsonObjectOf(outcome.exchange.bodyText)
  if (httpStatus !== 200) findings.push(reason('health.http_status', { route, status: httpStatus }))
  const status = body === null ? null : bounded(body.status)
  const version = body === null ? null : bounded(body.version)
  if (body === null) findings.push(reason('health.not_json', { route, status: httpStatus }))
  else if (status !== null && healthState(status, contract) !== 'up')
    findings.push(reason('health.not_up', { route, status: httpStatus, reported: status }))
  return { path, httpStatus, status, version, findings }
}
