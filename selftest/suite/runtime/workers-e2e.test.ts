// How many workers a validation run forks (tests/support/workers.ts): as few as keep VALIDATION_CONCURRENCY
// reachable, whatever the concurrency — and the real vitest.config.ts applies that rule.
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { workersFor, workersForRun } from '../../../tests/support/workers.ts'
import { childEnv, cleanupTemp, pick, planQuestions, ROOT, writeBank } from '../../e2e/harness.ts'

afterAll(cleanupTemp)

describe('workersFor', () => {
  test('one worker when the smallest spec file alone fills the cap', () => {
    expect(workersFor([800, 1200, 400], 16)).toBe(1)
    expect(workersFor([3, 3, 3], 1)).toBe(1)
    expect(workersFor([5], 5)).toBe(1)
  })

  test('more workers only when the smallest files together are needed to reach the cap', () => {
    // The worst case is the smallest files running side by side: 2 + 3 < 6 ≤ 2 + 3 + 3.
    expect(workersFor([3, 2, 3, 4], 6)).toBe(3)
    expect(workersFor([3, 2, 3, 4], 5)).toBe(2)
  })

  test('every file when even all of them together stay under the cap; never zero', () => {
    expect(workersFor([1, 1, 1], 16)).toBe(3)
    expect(workersFor([], 16)).toBe(1)
  })
})

describe('workersForRun', () => {
  test('one worker when every file dwarfs its drain (the last concurrency − 1 attempts), or at concurrency 1', () => {
    expect(workersForRun({ attemptsPerFile: [1200, 1200, 1200], concurrency: 16, security: true })).toBe(1)
    expect(workersForRun({ attemptsPerFile: [3, 3, 3, 3, 3], concurrency: 1, security: true })).toBe(1)
  })

  test('small files: enough side by side to hold the cap, plus one to cover a draining file', () => {
    // 2 + 2 < 5 ≤ 2 + 2 + 2, plus one, but never more workers than files.
    expect(workersForRun({ attemptsPerFile: [2, 2, 2], concurrency: 5, security: false })).toBe(3)
    // 60 attempts hold 16, but 15 of them drain: two files side by side.
    expect(workersForRun({ attemptsPerFile: [60, 60, 60, 60, 60], concurrency: 16, security: false })).toBe(2)
  })

  test('the security file takes a worker and holds one permit: it counts as a file of one attempt', () => {
    // [1, 2, 2, 2]: 1 + 2 + 2 < 6 ≤ 1 + 2 + 2 + 2 → 4 side by side, plus one, capped at the 4 files.
    expect(workersForRun({ attemptsPerFile: [2, 2, 2], concurrency: 6, security: true })).toBe(4)
    expect(workersForRun({ attemptsPerFile: [2, 2, 2], concurrency: 6, security: false })).toBe(3)
  })
})

/** vitest.config.ts's maxWorkers for these settings, read by loading the real config in a child process. */
function configuredWorkers(env: Record<string, string>): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '-e', "import('./vitest.config.ts').then((m) => process.stdout.write(String(m.default.test.maxWorkers)))"],
    { cwd: ROOT, env: childEnv(env), encoding: 'utf8' },
  )
  return Number(out)
}

describe('vitest.config.ts', () => {
  test('concurrency 16 with 400 iterations: one worker, not one per permit', () => {
    const bank = writeBank(planQuestions())
    expect(configuredWorkers({ VALIDATION_QUESTIONS: bank, VALIDATION_ITERATIONS: '400', VALIDATION_CONCURRENCY: '16' })).toBe(1)
  })

  test('concurrency 6 with one attempt per question and the security probes: every file side by side', () => {
    // Two questions in each of three files, and the security file: [1, 2, 2, 2] hold 6 only all together.
    const bank = writeBank(pick('q01', 'q02', 'q04', 'q05', 'q07', 'q08'))
    const env = { VALIDATION_QUESTIONS: bank, VALIDATION_ITERATIONS: '1', VALIDATION_CONCURRENCY: '6' }
    expect(configuredWorkers({ ...env, VALIDATION_SECURITY: 'true' })).toBe(4)
    expect(configuredWorkers({ ...env, VALIDATION_SECURITY: 'false' })).toBe(3)
  })
})
