// How a watch that ran ended (MonitorOutcome), judged on its whole run, and the notes the report adds: what decided
// it first, then the findings no rule acted on, then what limited the watch. Judging only, from the facts the close
// of the watch gathers (close.ts); the report words them (core/locale/monitor.ts).
import { type Reason, reason } from '../../core/reason.ts'
import type { RuleVerdict, TriggerRule } from '../triggers.ts'
import type { Tally } from '../windows.ts'
import type {
  AlertEpisode,
  CredentialsLost,
  DeclaredUnavailable,
  FailingQuestion,
  FailureExample,
  HealthRecord,
  MonitorOutcome,
  MonitorResult,
  PausedRecord,
  SlowQuestion,
} from './result.ts'

interface Facts {
  interrupted: boolean
  triggered: boolean
  whole: readonly RuleVerdict[]
  overall: Tally
  minSamples: number
  unfinished: MonitorResult['unfinished']
  sent: number
  /** Sends skipped because MONITOR_MAX_IN_FLIGHT requests were still waiting. */
  skipped: number
  /** The monitor's own stalls: asks never sent, a stretch never judged. */
  paused: PausedRecord
  /** Planned asks not sent because the monitor fell behind its pace (no stall). */
  behind: number
  /** MONITOR_WINDOW: a stall at least this long left the watch blind (inconclusive). */
  windowMs: number
  /** The first critical answers seen (evidence of critical answers no rule acted on). */
  criticalExamples: readonly FailureExample[]
  /** The rules judged (the critical-bug rules' thresholds are named in the note). */
  rules: readonly TriggerRule[]
  /** The watch's health checks (failed ones no rule acted on are named in a note). */
  health: Pick<HealthRecord, 'checks' | 'failed' | 'lastProblem' | 'lastFailedAt'>
  /** The credentials lost during the watch (it stopped then), or null. */
  credentialsLost: CredentialsLost | null
  plannedMs: number
  /** The plan's objectives against the whole watch (fired: proven missed). */
  objectives: readonly RuleVerdict[]
  /** Questions that failed at every ask. */
  failingQuestions: readonly FailingQuestion[]
  /** Questions slower than the P95 alert threshold at most asks. */
  slowQuestions: readonly SlowQuestion[]
  /** The watch's alert episodes (a confirmed one is a finding). */
  alerts: readonly AlertEpisode[]
  /** The answers in which the service declared itself unavailable (named whatever the outcome); null or absent: none. */
  declared?: DeclaredUnavailable | null
  /** MONITOR_RPS: the pace a limiter refused the monitor at (named with the refusals within quota). */
  rps?: number
}

/**
 * The watch's outcome from its whole run (MonitorOutcome), and the notes the report adds: what limited the watch
 * is always said (a limiter's refusals, requests left unanswered, sends skipped), whatever the outcome.
 * Order (monotone: a worse service never reads better): a trigger; then an alert the whole watch PROVES
 * (investigate) — never dropped because a rollback estimate above it is unproven or because part of the watch was
 * not seen; then too little judged or credentials lost during the watch is inconclusive; then an unproven rollback
 * estimate over enough judged answers is investigate (more critical answers never read weaker than fewer: 7 % HTTP
 * 500 read "Inconclusive", exit 1, where 5 % read "Stable — critical answers seen", exit 6); then whatever left the
 * watch blind (requests still unanswered at the end, sends skipped for a full in-flight cap: the service was not
 * seen answering) is inconclusive — credentials lost first, whatever the share of refusals (refused for the last
 * third of a watch read "✅ Stable", exit 0: the service unseen since); stable only when none of that holds — and "stable with critical answers" when the watch saw critical
 * answers that no rule acted on (one HTTP 500 among 99 read "✅ Stable", exit 0: a review, 2026-12-05), "stable with
 * failed health checks" when it saw none but health checks failed short of the streak, "stable with findings" when it
 * saw neither but an objective proven missed, a question failing at every ask or slow at most or a confirmed window alert (withFindings).
 */
export function conclude(f: Facts): { outcome: MonitorOutcome; notes: Reason[] } {
  const causes: Reason[] = []
  const executed = f.overall.requests
  const refused = f.overall.rateLimited
  const unauthorized = f.overall.credentialsRefused
  const tooLittle = executed < f.minSamples || refused + unauthorized > executed
  const unsureRollback = f.whole.filter((v) => v.rule.severity === 'rollback' && v.state === 'inconclusive')
  const alerted = f.whole.filter((v) => v.rule.severity === 'alert' && v.state === 'fired')
  const limits = limitNotes(f)
  // A stall hides what a window would see only when it lasts one: a shorter one (the monitor's own start on a loaded
  // machine, 1.5 s of a 30 s watch, read "Inconclusive") is named, the windows around it judged.
  const blind = limits.paused !== null && (f.paused.longest?.ms ?? 0) >= f.windowMs
  const unseen = limits.unfinished !== null || limits.skipped !== null || blind
  let outcome: MonitorOutcome = 'stable'
  if (f.interrupted) outcome = 'interrupted'
  else if (f.triggered) outcome = 'trigger'
  else if (alerted.length > 0) {
    outcome = 'investigate'
    causes.push(...alerted.map((v) => v.reason), ...unsureRollback.map((v) => v.reason))
  } else if (tooLittle || limits.lost !== null) {
    outcome = 'inconclusive'
    if (limits.lost !== null) causes.push(limits.lost)
    // Too few judged says so; enough judged but more refused (a limiter, the credentials) is said by the refusal notes
    // ("30 judged, at least 20 needed" read as a contradiction), then the cause.
    if (executed < f.minSamples) causes.push(reason('monitor.judged_too_little', { executed, min: f.minSamples, rateLimited: refused, sent: f.sent }))
    else if (limits.lost !== null) causes.push(...unsureRollback.map((v) => v.reason))
    else causes.push(...[limits.rateLimited, limits.credentials].filter((n): n is Reason => n !== null))
  } else if (unsureRollback.length > 0) {
    // Enough judged, a rollback estimate its bound does not prove: the figures say something is wrong, a person
    // investigates — never "could not judge" (exit 1, a configuration error's code): 7 % HTTP 500 over 275 answers
    // read "Inconclusive" where 5 % read "Stable — critical answers seen", exit 6 (a review, 2026-12-05).
    outcome = 'investigate'
    causes.push(...unsureRollback.map((v) => v.reason))
    causes.push(...[limits.unfinished, limits.skipped, blind ? limits.paused : null].filter((n): n is Reason => n !== null))
  } else if (unseen) {
    outcome = 'inconclusive'
    causes.push(...[limits.unfinished, limits.skipped, blind ? limits.paused : null].filter((n): n is Reason => n !== null))
  }
  // The cause of the outcome first (every document's status line is followed by the first note: a review,
  // 2026-12-05, read "Inconclusive" then an objective's miss), then the findings, then what else limited the watch.
  const notes = [...causes]
  const withinQuota = refusedNote(f)
  outcome = withFindings(f, outcome, notes, withinQuota)
  // What the service said of itself comes before what limited the watch: right after the trigger when one fired.
  if (f.declared) notes.push(declaredNote(f.declared))
  for (const n of [withinQuota, limits.rateLimited, limits.credentials, limits.unfinished, limits.skipped, limits.paused, limits.behind])
    if (n !== null && !notes.includes(n)) notes.push(n)
  return { outcome, notes }
}

/**
 * What limited a watch, said whatever the outcome: a limiter's refusals, the credentials (lost, or refused then
 * renewed), requests still unanswered at the end, sends skipped for a full in-flight cap, the monitor's own stalls
 * (null: none).
 */
function limitNotes(f: Facts): Record<'rateLimited' | 'lost' | 'credentials' | 'unfinished' | 'skipped' | 'paused' | 'behind', Reason | null> {
  const t = f.overall
  const answers = t.requests + t.rateLimited + t.credentialsRefused
  const lost = lostNote(f)
  return {
    rateLimited: t.rateLimited > 0 ? reason('monitor.rate_limited', { rateLimited: t.rateLimited, answers }) : null,
    lost,
    // Lost credentials are said once, with the refusals' count.
    credentials: lost ?? (t.credentialsRefused > 0 ? reason('monitor.credentials_refused', { refused: t.credentialsRefused, answers }) : null),
    unfinished:
      f.unfinished.count > 0 ? reason('monitor.unfinished', { count: f.unfinished.count, sent: f.sent, oldestMs: f.unfinished.oldestMs }) : null,
    skipped: f.skipped > 0 ? reason('monitor.skipped', { skipped: f.skipped, sent: f.sent }) : null,
    paused: pausedNote(f.paused, f.sent, f.windowMs),
    behind: fellBehind(f) ? reason('monitor.behind', { behind: f.behind, sent: f.sent }) : null,
  }
}

/**
 * What no rule acted on but a person must see — critical answers, failed health checks — named in the notes whatever
 * the outcome (an untriggered watch never hides them); a watch stable by every rule then reads "stable with …", the
 * findings first among the notes (every document's status line is followed by the first note).
 */
function withFindings(f: Facts, outcome: MonitorOutcome, notes: Reason[], refused: Reason | null): MonitorOutcome {
  if (f.interrupted || f.triggered) return outcome
  const critical = criticalNote(f)
  const health = healthNote(f)
  const findings = [critical, health, refused, ...otherFindings(f)].filter((n): n is Reason => n !== null)
  if (findings.length === 0) return outcome
  if (outcome !== 'stable') {
    notes.push(...findings)
    return outcome
  }
  notes.unshift(...findings)
  return critical !== null ? 'stable_with_critical' : health !== null ? 'stable_with_health_failures' : 'stable_with_findings'
}

/**
 * The findings beyond critical answers and health checks (a review, 2026-12-05: each read "✅ Stable", exit 0): an
 * objective of the plan the whole watch PROVES missed (its bound past it: a success rate proven under 95 %), a
 * question that failed at every one of its asks, an alert confirmed in a window at the confirming confidence.
 */
function otherFindings(f: Facts): Reason[] {
  // An objective the whole watch proves missed is said once: an alert the whole watch proves says more already.
  const alerted = new Set(f.whole.filter((v) => v.state === 'fired').map((v) => v.rule.metric))
  const objectives = f.objectives.filter((v) => v.state === 'fired' && !alerted.has(v.rule.metric)).map(objectiveNote)
  const questions = f.failingQuestions.map((q) =>
    reason('monitor.question_failing', { question: q.questionId, asks: q.asks, status: q.httpStatus, last: q.reason }),
  )
  const slow = f.slowQuestions.map((q) =>
    reason('monitor.question_slow', {
      question: q.questionId,
      category: q.category,
      asks: q.asks,
      slow: q.slow,
      min: q.minMs,
      max: q.maxMs,
      threshold: q.thresholdMs,
    }),
  )
  const confirmed = f.alerts.flatMap((a) => (a.confirmation === null ? [] : [a.confirmation]))
  return [...objectives, ...questions, ...slow, ...confirmed]
}

/**
 * A limiter's refusals while the monitor asked within every quota the service declared (or it declared none): errors
 * of the service, counted in every rate rule (release/watch/refusals.ts) — and a finding of their own, with their
 * share, so that a few of them never leave a plain "Stable" (the plan's Phase 2 wants success > 95 %; one 429 is
 * not GO in Phase 1). Null when there were none.
 */
function refusedNote(f: Facts): Reason | null {
  const t = f.overall
  if (t.refusedWithinQuota === 0) return null
  const answers = t.requests + t.rateLimited + t.credentialsRefused
  return reason('monitor.refused_within_quota', { refused: t.refusedWithinQuota, answers, share: t.refusedWithinQuota / answers, rps: f.rps ?? null })
}

/** An objective the whole watch proves missed, with the figures of its judgement. */
function objectiveNote(v: RuleVerdict): Reason {
  return reason('monitor.objective_missed', { ...v.reason.params, objective: v.rule.id })
}

/**
 * Whether the asks the monitor fell behind on are worth a note: at least BEHIND_NOTE_SHARE of the planned ones and
 * BEHIND_NOTE_MIN asks (a few timers late by a send interval on a busy machine are noise — a killed service's short
 * watch read "1 planned ask not sent" beside its rollback; a third of the asks missing is not). Counted in the JSON
 * whatever their number.
 */
const BEHIND_NOTE_SHARE = 0.05
const BEHIND_NOTE_MIN = 10
function fellBehind(f: Facts): boolean {
  const planned = f.sent + f.skipped + f.behind + f.paused.missed
  return f.behind >= BEHIND_NOTE_MIN && f.behind >= BEHIND_NOTE_SHARE * planned
}

/** The monitor's own stalls, the longest named with its time; null when it never stalled. */
function pausedNote(p: PausedRecord, sent: number, windowMs: number): Reason | null {
  if (p.stalls === 0 || p.longest === null) return null
  return reason('monitor.paused', {
    blind: p.longest.ms >= windowMs,
    stalls: p.stalls,
    missed: p.missed,
    sent,
    totalMs: p.totalMs,
    from: p.longest.from,
    to: p.longest.to,
    ms: p.longest.ms,
  })
}

/** The service declared itself unavailable: until when, on how many answers of which route, from when to when. */
function declaredNote(d: DeclaredUnavailable): Reason {
  return reason('monitor.declared_unavailable', { ...d })
}

/** The credentials lost during the watch, with the refusals' count; null when they held. */
function lostNote(f: Facts): Reason | null {
  const lost = f.credentialsLost
  if (lost === null) return null
  const t = f.overall
  return reason('monitor.credentials_lost', {
    problem: lost.problem,
    at: lost.at,
    watchedMs: lost.watchedMs,
    plannedMs: f.plannedMs,
    refused: t.credentialsRefused,
    answers: t.requests + t.rateLimited + t.credentialsRefused,
  })
}

/** The rollback threshold of a rule judged in this watch, by its metric (null: no such rule). */
function rollbackThreshold(f: Facts, metric: string): number | null {
  const rule = f.rules.find((r) => r.severity === 'rollback' && r.metric === metric)
  return rule === undefined ? null : rule.threshold
}

/** The failed health checks of a watch that no rule acted on (the streak did not fire); null when none failed. */
function healthNote(f: Facts): Reason | null {
  const h = f.health
  if (h.failed === 0) return null
  return reason('monitor.health_failed', {
    failed: h.failed,
    checks: h.checks,
    threshold: rollbackThreshold(f, 'health_streak'),
    last: h.lastProblem,
    at: h.lastFailedAt,
  })
}

/** The critical answers of a watch, with their evidence and the rules they did not reach; null when there were none. */
function criticalNote(f: Facts): Reason | null {
  const t = f.overall
  if (t.critical === 0) return null
  const kinds = Object.entries(t.criticalByKind).map(([kind, n]) => `${kind} × ${n}`)
  const evidence = f.criticalExamples.map((e) => `${e.questionId} ${e.critical ?? ''}${e.httpStatus === null ? '' : ` HTTP ${e.httpStatus}`} ${e.at}`)
  return reason('monitor.critical_observed', {
    count: t.critical,
    n: t.requests,
    kinds,
    evidence,
    threshold: rollbackThreshold(f, 'critical_rate'),
    repeat: rollbackThreshold(f, 'critical_repeat'),
  })
}
