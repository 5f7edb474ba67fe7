// `npm run verify` once release/cli/verify.ts has claimed the report directory: the post-deployment smoke test
// (plan T4.6). Exit 0 verified, 2 failed, 1 configuration (credentials refused included); a Ctrl-C or SIGTERM stops
// it at once with its report marked interrupted, exit 130 / 143 (release/cli/common.ts onInterrupt, as the others).
import { say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { envSecrets } from '../command-secrets.ts'
import { EXIT } from '../exit-codes.ts'
import type { RELEASE_FILES } from '../files.ts'
import { scrub, writeVerify } from '../output.ts'
import { verifyFresh } from '../rollback.ts'
import type { VerifyResult } from '../verify.ts'
import type { EarlySignal } from './claim.ts'
import { loadOrExit, onInterrupt, out, PREFIX, stopWhenOrphaned } from './common.ts'

export async function main(stale: ReadonlyArray<keyof typeof RELEASE_FILES>, early: () => EarlySignal[], invoker: number): Promise<never> {
  const settings = loadOrExit(stale)
  const l = settings.suite.locale
  const interrupts = onInterrupt(l, early)
  stopWhenOrphaned(invoker, interrupts, l)
  const result = await verifyFresh(settings, { expected: settings.release.expectedVersion }, interrupts.signal)
  const exitCode = exitOf(result, interrupts.name())
  const configured = [settings.suite.apiToken, settings.suite.password].filter((x): x is string => x !== null)
  // The environment's credential-named variables too (release/command-secrets.ts envSecrets), as every Phase 2 document.
  const secrets = [...configured, ...envSecrets(process.env, configured)]
  const written = writeVerify(settings.suite.reportDir, result, l, exitCode, secrets)
  // Without HARENA_BASE_URL the embedded reference service answered: say so, it verified no deployment.
  const reference = result.embedded ? ` — ${say({ code: 'release.reference_only', params: {} }, l)}` : ''
  const version = result.health?.version ?? null
  const line = say({ code: 'release.cli.verify', params: { ok: result.ok, interrupted: result.interrupted, url: result.baseUrl, version } }, l)
  // out() strips the control characters target text may carry (the version, the reasons): release/cli/common.ts.
  out(scrub(`${PREFIX} ${line}${reference}`, secrets))
  for (const r of [...result.reasons, ...result.warnings]) out(scrub(`  - ${say(r, l)}`, secrets))
  out(`  ${say({ code: 'release.cli.reports', params: { files: written.join(', ') } }, l)}`)
  process.exit(exitCode)
}

/**
 * Interrupted: 130 (SIGINT) / 143 (SIGTERM). Otherwise credentials the target refused are the settings' fault, as in
 * the suite and the release (README exit codes); any other failure is the service's.
 */
function exitOf(result: VerifyResult, signal: 'SIGINT' | 'SIGTERM' | null): number {
  if (result.interrupted) return signal === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT
  return result.ok ? EXIT.stable : result.credentialsRefused ? EXIT.config : EXIT.failed
}
