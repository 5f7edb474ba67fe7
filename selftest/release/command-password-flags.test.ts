// The password flags of database and ssh tools in a backup/deploy/rollback command (release/command-secrets.ts): a
// review found `mysqldump -pSECRET` and `sshpass -p SECRET` printed by `set -x` in the terminal and in every report.
// A property test: command lines built from random flag spellings and quotings, run by the real shell with `set -x`
// (release/command.ts runCommand): no password survives in the output tail nor in the echoed terminal text.
import { describe, expect, it } from 'vitest'
import { mulberry32 as generator } from '../../core/random.ts'
import { runCommand } from '../../release/command.ts'

type Quote = 'none' | 'single' | 'double'

// Characters each quoting keeps literal in sh: unquoted, no metacharacter; quoted, spaces and most punctuation too.
const BARE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%^_+=,.:-'
const QUOTED = `${BARE} *#!&;|()<>?[]{}`

function password(rnd: () => number, quote: Quote): string {
  const alphabet = quote === 'none' ? BARE : QUOTED
  const pick = (s: string) => s[Math.floor(rnd() * s.length)] as string
  const length = 6 + Math.floor(rnd() * 14)
  let body = ''
  for (let i = 0; i < length; i++) body += pick(alphabet)
  // Starts with a letter (not a flag, a path, a tilde) and holds one (never a bare port number).
  return `${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}${body}`.trimEnd()
}

const quoted = (pw: string, quote: Quote): string => (quote === 'single' ? `'${pw}'` : quote === 'double' ? `"${pw}"` : pw)

/** The spellings a password takes on a command line, each given the password as written (quoted or not). */
const SPELLINGS: ReadonlyArray<(q: string) => string> = [
  (q) => `mysqldump -u root -p${q} harena`,
  (q) => `mysql -h db -P 3306 -p${q} -e 'select 1'`,
  (q) => `sshpass -p ${q} ssh -p 2222 db pg_dump harena`,
  (q) => `sshpass -p${q} scp dump.sql db:/backups/`,
  (q) => `pg_dump --password ${q} harena`,
  (q) => `mysqldump --password=${q} harena`,
  (q) => `PGPASSWORD=${q} pg_dump -h db -p 5432 harena`,
  (q) => `MYSQL_PWD=${q} mysqldump -u root harena`,
  (q) => `some-client -p ${q} --verbose`,
  (q) => `redis-cli -h cache -a ${q} ping`,
  (q) => `keydb-cli -a${q} --no-auth-warning info`,
  (q) => `echo ${q} | : docker login -u ops --password-stdin registry.local`,
  (q) => `printf '%s' ${q} | : podman login --username ops --password-stdin registry.local`,
  (q) => `DB_PW=${q} ./migrate.sh`,
  (q) => `curl -d pw=${q} http://127.0.0.1:9/admin`,
]

const QUOTES: readonly Quote[] = ['none', 'single', 'double']

describe('release/command-secrets.ts password flags', () => {
  it('a command line of random password flags, run with `set -x`: no password reaches its output tail or its echo', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = generator(seed)
      const passwords: string[] = []
      const parts: string[] = []
      const count = 1 + Math.floor(rnd() * 3)
      for (let i = 0; i < count; i++) {
        const quote = QUOTES[Math.floor(rnd() * QUOTES.length)] as Quote
        const pw = password(rnd, quote)
        passwords.push(pw)
        // `:` takes its arguments and does nothing: `set -x` prints the line as the real tool's would be.
        parts.push(`: ${(SPELLINGS[Math.floor(rnd() * SPELLINGS.length)] as (q: string) => string)(quoted(pw, quote))}`)
      }
      const command = `set -x; ${parts.join(rnd() < 0.5 ? '; ' : ' && ')}; echo done`
      let echoed = ''
      const result = await runCommand('backup', command, { timeoutMs: 10_000, secrets: [], echo: (t) => (echoed += t) })
      expect(result.ok, `seed ${seed}: ${command}`).toBe(true)
      expect(result.outputTail, `seed ${seed}: the command ran and printed itself`).toContain('done')
      for (const pw of passwords) {
        expect(result.outputTail, `seed ${seed}: ${command}`).not.toContain(pw)
        expect(echoed, `seed ${seed}: ${command}`).not.toContain(pw)
      }
    }
  }, 120_000)

  it('a -p that takes a port or a path, and an -a outside a *-cli client, are left: the numbers and directories of the output stay readable', async () => {
    const command =
      'set -x; : ssh -p 2222 db; : psql -p 5432 harena; : docker run -p 8080:80 img; : mkdir -p /srv/harena-app; : ls -a harena-app; : cp -a release-current backup; : redis-cli -a /etc/redis.pass ping'
    const result = await runCommand('deploy', command, { timeoutMs: 10_000, secrets: [] })
    for (const kept of ['-p 2222', '-p 5432', '-p 8080:80', '-p /srv/harena-app', '-a harena-app', '-a release-current backup', '-a /etc/redis.pass'])
      expect(result.outputTail).toContain(kept)
  }, 120_000)
})
