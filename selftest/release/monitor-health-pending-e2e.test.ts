// The monitor's live status before its first health check has ended (review 2026-12-05): "health ok" and
// `"health":"ok"` in monitor-events.ndjson were a health nobody had seen. Until a check ends, the status says
// unknown ("pending" in the events); then what the last check said. `npm run monitor` as a child process against a
// loopback target that accepts connections and never answers, so no health check ever passes.
import { readFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)

it('a target whose health route never answers: no status says "ok"; the first says unknown (pending)', async () => {
  const held = new Set<Socket>()
  const server = createServer((socket) => {
    held.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  try {
    const dir = tempDir('monitor-pending-')
    const run = await runCli('monitor', {
      HARENA_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      HARENA_AUTH: 'none',
      HARENA_TIMEOUT_MS: '2000',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
      MONITOR_DURATION: '4s',
      MONITOR_WINDOW: '4s',
      MONITOR_RPS: '5',
      MONITOR_STATUS_EVERY: '250ms',
    })
    const events = readFileSync(join(dir, 'monitor-events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; status?: { health?: string } })
    const health = events.filter((e) => e.type === 'status').map((e) => e.status?.health)
    expect(health.length, run.stderr).toBeGreaterThan(0)
    expect(health[0]).toBe('pending')
    expect(health).not.toContain('ok')
    expect(run.stderr).toMatch(/monitor 00:00\/00:04 .* · health unknown \(first check pending\)/)
    expect(run.stderr).not.toMatch(/· health ok/)
  } finally {
    for (const s of held) s.destroy()
    await new Promise<void>((r) => server.close(() => r()))
  }
}, 60_000)
