// A process as Linux's /proc/<pid>/stat describes it: "pid (comm) state ppid pgrp … cutime cstime … starttime …".
// The command name may hold spaces and parentheses, so the fields are read after its last ')'. One reader for every
// caller (the invoker and owner watch, the report directory's lock, the command runner's process group, the bench,
// the self tests): each read the line its own way before, with its own slicing. Elsewhere there is no /proc: null.
import { readFileSync } from 'node:fs'

export interface ProcStat {
  /** R, S, D, T, Z (zombie: killed, not yet reaped), X (dead)… */
  state: string
  ppid: number
  pgrp: number
  /** cutime + cstime: CPU time of the waited-for children and theirs, in clock ticks (1/100 s on Linux). */
  childrenCpuTicks: number
  /** starttime as written (clock ticks after boot): with the pid, it names one process across pid reuse. */
  startTime: string | undefined
}

/** The stat of `pid` (or of this process), or null when it cannot be read: no /proc, the process gone, not ours. */
export function procStat(pid: number | 'self'): ProcStat | null {
  let line: string
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ')
  return {
    state: fields[0] ?? '',
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    childrenCpuTicks: Number(fields[13]) + Number(fields[14]),
    startTime: fields[19],
  }
}

/** Whether a state is a process that runs nothing any more: a zombie, or dead. */
export function runsNothing(state: string): boolean {
  return state === 'Z' || state === 'X'
}

/**
 * Whether a process with this pid runs: it exists (EPERM: it does, another user's) and, where /proc tells, is no
 * zombie (killed, not yet reaped: it runs nothing). Elsewhere signal 0 is the whole answer.
 */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const stat = procStat(pid)
  return stat === null || !runsNothing(stat.state)
}
