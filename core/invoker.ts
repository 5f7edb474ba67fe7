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
//
// A parent that is a pass-through shell (`sh -c …`, what npx puts between npm and Vitest) outlives an invoker killed
// outright: npm SIGKILLed (the OOM killer, a CI timeout's `kill -9`) runs no handler and sends the shell nothing, the
// shell keeps waiting for Vitest, and the parent never changes — the run wrote its GO 1–2 s later for nobody. So the
// shell's own parent is noted too (Linux, /proc) and the run stops when the shell is re-parented. Only for `sh -c`:
// an interactive shell (a person's terminal) is the invoker itself. This stops no run the parent rule would let go
// on: a run detached from a shell that then exits (`nohup vitest run &`) already stops when its parent changes.
//
// The Phase 2 commands (release/cli/) watch their invoker the same way: `npm run monitor|verify|release` exec node,
// so npm is the parent, and an orphaned watch must not go on to write "Stable", or run a rollback, for nobody.
import { readFileSync } from 'node:fs'
import { type Locale, say } from './locale/index.ts'
import { processRuns, procStat } from './proc-stat.ts'
import './locale/run.ts'
import { reason } from './reason.ts'

const KEY = Symbol.for('harena-validation.invoker')

/** The pid of the program whose step this run is, when one says so (release/gate.ts). */
export const OWNER_PID_VARIABLE = 'HARENA_GATE_OWNER_PID'

/** A pass-through shell between this process and its invoker (`sh -c`) and the shell's parent when noted. */
interface Shell {
  pid: number
  parent: number
}

interface InvokerState {
  parent: number
  /** The parent when it is a pass-through shell (Linux only), or null. */
  shell: Shell | null
  /** The owner named in OWNER_PID_VARIABLE when the state was made, or null. */
  owner: number | null
  timer: NodeJS.Timeout | null
}

const ownerOf = (value: string | undefined): number | null => {
  const pid = Number(value)
  return Number.isInteger(pid) && pid > 1 ? pid : null
}

/** A process's parent pid (core/proc-stat.ts), or null when it cannot be read. */
export function parentOf(pid: number): number | null {
  const ppid = procStat(pid)?.ppid
  return ppid !== undefined && Number.isInteger(ppid) ? ppid : null
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'ash', 'zsh', 'ksh', 'mksh'])

/** `pid` as a pass-through shell (its command line `<shell> -c …`) with its parent now, or null. */
function passThroughShell(pid: number): Shell | null {
  try {
    const [bin, flag] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    if (bin === undefined || !SHELLS.has(bin.slice(bin.lastIndexOf('/') + 1)) || flag !== '-c') return null
  } catch {
    return null // no /proc (not Linux), or the process is gone: the parent rule alone applies
  }
  const parent = parentOf(pid)
  return parent === null || parent <= 1 ? null : { pid, parent }
}

const state = (parent = process.ppid): InvokerState => {
  const holder = globalThis as typeof globalThis & { [KEY]?: InvokerState }
  holder[KEY] ??= { parent, shell: passThroughShell(parent), owner: ownerOf(process.env[OWNER_PID_VARIABLE]), timer: null }
  return holder[KEY]
}

/**
 * Notes the parent this process started under (the first call in the process wins). `parent`: the one read when the
 * process started, for an entry that loads this module later (release/cli/: npm may be gone by then).
 */
export function noteInvoker(parent?: number): void {
  state(parent)
}

/** The one line said when the invoker is gone (core/locale/run.ts). */
export function invokerGoneLine(parent: number, locale: Locale): string {
  return say(reason('run.invoker_gone', { pid: parent }), locale)
}

/** The one line said when the owner is gone. */
export function ownerGoneLine(owner: number, locale: Locale): string {
  return say(reason('run.owner_gone', { pid: owner, variable: OWNER_PID_VARIABLE }), locale)
}

function goneLine(s: InvokerState, ownerGone: boolean, locale: Locale): string {
  if (process.ppid !== s.parent) return invokerGoneLine(s.parent, locale)
  if (ownerGone) return ownerGoneLine(s.owner as number, locale)
  return invokerGoneLine((s.shell as Shell).parent, locale)
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
    const ownerGone = s.owner !== null && !processRuns(s.owner)
    // The shell re-parented (or gone, and then the parent changed too): the invoker that started it is gone.
    const shellOrphaned = s.shell !== null && parentOf(s.shell.pid) !== s.shell.parent
    if (process.ppid === s.parent && !ownerGone && !shellOrphaned) return
    if (s.timer !== null) clearInterval(s.timer)
    try {
      watch.say(goneLine(s, ownerGone, watch.locale))
    } catch {
      // the terminal may be gone with the invoker: stopping matters more than saying so
    }
    ;(watch.stop ?? (() => process.kill(process.pid, 'SIGTERM')))()
  }
  s.timer = setInterval(check, watch.everyMs ?? 250)
  s.timer.unref()
  return true
}
