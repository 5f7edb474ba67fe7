// `npm run monitor` and `npm run release` (argument: monitor | release). This entry loads almost nothing: before the
// settings, the catalogues and the pipeline load (most of a second; release/cli/claim.ts), it holds the signals that
// may come meanwhile, claims the report directory and removes the earlier run's documents. Then release/cli/main.ts.
import { claimReportDir, holdSignals } from './claim.ts'

const command = process.argv[2] === 'release' ? 'release' : 'monitor'
// The invoker (npm) as at start: killed while the rest loads, it is gone by the time the watch is armed (main.ts).
const invoker = process.ppid
const early = holdSignals()
// verify-report.* too, for monitor as for release: an earlier release's "FAILED" verify left beside a new watch passed
// for this run's, and its rollback report pointed to it (a review, 2026-12-05). A verify to keep beside a watch is
// `npm run release` without a deploy command (verify, then monitor), or `npm run verify` into its own directory.
const stale = ['reportMd', 'reportJson', 'reportHtml', 'events', 'rollbackVerifyMd', 'rollbackVerifyJson', 'verifyMd', 'verifyJson'] as const
await claimReportDir(stale)
const { main } = await import('./main.ts')
await main(command, stale, early, invoker)
