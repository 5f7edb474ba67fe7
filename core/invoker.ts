// A run whose invoker is gone stops as on SIGTERM. `npx vitest run` starts Vitest as npm → `sh -c` → node (`npm run
// validate` execs Vitest, so npm signals it directly): a SIGTERM sent to npm alone (a CI cancel, `kill <pid>`) ends npm and the shell
// (dash does not forward it), and Vitest, re-parented, would go on asking and write a GO nobody asked for. So the
// main process notes its parent at start and polls `process.ppid`: when it changes, it says why in one line and
// sends itself SIGTERM, which takes the one signal path there is (Vitest's handler: exit 143; the reporter's:
// the interrupted NO-GO report). Vitest loads the reporter with the config file and globalSetup through its module
// runner, each with its own copy of core/: the state is kept on globalThis, so the first note and one watch per
// process win. Not armed in watch mode (docs/vitest-facts.md §3): a watch or UI session is attended.
//
// A program that runs the suite as a step of its own (`npm run release`, release/gate.ts) names itself in
// OWNER_PID_VARIABLE: it starts Vitest in a process group of its own, through npx and a shell, so when that program
// is killed outright (SIGKILL, the OOM killer: no handler runs) Vitest's parent stays alive and nothing else tells the
// gate that nobody will read its verdict. The watch then also stops the run when that process is gone.
import { readFileSync } from 'node:fs'
import { type Locale, say } from './locale/index.ts'
import './locale/run.ts'
import { reason } from './reason.ts'

const KEY = Symbol.for('harena-validation.invoker')

/** The pid of the program whose step this run is, when one says so (release/gate.ts). */
export const OWNER_PID_VARIABLE = 'HARENA_GATE_OWNER_PID'

interface InvokerState {
  parent: number
  /** The owner named in OWNER_PID_VARIABLE when the state was made, or null. */
  owner: number | null
  timer: NodeJS.Timeout | null
}

const ownerOf = (value: string | undefined): number | null => {
  const pid = Number(value)
  return Number.isInteger(pid) && pid > 1 ? pid : null
}

const state = (): InvokerState => {
  const holder = globalThis as typeof globalThis & { [KEY]?: InvokerState }
  holder[KEY] ??= { parent: process.ppid, owner: ownerOf(process.env[OWNER_PID_VARIABLE]), timer: null }
  return holder[KEY]
}

/** Whether a process with this pid runs (EPERM: it does, another user's; a zombie, killed and not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    // Linux: "pid (comm) state …"; elsewhere there is no /proc and signal 0 is the answer.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** Notes the parent this process started under (the first call in the process wins). */
export function noteInvoker(): void {
  state()
}

/** The one line said when the invoker is gone (core/locale/run.ts). */
export function invokerGoneLine(parent: number, locale: Locale): string {
  return say(reason('run.invoker_gone', { pid: parent }), locale)
}

/** The one line said when the owner is gone. */
export function ownerGoneLine(owner: number, locale: Locale): string {
  return say(reason('run.owner_gone', { pid: owner, variable: OWNER_PID_VARIABLE }), locale)
}

export interface InvokerWatch {
  /** Where the one line goes. */
  say: (line: string) => void
  /** The line's language (VALIDATION_LOCALE). */
  locale: Locale
  /** Poll period (default 250 ms). */
  everyMs?: number
  /** What "stopping as on SIGTERM" does (default: SIGTERM to this process). */
  stop?: () => void
}

/**
 * Arms the watch (once per process; later calls do nothing). The timer is unref'd: it never keeps the process
 * alive. Returns whether this call armed it.
 */
export function stopWhenInvokerGone(watch: InvokerWatch): boolean {
  const s = state()
  if (s.timer !== null) return false
  const check = (): void => {
    const ownerGone = s.owner !== null && !alive(s.owner)
    if (process.ppid === s.parent && !ownerGone) return
    if (s.timer !== null) clearInterval(s.timer)
    try {
      watch.say(process.ppid !== s.parent ? invokerGoneLine(s.parent, watch.locale) : ownerGoneLine(s.owner as number, watch.locale))
    } catch {
      // the terminal may be gone with the invoker: stopping matters more than saying so
    }
    ;(watch.stop ?? (() => process.kill(process.pid, 'SIGTERM')))()
  }
  s.timer = setInterval(check, watch.everyMs ?? 250)
  s.timer.unref()
  return true
}
