// Settings (docs/suite-rules.md §2): every variable's bad value is refused with one line naming it, what is wrong and the
// accepted form; secrets are never echoed; `.env` is read under the process environment; the report directory
// is checked before the run (a verdict computed and then lost is worse than no run). Real files, real dirs.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ConfigError, loadSettings, readEnvironment, secretsOf } from '../../core/settings.ts'
import { issueToken } from '../../fixtures/reference/jwt.ts'

const root = mkdtempSync(join(tmpdir(), 'harena-config-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadSettings(env, root)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('loadSettings', () => {
  test('defaults: embedded target, user 1, 60 s timeout, one attempt, two warm-ups for the whole run, concurrency 1, reports/, fr', () => {
    const s = loadSettings({}, root)
    expect(s).toMatchObject({
      baseUrl: null,
      contract: 'harena-v2',
      userId: 1,
      timeoutMs: 60_000,
      iterations: 1,
      warmup: 2,
      concurrency: 1,
      reportDir: join(root, 'reports'),
      questionsPath: join(root, 'fixtures/questions.json'),
      locale: 'fr',
      minSuccessRate: 0.95,
      p95GoMs: 4000,
      p95NoGoMs: 5000,
      strict: false,
      failOnConditional: false,
    })
  })

  test('values are parsed; a trailing slash is dropped from the base URL; a path prefix is kept', () => {
    const s = loadSettings(
      {
        HARENA_BASE_URL: 'https://gw.example/harena/',
        HARENA_AUTH: 'none',
        VALIDATION_ITERATIONS: '5',
        VALIDATION_STRICT: 'yes',
        VALIDATION_MIN_SUCCESS_RATE: '0.9',
        VALIDATION_LOCALE: 'en',
      },
      root,
    )
    expect(s).toMatchObject({ baseUrl: 'https://gw.example/harena', iterations: 5, strict: true, minSuccessRate: 0.9, locale: 'en' })
  })

  test.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['Off', false],
  ])('VALIDATION_FAIL_ON_CONDITIONAL=%s → %s', (raw, expected) => {
    expect(loadSettings({ VALIDATION_FAIL_ON_CONDITIONAL: raw }, root).failOnConditional).toBe(expected)
  })

  test.each([
    ['HARENA_TIMEOUT_MS', 'soon', /not a whole number.*milliseconds/],
    ['HARENA_TIMEOUT_MS', '0', /below 1/],
    ['VALIDATION_CONCURRENCY', '0', /below 1.*from 1 to 256/],
    ['VALIDATION_ITERATIONS', '-3', /below 1/],
    ['VALIDATION_WARMUP', '-1', /below 0/],
    ['VALIDATION_CONCURRENCY', '1.5', /not a whole number/],
    ['HARENA_API_CONTRACT', 'harena-v9', /not one of the accepted values.*harena-v2/],
    ['VALIDATION_LOCALE', 'de', /fr \| en/],
    ['HARENA_BASE_URL', 'htp:/127.0.0.1 :8001', /not an http\(s\) URL/],
    ['HARENA_BASE_URL', 'http://127.0.0.1:8001/?debug=1', /query string/],
    ['HARENA_USER_ID', '0', /below 1/],
    ['VALIDATION_MIN_SUCCESS_RATE', '95%', /fraction/],
    ['VALIDATION_STRICT', 'maybe', /true \| false/],
  ])('%s=%s → refused with one line naming it and the accepted form', (variable, value, reason) => {
    const e = refusal({ [variable]: value })
    expect(e.variable).toBe(variable)
    expect(e.message).toContain(`${variable}=`)
    expect(e.message).toMatch(reason)
    expect(e.message).toMatch(/expected /)
    expect(e.message).not.toContain('\n')
  })

  test('a fraction without its leading zero is a fraction; a choice is read whatever its letter case (review 2026-12-05)', () => {
    expect(loadSettings({ VALIDATION_MIN_SUCCESS_RATE: '.95' }, root).minSuccessRate).toBe(0.95)
    expect(loadSettings({ VALIDATION_LOCALE: 'EN' }, root).locale).toBe('en')
    expect(loadSettings({ HARENA_API_CONTRACT: 'Harena-V3' }, root).contract).toBe('harena-v3')
    expect(refusal({ VALIDATION_MIN_SUCCESS_RATE: '.' }).message).toMatch(/VALIDATION_MIN_SUCCESS_RATE="\." is invalid/)
    expect(refusal({ VALIDATION_LOCALE: 'de' }).message).toMatch(/VALIDATION_LOCALE="de"/)
  })

  test('a secret value is never echoed, even when it is the invalid one', () => {
    const token = 'not a bearer-token secret value'
    const e = refusal({ HARENA_BASE_URL: 'http://127.0.0.1:8001', HARENA_API_TOKEN: token })
    expect(e.variable).toBe('HARENA_API_TOKEN')
    expect(e.message).toContain('(value hidden)')
    expect(e.message).not.toContain(token)
  })

  test.each([
    ['HARENA_PASSWORD', 'Xy7#q', { HARENA_USERNAME: 'demo@example.fr' }],
    ['HARENA_PASSWORD', '4000', { HARENA_USERNAME: 'demo@example.fr' }],
    ['HARENA_API_TOKEN', 'k9Zab12', {}],
    ['HARENA_API_TOKEN', 'Bearer abc', {}],
  ])('%s=%s (under 8 characters) → refused, the value hidden, the accepted length said', (variable, value, others) => {
    const e = refusal({ HARENA_BASE_URL: 'http://127.0.0.1:8001', ...others, [variable]: value })
    expect(e.variable).toBe(variable)
    expect(e.message).toContain('(value hidden)')
    expect(e.message).not.toContain(value.replace(/^Bearer /, ''))
    expect(e.message).toMatch(/too short to be kept out of the reports/)
    expect(e.message).toMatch(/8 characters or more/)
    expect(e.message).not.toContain('\n')
  })

  test('a password or a token of 8 characters is accepted', () => {
    const s = loadSettings({ HARENA_BASE_URL: 'http://127.0.0.1:8001', HARENA_USERNAME: 'u@x.fr', HARENA_PASSWORD: 'Xy7#q-ok' }, root)
    expect(s.password).toBe('Xy7#q-ok')
    expect(loadSettings({ HARENA_BASE_URL: 'http://127.0.0.1:8001', HARENA_API_TOKEN: 'k9Zab12x' }, root).apiToken).toBe('k9Zab12x')
  })

  test('credentials inside the base URL are refused and not echoed', () => {
    const e = refusal({ HARENA_BASE_URL: 'http://alice:s3cr3t-pass@127.0.0.1:8001' })
    expect(e.variable).toBe('HARENA_BASE_URL')
    expect(e.message).not.toContain('s3cr3t-pass')
    expect(e.message).toMatch(/credentials/)
  })

  test('username without password (and the reverse) names the missing one', () => {
    expect(refusal({ HARENA_USERNAME: 'demo@example.fr' }).variable).toBe('HARENA_PASSWORD')
    expect(refusal({ HARENA_PASSWORD: 'pw-123456' }).variable).toBe('HARENA_USERNAME')
  })

  test('GO threshold above the NO-GO threshold is refused', () => {
    expect(refusal({ VALIDATION_P95_GO_MS: '6000', VALIDATION_P95_NOGO_MS: '5000' }).message).toMatch(/greater than VALIDATION_P95_NOGO_MS=5000/)
  })

  test('secretsOf returns the token and the password, nothing else', () => {
    const s = loadSettings(
      { HARENA_BASE_URL: 'http://127.0.0.1:8001', HARENA_API_TOKEN: 'aaa.bbb.ccc', HARENA_USERNAME: 'u@x.fr', HARENA_PASSWORD: 'pw-123456' },
      root,
    )
    expect(secretsOf(s).sort()).toEqual(['aaa.bbb.ccc', 'pw-123456'])
  })
})

describe('VALIDATION_REPORT_DIR', () => {
  test('a missing directory under a writable one is fine (it will be created)', () => {
    expect(loadSettings({ VALIDATION_REPORT_DIR: 'out/nested/reports' }, root).reportDir).toBe(join(root, 'out/nested/reports'))
  })

  test('a regular file, or a path below one, is refused naming the variable', () => {
    const file = join(root, 'a-file')
    writeFileSync(file, 'x')
    expect(refusal({ VALIDATION_REPORT_DIR: file }).message).toMatch(/VALIDATION_REPORT_DIR=.*a file, not a directory/)
    expect(refusal({ VALIDATION_REPORT_DIR: join(file, 'reports') }).message).toMatch(/a-file is a file, not a directory/)
  })

  test('a directory that cannot be created is refused at once with the cause (/proc: Node 20 recursive mkdir never returns there)', () => {
    expect(existsSync('/proc/self')).toBe(true)
    expect(refusal({ VALIDATION_REPORT_DIR: '/proc/harena-nope/reports' }).message).toMatch(
      /VALIDATION_REPORT_DIR=.* is invalid \(cannot create \/proc\/harena-nope \(E[A-Z]+\)\)/,
    )
  })

  test('the missing levels are created when the settings are read', () => {
    loadSettings({ VALIDATION_REPORT_DIR: 'made/by/settings' }, root)
    expect(statSync(join(root, 'made/by/settings')).isDirectory()).toBe(true)
  })
})

describe('readEnvironment', () => {
  test('.env is read; the process environment wins over it', () => {
    const dir = mkdtempSync(join(root, 'dotenv-'))
    writeFileSync(join(dir, '.env'), 'VALIDATION_ITERATIONS=7\nVALIDATION_LOCALE=en\n')
    const env = readEnvironment(dir, { VALIDATION_LOCALE: 'fr' })
    expect(env.VALIDATION_ITERATIONS).toBe('7')
    expect(env.VALIDATION_LOCALE).toBe('fr')
    expect(loadSettings(env, dir)).toMatchObject({ iterations: 7, locale: 'fr' })
  })
})

// HARENA_API_TOKEN's user is read as a login's token is (core/settings.ts jwtUser, the middleware's `sub ?? user_id`):
// a JWT naming another user only by its `user_id` claim is refused too, and the line names that claim.
describe('HARENA_API_TOKEN of another user', () => {
  test('by its sub or, without one, by its user_id claim: refused, naming HARENA_USER_ID and the claim; "01" is user 1', () => {
    const base = { HARENA_BASE_URL: 'http://127.0.0.1:8001', HARENA_USER_ID: '1' }
    const bySub = refusal({ ...base, HARENA_API_TOKEN: issueToken(2) })
    expect(bySub.variable).toBe('HARENA_USER_ID')
    expect(bySub.message).toMatch(/is for user "2" \(its "sub" claim\)/)
    const byUserId = refusal({ ...base, HARENA_API_TOKEN: issueToken(2, { claims: { sub: undefined, user_id: 2 } }) })
    expect(byUserId.variable).toBe('HARENA_USER_ID')
    expect(byUserId.message).toMatch(/is for user "2" \(its "user_id" claim\)/)
    expect(loadSettings({ ...base, HARENA_API_TOKEN: issueToken(2, { claims: { sub: '01' } }) }, root).apiToken).not.toBeNull()
  })
})
