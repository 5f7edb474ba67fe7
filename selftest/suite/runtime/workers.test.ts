// How many workers a validation run forks (tests/support/workers.ts): as few as keep VALIDATION_CONCURRENCY
// reachable, whatever the concurrency — and the real vitest.config.ts applies that rule.
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { workersFor } from '../../../tests/support/workers.ts'
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

  test('concurrency 5 with one attempt per question: as many files side by side as the cap needs', () => {
    // Two questions in each of three files: 2 + 2 < 5 ≤ 2 + 2 + 2.
    const bank = writeBank(pick('q01', 'q02', 'q04', 'q05', 'q07', 'q08'))
    const workers = configuredWorkers({ VALIDATION_QUESTIONS: bank, VALIDATION_ITERATIONS: '1', VALIDATION_CONCURRENCY: '5' })
    expect(workers).toBe(3)
  })
})
