// The validation suite through Vitest's own API (startVitest, as `vitest run` starts it), in a child process of a
// proof (selftest/e2e/fragments.test.ts), to print what only the reporter's process knows: how many questions'
// samples and rows it copied from the workers' fragments (core/fragments.ts) — the documents are the same bytes
// either way, so no document can tell. One line on stderr: `FRAGMENTS_USED {"samples":N,"rows":M}` (or null).
import { startVitest } from 'vitest/node'

interface WithProduced {
  lastProduced: { fragments?: { used: { samples: number; rows: number } } } | null
}
const hasProduced = (r: unknown): r is WithProduced => typeof r === 'object' && r !== null && 'lastProduced' in r

const vitest = await startVitest('test', [], { run: true, watch: false })
// The instances vitest.config.ts configured (its ValidationReporter among them), as Vitest resolved them.
let reporter: WithProduced | undefined
for (const r of vitest?.config.reporters ?? []) if (hasProduced(r)) reporter = r
process.stderr.write(`FRAGMENTS_USED ${JSON.stringify(reporter?.lastProduced?.fragments?.used ?? null)}\n`)
await vitest?.close()
