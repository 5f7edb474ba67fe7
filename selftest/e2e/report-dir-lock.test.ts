// Two runs into one report directory (core/dir-lock.ts): the review found their files interleaved — one run's JSON
// beside the other's Markdown and junit.xml. The second run now refuses at once while the first one lives (one line
// naming the directory and the other pid, exit 1, nothing of the directory touched); a lock left by a run that is gone
// is taken over. Real suite runs as child processes, real reference server on loopback.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { LOCK_FILES } from '../../core/dir-lock.ts'
import { REPORT_FILES } from '../../core/report-files.ts'
import { childEnv, cleanupTemp, describeRun, pick, REPORT_JSON, ROOT, readReport, runSuite, tempDir, writeBank } from './harness.ts'
import { killMarked, markedProcesses } from './processes.ts'
import { slowRun } from './slow-run.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

/** Every file of the directory with its content (the lock aside). */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f !== LOCK_FILES.validation)
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}

/**
 * The first run's whole in-progress set is written (reporters/in-progress.ts writes the verdict documents first and
 * samples.ndjson last): a snapshot taken earlier would see the rest of that set arrive and blame the second run.
 */
function runningReport(dir: string): boolean {
  if (!existsSync(join(dir, REPORT_FILES.samples))) return false
  try {
    return (JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as { run?: { state?: string } }).run?.state === 'running'
  } catch {
    return false
  }
}

describe('one run at a time per report directory', () => {
  test('a second run into a directory a live run writes to: one line naming it and the pid, exit 1, nothing touched', async () => {
    const first = await slowRun(target, 'dir-lock-first')
    const dir = first.reportDir
    let secondDone = false
    const firstRun = runSuite({ env: first.env, hardTimeoutMs: 90_000, interrupt: { when: () => secondDone, signal: 'SIGINT' } })
    try {
      // The first run has written its in-progress set (it claims the directory before that).
      while (!runningReport(dir)) await new Promise((r) => setTimeout(r, 50))
      const before = snapshot(dir)
      const ref = await target()
      const second = await runSuite({
        env: { ...tokenEnv(ref), VALIDATION_LOCALE: 'en', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: writeBank(pick('q01')) },
        reportDir: dir,
        hardTimeoutMs: 60_000,
      })
      secondDone = true
      expect(second.exitCode, describeRun(second)).toBe(1)
      expect(ref.stats().requests, 'the second run asked its target').toEqual([])
      expect(snapshot(dir)).toEqual(before)
      // The lock names the first run: its Vitest process and the run id of its in-progress report.
      const owner = JSON.parse(readFileSync(join(dir, LOCK_FILES.validation), 'utf8')) as { pid: number; runId: string }
      expect(markedProcesses(first.mark).map((p) => p.pid)).toContain(owner.pid)
      expect(JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')).run).toMatchObject({ runId: owner.runId })
      const lines = `${second.stdout}\n${second.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
      expect(lines).toEqual([expect.stringContaining(`VALIDATION_REPORT_DIR=${dir} is held by run ${owner.runId} (pid ${owner.pid},`)])
      // The first run goes on and ends with its own report (interrupted here), its lock released.
      const ended = await firstRun
      expect(ended.exitCode, describeRun(ended)).toBe(130)
      expect(readReport(dir).run).toMatchObject({ runId: owner.runId, state: 'interrupted' })
      expect(existsSync(join(dir, LOCK_FILES.validation))).toBe(false)
    } finally {
      secondDone = true
      await firstRun
      killMarked(first.mark)
    }
  }, 120_000)

  test('a lock left by a run that is gone (its pid dead) is taken over: the run writes its report, then releases it', async () => {
    const ref = await target()
    const dir = tempDir('dir-lock-stale')
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    writeFileSync(join(dir, LOCK_FILES.validation), JSON.stringify({ pid: Number(gone.stdout), runId: 'killed-run', startedAt: '', startTime: null }))
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: writeBank(pick('q01')) },
      reportDir: dir,
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(0)
    expect(readReport(dir).decision).toBe('GO')
    expect(existsSync(join(dir, LOCK_FILES.validation))).toBe(false)
  }, 90_000)

  test("an idle watch session's run is over: a later `vitest run` into its directory is accepted (a review found it refused until the session ended)", async () => {
    const ref = await target()
    const dir = tempDir('dir-lock-watch')
    const env = childEnv({
      ...tokenEnv(ref),
      VALIDATION_LOCALE: 'en',
      VALIDATION_WARMUP: '0',
      VALIDATION_QUESTIONS: writeBank(pick('q01')),
      VALIDATION_REPORT_DIR: dir,
    })
    // Non-TTY `vitest --watch`: one run, then it idles waiting for file changes, its process alive.
    const watch = spawn(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), '--watch'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    watch.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    watch.stderr.setEncoding('utf8').on('data', (d: string) => (out += d))
    const closed = new Promise<void>((r) => watch.once('close', () => r()))
    try {
      while (!/Waiting for file changes/.test(out)) {
        if (watch.exitCode !== null) throw new Error(`the watch session ended: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(out).toContain('GO (exit 0)')
      expect(existsSync(join(dir, LOCK_FILES.validation)), 'the idle session gave its lock up').toBe(false)
      const later = await runSuite({
        env: { ...tokenEnv(ref), VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: writeBank(pick('q01')) },
        reportDir: dir,
        hardTimeoutMs: 60_000,
      })
      expect(later.exitCode, describeRun(later)).toBe(0)
      expect(`${later.stdout}${later.stderr}`).not.toContain('is held by run')
      expect(readReport(dir).decision).toBe('GO')
      expect(watch.exitCode, 'the watch session still runs').toBeNull()
    } finally {
      try {
        process.kill(-(watch.pid as number), 'SIGTERM')
      } catch {
        // already gone
      }
      await closed
    }
  }, 120_000)

  // A rerun of a watch session writes to exploratory/ under its own lock. Held by another run, the rerun was refused
  // with process.exit(1), and that ended the whole watch session (a review, 2026-12-05). Now the rerun is refused
  // alone: one line naming the holder, nothing of the directory touched, the session waits for the next change,
  // whose rerun writes its report once the holder is gone. Reruns are asked on the session's stdin (watch-session.mjs:
  // Vitest's own rerun, as the `r` key does).
  test('a watch rerun while another run holds exploratory/: one line naming the holder, nothing written, the session goes on; the next rerun writes its report', async () => {
    const ref = await target()
    const dir = tempDir('dir-lock-watch-rerun')
    const env = childEnv({
      ...tokenEnv(ref),
      VALIDATION_LOCALE: 'en',
      VALIDATION_WARMUP: '0',
      VALIDATION_QUESTIONS: writeBank(pick('q01')),
      VALIDATION_REPORT_DIR: dir,
    })
    const watch = spawn(process.execPath, [join(ROOT, 'selftest', 'e2e', 'watch-session.mjs'), '--watch'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    watch.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    watch.stderr.setEncoding('utf8').on('data', (d: string) => (out += d))
    const closed = new Promise<void>((r) => watch.once('close', () => r()))
    // Another live process of this machine, which did not start the session, holds exploratory/.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    const holderGone = new Promise<void>((r) => holder.once('exit', () => r()))
    // Vitest's line once a run is over and the session waits ("Watching …" after a cancelled run).
    const idleTimes = () => out.match(/(Waiting|Watching) for file changes/g)?.length ?? 0
    const idle = async (times: number) => {
      // A guard, not a timing assertion: a session that never idles again fails with its output.
      const deadline = Date.now() + 50_000
      while (idleTimes() < times) {
        if (watch.exitCode !== null) throw new Error(`the watch session ended: ${out}`)
        if (Date.now() > deadline) throw new Error(`the watch session never idled again: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    try {
      await idle(1)
      expect(out).toContain('GO (exit 0)')
      const exploratory = join(dir, 'exploratory')
      mkdirSync(exploratory, { recursive: true })
      const lock = { pid: holder.pid, runId: 'holder-run', startedAt: '2026-12-05T00:00:00.000Z', startTime: null }
      writeFileSync(join(exploratory, LOCK_FILES.validation), JSON.stringify(lock))
      const before = everyFile(dir)
      const seen = out.length
      watch.stdin.write('rerun\n')
      await idle(2)
      expect(watch.exitCode, 'the watch session still runs').toBeNull()
      const refused = out.slice(seen)
      const lines = refused.split('\n').filter((l) => l.includes('harena-validation:'))
      expect(lines, refused).toEqual([expect.stringContaining(`VALIDATION_REPORT_DIR=${exploratory} is held by run holder-run (pid ${holder.pid},`)])
      expect(lines[0]).toContain('this run of the watch session is stopped and writes nothing; the session goes on, the next rerun tries again')
      expect(everyFile(dir), 'the refused rerun wrote nothing').toEqual(before)
      // The holder ends: its lock is stale, the next rerun takes it over and writes its exploratory report.
      holder.kill()
      await holderGone
      const again = out.length
      watch.stdin.write('rerun\n')
      await idle(3)
      expect(out.slice(again)).not.toContain('is held by run')
      // An exploratory report (decision null): read as it is, not against the release report's schema.
      const written = JSON.parse(readFileSync(join(exploratory, REPORT_JSON), 'utf8')) as { decision: unknown; run: unknown }
      expect(written).toMatchObject({ decision: null, run: { scope: 'exploratory', state: 'finished' } })
      expect(existsSync(join(exploratory, LOCK_FILES.validation)), 'the rerun gave its lock up').toBe(false)
      expect(watch.exitCode, 'the watch session still runs').toBeNull()
    } finally {
      holder.kill()
      try {
        process.kill(-(watch.pid as number), 'SIGTERM')
      } catch {
        // already gone
      }
      await closed
    }
  }, 180_000)
})

/** Every file under `dir` (recursively) with its content. */
function everyFile(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile())
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}
