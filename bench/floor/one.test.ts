// The floor of a Vitest run on this machine: one trivial test (bench/suite.ts compares the default validation
// run's wall time to this one's).
import { expect, test } from 'vitest'

test('one', () => {
  expect(1 + 1).toBe(2)
})
