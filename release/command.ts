// Running RELEASE_BACKUP_COMMAND / RELEASE_DEPLOY_COMMAND / RELEASE_ROLLBACK_COMMAND: once (never retried), through the shell, with a
// deadline. What the report keeps: the exit code (or the signal), the duration and the tail of the output, with
// every secret the run knows scrubbed (core/secrets.ts).
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { holderEnv } from '../core/dir-lock.ts'
import { procStat, runsNothing } from '../core/proc-stat.ts'
import { commandSecrets, envSecrets } from './command-secrets.ts'
import { learnedSecrets, maskOutput, openKeyBlock } from './output-secrets.ts'

export interface CommandResult {
  /** The command as configured is NOT kept: it may carry secrets; `label` says which one ran. */
  label: 'backup' | 'deploy' | 'rollback'
  /** When it started (ISO): a backup is named by its time in the rollback's reasons. */
  startedAt: string
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  /** Stopped because the release had to stop (a second signal): what it did is unknown. */
  stopped: boolean
  durationMs: number
  /** Last lines of stdout + stderr, interleaved as they came, secrets scrubbed. */
  outputTail: string
  ok: boolean
}

const TAIL_LINES = 40
const TAIL_CHARS = 4000

/** What the output keeps raw between two cuts (see safeCut): far longer than any secret's spelling, and the tail. */
const KEPT_CHARS = TAIL_CHARS * 4
const CUT_TRIES = 8

/**
 * Where `text` may be cut, about `keep` characters from its end, so that masking the two sides apart gives exactly
 * what masking the whole gives: no secret's spelling crosses the cut. Cutting first and masking afterwards left the
 * piece of a secret the cut started in, too short for any masking window (review 2026-12-05: a deploy command's
 * `-pQw3rtyUi0pAsdfGhjkL9` reached a report as "…AsdfGhjkL9"). -1 when no tried point is safe (the text is then kept
 * whole until the next try). `keep` must exceed the longest spelling of a secret: one that ends after the text does
 * (the rest still to come) cannot reach the cut.
 */
export function safeCut(text: string, keep: number, mask: (text: string) => string): number {
  if (text.length <= keep) return -1
  const whole = mask(text)
  const step = Math.max(1, Math.floor((text.length - keep) / CUT_TRIES))
  for (let k = 0, point = text.length - keep; k < CUT_TRIES && point > 0; k++, point -= step)
    for (const cut of cutsNear(text, point)) if (mask(text.slice(0, cut)) + mask(text.slice(cut)) === whole) return cut
  return -1
}

/** The point, then the positions just after the few separators before it: tokens printed back to back (`a,b,c`) part there. */
function cutsNear(text: string, point: number): number[] {
  const cuts = [point]
  for (let i = point - 1; i > 0 && i > point - 256 && cuts.length < 4; i--) if (!/[\p{L}\p{N}]/u.test(text[i - 1] as string)) cuts.push(i)
  return cuts
}

function tailOf(text: string): string {
  const lines = text.split('\n')
  const tail = lines.slice(-TAIL_LINES - 1).join('\n')
  return tail.length > TAIL_CHARS ? `…${tail.slice(-TAIL_CHARS)}` : tail
}

export interface CommandOptions {
  timeoutMs: number
  secrets: readonly string[]
  env?: NodeJS.ProcessEnv
  echo?: (chunk: string) => void
  /** Aborted when the release must stop now (a second signal): the command's group is stopped too. */
  stop?: AbortSignal
}

export function runCommand(label: CommandResult['label'], command: string, options: CommandOptions): Promise<CommandResult> {
  const t0 = performance.now()
  const startedAt = new Date().toISOString()
  // The command's own credentials too (release/command-secrets.ts): `set -x` or a verbose client repeats them; and
  // those of the environment it runs in (a script reads DB_PASSWORD without its name in the command text).
  const environment = options.env ?? process.env
  const secrets = [...options.secrets, ...commandSecrets([command], environment, options.secrets)]
  secrets.push(...envSecrets(environment, secrets))
  return new Promise((resolve) => {
    // Its own process group, so that a deadline or a stop ends the command and everything it started.
    // The report directory's lock this release holds is named to the command (core/dir-lock.ts holderEnv): a deploy
    // that runs `npm run verify` into the same directory is the release's own step, not a rival run.
    const env = { ...(options.env ?? process.env), ...holderEnv(options.env ?? process.env) }
    const child = spawn('/bin/sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const pid = child.pid
    if (pid !== undefined) RUNNING.add(pid)
    let output = ''
    let ending: Promise<void> | null = null
    let why: 'timeout' | 'stop' | null = null
    let exited = false
    const end = (reason: 'timeout' | 'stop'): void => {
      if (ending !== null || exited || pid === undefined) return
      why = reason
      ending = stopGroup(pid)
    }
    // What the output prints by structure is masked too (release/output-secrets.ts), and a credential it prints is
    // learned: masked wherever it comes again, in a later line or in the tail.
    const mask = (text: string): string => maskOutput(text, secrets)
    const learn = (text: string): void => {
      for (const value of learnedSecrets(text)) if (!secrets.includes(value)) secrets.push(value)
    }
    // Held by whole lines, each stream apart, before anything is echoed or kept: a secret cut between two chunks is
    // still masked, and so is a line the other stream interrupted (`DB_PASSWORD=` on stdout, a warning on stderr, the
    // value on stdout: merged, the value was a line of its own, shown raw and kept raw). A line longer than the bound
    // goes at a cut no secret crosses (safeCut), the last TAIL_CHARS characters held back for what comes next. A private
    // key block is held back whole until its END line (its body lines alone look like nothing). A line is released at
    // its end, not held for later lines: a value only a later line names was shown by then (docs/release.md); the
    // output tail is masked whole at the end, with every value learned.
    let lastStream = -1
    const release = (text: string, stream: number): void => {
      if (text === '') return
      learn(text)
      options.echo?.(mask(text))
      // Kept as it came, by lines: what one stream left unfinished (its last line, a long line's first part) is no
      // prefix of the other stream's next line.
      if (stream !== lastStream && output !== '' && !output.endsWith('\n')) output += '\n'
      lastStream = stream
      // Bounded, whatever the command prints: cut raw only where no secret crosses, masked as a whole at the end.
      output += text
      if (output.length > KEPT_CHARS * 2) {
        const at = safeCut(output, KEPT_CHARS, mask)
        if (at > 0) output = output.slice(at)
      }
    }
    const held = [lineHolder((text) => release(text, 0), mask), lineHolder((text) => release(text, 1), mask)] as const
    // Decoded as a stream: a character whose UTF-8 bytes two chunks share is read whole, not as two replacement marks.
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', held[0].add)
    child.stderr.on('data', held[1].add)
    const timer = setTimeout(() => end('timeout'), options.timeoutMs)
    const onStop = (): void => end('stop')
    options.stop?.addEventListener('abort', onStop, { once: true })
    if (options.stop?.aborted) onStop()
    let settled = false
    const once = async (exitCode: number | null, signal: string | null, extra = ''): Promise<void> => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.stop?.removeEventListener('abort', onStop)
      // A stopped group is waited for (bounded): nothing of it may outlive the report that says it was stopped.
      if (ending !== null) await ending
      if (pid !== undefined) RUNNING.delete(pid)
      child.stdout.destroy()
      child.stderr.destroy()
      for (const h of held) h.flush()
      // Masked whole, THEN cut to its tail: a cut never leaves the piece of a secret below the masking windows.
      const outputTail = tailOf(mask(output + extra).trimEnd())
      const timedOut = why === 'timeout'
      const stopped = why === 'stop'
      const ok = exitCode === 0 && why === null
      resolve({ label, startedAt, exitCode, signal, timedOut, stopped, durationMs: performance.now() - t0, outputTail, ok })
    }
    child.once('error', (error) => void once(null, null, `\n${error.message}`))
    // 'close' waits for the output pipes; a command that leaves a daemon holding them must not block the release,
    // so after 'exit' the output gets a short grace and no more. A command that exited on its own keeps what it
    // started (a deploy may start a service in its group): only a deadline or a stop ends the group.
    child.once('close', (code, signal) => void once(code, signal))
    child.once('exit', (code, signal) => {
      if (ending === null) {
        exited = true
        if (pid !== undefined) RUNNING.delete(pid)
      }
      setTimeout(() => void once(code, signal), 500).unref()
    })
  })
}

/**
 * One stream's output, released (to the terminal and the kept output) by whole lines: what ends with a line break, up
 * to a private key block still open; a line longer than TAIL_CHARS * 2 at a cut no secret crosses (safeCut).
 */
function lineHolder(release: (text: string) => void, mask: (text: string) => string): { add: (text: string) => void; flush: () => void } {
  let pending = ''
  return {
    add: (text: string): void => {
      pending += text
      let cut: number
      if (pending.length > TAIL_CHARS * 2) cut = safeCut(pending, TAIL_CHARS, mask)
      else {
        const open = openKeyBlock(pending)
        cut = open >= 0 ? pending.lastIndexOf('\n', open) + 1 : pending.lastIndexOf('\n') + 1
      }
      if (cut > 0) {
        release(pending.slice(0, cut))
        pending = pending.slice(cut)
      }
    },
    flush: (): void => {
      release(pending)
      pending = ''
    },
  }
}

/** Process groups of the commands running now (their leaders' pids). */
const RUNNING = new Set<number>()

/** Whether a deploy or rollback command is running (a second signal then stops it instead of exiting). */
export function commandRunning(): boolean {
  return RUNNING.size > 0
}

// The release exiting while a command runs (a third signal, a crash): nobody will wait for the command or read its
// outcome, so its group is killed outright rather than left running alone.
process.once('exit', () => {
  for (const pid of RUNNING) signalGroup(pid, 'SIGKILL')
})

const GRACE_MS = 3000
const GONE_WAIT_MS = 2000

/** SIGTERM to the group, SIGKILL after a grace if any of it is left (a script that traps TERM), then until none is left. */
async function stopGroup(pid: number): Promise<void> {
  signalGroup(pid, 'SIGTERM')
  if (await goneWithin(pid, GRACE_MS)) return
  signalGroup(pid, 'SIGKILL')
  await goneWithin(pid, GONE_WAIT_MS)
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    if (!groupAlive(pid)) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return !groupAlive(pid)
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
  } catch {
    return false
  }
  return livingMember(pid)
}

/**
 * Whether a process of the group is alive, zombies aside: a killed grandchild is reparented to PID 1, which may reap
 * it late (seconds in a container), and a zombie runs nothing. Linux's /proc; elsewhere, any member counts.
 */
function livingMember(pgid: number): boolean {
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  } catch {
    return true
  }
  for (const entry of entries) {
    const stat = procStat(Number(entry)) // null: gone meanwhile
    if (stat !== null && stat.pgrp === pgid && !runsNothing(stat.state)) return true
  }
  return false
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}
