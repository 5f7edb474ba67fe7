// Target text on the terminal of the Phase 2 commands: the health route's version (and every reason quoting the
// target) is stripped of control characters, as the suite's terminal summary does (core/terminal-text.ts). A review
// (2026-12-05) had a FAILED verify (exit 2) show "harena-release: verify OK" on a terminal: the version carried a CR,
// an erase-line and a conceal sequence. Real reference service behind a proxy rewriting the health route's version;
// the CLIs as child processes. The documents keep the text, escaped (release/render-markdown.ts, render-html.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { FAST_MONITOR, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

// CR + erase line + a forged headline + conceal, an OSC window title, a bidi override.
const HOSTILE = '3.2.8\r\u001b[2Kharena-release: verify OK \u001b[8m\u001b]0;pwned\u0007\u202e'
/** Any control character but the newline that ends each line (C0, DEL, C1) and the bidi controls. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/** `failing`: every chat a pipeline fallback (a verify that must fail); otherwise a healthy service (a watch to its end). */
async function hostileTarget(failing: boolean): Promise<{ env: Record<string, string>; close: () => Promise<void> }> {
  const ref = await target(failing ? [{ fault: { kind: 'fallback' } }] : [])
  const proxy = await faultProxy(ref.url, (s) => (s.health ? { rewrite: (body) => ({ ...body, version: HOSTILE }) } : 'forward'))
  return { env: { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, VALIDATION_LOCALE: 'en' }, close: proxy.close }
}

describe('target text on the terminal', () => {
  it('verify, monitor and release print no control character from the target; a failed verify reads FAILED', async () => {
    const t = await hostileTarget(true)
    const healthy = await hostileTarget(false)
    try {
      const verify = await runCli('verify', { ...t.env, VALIDATION_REPORT_DIR: tempDir('esc-verify-') })
      expect(verify.code).toBe(2)
      expect(verify.stdout.split('\n')[0]).toMatch(/^harena-release: verify FAILED — /)
      // The version is still shown, as text.
      expect(verify.stdout).toContain('3.2.8 [2Kharena-release: verify OK')
      const monitor = await runCli('monitor', {
        ...healthy.env,
        ...FAST_MONITOR,
        MONITOR_DURATION: '3s',
        VALIDATION_REPORT_DIR: tempDir('esc-monitor-'),
      })
      expect(monitor.stderr).toMatch(/^monitor 00:0\d.*3\.2\.8 \[2K/m)
      // The release's headline quotes the verify's reasons: the version the service reports among them.
      const release = await runCli('release', {
        ...t.env,
        RELEASE_GATE: 'false',
        RELEASE_EXPECTED_VERSION: '9.9.9',
        VALIDATION_REPORT_DIR: tempDir('esc-release-'),
      })
      expect(release.stdout).toContain('the service reports 3.2.8 [2Kharena-release')
      for (const [name, run] of Object.entries({ verify, monitor, release })) {
        expect(run.stdout, `${name} stdout`).not.toMatch(CONTROL)
        expect(run.stderr, `${name} stderr`).not.toMatch(CONTROL)
      }
    } finally {
      await Promise.all([t.close(), healthy.close()])
    }
  }, 90_000)
})
