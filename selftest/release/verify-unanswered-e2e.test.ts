// `npm run verify` when the target does not answer its questions, or refuses the credentials (review 2026-12-05):
// a silent target is not asked the rest of the smoke set (each named "not asked: the target did not answer"); a
// refused login is "credentials refused" (exit 1) with the health route's real answer, never "service unreachable"
// with a health check nobody asked. The real command as a child process against loopback servers.
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closedPort, REFERENCE_NOW } from '../e2e/target.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import type { VerifyResult } from '../../release/verify.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

const readVerify = (dir: string) => JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8')) as VerifyResult & { exitCode: number }

/** Accepts every connection and never answers (a hung deployment). */
async function hangingTarget(): Promise<string> {
  const held = new Set<Socket>()
  const server: NetServer = createNetServer((socket) => {
    held.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(async () => {
    for (const s of held) s.destroy()
    await new Promise<void>((r) => server.close(() => r()))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Its health route answers healthy; every other request is held unanswered (a chat pipeline that hangs). */
async function chatHangsTarget(): Promise<{ url: string; chats: () => number }> {
  let chats = 0
  const server: Server = createHttpServer((req, res) => {
    if (req.url?.endsWith('/health')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: 'healthy', version: '2.0' }))
      return
    }
    chats++
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, chats: () => chats }
}

const silentEnv = (url: string, dir: string) => ({
  HARENA_BASE_URL: url,
  HARENA_AUTH: 'none',
  HARENA_TIMEOUT_MS: '1000',
  VALIDATION_REPORT_DIR: dir,
  VALIDATION_LOCALE: 'en',
})

describe('npm run verify against a target that does not answer', () => {
  it('health route and first question both silent: the other questions are not asked, each named so → exit 2', async () => {
    const dir = tempDir('verify-silent-')
    const run = await runCli('verify', silentEnv(await hangingTarget(), dir))
    expect(run.code, run.stderr).toBe(2)
    const v = readVerify(dir)
    expect(v.attempts.map((a) => [a.questionId, a.timedOut, a.noAnswer])).toEqual([['q01', true, true]])
    expect(v.notAsked.map((q) => q.questionId)).toEqual(['q04', 'q07', 'q10', 'q13'])
    expect(v.health).toMatchObject({ ok: false, noAnswer: true, timedOut: true })
    expect(v.reasons.map((r) => r.code)).toEqual(['verify.health.failed', 'verify.question.failed', 'verify.not_asked'])
    expect(run.stdout).toContain(
      'not asked: the target did not answer — 2 consecutive timeouts with no answer at all (health route, q01); questions not asked: q04, q07, q10, q13',
    )
    const md = readText(dir, 'verify-report.md')
    for (const id of ['q04', 'q07', 'q10', 'q13'])
      expect(md).toMatch(new RegExp(`\\| ${id} \\| [^|]+ \\| NOT ASKED \\| — \\| — \\| — \\| not asked: the target did not answer \\|`))
  }, 60_000)

  it('VALIDATION_STOP_AFTER_TIMEOUTS=0 never stops: every question is asked', async () => {
    const dir = tempDir('verify-silent-all-')
    const run = await runCli('verify', { ...silentEnv(await hangingTarget(), dir), VALIDATION_STOP_AFTER_TIMEOUTS: '0' })
    expect(run.code, run.stderr).toBe(2)
    const v = readVerify(dir)
    expect(v.attempts.map((a) => a.questionId)).toEqual(['q01', 'q04', 'q07', 'q10', 'q13'])
    expect(v.notAsked).toEqual([])
  }, 60_000)

  it('a healthy health route but silent questions: the suite rule, VALIDATION_STOP_AFTER_TIMEOUTS of them in a row', async () => {
    const target = await chatHangsTarget()
    const dir = tempDir('verify-chat-silent-')
    const run = await runCli('verify', { ...silentEnv(target.url, dir), VALIDATION_STOP_AFTER_TIMEOUTS: '2' })
    expect(run.code, run.stderr).toBe(2)
    const v = readVerify(dir)
    expect(v.health).toMatchObject({ ok: true, httpStatus: 200 })
    expect(v.attempts.map((a) => a.questionId)).toEqual(['q01', 'q04'])
    expect(v.notAsked.map((q) => q.questionId)).toEqual(['q07', 'q10', 'q13'])
    expect(target.chats()).toBe(2)
    expect(run.stdout).toContain('2 consecutive timeouts with no answer at all (q01, q04)')
  }, 60_000)
})

describe('npm run verify when the target cannot be opened', () => {
  it('a wrong password on a healthy service: "credentials refused", its real health, exit 1 — never "unreachable"', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    closers.push(() => ref.close())
    const dir = tempDir('verify-badpw-')
    const run = await runCli('verify', {
      HARENA_BASE_URL: ref.url,
      HARENA_USERNAME: 'demo@harena.test',
      HARENA_PASSWORD: 'wrongpass1',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
    })
    expect(run.code, run.stderr).toBe(1)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: false, exitCode: 1, credentialsRefused: true, attempts: [], notAsked: [] })
    expect(v.health).toMatchObject({ ok: true, httpStatus: 200, noAnswer: false, version: '2.0' })
    expect(v.reasons.map((r) => r.code)).toEqual(['verify.credentials_refused'])
    expect(run.stdout).toMatch(/credentials refused: login as demo@harena\.test .* refused \(HTTP 401\)/)
    expect(run.stdout).not.toMatch(/unreachable/)
    expect(run.stdout).not.toContain('wrongpass1')
    const md = readText(dir, 'verify-report.md')
    expect(md).toContain('- Health : OK (HTTP 200, "healthy")')
    expect(md).not.toContain('unreachable')
  }, 60_000)

  it('nothing listening: "service unreachable", and the health route is said not asked, not failed', async () => {
    const dir = tempDir('verify-closed-')
    const run = await runCli('verify', {
      HARENA_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      HARENA_AUTH: 'none',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
    })
    expect(run.code, run.stderr).toBe(2)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: false, health: null, credentialsRefused: false })
    expect(v.reasons.map((r) => r.code)).toEqual(['verify.unreachable'])
    expect(readText(dir, 'verify-report.md')).toContain('- Health : not asked (the target gave no answer at all)')
  }, 60_000)

  it('a silent target with a login configured: "unreachable" (no answer at all), its health not waited for again', async () => {
    // Review 2026-12-05: the login's timeout read "it answered, but could not be opened" and waited on the health route twice.
    const dir = tempDir('verify-silent-login-')
    const run = await runCli('verify', {
      HARENA_BASE_URL: await hangingTarget(),
      HARENA_USERNAME: 'demo@harena.test',
      HARENA_PASSWORD: 'harena-demo',
      HARENA_TIMEOUT_MS: '1000',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
    })
    expect(run.code, run.stderr).toBe(2)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: false, health: null, credentialsRefused: false })
    expect(v.reasons.map((r) => r.code)).toEqual(['verify.unreachable'])
    expect(readText(dir, 'verify-report.md')).toContain('- Health : not asked (the target gave no answer at all)')
  }, 60_000)

  it('a wrong (revoked) HARENA_API_TOKEN on a healthy service: "credentials refused", exit 1, as a wrong password', async () => {
    // Review 2026-12-05: a refused token read "verification FAILED" (exit 2) — only a refused login was told apart.
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    closers.push(() => ref.close())
    const dir = tempDir('verify-badtoken-')
    const run = await runCli('verify', {
      HARENA_BASE_URL: ref.url,
      HARENA_API_TOKEN: 'opaque-bad-token-123',
      HARENA_USER_ID: '1',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
    })
    expect(run.code, run.stderr + run.stdout).toBe(1)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: false, exitCode: 1, credentialsRefused: true, attempts: [] })
    expect(v.reasons.map((r) => r.code)).toEqual(['verify.credentials_refused'])
    expect(run.stdout).toMatch(/HARENA_API_TOKEN is refused .*HTTP 401/)
    expect(run.stdout).not.toContain('opaque-bad-token-123')
  }, 60_000)

  /** `npm run release` against a healthy reference with credentials it refuses: stopped before deploying (exit 1). */
  async function releaseRefused(credentials: Record<string, string>, label: string): Promise<{ output: string }> {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    closers.push(() => ref.close())
    const dir = tempDir(`release-${label}-`)
    const run = await runCli('release', {
      HARENA_BASE_URL: ref.url,
      RELEASE_GATE: 'false',
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
      ...credentials,
    })
    expect(run.code, run.stderr + run.stdout).toBe(1)
    const report = readReport(dir)
    expect(report.reasons.map((r) => r.code)).toContain('release.credentials.refused')
    expect(report).toMatchObject({ decision: 'NOT_DEPLOYED', exitCode: 1, verify: null, rollback: null })
    return { output: run.stdout + run.stderr }
  }

  it('npm run release with that token, a deploy and a rollback command: nothing deployed, nothing rolled back, exit 1', async () => {
    const { output } = await releaseRefused(
      {
        HARENA_API_TOKEN: 'opaque-bad-token-123',
        HARENA_USER_ID: '1',
        RELEASE_DEPLOY_COMMAND: 'echo DEPLOYED-NOW',
        RELEASE_ROLLBACK_COMMAND: 'echo ROLLED-BACK-NOW',
      },
      'badtoken',
    )
    expect(output).not.toMatch(/DEPLOYED-NOW|ROLLED-BACK-NOW/)
  }, 60_000)

  it('npm run release without a deploy command, the same wrong password: stopped as refused credentials (exit 1), never a rollback', async () => {
    await releaseRefused({ HARENA_USERNAME: 'demo@harena.test', HARENA_PASSWORD: 'wrongpass1' }, 'badpw')
  }, 60_000)
})
