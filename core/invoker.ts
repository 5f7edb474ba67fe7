// A run whose invoker is gone stops as on SIGTERM. `npx vitest run` and `npm run validate` start Vitest as
// npm → `sh -c` → node: a SIGTERM or SIGINT sent to npm alone (a CI cancel, `kill <pid>`) ends npm and the shell
// (dash does not forward it), and Vitest, re-parented, would go on asking and write a GO nobody asked for. So the
// main process notes its parent at start and polls `process.ppid`: when it changes, it says why in one line and
// sends itself SIGTERM, which takes the one signal path there is (Vitest's handler: exit 143; the reporter's:
// the interrupted NO-GO report). Vitest loads the reporter with the config file and globalSetup through its module
// runner, each with its own copy of core/: the state is kept on globalThis, so the first note and one watch per
// process win. Not armed in watch mode (docs/vitest-facts.md §3): a watch or UI session is attended.
const KEY = Symbol.for('harena-validation.invoker')

interface InvokerState {
  parent: number
  timer: NodeJS.Timeout | null
}

const state = (): InvokerState => {
  const holder = globalThis as typeof globalThis & { [KEY]?: InvokerState }
  holder[KEY] ??= { parent: process.ppid, timer: null }
  return holder[KEY]
}

/** Notes the parent this process started under (the first call in the process wins). */
export function noteInvoker(): void {
  state()
}

/** The one line said when the invoker is gone. */
export function invokerGoneLine(parent: number): string {
  return `the process that started this run is gone (parent pid ${parent} exited): stopping as on SIGTERM`
}

export interface InvokerWatch {
  /** Where the one line goes. */
  say: (line: string) => void
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
    if (process.ppid === s.parent) return
    if (s.timer !== null) clearInterval(s.timer)
    try {
      watch.say(invokerGoneLine(s.parent))
    } catch {
      // the terminal may be gone with the invoker: stopping matters more than saying so
    }
    ;(watch.stop ?? (() => process.kill(process.pid, 'SIGTERM')))()
  }
  s.timer = setInterval(check, watch.everyMs ?? 250)
  s.timer.unref()
  return true
}
