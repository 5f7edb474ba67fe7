// Which processes a proof started, whatever became of their parents: every process inherits its environment, so a
// variable with a fresh value set on the top process marks npm/npx, its shell, Vitest and Vitest's fork workers,
// re-parented or not. Linux (/proc), like the process-group signals of harness.ts.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { procStat, runsNothing } from '../../core/proc-stat.ts'

export const MARK_VARIABLE = 'SELFTEST_PROCESS_MARK'

/** A fresh mark: `{ [MARK_VARIABLE]: value }` to put in a child's environment. */
export function processMark(): { env: Record<string, string>; value: string } {
  const value = randomUUID()
  return { env: { [MARK_VARIABLE]: value }, value }
}

export interface MarkedProcess {
  pid: number
  ppid: number
  /** The command line, arguments joined by spaces. */
  command: string
}

/** The live processes (zombies excluded) whose environment carries the mark. */
export function markedProcesses(mark: string): MarkedProcess[] {
  const needle = `${MARK_VARIABLE}=${mark}`
  const found: MarkedProcess[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0')
      if (!environ.includes(needle)) continue
      const stat = procStat(Number(entry))
      if (stat === null || runsNothing(stat.state)) continue
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
      found.push({ pid: Number(entry), ppid: stat.ppid, command })
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
}

/** Polls until no marked process is left or `withinMs` passed; returns what is left. */
export async function markedGone(mark: string, withinMs: number): Promise<MarkedProcess[]> {
  const deadline = performance.now() + withinMs
  for (;;) {
    const left = markedProcesses(mark)
    if (left.length === 0 || performance.now() > deadline) return left
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** SIGKILL to every marked process: nothing a proof started outlives it, whatever the proof found. */
export function killMarked(mark: string): void {
  for (const p of markedProcesses(mark)) {
    try {
      process.kill(p.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}
