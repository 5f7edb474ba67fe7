// How many Vitest workers a validation run forks (validation.config.ts `maxWorkers`): as few as keep
// VALIDATION_CONCURRENCY requests in flight, not one per permit.
//
// Why: requests are I/O. One worker asks every iteration of every question of its spec file at once
// (tests/support/ask.ts), and the cross-worker limiter lets VALIDATION_CONCURRENCY of them through, so one worker
// already holds hundreds of requests in flight. A worker more is a process more — a fork, the suite loaded again,
// and a share of the same cores that the main process (limiter, reporter) and a local service need: on 2 cores,
// concurrency 16 and 400 iterations (`npm run bench`, suite-throughput), 6 workers made 0.25–0.29× autocannon's
// throughput with the reported P50 inflated by 13–15 ms, 1 worker 0.50–0.60× and 2–3 ms (docs/vitest-facts.md §1.2).
//
// But a worker runs its files one after another, and a file's last attempts finish with fewer than the cap in
// flight (its drain) until the next file starts: measured under a lighter load than configured. So one worker only
// when that drain is a small part of every file; otherwise enough workers for the smallest files running side by
// side to hold the cap, plus one, so that the others still hold it while one of them drains. The security file
// takes a worker too and holds one permit at a time (tests/support/security/run.ts).

/** The share of a file's attempts its drain may take for the whole run to go through one worker. */
const SINGLE_WORKER_DRAIN_SHARE = 0.05

/** The fewest files whose smallest possible set, running together, holds `concurrency` attempts. */
export function workersFor(attemptsPerFile: readonly number[], concurrency: number): number {
  const smallestFirst = [...attemptsPerFile].sort((a, b) => a - b)
  let inFlight = 0
  for (let k = 1; k <= smallestFirst.length; k++) {
    inFlight += smallestFirst[k - 1] as number
    if (inFlight >= concurrency) return k
  }
  return Math.max(1, smallestFirst.length)
}

export interface RunShape {
  /** Measured attempts of each question spec file (questions × iterations). */
  attemptsPerFile: readonly number[]
  concurrency: number
  /** The security file runs too (VALIDATION_SECURITY). */
  security: boolean
}

/** Workers for a run (see above); never more than its spec files, never fewer than one. */
export function workersForRun({ attemptsPerFile, concurrency, security }: RunShape): number {
  const files = attemptsPerFile.length + (security ? 1 : 0)
  // A file's last concurrency − 1 attempts end with fewer than the cap in flight.
  const drain = concurrency - 1
  const smallest = Math.min(...attemptsPerFile)
  if (attemptsPerFile.length === 0 || drain <= smallest * SINGLE_WORKER_DRAIN_SHARE) return 1
  const sideBySide = workersFor(security ? [...attemptsPerFile, 1] : attemptsPerFile, concurrency)
  return Math.max(1, Math.min(files, sideBySide + 1))
}
