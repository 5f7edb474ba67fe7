// validation-report.md: the plan's T4.4 template (Résumé Exécutif, Résultats par Catégorie, Anomalies Détectées,
// Métriques Globales, Recommandations) in French or English, plus criteria, intervals and sample-size notes.
// Every value that comes from the target or the question file goes through mdText().
import type { Aggregate, QuestionSummary } from './aggregate.ts'
import type { CriterionResult, Status, Verdict } from './decide.ts'
import { fmtInt, fmtMs, fmtPct } from './format.ts'
import { categoryTitle, pick, type Locale } from './i18n.ts'
import { mdTable, mdText } from './markdown.ts'
import type { RunModel } from '../core/model.ts'
import { PERCENTILE_METHOD, WEAK_SUPPORT } from '../core/percentile.ts'
import { safeBaseUrl } from '../core/safe-url.ts'

const STATUS_ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', inconclusive: '❔' }
const STATUS_WORD: Record<Locale, Record<Status, string>> = {
  fr: { pass: 'OK', warn: 'avertissement', fail: 'échec', inconclusive: 'non concluant' },
  en: { pass: 'pass', warn: 'warn', fail: 'fail', inconclusive: 'inconclusive' },
}
const MAX_ANOMALIES = 100

function observedCell(c: CriterionResult, L: Locale): string {
  if (c.observed === null) return '—'
  if (typeof c.observed === 'boolean') return c.observed ? pick(L, 'oui', 'yes') : pick(L, 'non', 'no')
  switch (c.id) {
    case 'C1':
    case 'C3':
      return fmtPct(c.observed, L)
    case 'C2':
      return fmtMs(c.observed, L)
    default:
      return fmtInt(c.observed, L)
  }
}

function intervalCell(c: CriterionResult, L: Locale): string {
  if (!c.interval) return '—'
  const f = (x: number | null) => (x === null ? (c.id === 'C2' ? '∞' : '?') : c.id === 'C2' ? fmtMs(x, L) : fmtPct(x, L))
  if (c.interval.lower === null && c.interval.upper === null) return '—'
  return `[${f(c.interval.lower)} ; ${f(c.interval.upper)}]`
}

function thresholdCell(c: CriterionResult, L: Locale): string {
  return c.threshold.warn ? `${c.threshold.pass} (${pick(L, 'sinon avertissement si', 'else warn if')} ${c.threshold.warn})` : c.threshold.pass
}

function successCell(q: QuestionSummary, L: Locale): string {
  if (q.executed === 0) return pick(L, '⏹️ non exécutée', '⏹️ not executed')
  const missing = q.planned - q.executed
  const tail = missing > 0 ? pick(L, ` (${missing} non exécutée(s))`, ` (${missing} not executed)`) : ''
  if (q.planned === 1) return (q.success ? '✅' : '❌') + tail
  const icon = q.success ? '✅' : q.flaky ? '⚠️' : '❌'
  return `${icon} ${q.passed}/${q.planned}${q.flaky ? pick(L, ' (instable)', ' (flaky)') : ''}${tail}`
}

function intentCell(q: QuestionSummary, L: Locale): string {
  const top = q.observedIntents[0]
  if (!top) return q.expectedIntent ? `${pick(L, 'attendu', 'expected')} ${mdText(q.expectedIntent)}` : '—'
  const shown = q.observedIntents.length > 1 ? q.observedIntents.map((i) => `${mdText(i.label)} ×${i.count}`).join(', ') : mdText(top.label)
  if (!q.expectedIntent) return shown
  const expected = q.subtypeObservable ? q.expectedIntent : (q.expectedIntent.split('.')[0] as string)
  const match = q.observedIntents.length === 1 && top.label === expected
  return match ? shown : `${shown} (${pick(L, 'attendu', 'expected')} ${mdText(q.expectedIntent)})`
}

function latencyCell(q: QuestionSummary, L: Locale): string {
  if (q.latency.n === 0) return '—'
  const t = q.timeouts > 0 ? pick(L, ` (${q.timeouts} timeout)`, ` (${q.timeouts} timeout)`) : ''
  if (q.latency.n === 1) return `${q.timeouts ? '≥ ' : ''}${fmtMs(q.latency.p50, L)}${t}`
  return `P50 ${fmtMs(q.latency.p50, L)}, max ${fmtMs(q.latency.max, L)} (n=${q.latency.n})${t}`
}

function vizCell(q: QuestionSummary): string {
  if (!q.vizCount) return '—'
  return q.vizCount.min === q.vizCount.max ? String(q.vizCount.min) : `${q.vizCount.min}–${q.vizCount.max}`
}

export function renderMarkdown(model: RunModel, agg: Aggregate, verdict: Verdict, generatedAt: string): string {
  const L = model.settings.locale
  const s = model.settings
  const out: string[] = []
  const lat = agg.latency
  const push = (...lines: string[]) => out.push(...lines)

  push(pick(L, '# Sprint 1.4 - Phase 1 - Rapport de Validation', '# Sprint 1.4 - Phase 1 - Validation Report'), '')
  const targetKind = model.target.embedded
    ? pick(L, 'service de référence embarqué (pas le vrai Harena)', 'embedded reference service (not the real Harena)')
    : pick(L, 'service distant', 'remote service')
  push(
    `> ${pick(L, 'Cible', 'Target')} : ${mdText(safeBaseUrl(model.target.baseUrl))} — ${pick(L, 'contrat', 'contract')} ${mdText(model.target.contract)} — ${targetKind}  `,
    `> ${pick(L, 'Généré le', 'Generated at')} ${mdText(generatedAt)} — ${pick(L, 'début', 'started')} ${mdText(model.startedAt)}, ${pick(L, 'durée', 'duration')} ${fmtMs(model.durationMs, L)}`,
    '',
  )

  // --- Résumé Exécutif
  push(pick(L, '## Résumé Exécutif', '## Executive Summary'))
  push(
    pick(
      L,
      `- Tests effectués : ${agg.questions} questions réelles × ${s.iterations} itération(s) = ${fmtInt(agg.planned, L)} tentatives prévues, ${fmtInt(agg.executed, L)} exécutées (${fmtInt(agg.warmups, L)} requêtes d'échauffement exclues des statistiques)`,
      `- Tests run: ${agg.questions} real questions × ${s.iterations} iteration(s) = ${fmtInt(agg.planned, L)} planned attempts, ${fmtInt(agg.executed, L)} executed (${fmtInt(agg.warmups, L)} warm-up requests excluded from statistics)`,
    ),
    `- ${pick(L, 'Taux de succès', 'Success rate')} : ${fmtPct(agg.success.rate, L)} (${agg.success.successes}/${agg.success.n} ; ${pick(L, 'IC 95 % Wilson', '95 % CI Wilson')} ${fmtPct(agg.success.interval.lower, L)} – ${fmtPct(agg.success.interval.upper, L)})`,
    `- ${pick(L, 'Latence moyenne', 'Mean latency')} : ${fmtMs(lat.mean, L)} (P95 ${lat.p95Censored ? '≥ ' : ''}${fmtMs(lat.p95, L)})`,
    `- Decision : **${verdict.decision}**${verdict.harnessError ? pick(L, " (erreur du harnais : la cible n'a pas pu être validée)", ' (harness error: the target could not be validated)') : ''}`,
    `- ${pick(L, 'Exécution', 'Run')} : ${verdict.complete ? pick(L, 'complète', 'complete') : pick(L, '**incomplète**', '**incomplete**')}${model.interrupted ? pick(L, ' (interrompue)', ' (interrupted)') : ''} — ${pick(L, 'code de sortie', 'exit code')} ${verdict.exitCode}`,
  )
  if (verdict.reasons.length) {
    push(`- ${pick(L, 'Raisons', 'Reasons')} :`)
    for (const r of verdict.reasons) push(`  - ${mdText(r, 2000)}`)
  }
  push('')
  push(
    mdTable(
      [
        pick(L, 'Critère', 'Criterion'),
        pick(L, 'Seuil', 'Threshold'),
        pick(L, 'Observé', 'Observed'),
        pick(L, 'IC 95 %', '95 % CI'),
        pick(L, 'Statut', 'Status'),
        pick(L, 'Échantillons pour conclure', 'Samples to be conclusive'),
      ],
      verdict.criteria.map((c) => [
        `${c.id} ${mdText(c.name)}`,
        mdText(thresholdCell(c, L)),
        observedCell(c, L) + (c.judgedOn === 'bound' ? pick(L, ' (borne jugée)', ' (bound judged)') : ''),
        intervalCell(c, L),
        `${STATUS_ICON[c.status]} ${STATUS_WORD[L][c.status]}`,
        c.samplesNeeded === null
          ? '—'
          : c.samplesNeeded <= agg.executed
            ? pick(L, `atteint (${fmtInt(agg.executed, L)})`, `reached (${fmtInt(agg.executed, L)})`)
            : `≈ ${fmtInt(c.samplesNeeded, L)}`,
      ]),
      ['l', 'l', 'r', 'l', 'l', 'r'],
    ),
    '',
  )

  // --- Résultats par Catégorie
  push(pick(L, '## Résultats par Catégorie', '## Results by Category'), '')
  for (const cat of agg.categories) {
    const qs = agg.perQuestion.filter((q) => q.category === cat.id)
    push(`### ${mdText(categoryTitle(cat.id))} (${qs.length} question${qs.length > 1 ? 's' : ''})`)
    push(
      mdTable(
        ['Question', 'Intent', 'Success', 'Viz Count', 'Latency'],
        qs.map((q) => [`${mdText(q.id)} « ${mdText(q.message)} »`, intentCell(q, L), successCell(q, L), vizCell(q), latencyCell(q, L)]),
        ['l', 'l', 'l', 'r', 'r'],
      ),
      '',
    )
  }

  // --- Anomalies Détectées
  push(pick(L, '## Anomalies Détectées', '## Detected Anomalies'))
  const anomalies: string[] = []
  if (model.preflightError) anomalies.push(`${pick(L, 'Cible inutilisable', 'Target unusable')} : ${mdText(model.preflightError, 500)}`)
  for (const e of model.harnessErrors) anomalies.push(`${pick(L, 'Harnais', 'Harness')} : ${mdText(e, 500)}`)
  if (model.interrupted)
    anomalies.push(
      pick(L, 'Exécution interrompue avant la fin : rapport incomplet, jamais GO.', 'Run interrupted before the end: incomplete report, never GO.'),
    )
  for (const item of agg.critical.items) {
    anomalies.push(
      `${mdText(item.questionId)} : ${pick(L, 'bug critique', 'critical bug')} ${mdText(item.kind)}${item.warmup ? pick(L, " (requête d'échauffement)", ' (warm-up request)') : ''}${item.httpStatus !== null ? ` (HTTP ${item.httpStatus})` : ''} — ${mdText(item.evidence, 300)}`,
    )
  }
  if (agg.critical.count > agg.critical.items.length)
    anomalies.push(
      pick(
        L,
        `… ${agg.critical.count - agg.critical.items.length} autres bugs critiques (voir validation-report.json).`,
        `… ${agg.critical.count - agg.critical.items.length} more critical bugs (see validation-report.json).`,
      ),
    )
  for (const q of agg.perQuestion) {
    if (q.executed < q.planned)
      anomalies.push(
        `${mdText(q.id)} : ${pick(L, `${q.planned - q.executed} tentative(s) non exécutée(s) (comptées en échec)`, `${q.planned - q.executed} attempt(s) not executed (counted as failed)`)}`,
      )
    for (const f of q.failures.slice(0, 5))
      anomalies.push(`${mdText(q.id)} « ${mdText(q.message, 80)} » : ${mdText(f.reason, 300)}${f.count > 1 ? ` (×${f.count})` : ''}`)
    if (q.failures.length > 5)
      anomalies.push(`${mdText(q.id)} : ${pick(L, `+${q.failures.length - 5} autres raisons`, `+${q.failures.length - 5} more reasons`)}`)
    if (q.latency.max !== null && q.latency.max > s.p95GoMs)
      anomalies.push(
        `${mdText(q.id)} : ${pick(L, 'Latence excessive', 'Excessive latency')} (max ${fmtMs(q.latency.max, L)} > ${fmtMs(s.p95GoMs, L)})`,
      )
    if (q.flaky)
      anomalies.push(
        `${mdText(q.id)} : ${pick(L, `instable, ${q.passed}/${q.executed} tentatives réussies`, `flaky, ${q.passed}/${q.executed} attempts passed`)}`,
      )
  }
  if (anomalies.length === 0) push(pick(L, '- Aucune anomalie détectée.', '- No anomaly detected.'))
  for (const a of anomalies.slice(0, MAX_ANOMALIES)) push(`- ${a}`)
  if (anomalies.length > MAX_ANOMALIES)
    push(
      pick(
        L,
        `- … ${anomalies.length - MAX_ANOMALIES} de plus (voir validation-report.json).`,
        `- … ${anomalies.length - MAX_ANOMALIES} more (see validation-report.json).`,
      ),
    )
  push('')

  // --- Métriques Globales
  push(pick(L, '## Métriques Globales', '## Global Metrics'))
  const weak = (n: number, min: number) =>
    n > 0 && n < min ? pick(L, ` ⚠️ faiblement étayé (n = ${n} < ${min})`, ` ⚠️ weakly supported (n = ${n} < ${min})`) : ''
  push(
    `- Latency P50: ${fmtMs(lat.p50, L)}`,
    `- Latency P95: ${lat.p95Censored ? '≥ ' : ''}${fmtMs(lat.p95, L)} (${pick(L, "IC 95 % par statistiques d'ordre", '95 % CI by order statistics')} ${fmtMs(lat.p95Interval.lower, L)} – ${lat.p95Interval.upper === null ? pick(L, 'non borné', 'unbounded') : fmtMs(lat.p95Interval.upper, L)})${weak(lat.n, WEAK_SUPPORT.p95)}`,
    `- Latency P99: ${fmtMs(lat.p99, L)}${weak(lat.n, WEAK_SUPPORT.p99)}`,
    `- ${pick(L, 'Latence moyenne / max', 'Mean / max latency')}: ${fmtMs(lat.mean, L)} / ${fmtMs(lat.max, L)} (n = ${fmtInt(lat.n, L)}${lat.censored ? pick(L, `, dont ${lat.censored} timeout(s) censuré(s) à ${fmtMs(s.timeoutMs, L)}`, `, incl. ${lat.censored} timeout(s) censored at ${fmtMs(s.timeoutMs, L)}`) : ''})`,
    `- TTFB P50 / P95: ${fmtMs(agg.ttfb.p50, L)} / ${fmtMs(agg.ttfb.p95, L)} (n = ${fmtInt(agg.ttfb.n, L)})`,
    `- Success Rate: ${fmtPct(agg.success.rate, L)} (${agg.success.successes}/${agg.success.n})`,
    `- Visualization Coverage: ${fmtPct(agg.vizCoverage.rate, L)} (${agg.vizCoverage.successes}/${agg.vizCoverage.n} ${pick(L, 'réponses DATA_PRESENTATION', 'DATA_PRESENTATION answers')})`,
    `- ${pick(L, 'Bugs critiques', 'Critical bugs')}: ${agg.critical.count} (http_5xx ${agg.critical.byKind.http_5xx}, transport ${agg.critical.byKind.transport}, invalid_json ${agg.critical.byKind.invalid_json}, contract ${agg.critical.byKind.contract})`,
    `- ${pick(L, 'Questions instables', 'Flaky questions')}: ${agg.flaky.length ? agg.flaky.map((x) => mdText(x)).join(', ') : pick(L, 'aucune', 'none')}`,
    '',
  )
  push(`### ${pick(L, 'Latence par étape', 'Latency by stage')}`)
  push(
    mdTable(
      [pick(L, 'Étape', 'Stage'), 'P50', 'P95', 'P99', 'n', 'Budget', pick(L, 'Statut', 'Status')],
      Object.entries(agg.stages).map(([name, st]) =>
        st.reported
          ? [
              name,
              fmtMs(st.p50, L),
              fmtMs(st.p95, L),
              fmtMs(st.p99, L),
              fmtInt(st.n, L),
              fmtMs(st.budgetMs, L),
              (st.p95 as number) <= st.budgetMs
                ? pick(L, '✅ P95 dans le budget', '✅ P95 within budget')
                : pick(L, '⚠️ P95 hors budget', '⚠️ P95 over budget'),
            ]
          : [name, '—', '—', '—', '0', fmtMs(st.budgetMs, L), pick(L, 'non rapporté par le service', 'not reported by the service')],
      ),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    `- ${pick(L, 'Total de bout en bout', 'End-to-end total')} : P95 ${fmtMs(lat.p95, L)}, budget ${fmtMs(s.p95GoMs, L)}`,
    '',
  )
  push(`### ${pick(L, 'Latence par catégorie', 'Latency by category')}`)
  push(
    mdTable(
      [pick(L, 'Catégorie', 'Category'), 'Questions', pick(L, 'Succès', 'Success'), 'P50', 'P95', 'P99', 'n'],
      agg.categories.map((c) => [
        mdText(categoryTitle(c.id)),
        String(c.questions),
        `${fmtPct(c.success.rate, L)} (${c.success.successes}/${c.success.n})`,
        fmtMs(c.latency.p50, L),
        fmtMs(c.latency.p95, L),
        fmtMs(c.latency.p99, L),
        fmtInt(c.latency.n, L),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  )
  push(`### ${pick(L, 'Matrice de confusion des intentions', 'Intent confusion matrix')}`)
  const cf = agg.confusion
  if (cf.expected.length === 0) push(pick(L, '- Aucune réponse observée.', '- No answer observed.'))
  else
    push(
      mdTable(
        [pick(L, 'attendu \\\\ observé', 'expected \\\\ observed'), ...cf.observed.map((o) => mdText(o))],
        cf.expected.map((e, i) => [mdText(e), ...(cf.counts[i] ?? []).map((n) => (n === 0 ? '·' : String(n)))]),
      ),
    )
  push(
    pick(
      L,
      `- « fallback » = réponse de repli du pipeline ; « no answer » = aucune intention dans la réponse ; « (none) » = pas d'attente d'intention (cas limites).${cf.subtypeNotObservable ? ' Sous-type non observable sur le fil : comparaison au niveau du groupe.' : ''}`,
      `- "fallback" = pipeline fallback answer; "no answer" = no intent in the answer; "(none)" = no intent expectation (edge cases).${cf.subtypeNotObservable ? ' Subtype not observable on the wire: compared at group level.' : ''}`,
    ),
    '',
  )

  // --- Recommandations
  push(pick(L, '## Recommandations', '## Recommendations'))
  const box = (d: string) => (verdict.decision === d ? '[x]' : '[ ]')
  push(
    `- ${box('GO')} ${pick(L, `GO pour production (succès ≥ ${fmtPct(s.minSuccessRate, L)}, P95 ≤ ${fmtMs(s.p95GoMs, L)}, 100 % des DATA_PRESENTATION avec visualisation, aucun bug critique, exécution complète)`, `GO for production (success ≥ ${fmtPct(s.minSuccessRate, L)}, P95 ≤ ${fmtMs(s.p95GoMs, L)}, 100 % of DATA_PRESENTATION with a visualization, no critical bug, complete run)`)}`,
    `- ${box('CONDITIONAL')} ${pick(L, `CONDITIONAL — déploiement sous réserve (P95 entre ${fmtMs(s.p95GoMs, L)} et ${fmtMs(s.p95NoGoMs, L)}, ou résultat non concluant)`, `CONDITIONAL — ship with reservations (P95 between ${fmtMs(s.p95GoMs, L)} and ${fmtMs(s.p95NoGoMs, L)}, or an inconclusive result)`)}`,
    `- ${box('NO-GO')} ${pick(L, 'NO-GO - Corrections nécessaires', 'NO-GO - Fixes required')}`,
  )
  for (const r of verdict.reasons) push(`  - ${mdText(r, 2000)}`)
  push('')

  // --- Confidence notes
  push(pick(L, "## Notes de confiance et taille d'échantillon", '## Confidence and sample-size notes'))
  push(
    pick(
      L,
      `- Percentiles exacts, méthode ${PERCENTILE_METHOD}, sur toutes les tentatives mesurées, échecs inclus ; un timeout entre censuré à la valeur du timeout (la vraie latence est ≥) ; échauffement exclu.`,
      `- Exact percentiles, method ${PERCENTILE_METHOD}, over all measured attempts, failures included; a timeout enters censored at the timeout (the true latency is ≥); warm-ups excluded.`,
    ),
    pick(
      L,
      "- Taux : intervalle de Wilson à 95 %. P95 : intervalle sans hypothèse de distribution par statistiques d'ordre (binomiale) ; sous 59 échantillons, aucune borne haute à 95 % n'existe.",
      '- Rates: 95 % Wilson interval. P95: distribution-free order-statistic interval (binomial); below 59 samples no 95 % upper bound exists.',
    ),
  )
  if (lat.n > 0 && lat.n < WEAK_SUPPORT.p95)
    push(
      pick(
        L,
        `- P95 calculée sur ${lat.n} < ${WEAK_SUPPORT.p95} échantillons : faiblement étayée.`,
        `- P95 from ${lat.n} < ${WEAK_SUPPORT.p95} samples: weakly supported.`,
      ),
    )
  if (lat.n > 0 && lat.n < WEAK_SUPPORT.p99)
    push(
      pick(
        L,
        `- P99 calculée sur ${lat.n} < ${WEAK_SUPPORT.p99} échantillons : faiblement étayée (proche du maximum).`,
        `- P99 from ${lat.n} < ${WEAK_SUPPORT.p99} samples: weakly supported (close to the maximum).`,
      ),
    )
  for (const c of verdict.criteria) {
    if (c.note) push(`- ${c.id} : ${mdText(c.note, 1000)}`)
    const saidInNote = c.id === 'C2' && lat.n < lat.p95Interval.ranks.minSamplesForUpper
    if (c.samplesNeeded !== null && c.samplesNeeded > agg.executed && !saidInNote)
      push(
        pick(
          L,
          `- ${c.id} : ≈ ${fmtInt(c.samplesNeeded, L)} tentatives rendraient ce critère concluant (actuellement ${fmtInt(agg.executed, L)} ; VALIDATION_ITERATIONS).`,
          `- ${c.id}: ≈ ${fmtInt(c.samplesNeeded, L)} attempts would make this criterion conclusive (now ${fmtInt(agg.executed, L)}; VALIDATION_ITERATIONS).`,
        ),
      )
  }
  if (cf.subtypeNotObservable)
    push(
      pick(
        L,
        "- Sous-type d'intention non observable (contrat v2) : seul le groupe est comparé.",
        '- Intent subtype not observable (v2 contract): only the group is compared.',
      ),
    )
  if (agg.cacheSuspected) {
    const c = agg.cacheSuspected
    push(
      pick(
        L,
        `- ⚠️ Cache probable : sur ${c.questions} questions, les tentatives mesurées ont une latence médiane de ${fmtPct(c.medianRatio, L)} de celle de leur échauffement (médiane ${fmtMs(c.medianWarmupMs, L)}) : la cible sert peut-être les répétitions depuis un cache, la latence mesurée est alors optimiste. Mesurez avec VALIDATION_WARMUP=0 ou le cache désactivé.`,
        `- ⚠️ Likely cache: over ${c.questions} questions, measured attempts took a median ${fmtPct(c.medianRatio, L)} of their warm-up's latency (median ${fmtMs(c.medianWarmupMs, L)}): the target may serve repeats from a cache, so the measured latency is optimistic. Measure with VALIDATION_WARMUP=0 or the cache off.`,
      ),
    )
  }
  if (s.strict)
    push(
      pick(
        L,
        "- Mode strict : C1 et C2 sont jugés sur la borne de l'intervalle de confiance.",
        '- Strict mode: C1 and C2 are judged on the confidence bound.',
      ),
    )
  push('')
  return out.join('\n')
}
