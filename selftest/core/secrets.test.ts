// Secret masking: every form and every cut fragment of a token or password is masked, other text is kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { issueToken } from '../../fixtures/reference/jwt.ts'
import { redact, redactValues, secretForms } from '../../core/secrets.ts'
import { base32Cores, readsAsText } from '../../core/secret-forms.ts'
import { headerValuesRead, leakIn } from '../leaks.ts'
import { FIXED_CLAIMS, fixedToken } from '../fixed-token.ts'
import { eventWriter, scrub as releaseScrub } from '../../release/output.ts'
import { scrubberOf } from '../../core/scrub.ts'

// The JWTs here are signed with a fixed key at fixed times (selftest/fixed-token.ts), the random ones too:
// - with the clock's time, one JWT of 2026-12-05 18:00 cut one or two characters before its end over two headers had
//   the redactor mask the separator and three characters of the next header's name ("X-T"): over-masking, no piece of
//   the secret left (a known limit of the windows of core/secret-view.ts);
// - with the reference's default key, random per process, one run in sixteen ended the 2026-12-06 reproduction's
//   token with "A", and the next header's value "abc" continued it case-folded across the two header values ("…hbZ" +
//   "a"): one character of the neighbour masked (the known over-masking above), CI failed on it once.

const token = fixedToken(1)
const password = 'p@ss word/ü-123'

describe('redact', () => {
  test('the token, its Bearer form, its URL-encoded and JSON-escaped forms, the password', () => {
    const text = `a Bearer ${token} b ${encodeURIComponent(password)} c ${JSON.stringify(password)} d ${password}`
    const out = redact(text, [`Bearer ${token}`, password])
    expect(out).not.toContain(token)
    expect(out).not.toContain(password)
    expect(out).not.toContain(encodeURIComponent(password))
    expect(out.startsWith('a ')).toBe(true)
    expect(out).toContain(' b ')
  })

  test('a cut token (prefix, suffix, middle) leaves no 16-character fragment of its secret part behind', () => {
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const secretPart = `${payload}.${signature}` // the header is the same in every HS256 token: public
    for (const fragment of [token.slice(0, 100), token.slice(-25), `${payload.slice(3, 30)}`, signature.slice(0, 20)]) {
      const out = redact(`détail: « ${fragment} fin {oops}`, [token])
      for (let i = 0; i + 16 <= out.length; i++) expect(secretPart.includes(out.slice(i, i + 16)), out).toBe(false)
      if (fragment.startsWith(header)) expect(out).toContain(header.slice(0, 16)) // public: kept up to where windows reach the payload
      // The prose around is kept, except letters that happen to continue the token on either side ("détai|l" before a
      // cut whose token character before it is an l): the view reads across the spaces and goes with the secret. The
      // view also skips the token's own separators: "-f…" or "_F…" after the cut continues into "fin" (a token with
      // one of those after the fragment failed this proof about one run in 270).
      const at = token.indexOf(fragment)
      const continuing = (word: string, raw: string): number => {
        const chars = raw.replace(/[^A-Za-z0-9]/g, '')
        let k = 0
        while (k < word.length && chars[k]?.toLowerCase() === word[k]) k++
        return k
      }
      const before = continuing([...'détail'].reverse().join(''), [...token.slice(0, at)].reverse().join(''))
      const after = continuing('fin', token.slice(at + fragment.length))
      expect(out.startsWith(before === 0 ? 'détail: « ' : 'détail'.slice(0, 6 - before)), out).toBe(true)
      expect(out.endsWith(after === 0 ? ' fin {oops}' : `${'fin'.slice(after)} {oops}`), out).toBe(true)
    }
  })

  test('a fragment glued to other token characters is masked, the rest of the run kept', () => {
    // The glue must not end with the token's own character before the fragment (the token's exp changes with the
    // clock): that character would rightly extend the fragment, and the test would depend on the time of day. As the
    // view reads it: case folded, the token's separators skipped (with a "-" or "_" there, 107 tokens in 6,000 failed).
    const before = token
      .slice(0, -30)
      .replace(/[^A-Za-z0-9]/g, '')
      .at(-1)
      ?.toLowerCase()
    const glue = ['XYZ', 'XYQ'].find((g) => g.at(-1)?.toLowerCase() !== before) as string
    const out = redact(`${glue}${token.slice(-30)}`, [token])
    expect(out).toBe(`${glue}***`)
  })

  test('a password with spaces: form-encoded (as a login body echoes it) and cut in the middle, both masked', () => {
    const pw = 'correct horse battery staple 42'
    const formEcho = `raw=username=demo%40harena.test&password=${new URLSearchParams({ p: pw }).toString().slice(2)} fin`
    expect(redact(formEcho, [pw])).toBe('raw=username=demo%40harena.test&password=*** fin')
    // Cut after a space: the mask covers the password's letters and digits; the separator at its edge stays.
    const cut = `pw=${pw.slice(0, 22)}… fin`
    const out = redact(cut, [pw])
    expect(out).toBe('pw=*** … fin')
  })

  test('letter case does not hide a secret: a token or password echoed upper-cased, or with random case, whole or cut', () => {
    const hex = 'a3f9c2e81b7d4f6a9e0c5b2d8f1a7e3c'
    const rng = (() => {
      let x = 0x2f6b1d3
      return () => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0
        return x / 2 ** 32
      }
    })()
    const flip = (text: string): string => [...text].map((c) => (rng() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('')
    for (let round = 0; round < 60; round++) {
      for (const secret of [hex, token, password]) {
        const whole = round % 2 === 0 ? secret.toUpperCase() : flip(secret)
        const from = Math.floor(rng() * Math.max(1, secret.length - 20))
        const cut = flip(secret.slice(from, from + 16 + Math.floor(rng() * 8)))
        const out = redact(`echo: ${whole} / ${encodeURIComponent(whole)} / cut ${cut} fin`, [hex, `Bearer ${token}`, password])
        const lower = out.toLowerCase()
        expect(lower, out).not.toContain(secret.toLowerCase())
        // No 16-character window of any form survives, whatever its case (but the JWT header's: public).
        const header = `bearer ${token.split('.')[0]?.toLowerCase()}.`
        for (const form of secretForms([hex, `Bearer ${token}`, password]).map((f) => f.toLowerCase()))
          for (let i = 0; i + 16 <= lower.length; i++) {
            const window = lower.slice(i, i + 16)
            expect(form.includes(window) && !header.includes(window), out).toBe(false)
          }
        expect(out.startsWith('echo: ')).toBe(true)
        // The view ignores separators (core/secret-view.ts): the letters after a cut that happen to continue the
        // secret ("…d4" + " fin", the hex has "d4f"; a token's random text may go on with "fi") are masked with it —
        // never more than what continues it.
        const next = secret.slice(from + cut.length).toLowerCase()
        let continued = 0
        while (continued < 3 && next[continued] === 'fin'[continued]) continued++
        const endings = [' fin', ...Array.from({ length: continued }, (_, j) => `***${'fin'.slice(j + 1)}`)]
        expect(
          endings.some((e) => out.endsWith(e)),
          `${out} (the secret continues "${next.slice(0, 3)}")`,
        ).toBe(true)
      }
    }
  })

  test('ordinary text, short runs and unrelated long words are untouched', () => {
    const text = 'Vous avez dépensé 1 234,56 € chez Carrefour (anticonstitutionnellement, 2026-11-24T12:00:00Z).'
    expect(redact(text, [token, password])).toBe(text)
  })

  test('JWT segments are forms of their own; the common header segment is not', () => {
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const forms = secretForms([`Bearer ${token}`])
    expect(forms).toContain(payload)
    expect(forms).toContain(signature)
    expect(forms).not.toContain(header)
  })

  test('linear on a large hostile body (8 MiB of token characters)', () => {
    const body = 'A'.repeat(8 * 1024 * 1024)
    expect(redact(body, [token]).length).toBe(body.length)
  })
})

// ── Shapes: every encoding a service, a gateway or a log may echo a secret in, at random points of ordinary text ──

/** A seeded generator: the same cases on every run, many of them. */
function seeded(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}

const INVISIBLE = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00a0', '\u034f', '\u180e', '\u{e0020}', '\u2063', '\u202f']
const PROSE =
  'Vous avez dépensé 1 234,56 € chez Carrefour en novembre ; la réponse cite 12 transactions (2026-11-24T12:00:00Z). Le service Harena de démo répond en français, anticonstitutionnellement bien.'

const pieces = (s: string, n: number): string[] => s.match(new RegExp(`.{1,${n}}`, 'gsu')) ?? []
const hexBytes = (s: string, upper: boolean): string[] =>
  [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).map((h) => (upper ? h.toUpperCase() : h))

/** ASCII characters in their fullwidth forms (U+FF01–FF5E; the space as U+3000), the others as they are. */
const fullwidth = (s: string): string =>
  [...s].map((c) => (c === ' ' ? '\u3000' : c > ' ' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('')

/** ASCII letters and digits as mathematical alphanumerics (`capitals`: the block's A; its a follows 26 letters on). */
const mathematical = (s: string, capitals: number): string =>
  [...s]
    .map((c) =>
      /[A-Z]/.test(c)
        ? String.fromCodePoint(capitals + c.charCodeAt(0) - 65)
        : /[a-z]/.test(c)
          ? String.fromCodePoint(capitals + 26 + c.charCodeAt(0) - 97)
          : /\d/.test(c)
            ? String.fromCodePoint(0x1d7ce + c.charCodeAt(0) - 48)
            : c,
    )
    .join('')

/** Every shape of `secret` the rule must mask; `user` for a Basic header. Each is one string put into prose. */
function shapes(secret: string, user: string, rng: () => number): Array<[string, string]> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
  const every = 2 + Math.floor(rng() * 11)
  const cut = 3 + Math.floor(rng() * 10)
  const junk = Buffer.from(Array.from({ length: Math.floor(rng() * 7) }, () => Math.floor(rng() * 256))).toString('latin1')
  return [
    ['as is, upper-cased', secret.toUpperCase()],
    // Compatibility forms a reader reads as the same letters (NFKC): an answer echoed the token in fullwidth letters.
    ['fullwidth', fullwidth(secret)],
    [
      'fullwidth, upper-cased, \\u-escaped',
      [...fullwidth(secret.toUpperCase())].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ],
    ['mathematical bold letters and digits', mathematical(secret, rng() < 0.5 ? 0x1d400 : 0x1d5d4)],
    ['half fullwidth, half as is', [...secret].map((c) => (rng() < 0.5 ? fullwidth(c) : c)).join('')],
    [
      'every byte percent-encoded (upper hex)',
      hexBytes(secret, true)
        .map((h) => `%${h}`)
        .join(''),
    ],
    [
      'every byte percent-encoded (lower hex)',
      hexBytes(secret, false)
        .map((h) => `%${h}`)
        .join(''),
    ],
    ['reserved bytes percent-encoded', encodeURIComponent(secret)],
    // Encoded again (a URL in a query string, a redirect's Location): %25 is the percent sign.
    ['reserved bytes percent-encoded twice', encodeURIComponent(encodeURIComponent(secret))],
    // A non-ASCII letter's UTF-8 bytes encoded twice: read as its character, so that its case folds ("Ü" is "ü").
    ['upper-cased, percent-encoded twice', encodeURIComponent(encodeURIComponent(secret.toUpperCase()))],
    [
      'every byte percent-encoded twice or three times',
      hexBytes(secret, rng() < 0.5)
        .map((h) => `%${'25'.repeat(1 + Math.floor(rng() * 2))}${h}`)
        .join(''),
    ],
    ['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
    ['every character \\u-escaped', [...secret].map((c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('')],
    [
      'HTML numeric entities',
      [...secret].map((c) => (rng() < 0.5 ? `&#${c.codePointAt(0)};` : `&#x${(c.codePointAt(0) ?? 0).toString(16)};`)).join(''),
    ],
    ['base64', b64(secret)],
    ['base64url unpadded', Buffer.from(secret, 'utf8').toString('base64url')],
    ['Basic base64(user:password)', `Basic ${b64(`${user}:${secret}`)}`],
    ['base64 of the secret inside a longer blob', b64(`${junk}${secret}${junk}`)],
    ['hex', hexBytes(secret, rng() < 0.5).join('')],
    [`an invisible character every ${every}`, pieces(secret, every).join(pick(INVISIBLE))],
    [`a space or newline every ${every}`, pieces(secret, every).join(pick([' ', '\n', '\r\n', '\t']))],
    [`pieces of ${cut} in a JSON array`, JSON.stringify({ detail: 'auth debug', pieces: pieces(secret, cut) })],
    [
      `pieces of ${cut} in stream chunks`,
      pieces(secret, cut)
        .map((p) => `data: {"type":"response_chunk","content":${JSON.stringify(p)}}\n\n`)
        .join(''),
    ],
    [
      `pieces of ${cut} under consecutive keys of one object`,
      JSON.stringify(Object.fromEntries(pieces(secret, cut).map((p, i) => [`part${i + 1}`, p]))),
    ],
    [
      `pieces of ${cut} joined by quotes and commas`,
      pieces(secret, cut)
        .map((p) => `'${p}'`)
        .join(', '),
    ],
    ['letters spelled by characters of several (ﬁ, ㎏, ǆ…)', severalLetters(secret, rng)],
    ['pieces of 8 letters or more under unrelated keys, in any order', scattered(alnumPieces(secret, rng), rng).body],
    [`cut at ${cut}, then a line break and what continues it`, `${secret.slice(0, cut)}${pick(LINE_BREAKS)}${secret.slice(cut)}`],
  ]
}

/** Characters NFKC reads as several letters or digits, by what they read as (a reader reads ﬁ as fi). */
const SEVERAL: Record<string, string> = {
  ffi: 'ﬃ',
  ffl: 'ﬄ',
  ff: 'ﬀ',
  fi: 'ﬁ',
  fl: 'ﬂ',
  st: 'ﬆ',
  kg: '㎏',
  mm: '㎜',
  cm: '㎝',
  km: '㎞',
  ms: '㎳',
  hz: '㎐',
  kb: '㎅',
  mb: '㎆',
  gb: '㎇',
  lj: 'ǉ',
  nj: 'ǌ',
  dz: 'ǳ',
  ij: 'ĳ',
  tm: '™',
  no: '№',
  tel: '℡',
  ii: 'ⅱ',
  iv: 'ⅳ',
  vi: 'ⅵ',
  ix: 'ⅸ',
  xi: 'ⅺ',
  '10': '⑩',
  '12': '⑫',
  '20': '⑳',
}
const SEVERAL_PATTERN = new RegExp(Object.keys(SEVERAL).join('|'), 'gi')

/** `text` with each run of letters a character of several spells replaced by it, at random (most of them). */
const severalLetters = (text: string, rng: () => number): string =>
  text.replace(SEVERAL_PATTERN, (m) => (rng() < 0.8 ? (SEVERAL[m.toLowerCase()] as string) : m))

/** Line breaks as a text spells them: raw, JSON-escaped, \u-escaped, percent-encoded, as an HTML entity. */
const LINE_BREAKS = ['\n', '\r\n', '\\n', '\\r\\n', '\\u000a', '%0A', '&#10;', '\r']

/** `secret` cut into pieces of `min`–`max` letters and digits each (a shorter last piece joins the one before). */
function alnumPieces(secret: string, rng: () => number, min = 8, max = 12): string[] {
  const out: string[] = []
  const size = (): number => min + Math.floor(rng() * (max - min + 1))
  let [piece, count, target] = ['', 0, size()]
  for (const ch of secret) {
    piece += ch
    if (/[\p{L}\p{N}]/u.test(ch) && ++count === target) {
      out.push(piece)
      ;[piece, count, target] = ['', 0, size()]
    }
  }
  if (piece !== '' && count < min && out.length > 0) out[out.length - 1] += piece
  else if (piece !== '') out.push(piece)
  return out
}

const FILLERS = ['fr', 'EUR', 'Carrefour', '2025-09-24', 'response_chunk', 'Vous avez dépensé 12,50 €', 'netflix', 'ok']
const UNRELATED_KEYS = ['id', 'note', 'meta', 'type', 'lang', 'status', 'amount', 'merchant', 'trace', 'data', 'debug', 'extra']

/**
 * Pieces put under unrelated keys of one JSON answer — not one key's values, no numbered family, not in order: each
 * under its own key at a random depth (an object, an array), ordinary values among them, all shuffled. Keys carry
 * no digit (a numbered family is read as one: core/secret-view.ts scanStrings).
 */
function scattered(pieces: readonly string[], rng: () => number): { body: string; fillers: string[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
  const fillers = Array.from({ length: pieces.length + 2 }, () => pick(FILLERS))
  const values = [...pieces, ...fillers]
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[values[i], values[j]] = [values[j] as string, values[i] as string]
  }
  const root: Record<string, unknown> = {}
  values.forEach((value, i) => {
    const key = `${pick(UNRELATED_KEYS)}_${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'z' : ''}`
    const depth = Math.floor(rng() * 3)
    root[key] = depth === 0 ? value : depth === 1 ? { [pick(UNRELATED_KEYS)]: value } : { items: ['x', { [pick(UNRELATED_KEYS)]: value }] }
  })
  return { body: JSON.stringify(root), fillers }
}

function randomSecret(rng: () => number): { secret: string; minPiece: number; kind: string } {
  const kind = Math.floor(rng() * 4)
  // Issued at a fixed time: a token of the clock's time made the test's input change with every run (a rare input
  // then failed it on one run out of many: selftest/fixed-token.ts).
  if (kind === 0)
    return { secret: issueToken(1 + Math.floor(rng() * 9999), { secret: String(rng()), claims: FIXED_CLAIMS }), minPiece: 8, kind: 'JWT' }
  if (kind === 1) {
    const bytes = Buffer.from(Array.from({ length: 16 + Math.floor(rng() * 24) }, () => Math.floor(rng() * 256)))
    return { secret: rng() < 0.5 ? bytes.toString('hex') : bytes.toString('base64url'), minPiece: 8, kind: 'opaque token' }
  }
  const alphabet = kind === 2 ? 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!@#' : 'abcdefghijklmnopqrstuvwxyzéü0123456789 -@:/'
  const length = 10 + Math.floor(rng() * 16)
  const secret = Array.from({ length }, () => alphabet[Math.floor(rng() * alphabet.length)])
    .join('')
    .trim()
  return { secret: secret.length >= 8 ? secret : `${secret}Xq7-p2Zw`, minPiece: 16, kind: 'password' }
}

describe('redact: a secret in any shape, anywhere in ordinary text', () => {
  test('random secrets × every encoding × random insertion points: no decodable piece survives, the prose around is kept', () => {
    const rng = seeded(0x5ec2e7)
    const failures: string[] = []
    for (let round = 0; round < 40; round++) {
      const { secret, minPiece, kind } = randomSecret(rng)
      const user = `user${Math.floor(rng() * 1000)}@harena.test`
      const secrets = kind === 'JWT' ? [`Bearer ${secret}`] : [secret]
      for (const [shape, shown] of shapes(secret, user, rng)) {
        const words = PROSE.split(' ')
        const at = 1 + Math.floor(rng() * (words.length - 2))
        const before = words.slice(0, at).join(' ')
        const after = words.slice(at).join(' ')
        const text = `${before} ${shown} ${after}`
        const out = redact(text, secrets)
        const leak = leakIn(out, secret, minPiece)
        if (leak !== null) failures.push(`${kind} ${JSON.stringify(secret)} as ${shape}: ${leak} in ${JSON.stringify(out)}`)
        // The prose is kept (a letter that happens to continue the secret may go with it).
        if (!out.startsWith(before.slice(0, -2)) || !out.endsWith(after.slice(2))) failures.push(`${shape}: prose damaged: ${JSON.stringify(out)}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('a secret cut between the end of one long JSON value and the start of the next is masked, wherever the cut', () => {
    // A group's view is looked at only where a window can cross from one value to the next (core/secrets.ts markHits).
    const secret = 'Zq8vN3xLr5TbW9kYp2Hd'
    const prose = PROSE.repeat(3)
    for (let cut = 1; cut < secret.length; cut++) {
      // Other keys between the two values (a stream's chunks): in the whole text's view the halves are apart.
      const body = JSON.stringify([
        { type: 'response_chunk', content: `${prose} ${secret.slice(0, cut)}` },
        { type: 'response_chunk', content: `${secret.slice(cut)} ${prose}` },
      ])
      const out = redact(body, [secret])
      // Each half where it stands, at the end of one value and the start of the next: none may be left.
      expect(out, `cut at ${cut}`).not.toContain(`${secret.slice(0, cut)}"`)
      expect(out, `cut at ${cut}`).not.toContain(`"${secret.slice(cut)}`)
      expect(out).toContain(prose.slice(0, 100))
    }
  })

  // Review 2026-12-05: a token cut into 7-character values of numbered keys, other values between them, leaked whole.
  test('pieces under numbered keys of one family, other values between them, are masked; the other values are kept', () => {
    const rng = seeded(0xfa3117)
    for (let round = 0; round < 60; round++) {
      const { secret, kind } = randomSecret(rng)
      if (kind === 'password') continue
      const cut = 3 + Math.floor(rng() * 5)
      const [name, other] = [
        ['k', 'z'],
        ['part_', 'note_'],
        ['chunk-', 'len-'],
        ['x', 'y'],
      ][round % 4] as [string, string]
      const entries = pieces(secret, cut).flatMap((p, i) => [
        [`${name}${i}`, p],
        [`${other}${i}`, `v${i % 3}`],
      ])
      const body = JSON.stringify(Object.fromEntries(entries))
      const out = redact(body, kind === 'JWT' ? [`Bearer ${secret}`] : [secret])
      expect(leakIn(out, secret, 8), `${kind} ${secret} in ${body} → ${out}`).toBeNull()
      // What a reader of the family joins: its values one after the other, without the others between them.
      const family = Object.entries(JSON.parse(out) as Record<string, string>).filter(([k]) => k.startsWith(name))
      expect(leakIn(family.map(([, v]) => v).join(''), secret, 8), `${kind} ${secret} in ${body} → ${out}`).toBeNull()
      // The other values stay (a letter that happens to continue the secret may go with it: a known limit of the
      // windows: the over-masking noted at the top of this file), and the body is still JSON.
      const others = entries.filter(([k]) => (k as string).startsWith(other))
      const kept = others.filter(([k, v]) => out.includes(`"${k}":"${v}"`)).length
      expect(kept / others.length, out).toBeGreaterThanOrEqual(0.8)
      expect(() => JSON.parse(out)).not.toThrow()
    }
  })

  test('lone surrogates between the characters of a secret hide none of it; real astral characters neither', () => {
    // A parsed JSON string may hold "\ud800" alone: it once swallowed the character after it in the view.
    const secret = 'dgvWzPLluw2R4EyexDgZLvSZVUplIIVrJOvg491'
    for (const glue of ['\ud800', '\udc00', '\ud83d\ude00', '\ud800\ud800']) {
      const out = redact(`Erreur : ${[...secret].map((c) => `${glue}${c}`).join('')} fin`, [secret])
      expect(leakIn(out.replaceAll(glue, ''), secret, 8), JSON.stringify(glue)).toBeNull()
      expect(out).toMatch(/^Erreur : .*fin$/su)
    }
  })

  test('the reviewer’s shapes: Basic credentials, base64 password, %-encoded token, soft hyphens, 10-character pieces', () => {
    const token = fixedToken(1)
    const pw = 'harena-demo'
    const secrets = [pw, `Bearer ${token}`]
    const basic = Buffer.from(`demo@harena.test:${pw}`).toString('base64')
    const texts = [
      `upstream said: Authorization: Basic ${basic}; pw_b64=${Buffer.from(pw).toString('base64')}; t=${hexBytes(token, true)
        .map((h) => `%${h}`)
        .join('')}`,
      `echo ${pieces(token, 12).join('\u00ad')}`,
      JSON.stringify({ detail: 'auth debug', pieces: pieces(token, 10) }),
    ]
    for (const text of texts) {
      const out = redact(text, secrets)
      expect(leakIn(out, token, 8), out).toBeNull()
      expect(leakIn(out, pw, 16), out).toBeNull()
    }
    // The token's header, percent-encoded, may stay: it is public (the same in every HS256 token).
    expect(redact(texts[0] as string, secrets)).toMatch(/^upstream said: Authorization: Basic \*\*\*; pw_b64=\*\*\*; t=(%[0-9A-F]{2})*\*\*\*$/)
    // Each piece masked in its own string (the header's pieces are public and may stay): the JSON stays JSON.
    expect(JSON.parse(redact(texts[2] as string, secrets)).pieces.filter((p: string) => p === '***').length).toBeGreaterThan(10)
  })

  test('ordinary reports are unchanged: the docs, the README and the French catalogues, with every kind of secret', () => {
    const root = new URL('../../', import.meta.url)
    const files = [
      'README.md',
      ...readdirSync(new URL('docs/', root))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ]
    files.push(...readdirSync(new URL('core/locale/', root)).map((f) => `core/locale/${f}`))
    const rng = seeded(0xf00d)
    // (Not the demo password: the README gives it, and masking it there is right.)
    const secretSets = [[`Bearer ${token}`, 'Wr0ng-S3cret-Pa55'], [password], ...Array.from({ length: 6 }, () => [randomSecret(rng).secret])]
    for (const file of files) {
      const text = readFileSync(new URL(file, root), 'utf8')
      for (const secrets of secretSets) expect(redact(text, secrets) === text, `${file} changed with ${secrets.join(' ')}`).toBe(true)
    }
  })

  test('the JWT header is public: alone, or in another token, it is kept', () => {
    const [header] = token.split('.') as [string]
    const other = issueToken(2, { secret: 'another-signing-key', claims: FIXED_CLAIMS })
    const text = `header ${header} and another user's token ${other.split('.')[2]}, or ${Buffer.from(header).toString('base64')}`
    expect(redact(text, [`Bearer ${token}`])).toBe(text)
  })

  test('linear on large hostile bodies: base64 runs, percent escapes, quotes and invisibles', () => {
    for (const unit of ['A', '%41', '%252541', '"a",', '\u00ad', 'eyJhbGciOi', '&#65;']) {
      const body = unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length))
      expect(redact(body, [`Bearer ${token}`, password]).length).toBe(body.length)
    }
  })
})

describe('Phase 2 writes through the same rule', () => {
  test('monitor-events.ndjson and the monitor documents’ scrub mask the echoed shapes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-phase2-'))
    try {
      const pw = 'harena-demo'
      const secrets = [`Bearer ${token}`, pw]
      const echoed = `Basic ${Buffer.from(`demo@harena.test:${pw}`).toString('base64')} ${pieces(token, 12).join('\u00ad')} ${hexBytes(token, true)
        .map((h) => `%${h}`)
        .join('')}`
      const write = eventWriter(dir, () => secrets)
      write({ type: 'probe', detail: echoed, pieces: pieces(token, 10) })
      const events = readFileSync(join(dir, 'monitor-events.ndjson'), 'utf8')
      expect(JSON.parse(events).type).toBe('probe')
      for (const text of [events, releaseScrub(`<p>${echoed}</p>`, secrets)]) {
        expect(leakIn(text, token, 8), text).toBeNull()
        expect(leakIn(text, pw, 16), text).toBeNull()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// A second review (2026-12-04) found an 8-character password as base32 and as UTF-16 then base64 in every report.
describe('a secret in the other encodings a service may echo it in', () => {
  test.each(['Qw3rt!yZ', 'correct horse battery staple 42', fixedToken(1)])('base32 and UTF-16LE base64 of %s: masked, the prose kept', (secret) => {
    const b32 = base32Cores(secret)[0] as string
    const u16 = Buffer.from(secret, 'utf16le').toString('base64')
    const out = redact(`avant ${b32} milieu ${u16} après`, [secret])
    expect(out.startsWith('avant ')).toBe(true)
    expect(out).toContain(' milieu ')
    expect(out.endsWith(' après')).toBe(true)
    expect(out).not.toContain(b32.slice(0, 8))
    expect(out).not.toContain(u16.slice(0, 8))
  })
})

/**
 * What a reader gets from a header block by reading its values one after the other (an independent reading: every
 * "Name: value" line's value, a cookie header's cookie values), joined: where a secret cut over two headers shows.
 */
function headerValuesJoined(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => /^[\w-]+:\s*(.*)$/.exec(line))
    .flatMap((m) => {
      if (m === null) return []
      const value = m[1] ?? ''
      if (!/^(set-)?cookie:/i.test(m[0])) return [value]
      const pairs = value.split(';')
      return (/^set-/i.test(m[0]) ? pairs.slice(0, 1) : pairs).map((p) => p.slice(p.indexOf('=') + 1))
    })
    .join('')
}

/** The shapes of a secret cut over adjacent headers (as a service or a gateway echoes ours back in pieces). */
function headerSplits(secret: string, user: string, rng: () => number): Array<[string, string]> {
  const cut = 1 + Math.floor(rng() * (secret.length - 1))
  const cut2 = cut + Math.floor(rng() * (secret.length - cut))
  const basic = Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')
  const basicCut = 4 + Math.floor(rng() * (basic.length - 5))
  const [a, b] = [secret.slice(0, cut), secret.slice(cut)]
  return [
    [`cut at ${cut} over two headers`, `X-Token-Head: ${a}\r\nX-Token-Tail: ${b}`],
    [
      `cut at ${cut} and ${cut2} over three headers`,
      `X-Token-Head: ${a}\nX-Token-Middle: ${secret.slice(cut, cut2)}\nX-Token-Tail: ${secret.slice(cut2)}`,
    ],
    [`Basic cut at ${basicCut}`, `Authorization: Basic ${basic.slice(0, basicCut)}\r\nX-Authorization-Rest: ${basic.slice(basicCut)}`],
    [`cut at ${cut} over two cookies`, `Set-Cookie: t1=${encodeURIComponent(a)}; Path=/; HttpOnly\nSet-Cookie: t2=${encodeURIComponent(b)}; Path=/`],
    [`cut at ${cut} over one Cookie header`, `Cookie: lang=fr; s1=${encodeURIComponent(a)}; s2=${encodeURIComponent(b)}`],
  ]
}

describe('redact: a secret cut over two headers (rendered one after the other, or as a header list)', () => {
  test('the reproduction: a password and a short key, half in one header, half in the next, were shown whole', () => {
    // The key's halves are 8 random characters each, a piece masked wherever it stands (core/secret-forms.ts): the
    // next header's "X" continues the first half as the key's 9th character does, and goes with it (the known limit
    // of the windows: a letter that happens to continue a secret); the line break between them stays.
    for (const [secret, nextName] of [
      ['Tr0ub4dor-x9', 'X-Auth-2'],
      ['k7QmZp2LxR4vN8sW', '***Auth-2'],
    ] as const) {
      const half = secret.length / 2
      const dump = `HTTP/1.1 500\r\nX-Auth-1: ${secret.slice(0, half)}\r\nX-Auth-2: ${secret.slice(half)}\r\nContent-Type: application/json`
      expect(redact(dump, [secret])).toBe(`HTTP/1.1 500\r\nX-Auth-1: ***\r\n${nextName}: ***\r\nContent-Type: application/json`)
      expect(redactValues(['application/json', secret.slice(0, half), secret.slice(half), 'close'], [secret])).toEqual([
        'application/json',
        '***',
        '***',
        'close',
      ])
    }
  })

  test('random secrets × cuts over headers, cookies and Basic credentials: nothing a reader of the values could join survives', () => {
    const rng = seeded(0x4ead)
    const failures: string[] = []
    for (let round = 0; round < 60; round++) {
      const { secret, minPiece, kind } = randomSecret(rng)
      const user = `user${Math.floor(rng() * 1000)}@harena.test`
      const secrets = kind === 'JWT' ? [`Bearer ${secret}`] : [secret]
      for (const [shape, block] of headerSplits(secret, user, rng)) {
        const text = `Server: nginx\r\nDate: Sat, 05 Dec 2026 02:20:38 GMT\r\n${block}\r\nConnection: close\r\n\r\n{"detail":"upstream reset"}`
        const out = redact(text, secrets)
        const leak = leakIn(out, secret, minPiece) ?? leakIn(headerValuesJoined(out), secret, minPiece)
        if (leak !== null) failures.push(`${kind} ${JSON.stringify(secret)} ${shape}: ${leak} in ${JSON.stringify(out)}`)
        // The headers around and the names between the pieces stay readable (a character next to a piece may go
        // with it when it happens to continue one of the secret's encodings, as anywhere else).
        if (!out.startsWith('Server: nginx\r\nDate: Sat, 05 Dec 2026 02:20:38 GM') || !out.endsWith('ose\r\n\r\n{"detail":"upstream reset"}'))
          failures.push(`${shape}: headers around damaged: ${JSON.stringify(out)}`)
        // (Not for a Basic blob's rest: a blob holding a piece of a secret goes whole, and so may the name before it.)
        const names = shape.startsWith('Basic') ? [] : (block.match(/^[\w-]+:/gm) ?? [])
        for (const name of names)
          if (!out.includes(name.slice(2, -2))) failures.push(`${kind} ${JSON.stringify(secret)} ${shape}: ${name} lost: ${JSON.stringify(out)}`)
        // The same values as a header list (the recorder's): each masked where it stands, the others kept.
        const values = ['nginx', ...block.split(/\r?\n/).map((l) => l.slice(l.indexOf(':') + 1).trim()), 'close']
        const masked = redactValues(values, secrets)
        const listLeak =
          leakIn(masked.join('\n'), secret, minPiece) ?? leakIn(headerValuesJoined(masked.map((v) => `X: ${v}`).join('\n')), secret, minPiece)
        if (listLeak !== null) failures.push(`${kind} ${JSON.stringify(secret)} ${shape} as a list: ${listLeak} in ${JSON.stringify(masked)}`)
        if (masked[0] !== 'nginx' || !masked.at(-1)?.endsWith('lose'))
          failures.push(
            `${kind} ${JSON.stringify(secret)} ${shape} as a list: neighbours damaged: ${JSON.stringify(masked)} from ${JSON.stringify(values)}`,
          )
      }
    }
    expect(failures).toEqual([])
  })

  test('header blocks and lists that hold no secret are kept as they are', () => {
    const secrets = ['Tr0ub4dor-x9', `Bearer ${fixedToken(3)}`]
    const dump =
      'Server: nginx\r\nX-Request-Id: 7f3a9c2e-41d7-4e0b\r\nSet-Cookie: lang=fr; Path=/\r\nSet-Cookie: theme=dark\r\nCache-Control: no-store'
    expect(redact(dump, secrets)).toBe(dump)
    const values = ['nginx', '7f3a9c2e-41d7-4e0b', 'lang=fr; Path=/', 'theme=dark', 'no-store', '', 'Tr0ub4']
    expect(redactValues(values, secrets)).toEqual(values) // a piece alone, with nothing of the secret beside it, is no secret
  })
})

// Review 2026-12-05: a password cut over two header lines inside a JSON string ("debug":"X-Pw-1: haren\nX-Pw-2:
// a-demo", escaped line breaks) reached the evidence and the HTML report whole; so did an indented block, `name =
// value` lines and a blank line inside a block. A header block is read wherever it stands (core/secret-view.ts headerGroups).

/** The lines of a header block holding `secret` cut in two or three pieces, among ordinary headers, in a random line shape. */
function secretBlock(secret: string, rng: () => number): { lines: string[]; names: string[] } {
  const cut = 1 + Math.floor(rng() * (secret.length - 1))
  const cut2 = cut + Math.floor(rng() * (secret.length - cut))
  const parts = [secret.slice(0, cut), secret.slice(cut, cut2), secret.slice(cut2)].filter((p) => p.length > 0)
  const indent = ['', '  ', '\t', '    '][Math.floor(rng() * 4)] as string
  const sep = [': ', ' = ', '=', ':\t', ' : '][Math.floor(rng() * 5)] as string
  const names = parts.map((_, k) => `X-Pw-Part-${k + 1}`)
  const lines = [`${indent}Server${sep}nginx`, ...parts.map((p, k) => `${indent}${names[k]}${sep}${p}`), `${indent}Connection${sep}close`]
  // A blank line inside the block (blank, or spaces only) between two of the pieces, sometimes.
  if (rng() < 0.4) lines.splice(2, 0, rng() < 0.5 ? '' : indent)
  return { lines, names }
}

/** The block's lines put in one of the places a header dump is echoed in: raw text, a JSON string, a log line… */
function blockPlaces(lines: readonly string[], rng: () => number): Array<[string, string]> {
  const eol = rng() < 0.5 ? '\n' : '\r\n'
  const block = lines.join(eol)
  const escaped = JSON.stringify(block).slice(1, -1)
  return [
    ['raw lines', `Erreur amont :${eol}${block}${eol}${eol}fin du rapport`],
    ['a JSON string (escaped line breaks)', JSON.stringify({ detail: 'upstream reset', debug: block, code: 502 })],
    ['a JSON document inside a JSON string', JSON.stringify({ detail: JSON.stringify({ debug: block }) })],
    ['a JSON array of lines', JSON.stringify({ detail: 'upstream reset', headers: lines })],
    ['a log line’s quoted message', `ts=2026-12-05T02:20:38Z level=debug msg=${JSON.stringify(block)} dur=12ms`],
    ['a log line with escaped line breaks and no quote', `2026-12-05T02:20:38Z DEBUG upstream headers:\\n${escaped}`],
    ['a JSON string with \\u000a line breaks', `{"debug":"${escaped.replaceAll('\\n', '\\u000a').replaceAll('\\r', '\\u000d')}"}`],
    ['stream chunks, each a line', lines.map((l) => `data: {"type":"response_chunk","content":${JSON.stringify(`${l}\n`)}}`).join('\n\n')],
  ]
}

describe('redact: a header block wherever it stands (raw, in a JSON string, in a log line), in any line shape', () => {
  test('the reproduction: "debug":"X-Pw-1: haren\\nX-Pw-2: a-demo" in an answer body shows neither half, the names stay', () => {
    const pw = 'harena-demo'
    for (const eol of ['\n', '\r\n']) {
      const body = JSON.stringify({ detail: 'upstream reset', debug: `X-Pw-1: haren${eol}X-Pw-2: a-demo` })
      const out = redact(body, [pw])
      expect(JSON.parse(out).debug).toBe(`X-Pw-1: ***${eol}X-Pw-2: ***`)
      expect(JSON.parse(out).detail).toBe('upstream reset')
    }
    // The unit sweep's other shapes: an indented block, `name = value` lines, a blank line inside the block.
    expect(redact('  X-Pw-1: haren\n  X-Pw-2: a-demo', [pw])).toBe('  X-Pw-1: ***\n  X-Pw-2: ***')
    expect(redact('pw_1 = haren\npw_2 = a-demo', [pw])).toBe('pw_1 = ***\npw_2 = ***')
    expect(redact('pw1=haren\npw2=a-demo', [pw])).toBe('pw1=***\npw2=***')
    expect(redact('X-Pw-1: haren\n\nX-Pw-2: a-demo', [pw])).toBe('X-Pw-1: ***\n\nX-Pw-2: ***')
  })

  test('random secrets × line shapes × places × cuts: nothing a reader of the block could join survives, the rest is kept', () => {
    const rng = seeded(0xb10c)
    const failures: string[] = []
    for (let round = 0; round < 50; round++) {
      const { secret, minPiece, kind } = randomSecret(rng)
      const secrets = kind === 'JWT' ? [`Bearer ${secret}`] : [secret]
      const { lines, names } = secretBlock(secret, rng)
      for (const [place, text] of blockPlaces(lines, rng)) {
        const out = redact(text, secrets)
        const leak = leakIn(out, secret, minPiece) ?? leakIn(headerValuesRead(out), secret, minPiece)
        if (leak !== null) failures.push(`${kind} ${JSON.stringify(secret)} in ${place}: ${leak} in ${JSON.stringify(out)}`)
        // The names between the pieces and the headers around stay readable (a character next to a piece may go
        // with it when it happens to continue one of the secret's encodings, as anywhere else).
        for (const name of [...names, 'Server', 'Connection'])
          if (!out.includes(name.slice(2, -2))) failures.push(`${kind} ${JSON.stringify(secret)} in ${place}: ${name} lost: ${JSON.stringify(out)}`)
        if (!out.includes('ngin')) failures.push(`${place}: the neighbour's value damaged: ${JSON.stringify(out)}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('no false masking: blocks, prose and JSON with colons, recorded bodies — with no secret in them — are kept byte for byte', () => {
    const rng = seeded(0xc010)
    const root = new URL('../../', import.meta.url)
    const recorded = readdirSync(new URL('fixtures/wire/', root))
      .filter((f) => /\.(json|txt)$/.test(f))
      .map((f) => readFileSync(new URL(`fixtures/wire/${f}`, root), 'utf8'))
    const ordinary = [
      'Montant : 12,50 €\nCatégorie : alimentation\n\nNote: 3 transactions chez Carrefour\nTotal = 37,50 €',
      'Vous avez dépensé 1 234,56 € : voici le détail.\n  Carrefour: 12 transactions\n  Netflix: 1 transaction',
      'user=demo@harena.test\nlang=fr\nplan = premium',
    ]
    const texts = [...recorded, ...ordinary.flatMap((t) => blockPlaces(t.split('\n'), rng).map(([, text]) => text))]
    const secretSets = [['harena-demo'], ['Tr0ub4dor-x9'], [`Bearer ${token}`], ...Array.from({ length: 8 }, () => [randomSecret(rng).secret])]
    for (const text of texts) for (const secrets of secretSets) expect(redact(text, secrets), `${text} with ${secrets[0]}`).toBe(text)
    // Pieces of the secret that a reader of the block could not join (each alone, too short to be one) are no secret.
    const alone = 'X-Pw-1: haren\nX-Request-Id: 7f3a9c2e\nX-Pw-2: bla'
    expect(redact(alone, ['harena-demo'])).toBe(alone)
  })

  test('linear on large hostile bodies: header lines, escaped line breaks, quotes and backslash runs', () => {
    for (const unit of ['a: b\n', 'a=b\\n', '"a: b",', '\\\\\\n', '\\"x: y\\"', '\n\n', '"\\u000a']) {
      const body = unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length))
      expect(redact(body, [`Bearer ${token}`, password]).length).toBe(body.length)
    }
  })
})

/** Whether `out` holds `value` as a JSON string with at most 2 of its first or last characters masked. */
function edgeMasked(out: string, value: string): boolean {
  for (let a = 0; a <= 2; a++)
    for (let b = 0; b <= 2; b++) {
      if (a + b === 0 || a + b >= value.length) continue
      const shown = `${a > 0 ? '***' : ''}${value.slice(a, value.length - b)}${b > 0 ? '***' : ''}`
      if (out.includes(`"${shown}"`)) return true
    }
  return false
}

/** A random password with no word in it: two letters (random case) then a digit, over and over (every 8 characters
 *  change between letters and digits at least four times). */
function randomPassword(rng: () => number): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ'
  const length = 12 + Math.floor(rng() * 13)
  return Array.from({ length }, (_, i) => (i % 3 === 2 ? String(Math.floor(rng() * 10)) : letters[Math.floor(rng() * letters.length)])).join('')
}

/** A random secret with no word in it: a JWT (fixed times), an opaque token (hex or base64url) or a random password. */
function randomDistinctSecret(rng: () => number): { secret: string; secrets: string[]; kind: string } {
  const kind = Math.floor(rng() * 3)
  if (kind === 0) {
    const jwt = issueToken(1 + Math.floor(rng() * 9999), { secret: String(rng()), claims: FIXED_CLAIMS })
    return { secret: jwt, secrets: [`Bearer ${jwt}`], kind: 'JWT' }
  }
  if (kind === 1) {
    const bytes = Buffer.from(Array.from({ length: 12 + Math.floor(rng() * 20) }, () => Math.floor(rng() * 256)))
    const token = rng() < 0.5 ? bytes.toString('hex') : bytes.toString('base64url')
    return { secret: token, secrets: [token], kind: 'opaque token' }
  }
  const pw = randomPassword(rng)
  return { secret: pw, secrets: [pw], kind: 'password' }
}

// Review 2026-12-06: a secret cut in two under unrelated keys ({"a":"<first half>","z":{"b":"<second half>"}}, other
// values between) leaked whole when it was a password or a key under 20 characters: only a token's 8-character pieces
// were looked for wherever they stood. Any random piece of 8 letters and digits is now (core/secret-forms.ts).
describe('redact: pieces of 8 characters or more of a random secret, under unrelated keys, in any order', () => {
  test('the reproduction: halves of a password and of a short key under unrelated keys, other values between', () => {
    for (const secret of ['Tr0ub4dor9x7Qz2w', 'k7QmZp2LxR4vN8sW']) {
      const half = secret.length / 2
      const body = JSON.stringify({ a: secret.slice(0, half), lang: 'fr', note: 'Carrefour', z: { b: secret.slice(half) } })
      expect(JSON.parse(redact(body, [secret]))).toEqual({ a: '***', lang: 'fr', note: 'Carrefour', z: { b: '***' } })
    }
  })

  test('random secrets with no word in them × pieces of 8–12 under unrelated keys or log lines: no piece of 8 survives, the rest is kept', () => {
    const rng = seeded(0x5ca7)
    const failures: string[] = []
    for (let round = 0; round < 150; round++) {
      const { secret, secrets, kind } = randomDistinctSecret(rng)
      const parts = alnumPieces(secret, rng)
      // A piece of digits alone is a number, no random piece (a hex token's "42609790"): cut again elsewhere.
      if (parts.some((p) => /^[^a-z]*$/i.test(p))) continue
      const { body, fillers } = scattered(parts, rng)
      const asLog = round % 3 === 2
      const text = asLog
        ? JSON.parse(body, (_, v) => v) &&
          parts.map((p, i) => `2026-12-06T10:00:0${i % 10}Z level=debug msg="${fillers[i] ?? 'ok'}" ref=${p}`).join('\n')
        : body
      const out = redact(text, secrets)
      const leak = leakIn(out, secret, 8)
      if (leak !== null) failures.push(`${kind} ${JSON.stringify(secret)}: ${leak} in ${JSON.stringify(out)}`)
      if (asLog) {
        if (out.split('\n').length !== parts.length || !out.includes('level=debug')) failures.push(`log lines damaged: ${JSON.stringify(out)}`)
        continue
      }
      // The ordinary values stay, but for the letters at an edge that happen to continue the secret (the known limit of
      // the windows, noted at the top of this file: "***etflix" after a piece the secret continues with an "n"), and the JSON stays JSON.
      const damaged = fillers.filter((f) => !out.includes(`"${f}"`) && !edgeMasked(out, f) && (f.length < 8 || !out.includes(f.slice(2, -2))))
      if (damaged.length > 0) failures.push(`${kind} ${JSON.stringify(secret)}: ${damaged.join(', ')} damaged: ${out}`)
      try {
        JSON.parse(out)
      } catch {
        failures.push(`not JSON any more: ${out}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('what reads as ordinary text is no random piece: words, numbers, a word and a number', () => {
    // (In their original case: a capital and a camel hump are a word's; more changes of case are a random string's.)
    for (const text of ['transact', 'Carrefou', 'efour202', 'Rena2024', '20250924', 'strength', 'instruct', 'dépensé1', 'xMontant', 'PASSWORD'])
      expect(readsAsText(text), text).toBe(true)
    for (const text of ['Tr0ub4do', 'k7QmZp2L', 'dhjhbnnh', 'a3f9c2e8', 'xR4vN8sW', '9f8e7d6c', 'wNIbuQol'])
      expect(readsAsText(text), text).toBe(false)
  })

  test('a secret of words joined (20 characters or more, no space) is no token: the recorded bodies keep the words it shares with them', () => {
    const root = new URL('../../', import.meta.url)
    const bodies = readdirSync(new URL('fixtures/wire/', root))
      .filter((f) => /\.(json|txt)$/.test(f))
      .map((f) => readFileSync(new URL(`fixtures/wire/${f}`, root), 'utf8'))
    // A reader's letters and digits (independent of core/secret-view.ts): a secret whose 16 characters a body holds is in it.
    const letters = (t: string): string =>
      t
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '')
    const rng = seeded(0x3e1d)
    let tried = 0
    for (const body of bodies) {
      const words = [...new Set(body.match(/\p{L}{8,}/gu) ?? [])]
      const view = letters(body)
      for (let k = 0; k < 12 && words.length >= 2; k++) {
        const [w1, w2] = [words[Math.floor(rng() * words.length)] as string, words[Math.floor(rng() * words.length)] as string]
        const secret = `${w1}-${w2}${Math.floor(rng() * 90) + 10}`
        const joined = letters(secret)
        if (Array.from({ length: joined.length - 15 }, (_, i) => joined.slice(i, i + 16)).some((w) => view.includes(w))) continue
        tried++
        expect(redact(body, [secret]), secret).toBe(body)
      }
    }
    expect(tried).toBeGreaterThan(20)
  })
})

// Review 2026-12-06: NFKC folds "ﬁ" to "fi" and "㎏" to "kg", one character into several; the view folded one to one
// only, so a password echoed with such characters leaked whole (core/secret-view.ts foldedCode).
describe('redact: a secret spelled with characters of several letters (ﬁ, ㎏, ǆ, Ⅻ…)', () => {
  test('the reproduction: "office-kg-finance42" echoed as "oﬃce-㎏-ﬁnance42" is masked whole, the prose kept', () => {
    expect(redact('mot de passe : oﬃce-㎏-ﬁnance42, fin', ['office-kg-finance42'])).toBe('mot de passe : ***, fin')
    // And the other way: the secret configured with them, echoed in plain letters.
    expect(redact('mot de passe : office-kg-finance42, fin', ['oﬃce-㎏-ﬁnance42'])).toBe('mot de passe : ***, fin')
  })

  test('a text shorter than every window but read longer (6 characters, 8 letters) is masked, by redact and by the model scrub', () => {
    for (const text of ['oﬃce42', 'oﬃce-42', 'o\\ufb03ce42']) {
      expect(redact(text, ['office42'])).toBe('***')
      expect(scrubberOf(['office42'])(text)).toBe('***')
    }
  })

  test('random secrets of such letters, spelled either way, whole or cut in pieces: masked, no such character of them left', () => {
    const rng = seeded(0x11a7)
    const keys = Object.keys(SEVERAL)
    const failures: string[] = []
    for (let round = 0; round < 200; round++) {
      const secret = Array.from({ length: 4 + Math.floor(rng() * 5) }, () =>
        rng() < 0.6 ? (keys[Math.floor(rng() * keys.length)] as string) : 'Qx7-Zp9'.charAt(Math.floor(rng() * 7)),
      ).join('')
      if (secret.replace(/[^A-Za-z0-9]/g, '').length < 8) continue
      const spelled = severalLetters(rng() < 0.5 ? secret : secret.toUpperCase(), rng)
      const shown = rng() < 0.5 ? spelled : JSON.stringify({ detail: 'auth debug', pieces: pieces(spelled, 3 + Math.floor(rng() * 4)) })
      const out = redact(`Erreur : ${shown} fin`, [secret])
      const leak = leakIn(out, secret, 4)
      if (leak !== null) failures.push(`${JSON.stringify(secret)} as ${JSON.stringify(shown)}: ${leak} in ${JSON.stringify(out)}`)
      // The mask covers whole characters: none of those that spelled the secret is left, not even cut in half.
      const left = [...out].filter((c) => Object.values(SEVERAL).includes(c))
      if (left.length > 0) failures.push(`${JSON.stringify(shown)}: ${left.join('')} left in ${JSON.stringify(out)}`)
      if (!out.startsWith('Erreur : ') || !out.endsWith(' fin')) failures.push(`prose damaged: ${JSON.stringify(out)}`)
    }
    expect(failures).toEqual([])
  })
})

// Review 2026-12-06: a JWT cut one character before its end, then CRLF and a line starting with that character, had
// the CRLF masked with it: the next line was glued to the line before ("…***Trace: abc"). A mask never covers a line
// break, raw or escaped, nor an escaped quote (core/secrets.ts markWindow, grow).
describe('redact: a mask never eats line structure', () => {
  test('the reproduction: a JWT cut one character before its end, CRLF, a line starting with its last character', () => {
    const jwt = fixedToken(5)
    const last = jwt.at(-1) as string
    const out = redact(`X-Token: ${jwt.slice(0, -1)}\r\n${last}-Trace: abc\r\nConnection: close`, [`Bearer ${jwt}`])
    expect(out.split('\r\n')).toHaveLength(3)
    // (Its last character's "${last}" on the next line continues it and goes with it: the line break between stays.)
    expect(out).toMatch(/^X-Token: eyJ[\w.-]*\*\*\*\r\n\*\*\*-?Trace: abc\r\nConnection: close$/)
    expect(leakIn(out, jwt, 8)).toBeNull()
    // Inside a JSON string, and the same in a JSON document inside a JSON string (its quotes escaped).
    const inJson = redact(JSON.stringify({ debug: `X-Token: ${jwt.slice(0, -1)}\r\n${last}-Trace: abc` }), [`Bearer ${jwt}`])
    expect(JSON.parse(inJson).debug.split('\r\n')).toHaveLength(2)
    const inner = JSON.stringify({ a: jwt.slice(-40, -1), [last]: 'x' })
    expect(() => JSON.parse(JSON.parse(redact(JSON.stringify({ d: inner }), [`Bearer ${jwt}`])).d)).not.toThrow()
  })

  test('random secrets cut over two lines, every spelling of a line break, a blob wrapped over lines: every break kept, nothing left', () => {
    const rng = seeded(0x11e5)
    const failures: string[] = []
    for (let round = 0; round < 150; round++) {
      const { secret, minPiece, kind } = randomSecret(rng)
      // (A password of fewer than 6 letters and digits is looked for literally only: core/secret-forms.ts MIN_WHOLE.)
      if (secret.replace(/[^\p{L}\p{N}]/gu, '').length < 6) continue
      const secrets = kind === 'JWT' ? [`Bearer ${secret}`] : [secret]
      const br = LINE_BREAKS[round % LINE_BREAKS.length] as string
      const cut = rng() < 0.5 ? secret.length - 1 - Math.floor(rng() * 3) : 1 + Math.floor(rng() * (secret.length - 1))
      const b64 = Buffer.from(`user:${secret}`, 'utf8').toString('base64')
      const lines = [
        'Server: nginx',
        `X-Token: ${secret.slice(0, cut)}`,
        `${secret.slice(cut)}-Trace: abc`,
        ...(pieces(b64, 16) ?? []),
        'Connection: close',
      ]
      const text = lines.join(br)
      const out = redact(text, secrets)
      const count = (t: string): number => t.split(br).length
      if (count(out) !== count(text)) failures.push(`${kind} ${JSON.stringify(secret)} cut at ${cut}, ${JSON.stringify(br)}: ${JSON.stringify(out)}`)
      const leak = leakIn(out.split(br).join(' '), secret, minPiece)
      if (leak !== null) failures.push(`${kind} ${JSON.stringify(secret)}: ${leak} in ${JSON.stringify(out)}`)
      if (!out.startsWith('Server: ngin') || !out.endsWith('Connection: close')) failures.push(`neighbours damaged: ${JSON.stringify(out)}`)
    }
    expect(failures).toEqual([])
  })
})
