// A run whose test name filter (`-t`) matches none of the questions and probes of its spec files asks nothing
// (README, "A run that selects no question file asks nothing and decides nothing"). The global setup finds it out
// before any request (tests/support/run-plan.ts) and says it here; the reporter, in the same process, then writes
// no document and ends with one line, exit 1, as for a file filter matching nothing.
// A global symbol, not a module variable: the global setup is loaded from its own bundle (docs/vitest-facts.md §1.10).

const KEY = Symbol.for('harena-validation.nothing-selected')

/** `pattern`: the run's `-t`, as Vitest holds it (String of its RegExp). */
export function markNothingSelected(pattern: string): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = pattern
}

/** The `-t` that selected nothing in this process's run, or null. */
export function nothingSelectedOf(): string | null {
  const v = (globalThis as Record<symbol, unknown>)[KEY]
  return typeof v === 'string' ? v : null
}

export function clearNothingSelected(): void {
  delete (globalThis as Record<symbol, unknown>)[KEY]
}
