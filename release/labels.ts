// Headings and labels of the Phase 2 documents, one table per language (reasons come from core/locale/monitor.ts).
import { type Locale, say } from '../core/locale/index.ts'
import '../core/locale/monitor.ts'
import { type GatedBuild, headlineVersions, type PostDeploymentReport, type ReleaseStatus, type StepName } from './report.ts'

const FR = {
  title: 'Rapport post-déploiement',
  verifyTitle: 'Vérification du déploiement',
  rollbackVerifyTitle: 'Vérification après retour arrière',
  rollbackVerifyNote:
    "Contrôle du service après l'exécution de RELEASE_ROLLBACK_COMMAND, pas la vérification du déploiement (celle-ci reste dans verify-report.md)",
  // No deployment verify in this run (`npm run monitor`, a release whose deploy command failed): no file to point to.
  rollbackVerifyNoteAlone:
    "Contrôle du service après l'exécution de RELEASE_ROLLBACK_COMMAND ; cette exécution n'a vérifié aucun déploiement (pas de verify-report.md)",
  readyWait: 'Attente de disponibilité',
  readyOk: 'prêt',
  readyNot: 'pas prêt',
  deployment: 'Informations de déploiement',
  date: 'Date',
  version: 'Version',
  expected: 'attendue',
  deployer: 'Déployé par',
  duration: 'Durée',
  target: 'Service',
  backup: 'Sauvegarde de la base',
  backupNotSet: 'aucune (RELEASE_BACKUP_COMMAND non défini)',
  metrics: 'Métriques après déploiement',
  monitoring: 'surveillance',
  of: 'sur',
  planned: 'prévues',
  totalRequests: 'Requêtes',
  successRate: 'Taux de succès',
  errorRate: "Taux d'erreur",
  latency: 'Latence P50 / P95 / P99',
  visualizations: 'Visualisations générées',
  critical: 'Bugs critiques',
  skipped: 'Envois sautés (trop de requêtes en vol)',
  perVersion: 'Par version (dans l’ordre où chacune a été vue)',
  unattributed: 'non attribuées (entre deux versions)',
  windows: 'Fenêtres',
  window: 'Fenêtre',
  start: 'Début',
  end: 'Fin',
  requests: 'Requêtes',
  errors: 'Erreurs',
  fired: 'Déclenché',
  partial: 'partielle',
  issues: 'Problèmes détectés',
  none: 'Aucun',
  trigger: 'Déclencheur de retour arrière',
  alerts: 'Alertes',
  alertWindows: 'évaluation(s)',
  inconclusive: 'Évaluations non concluantes (au-dessus du seuil, mais la borne non : aucune action)',
  examples: 'Exemples de requêtes en échec',
  steps: 'Étapes',
  step: 'Étape',
  result: 'Résultat',
  ok: 'OK',
  failed: 'ÉCHEC',
  notRun: 'non exécutée',
  stepInterrupted: 'interrompue',
  commandOutput: 'Sortie de la commande (fin, secrets masqués)',
  exitCode: 'code de sortie',
  stoppedBy: 'arrêtée par',
  timedOut: 'délai dépassé',
  status: 'Statut',
  notObservable: 'Non observable',
  thresholds: 'Seuils',
  rule: 'Règle',
  threshold: 'Seuil',
  minSamples: 'requêtes minimum par fenêtre',
  health: 'Santé',
  questions: 'Questions',
  chart: 'P95 et taux d’erreur par fenêtre',
  interrupted: 'interrompu',
  afterRollback: 'après retour arrière',
  changedDuringWatch: 'puis pendant la surveillance',
  question: 'Question',
  category: 'Catégorie',
  perQuestion: 'Par question (demandes exécutées)',
  asks: 'Demandes',
  failures: 'Échecs',
  meanLatency: 'Moyenne',
  maxLatency: 'Max',
  slowAsks: 'Lentes (> alerte P95)',
  latencyShort: 'Latence',
  vizShort: 'Visualisations',
  notAsked: 'NON POSÉE',
  notAskedWhy: "non posée : la cible n'a pas répondu",
  healthNotAsked: "non demandée (la cible n'a donné aucune réponse)",
  healthInterrupted: 'non demandée (interrompue)',
} as const

type Labels = { [K in keyof typeof FR]: string }

const EN: Labels = {
  title: 'Post-Deployment Report',
  verifyTitle: 'Deployment verification',
  rollbackVerifyTitle: 'Verification after rollback',
  rollbackVerifyNote:
    "The service's check after RELEASE_ROLLBACK_COMMAND ran, not the deployment's verification (that one stays in verify-report.md)",
  rollbackVerifyNoteAlone: "The service's check after RELEASE_ROLLBACK_COMMAND ran; this run verified no deployment (no verify-report.md)",
  readyWait: 'Readiness wait',
  readyOk: 'ready',
  readyNot: 'not ready',
  deployment: 'Deployment Info',
  date: 'Date',
  version: 'Version',
  expected: 'expected',
  deployer: 'Deployer',
  duration: 'Duration',
  target: 'Service',
  backup: 'Database backup',
  backupNotSet: 'none (RELEASE_BACKUP_COMMAND not set)',
  metrics: 'Post-Deployment Metrics',
  monitoring: 'monitoring',
  of: 'of',
  planned: 'planned',
  totalRequests: 'Total Requests',
  successRate: 'Success Rate',
  errorRate: 'Error Rate',
  latency: 'Latency P50 / P95 / P99',
  visualizations: 'Visualizations Generated',
  critical: 'Critical bugs',
  skipped: 'Sends skipped (too many requests in flight)',
  perVersion: 'Per version (in the order each was first seen)',
  unattributed: 'unattributed (between two builds)',
  windows: 'Windows',
  window: 'Window',
  start: 'Start',
  end: 'End',
  requests: 'Requests',
  errors: 'Errors',
  fired: 'Fired',
  partial: 'partial',
  issues: 'Issues Detected',
  none: 'None',
  trigger: 'Rollback trigger',
  alerts: 'Alerts',
  alertWindows: 'evaluation(s)',
  inconclusive: 'Inconclusive evaluations (estimate above the threshold, bound not: no action)',
  examples: 'Examples of failed requests',
  steps: 'Steps',
  step: 'Step',
  result: 'Result',
  ok: 'OK',
  failed: 'FAILED',
  notRun: 'not run',
  stepInterrupted: 'interrupted',
  commandOutput: 'Command output (tail, secrets masked)',
  exitCode: 'exit code',
  stoppedBy: 'stopped by',
  timedOut: 'timeout',
  status: 'Status',
  notObservable: 'Not observable',
  thresholds: 'Thresholds',
  rule: 'Rule',
  threshold: 'Threshold',
  minSamples: 'minimum requests per window',
  health: 'Health',
  questions: 'Questions',
  chart: 'P95 and error rate per window',
  interrupted: 'interrupted',
  afterRollback: 'after rollback',
  changedDuringWatch: 'then during the watch',
  question: 'Question',
  category: 'Category',
  perQuestion: 'Per question (executed asks)',
  asks: 'Asks',
  failures: 'Failed',
  meanLatency: 'Mean',
  maxLatency: 'Max',
  slowAsks: 'Slow (> P95 alert)',
  latencyShort: 'Latency',
  vizShort: 'Visualizations',
  notAsked: 'NOT ASKED',
  notAskedWhy: 'not asked: the target did not answer',
  healthNotAsked: 'not asked (the target gave no answer at all)',
  healthInterrupted: 'not asked (interrupted)',
}

export function labels(locale: Locale): Labels {
  return locale === 'fr' ? FR : EN
}

const STATUS: Record<Locale, Record<ReleaseStatus, string>> = {
  fr: {
    stable: '✅ Stable en production',
    stable_with_critical: '⚠️ Stable',
    stable_with_health_failures: '⚠️ Stable',
    stable_with_findings: '⚠️ Stable',
    verified: '✅ Déployé et vérifié — pas surveillé (RELEASE_MONITOR=false)',
    investigate:
      "⚠️ Alerte : enquêter — toute la surveillance dépasse un seuil d'alerte, ou un seuil de retour arrière sans le prouver (pas de retour arrière)",
    inconclusive: "⚠️ Non concluant — la surveillance n'a pas pu juger le service, à décider par une personne",
    not_monitored: "⚠️ Non surveillé — la surveillance n'a pas eu lieu, rien n'a été jugé",
    version_changed: '⚠️ Version changée pendant la surveillance — pas de verdict sur la version déployée',
    unexpected_version:
      "⚠️ Pas la version attendue — la surveillance a jugé une autre version que RELEASE_EXPECTED_VERSION, pas de verdict sur l'attendue",
    rolled_back: '❌ Retour arrière effectué',
    rollback_failed: '❌ Retour arrière EN ÉCHEC — intervention immédiate',
    rollback_recommended: '❌ Retour arrière recommandé (à faire à la main)',
    not_deployed: '⛔ Non déployé',
    interrupted: '⚠️ Interrompu — rapport partiel, pas un verdict',
  },
  en: {
    stable: '✅ Stable in production',
    stable_with_critical: '⚠️ Stable',
    stable_with_health_failures: '⚠️ Stable',
    stable_with_findings: '⚠️ Stable',
    verified: '✅ Deployed and verified — not monitored (RELEASE_MONITOR=false)',
    investigate: '⚠️ Alert: investigate — the whole watch is above an alert threshold, or above a rollback threshold without proving it (no rollback)',
    inconclusive: '⚠️ Inconclusive — the watch could not judge the service, a person decides',
    not_monitored: '⚠️ Not monitored — the watch did not happen, nothing was judged',
    version_changed: '⚠️ Version changed during the watch — no verdict on the deployed version',
    unexpected_version: '⚠️ Not the expected version — the watch judged another version than RELEASE_EXPECTED_VERSION, no verdict on the expected one',
    rolled_back: '❌ Rolled back',
    rollback_failed: '❌ Rollback FAILED — act now',
    rollback_recommended: '❌ Rollback recommended (do it by hand)',
    not_deployed: '⛔ Not deployed',
    interrupted: '⚠️ Interrupted — a partial report, not a verdict',
  },
}

/** What a stable run on the embedded reference service is: stable, but not "in production". */
const STABLE_REFERENCE: Record<Locale, string> = { fr: '✅ Stable', en: '✅ Stable' }

/**
 * What the status line adds after "Stable" when the watch saw what no rule acted on (release/watch/conclude.ts withFindings):
 * the decision only — the first reason, printed right after it, gives the counts and the evidence (the count said
 * twice in one line read badly: a review, 2026-12-05).
 */
const FINDINGS: Record<
  Locale,
  { critical: string; health: string; refused: string; objectives: string; questions: string; slow: string; decision: string }
> = {
  fr: {
    critical: 'réponses critiques observées',
    refused: 'requêtes refusées par un limiteur dans son quota',
    health: 'contrôles de santé en échec',
    objectives: 'objectifs du plan manqués',
    questions: 'question(s) en échec à chaque demande',
    slow: 'question(s) lente(s) à la plupart des demandes',
    decision: ' : enquêter',
  },
  en: {
    critical: 'critical answers seen',
    refused: 'requests refused by a limiter within its quota',
    health: 'failed health checks',
    objectives: 'plan objectives missed',
    questions: 'question(s) failing at every ask',
    slow: 'question(s) slow at most asks',
    decision: ': investigate',
  },
}

/** What the status line needs besides the status: alert episodes, the embedded service, what no rule acted on. */
export interface StatusFacts {
  alerts?: number
  embedded?: boolean
  /** Critical answers of the watch (named when the status is stable with findings). */
  critical?: number
  /** Failed health checks of the watch (named when the status is stable with findings). */
  healthFailed?: number
  /** Objectives of the plan the whole watch proves missed, questions failing at every ask (named likewise). */
  objectivesMissed?: number
  failingQuestions?: number
  /** Questions slower than the P95 alert threshold at most asks (their median above it). */
  slowQuestions?: number
  /** A limiter's refusals within the quota the service declares (errors of the service: release/watch/refusals.ts). */
  refusedWithinQuota?: number
  /** Alert episodes confirmed at the confirming confidence (release/watch/result.ts AlertEpisode.confirmed). */
  confirmedAlerts?: number
  /** Interrupted after a rollback was called for, before it ran (release/report.ts rollbackDue). */
  rollbackDue?: boolean
}

/** The status of an interrupted run whose rollback was due and did not run: what to do first, then why partial. */
const ROLLBACK_DUE: Record<Locale, string> = {
  fr: '❌ Retour arrière dû, non exécuté (interrompu avant) — à faire à la main',
  en: '❌ Rollback due, not run (interrupted before it) — roll back by hand',
}

/** The status line's facts of a report, for every document and the terminal alike. */
export function statusFacts(r: PostDeploymentReport): StatusFacts {
  const m = r.monitor
  return {
    alerts: m?.alerts.length ?? 0,
    embedded: r.deployment.embedded,
    critical: m?.overall.tally.critical ?? 0,
    healthFailed: m?.health.failed ?? 0,
    objectivesMissed: m?.objectives.filter((v) => v.state === 'fired').length ?? 0,
    failingQuestions: m?.failingQuestions.length ?? 0,
    slowQuestions: m?.slowQuestions.length ?? 0,
    refusedWithinQuota: m?.overall.tally.refusedWithinQuota ?? 0,
    confirmedAlerts: m?.alerts.filter((a) => a.confirmed > 0).length ?? 0,
    rollbackDue: r.status === 'interrupted' && r.decision === 'ROLLBACK',
  }
}

const WITH_FINDINGS: ReadonlySet<ReleaseStatus> = new Set(['stable_with_critical', 'stable_with_health_failures', 'stable_with_findings'])

/** "critical answers seen, failed health checks: investigate" — which findings, never how many (the reasons count them). */
function findingsText(locale: Locale, facts: StatusFacts): string {
  const words = FINDINGS[locale]
  const alerts = facts.alerts ?? 0
  const named = [
    (facts.critical ?? 0) > 0 ? words.critical : null,
    (facts.healthFailed ?? 0) > 0 ? words.health : null,
    (facts.refusedWithinQuota ?? 0) > 0 ? words.refused : null,
    (facts.objectivesMissed ?? 0) > 0 ? words.objectives : null,
    (facts.failingQuestions ?? 0) > 0 ? words.questions : null,
    (facts.slowQuestions ?? 0) > 0 ? words.slow : null,
    // Alert episodes are listed apart from the reasons: their count is said here only.
    alerts > 0 ? (locale === 'fr' ? `${alerts} alerte(s)` : `${alerts} alert(s)`) : null,
  ]
  return `${named.filter((w) => w !== null).join(', ')}${words.decision}`
}

/**
 * The status; a plain stable release with alerts says how many held in some window without being confirmed (within
 * chance over the watch's evaluations: triggers.ts confirmingConfidence — a confirmed one makes it "stable with
 * findings", exit 6, so the line never says "to investigate" beside exit 0), and one that saw what no rollback rule
 * acted on (critical answers, failed health checks, an objective proven missed, a question failing at every ask, a
 * confirmed alert) says what — never a plain "Stable". On the embedded reference service (no HARENA_BASE_URL) it says so, in the words of `npm run verify`
 * (core/locale).
 */
export function statusLine(status: ReleaseStatus, locale: Locale, facts: StatusFacts = {}): string {
  const { alerts = 0, embedded = false } = facts
  let line =
    embedded && status === 'stable'
      ? STABLE_REFERENCE[locale]
      : status === 'interrupted' && facts.rollbackDue === true
        ? ROLLBACK_DUE[locale]
        : STATUS[locale][status]
  if (WITH_FINDINGS.has(status)) line = `${line} — ${findingsText(locale, facts)}`
  else if (status === 'stable' && alerts > 0)
    line =
      locale === 'fr'
        ? `${line}, ${alerts} alerte(s) de fenêtre non confirmée(s) sur la surveillance`
        : `${line}, ${alerts} window alert(s) not confirmed over the watch`
  return embedded ? `${line} — ${say({ code: 'release.reference_only', params: {} }, locale)}` : line
}

const STEPS: Record<Locale, Record<StepName, string>> = {
  fr: {
    gate: 'Phase 1 (validation)',
    backup: 'Sauvegarde de la base (avant déploiement)',
    deploy: 'Déploiement',
    verify: 'Vérification',
    monitor: 'Surveillance',
    rollback: 'Retour arrière',
    verify_after_rollback: 'Vérification après retour arrière',
  },
  en: {
    gate: 'Phase 1 (validation)',
    backup: 'Database backup (before deploying)',
    deploy: 'Deployment',
    verify: 'Verification',
    monitor: 'Monitoring',
    rollback: 'Rollback',
    verify_after_rollback: 'Verification after rollback',
  },
}

export function stepName(step: StepName, locale: Locale): string {
  return STEPS[locale][step]
}

/**
 * The Steps table's result of a gate that passed, with the build it judged (release/report.ts gatedBuild): "OK" only
 * beside the version it judged; another version, or one not reported, reads the decision and what was gated. The
 * versions are the service's words: `quote` marks them as such (the renderer escapes them).
 */
export function gatedResult<P>(g: GatedBuild, decision: string, locale: Locale, quote: (text: string) => P): (string | P)[] {
  const fr = locale === 'fr'
  const v = quote(g.version ?? '')
  const d = quote(g.deployed ?? '')
  if (g.judged === 'judged') return g.version === null ? ['OK'] : ['OK (', v, ')']
  if (g.judged === 'declared_same')
    return fr
      ? ['OK (', v, ', déclarée même artefact que ', d, ' : RELEASE_GATE_SAME_ARTIFACT)']
      : ['OK (', v, ', declared the same artifact as ', d, ': RELEASE_GATE_SAME_ARTIFACT)']
  if (g.judged === 'unknown') {
    if (g.version === null) return [fr ? `${decision} — version jugée non communiquée` : `${decision} — version gated not reported`]
    return fr ? [`${decision} — version jugée `, v, ' : ne distingue aucune construction'] : [`${decision} — version gated `, v, ': names no build']
  }
  const which = g.expected ? (fr ? 'attendue' : 'expected') : fr ? 'déployée' : 'deployed'
  return fr ? [`${decision} sur `, v, ` — pas la version ${which} `, d] : [`${decision} on `, v, ` — not the ${which} version `, d]
}

const RULES: Record<Locale, Record<string, string>> = {
  fr: {
    'rollback.service_down': 'Service arrêté (sans réponse, confirmé) → retour arrière immédiat',
    'rollback.service_flapping': 'Service arrêté par intermittence (coupures additionnées sur la fenêtre) → retour arrière',
    'rollback.leak': "Données d'un autre utilisateur → retour arrière immédiat",
    'rollback.critical_repeat': 'Même bug critique sur la même question, réponses consécutives → retour arrière',
    'rollback.transport_streak': 'Échecs de transport consécutifs → retour arrière',
    'rollback.health_streak': 'Contrôles de santé échoués consécutifs → retour arrière',
    'rollback.error_rate': "Taux d'erreur → retour arrière",
    'rollback.critical_rate': 'Taux de bugs critiques (5xx, contrat, JSON) → retour arrière',
    'alert.error_rate': "Taux d'erreur → enquêter",
    'alert.p95': 'P95 → problème de performance',
  },
  en: {
    'rollback.service_down': 'Service down (no answer, confirmed) → immediate rollback',
    'rollback.service_flapping': 'Service down, flapping (outages added up over the window) → rollback',
    'rollback.leak': "Another user's data → immediate rollback",
    'rollback.critical_repeat': 'The same critical bug on the same question, consecutive answers → rollback',
    'rollback.transport_streak': 'Consecutive transport failures → rollback',
    'rollback.health_streak': 'Consecutive failed health checks → rollback',
    'rollback.error_rate': 'Error rate → rollback',
    'rollback.critical_rate': 'Critical-bug rate (5xx, contract, JSON) → rollback',
    'alert.error_rate': 'Error rate → investigate',
    'alert.p95': 'P95 → performance issue',
  },
}

export function ruleName(id: string, locale: Locale): string {
  return RULES[locale][id] ?? id
}

/** A version as the documents write it: the health route's own text, or "not reported" in words (never "?"). */
export function versionText(version: string | null, locale: Locale): string {
  return version ?? say({ code: 'release.version.unknown', params: {} }, locale)
}

/**
 * The post-deployment report's headline, the same in every document: "Post-Deployment Report — 3.2.7 → 3.2.6", or,
 * when no version was read at all (a NO-GO at the gate deploys nothing), "Post-Deployment Report — version not reported".
 */
export function headline(d: PostDeploymentReport['deployment'], locale: Locale): string {
  const versions = headlineVersions(d)
  const title = labels(locale).title
  if (versions.every((v) => v === null)) return `${title} — ${say({ code: 'release.headline.no_version', params: {} }, locale)}`
  // The title first, as when no version was read: a leading "2.0 — " read as a section number.
  return `${title} — ${versions.map((v) => versionText(v, locale)).join(' → ')}`
}
