// The project's own tests (`npm test`): unit tests of the reference service, the suite's support code and the
// reporter, plus end-to-end tests that run the real suite (Vitest as a child process) against the real
// reference service on loopback. The validation suite itself runs with vitest.config.ts (`npx vitest run`).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'self',
    include: ['selftest/**/*.test.ts'],
    reporters: ['default'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
