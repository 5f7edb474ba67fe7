// `npm run verify`: the post-deployment smoke test. This entry holds the signals that come while the rest loads,
// claims the report directory and removes the earlier verify report before the rest loads (release/cli/claim.ts),
// then release/cli/verify-main.ts.
import { claimReportDir, holdSignals } from './claim.ts'

// The invoker (npm) as at start: killed while the rest loads, it is gone by the time the watch is armed.
const invoker = process.ppid
const early = holdSignals()
const stale = ['verifyMd', 'verifyJson'] as const
await claimReportDir(stale)
const { main } = await import('./verify-main.ts')
await main(stale, early, invoker)
