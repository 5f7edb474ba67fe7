// Which keys name a credential, read by the words they are made of: a command's output (release/output-secrets.ts)
// and the release's environment (release/command-secrets.ts envSecrets). A key is split into its word-parts — at
// `_ - . : /` and spaces, between a lower-case letter and a capital (camelCase), before the capital that starts a word
// after an acronym (APIKey → API, Key), and between letters and digits — and a part names a credential when it is,
// or ends with, a credential word: password, passwd, passphrase, pass, pw, secret, token, credential (plurals too),
// auth, or key after api / access / private / secret / signing / … (`dbpw`, `PG_PASS_1`, `secretKeyPrimary`,
// `x-api-key-2`).
//  - The credential word is the last part, but for digits (`PG_PASS_1`, `x-api-key-2`): the key names the credential,
//    and any value is one.
//  - Other parts follow it (`dbpw_main`, `secretKeyPrimary`, `password_policy`, `token_type`, `secret_name`): the key
//    may name the credential (a qualified one: main, primary) or something about it (its policy, type, name, lifetime,
//    file). The value decides: a description — a word or words of letters (`strict`, `bearer`, `harena-db`), a number
//    with its unit (`12`, `3600s`), a date or a time, a path or a URL — is no credential; anything else
//    (`hunter2`, `Zq8-x`) is. So `password_policy=strict` and `token_type=bearer` stay readable, and so does a
//    password of one plain word under such a key (`dbpw_main=hunter`): a word there cannot be told from a setting.
// `PWD` is no credential word (the shell's working directory, printed by every `env` dump), nor is `key` alone
// (`sort_key`, `cache_key`), nor `session` or `cookie` (a command's text reads those: release/command-secrets.ts).

/** The word-parts of a key, lower-cased: `secretKeyPrimary` → secret, key, primary; `PG_PASS_1` → pg, pass, 1. */
export function keyParts(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/g, ' ')
    .split(/[\s_.:/-]+/)
    .filter((p) => p !== '')
    .map((p) => p.toLowerCase())
}

/** A part that is, or ends with, a credential word. */
const CREDENTIAL_PART = /(?:passwords?|passwd|passphrases?|pass|pw|secrets?|tokens?|credentials?|auth|(?:api|access|private|secret|signing)keys?)$/
/** What makes a following `key` part a credential's: api key, access key, private key… */
const KEY_KINDS = new Set([
  'api',
  'access',
  'private',
  'secret',
  'signing',
  'encryption',
  'master',
  'deploy',
  'ssh',
  'client',
  'session',
  'auth',
  'app',
])

/** Where a key's last credential word stands: 'last' (only digits after it), 'inner' (other words after it), or null. */
export function credentialKey(key: string): 'last' | 'inner' | null {
  const parts = keyParts(key)
  let at = -1
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    if (
      CREDENTIAL_PART.test(part) ||
      (/^keys?$/.test(part) && i > 0 && (KEY_KINDS.has(parts[i - 1] as string) || CREDENTIAL_PART.test(parts[i - 1] as string)))
    )
      at = i
  }
  if (at < 0) return null
  return parts.slice(at + 1).every((p) => /^\d+$/.test(p)) ? 'last' : 'inner'
}

/** A value that describes rather than authenticates: words of letters, a number and its unit, a date or time, a path, a URL. */
const DESCRIPTION =
  /^(?:[A-Za-z]+(?:[-_. ][A-Za-z]+)*|\d+(?:[.,]\d+)?[A-Za-z%]{0,3}|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}(?::\d{2}){1,2}|(?:\/|\.{1,2}\/|~\/)\S*|[a-z][a-z\d+.-]*:\/\/\S*)$/

/** Whether `value`, given under `key`, is a credential (release/output-secrets.ts, envSecrets). */
export function credentialValue(key: string, value: string): boolean {
  const where = credentialKey(key)
  return where === 'last' || (where === 'inner' && !DESCRIPTION.test(value.trim()))
}
