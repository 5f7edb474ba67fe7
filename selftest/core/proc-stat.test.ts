// core/proc-stat.ts, the one reader of /proc/<pid>/stat (the invoker and owner watch, the report directory's lock,
// the command runner's process group, the bench and the self tests read it through it): a command name with spaces
// and parentheses does not shift the fields, a zombie runs nothing, a process that is gone has no stat. Linux.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, test } from 'vitest'
import { procStat, processRuns, runsNothing } from '../../core/proc-stat.ts'

describe('procStat', () => {
  test("this process: its parent, a running state, and the same start time read as 'self' and by pid", () => {
    const self = procStat('self')
    expect(self?.ppid).toBe(process.ppid)
    expect(runsNothing(self?.state ?? 'Z')).toBe(false)
    expect(self?.startTime).toMatch(/^\d+$/)
    expect(procStat(process.pid)?.startTime).toBe(self?.startTime)
    expect(Number.isInteger(self?.childrenCpuTicks)).toBe(true)
  })

  test('a command name with spaces and parentheses: the fields after it are read where they are', async () => {
    // A child names itself "a ) (b c" (its comm) and prints its own process group, then waits to be read.
    const child = spawn(process.execPath, ['-e', "process.title = 'a ) (b c'; console.log('ready'); setTimeout(() => {}, 30_000)"], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own group: pgrp is its pid
    })
    try {
      await once(child.stdout, 'data')
      const stat = procStat(child.pid as number)
      expect(stat).toMatchObject({ ppid: process.pid, pgrp: child.pid })
      expect(runsNothing(stat?.state ?? 'Z')).toBe(false)
      expect(processRuns(child.pid as number)).toBe(true)
    } finally {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  })

  test('a zombie (exited, not yet reaped) runs nothing; a reaped one has no stat', async () => {
    // `sh -c 'sleep 1 & exec sleep 60'`: the shell becomes `sleep 60` long before the first sleep ends, so nothing
    // reaps that one when it does (a shell still running may reap a finished job itself).
    const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const [data] = (await once(parent.stdout, 'data')) as [Buffer]
      const zombie = Number(data.toString().trim())
      let stat = procStat(zombie)
      for (let i = 0; i < 1000 && stat?.state !== 'Z'; i++) {
        await new Promise((r) => setTimeout(r, 20))
        stat = procStat(zombie)
      }
      expect(stat?.state).toBe('Z')
      expect(runsNothing('Z')).toBe(true)
      expect(processRuns(zombie)).toBe(false)
    } finally {
      parent.kill('SIGKILL')
      await once(parent, 'exit')
    }
    expect(procStat(parent.pid as number)).toBeNull()
    expect(processRuns(parent.pid as number)).toBe(false)
  })
})
