// One run at a time per report directory. Two runs writing into the same directory interleave their files (one run's
// JSON beside the other's Markdown, junit.xml or evidence): each run takes a lock file there as it starts, created
// exclusively (link(2) of a file already holding its owner: never seen empty), naming its pid and run id. A second run
// finding the lock held by a live process refuses at once, before touching anything of the directory; a lock whose
// process is gone (SIGKILL, a CI timeout, a reboot) is taken over. A run gives its lock up once its documents are
// written (releaseDir), at the latest when its process exits. Phase 1 and Phase 2 write different files into the
// same directory (`npm run release` runs the suite as its gate there): each has its own lock file.
// A holder's own commands are not another run: a deploy command that checks its deployment with `npm run verify`
// (examples/ec2-systemd/verify.sh) into the same directory was refused by the lock of the release that started it,
// which then read "deployment failed" and could roll back a healthy deployment (a review, 2026-12-05). The holder
// hands its commands a marker of the locks it holds (holderEnv: lock path, pid, run id in LOCK_HOLDER_ENV); a claim
// finding a live lock whose owner is named by that marker, and (where /proc tells) is an ancestor of the claiming
// process, goes on without taking the lock. Any other live holder still refuses.
// Synchronous and dependency-free on purpose: Phase 2 takes it before loading anything heavy (release/cli/run.ts).
import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { procStat, runsNothing } from './proc-stat.ts'

export const LOCK_FILES = { validation: '.validation.lock', release: '.release.lock' } as const

export interface LockOwner {
  pid: number
  runId: string
  startedAt: string
  /** The process's start in clock ticks since boot (Linux): a pid reused by another process is not the owner. */
  startTime: string | null
}

/**
 * held: this process holds the lock (`parent` set: the process that holds it started this one, whose claim goes on
 * without taking it). Not held: another live run does.
 */
export type Claim = { held: true; path: string; parent?: LockOwner } | { held: false; path: string; owner: LockOwner }

/**
 * The environment variable naming the locks a run holds, for the commands it starts (holderEnv). Outside the settings'
 * prefixes (core/settings.ts OWNED_PREFIXES): no one sets it, and a HARENA_ name unknown to them is refused.
 */
export const LOCK_HOLDER_ENV = 'REPORT_DIR_LOCK_HOLDERS'

interface HolderMark {
  path: string
  pid: number
  runId: string
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
  if (runsNothing(stat.state)) return false
  return owner.startTime === null || stat.startTime === owner.startTime
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
 * The lock paths this process holds, removed when it exits (if not given up before, releaseDir). Process-wide, not per module copy: Vitest evaluates the
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

/** The lock path as marks name it: symbolic links resolved (a command may reach the directory by another path). */
function canonical(path: string): string {
  try {
    return join(realpathSync(join(path, '..')), path.split(/[\\/]/).pop() ?? '')
  } catch {
    return path
  }
}

function inheritedMarks(env: NodeJS.ProcessEnv = process.env): HolderMark[] {
  try {
    const marks = JSON.parse(env[LOCK_HOLDER_ENV] ?? '[]') as unknown
    return Array.isArray(marks) ? (marks as HolderMark[]).filter((m) => typeof m?.path === 'string') : []
  } catch {
    return []
  }
}

/**
 * What a run hands the commands it starts (release/command.ts): LOCK_HOLDER_ENV naming the locks this process holds,
 * after those it was handed itself (a command of a command). Empty when it holds none and was handed none.
 */
export function holderEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const marks = inheritedMarks(env)
  for (const path of held()) {
    const owner = readOwnerQuietly(path)
    if (owner?.pid === process.pid) marks.push({ path: canonical(path), pid: owner.pid, runId: owner.runId })
  }
  return marks.length === 0 ? {} : { [LOCK_HOLDER_ENV]: JSON.stringify(marks) }
}

/** Whether `pid` is this process's parent, grandparent, …; true when /proc cannot tell (the mark is all there is). */
function ancestor(pid: number): boolean {
  let current = process.ppid
  for (let depth = 0; depth < 64 && current > 1; depth++) {
    if (current === pid) return true
    const stat = procStat(current)
    if (stat === null) return procStat(process.pid) === null
    current = stat.ppid
  }
  return current === pid
}

/** The live owner of `path` started this process and handed it a mark of that lock: its own command, not a rival. */
function startedByOwner(path: string, owner: LockOwner): boolean {
  const where = canonical(path)
  return inheritedMarks().some((m) => m.path === where && m.pid === owner.pid && m.runId === owner.runId) && ancestor(owner.pid)
}

/**
 * Takes `dir`'s lock `file` for this process and `runId` (the directory is created if need be). Held already by this
 * process: its run id is updated (a watch session's next run). Held by the live process that started this one and
 * handed it its mark (holderEnv): not taken, the claim goes on (`parent`). Held by another live process: not taken,
 * its owner returned.
 */
export function claimDir(dir: string, file: string, runId: string): Claim {
  const path = join(dir, file)
  const startTime = procStat(process.pid)?.startTime ?? null
  const mine = JSON.stringify({ pid: process.pid, runId, startedAt: new Date().toISOString(), startTime })
  mkdirSync(dir, { recursive: true })
  let owner: LockOwner | null = null
  for (let attempt = 0; attempt < 5; attempt++) {
    const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`
    try {
      // Inside the try: a write that fails after creating the file (a full disk) leaves no empty lock file behind.
      writeFileSync(tmp, mine)
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
      if (startedByOwner(path, owner)) return { held: true, path, parent: owner }
      return { held: false, path, owner }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      rmSync(tmp, { force: true })
    }
  }
  return { held: false, path, owner: readOwner(path) ?? owner ?? { pid: 0, runId: '', startedAt: '', startTime: null } }
}

/**
 * Gives up `path` (a lock claimDir took for this process): removed if this process still owns it. A run whose
 * documents are written lets the next one in at once, even while its process lives on — a `vitest watch` or `--ui`
 * session idles between runs, and holding the lock until it exits refused every later run (a review, 2026-12-05).
 */
export function releaseDir(path: string): void {
  if (!held().delete(path)) return
  const owner = readOwnerQuietly(path)
  if (owner?.pid === process.pid && owner.startTime === (procStat(process.pid)?.startTime ?? null)) rmSync(path, { force: true })
}

/** What a refused claim says (core/locale/config.ts): the directory, the other run's pid and run id, the lock file. */
export function lockedReason(dir: string, claim: Extract<Claim, { held: false }>): { code: string; params: Record<string, string | number> } {
  const { pid, runId, startedAt } = claim.owner
  return { code: 'config.report_dir.locked', params: { path: dir, pid, runId, startedAt, lock: claim.path } }
}
