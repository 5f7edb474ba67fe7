// Vitest globalSetup of the validation suite (main process, before any spec file is collected).
// 1. settings, question set and ground-truth file — a malformed one ends the run with one line, exit 1, no request;
// 2. what the run costs (requests, worst-case duration), printed before the first request (run-plan.ts);
// 3. the cross-worker limiter (VALIDATION_CONCURRENCY permits);
// 4. the target — embedded reference service + demo login, or a preflight of HARENA_BASE_URL + login;
// 5. the run's warm-up budget (warm-up.ts), then the progress line (progress.ts);
// 6. provide() what the spec files need; the teardown closes what was started.
//
// An unusable target (unreachable, broken login) does NOT throw: throwing here would end the run before the
// reporter sees a single question, so no report and no NO-GO. Instead one clear line is printed and
// `harenaPreflightError` is provided: every question then fails at once with that reason and sends nothing,
// the run is incomplete and the reporter writes a NO-GO report (exit 2).
import { basename } from 'node:path'
import { BaselineError, baselineRefusal, comparedSettingsOf, incomparable, readBaseline } from '../../core/baseline.ts'
import type { TestProject } from 'vitest/node'
import { ConfigurationError, configurationErrorText, markConfigurationError, markRunStopped } from '../../core/configuration-error.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/run.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { configurationLocale, loadSettings, readEnvironment, type Settings, tokenExpiresAt } from '../../core/settings.ts'
import { loadQuestionsFor, type Question } from '../../core/questions.ts'
import { createJournal, removeJournal } from '../../core/journal.ts'
import { adapterFor } from './adapters/index.ts'
import { type LimiterServer, startLimiter } from './limiter.ts'
import { EMBEDDED_DEMO, login, prepareTarget } from './target.ts'
import { embeddedOptionsFrom } from './embedded-options.ts'
import { type AuthBroker, AuthSession, startAuthBroker } from './auth-broker.ts'
import { clearAuthState, markAuthState } from '../../core/auth-state.ts'
import { GroundTruth, loadGroundTruth, questionsWithoutTruth } from '../../core/ground-truth.ts'
import { appendJournal } from '../../core/journal.ts'
import type { AttemptRecord } from '../../core/model.ts'
import { secretsOf } from '../../core/settings.ts'
import { questionsOfFiles, SECURITY_SPEC_FILE } from './categories.ts'
import { HarenaClient } from './client.ts'
import { checkAttempt, observeAttempt } from './checks/index.ts'
import { withGroundTruth } from './ground-truth/attempt.ts'
import { costLine, planRun, probesNamed, questionsNamed, specFilesOfThisRun, type RunPlan, WORST_CASE } from './run-plan.ts'
import { formatDuration } from '../../core/duration.ts'
import { clearNothingSelected, markNothingSelected } from '../../core/nothing-selected.ts'
import type { HarenaRuntime } from '../../core/provided.ts'
import { PROBES } from './security/probes.ts'
import { warmUp } from './warm-up.ts'
import { runSettingsOf } from '../../core/settings.ts'
import { safeBaseUrl } from '../../core/safe-url.ts'
import { campaignOf, digestOf, shardHealth, shardPreflightError, shardTruth } from '../../core/shard.ts'
import { ProgressMonitor } from './progress.ts'
import { onRunEnd } from '../../core/run-end.ts'
import { stopWhenInvokerGone } from '../../core/invoker.ts'
import { runClockAnchor } from './run-clock.ts'

const PREFIX = 'harena-validation:'

/**
 * A configuration error: one line in VALIDATION_LOCALE's language (English when that variable is the bad value),
 * exit 1 (docs/verdict-rules.md), before any request. The reporter records the same reason in the report.
 */
function exitWith(cause: Reason, locale: Locale = configurationLocale()): never {
  process.stderr.write(`${PREFIX} ${configurationErrorText(cause, locale)}\n`)
  markConfigurationError(cause)
  process.exit(1)
}

/** One line of the run's log, in its language. */
function sayLine(line: Reason, locale: Locale, to: NodeJS.WriteStream = process.stderr): void {
  to.write(`${PREFIX} ${say(line, locale)}\n`)
}

/**
 * VALIDATION_GROUND_TRUTH's file when set (loaded with the settings), else the embedded service's own truth, else
 * none. The embedded truth is computed from the service's own data on the service's own day: it holds for every
 * period that service searches, so it goes undated (no `account.asOf`, no `period`: confronted with every answer).
 */
function groundTruthFor(
  settings: Settings,
  fileTruth: GroundTruth | null,
  target: Awaited<ReturnType<typeof prepareTarget>>,
  questions: Question[],
): GroundTruth | null {
  if (fileTruth !== null) return fileTruth
  if (target.kind === 'ready' && target.truthOf !== undefined) return undated(GroundTruth.parse(target.truthOf(questions, settings.userId)))
  return null
}

/** A truth without its day and its periods: one that holds whatever the days searched. */
function undated(truth: GroundTruth): GroundTruth {
  const questions = Object.fromEntries(Object.entries(truth.questions).map(([id, { period: _days, ...figures }]) => [id, figures]))
  const { account, ...rest } = truth
  return { ...rest, ...(account?.userId === undefined ? {} : { account: { userId: account.userId } }), questions }
}

/** Settings, question set and ground-truth file: a bad one ends the run with one line, exit 1, before any request. */
function loadOrExit(): { settings: Settings; questions: Question[]; fileTruth: GroundTruth | null } {
  try {
    const settings = loadSettings()
    const questions = loadQuestionsFor(settings.questionsPath, settings.contract)
    refuseIncomparableBaseline(settings, questions)
    const fileTruth =
      settings.groundTruthPath === null
        ? null
        : loadGroundTruth(settings.groundTruthPath, { questionIds: questions.map((q) => q.id), userId: settings.userId })
    return { settings, questions, fileTruth }
  } catch (error) {
    // Settings, question file, ground truth, baseline: each error is a reason (core/locale/config.ts).
    if (error instanceof ConfigurationError) exitWith(error.reason)
    throw error
  }
}

/**
 * A baseline that is no complete release run, or of another contract, question set or measurement settings, cannot be
 * compared: one line, before any request (docs/baseline.md).
 */
function refuseIncomparableBaseline(settings: Settings, questions: Question[]): void {
  if (settings.baselinePath === null) return
  const current = { contract: settings.contract, settings: comparedSettingsOf(settings), questions }
  const why = incomparable(current, readBaseline(settings.baselinePath))
  if (why !== null) throw new BaselineError('VALIDATION_BASELINE', baselineRefusal(settings.baselinePath, why))
}

/** Retries configured for the suite (`--retry` on the CLI overrides the config's `retry: 0`). */
function retriesOf(project: TestProject): number {
  const retry = project.config.retry
  return typeof retry === 'number' ? retry : (retry?.count ?? 0)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A run whose invoker is gone stops as on SIGTERM (core/invoker.ts). The reporter arms this first; a shard
  // writing a blob runs without it, so it is armed here too (once per process; never in watch mode).
  if (!project.vitest.config.watch) stopWhenInvokerGone({ say: (line) => process.stderr.write(`${PREFIX} ${line}\n`), locale: configurationLocale() })
  const { settings, questions, fileTruth } = loadOrExit()
  const L = settings.locale
  // A retry re-asks a failed question and Vitest keeps only the last try: a 5xx or a fallback would vanish.
  const retries = retriesOf(project)
  if (retries !== 0) exitWith(reason('config.cli.retry', { retries }), L)
  const env = readEnvironment()

  // The cost first, before any request (login and health checks included).
  clearNothingSelected()
  const plan = await thisRunsPlan(project, settings, questions)
  // `-t` matching none of this run's questions and probes: nothing to ask, not even a login or a health check — in a
  // run that ends. A watch or UI session keeps this setup for every later run (Vitest does not run it again), whose
  // filter can be another: it sets up the target as any run does.
  if (plan.questions.length === 0 && plan.probes === 0 && project.vitest.config.watch !== true) return selectsNothing(project, settings, questions)
  printPlan(plan, settings)
  const limiter = await startLimiter(settings.concurrency, settings.maxRps, {
    afterSilentTimeouts: settings.stopAfterTimeouts,
    minQuestions: Math.min(2, questions.length),
    onStop: (why) => {
      sayLine(reason('run.stop.line', { ...why.params, cause: why.code }), L)
      markRunStopped(why)
    },
  })
  const target = await prepareTarget(settings, embeddedOptionsFrom(env))
  if (target.kind === 'config') {
    await Promise.all([target.close(), limiter.close()])
    exitWith(target.reason, L)
  }

  if (target.kind === 'unusable') sayLine(target.reason, L)
  else if (target.note) sayLine(target.note, L)
  else if (target.embedded) sayLine(reason('run.embedded', { url: target.baseUrl }), L, process.stdout)

  const health = target.kind === 'ready' ? target.health : null
  // What a shard's blob carries is scrubbed here: the merge knows none of this run's secrets (core/shard.ts).
  const shardSecrets = [...(target.kind === 'ready' && target.authorization ? [target.authorization] : []), ...secretsOf(settings)]
  const blobHealth = shardHealth(health, shardSecrets)
  project.provide('harenaTarget', {
    baseUrl: target.baseUrl,
    contract: settings.contract,
    embedded: target.embedded,
    observes: adapterFor(settings.contract).observes,
    authorization: target.kind === 'ready' ? target.authorization : null,
    userId: settings.userId,
    version: health?.version ?? null,
    health,
  })
  project.provide('harenaPreflightError', target.kind === 'unusable' ? target.reason : null)
  const journalPath = createJournal()
  // The progress line counts what the journal gains; its final line comes when the reporter says the run ended
  // (before the verdict), or at teardown when no verdict reporter runs (a shard writing a blob).
  const progress = new ProgressMonitor({
    journalPath,
    plan: { attempts: plan.attempts, warmups: target.kind === 'ready' ? plan.warmups : 0 },
    everyMs: settings.progressSeconds * 1000,
    eachAnswer: settings.progressSeconds > 0 && process.stdout.isTTY === true,
    locale: L,
    out: (line) => process.stdout.write(`${PREFIX} ${line}\n`),
  })
  progress.start()
  const forgetRunEnd = onRunEnd(() => progress.finish())
  const groundTruth = groundTruthFor(settings, fileTruth, target, questions)
  const broker = target.kind === 'ready' ? await authBrokerFor(settings, target, journalPath, limiter) : null
  const warmups = target.kind === 'ready' ? await warmUpRun(settings, plan, target, limiter.url, journalPath, groundTruth, broker) : {}
  project.provide('harenaRuntime', {
    limiterUrl: limiter.url,
    authBrokerUrl: broker?.url ?? null,
    journalPath,
    contract: settings.contract,
    timeoutMs: settings.timeoutMs,
    iterations: settings.iterations,
    warmup: settings.warmup,
    warmups,
    concurrency: settings.concurrency,
    stream: settings.stream,
    locale: settings.locale,
    questions,
    groundTruth,
    clockAnchorMs: runClockAnchor(),
    shard: {
      shard: plan.shard,
      target: {
        baseUrl: safeBaseUrl(target.baseUrl),
        contract: settings.contract,
        embedded: target.embedded,
        observes: adapterFor(settings.contract).observes,
        version: blobHealth?.version ?? null,
      },
      // The merge of a sharded run reports what each shard's health route said (core/shard.ts mergedHealth)...
      health: blobHealth,
      // ...and why a shard could not use the target at all (core/shard.ts mergedPreflightError).
      preflightError: shardPreflightError(target.kind === 'unusable' ? target.reason : null, shardSecrets),
      // ...and what happened to each shard's credentials: the warm-ups' history here (scrubbed by the broker); a
      // worker writes each later stage it learns (tests/support/shard-meta.ts; core/shard.ts mergedAuth).
      auth: broker?.blobAuth() ?? null,
      settings: runSettingsOf(settings),
      run: {
        specFiles: project.config.include.map((f) => basename(f)),
        namePattern: project.vitest.config.testNamePattern ? String(project.vitest.config.testNamePattern) : null,
        security: settings.security,
        userId: settings.userId,
        stopAfterTimeouts: settings.stopAfterTimeouts,
      },
      questions: questions.map((q) => ({
        id: q.id,
        category: q.category,
        message: q.message,
        expectedIntent: q.expectedIntent,
        expectsData: q.expectsData,
        visualizationExpected: q.visualizationExpected,
        // What a baseline comparison reads of the merged report (docs/baseline.md): expectations changed or not.
        edgeCase: q.edgeCase,
        expectations: q.expectations,
      })),
      // Each question whole, as this shard judged it (expectations, edge cases, contracts…), and the figures it
      // checked: shards that judged otherwise are refused at the merge (core/shard.ts).
      questionsDigest: digestOf(questions),
      groundTruth: shardTruth(
        groundTruth,
        fileTruth !== null && settings.groundTruthPath !== null ? basename(settings.groundTruthPath) : null,
        fileTruth === null
          ? []
          : questionsWithoutTruth(
              fileTruth,
              questions.map((q) => q.id),
            ),
      ),
      startedAt: new Date().toISOString(),
      // The CI run all shards of this campaign share: a blob of another run is refused at the merge.
      campaign: campaignOf(process.env),
    },
  })

  return async () => {
    forgetRunEnd()
    progress.finish()
    await Promise.all([target.close(), limiter.close(), broker?.close()])
    removeJournal(journalPath)
  }
}

/**
 * Before the first request: how many requests this run sends and how long it may take at worst (each real answer
 * costs LLM tokens and up to HARENA_TIMEOUT_MS; run-plan.ts), and a warning when the token expires before that.
 */
function printPlan(plan: RunPlan, settings: Settings): void {
  sayLine(costLine(plan, settings), settings.locale, process.stdout)
  const expiresAt = tokenExpiresAt(settings)
  if (expiresAt !== null && expiresAt < Date.now() + plan.worstCaseMs)
    sayLine(
      reason('run.token_expires', { at: new Date(expiresAt).toISOString(), worst: formatDuration(plan.worstCaseMs, WORST_CASE) }),
      settings.locale,
    )
}

/**
 * A single run that selects nothing (`-t` matching no test of its files): no target, no limiter, no warm-up, no cost
 * line. Never a watch or UI session: its later runs, under another filter, need the target this setup provides.
 * The spec files still load (Vitest skips each of their tests): they name their tests from the question set, which
 * is all they read. The reporter ends the run with one line, exit 1 (core/nothing-selected.ts).
 */
function selectsNothing(project: TestProject, settings: Settings, questions: Question[]): () => Promise<void> {
  markNothingSelected(String(project.vitest.config.testNamePattern ?? ''))
  // Only what the spec files read while they are collected; no test of theirs runs.
  const runtime: Pick<HarenaRuntime, 'questions' | 'locale' | 'contract'> = { questions, locale: settings.locale, contract: settings.contract }
  project.provide('harenaRuntime', runtime as HarenaRuntime)
  project.provide('harenaPreflightError', null)
  return async () => {}
}

/** This process's questions and requests: all of them, or this shard's share (run-plan.ts), as `-t` filters them. */
async function thisRunsPlan(project: TestProject, settings: Settings, questions: Question[]): Promise<RunPlan> {
  try {
    const { files, shard, namePattern } = await specFilesOfThisRun(project)
    // Named as the spec files name their tests: masked of the configured credentials (tests/support/titles.ts).
    const probes = files.some((f) => f.endsWith(SECURITY_SPEC_FILE)) ? probesNamed(PROBES, namePattern, settings) : []
    return planRun(settings, questionsNamed(questionsOfFiles(questions, files), namePattern, settings), probes, shard)
  } catch {
    // Vitest's sequencer could not be asked: plan the whole question set (a shard then over-estimates its cost).
    return planRun(settings, questions, settings.security ? PROBES : [], null)
  }
}

/**
 * The owner of the run's credentials (tests/support/auth-broker.ts): it can log in again when the run has a
 * username and password, or is the embedded reference service (its demo user); a bare HARENA_API_TOKEN cannot.
 */
async function authBrokerFor(
  settings: Settings,
  target: Extract<Awaited<ReturnType<typeof prepareTarget>>, { kind: 'ready' }>,
  journalPath: string,
  limiter: Pick<LimiterServer, 'url' | 'halt'>,
): Promise<AuthBroker | null> {
  clearAuthState()
  if (target.authorization === null) return null
  const adapter = adapterFor(settings.contract)
  const credentials = target.embedded
    ? EMBEDDED_DEMO
    : settings.username !== null && settings.password !== null
      ? { username: settings.username, password: settings.password }
      : null
  return startAuthBroker({
    authorization: target.authorization,
    secrets: secretsOf(settings),
    relogin:
      credentials === null
        ? null
        : async () => {
            // Mid-run: the login is one more request to the target, under the run's cap (limiter.url). The refused
            // attempt already released its permit (HarenaClient.request), so this waits for a permit, never for itself.
            // A token for another user than HARENA_USER_ID is refused here too (target.login.other_user): it would
            // turn every later answer into the target's 403 and every probe of another user's data into a "leak".
            const result = await login(
              target.baseUrl,
              credentials.username,
              credentials.password,
              settings.timeoutMs,
              adapter,
              limiter.url,
              settings.userId,
            )
            return result.kind === 'ok'
              ? { ok: true, authorization: result.authorization }
              : { ok: false, reason: say(result.reason, settings.locale) }
          },
    journalPath,
    halt: limiter.halt,
    onChange: markAuthState,
    say: (line) => sayLine(line, settings.locale),
  })
}

/** The run's warm-up budget, asked before any question, journaled like every attempt (tests/support/warm-up.ts). */
async function warmUpRun(
  settings: Settings,
  plan: RunPlan,
  target: Extract<Awaited<ReturnType<typeof prepareTarget>>, { kind: 'ready' }>,
  limiterUrl: string,
  journalPath: string,
  groundTruth: GroundTruth | null,
  broker: AuthBroker | null,
): Promise<Record<string, AttemptRecord[]>> {
  if (plan.warmups === 0) return {}
  const client = new HarenaClient({ baseUrl: target.baseUrl, timeoutMs: settings.timeoutMs, limiterUrl, connections: 1 })
  const adapter = adapterFor(settings.contract)
  // Judged like every attempt of the run (tests/support/validate.ts does the same per question).
  const judged = withGroundTruth(checkAttempt, observeAttempt, groundTruth, {
    contract: settings.stream ? `${adapter.name} (stream)` : adapter.name,
    observes: settings.stream ? (adapter.stream?.observes ?? adapter.observes) : adapter.observes,
    insightLimit: adapter.insightLimit,
  })
  try {
    return await warmUp(plan.questions, {
      budget: plan.warmups,
      client,
      adapter: adapterFor(settings.contract),
      check: judged.check,
      observe: judged.observe,
      userId: settings.userId,
      authorization: target.authorization,
      stream: settings.stream,
      secrets: [...(target.authorization ? [target.authorization] : []), ...secretsOf(settings)],
      ...(broker !== null && target.authorization !== null ? { auth: new AuthSession(target.authorization, broker.refused) } : {}),
      onAttempt: (questionId, attempt) => appendJournal(journalPath, { questionId, attempt }),
    })
  } finally {
    await client.close()
  }
}
