// Module hooks for selftest/release/startup-window.test.ts: when release/pipeline.ts (the heavy part of the Phase 2
// commands) is first resolved, say whether the earlier report is still there (LOAD_PROBE_OUT), then hold its loading
// until the file LOAD_PROBE_GO exists — so that the test signals the command exactly while it loads.
import { appendFileSync, existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

let seen = false

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  const { LOAD_PROBE_OUT: out, LOAD_PROBE_STALE: stale, LOAD_PROBE_GO: go } = process.env
  if (!seen && out && resolved.url.endsWith('/release/pipeline.ts')) {
    seen = true
    appendFileSync(out, existsSync(stale) ? 'loading, earlier report present\n' : 'loading, earlier report gone\n')
    while (!existsSync(go)) await sleep(20)
  }
  return resolved
}
