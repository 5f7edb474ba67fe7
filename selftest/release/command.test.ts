// RELEASE_DEPLOY_COMMAND / RELEASE_ROLLBACK_COMMAND as real shell processes (release/command.ts): a deadline or a
// stop ends the command's whole process group — SIGTERM, then SIGKILL for what ignores it — and the result comes
// only once none of it is left; the command's own credentials never reach its output tail (release/command-secrets.ts).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { commandSecrets, maskSecrets } from '../../release/command-secrets.ts'
import { runCommand, safeCut } from '../../release/command.ts'
import { alive, removeTempDirs, tempDir } from './harness.ts'

afterAll(removeTempDirs)

/** A script that ignores SIGTERM (as a script whose ssh or aws step traps it), records its pids, then works long. */
function trapping(dir: string): string {
  return `trap '' TERM; echo $$ > "${join(dir, 'shell.pid')}"; sleep 30 & echo $! > "${join(dir, 'child.pid')}"; wait; touch "${join(dir, 'finished')}"`
}

const pids = (dir: string): number[] => ['shell.pid', 'child.pid'].map((f) => Number(readFileSync(join(dir, f), 'utf8')))

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 50))
}

describe('release/command.ts', () => {
  it('a command past its deadline that ignores SIGTERM: its whole group is killed before the result comes (timed out)', async () => {
    const dir = tempDir('command-timeout-')
    const result = await runCommand('rollback', trapping(dir), { timeoutMs: 1000, secrets: [] })
    expect(result).toMatchObject({ timedOut: true, stopped: false, ok: false })
    for (const pid of pids(dir)) expect(alive(pid), `process ${pid} of the command is still running`).toBe(false)
    expect(existsSync(join(dir, 'finished'))).toBe(false)
  }, 30_000)

  it('a stop (the release got a second signal) ends the running command the same way: stopped, none of it left', async () => {
    const dir = tempDir('command-stop-')
    const stop = new AbortController()
    const running = runCommand('rollback', trapping(dir), { timeoutMs: 60_000, secrets: [], stop: stop.signal })
    await until(() => existsSync(join(dir, 'child.pid')))
    stop.abort()
    const result = await running
    expect(result).toMatchObject({ stopped: true, timedOut: false, ok: false })
    for (const pid of pids(dir)) expect(alive(pid)).toBe(false)
  }, 30_000)

  it('a command that ends by itself keeps what it started in the background (a deploy may start a service)', async () => {
    const dir = tempDir('command-daemon-')
    const result = await runCommand('deploy', `sleep 30 >/dev/null 2>&1 & echo $! > "${join(dir, 'daemon.pid')}"`, { timeoutMs: 10_000, secrets: [] })
    expect(result.ok).toBe(true)
    const daemon = Number(readFileSync(join(dir, 'daemon.pid'), 'utf8'))
    expect(alive(daemon)).toBe(true)
    process.kill(daemon, 'SIGKILL')
  }, 30_000)

  it("the command's own credentials are masked in its output (set -x echoes them), whatever their shape", async () => {
    const command = [
      'set -x',
      'curl -s -H "Authorization: Bearer gh_tok_S3cr3tRollbackTokenXYZ" http://127.0.0.1:1/rollback',
      'echo "deploying with X-Api-Key: k3y-Val-42 and pw=hunter2pw"',
      'echo https://ci:Sup3rPass@git.example.test/repo.git',
      'true --password "p4ssw0rd!" -u deploy:basicPw99 "token=abcd1234" PGPASSWORD=pgS3cret',
      'echo "Authorization: Basic $(printf deploy:basicPw99 | base64)"',
      'exit 7',
    ].join('\n')
    const result = await runCommand('rollback', command, { timeoutMs: 10_000, secrets: [] })
    expect(result.exitCode).toBe(7)
    expect(result.outputTail).toContain('curl') // the output is there, its credentials are not
    const basic = Buffer.from('deploy:basicPw99').toString('base64')
    for (const secret of ['gh_tok_S3cr3tRollbackTokenXYZ', 'k3y-Val-42', 'Sup3rPass', 'p4ssw0rd!', 'basicPw99', 'abcd1234', 'pgS3cret', basic])
      expect(result.outputTail).not.toContain(secret)
  }, 30_000)

  it('the terminal echo masks a credential printed in two pieces (echoed by whole lines)', async () => {
    let echoed = ''
    const command = `printf 'part S3cr3tSpl'; sleep 0.3; printf 'itToken99 end\\n'`
    await runCommand('deploy', `${command} # token=S3cr3tSplitToken99`, {
      timeoutMs: 10_000,
      secrets: [],
      echo: (chunk) => {
        echoed += chunk
      },
    })
    expect(echoed).toContain('part')
    expect(echoed).not.toContain('S3cr3tSplitToken99')
  }, 30_000)

  // Review 2026-12-05: the tail was cut to 4,000 characters first and masked afterwards, so a cut starting inside a
  // secret left a piece below every masking window ("…ttery staple 42", "…AsdfGhjkL9" in the monitor's reports).
  it('a secret the tail starts inside: no piece of it in the tail, wherever the cut falls', async () => {
    const gate = 'correct horse battery staple 42'
    const own = 'Qw3rtyUi0pAsdfGhjkL9'
    // "<prefix><secret>\n" then padding: the 4,000-character tail (TAIL_CHARS) starts `k` characters into the secret.
    for (const [prefix, secret, command] of [
      ['db login: ', gate, (pad: number) => `printf 'db login: %s\\n' "$GATE_PW"; head -c ${pad} /dev/zero | tr '\\0' x`],
      ['mysqldump -p', own, (pad: number) => `printf '%s\\n' 'mysqldump -p${own}'; head -c ${pad} /dev/zero | tr '\\0' x`],
    ] as const) {
      for (const k of [2, 9, secret.length - 6, secret.length - 2]) {
        const pad = 4000 - (secret.length - k) - 1
        const result = await runCommand('deploy', command(pad), { timeoutMs: 10_000, secrets: [gate], env: { ...process.env, GATE_PW: gate } })
        expect(result.outputTail.endsWith(`\n${'x'.repeat(pad)}`), prefix).toBe(true)
        for (let i = 0; i + 4 <= secret.length; i++) expect(result.outputTail, `${prefix} k=${k}`).not.toContain(secret.slice(i, i + 4))
      }
    }
  }, 60_000)

  it('a long output is kept bounded only at cuts no secret crosses (safeCut), and a line longer than the bound is echoed so too', async () => {
    const token = 'tok_9fQ2xLm4Rz8KpV7wN3cT'
    const mask = (text: string): string => maskSecrets(text, [token])
    // Tokens back to back: the point a cut is tried at falls inside one; the cut moves to a separator before it.
    const text = `${'y'.repeat(5000)}${`${token},`.repeat(400)}`
    for (const keep of [1000, 3333, 4001]) {
      const cut = safeCut(text, keep, mask)
      expect(cut).toBeGreaterThan(0)
      expect(mask(text.slice(0, cut)) + mask(text.slice(cut))).toBe(mask(text))
      expect(text.length - cut).toBeGreaterThanOrEqual(keep)
    }
    // 12,000 characters on one line, the token across where the old code cut it (at 4,000 and 8,001): nothing of it echoed.
    let echoed = ''
    const line = `${'a'.repeat(3990)}${token}${'b'.repeat(3990)}${token}${'c'.repeat(4000)}`
    const result = await runCommand('deploy', `printf '%s' "$LINE"`, {
      timeoutMs: 10_000,
      secrets: [token],
      env: { ...process.env, LINE: line },
      echo: (chunk) => {
        echoed += chunk
      },
    })
    expect(echoed).toBe(mask(line))
    expect(result.outputTail).not.toMatch(/tok_|9fQ2|cT(?!\w)/)
  }, 30_000)

  it('finds credentials by structure: schemes, credential headers, key=value, flags, user:password, URL userinfo, long tokens, $VARS', () => {
    const found = commandSecrets(
      [
        `curl -H 'Authorization: Basic ZGVwbG95OnB3' -H "X-Api-Key: k-9f8e7d" "https://api.test/x?access_token=qwerty12&page=2"`,
        `deploy --password 'two words' --api-key=ak123456 -d '{"client_secret":"json-pw-99"}' -u ci:hunter22 ssh://git:s3cr3tpw@host/repo`,
        `AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG aws s3 cp x y; curl -H "Authorization: Bearer $DEPLOY_TOKEN" x; run AbC123dEf456GhI789jKl0`,
      ],
      { DEPLOY_TOKEN: 'from-the-env-77' },
    )
    for (const secret of [
      'ZGVwbG95OnB3',
      'k-9f8e7d',
      'qwerty12',
      'two words',
      'ak123456',
      'json-pw-99',
      'hunter22',
      's3cr3tpw',
      'wJalrXUtnFEMI/K7MDENG',
      'from-the-env-77',
      'AbC123dEf456GhI789jKl0',
    ])
      expect(found).toContain(secret)
    // Plain words, paths, versions and `sort -u file` are not credentials.
    expect(commandSecrets(['sort -u names.txt; examples/ec2-systemd/rollback.sh host v3.2.6 conversation-service; page=2'])).toEqual([])
    // A $NAME that names a credential is a secret wherever it stands (set -x prints it expanded); others are not.
    expect(
      commandSecrets(['set -x; ./svc.sh 18518 3.2.7 "" "$DEPLOY_KEY"; echo ${GH_TOKEN} $PORT $HOME'], {
        DEPLOY_KEY: 'plainkey42',
        GH_TOKEN: 'ghp-value-1',
        PORT: '18518',
        HOME: '/root',
      }).sort(),
    ).toEqual(['ghp-value-1', 'plainkey42'])
  })
})
