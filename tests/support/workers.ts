// How many Vitest workers a validation run forks (vitest.config.ts `maxWorkers`): as few as can keep
// VALIDATION_CONCURRENCY requests in flight, not one per permit.
//
// Why: requests are I/O. One worker asks every iteration of every question of its spec file at once
// (tests/support/ask.ts), and the cross-worker limiter lets VALIDATION_CONCURRENCY of them through, so one worker
// already holds hundreds of requests in flight. A worker more is a process more — a fork, the suite loaded again,
// and a share of the same cores that the main process (limiter, reporter) and a local service need: on 2 cores,
// concurrency 16 and 400 iterations (`npm run bench`, suite-throughput), 6 workers made 0.25–0.29× autocannon's
// throughput with the reported P50 inflated by 13–15 ms, 1 worker 0.50–0.60× and 2–3 ms (docs/vitest-facts.md §1.2).
// Workers are needed only when the spec files are too small to fill the cap one at a time: a worker runs its
// files one after another, so k workers can only count on the k smallest files being in flight together.

/** The fewest workers whose smallest possible set of files running together holds `concurrency` attempts. */
export function workersFor(attemptsPerFile: readonly number[], concurrency: number): number {
  const smallestFirst = [...attemptsPerFile].sort((a, b) => a - b)
  let inFlight = 0
  for (let k = 1; k <= smallestFirst.length; k++) {
    inFlight += smallestFirst[k - 1] as number
    if (inFlight >= concurrency) return k
  }
  return Math.max(1, smallestFirst.length)
}
