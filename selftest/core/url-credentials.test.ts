// Credentials in URLs are removed by structure (core/url-credentials.ts): the hand-picked malformed forms of
// issue 9 and a seeded fuzz of thousands of generated ones never keep the password, whatever it contains.
import { describe, expect, test } from 'vitest'
import { shownLocation, shownUrlValue, stripUrlCredentials, withoutUrlCredentials } from '../../core/url-credentials.ts'
import { mulberry32 as rng } from '../../core/random.ts'
import { CREDENTIAL_URLS, SECRET } from './credential-urls.ts'

const PIECES = ['/', ' ', '@', ':', '#', '?', '\\', '%', '[', ']', '\t', '"', "'", '.', '-', '&', '=', ';']
function fuzzed(r: () => number): { url: string; secret: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  let secret = ''
  for (let i = 0; i < 6 + Math.floor(r() * 8); i++) secret += r() < 0.3 ? pick(PIECES) : pick([...'abcdefghXYZ0123456789'])
  secret = `Zq${secret}Zq` // a recognisable core, so "not in the output" is meaningful
  const scheme = pick(['http://', 'https://', 'http:/', 'http:', 'http:\\\\', '//', 'HTTP://', ''])
  const user = pick(['user', '', 'a b', 'u@x'])
  const host = pick(['127.0.0.1:8001', 'gw.example/harena', 'host', '[::1]:80', ''])
  return { url: `${scheme}${user}:${secret}@${host}${pick(['', '/path', '?q=1', '#f'])}`, secret }
}

/** True when no 4+ character piece of the secret's alphanumeric core survives. */
function leaks(output: string, secret: string): boolean {
  return output.includes(secret) || (output.includes('Zq') && secret.slice(2, -2).length >= 4 && output.includes(secret.slice(2, -2)))
}

describe('withoutUrlCredentials', () => {
  test.each(CREDENTIAL_URLS)('%s → no password', (url) => {
    const out = withoutUrlCredentials(url)
    expect(out).not.toContain(SECRET)
    expect(stripUrlCredentials(`error: ${url} refused`)).not.toContain(SECRET)
  })

  test('well-formed URLs keep host, port and path; only userinfo goes', () => {
    expect(withoutUrlCredentials(`https://alice:${SECRET}@gw.example:8443/harena/`)).toBe('https://gw.example:8443/harena/')
    expect(withoutUrlCredentials('http://127.0.0.1:8001')).toBe('http://127.0.0.1:8001/')
    expect(withoutUrlCredentials('http://127.0.0.1:8001/x y')).toBe('http://127.0.0.1:8001/x y') // nothing to hide
    expect(stripUrlCredentials('HARENA_BASE_URL="http://***@127.0.0.1:1" is invalid')).toBe('HARENA_BASE_URL="http://***@127.0.0.1:1" is invalid')
    expect(stripUrlCredentials('login as demo@harena.test at http://127.0.0.1:1')).toBe('login as demo@harena.test at http://127.0.0.1:1')
  })

  test('fuzz: 5000 generated credential URLs (seeded), never the password, never a throw', () => {
    const r = rng(9)
    for (let i = 0; i < 5000; i++) {
      const { url, secret } = fuzzed(r)
      const out = withoutUrlCredentials(url)
      if (leaks(out, secret)) throw new Error(`case ${i}: ${JSON.stringify(url)} → ${JSON.stringify(out)}`)
      // Inside free text, a password with spaces is only recognisable after a scheme or "//".
      if (!/^[a-z]+:[/\\]|^\/\//i.test(url) && /\s/.test(secret)) continue
      const inText = stripUrlCredentials(`bad value ${url} here`)
      if (leaks(inText, secret)) throw new Error(`case ${i} in text: ${JSON.stringify(url)} → ${JSON.stringify(inText)}`)
    }
  })
})

describe('shownUrlValue (a URL setting in an error line)', () => {
  test('a port followed by the sentence\'s punctuation stays readable: the line that says "check HARENA_BASE_URL" shows it', () => {
    expect(stripUrlCredentials('login at http://127.0.0.1:9100: no login route')).toBe('login at http://127.0.0.1:9100: no login route')
    expect(stripUrlCredentials('target (http://127.0.0.1:9100), refused')).toBe('target (http://127.0.0.1:9100), refused')
    expect(stripUrlCredentials('http://user:secret9: x')).not.toContain('secret9')
  })

  test('a query or fragment is never shown; a clean URL keeps its origin and path', () => {
    expect(shownUrlValue('http://127.0.0.1:8011/?password=hunter2')).toBe('http://127.0.0.1:8011/?…')
    expect(shownUrlValue('http://127.0.0.1:8011#hunter2')).toBe('http://127.0.0.1:8011/#…')
    expect(shownUrlValue('https://gw.example/harena?token=abc')).toBe('https://gw.example/harena?…')
    expect(shownUrlValue('http://u@x:pa?ss@host')).not.toMatch(/pa|ss/)
    expect(shownUrlValue('http://127.0.0.1:8011/harena')).toBe('http://127.0.0.1:8011/harena')
  })

  test('fuzz: a secret in the query or the fragment never shows, with or without userinfo (seeded)', () => {
    const r = rng(14)
    for (let i = 0; i < 3000; i++) {
      const { url, secret } = fuzzed(r)
      const tail = `${r() < 0.5 ? '?api_key=' : '#access_token='}${secret}`
      const bare = `http://127.0.0.1:${8000 + i}/harena${tail}`
      for (const input of [bare, `${url}${tail}`]) {
        const out = shownUrlValue(input)
        if (leaks(out, secret)) throw new Error(`case ${i}: ${JSON.stringify(input)} → ${JSON.stringify(out)}`)
      }
      expect(shownUrlValue(bare)).toBe(`http://127.0.0.1:${8000 + i}/harena${tail[0]}…`)
    }
  })
})

// A redirect's Location is the target's text: it carried the password it was sent (`/retry?pw=…`) and a fresh token
// (`/cb?code=ok&access_token=…`) in a review, 2026-12-05. Relative, scheme-relative or absolute, no query or fragment.
describe('shownLocation (a redirect the client does not follow)', () => {
  test('each shape keeps where it points, never its query, fragment or userinfo', () => {
    expect(shownLocation('/retry?pw=Zebra!Quartz77')).toBe('/retry?…')
    expect(shownLocation('/cb#access_token=abc')).toBe('/cb#…')
    expect(shownLocation('login?next=%2Fapi')).toBe('login?…')
    expect(shownLocation('/plain/path')).toBe('/plain/path')
    expect(shownLocation('//sso.example/cb?t=abc')).toBe('//sso.example/cb?…')
    expect(shownLocation('https://sso.example/cb?code=1&access_token=abc')).toBe('https://sso.example/cb?…')
    expect(shownLocation('http://admin:hunter2@127.0.0.1:9/login?next=%2Fapi')).toBe('http://127.0.0.1:9/login?…')
    expect(shownLocation('https://127.0.0.1:9443/')).toBe('https://127.0.0.1:9443/')
  })

  test('fuzz: a secret after a ? or # in any Location shape never shows (seeded)', () => {
    const r = rng(15)
    for (let i = 0; i < 2000; i++) {
      const { url, secret } = fuzzed(r)
      const tail = `${r() < 0.5 ? '?pw=' : '#access_token='}${secret}`
      for (const input of [`/retry${tail}`, `${url}${tail}`, `//h${i}.example/cb${tail}`]) {
        const out = shownLocation(input)
        if (leaks(out, secret)) throw new Error(`case ${i}: ${JSON.stringify(input)} → ${JSON.stringify(out)}`)
      }
    }
  })
})
