// What the three Phase 2 commands share: settings or one line per bad value (exit 1), signals that end the
// run with a report marked interrupted (a second signal exits at once, or stops a running command), and terminal output.
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { configurationErrorText } from '../../core/configuration-error.ts'
import { noteInvoker, stopWhenInvokerGone } from '../../core/invoker.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { configurationLocale, readEnvironment } from '../../core/settings.ts'
import { terminalText } from '../../core/terminal-text.ts'
import { commandRunning } from '../command.ts'
import type { EarlySignal } from './claim.ts'
import { EXIT } from '../exit-codes.ts'
import { type RELEASE_FILES, removeStale } from '../files.ts'
import { rollbackWaitRunning } from '../rollback.ts'
import { loadPhaseTwoSettings, type PhaseTwoSettings, SettingsError } from '../settings.ts'

export const PREFIX = 'harena-release:'

export function loadOrExit(stale: ReadonlyArray<keyof typeof RELEASE_FILES>): PhaseTwoSettings {
  try {
    const settings = loadPhaseTwoSettings()
    removeStale(settings.suite.reportDir, stale)
    return settings
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    // VALIDATION_LOCALE's language, English when VALIDATION_LOCALE itself is the bad value (core/settings.ts).
    const locale = configurationLocale()
    for (const why of error.reasons) process.stderr.write(`${PREFIX} ${configurationErrorText(why, locale)}\n`)
    clearEarlier(stale)
    process.exit(EXIT.config)
  }
}

/** No report of this run: an earlier run's must not pass for it (same rule as the suite's). */
function clearEarlier(stale: ReadonlyArray<keyof typeof RELEASE_FILES>): void {
  try {
    const dir = resolve(process.cwd(), readEnvironment().VALIDATION_REPORT_DIR?.trim() || 'reports')
    if (existsSync(dir) && statSync(dir).isDirectory()) removeStale(dir, stale)
  } catch {
    // nothing to clear
  }
}

export interface Interrupts {
  signal: AbortSignal
  name: () => 'SIGINT' | 'SIGTERM' | null
  /** Aborted by a second signal while a deploy or rollback command runs: the command's group is stopped. */
  stop: AbortSignal
  /** Stops the run as a first SIGTERM does; nothing when a signal already stops it (never the second signal's exit). */
  asSigterm: () => void
}

/**
 * How close a repeat of the same signal must follow the one counted to be a copy of it, not a second press. One
 * Ctrl-C under `npm run monitor|release` reaches this process twice: from the terminal (SIGINT to the foreground
 * process group) and again from npm, which hands every SIGINT/SIGTERM it gets to its child; `kill -TERM -<pgid>` does
 * the same. npm's copy follows within milliseconds, tens on a loaded machine; a person pressing again on purpose
 * (after reading "once more to exit now") takes longer than this. A deliberate double-tap inside the window counts
 * once: the safe side (the first signal already stops the run), and another press counts.
 */
export const SAME_SIGNAL_WINDOW_MS = 400

/**
 * First SIGINT/SIGTERM: stop measuring and write the report (marked interrupted); a running deploy or rollback
 * command is let finish. Second: exit now — unless a command runs: then its process group is stopped (TERM, then
 * KILL, release/command.ts) and the report says so; or unless the rollback's readiness wait runs (its command done):
 * then the wait stops and the report says so (release.rollback.ready_stopped). A third exits at once (the command's group is killed on exit).
 * A repeat of the signal last counted within SAME_SIGNAL_WINDOW_MS is the same user action and is not counted.
 * `early`: the signals that came before (release/cli/claim.ts holdSignals), handled first as if they came now.
 */
export function onInterrupt(locale: Locale, early: () => EarlySignal[] = () => []): Interrupts {
  const controller = new AbortController()
  const stopper = new AbortController()
  let name: 'SIGINT' | 'SIGTERM' | null = null
  let counted: { sig: 'SIGINT' | 'SIGTERM'; at: number } | null = null
  const handler = (sig: 'SIGINT' | 'SIGTERM', at = performance.now()) => {
    if (counted !== null && counted.sig === sig && at - counted.at < SAME_SIGNAL_WINDOW_MS) return
    counted = { sig, at }
    if (name !== null) {
      const command = commandRunning()
      if (stopper.signal.aborted || (!command && !rollbackWaitRunning())) process.exit(sig === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM)
      const code = command ? 'release.cli.stopping_command' : 'release.cli.stopping_wait'
      process.stderr.write(`${PREFIX} ${say({ code, params: { signal: sig } }, locale)}\n`)
      stopper.abort()
      return
    }
    name = sig
    process.stderr.write(`${PREFIX} ${say({ code: 'release.cli.signal', params: { signal: sig } }, locale)}\n`)
    controller.abort()
  }
  process.on('SIGINT', () => handler('SIGINT'))
  process.on('SIGTERM', () => handler('SIGTERM'))
  // Those that came while the command loaded (release/cli/claim.ts), taken once these listeners are on: none is lost.
  for (const { sig, at } of early()) handler(sig, at)
  return {
    signal: controller.signal,
    name: () => name,
    stop: stopper.signal,
    asSigterm: () => {
      if (name === null) handler('SIGTERM')
    },
  }
}

/**
 * A command whose invoker is gone (npm killed outright: SIGKILL, the OOM killer, a CI timeout) stops as on SIGTERM
 * (core/invoker.ts): the interrupted report, exit 143 — never a "Stable" nor a rollback for nobody; a rollback
 * command already running is let finish, as after a first signal. `parent`: the pid noted when the command started.
 */
export function stopWhenOrphaned(parent: number, interrupts: Interrupts, locale: Locale): void {
  noteInvoker(parent)
  stopWhenInvokerGone({ say: (line) => process.stderr.write(`${PREFIX} ${line}\n`), locale, stop: interrupts.asSigterm })
}

/**
 * Lines long enough for every reason a command prints (a failed verify's reasons joined on the release's headline);
 * the documents hold the whole text.
 */
const LINE_MAX = 4000

/**
 * One terminal line. Our lines carry target text (the health route's version and status, the judged answers'
 * reasons): stripped of control characters as Phase 1 does (core/terminal-text.ts), so a hostile target cannot
 * rewrite the line (a FAILED verify shown as "verify OK" by a version holding CR and escape sequences).
 */
export const terminalLine = (line: string): string => terminalText(line, LINE_MAX)

export const out = (line: string): void => {
  process.stdout.write(`${terminalLine(line)}\n`)
}
