// The start of `npm run monitor` (release/cli/run.ts, release/cli/claim.ts): the review found that a Ctrl-C in its
// first second or two left the earlier run's "Stable" report as this run's — the earlier documents were removed only
// once the settings, catalogues and pipeline had loaded, and a signal meanwhile killed the process. Now the earlier
// report is gone before the pipeline loads, and a signal while it loads is kept and answered with the interrupted
// report. A module hook (load-probe/) holds the pipeline's loading until the test has signalled npm's whole process
// group, as Ctrl-C does: the signal comes exactly while the command loads, whatever the machine's speed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { FAST_MONITOR, readReport, removeTempDirs, ROOT, runNpmScript, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const target = fileTargets()

describe('`npm run monitor` signalled while it loads', () => {
  it('the earlier "Stable" is gone before the pipeline loads; Ctrl-C then ends with the interrupted report (exit 130)', async () => {
    const ref = await target()
    const dir = tempDir('startup-window-')
    const earlier = join(dir, 'monitor-report.json')
    writeFileSync(earlier, JSON.stringify({ status: 'stable', decision: 'STABLE', exitCode: 0 }))
    const probe = join(dir, 'probe.log')
    const go = join(dir, 'probe.go')
    let signalled = false
    const run = await runNpmScript(
      'monitor',
      {
        ...tokenEnv(ref),
        VALIDATION_REPORT_DIR: dir,
        VALIDATION_LOCALE: 'en',
        ...FAST_MONITOR,
        MONITOR_DURATION: '1m',
        NODE_OPTIONS: `--import=${join(ROOT, 'selftest/release/load-probe/probe.mjs')}`,
        LOAD_PROBE_OUT: probe,
        LOAD_PROBE_STALE: earlier,
        LOAD_PROBE_GO: go,
      },
      undefined,
      (npm) => {
        const poll = setInterval(() => {
          if (!existsSync(probe)) return
          clearInterval(poll)
          process.kill(-(npm.pid as number), 'SIGINT')
          signalled = true
          writeFileSync(go, '')
        }, 20)
        poll.unref()
      },
    )
    expect(signalled).toBe(true)
    expect(readFileSync(probe, 'utf8')).toBe('loading, earlier report gone\n')
    expect(run.code, run.stderr).toBe(130)
    const report = readReport(dir)
    expect(report.status).toBe('interrupted')
  }, 90_000)
})
