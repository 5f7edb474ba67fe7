// Sentences of Phase 2 (verify, monitor, rollback, release): triggers, alerts, statuses and release steps.
// Registered on import; release/ renders every reason through say() (core/locale/index.ts), fr and en.
import { formatDuration } from '../duration.ts'
import type { ReasonParam } from '../reason.ts'
import { utcText } from '../utc-text.ts'
import { fmtLimit, fmtMs, fmtPct, fmtRate, fmtRateInterval } from './format.ts'
import { type Catalogue, type Locale, registerCatalogue } from './index.ts'

type P = Record<string, ReasonParam>

const num = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
/** The rate thresholds a rate is written against (release/triggers.ts rateLimits), else its own rule's threshold. */
const limitsOf = (p: P): number[] =>
  Array.isArray(p.limits) ? p.limits.filter((x): x is number => typeof x === 'number') : typeof p.threshold === 'number' ? [p.threshold] : []
/** A rate or a bound of its interval, by the documents' own rule (core/locale/format.ts fmtRate). */
const rate = (p: P, x: ReasonParam | undefined, locale: Locale): string => fmtRate(num(x), locale, limitsOf(p))
/** A threshold, written exactly. */
const limit = (x: ReasonParam | undefined, locale: Locale): string => fmtLimit(num(x), 'ratio', locale)
const ms = (x: ReasonParam | undefined, locale: Locale): string => fmtMs(num(x), locale)
/** A window or a wait in whole seconds, rounded up (core/duration.ts). */
const secs = (x: ReasonParam | undefined): string => (typeof x === 'number' ? formatDuration(x, { form: 'seconds' }) : '—')
/**
 * A readiness duration as it is (release/rollback.ts waitReady): ms under a second, else seconds to one decimal
 * ("1.5 s", "60 s"), rounded to nearest — never longer than the limit it is within. secs() rounded up: a 21 ms wait
 * read "waited 1 s", a 5,024 ms one "waited 6 s (RELEASE_READY_TIMEOUT 5 s)" (a review, 2026-12-05).
 */
const span = (x: ReasonParam | undefined, locale: Locale): string =>
  typeof x === 'number' && Number.isFinite(x) ? formatDuration(x, { form: 'tenths', locale }) : '—'
/** The time elapsed in a watch, as a clock ("03:12"). */
const clock = (x: ReasonParam | undefined): string => (typeof x === 'number' ? formatDuration(x, { form: 'clock' }) : '—')
/** An ISO time as "2026-12-04 18:40:07 UTC". */
const utc = (x: ReasonParam | undefined): string => (typeof x === 'string' ? utcText(x) : '—')
const s = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '—' : String(x))
const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? (x.length > 0 ? x.join(', ') : '—') : s(x))
/** What timed out in a verify's silent streak: the health route, then the questions (release/verify.ts SilentStreak). */
const silentFr = (p: P): string =>
  [...(p.health === true ? ['route de santé'] : []), ...(Array.isArray(p.silent) ? p.silent.map(String) : [])].join(', ')
const silentEn = (p: P): string =>
  [...(p.health === true ? ['health route'] : []), ...(Array.isArray(p.silent) ? p.silent.map(String) : [])].join(', ')
/** The status line's health (release/watch/loop.ts): 'pending' until a first check has ended, 'ok', or the last check's problem. */
const healthNow = (x: ReasonParam | undefined, locale: Locale): string =>
  x === 'pending' ? (locale === 'fr' ? 'inconnue (premier contrôle en cours)' : 'unknown (first check pending)') : s(x)
/**
 * How a failed command ended (release/command.ts CommandResult): timed out, stopped by a signal (no exit code: "exit
 * code —" beside a section saying "stopped by SIGKILL" read so: a review, 2026-12-05), or its exit code.
 */
const ended = (p: P, locale: Locale): string => {
  if (p.timedOut === true) return locale === 'fr' ? 'délai dépassé' : 'timed out'
  if ((p.exitCode === null || p.exitCode === undefined) && typeof p.signal === 'string')
    return locale === 'fr' ? `commande arrêtée par ${p.signal}` : `stopped by ${p.signal}`
  return locale === 'fr' ? `code de sortie ${s(p.exitCode)}` : `exit code ${s(p.exitCode)}`
}
/** A "service down" confirmation under way, on the status line (release/watch/down.ts confirmDown): how long of the grace. */
const downCheck = (p: P, locale: Locale): string => {
  if (typeof p.downCheckMs !== 'number') return ''
  return locale === 'fr'
    ? ` · « service arrêté » en confirmation : ${span(p.downCheckMs, 'fr')} sans réponse sur ${span(p.downGraceMs, 'fr')} (MONITOR_DOWN_GRACE)`
    : ` · "service down" being confirmed: ${span(p.downCheckMs, 'en')} of no answer of ${span(p.downGraceMs, 'en')} (MONITOR_DOWN_GRACE)`
}
/**
 * The service declared itself unavailable until a time (a 503 with a Retry-After, release/probe.ts Unavailability),
 * said beside "service down" and the rollback recommendation; '' when it did not.
 */
const declaredUntil = (p: P, locale: Locale): string => {
  if (typeof p.until !== 'string') return ''
  const header = typeof p.retryAfter === 'string' ? p.retryAfter : '—'
  return locale === 'fr'
    ? `le service s'est déclaré indisponible jusqu'au ${utc(p.until)} (HTTP 503, Retry-After : ${header})`
    : `the service declared itself unavailable until ${utc(p.until)} (HTTP 503, Retry-After: ${header})`
}
const metricFr = (m: ReasonParam | undefined): string => (m === 'critical_rate' ? 'taux de bugs critiques' : "taux d'erreur")
const metricEn = (m: ReasonParam | undefined): string => (m === 'critical_rate' ? 'critical-bug rate' : 'error rate')
// A sliding window, or (scope run, release/triggers.ts) the whole watch so far. Named by its clock times only, as the
// report's "Fired" line and windows table name it: its evaluation number (params.window, the events' window.index)
// read "(evaluation 2)" beside a table calling the same range "1 (partial)" (a review, 2026-12-05).
const win = (p: P, l: 'fr' | 'en'): string => {
  if (p.scope === 'run') return l === 'fr' ? `toute la surveillance ${s(p.from)}–${s(p.to)} UTC` : `whole watch ${s(p.from)}–${s(p.to)} UTC`
  return l === 'fr' ? `fenêtre ${s(p.from)}–${s(p.to)} UTC` : `window ${s(p.from)}–${s(p.to)} UTC`
}
const limited = (p: P, l: 'fr' | 'en'): string =>
  typeof p.rateLimited === 'number' && p.rateLimited > 0 ? (l === 'fr' ? ` · limitées ${p.rateLimited}` : ` · rate limited ${p.rateLimited}`) : ''
const interval = (p: P, l: Locale): string => fmtRateInterval(num(p.lower), num(p.upper), l, limitsOf(p))
/** A version the health route reported, or none (it stopped reporting one: release/watch/builds.ts noteVersion). */
const ver = (x: ReasonParam | undefined, l: Locale): string => (x === null || x === undefined ? (l === 'fr' ? 'aucune' : 'none') : String(x))
/** A confidence as a percentage, to the digits that tell it from 100 % (0.99844 → "99.84%", "99,84 %"). */
const conf = (x: ReasonParam | undefined, l: Locale): string => {
  const c = num(x)
  if (c === null) return '—'
  const digits = Math.min(6, Math.max(0, Math.ceil(-Math.log10(1 - c)) - 1))
  const figure = (c * 100).toFixed(digits)
  // As the documents write a percentage (core/locale/format.ts): "99,84 %" in French, "99.84%" in English.
  return l === 'fr' ? `${figure.replace('.', ',')} %` : `${figure}%`
}
/** What an objective or a confirmed alert measured (release/monitor.ts): the P95 and its bound, or the rate and its interval. */
const measured = (p: P, l: Locale): string =>
  p.p95 !== undefined
    ? `P95 ${ms(p.p95, l)} (${l === 'fr' ? 'borne basse' : 'lower bound'} ${ms(p.lower, l)}, ${s(p.n)} ${l === 'fr' ? 'requêtes' : 'requests'})`
    : `${l === 'fr' ? metricFr(p.metric) : metricEn(p.metric)} ${rate(p, p.rate, l)} (${s(p.count)}/${s(p.n)}, ${interval(p, l)})`

export const MONITOR_CATALOGUE: Catalogue = {
  // The commands' own lines (release/pipeline.ts, release/cli/): the steps of a release, the verify line, the
  // reports written, a signal.
  'release.log.gate': { fr: () => 'release : porte de la phase 1 (npx vitest run)', en: () => 'release: phase 1 gate (npx vitest run)' },
  'release.log.backup': {
    fr: () => 'release : sauvegarde avant déploiement (RELEASE_BACKUP_COMMAND)',
    en: () => 'release: backup before deploying (RELEASE_BACKUP_COMMAND)',
  },
  'release.log.deploy': { fr: () => 'release : exécution de RELEASE_DEPLOY_COMMAND', en: () => 'release: running RELEASE_DEPLOY_COMMAND' },
  'release.log.verify': { fr: () => 'release : vérification du déploiement', en: () => 'release: verify' },
  'release.log.ready': {
    fr: (p) => `release : attente du service (sa route de santé saine, au plus ${span(p.timeoutMs, 'fr')}, RELEASE_READY_TIMEOUT)`,
    en: (p) => `release: waiting for the service (its health route healthy, at most ${span(p.timeoutMs, 'en')}, RELEASE_READY_TIMEOUT)`,
  },
  'release.log.monitor': { fr: () => 'release : surveillance', en: () => 'release: monitor' },
  // The N of the repeated-critical rule for this watch (release/triggers.ts criticalRepeatFor): set, or derived.
  'monitor.log.critical_repeat': {
    fr: (p) =>
      `surveillance : retour arrière si une question reçoit ${s(p.n)} fois d'affilée le même bug critique (${
        p.plannedAsks === null
          ? 'MONITOR_ROLLBACK_CRITICAL_REPEAT'
          : `déduit de ${s(p.plannedAsks)} requêtes prévues : au plus ${limit(p.chance, 'fr')} de retour arrière par hasard sur la surveillance à un taux de bugs critiques de ${limit(p.rate, 'fr')} ; MONITOR_ROLLBACK_CRITICAL_REPEAT le fixe`
      })`,
    en: (p) =>
      `monitor: rollback when one question gets the same critical bug ${s(p.n)} times in a row (${
        p.plannedAsks === null
          ? 'MONITOR_ROLLBACK_CRITICAL_REPEAT'
          : `derived from ${s(p.plannedAsks)} planned asks: at most ${limit(p.chance, 'en')} chance of a rollback over the watch at a critical rate of ${limit(p.rate, 'en')}; MONITOR_ROLLBACK_CRITICAL_REPEAT sets it`
      })`,
  },
  'release.log.rollback': {
    fr: (p) => `retour arrière : ${p.command === true ? 'exécution de RELEASE_ROLLBACK_COMMAND' : 'recommandé (pas de RELEASE_ROLLBACK_COMMAND)'}`,
    en: (p) => `rollback: ${p.command === true ? 'running RELEASE_ROLLBACK_COMMAND' : 'recommended (no RELEASE_ROLLBACK_COMMAND)'}`,
  },
  // `interrupted`: stopped by a signal, neither OK nor FAILED (a partial report).
  'release.cli.verify': {
    fr: (p) =>
      `vérification ${p.interrupted === true ? 'INTERROMPUE (rapport partiel, pas un verdict)' : p.ok === true ? 'OK' : 'EN ÉCHEC'} — ${s(p.url)} (version ${p.version ? s(p.version) : 'non communiquée'})`,
    en: (p) =>
      `verify ${p.interrupted === true ? 'INTERRUPTED (a partial report, not a verdict)' : p.ok === true ? 'OK' : 'FAILED'} — ${s(p.url)} (version ${p.version ? s(p.version) : 'not reported'})`,
  },
  'release.cli.reports': { fr: (p) => `rapports : ${s(p.files)}`, en: (p) => `reports: ${s(p.files)}` },
  'release.cli.signal': {
    fr: (p) => `${s(p.signal)} : arrêt, écriture du rapport (encore une fois pour sortir tout de suite)`,
    en: (p) => `${s(p.signal)}: stopping, writing the report (again to exit now)`,
  },
  'release.cli.stopping_command': {
    fr: (p) => `${s(p.signal)} : arrêt de la commande en cours (SIGTERM puis SIGKILL à son groupe), puis écriture du rapport`,
    en: (p) => `${s(p.signal)}: stopping the running command (SIGTERM then SIGKILL to its group), then writing the report`,
  },
  // A second signal during the rollback's readiness wait (release/rollback.ts rollBack): the command is done, the wait stops.
  'release.cli.stopping_wait': {
    fr: (p) => `${s(p.signal)} : arrêt de l'attente du service après le retour arrière, puis écriture du rapport`,
    en: (p) => `${s(p.signal)}: stopping the wait for the service after the rollback, then writing the report`,
  },
  'monitor.rate.within': {
    fr: (p) => `${win(p, 'fr')} : ${metricFr(p.metric)} ${rate(p, p.rate, 'fr')} sur ${s(p.n)} requêtes, sous le seuil ${limit(p.threshold, 'fr')}`,
    en: (p) =>
      `${win(p, 'en')}: ${metricEn(p.metric)} ${rate(p, p.rate, 'en')} over ${s(p.n)} requests, within the ${limit(p.threshold, 'en')} threshold`,
  },
  'monitor.rate.above': {
    fr: (p) =>
      `${win(p, 'fr')} : ${metricFr(p.metric)} ${rate(p, p.rate, 'fr')} (${s(p.count)}/${s(p.n)}, IC 95 % ${interval(p, 'fr')}) : la borne basse dépasse le seuil ${limit(p.threshold, 'fr')} avec ${s(p.n)} requêtes (au moins ${s(p.min)} exigées)`,
    en: (p) =>
      `${win(p, 'en')}: ${metricEn(p.metric)} ${rate(p, p.rate, 'en')} (${s(p.count)}/${s(p.n)}, 95 % CI ${interval(p, 'en')}): the lower bound clears the ${limit(p.threshold, 'en')} threshold with ${s(p.n)} requests (at least ${s(p.min)} required)`,
  },
  'monitor.rate.unsure': {
    fr: (p) =>
      `${win(p, 'fr')} : ${metricFr(p.metric)} ${rate(p, p.rate, 'fr')} (${s(p.count)}/${s(p.n)}, IC ${interval(p, 'fr')}) au-dessus du seuil ${limit(p.threshold, 'fr')}, mais non concluant : il faudrait ≈ ${s(p.needed)} requêtes (bruit possible, aucune action)`,
    en: (p) =>
      `${win(p, 'en')}: ${metricEn(p.metric)} ${rate(p, p.rate, 'en')} (${s(p.count)}/${s(p.n)}, CI ${interval(p, 'en')}) above the ${limit(p.threshold, 'en')} threshold but inconclusive: ≈ ${s(p.needed)} requests would be needed (possibly noise, no action)`,
  },
  'monitor.p95.within': {
    fr: (p) => `${win(p, 'fr')} : P95 ${ms(p.p95 ?? null, 'fr')}, sous le seuil ${ms(p.threshold ?? null, 'fr')}`,
    en: (p) => `${win(p, 'en')}: P95 ${ms(p.p95 ?? null, 'en')}, within the ${ms(p.threshold ?? null, 'en')} threshold`,
  },
  'monitor.p95.above': {
    fr: (p) =>
      `${win(p, 'fr')} : P95 ${ms(p.p95 ?? null, 'fr')} (borne basse ${ms(p.lower ?? null, 'fr')}) au-dessus du seuil ${ms(p.threshold ?? null, 'fr')} sur ${s(p.n)} requêtes : problème de performance`,
    en: (p) =>
      `${win(p, 'en')}: P95 ${ms(p.p95 ?? null, 'en')} (lower bound ${ms(p.lower ?? null, 'en')}) above the ${ms(p.threshold ?? null, 'en')} threshold over ${s(p.n)} requests: performance issue`,
  },
  'monitor.p95.unsure': {
    fr: (p) =>
      `${win(p, 'fr')} : P95 ${ms(p.p95 ?? null, 'fr')} au-dessus du seuil ${ms(p.threshold ?? null, 'fr')}, non concluant (${s(p.n)} requêtes, borne basse ${ms(p.lower ?? null, 'fr')}, au moins ${s(p.min)} exigées)`,
    en: (p) =>
      `${win(p, 'en')}: P95 ${ms(p.p95 ?? null, 'en')} above the ${ms(p.threshold ?? null, 'en')} threshold, inconclusive (${s(p.n)} requests, lower bound ${ms(p.lower ?? null, 'en')}, at least ${s(p.min)} required)`,
  },
  'monitor.leak': {
    fr: (p) =>
      `bug critique : la réponse à ${s(p.question)} porte les données d'un autre utilisateur (fuite entre utilisateurs) — retour arrière immédiat`,
    en: (p) => `critical bug: the answer to ${s(p.question)} carries another user's data (cross-user leak) — immediate rollback`,
  },
  'monitor.critical_repeat': {
    fr: (p) =>
      `bug critique récurrent : ${s(p.question)} a reçu ${s(p.count)} réponses critiques (${s(p.kind)}) d'affilée (seuil ${s(p.threshold)}, MONITOR_ROLLBACK_CRITICAL_REPEAT)${p.status === null || p.status === undefined ? '' : `, dernière HTTP ${s(p.status)}`} : ${s(p.last)} — retour arrière`,
    en: (p) =>
      `recurring critical bug: ${s(p.question)} got ${s(p.count)} critical answers (${s(p.kind)}) in a row (threshold ${s(p.threshold)}, MONITOR_ROLLBACK_CRITICAL_REPEAT)${p.status === null || p.status === undefined ? '' : `, the last HTTP ${s(p.status)}`}: ${s(p.last)} — rollback`,
  },
  // Critical answers a watch saw that reached no rollback rule (release/watch/conclude.ts conclude): never a plain "Stable".
  'monitor.critical_observed': {
    fr: (p) =>
      `${s(p.count)} réponse(s) critique(s) observée(s) sur ${s(p.n)} requêtes (${list(p.kinds)}) : ${list(p.evidence)}${num(p.count) !== null && (num(p.count) as number) > (Array.isArray(p.evidence) ? p.evidence.length : 0) ? ', …' : ''} — le plan demande un retour arrière sur « bug critique détecté », mais aucune règle de retour arrière n'est atteinte (taux de bugs critiques prouvé au-dessus de ${limit(p.threshold, 'fr')}, ou la même question ${s(p.repeat)} fois d'affilée) : pas de retour arrière automatique`,
    en: (p) =>
      `${s(p.count)} critical answer(s) seen over ${s(p.n)} requests (${list(p.kinds)}): ${list(p.evidence)}${num(p.count) !== null && (num(p.count) as number) > (Array.isArray(p.evidence) ? p.evidence.length : 0) ? ', …' : ''} — the plan rolls back on "critical bug detected", but no rollback rule is reached (a critical-bug rate proven above ${limit(p.threshold, 'en')}, or the same question ${s(p.repeat)} times in a row): no automatic rollback`,
  },
  // Health checks that failed, never long enough in a row for the streak (release/watch/conclude.ts healthNote): the
  // evidence after the status line, which says the decision.
  'monitor.health_failed': {
    fr: (p) =>
      `la route de santé a échoué à ${s(p.failed)} des ${s(p.checks)} contrôles (dernier : ${s(p.last)}, ${utc(p.at)}) — la check-list du plan demande « Health check OK (200 status) », mais la règle de retour arrière (${s(p.threshold)} échecs d'affilée, MONITOR_ROLLBACK_CONSECUTIVE_FAILURES) n'est pas atteinte : pas de retour arrière automatique`,
    en: (p) =>
      `the health route failed ${s(p.failed)} of ${s(p.checks)} checks (last: ${s(p.last)}, ${utc(p.at)}) — the plan's checklist asks "Health check OK (200 status)", but the rollback rule (${s(p.threshold)} failures in a row, MONITOR_ROLLBACK_CONSECUTIVE_FAILURES) is not reached: no automatic rollback`,
  },
  // What no rule acts on but the plan asks for (release/watch/conclude.ts otherFindings): a watch "stable" by every rule that
  // shows one is "stable with findings", exit 6 — the evidence first among the reasons.
  'monitor.objective_missed': {
    fr: (p) =>
      `toute la surveillance manque l'objectif du plan ${p.p95 !== undefined ? `P95 < ${ms(p.threshold, 'fr')}` : `taux d'erreur < ${limit(p.threshold, 'fr')} (taux de succès > ${limit(1 - (num(p.threshold) ?? 0), 'fr')})`} : ${measured(p, 'fr')} — prouvé (la borne dépasse l'objectif), sous le seuil d'alerte : ni alerte ni retour arrière, à examiner`,
    en: (p) =>
      `the whole watch misses the plan's objective ${p.p95 !== undefined ? `P95 < ${ms(p.threshold, 'en')}` : `error rate < ${limit(p.threshold, 'en')} (success rate > ${limit(1 - (num(p.threshold) ?? 0), 'en')})`}: ${measured(p, 'en')} — proven (the bound is past the objective), below the alert threshold: no alert, no rollback, to investigate`,
  },
  'monitor.question_failing': {
    fr: (p) =>
      `la question ${s(p.question)} a échoué à chacune de ses ${s(p.asks)} demandes (dernière : ${p.status === null || p.status === undefined ? '' : `HTTP ${s(p.status)}, `}${s(p.last)}) — une question que le service ne réussit jamais ; aucune règle de retour arrière ne porte sur les échecs non critiques d'une question`,
    en: (p) =>
      `question ${s(p.question)} failed at every one of its ${s(p.asks)} asks (last: ${p.status === null || p.status === undefined ? '' : `HTTP ${s(p.status)}, `}${s(p.last)}) — a question the service never gets right; no rollback rule acts on one question's non-critical failures`,
  },
  // A question slower than MONITOR_ALERT_P95_MS at more than half its asks, its median above it
  // (release/watch/questions.ts slowAtMostAsks): a finding. `slow` of `asks` (older reports carry no `slow`: every ask was).
  'monitor.question_slow': {
    fr: (p) =>
      `la question ${s(p.question)} (${s(p.category)}) a pris plus de ${ms(p.threshold, 'fr')} à la plupart de ses demandes (${s(p.slow ?? p.asks)} sur ${s(p.asks)}, de ${ms(p.min, 'fr')} à ${ms(p.max, 'fr')} ; sa médiane au-dessus, MONITOR_ALERT_P95_MS) — une question que le service répond surtout lentement, cachée dans le P95 de la rotation ; aucune règle de retour arrière ne porte sur la lenteur d'une question`,
    en: (p) =>
      `question ${s(p.question)} (${s(p.category)}) took longer than ${ms(p.threshold, 'en')} at most of its asks (${s(p.slow ?? p.asks)} of ${s(p.asks)}, ${ms(p.min, 'en')} to ${ms(p.max, 'en')}; its median above, MONITOR_ALERT_P95_MS) — a question the service mostly answers slowly, hidden in the rotation's P95; no rollback rule acts on one question's latency`,
  },
  'monitor.alert_confirmed': {
    fr: (p) =>
      `alerte confirmée — ${win(p, 'fr')} : ${measured(p, 'fr')} au-dessus du seuil ${p.p95 !== undefined ? ms(p.threshold, 'fr') : limit(p.threshold, 'fr')} à une confiance de ${conf(p.confidence, 'fr')} (corrigée pour les ${s(p.evaluations)} évaluations de la surveillance : pas le hasard) — pas de retour arrière, à examiner`,
    en: (p) =>
      `alert confirmed — ${win(p, 'en')}: ${measured(p, 'en')} above the ${p.p95 !== undefined ? ms(p.threshold, 'en') : limit(p.threshold, 'en')} threshold at ${conf(p.confidence, 'en')} confidence (corrected for the watch's ${s(p.evaluations)} evaluations: not chance) — no rollback, to investigate`,
  },
  'monitor.version.unexpected': {
    fr: (p) =>
      `la surveillance a jugé la version ${ver(p.observed, 'fr')}, pas la version attendue ${s(p.expected)} (RELEASE_EXPECTED_VERSION, comparée comme npm run verify) : pas de verdict sur ${s(p.expected)}`,
    en: (p) =>
      `the watch judged version ${ver(p.observed, 'en')}, not the expected ${s(p.expected)} (RELEASE_EXPECTED_VERSION, compared as npm run verify does): no verdict on ${s(p.expected)}`,
  },
  'monitor.transport_streak': {
    fr: (p) => `${s(p.count)} échecs de transport consécutifs (seuil ${s(p.threshold)}) : le service plante à répétition (dernier : ${s(p.last)})`,
    en: (p) => `${s(p.count)} consecutive transport failures (threshold ${s(p.threshold)}): the service keeps crashing (last: ${s(p.last)})`,
  },
  'monitor.health_streak': {
    fr: (p) => `${s(p.count)} contrôles de santé échoués d'affilée (seuil ${s(p.threshold)}) ; dernier : ${s(p.last)}`,
    en: (p) => `${s(p.count)} failed health checks in a row (threshold ${s(p.threshold)}); last: ${s(p.last)}`,
  },
  // At the start of a watch (release/watch/open.ts openWatch) and during it (release/watch/down.ts confirmDown), the other route stayed
  // unreachable over MONITOR_DOWN_GRACE (`probes`, `waitedMs`): the rollback comes after that wait, said as such
  // ("immediate" after waiting 5 to 60 s read false: a review, 2026-12-05).
  'monitor.service_down': {
    fr: (p) =>
      `service arrêté : ${s(p.first)}, et l'autre route toujours injoignable à ${s(p.probes)} essai(s) sur ${span(p.waitedMs, 'fr')} (${s(p.confirm)} ; délai de grâce ${span(p.graceMs, 'fr')}, MONITOR_DOWN_GRACE)${typeof p.until === 'string' ? ` — ${declaredUntil(p, 'fr')}, la surveillance ne l'a pas attendu` : ''} — retour arrière aussitôt après ${span(p.waitedMs, 'fr')} sans réponse`,
    en: (p) =>
      `service down: ${s(p.first)}, and the other route still unreachable at ${s(p.probes)} probe(s) over ${span(p.waitedMs, 'en')} (${s(p.confirm)}; grace ${span(p.graceMs, 'en')}, MONITOR_DOWN_GRACE)${typeof p.until === 'string' ? ` — ${declaredUntil(p, 'en')}, the watch did not wait for it` : ''} — rollback at once after ${span(p.waitedMs, 'en')} of no answer`,
  },
  // Outages each shorter than MONITOR_DOWN_GRACE that add up to it over the flapping span (release/triggers.ts flapping).
  'monitor.service_flapping': {
    fr: (p) =>
      `service arrêté, par intermittence : aucune réponse sur les deux routes pendant ${span(p.downMs, 'fr')} au total, en ${s(p.outages)} coupures depuis ${utc(p.since)} (sur les ${span(p.spanMs, 'fr')} jugées : MONITOR_WINDOW, au moins deux fois le délai de grâce), chacune plus courte que le délai de grâce ${span(p.graceMs, 'fr')} (MONITOR_DOWN_GRACE)${p.ongoing === true ? ', la dernière encore en cours' : ''} — retour arrière`,
    en: (p) =>
      `service down, flapping: no answer on either route for ${span(p.downMs, 'en')} in all, over ${s(p.outages)} outages since ${utc(p.since)} (within the ${span(p.spanMs, 'en')} judged: MONITOR_WINDOW, at least twice the grace), each shorter than the ${span(p.graceMs, 'en')} grace (MONITOR_DOWN_GRACE)${p.ongoing === true ? ', the last one still under way' : ''} — rollback`,
  },
  // The answers that declared the service unavailable (release/watch/result.ts DeclaredUnavailable), whatever the outcome.
  'monitor.declared_unavailable': {
    fr: (p) =>
      `${declaredUntil(p, 'fr')} dans ${s(p.answers)} réponse(s) (${s(p.chat)} requête(s) de chat, ${s(p.health)} contrôle(s) de santé), de ${utc(p.first)} à ${utc(p.last)} : des échecs, jamais des succès ni les refus d'un limiteur ; la surveillance n'a pas attendu cette heure`,
    en: (p) =>
      `${declaredUntil(p, 'en')} on ${s(p.answers)} answer(s) (${s(p.chat)} chat request(s), ${s(p.health)} health check(s)), from ${utc(p.first)} to ${utc(p.last)}: failures, never a success nor a rate limiter's refusal; the watch did not wait for that time`,
  },
  // What limited a watch and how it ended when it did not trigger (release/watch/conclude.ts conclude).
  'monitor.judged_too_little': {
    fr: (p) =>
      `non concluant : ${s(p.executed)} requête(s) jugée(s) sur toute la surveillance, il en faut au moins ${s(p.min)} (MONITOR_MIN_SAMPLES)${typeof p.rateLimited === 'number' && p.rateLimited > 0 ? `, ${p.rateLimited} refusée(s) par un limiteur de débit` : ''} : rien n'est prouvé, ni stable ni à retirer`,
    en: (p) =>
      `inconclusive: ${s(p.executed)} request(s) judged over the whole watch, at least ${s(p.min)} needed (MONITOR_MIN_SAMPLES)${typeof p.rateLimited === 'number' && p.rateLimited > 0 ? `, ${p.rateLimited} refused by a rate limiter` : ''}: nothing is proven, neither stable nor to roll back`,
  },
  'monitor.credentials_refused': {
    fr: (p) =>
      `identifiants de la surveillance refusés : ${s(p.refused)} des ${s(p.answers)} réponses étaient un 401/403, non exécutées — ni succès ni erreur, jamais un retour arrière ; vérifiez HARENA_API_TOKEN ou HARENA_USERNAME/HARENA_PASSWORD (un service qui refuserait tous les jetons valides se voit aussi ici)`,
    en: (p) =>
      `the monitor's credentials were refused: ${s(p.refused)} of ${s(p.answers)} answers were a 401/403, not executed — neither success nor error, never a rollback; check HARENA_API_TOKEN or HARENA_USERNAME/HARENA_PASSWORD (a service refusing every valid token shows here too)`,
  },
  'monitor.credentials_lost': {
    fr: (p) =>
      `identifiants de la surveillance refusés pendant la surveillance, sans moyen de les renouveler (${s(p.problem)}) : surveillance arrêtée à ${clock(p.watchedMs ?? null)}/${clock(p.plannedMs ?? null)}, le service n'est plus vu depuis ${utc(p.at)} — ni stable ni à retirer (un problème d'identifiants, pas un déclencheur) ; ${s(p.refused)} des ${s(p.answers)} réponses étaient un 401/403 ; renouvelez HARENA_API_TOKEN ou vérifiez HARENA_USERNAME/HARENA_PASSWORD, puis surveillez à nouveau (un service qui refuserait tous les jetons valides se voit aussi ici)`,
    en: (p) =>
      `the monitor's credentials were refused during the watch and could not be renewed (${s(p.problem)}): the watch stopped at ${clock(p.watchedMs ?? null)}/${clock(p.plannedMs ?? null)}, the service not seen since ${utc(p.at)} — neither stable nor to roll back (a credentials problem, not a trigger); ${s(p.refused)} of ${s(p.answers)} answers were a 401/403; renew HARENA_API_TOKEN or check HARENA_USERNAME/HARENA_PASSWORD, then watch again (a service refusing every valid token shows here too)`,
  },
  'monitor.credentials_lost.cause': {
    fr: (p) => {
      if (p.cause === 'forbidden') return `HTTP 403 : le service refuse cet utilisateur, une nouvelle connexion serait le même`
      if (p.cause === 'no_login') return `HTTP ${s(p.status)} au jeton, et HARENA_API_TOKEN seul ne permet pas de se reconnecter`
      if (p.cause === 'login_failed') return `HTTP ${s(p.status)}, puis la reconnexion a échoué : ${s(p.problem)}`
      return `HTTP ${s(p.status)} au jeton d'une connexion avant qu'une seule réponse l'ait accepté : se reconnecter ne ferait que boucler`
    },
    en: (p) => {
      if (p.cause === 'forbidden') return 'HTTP 403: the service refuses this user, a new login would be the same one'
      if (p.cause === 'no_login') return `HTTP ${s(p.status)} to the token, and HARENA_API_TOKEN alone cannot log in again`
      if (p.cause === 'login_failed') return `HTTP ${s(p.status)}, then logging in again failed: ${s(p.problem)}`
      return `HTTP ${s(p.status)} to a login's token before any answer got past authentication with it: logging in again would only loop`
    },
  },
  // A limiter refusing the monitor within the quota the service declares, or with none declared (release/watch/refusals.ts).
  'monitor.refused_within_quota': {
    fr: (p) =>
      `le service a refusé ${s(p.refused)} des ${s(p.answers)} requêtes (${fmtPct(num(p.share), 'fr')}) par un limiteur (429, ou 503 d'un limiteur) alors que la surveillance allait à ${s(p.rps)} r/s, dans le quota qu'il déclare (Retry-After, RateLimit-Policy) ou sans en déclarer : comptées comme erreurs du service, contre sa disponibilité (objectif de succès > 95 %) — si ce quota est partagé avec d'autres clients, vérifiez le limiteur`,
    en: (p) =>
      `the service refused ${s(p.refused)} of ${s(p.answers)} requests (${fmtPct(num(p.share), 'en')}) through a rate limiter (429, or a limiter's 503) while the monitor asked at ${s(p.rps)} r/s, within the quota it declares (Retry-After, RateLimit-Policy) or declaring none: counted as errors of the service, against its availability (success objective > 95 %) — if that quota is shared with other clients, check the limiter`,
  },
  'monitor.refused_within_quota.answer': {
    fr: (p) =>
      `refusée par un limiteur (HTTP ${s(p.status)}) alors que la surveillance allait à ${s(p.rps)} r/s, ${p.said ? `dans ce qu'il déclare (${s(p.said)})` : 'sans quota déclaré (ni Retry-After ni RateLimit-Policy)'} : une erreur du service`,
    en: (p) =>
      `refused by a rate limiter (HTTP ${s(p.status)}) while the monitor asked at ${s(p.rps)} r/s, ${p.said ? `within what it declares (${s(p.said)})` : 'no quota declared (neither Retry-After nor RateLimit-Policy)'}: an error of the service`,
  },
  'monitor.rate_limited': {
    fr: (p) =>
      `surveillance limitée en débit : ${s(p.rateLimited)} des ${s(p.answers)} réponses venaient d'un limiteur (429, ou 503 d'un limiteur) alors que la surveillance demandait plus vite que le quota qu'il déclare (Retry-After, RateLimit-Policy), non exécutées — ni succès ni erreur, jamais un retour arrière ; si c'est le rythme de la surveillance, baisser MONITOR_RPS ; si chaque requête reçoit un 503 avec Retry-After, le service peut aussi être en maintenance : le vérifier`,
    en: (p) =>
      `the monitor was rate limited: ${s(p.rateLimited)} of ${s(p.answers)} answers came from a rate limiter (429, or a limiter's 503) while the monitor asked faster than the quota it declares (Retry-After, RateLimit-Policy), not executed — neither success nor error, never a rollback; if the monitor's pace is the cause, lower MONITOR_RPS; if every request got a 503 with Retry-After, the service may also be in maintenance: check it`,
  },
  'monitor.unfinished': {
    fr: (p) =>
      `${s(p.count)} des ${s(p.sent)} requêtes envoyées étaient encore sans réponse à la fin de la surveillance (la plus ancienne depuis ${secs(p.oldestMs ?? null)}) : ni succès ni erreur, hors des chiffres — le service n'a pas été vu répondre, jamais « stable »`,
    en: (p) =>
      `${s(p.count)} of the ${s(p.sent)} requests sent were still unanswered when the watch ended (the oldest for ${secs(p.oldestMs ?? null)}): neither success nor error, outside the figures — the service was not seen answering, never "stable"`,
  },
  'monitor.awaiting_answers': {
    fr: (p) =>
      `surveillance : fin prévue atteinte, plus aucun envoi — attente des ${s(p.inFlight)} réponse(s) en vol, chacune jusqu'à son propre délai (HARENA_TIMEOUT_MS, au plus ${secs(p.upToMs ?? null)})`,
    en: (p) =>
      `monitor: planned end reached, nothing more sent — waiting for the ${s(p.inFlight)} answer(s) in flight, each until its own deadline (HARENA_TIMEOUT_MS, at most ${secs(p.upToMs ?? null)})`,
  },
  'monitor.skipped': {
    fr: (p) =>
      `${s(p.skipped)} envoi(s) sauté(s) parce que MONITOR_MAX_IN_FLIGHT requêtes attendaient encore une réponse (${s(p.sent)} envoyées) : le service répondait plus lentement que le rythme ou plus du tout — jamais « stable » ; vérifier le service, ou baisser MONITOR_RPS`,
    en: (p) =>
      `${s(p.skipped)} send(s) skipped because MONITOR_MAX_IN_FLIGHT requests were still waiting for an answer (${s(p.sent)} sent): the service answered slower than the pace, or not at all — never "stable"; check the service, or lower MONITOR_RPS`,
  },
  'monitor.behind': {
    fr: (p) =>
      `${s(p.behind)} envoi(s) prévu(s) non envoyé(s) : la surveillance a pris du retard sur son rythme (machine chargée ou occupée ; ${s(p.sent)} envoyés) — les figures portent sur les envois faits`,
    en: (p) =>
      `${s(p.behind)} planned ask(s) not sent: the monitor fell behind its pace (a loaded or busy machine; ${s(p.sent)} sent) — the figures are those of the asks sent`,
  },
  'monitor.paused': {
    fr: (p) =>
      `la surveillance elle-même s'est arrêtée ${s(p.stalls)} fois (${secs(p.totalMs ?? null)} en tout ; la plus longue de ${utc(p.from)} à ${utc(p.to)}, ${secs(p.ms ?? null)}) : ${s(p.missed)} envoi(s) prévu(s) jamais partis (${s(p.sent)} envoyés), le service non vu pendant ce temps${p.blind ? ' — au moins une fenêtre (MONITOR_WINDOW) : jamais « stable »' : " ; plus courte qu'une fenêtre (MONITOR_WINDOW) : les fenêtres autour ont été jugées"} ; processus suspendu (SIGSTOP, machine en veille) ou boucle d'événements bloquée`,
    en: (p) =>
      `the monitor itself stopped ${s(p.stalls)} time(s) (${secs(p.totalMs ?? null)} in all; the longest from ${utc(p.from)} to ${utc(p.to)}, ${secs(p.ms ?? null)}): ${s(p.missed)} planned ask(s) never sent (${s(p.sent)} sent), the service unseen meanwhile${p.blind ? ' — at least a window (MONITOR_WINDOW): never "stable"' : '; shorter than a window (MONITOR_WINDOW): the windows around it were judged'}; a suspended process (SIGSTOP, a sleeping machine) or a blocked event loop`,
  },
  'monitor.data_corruption.not_observable': {
    fr: () =>
      "corruption de données : non observable depuis l'extérieur (ni la base ni les écritures ne sont visibles d'ici) ; à vérifier côté serveur",
    en: () => 'data corruption: not observable from outside (neither the database nor writes are visible from here); check it on the server',
  },
  'monitor.status': {
    fr: (p) =>
      `surveillance ${clock(p.elapsedMs ?? null)}/${clock(p.plannedMs ?? null)} · fenêtre ${secs(p.windowMs ?? null)} : ${s(p.requests)} req · erreurs ${s(p.errors)} = ${rate(p, p.rate, 'fr')} ${interval(p, 'fr')} · P95 ${ms(p.p95 ?? null, 'fr')} · prochaine évaluation dans ${secs(p.nextMs ?? null)} · en vol ${s(p.inFlight)}${limited(p, 'fr')} · santé ${healthNow(p.health, 'fr')}${p.version ? ` (${s(p.version)})` : ''}${downCheck(p, 'fr')}`,
    en: (p) =>
      `monitor ${clock(p.elapsedMs ?? null)}/${clock(p.plannedMs ?? null)} · window ${secs(p.windowMs ?? null)}: ${s(p.requests)} req · errors ${s(p.errors)} = ${rate(p, p.rate, 'en')} ${interval(p, 'en')} · P95 ${ms(p.p95 ?? null, 'en')} · next evaluation in ${secs(p.nextMs ?? null)} · in flight ${s(p.inFlight)}${limited(p, 'en')} · health ${healthNow(p.health, 'en')}${p.version ? ` (${s(p.version)})` : ''}${downCheck(p, 'en')}`,
  },
  'verify.health.failed': {
    fr: (p) => `santé : GET ${s(p.path)} en échec (${s(p.problem)})`,
    en: (p) => `health: GET ${s(p.path)} failed (${s(p.problem)})`,
  },
  'verify.version.mismatch': {
    fr: (p) => `version : attendue ${s(p.expected)}, le service annonce ${s(p.observed)}`,
    en: (p) => `version: expected ${s(p.expected)}, the service reports ${s(p.observed)}`,
  },
  'verify.version.unidentifiable': {
    fr: (p) =>
      `version : ${s(p.path)} annonce ${s(p.observed)} sur toute construction (valeur écrite dans son code) — impossible de juger ${p.expected ? `la version attendue ${s(p.expected)}` : ''}${p.expected && p.replaced ? ' ni ' : ''}${p.replaced ? `si ${s(p.replaced)} tourne encore` : ''} ; vérifiez la version déployée par un autre moyen`,
    en: (p) =>
      `version: ${s(p.path)} reports ${s(p.observed)} on every build (a value written in its code) — cannot judge ${p.expected ? `the expected version ${s(p.expected)}` : ''}${p.expected && p.replaced ? ' nor ' : ''}${p.replaced ? `whether ${s(p.replaced)} still runs` : ''}; check the deployed version another way`,
  },
  'verify.version.still_running': {
    fr: (p) =>
      `version : le service annonce encore ${s(p.version)}, la version que la surveillance a jugée mauvaise — le retour arrière ne l'a pas retirée`,
    en: (p) => `version: the service still reports ${s(p.version)}, the version the watch judged bad — the rollback did not take it away`,
  },
  'verify.question.failed': {
    fr: (p) => `question ${s(p.question)} en échec : ${s(p.detail)}`,
    en: (p) => `question ${s(p.question)} failed: ${s(p.detail)}`,
  },
  'verify.question.critical': {
    fr: (p) => `question ${s(p.question)} : bug critique (${s(p.kind)}) : ${s(p.detail)}`,
    en: (p) => `question ${s(p.question)}: critical bug (${s(p.kind)}): ${s(p.detail)}`,
  },
  // After a deploy or rollback command: the service never answered its health route healthy (release/rollback.ts waitReady).
  'verify.not_ready': {
    fr: (p) =>
      `service pas prêt : attendu ${span(p.waitedMs, 'fr')} après la commande (RELEASE_READY_TIMEOUT ${span(p.timeoutMs, 'fr')}) sans que la route de santé réponde saine${p.problem ? ` — dernière réponse : ${s(p.problem)}` : ''}`,
    en: (p) =>
      `service not ready: waited ${span(p.waitedMs, 'en')} after the command (RELEASE_READY_TIMEOUT ${span(p.timeoutMs, 'en')}) without its health route answering healthy${p.problem ? ` — last answer: ${s(p.problem)}` : ''}`,
  },
  'verify.unreachable': {
    fr: (p) => `service injoignable : ${s(p.problem)}`,
    en: (p) => `service unreachable: ${s(p.problem)}`,
  },
  'verify.unusable': {
    fr: (p) => `service inutilisable (il a répondu, mais n'a pas pu être ouvert) : ${s(p.problem)}`,
    en: (p) => `service unusable (it answered, but could not be opened): ${s(p.problem)}`,
  },
  'verify.credentials_refused': {
    fr: (p) => `identifiants refusés : ${s(p.problem)} — le service a répondu ; aucune question posée (erreur de configuration)`,
    en: (p) => `credentials refused: ${s(p.problem)} — the service answered; no question asked (a configuration error)`,
  },
  'verify.interrupted': {
    fr: (p) =>
      `interrompue (signal) avant la fin : rapport partiel, ce n’est pas un verdict — ${Array.isArray(p.questions) ? `questions non jugées : ${list(p.questions)}${p.inFlight ? ` (en cours, abandonnée : ${s(p.inFlight)})` : ''}` : `avant l’ouverture de la cible, rien n’a été demandé${p.inFlight ? ` (en cours, abandonnée : ${s(p.inFlight)})` : ''}`}`,
    en: (p) =>
      `interrupted (signal) before its end: a partial report, not a verdict — ${Array.isArray(p.questions) ? `questions not judged: ${list(p.questions)}${p.inFlight ? ` (in flight, abandoned: ${s(p.inFlight)})` : ''}` : `before the target was opened, nothing was asked${p.inFlight ? ` (in flight, abandoned: ${s(p.inFlight)})` : ''}`}`,
  },
  'verify.not_asked': {
    fr: (p) =>
      `non posées : la cible n'a pas répondu — ${s(p.timeouts)} délais dépassés consécutifs sans aucune réponse (${silentFr(p)}) ; questions non posées : ${list(p.questions)} (VALIDATION_STOP_AFTER_TIMEOUTS=0 les pose toutes)`,
    en: (p) =>
      `not asked: the target did not answer — ${s(p.timeouts)} consecutive timeouts with no answer at all (${silentEn(p)}); questions not asked: ${list(p.questions)} (VALIDATION_STOP_AFTER_TIMEOUTS=0 asks them all)`,
  },
  'release.credentials.refused': {
    fr: (p) =>
      `identifiants refusés par la cible avant le déploiement : ${s(p.problem)} — rien n'a été déployé (corrigez HARENA_USERNAME/HARENA_PASSWORD ou HARENA_API_TOKEN)`,
    en: (p) =>
      `the target refused the credentials before the deployment: ${s(p.problem)} — nothing was deployed (fix HARENA_USERNAME/HARENA_PASSWORD or HARENA_API_TOKEN)`,
  },
  'release.health_path.refused': {
    fr: (p) =>
      `RELEASE_HEALTH_PATH="${s(p.path)}" répond HTTP ${s(p.status)} avant le déploiement alors que le service répond par ailleurs — rien n'a été déployé ni annulé ; attendu : la route de santé du service, p. ex. api/v1/conversation/health`,
    en: (p) =>
      `RELEASE_HEALTH_PATH="${s(p.path)}" answers HTTP ${s(p.status)} before the deployment while the service answers otherwise — nothing was deployed nor rolled back; expected the service's health route, e.g. api/v1/conversation/health`,
  },
  'release.monitor.disabled': {
    fr: () => 'surveillance désactivée (RELEASE_MONITOR=false) : le déploiement est vérifié, sa stabilité n’est pas prouvée',
    en: () => 'monitoring disabled (RELEASE_MONITOR=false): the deployment is verified, its stability is not proven',
  },
  'release.gate.no_go': {
    fr: (p) => `phase 1 : décision ${s(p.decision)}, pas de déploiement`,
    en: (p) => `phase 1: decision ${s(p.decision)}, no deployment`,
  },
  'release.gate.conditional_refused': {
    fr: () => 'phase 1 : décision CONDITIONAL, déploiement refusé (RELEASE_ALLOW_CONDITIONAL=true pour l’autoriser)',
    en: () => 'phase 1: decision CONDITIONAL, deployment refused (set RELEASE_ALLOW_CONDITIONAL=true to allow it)',
  },
  // The gate judged another version than the one to deploy (release/pipeline.ts gateOtherBuild): nothing deployed.
  'release.gate.other_version': {
    fr: (p) =>
      `phase 1 : la porte a jugé la version ${s(p.gated)}, pas la version attendue ${s(p.expected)} (RELEASE_EXPECTED_VERSION) — rien n'a été déployé ; pointez RELEASE_GATE_BASE_URL vers la préproduction qui sert ${s(p.expected)}${p.gateUrl === true ? '' : " (par défaut c'est HARENA_BASE_URL : le service d'avant le déploiement)"}, ou RELEASE_GATE_SAME_ARTIFACT=true si c'est le même artefact`,
    en: (p) =>
      `phase 1: the gate judged version ${s(p.gated)}, not the expected ${s(p.expected)} (RELEASE_EXPECTED_VERSION) — nothing was deployed; point RELEASE_GATE_BASE_URL at the staging build of ${s(p.expected)}${p.gateUrl === true ? '' : ' (by default it is HARENA_BASE_URL: the service before the deployment)'}, or set RELEASE_GATE_SAME_ARTIFACT=true if it is the same artifact`,
  },
  // The gate let the release go on without judging the deployed build by its version (release/report.ts gatedBuild).
  'release.gate.unjudged': {
    fr: (p) =>
      p.judged === 'unknown'
        ? `phase 1 : ${s(p.decision)} sur une cible dont la version ${p.gated ? `(${s(p.gated)}) ne distingue aucune construction` : "n'est pas communiquée"} — rien ne dit que la version déployée (${p.deployed ? s(p.deployed) : 'non communiquée'}) est celle que la phase 1 a jugée`
        : p.judged === 'declared_same'
          ? `phase 1 : ${s(p.decision)} sur la version ${s(p.gated)}, déclarée le même artefact que la version déployée ${s(p.deployed)} (RELEASE_GATE_SAME_ARTIFACT=true)`
          : `phase 1 : ${s(p.decision)} sur la version ${s(p.gated)}, pas sur la version déployée ${s(p.deployed)} — celle-ci n'est pas passée par la phase 1 (RELEASE_GATE_BASE_URL : la préproduction de la version à déployer ; RELEASE_EXPECTED_VERSION refuse l'écart avant le déploiement)`,
    en: (p) =>
      p.judged === 'unknown'
        ? `phase 1: ${s(p.decision)} on a target whose version ${p.gated ? `(${s(p.gated)}) names no build` : 'was not reported'} — nothing says the deployed version (${p.deployed ? s(p.deployed) : 'not reported'}) is the one phase 1 judged`
        : p.judged === 'declared_same'
          ? `phase 1: ${s(p.decision)} on version ${s(p.gated)}, declared the same artifact as the deployed ${s(p.deployed)} (RELEASE_GATE_SAME_ARTIFACT=true)`
          : `phase 1: ${s(p.decision)} on version ${s(p.gated)}, not on the deployed ${s(p.deployed)} — that one never went through phase 1 (RELEASE_GATE_BASE_URL: the staging build of the version to deploy; RELEASE_EXPECTED_VERSION refuses the gap before deploying)`,
  },
  'release.gate.broken': {
    fr: (p) => `phase 1 : la validation n'a pas rendu de décision (code de sortie ${s(p.exitCode)}${p.problem ? `, ${s(p.problem)}` : ''})`,
    en: (p) => `phase 1: the validation gave no decision (exit code ${s(p.exitCode)}${p.problem ? `, ${s(p.problem)}` : ''})`,
  },
  'release.backup.failed': {
    fr: (p) => `sauvegarde en échec (${ended(p, 'fr')}) : rien n'a été déployé — pas de déploiement sans sauvegarde (plan T4.6, étape 1)`,
    en: (p) => `backup failed (${ended(p, 'en')}): nothing was deployed — no deployment without a backup (plan T4.6, step 1)`,
  },
  'release.backup.restore': {
    fr: (p) =>
      p.taken === true
        ? `données : la sauvegarde prise avant le déploiement (RELEASE_BACKUP_COMMAND, ${utc(p.at)}) est celle à restaurer si le déploiement a touché la base ; le retour arrière ne la restaure pas, c'est une décision humaine`
        : "données : aucune sauvegarde n'a été prise par cette mise en production (RELEASE_BACKUP_COMMAND non défini) ; le retour arrière ne touche pas la base — si le déploiement l'a modifiée, restaurez votre dernière sauvegarde à la main",
    en: (p) =>
      p.taken === true
        ? `data: the backup taken before the deployment (RELEASE_BACKUP_COMMAND, ${utc(p.at)}) is the one to restore if the deployment touched the database; the rollback does not restore it, a person decides`
        : 'data: this release took no backup (RELEASE_BACKUP_COMMAND not set); the rollback does not touch the database — if the deployment changed it, restore your latest backup by hand',
  },
  'release.deploy.failed': {
    fr: (p) => `déploiement en échec (${ended(p, 'fr')}) : état du service inconnu`,
    en: (p) => `deployment failed (${ended(p, 'en')}): the service state is unknown`,
  },
  'release.verify.failed': {
    fr: (p) => `vérification après ${p.after === 'rollback' ? 'retour arrière' : 'déploiement'} en échec : ${s(p.detail)}`,
    en: (p) => `verification after the ${p.after === 'rollback' ? 'rollback' : 'deployment'} failed: ${s(p.detail)}`,
  },
  'release.monitor.unusable': {
    fr: (p) => `surveillance impossible : ${s(p.problem)}`,
    en: (p) => `monitoring impossible: ${s(p.problem)}`,
  },
  // `until`: the service declared itself unavailable until then during the watch (release/report.ts commandReasons).
  'release.rollback.recommended': {
    fr: (p) =>
      `retour arrière RECOMMANDÉ : RELEASE_ROLLBACK_COMMAND n’est pas défini, il faut le faire à la main${typeof p.until === 'string' ? ` — ${declaredUntil(p, 'fr')} : si c'est une maintenance prévue, un retour arrière ne la finira pas plus tôt, vérifiez-le avant` : ''}`,
    en: (p) =>
      `rollback RECOMMENDED: RELEASE_ROLLBACK_COMMAND is not set, do it by hand${typeof p.until === 'string' ? ` — ${declaredUntil(p, 'en')}: if that is a maintenance someone planned, a rollback will not end it sooner, check it first` : ''}`,
  },
  'release.rollback.command_failed': {
    fr: (p) => `retour arrière en échec (${ended(p, 'fr')})`,
    en: (p) => `rollback failed (${ended(p, 'en')})`,
  },
  'release.rollback.done': {
    fr: () => 'retour arrière exécuté et vérifié',
    en: () => 'rollback run and verified',
  },
  // Without HARENA_BASE_URL, verify, monitor and release ask the embedded reference service: no deployment was judged.
  // A version the health route never reported (not deployed, no version field): said in words, never "?".
  'release.version.unknown': { fr: () => 'non communiquée', en: () => 'not reported' },
  'release.headline.no_version': { fr: () => 'version non communiquée', en: () => 'version not reported' },
  'release.reference_only': {
    fr: () => 'service de référence embarqué, pas un déploiement',
    en: () => 'embedded reference service, not a deployment',
  },
  'release.version.changed': {
    fr: (p) =>
      `la version a changé pendant la surveillance : ${ver(p.from, 'fr')} → ${ver(p.to, 'fr')} à ${utc(p.at)}${typeof p.elapsedMs === 'number' ? ` (${clock(p.elapsedMs)} après son début)` : ''} — quelqu’un d’autre a déployé ou fait un retour arrière ; les mesures ne portent pas sur une seule version`,
    en: (p) =>
      `the version changed during the watch: ${ver(p.from, 'en')} → ${ver(p.to, 'en')} at ${utc(p.at)}${typeof p.elapsedMs === 'number' ? ` (${clock(p.elapsedMs)} into it)` : ''} — someone else deployed or rolled back; the figures do not judge one version`,
  },
  'release.command.stopped': {
    fr: (p) =>
      `${p.command === 'deploy' ? 'le déploiement' : p.command === 'backup' ? 'la sauvegarde' : 'le retour arrière'} était en cours et a été ${p.command === 'backup' ? 'arrêtée' : 'arrêté'} (second signal : SIGTERM puis SIGKILL à tout son groupe de processus) : son résultat est inconnu, vérifiez le service à la main`,
    en: (p) =>
      `the ${p.command === 'deploy' ? 'deployment' : p.command === 'backup' ? 'backup' : 'rollback'} was running and was stopped (second signal: SIGTERM then SIGKILL to its whole process group): its outcome is unknown, check the service by hand`,
  },
  'release.rollback.ready_stopped': {
    fr: (p) =>
      `le retour arrière s'est terminé (code 0), mais l'attente du service (sa route de santé) a été arrêtée par un second signal après ${span(p.waitedMs, 'fr')} : non vérifié, son résultat est inconnu, vérifiez le service à la main`,
    en: (p) =>
      `the rollback command ended (exit code 0), but the wait for the service (its health route) was stopped by a second signal after ${span(p.waitedMs, 'en')}: not verified, its outcome is unknown, check the service by hand`,
  },
  'release.signal.let_finish': {
    fr: (p) => `${s(p.signal)} reçu pendant le retour arrière : il a été mené à son terme et vérifié, ceci est son résultat`,
    en: (p) => `${s(p.signal)} came during the rollback: it was let finish and checked, this is its outcome`,
  },
  // A signal after a rollback was called for, before it started (release/report.ts rollbackDue).
  'release.rollback.due_not_run': {
    fr: (p) =>
      `retour arrière DÛ, NON EXÉCUTÉ : ${s(p.signal)} est arrivé après le déclenchement, avant le début du retour arrière${p.command === true ? ' (RELEASE_ROLLBACK_COMMAND non lancé)' : ''} — il faut le faire à la main ; le reste du rapport est partiel`,
    en: (p) =>
      `rollback DUE, NOT RUN: ${s(p.signal)} came after the trigger, before the rollback started${p.command === true ? ' (RELEASE_ROLLBACK_COMMAND not run)' : ''} — roll back by hand; the rest of the report is partial`,
  },
  'release.interrupted': {
    fr: (p) =>
      `${typeof p.signal === 'string' ? s(p.signal) : 'un signal'} reçu avant la fin : seul ce qui a été vu jusque-là est rapporté, rien n’est jugé au-delà`,
    en: (p) =>
      `${typeof p.signal === 'string' ? s(p.signal) : 'a signal'} came before the end: only what was seen until then is reported, nothing judged beyond it`,
  },
}

registerCatalogue(MONITOR_CATALOGUE)

export type { P as MonitorParams }
