// The repeated-critical rollback rule over whole watches, with the real settings and the real EventJudge
// (release/triggers.ts). Review 2026-12-05: with a fixed N = 3, a healthy service answering a rare random 5xx was
// rolled back in about half of 24 h watches at 2 % (the chance grows as asks × pᴺ); N is now derived from the
// watch's planned asks. A bug one question always reproduces must still roll back, within N rotations.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '../../core/random.ts'
import { loadPhaseTwoSettings, type MonitorSettings } from '../../release/settings.ts'
import { EventJudge, plannedAsks, rulesFrom } from '../../release/triggers.ts'
import { judgedAttempt } from './monitor-fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'critical-repeat-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const settings = (env: Record<string, string>): MonitorSettings => loadPhaseTwoSettings({ VALIDATION_REPORT_DIR: dir, ...env }, dir).monitor

// The monitor's rotation: every question in turn (release/monitor.ts), 15 of them.
const QUESTIONS = Array.from({ length: 15 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`)
const answer = (questionId: string, critical: boolean) =>
  judgedAttempt(
    critical
      ? { questionId, ok: false, httpStatus: 500, critical: 'http_5xx', reasons: ['HTTP 500'] }
      : { questionId, ok: true, httpStatus: 200, critical: null },
  )

/** The ask (1-based) at which the repeat rule fires in one watch, or null; `critical` says which asks answer a 5xx. */
function watch(m: MonitorSettings, critical: (ask: number, questionId: string) => boolean): number | null {
  const judge = new EventJudge(rulesFrom(m))
  for (let ask = 1; ask <= plannedAsks(m); ask++) {
    const q = QUESTIONS[(ask - 1) % QUESTIONS.length] as string
    if (judge.onAttempt(answer(q, critical(ask, q)))?.rule.id === 'rollback.critical_repeat') return ask
  }
  return null
}

describe('the repeated-critical rule over a whole watch', () => {
  it('24 h at 1 ask/s, random 5xx at 2 %: no healthy service rolled back in 12 seeded watches (N = 3 rolled back about half)', () => {
    const m = settings({ MONITOR_DURATION: '24h' })
    const rng = mulberry32(2026)
    const fired = Array.from({ length: 12 }, () => watch(m, () => rng() < 0.02)).filter((at) => at !== null)
    expect(fired).toEqual([])
    // The same draws with N = 3 read literally: the rule as it was rolls most of them back.
    const rngOld = mulberry32(2026)
    const old = Array.from({ length: 12 }, () => watch({ ...m, rollbackCriticalRepeat: 3 }, () => rngOld() < 0.02)).filter((at) => at !== null)
    expect(old.length).toBeGreaterThan(2)
  })

  it.each(['30m', '2h', '24h'])('a %s watch: one question answering HTTP 500 every time still rolls back, within N rotations', (duration) => {
    const m = settings({ MONITOR_DURATION: duration })
    const at = watch(m, (_ask, q) => q === 'q07')
    // q07 is the 7th ask of each rotation of 15: the Nth 500 in a row is ask 7 + 15 × (N − 1).
    expect(at).toBe(7 + 15 * (m.rollbackCriticalRepeat - 1))
  })

  it('MONITOR_ROLLBACK_CRITICAL_REPEAT=1 reads the plan literally: the first critical answer rolls back', () => {
    const m = settings({ MONITOR_DURATION: '24h', MONITOR_ROLLBACK_CRITICAL_REPEAT: '1' })
    expect(watch(m, (ask) => ask === 100)).toBe(100)
  })
})
