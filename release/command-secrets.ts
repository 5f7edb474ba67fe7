// The secrets a deploy or rollback command carries in its own text. A command run with `set -x`, a curl that
// echoes its request, a script that logs its arguments: the command's output repeats what the command says, and
// the report keeps that output. So every credential the text holds is added to the run's secrets (core/secrets.ts
// redact() then masks it in the output and in every document), found by structure, not by a list of commands:
//  - the value after an authentication scheme (Bearer, Basic, Token, Digest);
//  - the value of a header that carries credentials (Authorization, X-Api-Key, any *-Token / *-Key / *-Secret);
//  - the value of a key=value, key: value, "key":"value" or --key value whose key names a credential
//    (password, passwd, pwd, token, secret, key, auth, credential, session, cookie);
//  - the user:password of -u / --user and of a URL's userinfo (the pair and the password alone);
//  - any long token-like word (20 characters or more of letters, digits, _ - + = ~, with a letter and a digit);
//  - a value written as $NAME / ${NAME} is the environment's value of NAME (`set -x` prints it expanded).
// Over-masking is the safe side: a 40-hex commit id in a command is masked in its output too.

const MIN = 4
const TOKEN_WORD = /[A-Za-z0-9_\-+=~]{20,}/g
const CREDENTIAL_KEY = /pass|pwd|token|secret|key|auth|credential|session|cookie/i

/** A shell word's value without its quotes. */
const unquote = (v: string): string => v.trim().replace(/^(['"])(.*)\1$/s, '$2')

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

const WORD = `("[^"]*"|'[^']*'|[^\\s'"&;|]+)`

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
  // curl -u user:pass / --user / --proxy-user, and -uuser:pass (a value without ':' is a name: `sort -u file`).
  each(new RegExp(`(?:^|\\s)(?:-u\\s*|--(?:proxy-)?user[\\s=]+)${WORD}`, 'g'), (m) => {
    const value = unquote(m[1] as string)
    return value.includes(':') ? pair(value) : []
  })
  // A URL's userinfo.
  each(/[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@/gi, (m) => pair(decodeSafely(m[1] as string)))
  // Long token-like words.
  each(TOKEN_WORD, (m) => (/[A-Za-z]/.test(m[0]) && /\d/.test(m[0]) ? [m[0]] : []))
  return found
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Every secret the command texts carry, for core/secrets.ts redact() (empty for none). */
export function commandSecrets(commands: ReadonlyArray<string | null>, env: NodeJS.ProcessEnv = process.env): string[] {
  const out = new Set<string>()
  for (const command of commands) {
    if (command === null) continue
    for (const raw of byShape(command)) for (const value of resolved(unquote(raw).trim(), env)) if (value.trim().length >= MIN) out.add(value.trim())
  }
  return [...out]
}
