// The documents' own words, French and English: headings, table headers, labels and notes of the Markdown report,
// the terminal summary and the junit stand-in. A renderer picks a code and passes data; it never holds a sentence.
// Parameters that come from the target or the question file arrive already escaped for the document's format.
// A few labels keep the plan's wording in both languages (its T4.4 template: "Latency P95", "Viz Count"…).
import type { ReasonParam } from '../reason.ts'
import { fmtAgainst, fmtAtLeast, fmtInt, fmtLimit, fmtMs, fmtPct, fmtSamples, type Unit } from './format.ts'
import { type Catalogue, type Locale, registerCatalogue } from './index.ts'

const num = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const ms = (x: ReasonParam | undefined, L: Locale) => fmtMs(num(x), L)
/**
 * A figure a criterion judges (the success rate and its Wilson bounds, the P95 and its interval, the visualization
 * coverage), written against that criterion's thresholds, which the renderer passes as `limits`
 * (reporters/figures.ts limitsOf): the same figure then reads the same here, in the criteria table and in the reason,
 * and never rounds onto or across a threshold (format.ts fmtAgainst).
 */
const judged = (p: Record<string, ReasonParam>, x: ReasonParam | undefined, unit: Unit, L: Locale): string =>
  fmtAgainst(num(x), unit, L, Array.isArray(p.limits) ? p.limits.filter((t): t is number => typeof t === 'number') : [])
/** The end-to-end P95 beside its budget: "≥" when censored, written against the P95's thresholds (`limits`). */
const againstBudget = (p: Record<string, ReasonParam>, L: Locale) =>
  `${p.censored === true && num(p.p95) !== null ? '≥ ' : ''}${judged(p, p.p95, 'ms', L)}`
/**
 * The P95's order-statistic interval: both bounds, a lower bound alone ("unbounded" above: too few samples for an
 * upper one, or its rank on a timed-out request: "unbounded (≥ 3,000 ms, a timed-out request)"), or no interval at
 * all — said in words, never as dashes.
 */
function p95Interval(p: Record<string, ReasonParam>, L: Locale): string {
  const [lower, upper, atLeast] = [num(p.lower), num(p.upper), num(p.upperAtLeast)]
  const n = fmtSamples(num(p.n) ?? 0, L)
  if (lower === null && upper === null) return L === 'fr' ? `aucun IC 95 % sur ${n}` : `no 95 % CI from ${n}`
  const head = L === 'fr' ? "IC 95 % par statistiques d'ordre" : '95 % CI by order statistics'
  const unbounded = L === 'fr' ? 'non borné' : 'unbounded'
  const timedOut = L === 'fr' ? 'une requête expirée' : 'a timed-out request'
  const hi =
    upper !== null ? judged(p, upper, 'ms', L) : atLeast !== null ? `${unbounded} (≥ ${judged(p, atLeast, 'ms', L)}, ${timedOut})` : unbounded
  return `${head} ${lower === null ? (L === 'fr' ? 'non borné' : 'unbounded') : judged(p, lower, 'ms', L)} – ${hi}`
}
/** A question's max latency beside the P95 objective it exceeds: "≥ 1 500 ms > 1 000 ms", "1 000,1 ms > 1 000 ms". */
const overGoal = (p: Record<string, ReasonParam>, L: Locale) =>
  `${p.maxCensored === true ? '≥ ' : ''}${fmtAgainst(num(p.maxMs), 'ms', L, [num(p.goalMs)])} > ${fmtLimit(num(p.goalMs), 'ms', L)}`
/** A figure computed over censored values (a percentile, a mean, a max), "≥" when `flag` is true. */
const atLeast = (x: ReasonParam | undefined, flag: ReasonParam | undefined, L: Locale) => fmtAtLeast(num(x), flag === true, L)
const pct = (x: ReasonParam | undefined, L: Locale) => fmtPct(num(x), L)
const int = (x: ReasonParam | undefined, L: Locale) => fmtInt(num(x) ?? 0, L)
/** A label the plan's template keeps identical in both languages. */
const same = (text: string) => ({ fr: () => text, en: () => text })
const both = (fr: string, en: string) => ({ fr: () => fr, en: () => en })

/** The intent tables' classes that are not intents: a pipeline fallback, an answer without intent, no expectation. */
const INTENT_CLASS = {
  fallback: both('repli', 'fallback'),
  no_answer: both('sans réponse', 'no answer'),
  no_expectation: both('(aucune)', '(none)'),
}

/** What each judged metric asks of a GO, in the plan's words. */
const GO_CONDITION: Record<string, (p: Record<string, ReasonParam>, L: Locale) => string> = {
  success_rate: (p, L) => `${L === 'fr' ? 'succès' : 'success'} ≥ ${fmtLimit(num(p.minSuccessRate), 'ratio', L)}`,
  p95_ms: (p, L) => `P95 ≤ ${fmtLimit(num(p.p95GoMs), 'ms', L)}`,
  viz_coverage: (_p, L) =>
    L === 'fr' ? '100 % des réponses attendant une visualisation en portent une' : '100 % of the answers expecting a visualization carry one',
  critical_bugs: (_p, L) => (L === 'fr' ? 'aucun bug critique' : 'no critical bug'),
  complete: (_p, L) => (L === 'fr' ? 'exécution complète' : 'complete run'),
  ttfc_p95_ms: (p, L) => `TTFC P95 ≤ ${fmtLimit(num(p.ttfcGoMs), 'ms', L)}`,
  rate_limited: (_p, L) => (L === 'fr' ? 'aucune requête refusée par un limiteur de débit' : 'no request refused by a rate limiter'),
  no_regression: (_p, L) => (L === 'fr' ? 'aucune régression' : 'no regression'),
}
const listOf = (x: ReasonParam | undefined): string[] => (Array.isArray(x) ? x.map(String) : [])
const goConditions = (p: Record<string, ReasonParam>, L: Locale): string =>
  listOf(p.judged)
    .map((metric) => GO_CONDITION[metric]?.(p, L) ?? metric)
    .join(', ')
const notJudged = (p: Record<string, ReasonParam>, L: Locale): string => {
  const names = listOf(p.notJudged)
  if (names.length === 0) return ''
  return L === 'fr' ? ` — non évalué sur cette exécution : ${names.join(' ; ')}` : ` — not judged on this run: ${names.join('; ')}`
}

export const REPORT_CATALOGUE: Catalogue = {
  // --- Criterion statuses.
  'report.status.pass': both('OK', 'pass'),
  'report.status.warn': both('avertissement', 'warn'),
  'report.status.fail': both('échec', 'fail'),
  'report.status.inconclusive': both('non concluant', 'inconclusive'),
  'report.status.not-applicable': both('non applicable', 'not applicable'),

  // --- Markdown: header.
  'report.md.title': both('# Sprint 1.4 - Phase 1 - Rapport de Validation', '# Sprint 1.4 - Phase 1 - Validation Report'),
  'report.md.target': {
    fr: (p) =>
      `> Cible : ${str(p.url)} — contrat ${str(p.contract)} — ${p.embedded ? 'service de référence embarqué (pas le vrai Harena)' : 'service distant'}  `,
    en: (p) =>
      `> Target : ${str(p.url)} — contract ${str(p.contract)} — ${p.embedded ? 'embedded reference service (not the real Harena)' : 'remote service'}  `,
  },
  // The version and the run id arrive as code spans, formatted by the renderer (reporters/markdown.ts mdCode).
  'report.md.identity': {
    fr: (p) =>
      `> Version annoncée par la cible : ${p.version === null || p.version === undefined ? 'non communiquée (route de santé)' : str(p.version)} — campagne ${str(p.runId)}  `,
    en: (p) =>
      `> Version reported by the target: ${p.version === null || p.version === undefined ? 'not reported (health route)' : str(p.version)} — run ${str(p.runId)}  `,
  },
  'report.term.identity': {
    fr: (p) =>
      `version de la cible : ${p.version === null || p.version === undefined ? 'non communiquée' : str(p.version)} · campagne ${str(p.runId)}`,
    en: (p) => `target version: ${p.version === null || p.version === undefined ? 'not reported' : str(p.version)} · run ${str(p.runId)}`,
  },
  'report.version.unknown': { fr: () => 'non communiquée', en: () => 'not reported' },
  // --- Evidence files (reporters/evidence.ts), one per failed attempt, linked from the Markdown.
  'report.md.anomaly.evidence': {
    fr: (p) => `${str(p.question)} : pièces (réponse expurgée, raisons) — ${str(p.links)}`,
    en: (p) => `${str(p.question)} : evidence (redacted answer, reasons) — ${str(p.links)}`,
  },
  'report.md.anomaly.evidence_link': {
    fr: (p) => (p.warmup === true ? `échauffement ${str(p.attempt)}` : `tentative ${str(p.attempt)}`),
    en: (p) => (p.warmup === true ? `warm-up ${str(p.attempt)}` : `attempt ${str(p.attempt)}`),
  },
  'report.md.anomaly.evidence_left_out': {
    fr: (p) => `${str(p.count)} autre(s) tentative(s) en échec sans fichier de pièces (plafond atteint) : voir validation-report.json et .html`,
    en: (p) => `${str(p.count)} more failed attempt(s) without an evidence file (cap reached): see validation-report.json and .html`,
  },
  'report.evidence.question': {
    fr: (p) => `Question ${str(p.id)} — « ${str(p.message)} »`,
    en: (p) => `Question ${str(p.id)} — « ${str(p.message)} »`,
  },
  'report.evidence.attempt': {
    fr: (p) =>
      `${p.warmup === true ? 'Échauffement' : 'Tentative'} ${str(p.attempt)}${p.planned === null ? '' : `/${str(p.planned)}`} — ${p.status === null ? 'pas de réponse HTTP' : `HTTP ${str(p.status)}`} — ${str(p.latencyMs)} ms${p.timedOut === true ? ' (délai dépassé)' : ''}${p.critical ? ` — bug critique : ${str(p.critical)}` : ''} — début ${str(p.startedAt)}`,
    en: (p) =>
      `${p.warmup === true ? 'Warm-up' : 'Attempt'} ${str(p.attempt)}${p.planned === null ? '' : `/${str(p.planned)}`} — ${p.status === null ? 'no HTTP answer' : `HTTP ${str(p.status)}`} — ${str(p.latencyMs)} ms${p.timedOut === true ? ' (timed out)' : ''}${p.critical ? ` — critical bug: ${str(p.critical)}` : ''} — started ${str(p.startedAt)}`,
  },
  'report.evidence.request_ids': {
    fr: (p) => `Identifiants de requête : envoyé ${str(p.sent)}${p.target ? `, cible ${str(p.target)}` : ''}`,
    en: (p) => `Request ids: sent ${str(p.sent)}${p.target ? `, target ${str(p.target)}` : ''}`,
  },
  'report.evidence.failures': both('Raisons :', 'Reasons:'),
  'report.evidence.issues': both('Écarts au contrat :', 'Contract issues:'),
  'report.evidence.error': both('Erreur :', 'Error:'),
  'report.evidence.trailers': both('Trailers HTTP (après le corps, expurgés) :', 'HTTP trailers (after the body, redacted):'),
  'report.evidence.body': both('Réponse (expurgée des secrets, premiers caractères) :', 'Answer (secrets redacted, first characters):'),
  'report.evidence.no_body': both('(aucun corps conservé)', '(no body kept)'),
  'report.md.generated': {
    // Two trailing spaces: a Markdown line break, so the version line below stays a line of its own.
    fr: (p) => `> Généré le ${str(p.at)} — début ${str(p.startedAt)}, durée ${ms(p.durationMs, 'fr')}  `,
    en: (p) => `> Generated at ${str(p.at)} — started ${str(p.startedAt)}, duration ${ms(p.durationMs, 'en')}  `,
  },

  // --- Markdown: executive summary.
  'report.md.summary': both('## Résumé Exécutif', '## Executive Summary'),
  'report.md.summary.tests': {
    fr: (p) =>
      `- Tests effectués : ${str(p.questions)} questions réelles × ${str(p.iterations)} itération(s) = ${int(p.planned, 'fr')} tentatives prévues, ${int(p.executed, 'fr')} exécutées (${int(p.warmups, 'fr')} requêtes d'échauffement exclues des statistiques)`,
    en: (p) =>
      `- Tests run: ${str(p.questions)} real questions × ${str(p.iterations)} iteration(s) = ${int(p.planned, 'en')} planned attempts, ${int(p.executed, 'en')} executed (${int(p.warmups, 'en')} warm-up requests excluded from statistics)`,
  },
  'report.md.summary.success': {
    fr: (p) =>
      `- Taux de succès : ${judged(p, p.rate, 'ratio', 'fr')} (${str(p.successes)}/${str(p.n)} ; IC 95 % Wilson ${judged(p, p.lower, 'ratio', 'fr')} – ${judged(p, p.upper, 'ratio', 'fr')})`,
    en: (p) =>
      `- Success rate : ${judged(p, p.rate, 'ratio', 'en')} (${str(p.successes)}/${str(p.n)} ; 95 % CI Wilson ${judged(p, p.lower, 'ratio', 'en')} – ${judged(p, p.upper, 'ratio', 'en')})`,
  },
  'report.md.summary.latency': {
    // A mean over censored latencies (timeouts at the timeout) is a lower bound, as a censored P95 is.
    fr: (p) => `- Latence moyenne : ${atLeast(p.mean, p.meanCensored, 'fr')} (P95 ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'fr')})`,
    en: (p) => `- Mean latency : ${atLeast(p.mean, p.meanCensored, 'en')} (P95 ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'en')})`,
  },
  'report.md.summary.decision': {
    fr: (p) => `- Decision : **${str(p.decision)}**${p.harnessError ? " (erreur du harnais : la cible n'a pas pu être validée)" : ''}`,
    en: (p) => `- Decision : **${str(p.decision)}**${p.harnessError ? ' (harness error: the target could not be validated)' : ''}`,
  },
  'report.md.summary.run': {
    fr: (p) =>
      `- Exécution : ${p.complete ? 'complète' : '**incomplète**'}${p.interrupted ? ' (interrompue)' : ''}${p.exitCode === null ? '' : ` — code de sortie ${str(p.exitCode)}`}`,
    en: (p) =>
      `- Run : ${p.complete ? 'complete' : '**incomplete**'}${p.interrupted ? ' (interrupted)' : ''}${p.exitCode === null ? '' : ` — exit code ${str(p.exitCode)}`}`,
  },
  'report.md.summary.reasons': both('- Raisons :', '- Reasons :'),

  // --- Markdown: criteria table.
  'report.md.criteria.criterion': both('Critère', 'Criterion'),
  'report.md.criteria.threshold': both('Seuil', 'Threshold'),
  'report.md.criteria.observed': both('Observé', 'Observed'),
  'report.md.criteria.interval': both('IC 95 %', '95 % CI'),
  'report.md.criteria.status': both('Statut', 'Status'),
  'report.md.criteria.samples': both('Échantillons pour conclure', 'Samples to be conclusive'),
  'report.md.criteria.threshold_warn': {
    fr: (p) => `${str(p.pass)} (sinon avertissement si ${str(p.warn)})`,
    en: (p) => `${str(p.pass)} (else warn if ${str(p.warn)})`,
  },
  'report.md.criteria.bound_judged': both(' (borne jugée)', ' (bound judged)'),
  'report.md.criteria.reached': {
    fr: (p) => `atteint (${int(p.n, 'fr')})`,
    en: (p) => `reached (${int(p.n, 'en')})`,
  },

  // --- Markdown: results by category.
  'report.md.categories': both('## Résultats par Catégorie', '## Results by Category'),
  'report.md.category.title': {
    fr: (p) => `### ${str(p.title)} (${str(p.count)} question${num(p.count) === 1 ? '' : 's'})`,
    en: (p) => `### ${str(p.title)} (${str(p.count)} question${num(p.count) === 1 ? '' : 's'})`,
  },
  'report.md.category.question': same('Question'),
  'report.md.category.intent': same('Intent'),
  'report.md.category.success': same('Success'),
  'report.md.category.viz': same('Viz Count'),
  'report.md.category.latency': same('Latency'),
  'report.md.category.timeouts': {
    fr: (p) => ` (${str(p.count)} ${num(p.count) === 1 ? 'délai dépassé' : 'délais dépassés'})`,
    en: (p) => ` (${str(p.count)} timeout)`,
  },
  'report.md.q.not_executed': both('⏹️ non exécutée', '⏹️ not executed'),
  'report.md.q.missing': {
    fr: (p) => ` (${str(p.count)} non exécutée(s))`,
    en: (p) => ` (${str(p.count)} not executed)`,
  },
  'report.md.q.flaky': both(' (instable)', ' (flaky)'),
  'report.md.q.expected': {
    fr: (p) => `attendu ${str(p.intent)}`,
    en: (p) => `expected ${str(p.intent)}`,
  },

  // The intent labels left out of a question's list or of the confusion table's columns (reporters/aggregate.ts
  // MAX_INTENTS_PER_QUESTION, MAX_CONFUSION_COLUMNS): counted together, their number said.
  'report.intents.other': {
    fr: (p) => `autres (${Number(p.labels)} intitulé${Number(p.labels) > 1 ? 's' : ''})`,
    en: (p) => `other (${Number(p.labels)} label${Number(p.labels) > 1 ? 's' : ''})`,
  },

  // The GitHub job summary when the report is over GitHub's limit (reporters/output.ts boundedSummary).
  'report.md.step_summary_cut': {
    fr: (p) =>
      `> ⚠️ Résumé tronqué : le rapport dépasse la limite de GitHub (1 Mio par résumé d'étape, au-delà le résumé entier serait ignoré). ${str(p.sections) ? `Omis ou coupé : ${str(p.sections)}. ` : ''}Rapport complet : ${str(p.path)} (artefact de la tâche CI).`,
    en: (p) =>
      `> ⚠️ Summary cut: the report exceeds GitHub's limit (1 MiB per step summary, beyond which the whole summary is dropped). ${str(p.sections) ? `Left out or cut: ${str(p.sections)}. ` : ''}Full report: ${str(p.path)} (job artifact).`,
  },

  // --- Markdown: anomalies.
  'report.md.anomalies': both('## Anomalies Détectées', '## Detected Anomalies'),
  'report.md.anomaly.target_unusable': {
    fr: (p) => `Cible inutilisable : ${str(p.message)}`,
    en: (p) => `Target unusable : ${str(p.message)}`,
  },
  'report.md.anomaly.harness': {
    fr: (p) => `Harnais : ${str(p.message)}`,
    en: (p) => `Harness : ${str(p.message)}`,
  },
  'report.md.anomaly.interrupted': both(
    'Exécution interrompue avant la fin : rapport incomplet, jamais GO.',
    'Run interrupted before the end: incomplete report, never GO.',
  ),
  // The start of the answer's body, as a critical bug's evidence says it (reporters/aggregate.ts).
  'report.critical.body': { fr: (p) => `corps : ${str(p.body)}`, en: (p) => `body: ${str(p.body)}` },
  'report.md.anomaly.critical': {
    fr: (p) =>
      `${str(p.question)} : bug critique ${str(p.kind)} (${p.warmup ? 'échauffement' : 'tentative'} ${str(p.attempt)}${p.httpStatus === null ? '' : `, HTTP ${str(p.httpStatus)}`}) — ${str(p.evidence)}`,
    en: (p) =>
      `${str(p.question)} : critical bug ${str(p.kind)} (${p.warmup ? 'warm-up' : 'attempt'} ${str(p.attempt)}${p.httpStatus === null ? '' : `, HTTP ${str(p.httpStatus)}`}) — ${str(p.evidence)}`,
  },
  'report.md.anomaly.more_critical': {
    fr: (p) =>
      `… ${str(p.count)} autres bugs critiques : criticalBugsByQuestion de validation-report.json les compte par question, samples.ndjson les garde requête par requête.`,
    en: (p) =>
      `… ${str(p.count)} more critical bugs: criticalBugsByQuestion in validation-report.json counts them per question, samples.ndjson keeps them request by request.`,
  },
  'report.md.anomaly.not_executed': {
    fr: (p) => `${str(p.question)} : ${str(p.count)} tentative(s) non exécutée(s) (comptées en échec)`,
    en: (p) => `${str(p.question)} : ${str(p.count)} attempt(s) not executed (counted as failed)`,
  },
  'report.md.anomaly.failure': {
    fr: (p) => `${str(p.question)} « ${str(p.message)} » : ${str(p.reason)}${(num(p.count) ?? 1) > 1 ? ` (×${str(p.count)})` : ''}`,
    en: (p) => `${str(p.question)} « ${str(p.message)} » : ${str(p.reason)}${(num(p.count) ?? 1) > 1 ? ` (×${str(p.count)})` : ''}`,
  },
  'report.md.anomaly.more_reasons': {
    fr: (p) => `${str(p.question)} : +${str(p.count)} autres raisons`,
    en: (p) => `${str(p.question)} : +${str(p.count)} more reasons`,
  },
  // The max beside the objective it exceeds: written against it (format.ts fmtAgainst), never rounded onto it
  // ("1,000 ms > 1,000 ms" for 1,000.086 ms); "≥" when a timeout makes it a lower bound (`maxCensored`).
  'report.md.anomaly.excessive_latency': {
    fr: (p) => `${str(p.question)} : Latence excessive (max ${overGoal(p, 'fr')})`,
    en: (p) => `${str(p.question)} : Excessive latency (max ${overGoal(p, 'en')})`,
  },
  'report.md.anomaly.flaky': {
    fr: (p) => `${str(p.question)} : instable, ${str(p.passed)}/${str(p.executed)} tentatives réussies`,
    en: (p) => `${str(p.question)} : flaky, ${str(p.passed)}/${str(p.executed)} attempts passed`,
  },
  'report.md.anomaly.none': both('- Aucune anomalie détectée.', '- No anomaly detected.'),
  'report.md.anomaly.more': {
    fr: (p) => `- … ${str(p.count)} de plus (voir validation-report.json).`,
    en: (p) => `- … ${str(p.count)} more (see validation-report.json).`,
  },

  // --- Markdown: global metrics.
  // --- Markdown: security probes and what could be checked (docs/security-probes.md, docs/grounding.md).
  'report.md.security': both('## Sécurité', '## Security'),
  'report.md.security.probe': both('Sonde', 'Probe'),
  'report.md.security.outcome': both('Résultat', 'Outcome'),
  'report.md.security.http': same('HTTP'),
  'report.md.security.detail': both('Détail', 'Detail'),
  'report.md.security.refused': both('✅ refusée', '✅ refused'),
  'report.md.security.failed': both('❌ échec (bug critique)', '❌ failed (critical bug)'),
  'report.md.security.not_applicable': both('➖ non applicable', '➖ not applicable'),
  'report.md.security.not_probed': both('❌ non exécutée', '❌ not run'),
  'report.md.security.none': both(
    '- Aucune sonde de sécurité dans cette exécution (VALIDATION_SECURITY=false, ou tests/security.spec.ts non exécuté).',
    '- No security probe in this run (VALIDATION_SECURITY=false, or tests/security.spec.ts not run).',
  ),
  'report.md.checkable': both('## Vérifiabilité des réponses', '## What could be checked'),
  'report.md.checkable.intro': both(
    "Chiffres énoncés confrontés à ceux que porte la réponse (cartes, graphiques, résumé) et à la vérité terrain ; ce qui n'a pas pu l'être est dit, jamais compté comme réussi.",
    'Figures the answer states, compared with those it carries (cards, charts, summary) and with the ground truth; what could not be compared is said, never counted as passed.',
  ),
  'report.md.checkable.question': same('Question'),
  'report.md.checkable.figures': both('Chiffres (ancrés / contredits / non vérifiables)', 'Figures (grounded / contradicted / not checkable)'),
  'report.md.checkable.notes': both('Remarques (non vérifiable, non observable, mesuré)', 'Notes (not checkable, not observable, measured)'),
  'report.md.checkable.not_observable': {
    fr: (p) => `non observable sur ${str(p.contract)} : ${str(p.items)}`,
    en: (p) => `not observable on ${str(p.contract)}: ${str(p.items)}`,
  },
  'report.md.checkable.none': both('- Aucune réponse à chiffres lue dans cette exécution.', '- No answer with figures was read in this run.'),
  'report.md.metrics': both('## Métriques Globales', '## Global Metrics'),
  'report.md.metrics.p50': {
    fr: (p) => `- Latency P50: ${atLeast(p.p50, p.censored, 'fr')}`,
    en: (p) => `- Latency P50: ${atLeast(p.p50, p.censored, 'en')}`,
  },
  'report.md.metrics.p95': {
    fr: (p) => `- Latency P95: ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'fr')} (${p95Interval(p, 'fr')})`,
    en: (p) => `- Latency P95: ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'en')} (${p95Interval(p, 'en')})`,
  },
  'report.md.metrics.p99': {
    fr: (p) => `- Latency P99: ${atLeast(p.p99, p.censored, 'fr')}`,
    en: (p) => `- Latency P99: ${atLeast(p.p99, p.censored, 'en')}`,
  },
  'report.md.metrics.weak': {
    fr: (p) => ` ⚠️ faiblement étayé (n = ${str(p.n)} < ${str(p.min)})`,
    en: (p) => ` ⚠️ weakly supported (n = ${str(p.n)} < ${str(p.min)})`,
  },
  'report.md.metrics.mean_max': {
    fr: (p) =>
      `- Latence moyenne / max: ${atLeast(p.mean, p.meanCensored, 'fr')} / ${atLeast(p.max, p.maxCensored, 'fr')} (n = ${int(p.n, 'fr')}${num(p.censored) ? `, dont ${str(p.censored)} délai(s) dépassé(s) censuré(s) à ${ms(p.timeoutMs, 'fr')}` : ''})`,
    en: (p) =>
      `- Mean / max latency: ${atLeast(p.mean, p.meanCensored, 'en')} / ${atLeast(p.max, p.maxCensored, 'en')} (n = ${int(p.n, 'en')}${num(p.censored) ? `, incl. ${str(p.censored)} timeout(s) censored at ${ms(p.timeoutMs, 'en')}` : ''})`,
  },
  'report.md.metrics.ttfb': {
    fr: (p) => `- TTFB P50 / P95: ${p.c50 ? '≥ ' : ''}${ms(p.p50, 'fr')} / ${p.c95 ? '≥ ' : ''}${ms(p.p95, 'fr')} (n = ${int(p.n, 'fr')})`,
    en: (p) => `- TTFB P50 / P95: ${p.c50 ? '≥ ' : ''}${ms(p.p50, 'en')} / ${p.c95 ? '≥ ' : ''}${ms(p.p95, 'en')} (n = ${int(p.n, 'en')})`,
  },
  'report.md.metrics.success': {
    fr: (p) => `- Success Rate: ${judged(p, p.rate, 'ratio', 'fr')} (${str(p.successes)}/${str(p.n)})`,
    en: (p) => `- Success Rate: ${judged(p, p.rate, 'ratio', 'en')} (${str(p.successes)}/${str(p.n)})`,
  },
  // `unreadable`: answers a visualization was expected of whose body broke the contract, left out of the ratio
  // (reporters/aggregate.ts): said beside the denominator they are missing from.
  'report.md.metrics.viz': {
    fr: (p) =>
      `- Visualization Coverage: ${judged(p, p.rate, 'ratio', 'fr')} (${str(p.successes)}/${str(p.n)} réponses DATA_PRESENTATION attendant une visualisation${Number(p.unreadable) > 0 ? ` ; ${str(p.unreadable)} autre(s) hors du compte : corps contraire au contrat, visualisation illisible, comptée(s) parmi les bugs critiques` : ''})`,
    en: (p) =>
      `- Visualization Coverage: ${judged(p, p.rate, 'ratio', 'en')} (${str(p.successes)}/${str(p.n)} DATA_PRESENTATION answers expecting a visualization${Number(p.unreadable) > 0 ? `; ${str(p.unreadable)} more left out: a body that broke the contract, no visualization readable, counted among the critical bugs` : ''})`,
  },
  'report.md.metrics.critical': {
    fr: (p) => `- Bugs critiques: ${str(p.count)} (${str(p.kinds)})`,
    en: (p) => `- Critical bugs: ${str(p.count)} (${str(p.kinds)})`,
  },
  'report.md.metrics.flaky': {
    fr: (p) => `- Questions instables: ${str(p.ids) || 'aucune'}`,
    en: (p) => `- Flaky questions: ${str(p.ids) || 'none'}`,
  },
  'report.md.stages': both('### Latence par étape', '### Latency by stage'),
  'report.md.stages.stage': both('Étape', 'Stage'),
  'report.md.stages.status': both('Statut', 'Status'),
  // A stage's status (reporters/stage-stats.ts StageStatus), in the Markdown and HTML stage tables alike.
  'report.stage.status.over': both('⚠️ P95 hors budget', '⚠️ P95 over budget'),
  'report.stage.status.within': both('✅ P95 dans le budget', '✅ P95 within budget'),
  'report.stage.status.within_lower_bound': both(
    '❔ P95 dans le budget sur les réponses reçues — une borne basse (≥) : des tentatives ont expiré',
    '❔ P95 within budget on the answers that came — a lower bound (≥): attempts timed out',
  ),
  'report.stage.status.not_observable': { fr: (p) => `non observable sur ${str(p.contract)}`, en: (p) => `not observable on ${str(p.contract)}` },
  'report.stage.status.not_used': both('rapportée, inutilisable (voir les notes)', 'reported, not usable (see the notes)'),
  'report.stage.status.unknown': both('inconnue : toutes les tentatives ont expiré', 'unknown: every attempt timed out'),
  'report.stage.status.not_reported': both('non rapporté par le service', 'not reported by the service'),
  'report.stage.weak': both(' — faiblement étayée', ' — weakly supported'),
  // n of the measured attempts behind a stage's figures.
  'report.stage.n_of': {
    fr: (p) => `${fmtInt(num(p.n) ?? 0, 'fr')} sur ${fmtInt(num(p.of) ?? 0, 'fr')}`,
    en: (p) => `${fmtInt(num(p.n) ?? 0, 'en')} of ${fmtInt(num(p.of) ?? 0, 'en')}`,
  },
  'report.md.stages.total': {
    fr: (p) => `- Total de bout en bout : P95 ${againstBudget(p, 'fr')}, budget ${fmtLimit(num(p.budget), 'ms', 'fr')}`,
    en: (p) => `- End-to-end total : P95 ${againstBudget(p, 'en')}, budget ${fmtLimit(num(p.budget), 'ms', 'en')}`,
  },
  'report.md.by_category': both('### Latence par catégorie', '### Latency by category'),
  'report.md.by_category.category': both('Catégorie', 'Category'),
  'report.md.by_category.questions': same('Questions'),
  'report.md.by_category.success': both('Succès', 'Success'),
  'report.md.confusion': both('### Matrice de confusion des intentions', '### Intent confusion matrix'),
  'report.md.confusion.none': both('- Aucune réponse observée.', '- No answer observed.'),
  'report.md.confusion.corner': both('attendu \\\\ observé', 'expected \\\\ observed'),
  'report.md.confusion.legend': {
    fr: (p) =>
      `- « ${INTENT_CLASS.fallback.fr()} » = réponse de repli du pipeline ; « ${INTENT_CLASS.no_answer.fr()} » = aucune intention dans la réponse ; « ${INTENT_CLASS.no_expectation.fr()} » = pas d'attente d'intention (cas limites).${p.subtypeNotObservable ? ' Sous-type non observable sur le fil : comparaison au niveau du groupe.' : ''}`,
    en: (p) =>
      `- "${INTENT_CLASS.fallback.en()}" = pipeline fallback answer; "${INTENT_CLASS.no_answer.en()}" = no intent in the answer; "${INTENT_CLASS.no_expectation.en()}" = no intent expectation (edge cases).${p.subtypeNotObservable ? ' Subtype not observable on the wire: compared at group level.' : ''}`,
  },
  // The classes of the intent tables that are not intents (reporters/aggregate.ts FALLBACK_CLASS…), as every document
  // writes them (reporters/i18n.ts intentText); the JSON report keeps their ids.
  'report.intent.fallback': INTENT_CLASS.fallback,
  'report.intent.no_answer': INTENT_CLASS.no_answer,
  'report.intent.no_expectation': INTENT_CLASS.no_expectation,

  // --- Markdown: recommendations.
  'report.md.recommendations': both('## Recommandations', '## Recommendations'),
  // Built from the criteria the run judges (`judged`: their metrics, in the table's order); the ones it cannot
  // judge are named (`notJudged`), never claimed.
  'report.md.recommend.go': {
    fr: (p) => `GO pour production (${goConditions(p, 'fr')})${notJudged(p, 'fr')}`,
    en: (p) => `GO for production (${goConditions(p, 'en')})${notJudged(p, 'en')}`,
  },
  'report.md.recommend.conditional': {
    fr: (p) =>
      `CONDITIONAL — déploiement sous réserve (P95 entre ${fmtLimit(num(p.p95GoMs), 'ms', 'fr')} et ${fmtLimit(num(p.p95NoGoMs), 'ms', 'fr')}, ou résultat non concluant)`,
    en: (p) =>
      `CONDITIONAL — ship with reservations (P95 between ${fmtLimit(num(p.p95GoMs), 'ms', 'en')} and ${fmtLimit(num(p.p95NoGoMs), 'ms', 'en')}, or an inconclusive result)`,
  },
  'report.md.recommend.nogo': both('NO-GO - Corrections nécessaires', 'NO-GO - Fixes required'),

  // --- Markdown: confidence notes.
  'report.md.confidence': both("## Notes de confiance et taille d'échantillon", '## Confidence and sample-size notes'),
  'report.md.confidence.percentiles': both(
    "- Percentiles exacts, méthode type 7 (interpolation linéaire entre statistiques d'ordre au rang p·(n−1), comme numpy par défaut et k6), sur toutes les tentatives mesurées, échecs inclus ; une requête en délai dépassé entre censurée à la valeur du délai (la vraie latence est ≥) ; échauffement exclu.",
    '- Exact percentiles, method type 7 (linear interpolation between order statistics at p·(n−1), as numpy default and k6), over all measured attempts, failures included; a timeout enters censored at the timeout (the true latency is ≥); warm-ups excluded.',
  ),
  'report.md.confidence.intervals': both(
    "- Taux : intervalle de Wilson à 95 %. P95 : intervalle sans hypothèse de distribution par statistiques d'ordre (binomiale) ; sous 59 échantillons, aucune borne haute à 95 % n'existe.",
    '- Rates: 95 % Wilson interval. P95: distribution-free order-statistic interval (binomial); below 59 samples no 95 % upper bound exists.',
  ),
  'report.md.confidence.weak_p95': {
    fr: (p) => `- P95 calculée sur ${fmtSamples(num(p.n) ?? 0, 'fr')} (moins de ${str(p.min)}) : faiblement étayée.`,
    en: (p) => `- P95 from ${fmtSamples(num(p.n) ?? 0, 'en')} (fewer than ${str(p.min)}): weakly supported.`,
  },
  'report.md.confidence.weak_p99': {
    fr: (p) => `- P99 calculée sur ${fmtSamples(num(p.n) ?? 0, 'fr')} (moins de ${str(p.min)}) : faiblement étayée (proche du maximum).`,
    en: (p) => `- P99 from ${fmtSamples(num(p.n) ?? 0, 'en')} (fewer than ${str(p.min)}): weakly supported (close to the maximum).`,
  },
  'report.md.confidence.criterion_note': {
    fr: (p) => `- ${str(p.criterion)} : ${str(p.note)}`,
    en: (p) => `- ${str(p.criterion)}: ${str(p.note)}`,
  },
  // Why, from the run's data: the stream route, the contract, or the answers of a contract that may carry one.
  'report.md.confidence.subtype': {
    fr: (p) =>
      `- Sous-type d'intention non observable (${p.stream === true ? `le flux de ${str(p.contract)} n'en transporte pas` : p.carriage === 'optional' ? `aucune réponse de la cible, contrat ${str(p.contract)}, n'en a porté` : `le contrat ${str(p.contract)} n'en transporte pas`}) : seul le groupe est comparé.`,
    en: (p) =>
      `- Intent subtype not observable (${p.stream === true ? `the ${str(p.contract)} stream carries none` : p.carriage === 'optional' ? `no answer of the target, ${str(p.contract)} contract, carried one` : `the ${str(p.contract)} contract carries none`}): only the group is compared.`,
  },
  'report.md.confidence.cache': {
    fr: (p) =>
      `- ⚠️ Cache probable : sur ${str(p.questions)} questions, les tentatives mesurées ont une latence médiane de ${pct(p.ratio, 'fr')} de celle de leur échauffement (médiane ${ms(p.warmupMs, 'fr')}) : la cible sert peut-être les répétitions depuis un cache, la latence mesurée est alors optimiste. Mesurez avec VALIDATION_WARMUP=0 ou le cache désactivé.`,
    en: (p) =>
      `- ⚠️ Likely cache: over ${str(p.questions)} questions, measured attempts took a median ${pct(p.ratio, 'en')} of their warm-up's latency (median ${ms(p.warmupMs, 'en')}): the target may serve repeats from a cache, so the measured latency is optimistic. Measure with VALIDATION_WARMUP=0 or the cache off.`,
  },
  'report.md.confidence.strict': {
    fr: (p) => `- Mode strict : ${str(p.ids)} jugé(s) sur la borne de l'intervalle de confiance.`,
    en: (p) => `- Strict mode: ${str(p.ids)} judged on the confidence bound.`,
  },

  // --- Terminal.
  'report.term.summary': {
    fr: (p) =>
      `${int(p.executed, 'fr')}/${int(p.planned, 'fr')} tentatives, ${str(p.successes)} réussies · P50 ${atLeast(p.p50, p.c50, 'fr')} · P95 ${p.c95 === true && num(p.p95) !== null ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'fr')} · P99 ${atLeast(p.p99, p.c99, 'fr')} (type 7) · ${p.embedded ? 'service de référence embarqué' : str(p.url)}`,
    en: (p) =>
      `${int(p.executed, 'en')}/${int(p.planned, 'en')} attempts, ${str(p.successes)} ok · P50 ${atLeast(p.p50, p.c50, 'en')} · P95 ${p.c95 === true && num(p.p95) !== null ? '≥ ' : ''}${judged(p, p.p95, 'ms', 'en')} · P99 ${atLeast(p.p99, p.c99, 'en')} (type 7) · ${p.embedded ? 'embedded reference service' : str(p.url)}`,
  },
  // A criterion's (or an exploratory question's) status in the terminal's first column.
  'report.term.status.pass': both('OK', 'PASS'),
  'report.term.status.warn': both('AVERT', 'WARN'),
  'report.term.status.fail': both('ÉCHEC', 'FAIL'),
  'report.term.status.inconclusive': same('????'),
  'report.term.status.not-applicable': same('N/A'),
  'report.term.question_passed': both('réussie', 'ok'),
  'report.term.failed': both('Questions en échec :', 'Failed questions:'),
  'report.term.bound': both(' (borne)', ' (bound)'),
  'report.term.not_executed': both('non exécutée', 'not executed'),
  'report.term.missing_attempts': both('tentatives manquantes', 'missing attempts'),
  'report.term.criterion_note': {
    fr: (p) => `note ${str(p.criterion)} : ${str(p.note)}`,
    en: (p) => `note ${str(p.criterion)}: ${str(p.note)}`,
  },
  'report.term.note': { fr: (p) => `note : ${str(p.note)}`, en: (p) => `note: ${str(p.note)}` },
  'report.term.reports': {
    fr: (p) => (p.written ? `rapports : ${str(p.dir)}` : `rapports NON écrits dans ${str(p.dir)}`),
    en: (p) => (p.written ? `reports: ${str(p.dir)}` : `reports: NOT written to ${str(p.dir)}`),
  },
  'report.term.tolerated': {
    fr: (p) => `Des tests de validation ont échoué mais le verdict les tolère (${str(p.decision)}) : code de sortie 0.`,
    en: (p) => `Some validation tests failed but the verdict tolerates them (${str(p.decision)}): exit 0.`,
  },

  // --- junit.xml stand-in.
  'report.junit.not_executed': {
    fr: (p) => `${str(p.missing)} tentative(s) prévue(s) sur ${str(p.planned)} non exécutée(s) : l'exécution s'est arrêtée`,
    en: (p) => `${str(p.missing)} of ${str(p.planned)} planned attempt(s) not executed: the run stopped`,
  },
  'report.junit.failed': both('échec', 'failed'),
  'report.junit.incomplete': both('exécution incomplète', 'run incomplete'),
}

registerCatalogue(REPORT_CATALOGUE)
