// examples/ec2-systemd/: the host, tag and service come from the arguments (nothing hard-coded), bad arguments
// stop with a usage line, and DRY_RUN=1 only prints — proved with stand-ins for ssh/curl/npm on PATH that would
// leave a trace if anything ran. (shellcheck runs in CI: .ci/run.)
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, ROOT, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const DIR = join(ROOT, 'examples/ec2-systemd')

function traps(): { path: string; trace: string } {
  const bin = tempDir('example-bin-')
  const trace = join(bin, 'ran')
  for (const tool of ['ssh', 'curl', 'npm', 'pg_dump']) {
    // Reads its stdin like the real tool (ssh reads the remote script), then leaves a trace.
    writeFileSync(join(bin, tool), `#!/bin/sh\ncat > /dev/null\necho "${tool} $*" >> "${trace}"\n`)
    chmodSync(join(bin, tool), 0o755)
  }
  return { path: `${bin}:${process.env.PATH ?? ''}`, trace }
}

function script(name: string, args: string[], env: Record<string, string>) {
  return spawnSync('bash', [join(DIR, name), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
}

describe('examples/ec2-systemd', () => {
  it('every script is strict (set -euo pipefail) and names no IP address', () => {
    for (const name of readdirSync(DIR).filter((f) => f.endsWith('.sh') && f !== 'common.sh')) {
      const text = readFileSync(join(DIR, name), 'utf8')
      expect(text).toContain('set -euo pipefail')
      expect(text).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/)
    }
  })

  it('DRY_RUN=1 prints the deploy (host, tag, service, remote steps) and runs nothing', () => {
    const { path, trace } = traps()
    const r = script('deploy.sh', ['ec2-user@prod.example', 'v3.2.7', 'conversation-service'], { DRY_RUN: '1', PATH: path })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('+ ssh ec2-user@prod.example bash -s -- v3.2.7 conversation-service harena')
    expect(r.stdout).toContain('git checkout --quiet "$tag"')
    expect(r.stdout).toContain('sudo systemctl restart "$service"')
    expect(existsSync(trace)).toBe(false)
  })

  it('without DRY_RUN the same command really goes to ssh', () => {
    const { path, trace } = traps()
    const r = script('rollback.sh', ['ec2-user@prod.example', 'v3.2.6', 'conversation-service', '/srv/harena'], { PATH: path })
    expect(r.status).toBe(0)
    expect(readFileSync(trace, 'utf8')).toBe('ssh ec2-user@prod.example bash -s -- v3.2.6 conversation-service /srv/harena\n')
  })

  it('verify.sh: health, npm run verify against the URL, logs — printed only under DRY_RUN=1', () => {
    const { path, trace } = traps()
    const r = script('verify.sh', ['http://prod.example:8001/', 'ec2-user@prod.example', 'conversation-service'], { DRY_RUN: '1', PATH: path })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('+ curl --fail --silent --show-error --max-time 10 http://prod.example:8001/api/v1/conversation/health')
    expect(r.stdout).toContain('+ env HARENA_BASE_URL=http://prod.example:8001 npm run --silent verify')
    expect(r.stdout).toContain('+ ssh ec2-user@prod.example sudo journalctl -u conversation-service -n 20 --no-pager')
    expect(existsSync(trace)).toBe(false)
  })

  // Review 2026-12-05 (traceability): the plan's T4.6 step 1 (pg_dump before deploying) had no script.
  it('backup.sh: DRY_RUN=1 prints the pg_dump on the host (custom format, renamed once complete) and runs nothing', () => {
    const { path, trace } = traps()
    const r = script('backup.sh', ['ec2-user@prod.example', 'harena', '/var/backups/harena'], { DRY_RUN: '1', PATH: path })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('+ ssh ec2-user@prod.example bash -s -- harena /var/backups/harena')
    expect(r.stdout).toContain('pg_dump --format=custom --no-password --file "$file.partial" "$database"')
    expect(r.stdout).toContain('mv "$file.partial" "$file"')
    expect(existsSync(trace)).toBe(false)
    // Without DRY_RUN it goes to ssh (the stand-in here), never to a local pg_dump.
    const real = script('backup.sh', ['ec2-user@prod.example', 'harena'], { PATH: path })
    expect(real.status).toBe(0)
    expect(readFileSync(trace, 'utf8')).toBe('ssh ec2-user@prod.example bash -s -- harena backups\n')
  })

  it('bad arguments stop with a usage line (exit 2): missing ones, a tag or unit that is not a name, credentials in a URL', () => {
    expect(script('deploy.sh', ['host', 'v1'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    expect(script('deploy.sh', ['host', 'v1', 'svc'], { DRY_RUN: '1' }).stderr).toBe('')
    expect(script('deploy.sh', ['host', 'v1;rm -rf /', 'svc'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    expect(script('rollback.sh', ['host', 'v1', 'svc name'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    expect(script('backup.sh', ['host'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    expect(script('backup.sh', ['host', 'harena; drop'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    expect(script('backup.sh', ['host', 'harena', 'dir with space'], { DRY_RUN: '1' })).toMatchObject({ status: 2 })
    const r = script('verify.sh', ['http://user:pw@prod.example'], { DRY_RUN: '1' })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/must be http\(s\) and carry no credentials/)
    expect(r.stderr).not.toContain('pw@')
  })
})
