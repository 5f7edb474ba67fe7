// Quotes cut from an answer before it was scrubbed (core/secret-quotes.ts redactQuote, used for a failure only the
// answer as said has: tests/support/judged-as-said.ts). A check that cuts its quote inside a secret leaves a piece too
// short for redact() — "…au 30 Novem…" — which the answer scrubbed first never showed: such a quote is masked where it
// was cut (its ends, an ellipsis, a mask of redact()), and is otherwise left as it is.
import { describe, expect, test } from 'vitest'
import { redactQuote } from '../../core/secret-quotes.ts'
import { redact } from '../../core/secrets.ts'

// A JWT as the reference issues them (fixed: a fresh one per run would make a coincidence with prose a flaky one).
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiZXhwIjoxNzk2NjA1MjkyLCJpYXQiOjE3OTY1MTg4OTIsInBlcm1pc3Npb25zIjpbImNoYXQ6d3JpdGUiXX0.iQUeJVlfojQ5hZS6YRqnQV47qAKdM2QPBIXUHTT8TRc'
const SECRETS = ['Novembre2026!', 'Carrefour!', 'Kq7vP2xL9mR4tZw', 'harena-demo', 'Décembre2026', `Bearer ${JWT}`]
const isDigits = (piece: string): boolean => /^\d+$/.test(piece)
/** The letters and digits of a piece (what the view keeps, case aside). */
const kept = (piece: string): string => piece.replace(/[^\p{L}\p{N}]/gu, '')

describe('a quote cut inside a secret', () => {
  test.each(SECRETS)('%s: every cut leaves no piece of 3 letters or more (digits alone are a date or an amount)', (secret) => {
    const value = secret.replace(/^Bearer /, '')
    for (let c = 1; c < value.length; c++) {
      // The secret's beginning before a cut, its end after one (a piece cut on both sides, shorter than redact()'s
      // windows, is not covered: docs/report-contract.md).
      for (const piece of [value.slice(0, c), value.slice(c)]) {
        // No letter around it: redact() reads the view across separators, and a word before a piece may continue it.
        const quote = c % 2 === 0 ? `« …${piece}… »` : `${piece}`
        const out = redactQuote(quote, [secret])
        // A JWT's header is public (the same in every HS256 token): redact() leaves it, and so does a cut.
        const left = (out.match(/[\p{L}\p{N}]+/gu) ?? []).filter((r) => r.length >= 3 && !isDigits(r) && !JWT.split('.')[0]?.includes(r))
        expect(left, JSON.stringify(quote)).toEqual([])
        // A piece too short to say anything, or a number, is left as it was.
        if (kept(piece).length < 3 || isDigits(kept(piece))) expect(out).toBe(quote)
      }
    }
  })

  test('the piece spelled otherwise is found as the view reads it: percent-encoded, accents folded by a check, upper-cased', () => {
    expect(redactQuote('le texte : %4E%6F%76%65%6D…', ['Novembre2026!'])).toBe('le texte : ***…')
    expect(redactQuote('« du 1er au 31 decembre 20… »', ['Décembre2026'])).toBe('« du 1er au 31 ***… »')
    expect(redactQuote('…MBRE2026 était', ['Novembre2026!'])).toBe('…*** était')
    // Read across the secret's own separators: "…arena-demo" is the end of "harena-demo".
    expect(redactQuote('…arena-demo »', ['harena-demo'])).toBe('…*** »')
  })

  test('what redact() masks stays masked: a whole password, in a quote not cut at all', () => {
    for (const secret of SECRETS) expect(redactQuote(`mot de passe ${secret} reçu`, [secret])).toBe(redact(`mot de passe ${secret} reçu`, [secret]))
  })
})

describe('a quote with no piece of a secret at its cuts', () => {
  const sentences = [
    'expected a complete answer, observed a truncated one: the service states 132 characters, the text received has 122: "Cette semaine (du 23 au 24 novembre 2026), j\'ai trouvé 6 transactions…"',
    'réponse hors sujet : la question nomme le marchand « Carrefour », que la réponse ne mentionne jamais',
    'ground truth: anomalies with precision 85.7 % (minimum 100 %); false positives: Optic 2000 2026-08-13; missed: 1000341',
  ]
  test.each(['Kq7vP2xL9mR4tZw', 'Wr0ng-S3cret-Pa55phrase', `Bearer ${JWT}`])('%s: left as it is', (secret) => {
    for (const sentence of sentences) expect(redactQuote(sentence, [secret])).toBe(sentence)
  })
})
