// Bench: how often the repeated-critical rollback rule (release/triggers.ts) rolls back a HEALTHY service by chance
// over a whole watch — a service answering each ask with an independent HTTP 500 at a rate p (no bug a question
// reproduces), asked in the monitor's rotation over 15 questions at 1 ask/s — with a fixed N = 3 and with the N the
// settings derive from the watch (release/settings.ts). Then a deterministic bug (q07 always 500): the ask at which
// it rolls back. The real EventJudge; Math.random draws. Figures only (docs/release.md "Whose thresholds").
// `npx tsx bench/critical-repeat.ts [trials for 30 min and 2 h = 10000] [trials for 24 h = 2000]`
import { planMonitorSettings } from '../selftest/release/monitor-fixtures.ts'
import type { JudgedAttempt } from '../release/probe.ts'
import type { MonitorSettings } from '../release/settings.ts'
import { chanceRepeatRollback, criticalRepeatFor, EventJudge, plannedAsks, rulesFrom } from '../release/triggers.ts'

const QUESTIONS = Array.from({ length: 15 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`)
const answer = (questionId: string, bad: boolean): JudgedAttempt => ({
  questionId,
  category: 'c',
  startedAt: '',
  latencyMs: 100,
  timedOut: false,
  httpStatus: bad ? 500 : 200,
  ok: !bad,
  critical: bad ? 'http_5xx' : null,
  leak: false,
  fallback: false,
  transport: false,
  noAnswer: false,
  visualizations: [],
  rateLimited: false,
  credentialsRefused: false,
  credentialsLost: null,
  unavailable: null,
  build: null,
  reasons: bad ? ['HTTP 500'] : [],
  evidence: null,
})

/** The ask at which the repeat rule fires in one watch, or null. */
function watch(m: MonitorSettings, bad: (questionId: string) => boolean): number | null {
  const judge = new EventJudge(rulesFrom(m))
  for (let ask = 1; ask <= plannedAsks(m); ask++) {
    const q = QUESTIONS[(ask - 1) % QUESTIONS.length] as string
    if (judge.onAttempt(answer(q, bad(q)))?.rule.id === 'rollback.critical_repeat') return ask
  }
  return null
}

const share = (m: MonitorSettings, p: number, trials: number): number => {
  let fired = 0
  for (let t = 0; t < trials; t++) if (watch(m, () => Math.random() < p) !== null) fired++
  return fired
}

const [short = 10_000, long = 2000] = process.argv.slice(2).map(Number)
console.log('| watch (1 ask/s) | asks | p | N = 3: rolled back | derived N | bound asks × pᴺ | derived N: rolled back |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const [label, durationMs] of [
  ['30 min', 1_800_000],
  ['2 h', 7_200_000],
  ['24 h', 86_400_000],
] as const) {
  const trials = durationMs > 7_200_000 ? long : short
  const base = planMonitorSettings({ durationMs })
  const asks = plannedAsks(base)
  const n = criticalRepeatFor(asks, base.rollbackCriticalRate)
  for (const p of [0.01, 0.02, 0.03, 0.04, 0.05]) {
    const old = share({ ...base, rollbackCriticalRepeat: 3 }, p, trials)
    const now = share({ ...base, rollbackCriticalRepeat: n }, p, trials)
    const pct = (k: number) => `${((100 * k) / trials).toFixed(2)} % (${k}/${trials})`
    console.log(`| ${label} | ${asks} | ${p * 100} % | ${pct(old)} | ${n} | ${(100 * chanceRepeatRollback(asks, p, n)).toFixed(3)} % | ${pct(now)} |`)
  }
  const at = watch({ ...base, rollbackCriticalRepeat: n }, (q) => q === 'q07')
  console.log(`| ${label}: q07 always HTTP 500 | | | | ${n} | | rolled back at ask ${at} (${at} s) |`)
}
