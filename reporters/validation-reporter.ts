// The Vitest reporter of the validation suite. It only COLLECTS: each validation test's task.meta.validation
// (a QuestionRecord), the plan (the question file, so a question whose test never ran still counts), the target,
// timings, interruption and harness errors → a plain RunModel. aggregate/decide/render do the rest (pipeline.ts).
//
// Facts this relies on (docs/vitest-facts.md §3, checked on 4.1.12):
// - a throw in a reporter hook fails tests or the run → every hook body is wrapped;
// - watch/UI reruns call onTestRunStart again with only the rerun files → state is reset there, and a partial
//   rerun is reported as incomplete (never GO);
// - on SIGINT/SIGTERM in `vitest run`, Vitest's own handler sets exitCode 130/143 and calls process.exit() 1 ms
//   later; onTestRunEnd never fires → we write the (incomplete) report synchronously inside our signal handler;
// - npm/npx → `sh -c` → node: a signal to npm alone ends npm and the shell, not Vitest → in `vitest run` the
//   parent pid is polled and a changed one takes the SIGTERM path (core/invoker.ts; not in watch mode);
// - a globalSetup that throws yields onTestRunEnd([], [], 'failed') and the error is printed, not passed to us →
//   the runtime provides `harenaPreflightError` first, and an empty run with queued specs is a harness error;
// - Vitest sets exitCode 1 before onTestRunEnd when a test failed; the verdict replaces it unless something
//   outside the validation suite failed (then it only raises it).
import { BaselineError, baselineRefusal, comparedSettingsOf, incomparable, readBaseline } from '../core/baseline.ts'
import { randomUUID } from 'node:crypto'
import { existsSync, rmdirSync, rmSync } from 'node:fs'
import { nothingSelectedOf } from '../core/nothing-selected.ts'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node'
import { runSecrets, runSettingsOf, secretsOf, type Settings } from '../core/settings.ts'
import '../core/provided.ts'
import { loadQuestionsFor } from '../core/questions.ts'
import { verdictExitCode } from './decide.ts'
import {
  configurationErrorOf,
  configurationErrorText,
  markConfigurationError,
  runStoppedReason,
  withoutUrlCredentials,
} from '../core/configuration-error.ts'
import { authStateOf } from '../core/auth-state.ts'
import { appliedLoadOf } from '../core/applied-load.ts'
import { redact } from '../core/secrets.ts'
import { completeFromJournal, readJournal, removeJournal } from '../core/journal.ts'
import { emptyQuestionRecord, type HealthRecord, type QuestionRecord, type RunAuth, type RunModel, type TargetInfo } from '../core/model.ts'
import { DocumentWriteError, writeDocuments } from './documents.ts'
import { appendStepSummary } from './output.ts'
import { stepSummaryPlan } from './render-markdown.ts'
import { type Locale, say } from '../core/locale/index.ts'
import '../core/locale/report.ts'
import '../core/locale/run.ts'
import { type Reason, reason } from '../core/reason.ts'
import { produce, type Produced } from './pipeline.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import { Fragments, fragmentsDirOf } from '../core/fragments.ts'
import { verdictLine } from './render-json.ts'
import { renderTerminal } from './render-terminal.ts'
import {
  distinctShards,
  mergedAuth,
  mergedHealth,
  mergedPreflightError,
  missingShards,
  partialShards,
  shardDisagreement,
  copiedBlob,
  otherCampaign,
  type ShardRecord,
  type ShardTruth,
  type ShardSpan,
  shardSpans,
} from '../core/shard.ts'
import { runEnded } from '../core/run-end.ts'
import { noteInvoker, stopWhenInvokerGone } from '../core/invoker.ts'
import { buildCriteria } from './criteria.ts'
import { exploratoryTerminal, githubAnnotation } from './render-gate.ts'
import { servesUi, showInUi } from './ui-decision.ts'
import { type InProgress, writeInProgress } from './in-progress.ts'
import { REPORT_FILES, removeStaleReports } from '../core/report-files.ts'
import { type Claim, claimDir, LOCK_FILES, lockedReason, releaseDir } from '../core/dir-lock.ts'
import { inProgressSuite, type JunitPlan, type ReleaseJunitReporter, releaseCriteriaSuite } from './release-junit.ts'
import type { RunScope } from '../core/model.ts'
import { errorText } from './error-text.ts'

export const VALIDATION_PROJECT = 'validation'

export interface ValidationReporterOptions {
  settings: Settings
  /** Project whose tests are validation questions (default 'validation'). */
  project?: string
  /** Where the terminal summary goes (tests pass a buffer). */
  out?: (text: string) => void
  /**
   * Every validation spec file of the configuration: a run over fewer files (a file filter, --changed, a re-run)
   * is exploratory. Unset: only -t and watch/UI re-runs make a run exploratory.
   */
  specFiles?: readonly string[]
  /** Install SIGINT/SIGTERM/exit handlers during a run (default true). */
  handleSignals?: boolean
  /**
   * The command line asks for the whole release run (tests/support/cli-scope.ts): a SIGINT/SIGTERM from the moment
   * this reporter exists until the run starts already writes the interrupted NO-GO over the earlier report
   * (default false: Vitest's own startup, then the global setup, took about a second in which Ctrl-C left
   * yesterday's GO on disk).
   */
  interruptibleFromStart?: boolean
  /** Ends the process when the run must stop before any request (default process.exit; tests pass their own). */
  exit?: (code: number) => void
  /**
   * Take the report directory's lock (core/dir-lock.ts) as the run starts (default: handleSignals, i.e. real runs):
   * a second run into a directory a live run writes to stops at once, one line, exit 1, its reports untouched.
   */
  lockReportDir?: boolean
}

/** Plan + recorded questions → the model's question list, in plan order, records merged per question id. */
export function mergeQuestions(plan: QuestionRecord[], recorded: QuestionRecord[]): QuestionRecord[] {
  const byId = new Map<string, QuestionRecord[]>()
  for (const r of recorded) byId.set(r.id, [...(byId.get(r.id) ?? []), r])
  const merged = (base: QuestionRecord | undefined, recs: QuestionRecord[]): QuestionRecord => {
    const first = recs[0] ?? base
    if (!first) throw new Error('mergeQuestions: nothing to merge')
    const planned = recs.reduce((n, r) => n + r.plannedAttempts, 0)
    // Scrubbed at the source (reporters/scrub-model.ts) only when every part was, for the same secrets.
    const { scrubbedFor: _, ...unmarked } = base ?? first
    const mark = recs[0]?.scrubbedFor
    return {
      ...unmarked,
      ...(mark !== undefined && recs.every((r) => r.scrubbedFor === mark) ? { scrubbedFor: mark } : {}),
      ...(recs.length ? { subtypeObservable: recs.every((r) => r.subtypeObservable) } : {}),
      // What the contract's wire could carry is known from the recorded attempts (docs/generations.md).
      ...(recs[0]?.notObservable ? { notObservable: recs[0].notObservable } : {}),
      ...(recs[0]?.notObservableWithoutVizField ? { notObservableWithoutVizField: recs[0].notObservableWithoutVizField } : {}),
      ...(recs[0]?.visualizationObservable !== undefined ? { visualizationObservable: recs[0].visualizationObservable } : {}),
      plannedAttempts: Math.max(base?.plannedAttempts ?? 0, planned),
      attempts: recs.flatMap((r) => r.attempts),
      warmups: recs.flatMap((r) => r.warmups),
    }
  }
  const out = plan.map((p) => merged(p, byId.get(p.id) ?? []))
  const planIds = new Set(plan.map((p) => p.id))
  for (const [id, recs] of byId) if (!planIds.has(id)) out.push(merged(undefined, recs))
  return out
}

/** The busiest worker's event-loop delay P99 among the recorded questions, or null when none was measured. */
function busiestLoop(records: readonly QuestionRecord[]): number | null {
  const figures = records.flatMap((r) => (typeof r.clientLoopDelayP99Ms === 'number' ? [r.clientLoopDelayP99Ms] : []))
  return figures.length ? Math.max(...figures) : null
}

/** What a merge of a sharded run judges with (core/shard.ts): the shards' record, not this process's environment. */
interface MergedShards {
  record: ShardRecord
  missing: { missing: number[]; count: number }
  startedAt: string
  /** When each shard ran (core/shard.ts shardSpans), in shard order. */
  spans: ShardSpan[]
  health: HealthRecord | null
  auth: RunAuth | null
  /** Why a shard could not use the target (core/shard.ts mergedPreflightError). */
  preflightError: Reason | null
}

/**
 * Vitest copies each transformed module into a project's temporary directory and removes it when it closes; a run
 * stopped by a signal, a vanished invoker or a crash exits without closing and left it behind, one per run (the
 * suite's own source, in the user's temporary directory). Removed at exit: only a directory directly inside the
 * system's temporary directory, which is where Vitest makes them.
 */
function removeAtExit(dirs: readonly string[]): void {
  const ours = dirs.filter((d) => dirname(d) === tmpdir())
  if (ours.length === 0) return
  process.once('exit', () => {
    for (const d of ours) rmSync(d, { recursive: true, force: true })
  })
}

export default class ValidationReporter implements Reporter {
  private readonly settings: Settings
  private readonly projectName: string
  private readonly out: (text: string) => void
  private readonly handleSignals: boolean
  private readonly exit: (code: number) => void
  private vitest: Vitest | undefined
  // Per-run state (reset in onTestRunStart).
  private running = false
  private finalized = false
  private startedAt = new Date().toISOString()
  private t0 = performance.now()
  private records = new Map<string, QuestionRecord>()
  /** Where each recorded test stands in its file (module, index): records arrive in completion order. */
  private positions = new Map<string, readonly [string, number]>()
  private failedWithoutRecord = new Set<string>()
  private retried = new Set<string>()
  private harnessErrors: Reason[] = []
  /** Configuration errors of this run (core/configuration-error.ts), told apart from harness errors by this field. */
  private configurationErrors: Reason[] = []
  private queuedValidationSpecs = 0
  private ours = true
  /** This run selected no question file: nothing asked, no verdict, the release report left alone. */
  private noQuestionFile = false
  private detach: (() => void) | null = null
  /** `--merge-reports`: what the shards recorded (core/shard.ts); null when this run asked the target itself. */
  private shards: MergedShards | null = null
  private runId = randomUUID()
  private scope: RunScope = 'release'
  /** How the run was filtered, for the terminal ('' for a release run). */
  private filter = ''
  private rerunPending = false
  /** What Vitest decided before the verdict (RunModel.runner), known at the run's end. */
  private runner: RunModel['runner'] = null
  private junitPlanValue: JunitPlan | null = null
  /** The last documents produced (tests and the bench read it). */
  lastProduced: Produced | null = null

  constructor(options: ValidationReporterOptions) {
    this.settings = options.settings
    this.projectName = options.project ?? VALIDATION_PROJECT
    this.out = options.out ?? ((t) => process.stdout.write(t))
    this.handleSignals = options.handleSignals ?? true
    this.exit = options.exit ?? ((code) => process.exit(code))
    this.specFiles = options.specFiles?.map((f) => resolve(f)) ?? null
    this.lockReportDir = options.lockReportDir ?? this.handleSignals
    // As early as the main process runs our code (the config file): the parent the run was started under.
    if (this.handleSignals) noteInvoker()
    // A whole run writes the release report: its directory is claimed before anything can write there (even the
    // interrupted report of a signal during the startup), and a second run stops before Vitest starts.
    if (options.interruptibleFromStart === true && !this.claimed(this.settings.reportDir)) return
    if (this.handleSignals && options.interruptibleFromStart === true) this.attachStartupHandlers()
  }

  private readonly lockReportDir: boolean
  /** The report directories' locks this reporter took (core/dir-lock.ts), given up once a run's documents are written. */
  private readonly locks = new Set<string>()

  /**
   * The run's documents are on disk (or it wrote none): its locks are given up, so that a later run into the directory
   * is accepted while this process idles (a watch or UI session) — its next run claims them again.
   */
  private releaseLocks(): void {
    for (const path of this.locks) {
      try {
        releaseDir(path)
      } catch {
        // left to the process's exit, which removes it
      }
    }
    this.locks.clear()
  }

  /**
   * This run holds `dir`'s lock (core/dir-lock.ts), or another live run does: then one line, the run stops (exit 1)
   * and false — in a watch or UI session only that run stops (refuseRerun). A lock that cannot be taken for another
   * cause (a directory that cannot be created) does not stop the run: writing its reports there fails the same way
   * and says so.
   */
  private claimed(dir: string): boolean {
    if (!this.lockReportDir) return true
    let claim: Claim
    try {
      const made: string[] = []
      for (let d = resolve(dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) made.push(d)
      claim = claimDir(dir, LOCK_FILES.validation, this.runId)
      for (const d of made) this.madeDirs.add(d) // deepest first: removed in that order
    } catch {
      return true
    }
    if (claim.held) {
      if (claim.parent === undefined) this.locks.add(claim.path)
      return true
    }
    if (this.vitest?.config.watch === true) {
      this.refuseRerun(dir, claim)
      return false
    }
    this.safeLog(`harena-validation: ${configurationErrorText(lockedReason(dir, claim), this.settings.locale)}`)
    this.finalized = true
    this.running = false
    this.detachHandlers()
    this.exit(1)
    return false
  }

  /** Set when this run was refused its directory in a watch session: its tests are cancelled as they are queued. */
  private refused = false

  /**
   * A watch or UI session's run finding its directory held by another live run: exiting ended the whole session (a
   * review, 2026-12-05). That run alone is refused — one line naming the holder, nothing written (no document, no
   * junit.xml), its tests cancelled (onTestModuleQueued) — and the session waits for the next rerun, which claims
   * the directory again. The session's earlier documents stay as they are.
   */
  private refuseRerun(dir: string, claim: Extract<Claim, { held: false }>): void {
    const { params } = lockedReason(dir, claim)
    this.safeLog(`harena-validation: ${say(reason('reporter.rerun_locked', params), this.settings.locale)}`)
    this.refused = true
    this.finalized = true
    this.running = false
    this.junitPlanValue = { dir: null, suite: null, secrets: [] }
    this.detachHandlers()
  }

  /** A refused watch run asks nothing of the service: Vitest's own cancel, once its first file is queued (see refuseRerun). */
  onTestModuleQueued(): void {
    if (!this.refused) return
    this.refused = false
    // Not awaited: Vitest waits for this hook before the run it cancels can end.
    void this.vitest?.cancelCurrentRun('keyboard-input')
  }

  /** Until onTestRunStart replaces them: a signal writes this run's interrupted report and ends the process. */
  private attachStartupHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.detachHandlers()
      this.running = true
      this.startupSignal = true
      this.writeIncomplete(null, signal)
      const code = signal === 'SIGTERM' ? 143 : 130
      process.exitCode = code
      this.exit(code)
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    this.detach = () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }

  private readonly specFiles: string[] | null

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    // A merge calls this once its blobs are read (standInForMerge).
    this.mergeRead = true
    if (this.handleSignals) removeAtExit(vitest.projects.map((p) => p.tmpDir))
    try {
      // `vitest run` only: a watch or UI session outlives its runs and is attended (core/invoker.ts).
      if (this.handleSignals && !vitest.config.watch)
        stopWhenInvokerGone({ say: (line) => this.safeLog(`harena-validation: ${line}`), locale: this.settings.locale })
    } catch (error) {
      this.logReason(reason('reporter.invoker_watch_failed', { error: errorText(error) }))
    }
  }

  /**
   * A configuration error found before Vitest starts (the config file, e.g. `--reporter` on the command line, which
   * would drop this reporter): recorded exactly as one found in globalSetup (`--retry`), so the earlier run's report
   * is replaced by this run's, incomplete, never GO, exit 1, and no verdict is printed. The caller then exits 1.
   */
  recordConfigurationError(cause: Reason): void {
    markConfigurationError(cause)
    this.onTestRunStart([])
    this.writeIncomplete(null)
  }

  /** Set once Vitest has read the blobs of a merge (onInit comes after): standInForMerge's line is not said. */
  private mergeRead = false
  /** A signal ended the run before it started (attachStartupHandlers): a merge's blobs were not unreadable, only unread. */
  private startupSignal = false

  /**
   * `vitest run --merge-reports`: Vitest reads every blob before any reporter hears of the run, and a blob it cannot
   * read (truncated, not a blob, another Vitest's) or none at all ends the merge there, exit 1, with its own error
   * only. So the earlier report is replaced at once, from the config file, by the set saying the merge gave no verdict
   * (reporters/in-progress.ts: NO-GO, exit 1, junit.xml failing); a merge that reads its blobs replaces that set with
   * its own (onTestRunStart, then its verdict). One line at the exit when the blobs were never read.
   */
  standInForMerge(blobsDir: string): void {
    const s = this.settings
    const unread = reason('reporter.merge_unread', { dir: blobsDir })
    try {
      writeInProgress(s.reportDir, { ...this.inProgressRun(), failure: say(unread, s.locale) })
    } catch (error) {
      this.logReason(reason('reporter.in_progress_failed', { dir: s.reportDir, error: errorText(error) }))
    }
    process.once('exit', () => {
      if (!this.mergeRead && !this.startupSignal)
        this.safeLog(`harena-validation: ${say(reason('reporter.merge_unread_line', { dir: blobsDir, reportDir: s.reportDir }), s.locale)}`)
    })
  }

  onWatcherRerun(): void {
    this.rerunPending = true
  }

  /** Where junit.xml goes and the release-criteria suite to add (ReleaseJunitReporter asks once the run ended). */
  junitPlan(): JunitPlan {
    return this.junitPlanValue ?? { dir: this.settings.reportDir, suite: null, secrets: secretsOf(this.settings) }
  }

  /** The documents' directory: exploratory runs write beside the release report, never over it. */
  private outputDir(): string {
    return this.scope === 'exploratory' ? join(this.settings.reportDir, 'exploratory') : this.settings.reportDir
  }

  /**
   * This run's `-t`: in a watch or UI session the one last entered (the `t` key, the UI's filter), which Vitest keeps
   * apart from the session's starting config (getGlobalTestNamePattern); config.testNamePattern stays the first.
   */
  private namePattern(): RegExp | undefined {
    const vitest = this.vitest
    if (vitest === undefined) return undefined
    return typeof vitest.getGlobalTestNamePattern === 'function' ? vitest.getGlobalTestNamePattern() : vitest.config.testNamePattern
  }

  /** A run is exploratory when it was filtered by name, ran fewer spec files than configured, or is a re-run. */
  private scopeOf(specifications: ReadonlyArray<TestSpecification>): { scope: RunScope; filter: string } {
    const L = this.settings.locale
    const pattern = this.namePattern()
    if (pattern) return { scope: 'exploratory', filter: say({ code: 'gate.filter.name', params: { pattern: String(pattern) } }, L) }
    if (this.rerunPending) return { scope: 'exploratory', filter: say({ code: 'gate.filter.rerun', params: {} }, L) }
    // One shard judged alone (its blob not asked for, or this reporter still on): its share of the plan, never the
    // release's verdict — the other questions are not "not executed" (docs/sharding.md).
    const shard = this.vitest?.config.shard
    if (shard && !this.isMerge())
      return { scope: 'exploratory', filter: say({ code: 'gate.filter.shard', params: { shard: `${shard.index}/${shard.count}` } }, L) }
    // A merge replays the blobs it was given: a missing shard is named as such (core/shard.ts), not taken for a
    // file filter, and the merge step's own question file says nothing about the shards' spec files.
    if (this.specFiles !== null && !this.isMerge()) {
      const ran = new Set(specifications.filter((sp) => sp.project.name === this.projectName).map((sp) => resolve(sp.moduleId)))
      const missing = this.specFiles.filter((f) => !ran.has(f))
      if (ran.size > 0 && missing.length > 0) {
        const files = [...ran].map((f) => f.split(/[\\/]/).pop()).join(', ')
        return { scope: 'exploratory', filter: say({ code: 'gate.filter.files', params: { files } }, L) }
      }
    }
    return { scope: 'release', filter: '' }
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    // Until the run is known to be another project's or exploratory, the release report is this run's to replace:
    // an error below must not leave the earlier run's verdict in place.
    let release = true
    try {
      this.detachHandlers()
      this.running = true
      this.finalized = false
      this.startedAt = new Date().toISOString()
      this.t0 = performance.now()
      this.records = new Map()
      this.positions = new Map()
      this.failedWithoutRecord = new Set()
      this.retried = new Set()
      this.harnessErrors = []
      this.configurationErrors = []
      this.shards = null
      this.runner = null
      this.lastProduced = null
      this.junitPlanValue = null
      this.refused = false
      this.runId = randomUUID()
      ;({ scope: this.scope, filter: this.filter } = this.scopeOf(specifications))
      this.rerunPending = false
      this.queuedValidationSpecs = specifications.filter((s) => s.project.name === this.projectName).length
      // No spec file at all: the command line selected none (a file filter matching none, `--changed` with nothing
      // changed, `--dir`, `--typecheck.only`). Nothing is asked of the service, so there is no verdict to give and
      // the release report is not this run's to replace; said in one line at the end, exit 1. Two runs with no spec
      // stay ours: a merge (its blobs are judged, a missing one refused) and a configuration error recorded before
      // the run (recordConfigurationError), which replaces the earlier report as any configuration error does.
      this.noQuestionFile = specifications.length === 0 && !this.isMerge() && configurationErrorOf() === null
      // A run of other projects only (e.g. --project unit) is not ours to judge either.
      this.ours = this.queuedValidationSpecs > 0 || (specifications.length === 0 && !this.noQuestionFile)
      if (this.noQuestionFile) this.junitPlanValue = { dir: null, suite: null, secrets: [] }
      release = this.ours && this.scope === 'release'
      // Before anything of this run is written there (the in-progress set, the final documents).
      if (this.ours && !this.claimed(this.outputDir())) return
      if (this.ours && this.handleSignals) this.attachHandlers()
    } catch (error) {
      this.logReason(reason('reporter.hook_failed', { hook: 'onTestRunStart', error: errorText(error) }))
    }
    // Yesterday's GO must not survive this run, whatever failed above: replaced at once by an in-progress report.
    if (release) this.replaceEarlierReport()
  }

  onTestCaseResult(testCase: TestCase): void {
    try {
      this.collect(testCase)
    } catch (error) {
      this.harnessErrors.push(reason('harness.collector', { error: errorText(error) }))
    }
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    endReason: TestRunEndReason,
  ): Promise<void> {
    // The progress line's final figures come before the verdict (core/run-end.ts).
    runEnded()
    // Decided and written synchronously (the junit reporter reads the plan), printed last: after junit.xml.
    this.terminalFor = null
    let terminal = this.decideAndWrite(testModules, unhandledErrors, endReason)
    // In the same tick as the decision: a signal that came while it was written is held too (holdSignals).
    const held = this.holdSignals()
    try {
      const junitError = (await this.junitReporter()?.done) ?? null
      if (junitError !== null) terminal = this.junitUnwritten(junitError) ?? terminal
    } catch (error) {
      this.logReason(reason('reporter.hook_failed', { hook: 'onTestRunEnd', error: errorText(error) }))
      if (!process.exitCode) process.exitCode = 1
    }
    if (terminal) this.out(terminal)
    // After junit.xml (the last file of the run), on every path of the run's end: decided, nothing to judge, failed.
    this.releaseLocks()
    this.removeMadeDirs()
    this.keepExitCodeOnSignal()
    held.release()
  }

  /**
   * junit.xml could not be written (a full disk) after the other documents were: they said the verdict and its exit
   * code, which no longer hold. Like a document that cannot be written (produceAndWrite): one line naming the file,
   * every document replaced by the set saying there is no verdict (NO-GO, exit 1), and the terminal's last line and
   * the exit code saying the same. Returns the terminal text to print instead, or null when there is none.
   */
  private junitUnwritten(error: Error): string | null {
    const dir = this.junitPlan().dir ?? this.outputDir()
    const why = reason('reporter.cannot_write', { dir, file: REPORT_FILES.junit, error: errorText(error) })
    const failure = say(why, this.settings.locale)
    this.logReason(why)
    const produced = this.lastProduced
    if (produced !== null) this.unreadable(produced, produced.model.signal ?? null)
    process.exitCode = produced?.verdict.exitCode ?? 1
    if (this.scope === 'release') this.writeNoVerdict(failure)
    return this.terminalFor?.(failure) ?? null
  }

  /**
   * From the verdict's decision until its last line is printed, junit.xml written in between (asynchronously, by
   * ReleaseJunitReporter): a SIGINT/SIGTERM is held, not acted on. Vitest's own handler would set nothing (the
   * decided code is set already) and end the process 1 ms later: no verdict line, junit.xml left as the run's
   * "running" stand-in beside documents saying GO, exit 0 (review 2026-12-05). The writing is short: it completes,
   * then the signal is delivered to the handlers that were there (Vitest's, keepExitCodeOnSignal's) and the process
   * exits with the decided code — the rule of a signal after the verdict (README, "Ctrl-C keeps what was judged").
   * Every listener is taken off meanwhile: Vitest's is registered first and would run before any of ours.
   */
  private holdSignals(): { release: () => void } {
    if (!this.handleSignals) return { release: () => undefined }
    const signals = ['SIGINT', 'SIGTERM'] as const
    const saved = signals.map((signal) => ({ signal, listeners: process.rawListeners(signal) as Array<(s: NodeJS.Signals) => void> }))
    let received: NodeJS.Signals | null = null
    const hold = (signal: NodeJS.Signals) => {
      received ??= signal
    }
    for (const { signal, listeners } of saved) {
      process.on(signal, hold)
      for (const listener of listeners) process.removeListener(signal, listener)
    }
    const release = () => {
      for (const { signal, listeners } of saved) {
        // Put back first (in their order, before any added meanwhile), then the hold goes: never a moment without one.
        const added = process.rawListeners(signal).filter((l) => l !== hold) as Array<(s: NodeJS.Signals) => void>
        for (const listener of added) process.removeListener(signal, listener)
        for (const listener of [...listeners, ...added]) process.on(signal, listener)
        process.removeListener(signal, hold)
      }
      if (received !== null) process.emit(received, received)
    }
    return { release }
  }

  private exitCodeKept = false

  /**
   * `vitest run`, its last line printed and every document written: the run is complete, so a signal from here on
   * (Ctrl-C while Vitest closes, the embedded service stops, the workers end) no longer changes its exit code — the
   * process exits at once with the code the documents say. Without this, once Vitest had removed its own handler, the
   * signal killed the process: the shell saw 130 under a printed "GO (exit 0)" (review 2026-12-05). A watch or UI
   * session outlives its runs: a signal there ends the session as Vitest says.
   *
   * The last window: when the event loop empties, Node emits 'exit' and then closes its handles, the signal watchers
   * with them — SIGINT and SIGTERM are back to their default (killing the process) for the ~100 ms Node still takes
   * to tear down. Leaving through process.exit() once every 'exit' listener has run skips that teardown: the handler
   * stays armed until the process is gone.
   */
  private keepExitCodeOnSignal(): void {
    if (!this.handleSignals || this.exitCodeKept || this.vitest?.config.watch === true) return
    this.exitCodeKept = true
    const keep = () => this.exit(currentExitCode() ?? 0)
    process.on('SIGINT', keep)
    process.on('SIGTERM', keep)
    const leave = (code: number) => {
      // The listeners added after this one have not run yet: they run first, then the process leaves.
      const listeners = process.listeners('exit')
      for (const listener of listeners.slice(listeners.indexOf(leave) + 1)) {
        try {
          listener.call(process, code)
        } catch {
          // one listener's failure does not keep the others from running
        }
      }
      process.exit()
    }
    process.on('exit', leave)
  }

  private junit: ReleaseJunitReporter | null = null

  /** The junit reporter that adds the release-criteria suite (validation.config.ts wires the two). */
  attachJunit(junit: ReleaseJunitReporter): void {
    this.junit = junit
  }

  private junitReporter(): ReleaseJunitReporter | null {
    return this.junit
  }

  /** Returns the terminal text to print once every file is on disk (empty when nothing is to be said). */
  private decideAndWrite(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    endReason: TestRunEndReason,
  ): string {
    let text = ''
    const say_ = (t: string) => {
      text += t
    }
    try {
      if (this.finalized || !this.running) return text
      // Re-read every test from the modules: authoritative, and catches a result whose hook we missed.
      let outsideFailure = unhandledErrors.length > 0
      let validationModules = 0
      const shardRecords: ShardRecord[] = []
      const validationFiles: string[] = []
      for (const m of testModules) {
        if (m.project.name !== this.projectName) {
          if (!m.ok()) outsideFailure = true
          continue
        }
        validationModules++
        validationFiles.push(m.moduleId.split(/[\\/]/).pop() ?? '')
        const shard = m.meta().validationShard
        if (shard) shardRecords.push(shard)
        for (const e of m.errors())
          this.harnessErrors.push(reason('harness.module', { file: m.moduleId.split(/[\\/]/).pop() ?? '', error: errorText(e) }))
        for (const t of m.children.allTests()) this.collect(t)
      }
      for (const e of unhandledErrors) this.harnessErrors.push(reason('harness.unhandled', { error: errorText(e) }))
      if (this.isMerge()) this.shards = this.mergedShards(shardRecords, validationFiles)
      if (this.queuedValidationSpecs > 0 && validationModules === 0 && endReason !== 'interrupted')
        this.harnessErrors.push(reason('harness.setup_failed'))
      if (this.noQuestionFile) return this.nothingSelected()
      // `-t` matched none of the questions and probes of the run's files: the global setup asked nothing.
      const unnamed = nothingSelectedOf()
      // Never in a watch or UI session: its global setup never takes that shortcut (a later run may filter otherwise).
      if (unnamed !== null && !this.isMerge() && this.vitest?.config.watch !== true && unnamed === String(this.namePattern() ?? ''))
        return this.nothingSelected(unnamed)
      if (!this.ours || (this.queuedValidationSpecs === 0 && !this.hasValidationProject())) {
        this.finish() // the validation project is not part of this run: nothing to judge, nothing to write
        return text
      }
      const validationFailed = testModules.some((m) => m.project.name === this.projectName && !m.ok())
      // What Vitest decided before the verdict: the verdict's exit code is decided from it, once (reporters/decide.ts
      // exitCodeOf), and every document writes that code; the process exits with it below.
      this.runner = { exitCode: currentExitCode(), outsideFailure }
      // Why the process's exit code differs from what the failures or the verdict suggest, before the verdict line.
      const exitNotes = (produced: Produced): string => {
        const code = produced.verdict.exitCode
        let notes = ''
        if (validationFailed && code === 0)
          notes += `   ${say({ code: 'report.term.tolerated', params: { decision: produced.verdict.decision } }, this.settings.locale)}\n`
        const s = this.settings
        if (outsideFailure && code !== verdictExitCode(produced.verdict.decision, produced.verdict.harnessError, s.failOnConditional))
          notes += `   ${say(reason('reporter.outside_failures', { code }), this.settings.locale)}\n`
        return notes
      }
      // An exploratory run makes no release decision: its code is Vitest's own (exitCodeOf), without the notes.
      const produced = this.produceAndWrite(endReason === 'interrupted', false, null, false, say_, exitNotes)
      process.exitCode = produced.verdict.exitCode
      // Vitest UI draws its green bar from the tests alone: the decision is shown there too (reporters/ui-decision.ts).
      if (this.scope === 'release' && servesUi(this.vitest)) this.showInUi(produced, testModules, unhandledErrors)
    } catch (error) {
      // Never let a reporter bug pass as GO: say it, on disk too, and fail the run as a harness error.
      const failure = errorText(error)
      this.logReason(reason('reporter.no_verdict', { error: failure }))
      if (this.scope === 'release') this.writeNoVerdict(failure)
      if (!process.exitCode) process.exitCode = 1
    } finally {
      this.finish()
    }
    return text
  }

  /** A failure here loses only the UI's copy of the decision: the documents are written, the terminal says it. */
  private showInUi(produced: Produced, modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    try {
      if (this.vitest) showInUi(this.vitest, this.projectName, produced.model, produced.verdict, modules, unhandledErrors)
    } catch (error) {
      this.logReason(reason('reporter.ui_failed', { error: errorText(error) }))
    }
  }

  /**
   * The end of a run that selected no question file: one line, no document. Exit 1 in `vitest run`, whatever Vitest
   * would say (`--changed` and `--passWithNoTests` pass with no file): a release gate that asked nothing has not
   * passed, and NO-GO's exit 2 belongs to a service that failed. A watch session goes on (its exit code unset).
   */
  private nothingSelected(pattern: string | null = null): string {
    if (this.vitest?.config.watch !== true) process.exitCode = 1
    // No junit.xml either; the directory this run claimed for its documents goes again if it made it (below).
    this.junitPlanValue = { dir: null, suite: null, secrets: [] }
    this.dropMadeDirs = true
    const line =
      pattern === null
        ? reason('reporter.no_question_file', { dir: this.settings.reportDir })
        : reason('reporter.no_question_named', { pattern, dir: this.settings.reportDir })
    // Masked like the test titles the pattern was matched against (tests/support/titles.ts): `-t Carrefour` with the
    // password « Carrefour! » matches none of them, and the line names the pattern.
    return `harena-validation: ${redact(say(line, this.settings.locale), secretsOf(this.settings))}\n`
  }

  /** Set when the run wrote nothing: the report directories its lock created are removed once the lock is given up. */
  private dropMadeDirs = false
  private readonly madeDirs = new Set<string>()

  private removeMadeDirs(): void {
    if (this.dropMadeDirs)
      for (const dir of this.madeDirs) {
        try {
          rmdirSync(dir) // only when empty
        } catch {
          // something else is there: left as it is
        }
      }
    this.madeDirs.clear()
    this.dropMadeDirs = false
  }

  // ------------------------------------------------------------------------------------------------------------

  private collect(testCase: TestCase): void {
    if (testCase.project.name !== this.projectName) return
    // Belt and braces for the global setup's refusal of --retry: a retried question lost its first try.
    const retries = testCase.diagnostic()?.retryCount ?? 0
    if (retries > 0 && !this.retried.has(testCase.id)) {
      this.retried.add(testCase.id)
      this.harnessErrors.push(reason('harness.retried', { test: testCase.fullName, retries }))
    }
    const record = testCase.meta().validation
    if (record) {
      this.records.set(testCase.id, record)
      if (!this.positions.has(testCase.id)) this.positions.set(testCase.id, positionOf(testCase))
      return
    }
    const result = testCase.result()
    if (result.state === 'failed') {
      if (!this.failedWithoutRecord.has(testCase.id)) {
        this.failedWithoutRecord.add(testCase.id)
        const error = result.errors?.[0]
        this.harnessErrors.push(reason('harness.no_record', { test: testCase.fullName, error: error === undefined ? null : errorText(error) }))
      }
    }
  }

  /** `vitest run --merge-reports`: the run is replayed from blobs; the shards, not this process, asked the target. */
  private isMerge(): boolean {
    return Boolean(this.vitest?.config.mergeReports)
  }

  /**
   * The shards' own record of their run (docs/sharding.md): refused in one line when they differ, the missing ones
   * named. The merge step's environment never decides the target, the settings or the question set.
   */
  private mergedShards(records: ShardRecord[], presentFiles: readonly string[]): MergedShards | null {
    // One record per shard run; the spec files of a shard may carry different stages of its credentials history.
    // Vitest keeps one module per spec file (the newest blob's): two blobs of one shard are seen in the blobs only.
    const blobFiles = this.blobFiles()
    const distinct = distinctShards([...records, ...blobFiles.map((f) => f.record)])
    const first = distinct[0]
    if (first === undefined) {
      this.refuse(reason('config.merge.no_record'))
      return null
    }
    // Said in the shards' language, as the merged report is (their settings, not this process's).
    const locale = first.settings.locale
    // The blobs' spans where Vitest exposes them, else the merged modules' (one per spec file).
    const spans = shardSpans(blobFiles.length > 0 ? blobFiles : this.mergedFileTimes())
    const why = shardDisagreement(distinct) ?? copiedBlob(blobFiles) ?? otherCampaign(distinct, spans)
    if (why !== null) this.refuse(why, locale)
    const startedAt = distinct.map((r) => r.startedAt).sort()[0] ?? first.startedAt
    const missing = missingShards(distinct)
    // Every shard there, alike, and still not the whole plan: refused (a missing shard is named below instead).
    const partial = why === null && missing.missing.length === 0 ? partialShards(distinct, presentFiles) : null
    if (partial !== null) this.refuse(partial, locale)
    const seen = distinct.map((r) => (r.shard ? `${r.shard.index}/${r.shard.count}` : '1/1')).join(', ')
    const merging = reason('reporter.merging', {
      shards: seen,
      url: first.target.embedded ? null : first.target.baseUrl,
      contract: first.target.contract,
    })
    this.out(`harena-validation: ${say(merging, locale)}\n`)
    return {
      record: first,
      missing,
      startedAt,
      spans,
      health: mergedHealth(distinct),
      auth: mergedAuth(records),
      preflightError: mergedPreflightError(distinct),
    }
  }

  /**
   * Every spec file of every blob the merge read, with its shard record (Vitest's `state.blobs`, before it keeps one
   * module per file id, the newest): an older blob of a shard beside a newer one, or a copy, is there only. Empty
   * when Vitest does not expose them.
   */
  private blobFiles(): Array<{ file: string | null; record: ShardRecord; startTime?: number; durationMs?: number }> {
    try {
      const state = this.vitest?.state as { blobs?: { files?: ReadonlyArray<BlobFile> } } | undefined
      return this.withRecords(state?.blobs?.files ?? [])
    } catch {
      return []
    }
  }

  /** The merged run's spec files (one per file id, the newest blob's), as blobFiles gives them. */
  private mergedFileTimes(): Array<{ file: string | null; record: ShardRecord; startTime?: number; durationMs?: number }> {
    try {
      return this.withRecords((this.vitest?.state.getFiles() ?? []) as ReadonlyArray<BlobFile>)
    } catch {
      return []
    }
  }

  /** This project's spec files carrying a shard record, with Vitest's start and duration of each. */
  private withRecords(files: ReadonlyArray<BlobFile>): Array<{ file: string | null; record: ShardRecord; startTime?: number; durationMs?: number }> {
    return files.flatMap((f) =>
      (f.projectName ?? '') === this.projectName && f.meta?.validationShard
        ? [{ file: f.id ?? f.filepath ?? null, record: f.meta.validationShard, startTime: f.result?.startTime, durationMs: f.result?.duration }]
        : [],
    )
  }

  /** A configuration error of the merge: one line now, and in the report (exit 1). */
  private refuse(why: Reason, locale: Locale = this.settings.locale): void {
    this.configurationErrors.push(withoutUrlCredentials(why))
    this.safeLog(`harena-validation: ${configurationErrorText(why, locale)}`)
  }

  private hasValidationProject(): boolean {
    return this.vitest?.projects.some((p) => p.name === this.projectName) ?? true
  }

  private provided(): {
    target: TargetInfo | null
    preflightError: Reason | null
    authorization: string | null
    journalPath: string | null
    health: HealthRecord | null
    truth: ShardTruth | null
  } {
    try {
      const project = this.vitest?.projects.find((p) => p.name === this.projectName)
      const ctx = project?.getProvidedContext()
      const t = ctx?.harenaTarget
      return {
        target: t
          ? { baseUrl: safeBaseUrl(t.baseUrl), contract: t.contract, embedded: t.embedded, observes: t.observes, version: t.version ?? null }
          : null,
        preflightError: ctx?.harenaPreflightError ?? null,
        authorization: t?.authorization ?? null,
        journalPath: typeof ctx?.harenaRuntime?.journalPath === 'string' ? ctx.harenaRuntime.journalPath : null,
        health: t?.health ?? null,
        truth: ctx?.harenaRuntime?.shard?.groundTruth ?? null,
      }
    } catch {
      return { target: null, preflightError: null, authorization: null, journalPath: null, health: null, truth: null }
    }
  }

  /** Builds the model from what was collected so far; synchronous (also runs in the signal handler). */
  buildModel(interrupted: boolean, signal: NodeJS.Signals | null = null): { model: RunModel; secrets: string[]; fragmentsDir: string | null } {
    const shards = this.shards
    // A merge judges with the shards' settings; where the reports go and the baseline stay this process's own.
    const s: Settings = shards
      ? { ...this.settings, ...shards.record.settings, contract: shards.record.target.contract as Settings['contract'] }
      : this.settings
    const harnessErrors = [...this.harnessErrors]
    const configurationErrors = [...this.configurationErrors]
    const { target, preflightError, authorization, journalPath, health, truth } = this.provided()
    let plan: QuestionRecord[] = []
    try {
      plan = (shards ? shards.record.questions : loadQuestionsFor(s.questionsPath, s.contract)).map((q) => emptyQuestionRecord(q, s.iterations))
    } catch (error) {
      harnessErrors.push(reason('harness.plan', { error: errorText(error) }))
    }
    // In the order the tests are written (the plan's), not the order they finished: concurrent security probes
    // finished in a different order from one run to the next, and so did every document listing them.
    const recorded = [...this.records.entries()].sort(([a], [b]) => comparePositions(this.positions.get(a), this.positions.get(b))).map(([, r]) => r)
    // A question whose test had not finished (Ctrl-C, a crashed worker, --bail) has no record, or only the snapshot
    // published when it started: its journaled attempts stand in, or complete it. A run whose every question ended
    // with its final record has nothing more in the journal: it is not read (at 1,000,000 attempts that read costs
    // seconds).
    const recordedIds = new Set(recorded.map((r) => r.id))
    const unfinished = interrupted || plan.some((p) => !recordedIds.has(p.id)) || recorded.some((r) => r.attempts.length < r.plannedAttempts)
    if (journalPath !== null && unfinished) {
      try {
        completeFromJournal(recorded, plan, readJournal(journalPath), target?.observes)
      } catch (error) {
        harnessErrors.push(reason('harness.journal', { error: errorText(error) }))
      }
    }
    // The Authorization too (redact() masks its bare token and encoded forms), and a re-login's token
    // (tests/support/auth-broker.ts); a merge has no such state (its shards asked). In the one order the workers use
    // too (core/settings.ts runSecrets): what they scrubbed at the source is then taken as it is.
    const auth = shards ? null : authStateOf()
    const secrets = runSecrets(s, [authorization, ...(auth?.authorizations ?? [])])
    // An exploratory run judges only what it asked: the questions it filtered out are not "not executed".
    const questions = mergeQuestions(this.scope === 'exploratory' ? plan.filter((p) => recorded.some((r) => r.id === p.id)) : plan, recorded)
    const model: RunModel = {
      target: shards?.record.target ??
        target ?? {
          // Not a URL: what the documents show in its place, in the report's language.
          baseUrl: s.baseUrl ? safeBaseUrl(s.baseUrl) : say(reason('run.target.embedded', { started: false }), s.locale),
          contract: s.contract,
          embedded: s.baseUrl === null,
        },
      settings: runSettingsOf(s),
      startedAt: shards?.startedAt ?? this.startedAt,
      // A merge: from the first shard's start to the last one's end, not the merge's own few milliseconds.
      durationMs: (shards ? campaignDuration(shards.spans) : null) ?? performance.now() - this.t0,
      shards: shards ? shards.spans : null,
      interrupted,
      signal: signal === 'SIGINT' || signal === 'SIGTERM' ? signal : null,
      // An end before Vitest's own (a signal, an exit, a configuration error): the code set so far.
      runner: this.runner ?? { exitCode: currentExitCode(), outsideFailure: false },
      harnessErrors,
      configurationErrors,
      // A merge's shards asked the target, not this process: the first that could not use it says why.
      preflightError: shards ? shards.preflightError : preflightError,
      stopReason: runStoppedReason(),
      // A merge's shards met their credentials' history, not this process: what they recorded (core/shard.ts mergedAuth).
      auth: shards ? shards.auth : auth === null || (auth.auth.relogins.length === 0 && auth.auth.expired === null) ? null : auth.auth,
      // A merge's shards asked the health route, not this process: what they recorded (core/shard.ts).
      health: shards ? shards.health : health,
      runId: this.runId,
      scope: this.scope,
      filter: this.filter,
      questions,
      clientLoopDelayP99Ms: busiestLoop(recorded),
      // From the measured exchanges' own times (core/applied-load.ts). A merge: the shards ran on other machines,
      // whose clocks need not agree, and when they overlapped is unknown (docs/sharding.md).
      appliedLoad: shards ? null : appliedLoadOf(questions, s.concurrency),
      missingShards: shards && shards.missing.missing.length > 0 ? shards.missing : null,
      unconfronted: unconfrontedOf(shards ? shards.record.groundTruth : truth, questions),
    }
    // An exploratory run asked a subset: compared with the full baseline it would read as another question set.
    if (s.baselinePath !== null && this.scope === 'release') {
      try {
        const run = readBaseline(s.baselinePath)
        const current = {
          contract: model.target.contract,
          settings: comparedSettingsOf(s),
          questions: model.questions.filter((q) => q.probe !== true),
        }
        const why = incomparable(current, run)
        if (why !== null) configurationErrors.push(baselineRefusal(s.baselinePath, why))
        else model.baseline = { run, maxRegression: s.maxRegression }
      } catch (error) {
        configurationErrors.push(
          error instanceof BaselineError ? error.reason : reason('config.baseline.unreadable', { path: s.baselinePath, error: errorText(error) }),
        )
      }
    }
    // What the workers serialized at the source (core/fragments.ts); a merge's shards wrote theirs elsewhere.
    return { model, secrets, fragmentsDir: shards || journalPath === null ? null : fragmentsDirOf(journalPath) }
  }

  /**
   * `early`: the run ends before Vitest's own end-of-run (signal, exit): its JUnit reporter will not write the
   * junit.xml it truncated at start, so a stand-in is written. `beforeVerdict`: lines of a release run that go
   * after the summary and before the verdict line, which stays the terminal's last (README).
   */
  private produceAndWrite(
    interrupted: boolean,
    quiet = false,
    signal: NodeJS.Signals | null = null,
    early = false,
    print: (text: string) => void = this.out,
    beforeVerdict: (produced: Produced) => string = () => '',
  ): Produced {
    const { model, secrets, fragmentsDir } = this.buildModel(interrupted, signal)
    // Scrubbed once per value here, at the source of every document (reporters/scrub-model.ts), except the attempts
    // the workers scrubbed already; the attempts they serialized are copied, not serialized again (core/fragments.ts).
    const fragments = fragmentsDir === null ? undefined : new Fragments(fragmentsDir, secrets, { removeOnRead: true })
    const produced = produce(model, undefined, undefined, secrets, fragments)
    this.lastProduced = produced
    const dir = this.outputDir()
    const release = this.scope === 'release'
    this.junitPlanValue = { dir, suite: release ? releaseCriteriaSuite(model, produced.verdict, produced.aggregate.success) : null, secrets }
    let written = false
    let unwritten: string | null = null
    try {
      writeDocuments(dir, produced, secrets, { early })
      written = true
    } catch (error) {
      const why = reason('reporter.cannot_write', { dir, file: error instanceof DocumentWriteError ? error.file : null, error: errorText(error) })
      unwritten = say(why, this.settings.locale)
      this.logReason(why)
    }
    if (!written) this.unreadable(produced, model.signal ?? null)
    // Documents written part-way (a full disk, a renderer's bug) would leave this run's start ("running") beside
    // pieces of its verdict: every document says NO-GO and why instead (reporters/in-progress.ts), where it can.
    if (unwritten !== null && release) this.writeNoVerdict(unwritten)
    try {
      if (release) appendStepSummary(produced.markdown, secrets, process.env, stepSummaryPlan(this.settings.locale, join(dir, REPORT_FILES.md)))
    } catch (error) {
      this.logReason(reason('reporter.summary_failed', { error: errorText(error) }))
    }
    const terminal = (failure: string | null): string =>
      release
        ? this.releaseTerminal(produced, dir, failure, beforeVerdict)
        : exploratoryTerminal(model, produced.aggregate, { dir, release: this.settings.reportDir })
    // junit.xml is written after this (ReleaseJunitReporter): when it cannot be, the terminal is told again (onTestRunEnd).
    this.terminalFor = (failure) => redact(terminal(failure), secrets)
    if (!quiet) print(redact(terminal(unwritten), secrets))
    return produced
  }

  /** The last run's terminal text again, once a document written after it (junit.xml) failed: `failure` says which. */
  private terminalFor: ((failure: string) => string) | null = null

  /**
   * A verdict whose documents cannot all be written is read by no one: a harness error, exit 1 — what the documents
   * written in their place say (writeNoVerdict). A signal's own code stays (130/143: Vitest exits with it).
   */
  private unreadable(produced: Produced, signal: NodeJS.Signals | null): void {
    if (signal === null) produced.verdict.exitCode = 1
  }

  /**
   * A release run's terminal: the summary, then its last line — the verdict again, so that whatever scrolls the log's
   * tail says it (issue 9) — or, when a document could not be written (`failure`), that there is none.
   */
  private releaseTerminal(produced: Produced, dir: string, failure: string | null, beforeVerdict: (produced: Produced) => string): string {
    const { model, verdict, aggregate } = produced
    const last =
      failure === null ? verdictLine(model, verdict) : `NO-GO — ${say(reason('reporter.no_verdict', { error: failure }), this.settings.locale)}`
    const annotation = failure === null ? githubAnnotation(model, verdict, aggregate.success) : ''
    const summary = renderTerminal(model, aggregate, verdict, { dir, written: failure === null })
    return `${annotation}${summary}${beforeVerdict(produced)}══ ${last} (exit ${verdict.exitCode}) ══\n`
  }

  /**
   * Synchronous: runs while the process is about to die (signal) or exiting. `cause`: why the run ends early (a
   * harness error: the process exited), or null for a signal or a configuration error (said elsewhere).
   */
  private writeIncomplete(cause: Reason | null, signal: NodeJS.Signals | null = null): void {
    if (this.finalized || !this.running) return
    this.finalized = true
    runEnded()
    try {
      const configurationError = configurationErrorOf()
      if (configurationError !== null) {
        // globalSetup already said it in one line and exits 1: record it (so no stale report from an earlier run
        // is taken for this one's) without printing a verdict about a service that was never asked.
        this.configurationErrors.push(configurationError)
        this.produceAndWrite(false, true, null, true)
        this.dropJournal()
        return
      }
      if (cause !== null) this.harnessErrors.push(cause)
      // Why the run stopped, then the verdict line last (README: the terminal's last line is the verdict).
      const stoppedLine = (produced: Produced): string => {
        const stopped = reason('reporter.stopped_early', { ...cause?.params, cause: cause?.code ?? 'signal', decision: produced.verdict.decision })
        return `validation reporter: ${say(stopped, this.settings.locale)}\n`
      }
      this.produceAndWrite(true, false, signal, true, this.out, stoppedLine)
      this.dropJournal()
    } catch (error) {
      this.logReason(reason('reporter.incomplete_failed', { error: errorText(error) }))
    }
  }

  /** What the in-progress set of this run says (reporters/in-progress.ts). */
  private inProgressRun(): InProgress {
    const s = this.settings
    return {
      runId: this.runId,
      startedAt: this.startedAt,
      locale: s.locale,
      target: {
        baseUrl: s.baseUrl ?? say(reason('run.target.embedded', { started: null }), s.locale),
        contract: s.contract,
        embedded: s.baseUrl === null,
      },
      criterionIds: buildCriteria(s).map((c) => c.id),
    }
  }

  /**
   * The earlier run's documents are replaced by this run's in-progress set. When that set cannot be written (any
   * cause: the directory, a file name taken, a criterion that cannot be built), the earlier documents are removed
   * instead and the run goes on (its end writes its verdict, or says it could not); when they cannot be removed
   * either, the run stops here, before any request, with one line and exit 1: a report nobody can replace would
   * pass for this run's.
   */
  private replaceEarlierReport(): void {
    const s = this.settings
    let cause: string
    try {
      writeInProgress(s.reportDir, this.inProgressRun())
      return
    } catch (error) {
      cause = errorText(error)
    }
    const left = removeStaleReports(s.reportDir)
    if (left.length === 0) {
      // The run goes on: its final report will replace whatever is there; say why the old one could not be.
      this.logReason(reason('reporter.in_progress_failed', { dir: s.reportDir, error: cause }))
      return
    }
    this.stopBeforeAnyRequest(
      reason('config.report_dir.unreplaceable', { variable: 'VALIDATION_REPORT_DIR', path: s.reportDir, error: cause, files: left }),
    )
  }

  /** One line, exit 1, before the global setup sends anything (it runs after onTestRunStart). */
  private stopBeforeAnyRequest(cause: Reason): void {
    this.safeLog(`harena-validation: ${configurationErrorText(cause, this.settings.locale)}`)
    markConfigurationError(cause)
    this.finalized = true
    this.running = false
    this.detachHandlers()
    this.exit(1)
  }

  private attachHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.writeIncomplete(null, signal)
      // Vitest's own handler (registered first) has already set exitCode 130/143 and scheduled process.exit().
      if (!process.exitCode) process.exitCode = signal === 'SIGTERM' ? 143 : 130
    }
    const onExit = () => this.writeIncomplete(reason('harness.exited'))
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    process.once('exit', onExit)
    this.detach = () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      process.off('exit', onExit)
    }
  }

  private detachHandlers(): void {
    this.detach?.()
    this.detach = null
  }

  private dropJournal(): void {
    const { journalPath } = this.provided()
    if (journalPath === null) return
    try {
      removeJournal(journalPath)
    } catch {
      // a temporary file left behind is harmless
    }
  }

  private finish(): void {
    this.dropJournal()
    this.finalized = true
    this.running = false
    this.detachHandlers()
  }

  /** One of the reporter's own lines, in the run's language, scrubbed: an error may quote a body or a header. */
  private logReason(line: Reason): void {
    this.safeLog(redact(`validation reporter: ${say(line, this.settings.locale)}`, this.knownSecrets()))
  }

  /** The secrets known without building the model (which may be what failed): configured, and the run's tokens. */
  private knownSecrets(): string[] {
    try {
      return runSecrets(this.settings, [this.provided().authorization, ...(authStateOf()?.authorizations ?? [])])
    } catch {
      return secretsOf(this.settings)
    }
  }

  /**
   * The verdict could not be produced: the in-progress set this run wrote at its start is replaced by one saying so
   * (reporters/in-progress.ts: NO-GO, exit 1) — a "running" left behind would read as a run still going.
   */
  private writeNoVerdict(failure: string): void {
    const s = this.settings
    try {
      const secrets = this.knownSecrets()
      const run = { ...this.inProgressRun(), failure: redact(failure, secrets) }
      // Vitest's JUnit reporter writes junit.xml after this: with the release-criteria suite failing, saying why.
      this.junitPlanValue = { dir: s.reportDir, suite: inProgressSuite(run.criterionIds, run.runId, run.locale, run.failure), secrets }
      writeInProgress(s.reportDir, run)
    } catch (error) {
      this.safeLog(redact(`validation reporter: ${errorText(error)}`, this.knownSecrets()))
    }
  }

  private safeLog(text: string): void {
    try {
      process.stderr.write(`${text}\n`)
    } catch {
      // nothing left to do
    }
  }
}

/** A spec file's task as a blob carries it (Vitest's `state.blobs.files`), as far as the merge reads it. */
interface BlobFile {
  /** The spec file's task id (its path relative to the project and the project's name, hashed). */
  id?: string
  filepath?: string
  projectName?: string
  meta?: { validationShard?: ShardRecord }
  /** When Vitest ran the file in its shard (ms since the epoch) and for how long. */
  result?: { startTime?: number; duration?: number }
}

/** First shard start to last shard end (ms); null when a shard's end is unknown. */
function campaignDuration(spans: readonly ShardSpan[]): number | null {
  if (spans.length === 0 || spans.some((s) => s.endedAt === null)) return null
  const start = Math.min(...spans.map((s) => Date.parse(s.startedAt)))
  const end = Math.max(...spans.map((s) => Date.parse(s.endedAt ?? s.startedAt)))
  return Math.max(0, end - start)
}

/** The exit code set so far (Vitest sets 1 before onTestRunEnd when a test failed), or null. */
function currentExitCode(): number | null {
  const code = process.exitCode === undefined || process.exitCode === null ? null : Number(process.exitCode)
  return code === null || Number.isNaN(code) ? null : code
}

/** A test's place in its file: its module and its index among the module's tests, in the order they are written. */
function positionOf(testCase: TestCase): readonly [string, number] {
  let index = 0
  for (const test of testCase.module.children.allTests()) {
    if (test.id === testCase.id) break
    index++
  }
  return [testCase.module.moduleId, index]
}

function comparePositions(a: readonly [string, number] | undefined, b: readonly [string, number] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  return a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1
}

/** This run's questions the truth file gave no figures for (core/shard.ts ShardTruth), in the plan's order. */
function unconfrontedOf(truth: ShardTruth | null | undefined, questions: readonly QuestionRecord[]): string[] {
  const lacking = new Set(truth?.unconfronted ?? [])
  return questions.filter((q) => q.probe !== true && lacking.has(q.id)).map((q) => q.id)
}
