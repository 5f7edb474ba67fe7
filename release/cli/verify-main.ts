// `npm run verify` once release/cli/verify.ts has claimed the report directory: the post-deployment smoke test
// (plan T4.6). Exit 0 verified, 2 failed, 1 configuration (credentials refused included).
import { say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { EXIT } from '../exit-codes.ts'
import type { RELEASE_FILES } from '../files.ts'
import { writeVerify } from '../output.ts'
import { verifyFresh } from '../rollback.ts'
import { loadOrExit, out, PREFIX } from './common.ts'

export async function main(stale: ReadonlyArray<keyof typeof RELEASE_FILES>): Promise<never> {
  const settings = loadOrExit(stale)
  const l = settings.suite.locale
  const result = await verifyFresh(settings, { expected: settings.release.expectedVersion })
  // Credentials the target refused are the settings' fault, as in the suite and the release (README exit codes).
  const exitCode = result.ok ? EXIT.stable : result.credentialsRefused ? EXIT.config : EXIT.failed
  const secrets = [settings.suite.apiToken, settings.suite.password].filter((x): x is string => x !== null)
  const written = writeVerify(settings.suite.reportDir, result, l, exitCode, secrets)
  // Without HARENA_BASE_URL the embedded reference service answered: say so, it verified no deployment.
  const reference = result.embedded ? ` — ${say({ code: 'release.reference_only', params: {} }, l)}` : ''
  const line = say({ code: 'release.cli.verify', params: { ok: result.ok, url: result.baseUrl, version: result.health?.version ?? null } }, l)
  out(`${PREFIX} ${line}${reference}`)
  for (const r of [...result.reasons, ...result.warnings]) out(`  - ${say(r, l)}`)
  out(`  ${say({ code: 'release.cli.reports', params: { files: written.join(', ') } }, l)}`)
  process.exit(exitCode)
}
