// Which build is credited with each answer (release/attribution.ts BuildLedger): the build an answer names, else the
// version the periodic health checks read on both sides of its request, else no build — never the build before a
// change the checks had not seen yet. Checks answered out of order, checks that read no version, late answers and
// the end of the watch. The real ledger and tallies; the monitor's per-version entries are plain tallies here.
import { describe, expect, it } from 'vitest'
import { BuildLedger } from '../../release/attribution.ts'
import { emptyTally, newHistogram, type Tally } from '../../release/windows.ts'
import { judgedAttempt } from './monitor-fixtures.ts'

/** A ledger whose builds' figures are kept by version, and how many answers (ok / failed) each got. */
function ledger() {
  const builds = new Map<string | null, { tally: Tally; histogram: ReturnType<typeof newHistogram> }>()
  const l = new BuildLedger([], (v) => {
    let b = builds.get(v)
    if (b === undefined) {
      b = { tally: emptyTally(), histogram: newHistogram() }
      builds.set(v, b)
    }
    return b
  })
  const counts = () => ({
    ...Object.fromEntries([...builds].map(([v, b]) => [String(v), b.tally.requests])),
    unattributed: l.unattributed()?.tally.requests ?? 0,
  })
  return { l, builds, counts }
}

const ok = judgedAttempt()
const failed = judgedAttempt({ ok: false, httpStatus: 500, critical: 'http_5xx' })
/** Sends a request now and answers it with `a` (its slot taken at send time). */
const askAndAnswer = (l: BuildLedger, a = ok): void => l.answer(l.requestSent(), a, 0, 1)

describe('BuildLedger', () => {
  it('answers between two checks that read the same version are that build’s, held until the later check has answered', () => {
    const { l, counts } = ledger()
    const first = l.checkSent()
    askAndAnswer(l)
    askAndAnswer(l)
    expect(counts()).toEqual({ unattributed: 0 })
    l.checkRead(first, { version: '3.2.8' })
    expect(counts()).toEqual({ unattributed: 0 })
    const second = l.checkSent()
    l.checkRead(second, { version: '3.2.8' })
    expect(counts()).toEqual({ '3.2.8': 2, unattributed: 0 })
  })

  it('answers between a check that read 3.2.8 and the next one, which read 3.2.9, are no build’s: never 3.2.8’s', () => {
    const { l, counts, builds } = ledger()
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    askAndAnswer(l, failed)
    askAndAnswer(l, failed)
    l.checkRead(l.checkSent(), { version: '3.2.9' })
    askAndAnswer(l)
    l.finish()
    expect(counts()).toEqual({ '3.2.9': 1, unattributed: 2 })
    expect(builds.get('3.2.8')).toBeUndefined()
    expect(l.unattributed()?.tally.ok).toBe(0)
  })

  it('an answer naming its build is that build’s at once, whatever the checks read', () => {
    const { l, counts } = ledger()
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    askAndAnswer(l, judgedAttempt({ build: '3.2.9', ok: false, httpStatus: 500 }))
    expect(counts()).toEqual({ '3.2.9': 1, unattributed: 0 })
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    l.finish()
    expect(counts()).toEqual({ '3.2.9': 1, unattributed: 0 })
  })

  it('checks that read no version are skipped: the stretch is decided by the reads around it', () => {
    const { l, counts } = ledger()
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    askAndAnswer(l)
    l.checkRead(l.checkSent(), null)
    askAndAnswer(l)
    l.checkRead(l.checkSent(), null)
    askAndAnswer(l)
    expect(counts()).toEqual({ unattributed: 0 })
    l.checkRead(l.checkSent(), { version: '3.2.9' })
    expect(counts()).toEqual({ unattributed: 3 })
  })

  it('checks applied in the order they were sent, whatever order they answer in', () => {
    const { l, counts } = ledger()
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    askAndAnswer(l)
    const slow = l.checkSent()
    askAndAnswer(l)
    const fast = l.checkSent()
    l.checkRead(fast, { version: '3.2.9' })
    // The slow check still in flight: nothing is decided across it.
    expect(counts()).toEqual({ unattributed: 0 })
    l.checkRead(slow, { version: '3.2.8' })
    expect(counts()).toEqual({ '3.2.8': 1, unattributed: 1 })
  })

  it('an answer arriving after its stretch was decided goes where the stretch went', () => {
    const { l, counts } = ledger()
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    const early = l.requestSent()
    const late = l.requestSent()
    l.answer(early, ok, 0, 1)
    l.checkRead(l.checkSent(), { version: '3.2.9' })
    expect(counts()).toEqual({ unattributed: 1 })
    l.answer(late, failed, 0, 2)
    expect(counts()).toEqual({ unattributed: 2 })
    expect(l.unattributed()?.tally.ok).toBe(1)
  })

  it('before any version was read the answers are the first version read’s; at the end, the last version read’s', () => {
    const { l, counts } = ledger()
    askAndAnswer(l)
    l.checkRead(l.checkSent(), null)
    askAndAnswer(l)
    l.checkRead(l.checkSent(), { version: '3.2.8' })
    askAndAnswer(l)
    const inFlight = l.checkSent()
    askAndAnswer(l)
    expect(counts()).toEqual({ '3.2.8': 2, unattributed: 0 })
    l.finish()
    expect(inFlight).toBe(3)
    expect(counts()).toEqual({ '3.2.8': 4, unattributed: 0 })
  })

  it('a watch whose health route never reads a version credits its answers to the version "not reported" at the end', () => {
    const { l, counts } = ledger()
    for (let i = 0; i < 50; i++) {
      askAndAnswer(l)
      l.checkRead(l.checkSent(), null)
    }
    expect(counts()).toEqual({ unattributed: 0 })
    l.finish()
    expect(counts()).toEqual({ null: 50, unattributed: 0 })
  })
})
