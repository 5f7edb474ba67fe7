// The project's own tests (`npm test`): unit tests of the reference service, the suite's support code and the
// reporter, plus end-to-end tests that run the real suite (Vitest as a child process) against the real
// reference service on loopback. The validation suite itself runs with vitest.config.ts (`npx vitest run`, which loads validation.config.ts).
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'self',
    include: ['selftest/**/*.test.ts'],
    reporters: ['default'],
    // Safety nets only (no test asserts a duration): generous, because files run side by side and compete for CPU.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker less than the CPUs: a single worker on a 2-core machine, and most of a file's
    // time is a child process starting or a server waiting. One more than the CPUs keeps them busy: on 2 cores the
    // whole run went from ~1,000 s to ~510 s of wall time, for the same ~950 s of CPU (README, "CI").
    maxWorkers: availableParallelism() + 1,
    // A worker runs its files one after another in the same process and module graph, instead of a fresh fork and
    // fresh imports per file: on 2 cores the whole run went from 541 s of wall time (1,033 s of CPU) to 453 s
    // (854 s). What a file changes in the process it restores (selftest/core/invoker-owner.test.ts: its variable);
    // the proofs' own state (temp directories, reference servers) is per file, released in its afterAll; the
    // suite's process-wide state is cleared before each file (selftest/fresh-process.ts).
    isolate: false,
    setupFiles: ['selftest/fresh-process.ts'],
  },
})
