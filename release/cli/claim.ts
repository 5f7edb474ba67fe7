// The first thing `npm run monitor|release|verify` does, before it loads anything heavy (the settings' schemas, the
// locale catalogues, the pipeline: most of a second on a loaded machine): claim the report directory
// (core/dir-lock.ts) and remove the earlier run's documents. A signal or a crash while the rest loads then leaves no
// earlier "Stable" to pass for this run, and a second command into the directory stops before touching it.
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Claim, claimDir, LOCK_FILES, lockedReason } from '../../core/dir-lock.ts'
import { readEnvironment } from '../../core/environment.ts'
import { type RELEASE_FILES, removeStale } from '../files.ts'

/** VALIDATION_REPORT_DIR as the settings resolve it (core/settings.ts), read before they are loaded. */
function reportDir(): string {
  return resolve(process.cwd(), readEnvironment().VALIDATION_REPORT_DIR?.trim() || 'reports')
}

function notADirectory(path: string): boolean {
  try {
    return !statSync(path).isDirectory()
  } catch {
    return false // absent: created by the claim
  }
}

/**
 * Claims the report directory for this command and removes `stale` there; another live command holding it: one line,
 * exit 1, nothing touched. A directory this cannot use is left for the settings to refuse (one line, exit 1).
 */
export async function claimReportDir(stale: ReadonlyArray<keyof typeof RELEASE_FILES>): Promise<void> {
  let dir: string
  let claim: Claim
  try {
    dir = reportDir()
    if (notADirectory(dir)) return
    claim = claimDir(dir, LOCK_FILES.release, randomUUID())
    if (claim.held) removeStale(dir, stale)
  } catch {
    return // the settings, or writing the report, say what is wrong with the directory
  }
  if (!claim.held) await refuse(dir, claim)
}

async function refuse(dir: string, claim: Extract<Claim, { held: false }>): Promise<never> {
  // The sentence's catalogue, loaded only now: the common case pays nothing for it.
  const { configurationErrorText } = await import('../../core/configuration-error.ts')
  const { configurationLocale } = await import('../../core/settings.ts')
  const { EXIT } = await import('../exit-codes.ts')
  process.stderr.write(`harena-release: ${configurationErrorText(lockedReason(dir, claim), configurationLocale())}\n`)
  process.exit(EXIT.config)
}

export interface EarlySignal {
  sig: 'SIGINT' | 'SIGTERM'
  /** performance.now() when it came. */
  at: number
}

/**
 * Keeps the SIGINT/SIGTERM that come while the command loads (without a listener, Node would die of them and write
 * nothing). The returned function ends the holding and gives them, in order, to release/cli/common.ts onInterrupt,
 * which treats them as if they came after its own listeners were installed.
 */
export function holdSignals(): () => EarlySignal[] {
  const held: EarlySignal[] = []
  const onInt = (): void => {
    held.push({ sig: 'SIGINT', at: performance.now() })
  }
  const onTerm = (): void => {
    held.push({ sig: 'SIGTERM', at: performance.now() })
  }
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  return () => {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    return held
  }
}
