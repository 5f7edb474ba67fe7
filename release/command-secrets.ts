// The secrets a deploy or rollback command carries in its own text. A command run with `set -x`, a curl that
// echoes its request, a script that logs its arguments: the command's output repeats what the command says, and
// the report keeps that output. So every credential the text holds is added to the run's secrets (masked in the
// output, on the terminal and in every document), found by structure, not by a list of commands:
//  - the value after an authentication scheme (Bearer, Basic, Token, Digest);
//  - the value of a header that carries credentials (Authorization, X-Api-Key, any *-Token / *-Key / *-Secret);
//  - the value of a key=value, key: value, "key":"value" or --key value whose key names a credential
//    (password, passwd, pwd, pw, token, secret, key, auth, credential, session, cookie);
//  - the `-a` password of a `*-cli` client (redis-cli -a SECRET), and a word piped into a credential input
//    (echo SECRET | docker login --password-stdin);
//  - the value of a `-p` password flag, glued (mysqldump -pSECRET) or not (sshpass -p SECRET), unless it is a port
//    (ssh -p 2222) or a path (mkdir -p /srv/app);
//  - the user:password of -u / --user and of a URL's userinfo (the pair and the password alone);
//  - any token-like word: one holding a run of 16 letters and digits or more, with both (a separator-free random
//    string, not a name made of words: "harena-conversation-service" or a "rollback-Ab3xYz" directory are not);
//  - a value written as $NAME / ${NAME} is the environment's value of NAME (`set -x` prints it expanded), and any
//    $NAME whose name names a credential (DEPLOY_KEY, GH_TOKEN) is a secret wherever it stands in the command.
// Over-masking is the safe side: a 40-hex commit id in a command is masked in its output too.
//
// They are masked literally (maskSecrets), in every form core/secrets.ts secretForms gives (as is, URL- and
// form-encoded, JSON-escaped) and base64 (a Basic header of user:password), ignoring case — not by the 8-character
// fragments redact() looks for in a configured token: a word of a command is often made of ordinary words
// ("gh_tok_…Rollback…", a "rollback-…" directory), and its fragments masked "rollback" and "ROLLBACK" across the
// JSON report (status "***failed", decision "***"). A command's output repeats its words whole.

import { redact, secretForms } from '../core/secrets.ts'
import { credentialValue } from './credential-keys.ts'

const MIN = 4
const WORD_CHARS = /[A-Za-z0-9_\-+=~]+/g
const CREDENTIAL_KEY = /pass|pw|token|secret|key|auth|credential|session|cookie/i

/** A shell word's value without its quotes. */
export const unquote = (v: string): string => v.trim().replace(/^(['"])(.*)\1$/s, '$2')

/** `$NAME` / `${NAME}` replaced by the environment's value (the shell expands it before the command prints it). */
function resolved(value: string, env: NodeJS.ProcessEnv): string[] {
  const refs = [...value.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)].map((m) => env[m[1] as string] ?? '')
  const expanded = value.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, name: string) => env[name] ?? '')
  return [expanded, ...refs]
}

/** user:password → both the pair and the password (a Basic header is base64 of the pair). */
function pair(userinfo: string): string[] {
  const colon = userinfo.indexOf(':')
  return colon < 0 ? [userinfo] : [userinfo, userinfo.slice(colon + 1)]
}

export const WORD = `("[^"]*"|'[^']*'|[^\\s'"&;|]+)`

function byShape(command: string): string[] {
  const found: string[] = []
  const each = (re: RegExp, take: (m: RegExpExecArray) => string[]): void => {
    for (const m of command.matchAll(re)) found.push(...take(m))
  }
  // A scheme and its credential: "Authorization: Bearer X", "Basic X".
  each(/\b(?:Bearer|Basic|Token|Digest)\s+([^\s'"\\,;]+)/gi, (m) => [m[1] as string])
  // A credential header's value, to the end of its quoted word.
  each(/\b(?:Proxy-)?Authorization\s*:\s*([^'"\n]+)/gi, (m) => [m[1] as string])
  each(/\b([\w-]*(?:api-?key|key|token|secret|auth)[\w-]*)\s*:\s*([^'"\n\s][^'"\n]*)/gi, (m) => [m[2] as string])
  // "key":"value" (a JSON body).
  each(/"([\w-]+)"\s*:\s*"([^"]*)"/g, (m) => (CREDENTIAL_KEY.test(m[1] as string) ? [m[2] as string] : []))
  // key=value (a query, an environment assignment, --password=X).
  each(new RegExp(`([A-Za-z_][\\w.-]*)=${WORD}`, 'g'), (m) => (CREDENTIAL_KEY.test(m[1] as string) ? [unquote(m[2] as string)] : []))
  // --password X, --token X, --api-key X.
  each(new RegExp(`(?:^|\\s)--?([\\w-]+)\\s+${WORD}`, 'g'), (m) => (CREDENTIAL_KEY.test(m[1] as string) ? [unquote(m[2] as string)] : []))
  // A password flag's value: mysql/mysqldump `-pSECRET` (glued: `-p SECRET` would be a database name to mysql),
  // sshpass and many clients `-p SECRET`. A `-p` followed by a port is a port (`ssh -p 2222`, `psql -p 5432`,
  // `docker run -p 8080:80`): masking "5432" wherever it stands would mangle every number of the report and hide no
  // secret, so a value made of digits (with ':' '.' of an address, a /tcp) is left. A path (`mkdir -p /srv/app`,
  // `cp -p ./a`) is left too: a directory, not a password. Short glued letters (`tar -pczf`, `cp -pr`) are under MIN.
  each(new RegExp(`(?:^|[\\s;&|(])-p(\\s+)?${WORD}`, 'g'), (m) => {
    const value = unquote(m[2] as string)
    const anotherFlag = m[1] !== undefined && value.startsWith('-') // `mkdir -p -v dir`
    return anotherFlag || PORT_LIKE.test(value) || PATH_LIKE.test(value) ? [] : [value]
  })
  // A client's `-a` password (redis-cli, keydb-cli: `redis-cli -a SECRET ping`): the `-a` of a `*-cli` command only —
  // elsewhere it means "all" (`ls -a`, `cp -a src dst`). A path or another flag after it is left, as for `-p`.
  each(new RegExp(`(?:^|[\\s;&|(])[\\w.-]*-cli\\b[^;&|\\n]*?\\s-a(?:\\s+)?${WORD}`, 'g'), (m) => {
    const value = unquote(m[1] as string)
    return value.startsWith('-') || PATH_LIKE.test(value) ? [] : [value]
  })
  // What is piped into a command's credential input: `echo SECRET | docker login --password-stdin`, `printf '%s'
  // SECRET | … --token-stdin`. The echoed word is the password, though nothing names it where it stands.
  each(
    new RegExp(
      `\\b(?:echo|printf)\\s+(?:-\\w+\\s+)*(?:'%s[^']*'\\s+|"%s[^"]*"\\s+)?${WORD}\\s*\\|[^;&|\\n]*\\s--?[\\w-]*(?:pass|pw|token|secret)[\\w-]*`,
      'g',
    ),
    (m) => [unquote(m[1] as string)],
  )
  // curl -u user:pass / --user / --proxy-user, and -uuser:pass (a value without ':' is a name: `sort -u file`).
  each(new RegExp(`(?:^|\\s)(?:-u\\s*|--(?:proxy-)?user[\\s=]+)${WORD}`, 'g'), (m) => {
    const value = unquote(m[1] as string)
    return value.includes(':') ? pair(value) : []
  })
  // A URL's userinfo.
  each(/[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@/gi, (m) => pair(decodeSafely(m[1] as string)))
  // Token-like words.
  each(WORD_CHARS, (m) => (tokenLike(m[0]) ? [m[0]] : []))
  return found
}

/** A port, a port mapping or an address with its port: 5432, 8080:80, 127.0.0.1:8080:80/tcp. */
export const PORT_LIKE = /^[\d.:]+(?:\/(?:tcp|udp|sctp))?$/i
/** An absolute or relative path, or a home-relative one. */
export const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/)/

const tokenLike = (word: string): boolean => (word.match(/[A-Za-z0-9]{16,}/g) ?? []).some((run) => /[A-Za-z]/.test(run) && /\d/.test(run))

export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The values found by structure (commandSecrets, envSecrets, release/output-secrets.ts): maskSecrets masks these
 * literally, the others (configured) with redact().
 */
const LITERAL = new Set<string>()

/** Registers values to be masked literally by maskSecrets (found by structure, not configured). */
export function literalSecrets(values: readonly string[]): string[] {
  for (const value of values) LITERAL.add(value)
  return [...values]
}

// An environment variable whose NAME marks a credential (DB_PASSWORD, PGPASSWORD, DEPLOY_TOKEN, AWS_SECRET_ACCESS_KEY,
// STRIPE_API_KEY, SSH_PRIVATE_KEY, GOOGLE_APPLICATION_CREDENTIALS, PG_PASS_1, DBPW_MAIN…: its word-parts,
// release/credential-keys.ts): a script the release runs reads it without naming it in the command text
// (`psql "postgresql://u:${DB_PASSWORD}@db"` inside rollback.sh, run with `set -x`).
/** Shorter values are flags and switches (`true`, `yes`, `1`), not credentials: masking them would mangle the output. */
const MIN_ENV = 6

/** The values of the credential-named variables of `env`, minus those already `known`; maskSecrets masks them literally. */
export function envSecrets(env: NodeJS.ProcessEnv, known: readonly string[] = []): string[] {
  const out = new Set<string>()
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim()
    if (value !== undefined && value.length >= MIN_ENV && credentialValue(name, value)) out.add(value)
  }
  for (const value of known) out.delete(value)
  return literalSecrets([...out])
}

/** Every secret the command texts carry (empty for none), minus those already `known`; maskSecrets masks them. */
export function commandSecrets(
  commands: ReadonlyArray<string | null>,
  env: NodeJS.ProcessEnv = process.env,
  /** Secrets already configured: they keep redact()'s fuller search. */
  known: readonly string[] = [],
): string[] {
  const out = new Set<string>()
  for (const command of commands) {
    if (command === null) continue
    for (const raw of byShape(command)) for (const value of resolved(unquote(raw).trim(), env)) if (value.trim().length >= MIN) out.add(value.trim())
    // A $NAME anywhere in the command whose NAME names a credential (DEPLOY_KEY, GH_TOKEN, DB_PASSWORD): `set -x` or an
    // echo prints its value wherever it stands, not only in a credential-shaped place (a review, 2026-12-04).
    for (const m of command.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)) {
      const name = m[1] as string
      const value = env[name]?.trim()
      if (CREDENTIAL_KEY.test(name) && value !== undefined && value.length >= MIN) out.add(value)
    }
  }
  for (const value of known) out.delete(value)
  return literalSecrets([...out])
}

const escapeRegExp = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Masks every secret of the list: configured ones by core/secrets.ts redact(), those commandSecrets found literally.
 * `spellings`: the spellings a document gives a value (as is, Markdown-escaped, HTML-escaped).
 */
export function maskSecrets(text: string, secrets: readonly string[], spellings: (x: string) => string[] = (x) => [x]): string {
  const literal = secrets.filter((x) => LITERAL.has(x))
  const masked = redact(text, secrets.filter((x) => !LITERAL.has(x)).flatMap(spellings))
  if (literal.length === 0) return masked
  const base64 = literal.map((x) => Buffer.from(x, 'utf8').toString('base64').replace(/=+$/, ''))
  const forms = [...new Set([...secretForms(literal), ...base64].flatMap(spellings))].filter((f) => f.length >= MIN)
  return forms.sort((a, b) => b.length - a.length).reduce((out, f) => out.replace(new RegExp(escapeRegExp(f), 'gi'), '***'), masked)
}
