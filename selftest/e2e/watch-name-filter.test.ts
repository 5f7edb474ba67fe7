// A watch session started with a name filter that matches nothing (`npx vitest --watch -t zzz`), whose next run
// filters otherwise. A review (2026-12-05): the global setup took the single run's shortcut ("selects nothing → ask
// nothing") and provided no target for the whole session — Vitest does not run it again — so filtering q07 next
// failed every question with "TypeError: Cannot read properties of undefined (reading 'auth')" and printed the stale
// "no question or probe matches the name filter /zzz/ … (exit 1)". The session is driven through its stdin
// (watch-session.mjs: Vitest's public setGlobalTestNamePattern and rerun, what the `t` key's prompt does).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { childEnv, cleanupTemp, REPORT_JSON, ROOT, tempDir } from './harness.ts'
import { chatRequests, REFERENCE_NOW, tokenEnv } from './target.ts'

afterAll(cleanupTemp)

describe('a watch session whose starting -t selects nothing', () => {
  test('npx vitest --watch -t zzz, then the filter q07: the target is set up, q07 is asked and judged, no stale "nothing matches" line', async () => {
    // SELFTEST_LOOPBACK_PORT: a fixed loopback port for the reference (a shared machine's range), else any free one.
    const ref = await startReferenceServer({ port: Number(process.env.SELFTEST_LOOPBACK_PORT ?? 0), now: REFERENCE_NOW })
    const dir = tempDir('watch-name-filter')
    const env = childEnv({ ...tokenEnv(ref), VALIDATION_LOCALE: 'en', VALIDATION_REPORT_DIR: dir, VALIDATION_PROGRESS_SECONDS: '0' })
    const watch = spawn(process.execPath, [join(ROOT, 'selftest', 'e2e', 'watch-session.mjs'), '--watch', '-t', 'zzz'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    watch.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    watch.stderr.setEncoding('utf8').on('data', (d: string) => (out += d))
    const closed = new Promise<void>((r) => watch.once('close', () => r()))
    const idleTimes = () => out.match(/(Waiting|Watching) for file changes/g)?.length ?? 0
    const idle = async (times: number) => {
      // A guard, not a timing assertion: a session that never idles again fails with its output.
      const deadline = Date.now() + 60_000
      while (idleTimes() < times) {
        if (watch.exitCode !== null) throw new Error(`the watch session ended: ${out}`)
        if (Date.now() > deadline) throw new Error(`the watch session never idled again: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    try {
      await idle(1)
      // The first run asks nothing (-t zzz keeps no test), and is no single run's "nothing selected": the session goes on.
      expect(chatRequests(ref.stats().requests), out).toHaveLength(0)
      expect(out).not.toContain('no question or probe matches the name filter')
      const seen = out.length
      watch.stdin.write('pattern q07\n')
      await idle(2)
      const rerun = out.slice(seen)
      expect(rerun).not.toContain('TypeError')
      expect(rerun).not.toContain('no question or probe matches the name filter')
      // The run's own filter, not the session's first one.
      expect(rerun).toContain('exploratory run (-t /q07/): 1 question(s), no release decision')
      const chats = chatRequests(ref.stats().requests)
      expect(
        chats.map((c) => c.message),
        rerun,
      ).toEqual(['Mes dépenses chez Carrefour'])
      // Asked and judged: its exploratory report holds q07's attempt, passed.
      const report = JSON.parse(readFileSync(join(dir, 'exploratory', REPORT_JSON), 'utf8')) as {
        decision: unknown
        questions: Array<{ id: string; attempts: Array<{ ok: boolean }> }>
      }
      expect(report.decision).toBeNull()
      expect(report.questions.map((q) => [q.id, q.attempts.map((a) => a.ok)])).toEqual([['q07', [true]]])
      expect(watch.exitCode, 'the watch session still runs').toBeNull()
    } finally {
      try {
        process.kill(-(watch.pid as number), 'SIGTERM')
      } catch {
        // already gone
      }
      await closed
      await ref.close()
    }
  }, 180_000)
})
