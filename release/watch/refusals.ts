// A limiter's refusal of a chat request, judged by whose pace it is (release/limiter-quota.ts, docs/release.md "Rate
// limiting"): the monitor asking faster than the service declares is its own doing — not executed, counted apart, as
// before; within every declared quota, or with none declared, the service refused a client that asked within its
// terms — an error of the service, in every rate rule and the plan's objectives (success > 95 %). Before, every
// refusal was "not executed": 40 % of chats refused with 429 at 1 r/s read "✅ Stable", exit 0 (a review, 2026-12-06).
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { reason } from '../../core/reason.ts'
import { fasterThanDeclared } from '../limiter-quota.ts'
import type { JudgedAttempt } from '../probe.ts'
import type { MonitorSettings } from '../settings.ts'

/** The attempt as the watch judges it: a refusal within the declared quota becomes a failed request of the service. */
export function judgeRefusal(a: JudgedAttempt, m: Pick<MonitorSettings, 'rps' | 'healthEveryMs'>, locale: Locale): JudgedAttempt {
  if (!a.rateLimited || fasterThanDeclared(a.declaredQuota ?? null, m.rps, m.healthEveryMs)) return a
  const why = reason('monitor.refused_within_quota.answer', { status: a.httpStatus, rps: m.rps, said: a.declaredQuota?.said ?? null })
  // The suite's own reason ("rate limited … not a failure of the service") no longer holds: replaced, not kept beside.
  return { ...a, rateLimited: false, refusedWithinQuota: true, ok: false, reasons: [say(why, locale)] }
}
