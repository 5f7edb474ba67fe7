// The window rules of a watch at each step (MONITOR_STEP): the sliding window (or the churned builds' group) judged,
// the whole run the rollback rules judge with it, alerts kept as episodes and confirmed at the corrected confidence,
// the first rollback rule that fires stops the watch (lifecycle.ts fire). After the planned end, the last window of
// the sends judged again with the answers that came late.
import { confirmWindowAlert, judgeWindowRules, plannedEvaluations, type RuleVerdict } from '../triggers.ts'
import { type newHistogram, spansWindow, summarize, type Tally, windowJudged, type WindowSummary } from '../windows.ts'
import { judgedRun } from './builds.ts'
import { fire, overStall } from './lifecycle.ts'
import { emit, judgedOnItsOwn, type Watch } from './state.ts'

/** A window to judge: its span and figures, whether it is partial, and whether its rules may act (`judged`). */
interface Evaluated {
  startedAt: number
  endedAt: number
  partial: boolean
  judged: boolean
  tally: Tally
  histogram: ReturnType<typeof newHistogram>
}

/** The step at `now`: the sliding window closed and judged, answers placed by when they arrived. */
export function evaluate(w: Watch, now: number): void {
  if (!w.judging) return
  const m = w.m
  w.nextEvaluationAt = now + m.stepMs
  const own = w.sliding.close(now)
  const grouped = w.group?.sliding.close(now) ?? null
  const merged = w.churned && grouped !== null ? grouped : own
  // Shorter than MONITOR_WINDOW (the first ones, after a version change, the last one of a watch whose length is
  // not a whole number of steps) it is partial and still judged: its bound carries its fewer answers (a second
  // review, 2026-12-05: failures in the last 1.4 s of a 20.4 s watch read "Stable" when short windows were only
  // shown). Longer than a window by more than a late timer the stall rule lets pass, or over a stall of the
  // monitor, it is not judged on its own: a stall is then named (beat).
  const windowSpan = w.slicesPerWindow * m.stepMs
  const judged = windowJudged(merged.startedAt, now, windowSpan, w.stallToleranceMs) && !overStall(w, merged.startedAt, now)
  const partial = !merged.full || !spansWindow(merged.startedAt, now, windowSpan, m.stepMs) || !judged
  judgeEvaluation(w, { ...merged, endedAt: now, partial, judged }, now, 'arrived')
}

/**
 * After the wait for the answers in flight, when some came in it: the requests SENT in the last MONITOR_WINDOW of
 * the sends, each with its answer however late — never the last slices plus the whole wait, which held only the
 * slow answers (a review, 2026-12-05: 36 % errors read over 10 s of a service at 12 %, a false rollback).
 */
export function recheck(w: Watch, now: number): void {
  const tail = w.tail
  if (!w.judging || tail.late === 0) return
  // Its span is at most a window by construction (shorter after a version change): judged, unless over a stall or
  // when the builds churned (the whole watch's judgement then covers the group).
  const judged = !w.churned && !overStall(w, tail.from, w.sendsEndedAt)
  const partial = !spansWindow(tail.from, w.sendsEndedAt, w.m.windowMs, w.m.stepMs) || !judged
  judgeEvaluation(w, { startedAt: tail.from, endedAt: w.sendsEndedAt, partial, judged, tally: tail.tally, histogram: tail.histogram }, now, 'sent')
}

/**
 * One evaluation: the window's rules (a partial window is shown, never acted on: the whole watch, judged at the same
 * step, covers what it holds), and the whole watch's. `placed`: answers by when they arrived, or by when their
 * request was sent (the re-check after the end).
 */
function judgeEvaluation(w: Watch, merged: Evaluated, now: number, placed: 'arrived' | 'sent'): void {
  const { m, rules } = w
  w.evaluations++
  const summary = summarize(w.evaluations, merged.startedAt, merged.endedAt, merged.partial, merged.tally, merged.histogram, m.confidence)
  w.lastEvaluated = summary
  const verdicts = merged.judged ? judgeWindowRules(rules, summary, m.confidence) : []
  const shown = merged.judged ? verdicts : judgeWindowRules(rules, summary, m.confidence)
  // The whole watch so far (of the version now running: since its change), with the same rules and bounds: a
  // rollback rule it proves fires like a window's.
  const whole = judgedRun(w, now)
  const onWhole = judgeWindowRules(rules, whole, m.confidence, 'run')
  emit(w, 'window', {
    window: summary,
    placed,
    verdicts: shown.map((v) => ({ rule: v.rule.id, state: v.state, reason: v.reason })),
    whole: onWhole.map((v) => ({ rule: v.rule.id, state: v.state, reason: v.reason })),
  })
  // The same window at the confirming confidence (its bounds only differ), summarized once an alert holds.
  let strict: WindowSummary | null = null
  for (const v of verdicts) {
    if (v.state === 'inconclusive') w.inconclusive[v.rule.id] = (w.inconclusive[v.rule.id] ?? 0) + 1
    if (v.state !== 'fired') continue
    if (v.rule.severity === 'rollback') {
      fire(w, v, summary)
      return
    }
    strict ??= summarize(w.evaluations, merged.startedAt, merged.endedAt, false, merged.tally, merged.histogram, w.confirming)
    onWindowVerdict(w, v, summary, strict)
  }
  const wholeRollback = onWhole.find((v) => v.state === 'fired' && v.rule.severity === 'rollback')
  if (wholeRollback) fire(w, wholeRollback, whole)
  // The build now running has stayed long enough to be judged on its own: the builds that left before are no
  // longer judged with it (a hotfix after a brief bad build is judged alone).
  else if (w.group !== null && judgedOnItsOwn(w, now)) {
    w.group = null
    w.churned = false
  }
}

/** An alert that held in a window: its episode counted (said when it starts), confirmed at the corrected confidence. */
function onWindowVerdict(w: Watch, v: RuleVerdict, summary: WindowSummary, strict: WindowSummary): void {
  let episode = w.alerts.get(v.rule.id)
  if (episode) {
    episode.windows++
    episode.lastWindow = summary.index
  } else {
    episode = { rule: v.rule, windows: 1, firstWindow: summary.index, lastWindow: summary.index, first: v.reason, confirmed: 0, confirmation: null }
    w.alerts.set(v.rule.id, episode)
    emit(w, 'alert', { rule: v.rule.id, action: v.rule.action, reason: v.reason, window: summary })
  }
  const confirmation = confirmWindowAlert(v, strict, w.confirming, plannedEvaluations(w.m), w.rules)
  if (confirmation === null) return
  episode.confirmed++
  if (episode.confirmation === null) {
    episode.confirmation = confirmation
    emit(w, 'alert_confirmed', { rule: v.rule.id, reason: confirmation, window: summary })
  }
}
