// Running RELEASE_DEPLOY_COMMAND / RELEASE_ROLLBACK_COMMAND: once (never retried), through the shell, with a
// deadline. What the report keeps: the exit code (or the signal), the duration and the tail of the output, with
// every secret the run knows scrubbed (core/secrets.ts).
import { spawn } from 'node:child_process'
import { redact } from '../core/secrets.ts'

export interface CommandResult {
  /** The command as configured is NOT kept: it may carry secrets; `label` says which one ran. */
  label: 'deploy' | 'rollback'
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  durationMs: number
  /** Last lines of stdout + stderr, interleaved as they came, secrets scrubbed. */
  outputTail: string
  ok: boolean
}

const TAIL_LINES = 40
const TAIL_CHARS = 4000

function tailOf(text: string): string {
  const lines = text.split('\n')
  const tail = lines.slice(-TAIL_LINES - 1).join('\n')
  return tail.length > TAIL_CHARS ? `…${tail.slice(-TAIL_CHARS)}` : tail
}

export function runCommand(
  label: CommandResult['label'],
  command: string,
  options: { timeoutMs: number; secrets: readonly string[]; env?: NodeJS.ProcessEnv; echo?: (chunk: string) => void },
): Promise<CommandResult> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    // Its own process group, so that a deadline ends the command and everything it started.
    const child = spawn('/bin/sh', ['-c', command], { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    let timedOut = false
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8')
      options.echo?.(redact(text, options.secrets))
      output = (output + text).slice(-TAIL_CHARS * 4) // bounded, whatever the command prints
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, options.timeoutMs)
    const settle = (exitCode: number | null, signal: string | null, extra = ''): void => {
      clearTimeout(timer)
      child.stdout.destroy()
      child.stderr.destroy()
      const outputTail = redact(tailOf(output + extra).trimEnd(), options.secrets)
      resolve({ label, exitCode, signal, timedOut, durationMs: performance.now() - t0, outputTail, ok: exitCode === 0 && !timedOut })
    }
    let settled = false
    const once = (exitCode: number | null, signal: string | null, extra = ''): void => {
      if (settled) return
      settled = true
      settle(exitCode, signal, extra)
    }
    child.once('error', (error) => once(null, null, `\n${error.message}`))
    // 'close' waits for the output pipes; a command that leaves a daemon holding them must not block the release,
    // so after 'exit' the output gets a short grace and no more.
    child.once('close', (code, signal) => once(code, signal))
    child.once('exit', (code, signal) => {
      setTimeout(() => once(code, signal), 500).unref()
    })
  })
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {
    // already gone
  }
}
