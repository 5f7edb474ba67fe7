// Warming a worker's judge before its first measured answer (issue 14: the client never inflates what it reports).
// The first answer a worker judges runs every check cold — interpreted code, regular expressions compiled on first
// use, zod's first parse of each schema: measured at about 110 ms for the first answer and 15 ms for the next few,
// against about 2 ms once warm. For that long the worker reads no answer, so at a concurrency above 1 the answers
// then in flight are timestamped late by as much. Each worker therefore judges one answer written in its
// contract's shape (fixtures/wire/) once, before its first question asks anything: the whole path of an attempt
// (adapter, schema, duplicate keys, scrubbing, checks, grounding) without a request. The verdict is discarded and
// nothing is sent, recorded or journaled.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ContractName } from '../../core/settings.ts'
import type { Question } from '../../core/questions.ts'
import type { ClientOutcome } from './client.ts'
import { type CheckFn, type ObserveFn, recordAttempt } from './record.ts'
import type { ContractAdapter } from './turn.ts'
import { prepareRedaction } from '../../core/secrets.ts'

/** A buffered answer of each generation (fixtures/wire/README.md). */
const PRIMING_ANSWER: Readonly<Record<ContractName, string>> = {
  'harena-v2': 'harena-v2-charts-search.json',
  'harena-v2-charts': 'harena-v2-charts-search.json',
  'harena-v3': 'harena-v3-analytical.json',
}

/** The canned exchange for a contract, as the client would hand it over; `userId` is the answer's own user. */
export function primingOutcome(contract: ContractName): { outcome: ClientOutcome; userId: number } {
  const bodyText = readFileSync(fileURLToPath(new URL(`../../fixtures/wire/${PRIMING_ANSWER[contract]}`, import.meta.url)), 'utf8')
  const body = JSON.parse(bodyText) as { user_id?: unknown }
  return {
    outcome: {
      kind: 'response',
      exchange: { httpStatus: 200, headers: { 'content-type': 'application/json' }, bodyText },
      timing: { startedAt: new Date(0).toISOString(), ttfbMs: 1, totalMs: 1 },
      bytes: Buffer.byteLength(bodyText),
      truncated: false,
    },
    userId: typeof body.user_id === 'number' ? body.user_id : 1,
  }
}

let primed = false

/**
 * Judges the contract's canned answer once per worker process with the run's own judge, scrubbed of the run's own
 * secrets; `secretSets`: the lists the run redacts with (its attempts', then its report's), whose tables are built
 * here, before any request, rather than by the first answer in flight. Later calls do nothing.
 */
export function primeJudgeOnce(
  contract: ContractName,
  adapter: ContractAdapter,
  question: Question,
  { check, observe }: { check: CheckFn; observe: ObserveFn },
  secretSets: ReadonlyArray<readonly string[]> = [],
): void {
  if (primed) return
  primed = true
  try {
    for (const secrets of secretSets) prepareRedaction(secrets)
    const { outcome, userId } = primingOutcome(contract)
    recordAttempt({ question, adapter, check, observe, index: 0, warmup: true, secrets: secretSets[0] ?? [], userId }, outcome)
  } catch {
    // Warming is an optimisation of the timestamps only: a failure here must never fail or change a question.
  }
}
