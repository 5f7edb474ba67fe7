// `npm run monitor` and `npm run release` (argument: monitor | release). This entry loads almost nothing: before the
// settings, the catalogues and the pipeline load (most of a second; release/cli/claim.ts), it holds the signals that
// may come meanwhile, claims the report directory and removes the earlier run's documents. Then release/cli/main.ts.
import { claimReportDir, holdSignals } from './claim.ts'

const command = process.argv[2] === 'release' ? 'release' : 'monitor'
const early = holdSignals()
const stale = [
  'reportMd',
  'reportJson',
  'reportHtml',
  'events',
  'rollbackVerifyMd',
  'rollbackVerifyJson',
  ...(command === 'release' ? (['verifyMd', 'verifyJson'] as const) : []),
] as const
await claimReportDir(stale)
const { main } = await import('./main.ts')
await main(command, stale, early)
