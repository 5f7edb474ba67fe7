// Loads the settings for a Vitest config file (the ground-truth file included); a ConfigError or a bad ground truth
// ends the process with one line and exit 1, before any worker starts or any request is sent.
import { existsSync, statSync } from 'node:fs'
import { relative, resolve, isAbsolute } from 'node:path'
import { ConfigurationError, configurationErrorText } from '../../core/configuration-error.ts'
import { loadGroundTruth } from '../../core/ground-truth.ts'
import { loadQuestions } from '../../core/questions.ts'
import '../../core/locale/run.ts'
import { say } from '../../core/locale/index.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { removeStaleReports } from '../../core/report-files.ts'
import { configurationLocale, DEFAULTS, loadSettings, readEnvironment, type Settings } from '../../core/settings.ts'
import { embeddedOptionsFrom, parseEmbeddedOptions, referenceContractDisagreement } from './embedded-options.ts'

export function loadSettingsOrExit(): Settings {
  try {
    const settings = loadSettings()
    // The ground-truth file is a setting too: a file that is not one stops the run here, with the other settings,
    // before the target is asked anything (globalSetup loads it again, also before any request). Its ids must be the
    // question set's: a key the set does not have is refused (a bad question file is refused here too, as it is later),
    // and so is a file made for another user than HARENA_USER_ID (its `account.userId`).
    if (settings.groundTruthPath !== null)
      loadGroundTruth(settings.groundTruthPath, {
        questionIds: loadQuestions(settings.questionsPath).map((q) => q.id),
        userId: settings.userId,
      })
    // So are the embedded service's (REFERENCE_NOW, REFERENCE_FAULTS…) when it is the target: checked here, before the
    // run's cost line promises requests it will never send (review 2026-12-05: two lines, the cost line first).
    if (settings.baseUrl === null) {
      const env = readEnvironment()
      const [bad] = parseEmbeddedOptions(embeddedOptionsFrom(env)).problems
      const wrong = bad ?? referenceContractDisagreement(env, settings.contract)
      if (wrong !== undefined && wrong !== null) exitWithConfigurationError(wrong, String(wrong.params.variable))
    }
    return settings
  } catch (error) {
    // A bad setting or ground-truth file (core/settings.ts ConfigError, core/ground-truth.ts GroundTruthError).
    if (error instanceof ConfigurationError) exitWithConfigurationError(error.reason, error.variable)
    throw error
  }
}

/**
 * One line, no earlier report left to be mistaken for this run's, exit 1 (docs/verdict-rules.md). The line is in
 * VALIDATION_LOCALE's language, English when VALIDATION_LOCALE itself is the bad value (core/settings.ts
 * configurationLocale); it still names the variable and its accepted values.
 */
export function exitWithConfigurationError(cause: Reason, variable: string): never {
  process.stderr.write(`harena-validation: ${configurationErrorText(cause, configurationLocale())}\n`)
  clearEarlierReports(variable)
  process.exit(1)
}

/**
 * This run writes no report, so an earlier run's report in the same directory must not pass for this one's
 * (a CI step reading validation-report.json after a typo in .env would otherwise read yesterday's GO).
 */
function clearEarlierReports(badVariable: string): void {
  if (badVariable === 'VALIDATION_REPORT_DIR') return
  try {
    const env = readEnvironment()
    const raw = env.VALIDATION_REPORT_DIR?.trim() || DEFAULTS.VALIDATION_REPORT_DIR
    const dir = resolve(process.cwd(), raw)
    // A refused VALIDATION_BASELINE that names a file in that directory (its own earlier report): the user's
    // evidence, kept. One anywhere else (a missing baseline/validation-report.json) leaves nothing of the user's there.
    if (badVariable === 'VALIDATION_BASELINE' && isInside(dir, resolve(process.cwd(), env.VALIDATION_BASELINE?.trim() ?? ''))) return
    const left = existsSync(dir) && statSync(dir).isDirectory() ? removeStaleReports(dir) : []
    if (left.length > 0)
      process.stderr.write(`harena-validation: ${say(reason('reporter.earlier_left', { files: left, dir }), configurationLocale())}\n`)
  } catch {
    // nothing to clear, or not ours to clear: the exit code 1 still tells the truth
  }
}

/** `path` is `dir` or lies under it. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
