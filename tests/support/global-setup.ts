// Vitest globalSetup of the validation suite (main process, before any spec file is collected).
// 1. settings and question set — a malformed question file ends the run with one line, exit 1, no request;
// 2. the cross-worker limiter (VALIDATION_CONCURRENCY permits);
// 3. the target — embedded reference service + demo login, or a preflight of HARENA_BASE_URL + login;
// 4. provide() what the spec files need; the teardown closes what was started.
//
// An unusable target (unreachable, broken login) does NOT throw: throwing here would end the run before the
// reporter sees a single question, so no report and no NO-GO. Instead one clear line is printed and
// `harenaPreflightError` is provided: every question then fails at once with that reason and sends nothing,
// the run is incomplete and the reporter writes a NO-GO report (exit 2).
import { BaselineError, mismatch, readBaseline } from '../../core/baseline.ts'
import type { TestProject } from 'vitest/node'
import { stripUrlCredentials } from '../../core/url-credentials.ts'
import { markConfigurationError, markRunStopped } from '../../core/configuration-error.ts'
import { ConfigError, loadSettings, readEnvironment, type Settings, tokenExpiresAt } from '../../core/settings.ts'
import { QuestionsError, loadQuestionsFor, type Question } from '../../core/questions.ts'
import { createJournal, removeJournal } from '../../core/journal.ts'
import { adapterFor } from './adapters/index.ts'
import { startLimiter } from './limiter.ts'
import { prepareTarget } from './target.ts'
import { GroundTruth, GroundTruthError, loadGroundTruth } from '../../core/ground-truth.ts'

const PREFIX = 'harena-validation:'

/** Configuration and harness errors: one line, exit 1 (docs/verdict-rules.md), before any request. */
function exitWith(raw: string): never {
  const message = stripUrlCredentials(raw)
  process.stderr.write(`${PREFIX} ${message}\n`)
  markConfigurationError(message)
  process.exit(1)
}

/** VALIDATION_GROUND_TRUTH when set (a bad file: one line, exit 1), else the embedded service's own truth, else none. */
function groundTruthFor(settings: Settings, target: Awaited<ReturnType<typeof prepareTarget>>, questions: Question[]): GroundTruth | null {
  try {
    if (settings.groundTruthPath !== null) return loadGroundTruth(settings.groundTruthPath)
    if (target.kind === 'ready' && target.truthOf !== undefined) return GroundTruth.parse(target.truthOf(questions, settings.userId))
    return null
  } catch (error) {
    if (error instanceof GroundTruthError) exitWith(`configuration error: ${error.message}`)
    throw error
  }
}

function loadOrExit(): { settings: Settings; questions: Question[] } {
  try {
    const settings = loadSettings()
    const questions = loadQuestionsFor(settings.questionsPath, settings.contract)
    refuseIncomparableBaseline(settings, questions)
    return { settings, questions }
  } catch (error) {
    if (error instanceof ConfigError) exitWith(`configuration error: ${error.message}`)
    if (error instanceof QuestionsError) exitWith(`configuration error: ${error.message}`)
    if (error instanceof BaselineError) exitWith(`configuration error: VALIDATION_BASELINE=${error.message}`)
    throw error
  }
}

/** A baseline of another contract or question set cannot be compared: one line, before any request (docs/baseline.md). */
function refuseIncomparableBaseline(settings: Settings, questions: Question[]): void {
  if (settings.baselinePath === null) return
  const why = mismatch({ contract: settings.contract, questions }, readBaseline(settings.baselinePath))
  if (why !== null)
    throw new BaselineError(`${settings.baselinePath} is refused: ${why}; expected a validation-report.json of the same contract and question set`)
}

/** Retries configured for the suite (`--retry` on the CLI overrides the config's `retry: 0`). */
function retriesOf(project: TestProject): number {
  const retry = project.config.retry
  return typeof retry === 'number' ? retry : (retry?.count ?? 0)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { settings, questions } = loadOrExit()
  // A retry re-asks a failed question and Vitest keeps only the last try: a 5xx or a fallback would vanish.
  const retries = retriesOf(project)
  if (retries !== 0) exitWith(`configuration error: --retry=${retries} is not allowed: a retry would hide a failure; run without --retry`)
  const env = readEnvironment()

  printPlan(settings, questions.length)
  const limiter = await startLimiter(settings.concurrency, settings.maxRps, {
    afterSilentTimeouts: settings.stopAfterTimeouts,
    minQuestions: Math.min(2, questions.length),
    onStop: (reason) => {
      process.stderr.write(`${PREFIX} ${reason}: stopped asking; the remaining attempts are not executed
`)
      markRunStopped(reason)
    },
  })
  const target = await prepareTarget(settings, {
    faultsJson: env.REFERENCE_FAULTS,
    now: env.REFERENCE_NOW,
    streamChunkMs: env.REFERENCE_STREAM_CHUNK_MS,
  })
  if (target.kind === 'config') {
    await Promise.all([target.close(), limiter.close()])
    exitWith(`configuration error: ${target.reason}`)
  }

  if (target.kind === 'unusable') {
    process.stderr.write(`${PREFIX} ${target.reason}\n`)
  } else if (target.note) {
    process.stderr.write(`${PREFIX} ${target.note}\n`)
  } else if (target.embedded) {
    process.stdout.write(`${PREFIX} no HARENA_BASE_URL set: validating the embedded reference service at ${target.baseUrl}\n`)
  }

  project.provide('harenaTarget', {
    baseUrl: target.baseUrl,
    contract: settings.contract,
    embedded: target.embedded,
    observes: adapterFor(settings.contract).observes,
    authorization: target.kind === 'ready' ? target.authorization : null,
    userId: settings.userId,
  })
  project.provide('harenaPreflightError', target.kind === 'unusable' ? target.reason : null)
  const journalPath = createJournal()
  project.provide('harenaRuntime', {
    limiterUrl: limiter.url,
    journalPath,
    contract: settings.contract,
    timeoutMs: settings.timeoutMs,
    iterations: settings.iterations,
    warmup: settings.warmup,
    concurrency: settings.concurrency,
    stream: settings.stream,
    locale: settings.locale,
    questions,
    groundTruth: groundTruthFor(settings, target, questions),
  })

  return async () => {
    await Promise.all([target.close(), limiter.close()])
    removeJournal(journalPath)
  }
}

/**
 * Before the first request: how many requests this run sends and how long it may take at worst (each real answer
 * costs LLM tokens and up to HARENA_TIMEOUT_MS), and a warning when the token expires before that.
 */
function printPlan(settings: Settings, questions: number): void {
  const measured = questions * settings.iterations
  const warmups = questions * settings.warmup
  const requests = measured + warmups
  // VALIDATION_MAX_RPS paces the grants (tests/support/limiter.ts): the run cannot be faster than requests / maxRps.
  const pacedMs = settings.maxRps > 0 ? Math.ceil((requests / settings.maxRps) * 1000) : 0
  const worstMs = Math.max(Math.ceil(requests / settings.concurrency) * settings.timeoutMs, pacedMs)
  const minutes = Math.ceil(worstMs / 60_000)
  const paced = settings.maxRps > 0 ? `, VALIDATION_MAX_RPS=${settings.maxRps}` : ''
  process.stdout.write(
    `${PREFIX} ${requests} request(s) planned (${measured} measured + ${warmups} warm-up) at concurrency ${settings.concurrency}: at most ≈ ${minutes} min (HARENA_TIMEOUT_MS=${settings.timeoutMs} each${paced})\n`,
  )
  const expiresAt = tokenExpiresAt(settings)
  if (expiresAt !== null && expiresAt < Date.now() + worstMs)
    process.stderr.write(
      `${PREFIX} warning: HARENA_API_TOKEN expires at ${new Date(expiresAt).toISOString()}, before the run's estimated end (≈ ${minutes} min): later answers may be 401\n`,
    )
}
