// A stand-in for `systemctl restart` in the release proofs: (re)starts the reference service as its own process
// on a fixed loopback port, as a given "version" with given fault rules, then waits until it answers.
//   node --import tsx selftest/release/service-ctl.ts <pidfile> <port> <version> [faultsJson] [bootMs]
// With bootMs, a slow boot (`systemctl restart` of a build that imports for seconds): the old one is stopped, the
// new one listens only after bootMs, and this returns at once (exit 0) without waiting for it.
//   node --import tsx selftest/release/service-ctl.ts stop <pidfile>
// Loopback only; the pid file lets the test stop whatever is left at the end.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function stopService(pidfile: string): Promise<void> {
  if (!existsSync(pidfile)) return
  const pid = Number(readFileSync(pidfile, 'utf8'))
  rmSync(pidfile, { force: true })
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(50)
  if (alive(pid)) process.kill(pid, 'SIGKILL')
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', timeout: 1000 }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => req.destroy())
    req.end()
  })
}

async function start(pidfile: string, port: number, version: string, faults: string, bootMs = 0): Promise<void> {
  await stopService(pidfile)
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'fixtures/reference/main.ts')]
  // `exec`: the pid written is the service's own once it starts.
  const [file, args] =
    bootMs > 0 ? ['/bin/sh', ['-c', `sleep ${bootMs / 1000}; exec "$@"`, 'slow-boot', ...node]] : [node[0] as string, node.slice(1)]
  const child = spawn(file, args as string[], {
    cwd: ROOT,
    env: {
      ...process.env,
      REFERENCE_PORT: String(port),
      REFERENCE_VERSION: version,
      REFERENCE_FAULTS: faults,
      REFERENCE_LOG: '0',
      REFERENCE_NOW: '2026-11-24T12:00:00Z',
    },
    stdio: 'ignore',
    detached: true,
  })
  child.unref()
  writeFileSync(pidfile, String(child.pid))
  if (bootMs > 0) {
    process.stdout.write(`service ${version} restarted on 127.0.0.1:${port}, listening in ${bootMs} ms (pid ${child.pid})\n`)
    return
  }
  for (let i = 0; i < 300; i++) {
    if (await answers(port)) {
      process.stdout.write(`service ${version} up on 127.0.0.1:${port} (pid ${child.pid})\n`)
      return
    }
    await sleep(100)
  }
  process.stderr.write(`service ${version} did not come up on port ${port}\n`)
  process.exit(1)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [a, b, c, d, e] = process.argv.slice(2)
  if (a === 'stop') await stopService(b as string)
  else await start(a as string, Number(b), c ?? 'dev', d ?? '', Number(e ?? 0))
}
