// Secret masking: every form and every cut fragment of a token or password is masked, other text is kept.
import { describe, expect, test } from 'vitest'
import { issueToken } from '../../fixtures/reference/jwt.ts'
import { redact, secretForms } from '../../core/secrets.ts'

const token = issueToken(1)
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

  test('a cut token (prefix, suffix, middle) leaves no 16-character fragment behind', () => {
    const [, payload, signature] = token.split('.') as [string, string, string]
    for (const fragment of [token.slice(0, 100), token.slice(-25), `${payload.slice(3, 30)}`, signature.slice(0, 20)]) {
      const out = redact(`détail: « ${fragment} fin {oops}`, [token])
      for (let i = 0; i + 16 <= out.length; i++) expect(token.includes(out.slice(i, i + 16)), out).toBe(false)
      expect(out).toContain('détail: « ')
      expect(out).toContain(' fin {oops}')
    }
  })

  test('a fragment glued to other token characters is masked, the rest of the run kept', () => {
    // The glue must not end with the token's own character before the fragment (the token's exp changes with the
    // clock): that character would rightly extend the fragment, and the test would depend on the time of day.
    const glue = ['XYZ', 'XYQ'].find((g) => g.at(-1) !== token.at(-31)) as string
    const out = redact(`${glue}${token.slice(-30)}`, [token])
    expect(out).toBe(`${glue}***`)
  })

  test('a password with spaces: form-encoded (as a login body echoes it) and cut in the middle, both masked', () => {
    const pw = 'correct horse battery staple 42'
    const formEcho = `raw=username=demo%40harena.test&password=${new URLSearchParams({ p: pw }).toString().slice(2)} fin`
    expect(redact(formEcho, [pw])).toBe('raw=username=demo%40harena.test&password=*** fin')
    const cut = `pw=${pw.slice(0, 22)}… fin`
    const out = redact(cut, [pw])
    expect(out).toBe('pw=***… fin')
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
        // No 16-character window of any form survives, whatever its case.
        for (const form of secretForms([hex, `Bearer ${token}`, password]).map((f) => f.toLowerCase()))
          for (let i = 0; i + 16 <= lower.length; i++) expect(form.includes(lower.slice(i, i + 16)), out).toBe(false)
        expect(out.startsWith('echo: ')).toBe(true)
        expect(out.endsWith(' fin')).toBe(true)
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
