// "The run has ended" between two parts of the main process that do not share modules: Vitest loads the reporter
// with the config file and globalSetup through its module runner, so each has its own copy of core/. The reporter
// calls runEnded() when the run ends, before it prints the verdict; globalSetup's progress line (tests/support/
// progress.ts) registered there prints its final figures first, so the verdict stays the terminal's last lines.
const KEY = Symbol.for('harena-validation.run-end')

type Listener = () => void
const listeners = (): Set<Listener> => {
  const holder = globalThis as typeof globalThis & { [KEY]?: Set<Listener> }
  holder[KEY] ??= new Set()
  return holder[KEY]
}

/** Registers `listener` for the end of the run; returns its removal. */
export function onRunEnd(listener: Listener): () => void {
  listeners().add(listener)
  return () => listeners().delete(listener)
}

/** Calls (once) and forgets every listener; a listener that throws does not stop the others. */
export function runEnded(): void {
  const all = [...listeners()]
  listeners().clear()
  for (const listener of all) {
    try {
      listener()
    } catch {
      // the progress line is a courtesy: it never stands between the run and its verdict
    }
  }
}
