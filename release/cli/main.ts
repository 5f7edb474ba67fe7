// `npm run monitor` and `npm run release` once release/cli/run.ts has claimed the report directory: the
// post-deployment report in VALIDATION_REPORT_DIR (monitor-report.{md,json,html}, monitor-events.ndjson,
// verify-report.{md,json}) and the exit code of release/exit-codes.ts.
import { say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { commandSecrets, envSecrets } from '../command-secrets.ts'
import { statusFacts, statusLine } from '../labels.ts'
import type { RELEASE_FILES } from '../files.ts'
import { eventWriter, scrub, writeReport } from '../output.ts'
import { runMonitorOnly, runRelease } from '../pipeline.ts'
import type { EarlySignal } from './claim.ts'
import { loadOrExit, onInterrupt, out, PREFIX, stopWhenOrphaned, terminalLine } from './common.ts'

export async function main(
  command: 'monitor' | 'release',
  stale: ReadonlyArray<keyof typeof RELEASE_FILES>,
  early: () => EarlySignal[],
  invoker: number,
): Promise<never> {
  const settings = loadOrExit(stale)
  const interrupts = onInterrupt(settings.suite.locale, early)
  stopWhenOrphaned(invoker, interrupts, settings.suite.locale)
  // The commands' own credentials too (release/command-secrets.ts), and the values of the environment's
  // credential-named variables (DB_PASSWORD, DEPLOY_TOKEN: a script the release runs may print them): every document
  // and terminal line of this run is scrubbed with this list.
  const configured = [settings.suite.apiToken, settings.suite.password].filter((x): x is string => x !== null)
  const secrets = [
    ...configured,
    ...commandSecrets([settings.release.backupCommand, settings.release.deployCommand, settings.release.rollbackCommand], process.env, configured),
  ]
  secrets.push(...envSecrets(process.env, secrets))
  const events = eventWriter(settings.suite.reportDir, () => secrets)
  const io = {
    signal: interrupts.signal,
    signalName: interrupts.name,
    log: (line: string) => out(`${PREFIX} ${scrub(line, secrets)}`),
    onStatus: (line: string) => process.stderr.write(`${terminalLine(scrub(line, secrets))}\n`),
    onEvent: events,
    echo: (chunk: string) => process.stdout.write(chunk),
    secrets,
    stop: interrupts.stop,
  }
  const report = command === 'release' ? await runRelease(settings, io) : await runMonitorOnly(settings, io)
  const written = writeReport(settings.suite.reportDir, report, secrets)
  out(
    `${PREFIX} ${statusLine(report.status, report.locale, statusFacts(report))}${report.reasons[0] ? ` — ${scrub(report.reasons[0].text, secrets)}` : ''}`,
  )
  for (const r of report.reasons.slice(1)) out(`  - ${scrub(r.text, secrets)}`)
  out(`  ${say({ code: 'release.cli.reports', params: { files: written.join(', ') } }, report.locale)}`)
  process.exit(report.exitCode)
}
