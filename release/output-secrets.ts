// The credentials a backup/deploy/rollback command PRINTS. The command text may be a mere path (`./rollback.sh`):
// what the script then prints — `set -x` lines, a client's verbose request, a connection string in a log — is read
// with the structural recognisers of release/command-secrets.ts, line by line, and the values they find are masked
// (maskSecrets: literally, in every form core/secrets.ts secretForms gives, and base64). Keys stay, values go:
//  - a URL's userinfo: the password (`postgresql://harena:***@db`), or a token-like user alone (`https://***@github.com`);
//  - an Authorization header's credential, and a Bearer/Basic value that looks like one (digits or mixed case);
//  - the value of a key=value, key: value, "key": "value" or --key value whose key's word-parts hold a credential word
//    (release/credential-keys.ts): any value when the word ends the key but for digits (DB_PASSWORD=, passwd,
//    client_secret, X-Api-Key, aws_secret_access_key, --password=, PG_PASS_1=, x-api-key-2:); a value that describes
//    nothing (not a word, a number, a date, a path, a URL) when other words follow it (dbpw_main=hunter2,
//    secretKeyPrimary=…; not token_type=bearer, secret_name=harena-db, password_policy=strict);
//  - a `-p` password flag glued (`mysql -pSECRET`), or spaced when its value looks like a credential (not
//    `mkdir -p releases`, not `psql -p 5432`), and the password of `-u user:password`;
//  - a JWT (eyJ….….…) whole; an AWS access key id and any word of 30 base64 characters or more on its line (its secret);
//  - a PEM private key block's body (masked to the end of the text while its END line has not come yet).
// Narrower than the command text's rules (no "long token-like word", no bare `key`/`session`/`pwd` keys): an output
// holds commit ids, image digests, paths and `PWD=` lines that a report must keep readable.
import { decodeSafely, literalSecrets, maskSecrets, PATH_LIKE, PORT_LIKE, unquote, WORD } from './command-secrets.ts'
import { credentialValue } from './credential-keys.ts'

const MIN = 4

/** A value that looks like a credential rather than a word: 8 characters or more, with a digit or mixed case. */
const credentialLike = (v: string): boolean => v.length >= 8 && (/\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v.slice(1))))

/** Words, dots and hyphens joined by slashes: a relative path. */
const RELATIVE_PATH = /^[\w.-]+\/[\w./-]*$/

const tokenLike = (v: string): boolean => (v.match(/[A-Za-z0-9]{16,}/g) ?? []).some((run) => /[A-Za-z]/.test(run) && /\d/.test(run))

const AWS_KEY_ID = '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b'
const AWS_SECRET = '(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{30,}(?![A-Za-z0-9/+=])'

/** The credentials one line of output holds, by structure (4 characters or more). */
export function lineSecrets(line: string): string[] {
  const found: string[] = []
  const each = (re: RegExp, take: (m: RegExpExecArray) => string[]): void => {
    for (const m of line.matchAll(re)) found.push(...take(m).map(unquote))
  }
  each(/[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@/gi, (m) => {
    const userinfo = m[1] as string
    const colon = userinfo.indexOf(':')
    if (colon < 0) return tokenLike(userinfo) ? [userinfo] : []
    const password = userinfo.slice(colon + 1)
    return [password, decodeSafely(password)]
  })
  // "Authorization: Digest username=…, response=…" goes whole; another scheme's credential is one word.
  each(/\b(?:Proxy-)?Authorization\s*[:=]\s*(Digest\s+[^'"\n]+|(?:(?:Bearer|Basic|Token|Negotiate)\s+)?[^\s'"\\,;]+)/gi, (m) => [
    (m[1] as string).replace(/^(?:Bearer|Basic|Token|Negotiate)\s+/i, ''),
  ])
  each(/\b(?:Bearer|Basic)\s+([^\s'"\\,;]+)/g, (m) => (credentialLike(m[1] as string) ? [m[1] as string] : []))
  const keyed = (m: RegExpExecArray): string[] => (credentialValue(m[1] as string, unquote(m[2] as string)) ? [m[2] as string] : [])
  each(/"([\w-]+)"\s*:\s*"([^"]*)"/g, keyed)
  each(new RegExp(`([A-Za-z_][\\w.-]*)\\s*=\\s*${WORD}`, 'g'), keyed)
  each(new RegExp(`(?:^|[\\s'"{,])([\\w-]+)\\s*:\\s+${WORD}`, 'g'), keyed)
  each(new RegExp(`(?:^|\\s)--([\\w-]+)\\s+${WORD}`, 'g'), (m) => ((m[2] as string).startsWith('-') ? [] : keyed(m)))
  each(new RegExp(`(?:^|[\\s;&|(])-p(\\s+)?${WORD}`, 'g'), (m) => {
    const value = unquote(m[2] as string)
    if (value.startsWith('-') || PORT_LIKE.test(value) || PATH_LIKE.test(value)) return []
    // Spaced, `-p` is as often "parents" with a relative path (`mkdir -p releases/3.2.7`): only a credential-like value.
    return m[1] === undefined || (credentialLike(value) && !RELATIVE_PATH.test(value)) ? [value] : []
  })
  each(new RegExp(`(?:^|\\s)(?:-u\\s*|--(?:proxy-)?user[\\s=]+)${WORD}`, 'g'), (m) => {
    const value = unquote(m[1] as string)
    return value.includes(':') ? [value.slice(value.indexOf(':') + 1)] : []
  })
  each(/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g, (m) => [m[0]])
  if (new RegExp(AWS_KEY_ID).test(line)) each(new RegExp(`${AWS_KEY_ID}|${AWS_SECRET}`, 'g'), (m) => [m[0]])
  return [...new Set(found.map((v) => v.trim()))].filter((v) => v.length >= MIN && !/^\*+$/.test(v))
}

const PEM = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----)([\s\S]*?)(-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|$)/g

/** Where a PEM private key block opens without its END line yet (-1: none): what follows is not echoed until it comes. */
export function openKeyBlock(text: string): number {
  let open = -1
  for (const m of text.matchAll(PEM)) if (m[3] === '') open = m.index
  return open
}

/** A PEM private key block's body replaced by ***, its BEGIN and END lines kept. */
const maskKeyBlocks = (text: string): string =>
  text.replace(
    PEM,
    (_, begin: string, body: string, end: string) =>
      `${begin}${body.startsWith('\n') ? '\n' : ''}***${/\n$/.test(body) && end !== '' ? '\n' : ''}${end}`,
  )

/**
 * A command's output with every credential masked: those it prints by structure (per line), then the run's own
 * secrets (`secrets`: configured, the command text's, the environment's, those learned from earlier lines).
 */
export function maskOutput(text: string, secrets: readonly string[]): string {
  const lines = maskKeyBlocks(text)
    .split('\n')
    .map((line) => {
      const found = lineSecrets(line)
      return found.length === 0 ? line : maskSecrets(line, literalSecrets(found))
    })
  return maskSecrets(lines.join('\n'), secrets)
}

/** Shorter values found in a line are masked in that line only: `password=test` must not mask every "test" after. */
const MIN_LEARNED = 6

/** The credentials of `text` (whole lines) worth masking wherever they come again (6 characters or more). */
export function learnedSecrets(text: string): string[] {
  return literalSecrets(text.split('\n').flatMap((line) => lineSecrets(line).filter((v) => v.length >= MIN_LEARNED)))
}
