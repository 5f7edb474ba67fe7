// `npm run verify`: the post-deployment smoke test. This entry claims the report directory and removes the earlier
// verify report before the rest loads (release/cli/claim.ts), then release/cli/verify-main.ts.
import { claimReportDir } from './claim.ts'

const stale = ['verifyMd', 'verifyJson'] as const
await claimReportDir(stale)
const { main } = await import('./verify-main.ts')
await main(stale)
