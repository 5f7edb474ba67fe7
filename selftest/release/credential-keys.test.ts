// Keys that name a credential by one of their word-parts, not only by their last word (release/credential-keys.ts):
// a review found `dbpw_main=hunter2`, `PG_PASS_1=…`, `secretKeyPrimary=…` and `x-api-key-2: …` printed verbatim by a
// rollback script, in the terminal and in every Phase 2 report (release/output-secrets.ts read only keys that END
// with a credential word), and the same names in the environment were not masked either (envSecrets).
import { describe, expect, it } from 'vitest'
import { mulberry32 as generator } from '../../core/random.ts'
import { envSecrets } from '../../release/command-secrets.ts'
import { credentialKey } from '../../release/credential-keys.ts'
import { maskOutput } from '../../release/output-secrets.ts'

describe('release/credential-keys.ts: a credential word anywhere in a key', () => {
  it('the reproduction: the values are masked, the keys kept; settings about a credential stay readable', () => {
    const printed = [
      'dbpw_main=hunter2',
      'PG_PASS_1=Zq8-pgpass',
      'secretKeyPrimary=AbC123xYz',
      'x-api-key-2: k3y-Val-42',
      '{"dbPasswordMain": "s3cr3t-pw"}',
    ]
    expect(maskOutput(printed.join('\n'), [])).toBe(
      ['dbpw_main=***', 'PG_PASS_1=***', 'secretKeyPrimary=***', 'x-api-key-2: ***', '{"dbPasswordMain": "***"}'].join('\n'),
    )
    const settings = [
      'password_policy=strict password_min_length=12 token_type=bearer secret_name=harena-db',
      'token_expires_at=2026-12-06T10:00:00Z --db-password-file /run/secrets/db auth_url=https://auth.example.test/v1',
      'sort_key=created_at cache_key=v1-deps-abc123 PWD=/srv/harena OLDPWD=/srv SSH_AUTH_SOCK=/tmp/ssh-x/agent.1',
    ].join('\n')
    expect(maskOutput(settings, [])).toBe(settings)
    expect(
      envSecrets({
        DBPW_MAIN: 'hunter22',
        PG_PASS_1: 'pg-pass-1',
        SECRET_KEY_PRIMARY: 'AbC123xYz',
        PASSWORD_POLICY: 'strict',
        TOKEN_TTL: '3600s',
      }).sort(),
    ).toEqual(['AbC123xYz', 'hunter22', 'pg-pass-1'])
  })

  it('random keys × spellings × line shapes: a credential value is masked wherever the word stands, a description under a qualified key is kept, other keys are left', () => {
    const failures: string[] = []
    const seen = new Map<string, number>()
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = generator(seed)
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
      const key = randomKey(rnd)
      const random = rnd() < 0.6
      const value = random ? credentialValueOf(rnd) : pick(DESCRIPTIONS)
      // Any value of a key the credential word ends (4 characters or more: release/output-secrets.ts); a random one
      // only of a key where other words follow it; none of a key without one.
      const secret = value.length >= 4 && (key.where === 'last' || (key.where === 'inner' && random))
      seen.set(`${key.where} ${random ? 'random' : 'description'}`, (seen.get(`${key.where} ${random ? 'random' : 'description'}`) ?? 0) + 1)
      const shapes = /[.]/.test(key.text) ? KEY_EQUALS : [...KEY_EQUALS, ...KEY_COLON]
      const line = `+ ${pick(shapes)(key.text, value)}`
      const out = maskOutput(line, [])
      if (credentialKey(key.text) !== key.where) failures.push(`${key.text}: read as ${credentialKey(key.text)}, built ${key.where}`)
      if (secret && out.includes(value)) failures.push(`${key.text} (${key.where}): ${line} → ${out}`)
      if (secret && !out.includes(key.text)) failures.push(`${key.text}: the key lost: ${out}`)
      if (!secret && out !== line) failures.push(`${key.text} (${key.where}): ${line} → ${out}`)
      // The environment: the same name in capitals, its value masked wherever printed when it is a credential's.
      const name = key.parts.join('_').toUpperCase()
      const masked = envSecrets({ [name]: value }).includes(value)
      if (masked !== (secret && value.length >= 6)) failures.push(`env ${name}=${value}: ${masked ? 'masked' : 'kept'}`)
    }
    expect(failures).toEqual([])
    // Every case was drawn, many times.
    for (const where of ['last', 'inner', 'null'])
      for (const v of ['random', 'description']) expect(seen.get(`${where} ${v}`), `${where} ${v}`).toBeGreaterThan(15)
  })
})

/** Word-parts of keys around the credential word, and words that name no credential. */
const AROUND = ['db', 'pg', 'svc', 'app', 'harena', 'x', 'ci', 'deploy', 'github']
const QUALIFIERS = ['main', 'primary', 'backup', 'old', 'new', 'prod', 'policy', 'type', 'name', 'file', 'ttl']
const CREDENTIAL_WORDS = ['password', 'passwd', 'pass', 'pw', 'secret', 'token', 'passphrase', 'credentials', 'auth']
const KEYED = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
]
const NEUTRAL = ['sort', 'cache', 'page', 'region', 'user', 'author', 'compact', 'path', 'pwd', 'keyboard']

/** Values a credential takes (random, a digit or mixed case), and values that describe (a setting). */
function credentialValueOf(rnd: () => number): string {
  const chars = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_@%'
  const body = Array.from({ length: 7 + Math.floor(rnd() * 12) }, () => chars[Math.floor(rnd() * chars.length)]).join('')
  return `${chars[Math.floor(rnd() * 24)]}${Math.floor(rnd() * 10)}${body}`
}
const DESCRIPTIONS = [
  'strict',
  'bearer',
  'Bearer',
  'harena-db',
  '3600s',
  '12',
  '2026-12-06',
  '2026-12-06T10:00:00Z',
  '/run/secrets/db',
  'https://vault.example.test/v1',
]

/**
 * A key built from word-parts: maybe words before, maybe a credential word (glued to the word before it or not), maybe
 * digits or qualifying words after, in one spelling (snake, SCREAMING, kebab, Header-Case, dotted, camelCase).
 */
function randomKey(rnd: () => number): { text: string; parts: string[]; where: 'last' | 'inner' | null } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const before = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(AROUND))
  const kind = rnd()
  let parts: string[]
  let where: 'last' | 'inner' | null
  if (kind < 0.2) {
    parts = [...before, pick(NEUTRAL), ...(rnd() < 0.5 ? [pick(QUALIFIERS)] : [])]
    where = null
  } else {
    const word = rnd() < 0.3 ? [...(pick(KEYED) as string[])] : [pick(CREDENTIAL_WORDS)]
    // Glued to the word before it: dbpw, pgpass, appauth.
    if (before.length > 0 && word.length === 1 && rnd() < 0.3) word[0] = `${before.pop()}${word[0]}`
    const after = rnd() < 0.5 ? [String(1 + Math.floor(rnd() * 3))] : rnd() < 0.5 ? [] : [pick(QUALIFIERS)]
    parts = [...before, ...word, ...after]
    where = after.length === 0 || /^\d+$/.test(after[0] as string) ? 'last' : 'inner'
  }
  const style = Math.floor(rnd() * 6)
  const camel = (ps: string[]): string => ps.map((p, i) => (i === 0 ? p : `${p[0]?.toUpperCase()}${p.slice(1)}`)).join('')
  const text = [
    () => parts.join('_'),
    () => parts.join('_').toUpperCase(),
    () => parts.join('-'),
    () => parts.map((p) => `${p[0]?.toUpperCase()}${p.slice(1)}`).join('-'),
    () => parts.join('.'),
    () => camel(parts),
  ][style]?.() as string
  return { text, parts, where }
}

/** Lines that give a key its value: assignments (any key), and colon or flag forms (keys without dots). */
const KEY_EQUALS: ReadonlyArray<(k: string, v: string) => string> = [(k, v) => `${k}=${v}`, (k, v) => `export ${k}="${v}"`, (k, v) => `${k} = '${v}'`]
const KEY_COLON: ReadonlyArray<(k: string, v: string) => string> = [
  (k, v) => `${k}: ${v}`,
  (k, v) => `{"${k}": "${v}", "page": 2}`,
  (k, v) => `deploy --${k} ${v} --verbose`,
  (k, v) => `deploy --${k}=${v}`,
]
