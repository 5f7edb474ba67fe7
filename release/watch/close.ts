// The close of a watch: at its planned end the last step judged, the answers in flight awaited (as k6's
// gracefulStop) and the last window of the sends judged again with them; then the whole run judged once more, the
// outcome concluded (conclude.ts) and the result built (MonitorResult), the `end` event said.
import { reason } from '../../core/reason.ts'
import { requestDeadlineMs } from '../probe.ts'
import { judgeWindow, judgeWindowRules, NOT_OBSERVABLE, objectiveRules } from '../triggers.ts'
import { judgedRun, unattributedSummary, versionSegments, wholeRun } from './builds.ts'
import { conclude } from './conclude.ts'
import { failingAtEveryAsk, questionFigures, slowAtMostAsks } from './questions.ts'
import type { MonitorResult } from './result.ts'
import { evaluate, recheck } from './rules.ts'
import { emit, type Watch } from './state.ts'

/**
 * After a watch that ran to its end, no request is sent and each one in flight is awaited until it settles by its
 * own deadline (HARENA_TIMEOUT_MS, a timeout then judged as one), as k6's gracefulStop: a fixed short drain left every
 * request of the last (latency − drain) unanswered, and a healthy service answering in 3 s read "Inconclusive"
 * (a review, 2026-12-05). This grace past that deadline only bounds the wait for a request that does not settle by
 * it (a connection still opening, a harness fault): such a request is listed as unfinished.
 */
export const SETTLE_GRACE_MS = 2000

/**
 * The sends ended: the last step's window judged like every other, then the answers in flight awaited and the
 * drain's answers, if any came, judged; a "service down" confirmation under way awaited too (at most
 * MONITOR_DOWN_GRACE): its verdict is the watch's. Judging ends here.
 */
export async function settle(w: Watch): Promise<void> {
  evaluate(w, Date.now())
  if (w.judging && w.pending.size > 0) {
    // Said once on the terminal: the watch may stay silent up to HARENA_TIMEOUT_MS after its planned end.
    const upToMs = requestDeadlineMs(w.target) + SETTLE_GRACE_MS
    const awaiting = reason('monitor.awaiting_answers', { inFlight: w.pending.size, upToMs })
    emit(w, 'awaiting_answers', { inFlight: w.pending.size, upToMs })
    w.hooks.onStatus?.(awaiting)
    await new Promise<void>((resolve) => {
      w.drained = resolve
      setTimeout(resolve, upToMs).unref()
    })
    await w.confirmingDown
    recheck(w, Date.now())
  }
  if (w.judging) await w.confirmingDown
  w.judging = false
}

/** The watch's result at `end`: the whole run judged once more, the outcome and its notes, the `end` event said. */
export function closeWatch(w: Watch, end: number): MonitorResult {
  const { m, rules } = w
  const windows = w.table.finish(end)
  w.ledger.finish()
  const wholeAtEnd = wholeRun(w, end)
  const whole = judgeWindowRules(rules, wholeAtEnd, m.confidence, 'run')
  const versions = versionSegments(w, end)
  // The version now running, judged on its own answers (the whole watch when the version never changed; the builds
  // since the last one that stayed when the versions churned).
  const currentAtEnd = w.changes > 0 ? judgedRun(w, end) : wholeAtEnd
  const currentWhole = w.changes > 0 ? judgeWindowRules(rules, currentAtEnd, m.confidence, 'run') : whole
  const objectives = objectiveRules(m.minSamples).map((r) => judgeWindow(r, wholeAtEnd, m.confidence, 'run'))
  const failingQuestions = failingAtEveryAsk(w.perQuestion)
  const slowQuestions = slowAtMostAsks(w.perQuestion, m.alertP95Ms)
  const questions = questionFigures(w.perQuestion)
  // The watch ran to its end: its whole run is judged once more (the last requests came after the last step).
  const lastWord = !w.interrupted && w.trigger === null ? currentWhole.find((v) => v.state === 'fired' && v.rule.severity === 'rollback') : undefined
  if (lastWord) {
    w.trigger = { ...lastWord, at: new Date(end).toISOString(), evaluated: currentAtEnd, version: w.current.version }
    emit(w, 'trigger', { rule: lastWord.rule.id, reason: lastWord.reason, window: currentAtEnd })
  }
  const oldest = Math.min(...w.pending.values())
  const unfinished = { count: w.pending.size, oldestMs: w.pending.size === 0 ? null : end - oldest }
  const { outcome, notes } = conclude({
    interrupted: w.interrupted,
    triggered: w.trigger !== null,
    whole,
    overall: w.overall.tally,
    minSamples: m.minSamples,
    unfinished,
    sent: w.sent,
    skipped: w.skipped,
    paused: w.paused,
    behind: w.behind,
    windowMs: m.windowMs,
    criticalExamples: w.criticalExamples,
    rules,
    health: w.health,
    credentialsLost: w.credentialsLost,
    plannedMs: m.durationMs,
    objectives,
    failingQuestions,
    slowQuestions,
    alerts: [...w.alerts.values()],
    declared: w.declared,
    rps: m.rps,
  })
  const result: MonitorResult = {
    startedAt: new Date(w.t0).toISOString(),
    endedAt: new Date(end).toISOString(),
    durationMs: end - w.t0,
    plannedMs: m.durationMs,
    interrupted: w.interrupted,
    rules,
    overall: { ...wholeAtEnd, partial: w.interrupted || w.trigger !== null || w.credentialsLost !== null },
    windows,
    trigger: w.trigger,
    alerts: [...w.alerts.values()],
    inconclusive: w.inconclusive,
    evaluations: w.evaluations,
    health: w.health,
    skipped: w.skipped,
    paused: w.paused,
    behind: w.behind,
    examples: w.examples,
    criticalExamples: w.criticalExamples,
    notObservable: [...NOT_OBSERVABLE],
    sent: w.sent,
    unfinished,
    credentialsLost: w.credentialsLost,
    versions,
    unattributed: unattributedSummary(w),
    declaredUnavailable: w.declared,
    whole,
    objectives,
    failingQuestions,
    slowQuestions,
    questions,
    confirmingConfidence: w.confirming,
    outcome,
    notes,
  }
  emit(w, 'end', {
    interrupted: w.interrupted,
    trigger: result.trigger?.rule.id ?? null,
    outcome,
    requests: w.overall.tally.requests,
    rateLimited: w.overall.tally.rateLimited,
    credentialsRefused: w.overall.tally.credentialsRefused,
    credentialsLost: w.credentialsLost !== null,
    unfinished: unfinished.count,
    durationMs: result.durationMs,
  })
  return result
}
