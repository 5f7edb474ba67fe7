// Target honesty in the settings loader (issue 9): a setting that would be ignored, a misspelled variable, a
// target asked without credentials, a JWT for another user or already expired → one ConfigError line, before
// any request. Opaque bearer tokens are accepted (gateways issue them).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { issueToken } from '../../fixtures/reference/jwt.ts'
import { closestVariable, ConfigError, knownVariables, loadSettings, tokenExpiresAt } from '../../core/settings.ts'
import { configurationErrorText } from '../../core/configuration-error.ts'
import { CREDENTIAL_URLS, SECRET } from './credential-urls.ts'

const root = mkdtempSync(join(tmpdir(), 'harena-honesty-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const URL_ = 'http://127.0.0.1:8001'
const ROOT = join(import.meta.dirname, '../..')

/** The project's own source, scripts and workflow (no dependencies, no output). */
function projectFiles(dir: string): string[] {
  const skip = /(^|\/)(node_modules|reports|\.git)(\/|$)/
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|yml|sh)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !skip.test(path.slice(dir.length)))
}

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadSettings(env, root)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('credentials in HARENA_BASE_URL', () => {
  // Every malformed shape, through the settings loader the config file calls; the refusal's line in both languages
  // (what `npx vitest run` prints, selftest/e2e/target-honesty.test.ts proves the process around it on a few shapes).
  test.each(CREDENTIAL_URLS)('%s → refused, naming HARENA_BASE_URL, the password in neither language', (url) => {
    const e = refusal({ HARENA_BASE_URL: url, HARENA_API_TOKEN: 'opaque-token-xyz' })
    expect(e.variable).toBe('HARENA_BASE_URL')
    for (const locale of ['en', 'fr'] as const) {
      const line = configurationErrorText(e.reason, locale)
      expect(line).toContain('HARENA_BASE_URL')
      expect(line.includes(SECRET), line).toBe(false)
    }
  })
})

describe('settings that only mean something for an external target', () => {
  test.each(['HARENA_API_TOKEN', 'HARENA_USER_ID', 'HARENA_AUTH'])('%s without HARENA_BASE_URL → refused, naming both', (name) => {
    const value = { HARENA_API_TOKEN: 'opaque-token-123', HARENA_USER_ID: '2', HARENA_AUTH: 'none' }[name] as string
    const e = refusal({ [name]: value })
    expect(e.variable).toBe('HARENA_BASE_URL')
    expect(e.message).toContain(name)
    expect(e.message).toMatch(/embedded reference service/)
    expect(e.message).not.toContain('opaque-token-123')
    expect(e.message).not.toContain('\n')
  })

  test('HARENA_API_CONTRACT without HARENA_BASE_URL is honoured: the embedded service speaks that generation', () => {
    expect(loadSettings({ HARENA_API_CONTRACT: 'harena-v3' }, root).contract).toBe('harena-v3')
  })

  test('username + password without HARENA_BASE_URL → refused, the password never shown', () => {
    const e = refusal({ HARENA_USERNAME: 'demo@harena.test', HARENA_PASSWORD: 'pw-sekret-42' })
    expect(e.message).toMatch(/HARENA_USERNAME, HARENA_PASSWORD/)
    expect(e.message).not.toContain('pw-sekret-42')
  })

  test('empty values count as unset: no base URL and empty credentials is the embedded run', () => {
    expect(loadSettings({ HARENA_API_TOKEN: '', HARENA_BASE_URL: ' ' }, root).baseUrl).toBeNull()
  })
})

describe('unknown variables', () => {
  test.each([
    ['HARENA_BASEURL', 'HARENA_BASE_URL'],
    ['HARENA_BASE_UR', 'HARENA_BASE_URL'],
    ['harena_base_url', 'HARENA_BASE_URL'],
    ['HARENA_TOKEN', 'HARENA_API_TOKEN'],
    ['VALIDATION_ITERATION', 'VALIDATION_ITERATIONS'],
    ['VALIDATION_CONCURENCY', 'VALIDATION_CONCURRENCY'],
    ['REFERENCE_FAULT', 'REFERENCE_FAULTS'],
    ['HARENA_PASWORD', 'HARENA_PASSWORD'],
    // Across prefixes: every known name is considered.
    ['VALIDATION_API_CONTRACT', 'HARENA_API_CONTRACT'],
    ['HARENA_API_CONTRCT', 'HARENA_API_CONTRACT'],
    ['VALIDATION_API_CONTRCT', 'HARENA_API_CONTRACT'],
  ])('%s → "did you mean %s?", value never shown', (typo, meant) => {
    const e = refusal({ [typo]: 'value-never-shown' })
    expect(e.variable).toBe(typo)
    expect(e.message).toContain(`did you mean ${meant}?`)
    expect(e.message).not.toContain('value-never-shown')
  })

  test('a name far from any known one is refused without a guess; other prefixes are not ours', () => {
    expect(refusal({ VALIDATION_ZZZZZZZZZZZZ: '1' }).message).not.toMatch(/did you mean/)
    expect(loadSettings({ MONITOR_INTERVAL: '5', RELEASE_TAG: 'x', HOME: '/root' }, root).baseUrl).toBeNull()
  })

  test("every variable with our prefixes that the project's code or workflow reads is known (exporting it never stops a run)", () => {
    const read = new Set<string>()
    const reads = /(?:process\.env\.|process\.env\[['"]|vars\.)((?:HARENA|VALIDATION|REFERENCE)_[A-Z0-9_]+)/g
    for (const file of projectFiles(ROOT)) for (const m of readFileSync(file, 'utf8').matchAll(reads)) read.add(m[1] as string)
    expect(read.size).toBeGreaterThan(5)
    const known = new Set(knownVariables())
    expect([...read].filter((name) => !known.has(name))).toEqual([])
    expect(loadSettings({ VALIDATION_SHARDED: 'true', HARENA_WRITE_SCREENSHOT: '1' }, root).baseUrl).toBeNull()
  })

  test('the known list is the settings registry plus the reference service variables', () => {
    const known = knownVariables()
    for (const name of ['HARENA_BASE_URL', 'HARENA_AUTH', 'VALIDATION_WARMUP', 'REFERENCE_NOW', 'REFERENCE_FAULTS']) expect(known).toContain(name)
    expect(closestVariable('HARENA_BASEURL')).toBe('HARENA_BASE_URL')
  })
})

describe('credentials', () => {
  test('a base URL without credentials is refused unless HARENA_AUTH=none', () => {
    const e = refusal({ HARENA_BASE_URL: URL_ })
    expect(e.message).toMatch(/no credentials.*HARENA_AUTH=none/)
    expect(loadSettings({ HARENA_BASE_URL: URL_, HARENA_AUTH: 'none' }, root).auth).toBe('none')
    expect(refusal({ HARENA_BASE_URL: URL_, HARENA_AUTH: 'none', HARENA_API_TOKEN: 'abcdefgh12' }).variable).toBe('HARENA_AUTH')
  })

  // Any b64token of 8 characters or more (a shorter one cannot be kept out of the reports: selftest/core/settings.test.ts).
  test.each(['opaque-gateway-token', 'abc12345', 'dGVzdGluZw==', 'a.b.c.d.e', 'Bearer opaque_token~+/'])(
    'any bearer token is accepted: %s',
    (token) => {
      const s = loadSettings({ HARENA_BASE_URL: URL_, HARENA_API_TOKEN: token }, root)
      expect(s.apiToken).toBe(token.replace(/^Bearer /, ''))
      expect(tokenExpiresAt(s)).toBeNull()
    },
  )

  test('a JWT for another user than HARENA_USER_ID is refused', () => {
    const e = refusal({ HARENA_BASE_URL: URL_, HARENA_API_TOKEN: issueToken(2), HARENA_USER_ID: '1' })
    expect(e.variable).toBe('HARENA_USER_ID')
    expect(e.message).toMatch(/token .* is for user "2"/)
    expect(loadSettings({ HARENA_BASE_URL: URL_, HARENA_API_TOKEN: issueToken(2), HARENA_USER_ID: '2' }, root).userId).toBe(2)
  })

  test('an expired JWT is refused, its value hidden; a valid one gives its expiry', () => {
    const expired = issueToken(1, { expiresInSeconds: -60 })
    const e = refusal({ HARENA_BASE_URL: URL_, HARENA_API_TOKEN: expired })
    expect(e.variable).toBe('HARENA_API_TOKEN')
    expect(e.message).toMatch(/expired at/)
    expect(e.message).not.toContain(expired.split('.')[1])
    const s = loadSettings({ HARENA_BASE_URL: URL_, HARENA_API_TOKEN: issueToken(1, { expiresInSeconds: 600 }) }, root)
    expect(tokenExpiresAt(s)).toBeGreaterThan(Date.now())
  })
})

describe('the REFERENCE_* registry follows the reference service', () => {
  test('every REFERENCE_* variable the reference service reads is known (a new one must be added to core/reference-variables.ts)', () => {
    const dir = join(import.meta.dirname, '../../fixtures/reference')
    const read = new Set<string>()
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8')
      // env['REFERENCE_X'], env.REFERENCE_X, intVar(env, 'REFERENCE_X', …): any quoted name or env.NAME
      for (const m of text.matchAll(/(?:env\.|['"])(REFERENCE_[A-Z_]+)\b(?!s)/g)) read.add(m[1] as string)
    }
    expect(read.size).toBeGreaterThanOrEqual(5)
    const known = new Set(knownVariables())
    expect([...read].filter((v) => !known.has(v))).toEqual([])
  })
})
