// `npm run reference` (fixtures/reference/main.ts) as a real child process: it prints its URL and the demo
// logins, serves on loopback, stops cleanly on SIGTERM/SIGINT, and refuses a bad REFERENCE_* value with one line
// naming it (exit 1).
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { configFromEnv } from '../../../fixtures/reference/main.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const MAIN = 'fixtures/reference/main.ts'

interface Child {
  stdout: () => string
  stderr: () => string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  kill: (signal: NodeJS.Signals) => void
}

function run(env: Record<string, string>): Child {
  // Only what the child needs: no inherited REFERENCE_* or secrets from the parent environment.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return { stdout: () => out, stderr: () => err, exit, kill: (s) => child.kill(s) }
}

describe('npm run reference', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('prints its URL and demo logins, serves, and exits 0 on %s', async (signal) => {
    const child = run({ REFERENCE_PORT: '0', REFERENCE_NOW: '2026-11-24T12:00:00Z', REFERENCE_SEED: '42', REFERENCE_LOG: '1' })
    try {
      await expect.poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.stdout())?.[1], { timeout: 20_000 }).toBeTruthy()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.stdout())![1]!
      expect(child.stdout()).toContain('demo@harena.test / harena-demo')
      expect(child.stdout()).toContain('other@harena.test / harena-demo')
      expect(child.stdout()).toContain('now=2026-11-24T12:00:00.000Z seed=42')
      const health = await fetch(`${url}/health`)
      expect(health.status).toBe(200)
      const login = await fetch(`${url}/api/v1/users/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=demo%40harena.test&password=harena-demo',
      })
      expect(login.status).toBe(200)
      // One log line per request, without the token or the password.
      await expect.poll(() => child.stdout()).toMatch(/POST \/api\/v1\/users\/auth\/login 200 [\d.]+ms user=1/)
      const { access_token: token } = (await login.json()) as { access_token: string }
      expect(child.stdout()).not.toContain(token)
      child.kill(signal)
      expect(await child.exit).toEqual({ code: 0, signal: null })
      expect(child.stdout()).toContain(`${signal}, shutting down`)
    } finally {
      child.kill('SIGKILL')
    }
  })

  test('faults from REFERENCE_FAULTS are live and announced', async () => {
    const child = run({ REFERENCE_PORT: '0', REFERENCE_FAULTS: '[{"match":"Carrefour","fault":{"kind":"http5xx"}}]', REFERENCE_LOG: '0' })
    try {
      await expect.poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.stdout())?.[1], { timeout: 20_000 }).toBeTruthy()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.stdout())![1]!
      expect(child.stdout()).toContain('faults: 1 rule(s) ACTIVE')
      const login = await fetch(`${url}/api/v1/users/auth/login`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'demo@harena.test', password: 'harena-demo' }),
      })
      const { access_token: token } = (await login.json()) as { access_token: string }
      const r = await fetch(`${url}/api/v1/conversation/1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ message: 'Mes dépenses chez Carrefour' }),
      })
      expect(r.status).toBe(500)
      child.kill('SIGTERM')
      expect((await child.exit).code).toBe(0)
      expect(child.stdout()).not.toMatch(/^POST \/api/m) // REFERENCE_LOG=0: no per-request lines
    } finally {
      child.kill('SIGKILL')
    }
  })

  test.each([
    [{ REFERENCE_PORT: 'eighty' }, /^reference: REFERENCE_PORT="eighty" is invalid/],
    [{ REFERENCE_PORT: '70000' }, /^reference: REFERENCE_PORT="70000" is invalid/],
    [{ REFERENCE_NOW: 'yesterday' }, /^reference: REFERENCE_NOW="yesterday" is not a date/],
    [{ REFERENCE_SEED: '-1' }, /^reference: REFERENCE_SEED="-1" is invalid/],
    [{ REFERENCE_FAULTS: '[{"fault":{"kind":"explode"}}]' }, /^reference: REFERENCE_FAULTS is invalid: faults\[0\]\.fault\.kind/],
    [{ REFERENCE_FAULTS: 'not json' }, /^reference: REFERENCE_FAULTS is invalid: faults: not valid JSON/],
    // Only "0" silenced, anything else logged without a word (a newcomer's walk, 2026-12-05).
    [{ REFERENCE_LOG: 'maybe' }, /^reference: REFERENCE_LOG="maybe" is invalid: expected true \| false \(also yes\/no, on\/off, 1\/0\)$/],
    // A misspelled name, its value dropped: the service started on the default port.
    [
      { REFERENCE_PORTT: '1' },
      /^reference: REFERENCE_PORTT is not a known variable — did you mean REFERENCE_PORT\?; expected one of REFERENCE_PORT, /,
    ],
  ])('refuses %o with one line naming it, exit 1', async (env, message) => {
    const child = run({ REFERENCE_PORT: '0', ...env })
    const { code } = await child.exit
    expect(code).toBe(1)
    const lines = child.stderr().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
    expect(child.stdout()).not.toContain('listening')
  })

  test.each([
    ['false', false],
    ['off', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['', true],
  ])('REFERENCE_LOG=%j: per-request lines %s, as the suite reads yes/no settings', (value, logs) => {
    expect(configFromEnv({ REFERENCE_LOG: value }).log).toBe(logs)
  })

  test('a port in use: one clear line, exit 1', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    try {
      const child = run({ REFERENCE_PORT: String(port) })
      expect((await child.exit).code).toBe(1)
      expect(child.stderr().trim()).toBe(`reference: cannot start: port ${port} is already in use (set REFERENCE_PORT)`)
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()))
    }
  })
})
