// A health route answering HTTP 200 `{"status":"degraded"}`. README: verify checks that the health route "answers
// 200 and healthy"; `degraded` is the normal state only of v3, whose code reads a key its orchestrator never sets
// (docs/wire-contracts.md §6.2). A review (2026-12-05) found a v2 saying "degraded" verified OK and watched "health
// ok". Real reference services on loopback behind a proxy rewriting the health route's status; the CLI as a child.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { fileTargets, REFERENCE_NOW, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { FAST_MONITOR, readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

interface VerifyJson {
  ok: boolean
  health: { ok: boolean; status: string | null; problem: string | null }
  reasons: Array<{ code: string; params: { problem?: string } }>
}
const readVerify = (dir: string) => JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8')) as VerifyJson

/** The reference `ref` behind a proxy whose health route says "degraded". */
async function degraded(ref: { url: string }) {
  return faultProxy(ref.url, (s) => (s.health ? { rewrite: (body) => ({ ...body, status: 'degraded' }) } : 'forward'))
}

describe('a health route saying "degraded"', () => {
  it('v2: verify fails quoting it (exit 2); the monitor counts every such check as failed, as "unhealthy"', async () => {
    const ref = await target()
    const proxy = await degraded(ref)
    try {
      const env = { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, VALIDATION_LOCALE: 'en' }
      const dir = tempDir('degraded-verify-')
      const verify = await runCli('verify', { ...env, VALIDATION_REPORT_DIR: dir })
      expect(verify.code, verify.stdout).toBe(2)
      const v = readVerify(dir)
      expect(v.health).toMatchObject({ ok: false, status: 'degraded', problem: 'status "degraded"' })
      expect(v.reasons).toEqual([
        expect.objectContaining({ code: 'verify.health.failed', params: expect.objectContaining({ problem: 'status "degraded"' }) }),
      ])
      expect(verify.stdout).toContain('health: GET api/v1/conversation/health failed (status "degraded")')
      const watched = tempDir('degraded-monitor-')
      const monitor = await runCli('monitor', { ...env, ...FAST_MONITOR, MONITOR_DURATION: '3s', VALIDATION_REPORT_DIR: watched })
      const health = readReport(watched).monitor?.health
      expect(health?.checks, monitor.stderr).toBeGreaterThan(0)
      expect(health).toMatchObject({ failed: health?.checks, lastProblem: 'status "degraded"' })
      expect(monitor.stderr).not.toMatch(/health ok/)
    } finally {
      await proxy.close()
    }
  }, 60_000)

  it('v3: "degraded" is its normal state — verify passes (exit 0)', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, contract: 'harena-v3' })
    const proxy = await degraded(ref)
    try {
      const dir = tempDir('degraded-v3-')
      const env = { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, HARENA_API_CONTRACT: 'harena-v3', VALIDATION_REPORT_DIR: dir }
      const verify = await runCli('verify', env)
      expect(verify.code, verify.stdout).toBe(0)
      expect(readVerify(dir).health).toMatchObject({ ok: true, status: 'degraded' })
    } finally {
      await Promise.all([proxy.close(), ref.close()])
    }
  }, 60_000)
})
