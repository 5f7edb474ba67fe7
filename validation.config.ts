// The validation suite's configuration (`npx vitest run` loads it through vitest.config.ts): the plan's questions
// over real HTTP, judged, then a verdict. Settings are validated here, before anything starts: a bad .env value
// ends the run with one line, exit 1.
// `--reporter` on the CLI would replace this reporters list and drop the verdict (docs/vitest-facts.md §1.3): refused.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { configurationErrorText } from './core/configuration-error.ts'
import { loadSettingsOrExit } from './tests/support/settings-or-exit.ts'
import { SECURITY_SPEC_FILE, specFilesOrExit } from './tests/support/categories.ts'
import { workersForRun } from './tests/support/workers.ts'
import {
  blobShardLine,
  blobShardOf,
  cliReportersRefusal,
  cliTimeoutRefusal,
  refusedCliReporters,
  refusedCliTimeout,
  refusedShardCount,
} from './tests/support/cli-reporters.ts'
import { say } from './core/locale/index.ts'
import ValidationReporter from './reporters/validation-reporter.ts'
import { configDigestPlugin, decodeCachedModulesBeforeSourceMaps } from './tests/support/module-cache.ts'
import { sweepStaleConfigBundles } from './tests/support/config-bundles.ts'
import { ReleaseJunitReporter } from './reporters/release-junit.ts'
import { isSingleRun, mergeReportsDir, narrowingOf, wholeRunRequested } from './tests/support/cli-scope.ts'
import { reason } from './core/reason.ts'
import { blobConfigFromArgs, removeStaleBlob } from './tests/support/stale-blob.ts'

/** A path in the project, from this file's place (the config is bundled elsewhere; Vite keeps import.meta.url). */
const projectPath = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url))

decodeCachedModulesBeforeSourceMaps()
sweepStaleConfigBundles([projectPath('./node_modules/.vite-temp'), projectPath('.')])
// Before anything can stop this run: a shard that ends early must not leave the earlier run's blob for the merge.
removeStaleBlob(blobConfigFromArgs(process.argv.slice(2), process.cwd()))
const settings = loadSettingsOrExit()
const cliArgs = process.argv.slice(2)
const wholeRun = wholeRunRequested(cliArgs)
const blobsDir = mergeReportsDir(cliArgs)
// Vitest ignores `-t` and file filters on a merge (it replays every blob whole): a narrowed merge would be judged as
// the release's while its command line says otherwise. Refused in one line before anything is written (no stand-in,
// no lock taken, the report directory as it was): docs/sharding.md.
const mergeNarrowing = blobsDir === null ? [] : (narrowingOf(cliArgs) ?? [])
if (mergeNarrowing.length > 0) {
  process.stderr.write(
    `harena-validation: ${configurationErrorText(reason('config.merge.narrowed', { flags: mergeNarrowing.join(' ') }), settings.locale)}\n`,
  )
  process.exit(1)
}
const questionFiles = specFilesOrExit(settings.questionsPath)
const specFiles = [...questionFiles.specFiles, ...(settings.security ? [SECURITY_SPEC_FILE] : [])]
const attemptsPerFile = questionFiles.questionsPerFile.map((n) => n * settings.iterations)
const validation = new ValidationReporter({ settings, specFiles, interruptibleFromStart: wholeRun })
// Vitest's JUnit output plus a release-criteria suite: one case per criterion, failing when it fails.
const junit = new ReleaseJunitReporter({ suiteName: 'harena-validation' }, () => validation.junitPlan())
validation.attachJunit(junit)
// Like `--retry` (refused in globalSetup): one line, the earlier report replaced by this run's (exit 1), no request.
// Vitest's own time limits (`--testTimeout`…) likewise: they would end questions mid-run, counted not executed
// (docs/vitest-facts.md §1.4); the request deadline is HARENA_TIMEOUT_MS. An exploratory run (`-t`, a file filter,
// a shard) leaves the release report untouched, refused or not (README): the line and exit 1 only.
const cliReporters = refusedCliReporters(cliArgs)
const cliTimeout = refusedCliTimeout(cliArgs)
const cliRefusal =
  cliReporters !== null
    ? cliReportersRefusal(cliReporters, settings.reportDir)
    : cliTimeout !== null
      ? cliTimeoutRefusal(cliTimeout)
      : refusedShardCount(cliArgs, specFiles.length)
if (cliRefusal !== null) {
  process.stderr.write(`harena-validation: ${configurationErrorText(cliRefusal, settings.locale)}\n`)
  if (wholeRun) validation.recordConfigurationError(cliRefusal)
  process.exit(1)
}
// A shard writing its blob has no verdict of its own: one line says where it will come from (docs/sharding.md).
const blobShard = blobShardOf(process.argv.slice(2))
if (blobShard !== null) process.stderr.write(`harena-validation: ${say(blobShardLine(blobShard), settings.locale)}\n`)
// A merge whose blobs Vitest cannot read stops before any reporter runs: the earlier report is replaced first by one
// saying so, which the merge's own report replaces once the blobs are read (docs/sharding.md).
// Only a whole merge holds the directory's lock (the reporter's constructor): no stand-in over another run's documents.
if (blobsDir !== null && wholeRun) validation.standInForMerge(blobsDir)
const githubActions: Array<['github-actions', { jobSummary: { enabled: boolean } }]> =
  process.env.GITHUB_ACTIONS === 'true' ? [['github-actions', { jobSummary: { enabled: false } }]] : []

export default defineConfig({
  plugins: [
    configDigestPlugin({
      watching: !isSingleRun(cliArgs),
      digestDir: projectPath('./node_modules/.cache/harena-config-digest'),
    }),
  ],
  test: {
    name: 'validation',
    // One spec file per plan category + a catch-all, each included only when the question set has questions
    // for it (Vitest fails a spec file that registers no test). A bad question file stops here: one line, exit 1.
    include: specFiles,
    globalSetup: ['tests/support/global-setup-entry.ts'],
    // Order matters: the verdict reporter prints last, once junit.xml (with its release-criteria suite) is on disk;
    // under GitHub Actions, Vitest's annotations reporter is on too (docs: the verdict where CI looks).
    reporters: [
      'default',
      // Its job summary ("N passed") is off: the step summary carries the verdict's Markdown report instead.
      ...githubActions,
      junit,
      validation,
    ],
    // Requests are bounded by HARENA_TIMEOUT_MS and queued by the cross-file limiter; a test may wait its turn.
    testTimeout: 24 * 60 * 60 * 1000,
    hookTimeout: 120_000,
    retry: 0, // a retry would hide a failure
    experimental: { fsModuleCache: true },
    pool: 'forks',
    // The spec files share their worker's module graph instead of a fresh fork and fresh imports each: fork start
    // and imports were most of a default run (measured with `npm run bench`, suite-floor: about half the CPU).
    // Nothing in tests/ keeps per-file state beyond the client each file closes in afterAll.
    isolate: false,
    sequence: { concurrent: true },
    maxConcurrency: 256, // the real cap is VALIDATION_CONCURRENCY, enforced across workers by the limiter
    // Requests are I/O: one worker holds many in flight. Only as many workers as it takes for VALIDATION_CONCURRENCY
    // to be reachable with the spec files' attempts (tests/support/workers.ts): each worker more competes for the
    // CPU that measures the latencies.
    maxWorkers: workersForRun({ attemptsPerFile, concurrency: settings.concurrency, security: settings.security }),
  },
})
