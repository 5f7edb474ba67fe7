// Phase 2 and the embedded reference service's own settings (review 2026-12-05): verify and monitor started the
// embedded service without REFERENCE_TOKEN_MAX_USES / REFERENCE_STREAM_CHUNK_MS and accepted any value of them,
// where the suite applies them and refuses a bad one (exit 1). Now the same parser (tests/support/embedded-options.ts)
// refuses them with the other settings and the embedded service gets them. The real commands as child processes.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { REFERENCE_NOW, tokenEnv } from '../e2e/target.ts'
import { removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const bad = { REFERENCE_TOKEN_MAX_USES: '0', REFERENCE_STREAM_CHUNK_MS: '-5', REFERENCE_CONTRACT: 'harena-v3' }

describe('REFERENCE_* settings in Phase 2', () => {
  for (const command of ['verify', 'monitor'] as const)
    it(`${command}: invalid values are refused like the suite refuses them, one line each, exit 1`, async () => {
      const dir = tempDir(`p2-ref-${command}-`)
      const run = await runCli(command, { ...bad, VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en' })
      expect(run.code, run.stdout).toBe(1)
      expect(run.stderr).toContain('REFERENCE_STREAM_CHUNK_MS="-5" is invalid (below 0); expected a whole number of milliseconds from 0 to 60000.')
      expect(run.stderr).toContain('REFERENCE_TOKEN_MAX_USES="0" is invalid (below 1); expected a whole number from 1 to 1000000.')
      // The embedded service speaks HARENA_API_CONTRACT's generation (harena-v2 here): another one named is refused.
      expect(run.stderr).toContain('REFERENCE_CONTRACT="harena-v3" is not the generation this run validates (HARENA_API_CONTRACT=harena-v2)')
      expect(existsSync(join(dir, 'verify-report.json'))).toBe(false)
      expect(existsSync(join(dir, 'monitor-report.json'))).toBe(false)
    }, 60_000)

  it('with HARENA_BASE_URL they do not apply (the suite ignores them there too): the verify runs', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    try {
      const run = await runCli('verify', { ...tokenEnv(ref), ...bad, VALIDATION_REPORT_DIR: tempDir('p2-ref-real-') })
      expect(run.code, run.stderr + run.stdout).toBe(0)
    } finally {
      await ref.close()
    }
  }, 60_000)

  it('REFERENCE_TOKEN_MAX_USES applies to the embedded service the monitor watches, which logs in again as the suite does', async () => {
    const dir = tempDir('p2-ref-tokens-')
    const run = await runCli('monitor', {
      REFERENCE_TOKEN_MAX_USES: '3',
      REFERENCE_NOW: REFERENCE_NOW.toISOString(),
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '4s',
      MONITOR_WINDOW: '4s',
      MONITOR_RPS: '10',
    })
    const end = readFileSync(join(dir, 'monitor-events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; requests?: number; credentialsRefused?: number })
      .find((e) => e.type === 'end')
    // Tokens expire after 3 requests (401, counted apart as refused credentials), and a new login answers the next
    // ones: far more than 3 requests judged.
    expect(end?.credentialsRefused, run.stderr).toBeGreaterThanOrEqual(1)
    expect(end?.requests, run.stderr).toBeGreaterThan(3)
  }, 60_000)
})
