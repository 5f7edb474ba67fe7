// One run at a time per report directory. Two runs writing into the same directory interleave their files (one run's
// JSON beside the other's Markdown, junit.xml or evidence): each run takes a lock file there as it starts, created
// exclusively (link(2) of a file already holding its owner: never seen empty), naming its pid and run id. A second run
// finding the lock held by a live process refuses at once, before touching anything of the directory; a lock whose
// process is gone (SIGKILL, a CI timeout, a reboot) is taken over. Phase 1 and Phase 2 write different files into the
// same directory (`npm run release` runs the suite as its gate there): each has its own lock file.
// Synchronous and dependency-free on purpose: Phase 2 takes it before loading anything heavy (release/cli/run.ts).
import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILES = { validation: '.validation.lock', release: '.release.lock' } as const

export interface LockOwner {
  pid: number
  runId: string
  startedAt: string
  /** The process's start in clock ticks since boot (Linux): a pid reused by another process is not the owner. */
  startTime: string | null
}

export type Claim = { held: true; path: string } | { held: false; path: string; owner: LockOwner }

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …], the start time at index 19. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** Whether the lock's owner still runs: the pid exists, is no zombie and (where known) started when the owner did. */
function running(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const stat = procStat(owner.pid)
  if (stat === null) return true // no /proc: the pid's existence is all there is to go on
  if (stat[0] === 'Z' || stat[0] === 'X') return false
  return owner.startTime === null || stat[19] === owner.startTime
}

/** The lock's owner, null when there is no lock; an unreadable one has no live owner (pid 0). */
function readOwner(path: string): LockOwner | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    return { pid: Number(o.pid), runId: String(o.runId ?? ''), startedAt: String(o.startedAt ?? ''), startTime: o.startTime ?? null }
  } catch {
    return { pid: 0, runId: '', startedAt: '', startTime: null }
  }
}

const sameOwner = (a: LockOwner | null, b: LockOwner): boolean => a !== null && a.pid === b.pid && a.runId === b.runId

/** Removes exactly the stale lock read as `stale`: moved aside first, and put back if a live run took it meanwhile. */
function takeOver(path: string, stale: LockOwner): void {
  const aside = `${path}.${randomUUID()}.stale`
  try {
    renameSync(path, aside)
  } catch {
    return // gone meanwhile
  }
  if (!sameOwner(readOwner(aside), stale))
    try {
      linkSync(aside, path)
    } catch {
      // a third run holds it now: it decides
    }
  rmSync(aside, { force: true })
}

const HELD_KEY = Symbol.for('harena-validation.dir-locks')

/**
 * The lock paths this process holds, removed when it exits. Process-wide, not per module copy: Vitest evaluates the
 * config again (a new copy of this module) when a watch session restarts, and that run is this process's own.
 */
function held(): Set<string> {
  const slot = globalThis as Record<symbol, Set<string> | undefined>
  let set = slot[HELD_KEY]
  if (set === undefined) {
    const paths = new Set<string>()
    process.once('exit', () => {
      for (const p of paths) if (readOwnerQuietly(p)?.pid === process.pid) rmSync(p, { force: true })
    })
    set = slot[HELD_KEY] = paths
  }
  return set
}

function readOwnerQuietly(path: string): LockOwner | null {
  try {
    return readOwner(path)
  } catch {
    return null
  }
}

/**
 * Takes `dir`'s lock `file` for this process and `runId` (the directory is created if need be). Held already by this
 * process: its run id is updated (a watch session's next run). Held by a live process: not taken, its owner returned.
 */
export function claimDir(dir: string, file: string, runId: string): Claim {
  const path = join(dir, file)
  const startTime = procStat(process.pid)?.[19] ?? null
  const mine = JSON.stringify({ pid: process.pid, runId, startedAt: new Date().toISOString(), startTime })
  mkdirSync(dir, { recursive: true })
  let owner: LockOwner | null = null
  for (let attempt = 0; attempt < 5; attempt++) {
    const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`
    writeFileSync(tmp, mine)
    try {
      owner = readOwner(path)
      if (held().has(path) && owner?.pid === process.pid && owner.startTime === startTime) {
        renameSync(tmp, path)
        return { held: true, path }
      }
      if (owner === null || !running(owner)) {
        if (owner !== null) takeOver(path, owner)
        linkSync(tmp, path) // fails with EEXIST if another run took it first
        held().add(path)
        return { held: true, path }
      }
      return { held: false, path, owner }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      rmSync(tmp, { force: true })
    }
  }
  return { held: false, path, owner: readOwner(path) ?? owner ?? { pid: 0, runId: '', startedAt: '', startTime: null } }
}

/** What a refused claim says (core/locale/config.ts): the directory, the other run's pid and run id, the lock file. */
export function lockedReason(dir: string, claim: Extract<Claim, { held: false }>): { code: string; params: Record<string, string | number> } {
  const { pid, runId, startedAt } = claim.owner
  return { code: 'config.report_dir.locked', params: { path: dir, pid, runId, startedAt, lock: claim.path } }
}
