// The project's own tests, in two projects (both run by `npm run test:all` and by CI, .ci/run):
// - `unit` (`npm test`, fast enough to run often): the reference service, the suite's support code, the reporter and
//   Phase 2's code, called in process (real HTTP servers on loopback where a part talks HTTP);
// - `e2e` (`npm run test:e2e`): the proofs that start real processes — the real suite (Vitest as a child process)
//   against the real reference service, the Phase 2 commands through npm, a headless browser — and wait on real time.
//   A proof is a file under selftest/e2e/ or selftest/browser/, or a file named `*-e2e.test.ts` anywhere.
// The validation suite itself runs with vitest.config.ts (`npx vitest run`, which loads validation.config.ts).
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

const E2E = ['selftest/e2e/**/*.test.ts', 'selftest/browser/**/*.test.ts', 'selftest/**/*-e2e.test.ts']

export default defineConfig({
  test: {
    reporters: ['default'],
    // Safety nets only (no test asserts a duration): generous, because files run side by side and compete for CPU.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker less than the CPUs: a single worker on a 2-core machine, and most of an e2e
    // file's time is a child process starting or a server waiting. One more than the CPUs keeps them busy: on 2 cores
    // the whole run went from ~1,000 s to ~510 s of wall time, for the same ~950 s of CPU (README, "CI").
    maxWorkers: availableParallelism() + 1,
    // A worker runs its files one after another in the same process and module graph, instead of a fresh fork and
    // fresh imports per file: on 2 cores the whole run went from 541 s of wall time (1,033 s of CPU) to 453 s
    // (854 s). What a file changes in the process it restores (selftest/core/invoker-owner.test.ts: its variable);
    // the proofs' own state (temp directories, reference servers) is per file, released in its afterAll; the
    // suite's process-wide state is cleared before each file (selftest/fresh-process.ts).
    isolate: false,
    setupFiles: ['selftest/fresh-process.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['selftest/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
})
