// The gate's own sentences (issue 9): what a run is (a release verdict, an exploratory run, a run in progress,
// the reference service rather than a release), progress, cost and the causes that stop a run early.
import type { ReasonParam } from '../reason.ts'
import { fmtLimit } from './format.ts'
import { type Catalogue, registerCatalogue, sayCode } from './index.ts'
import './run.ts'

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const num = (x: ReasonParam | undefined): number => (typeof x === 'number' ? x : 0)
const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.join(' | ') : str(x))
const ids = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.join(', ') : str(x))

/** How each release threshold reads, its value shown as the criteria table shows it. */
const THRESHOLD_WORDS: Record<string, { fr: string; en: string; unit: 'percent' | 'ms' }> = {
  VALIDATION_MIN_SUCCESS_RATE: { fr: 'succès ≥', en: 'success ≥', unit: 'percent' },
  VALIDATION_P95_GO_MS: { fr: 'P95 GO ≤', en: 'P95 GO ≤', unit: 'ms' },
  VALIDATION_P95_NOGO_MS: { fr: 'P95 NO-GO >', en: 'P95 NO-GO >', unit: 'ms' },
  VALIDATION_TTFC_GO_MS: { fr: 'TTFC GO ≤', en: 'TTFC GO ≤', unit: 'ms' },
  VALIDATION_TTFC_NOGO_MS: { fr: 'TTFC NO-GO >', en: 'TTFC NO-GO >', unit: 'ms' },
  VALIDATION_MAX_REGRESSION: { fr: 'régression P95 ≤', en: 'P95 regression ≤', unit: 'percent' },
}
/** A threshold written as the criteria table writes it (fmtLimit: every decimal it needs, "66,67 %", never "66,7 %"). */
const figure = (x: ReasonParam | undefined, unit: 'percent' | 'ms', L: 'fr' | 'en'): string =>
  fmtLimit(num(x), unit === 'percent' ? 'ratio' : 'ms', L)
/** "succès ≥ 0 % (plan 95 %), P95 GO ≤ 6000 ms (plan 4000 ms)", from parallel lists. */
const thresholds = (p: Record<string, ReasonParam>, L: 'fr' | 'en'): string => {
  const variables = Array.isArray(p.variables) ? p.variables.map(String) : []
  const values = Array.isArray(p.values) ? p.values : []
  const plans = Array.isArray(p.plans) ? p.plans : []
  return variables
    .map((v, i) => {
      const w = THRESHOLD_WORDS[v] ?? { fr: v, en: v, unit: 'ms' as const }
      return `${w[L]} ${figure(values[i], w.unit, L)} (plan ${figure(plans[i], w.unit, L)})`
    })
    .join(', ')
}

export const GATE_CATALOGUE: Catalogue = {
  // Said beside any decision (a NO-GO too): what was asked, never that it was validated.
  'gate.reference_only': {
    fr: () => 'service de référence embarqué, pas une mise en production',
    en: () => 'embedded reference service, not a release',
  },
  // CI outputs (reporters/render-gate.ts, reporters/release-junit.ts): why a CONDITIONAL fails the job.
  'gate.fail_on_conditional': {
    fr: () => 'VALIDATION_FAIL_ON_CONDITIONAL=true : un CONDITIONAL fait échouer la tâche CI (code de sortie 3)',
    en: () => 'VALIDATION_FAIL_ON_CONDITIONAL=true: a CONDITIONAL fails the job (exit 3)',
  },
  // A decision that passes although some attempts failed: how many, so a green job does not hide them.
  'gate.tolerated': {
    fr: (p) =>
      `${str(p.decision)} — ${str(p.successes)}/${str(p.n)}, ${num(p.failed)} échec${num(p.failed) > 1 ? 's' : ''} toléré${num(p.failed) > 1 ? 's' : ''}`,
    en: (p) => `${str(p.decision)} — ${str(p.successes)}/${str(p.n)}, ${num(p.failed)} failure${num(p.failed) > 1 ? 's' : ''} tolerated`,
  },
  'gate.in_progress': {
    fr: () => "validation en cours (ou arrêtée avant d'écrire son verdict) : aucune décision",
    en: () => 'validation in progress (or stopped before writing its verdict): no decision',
  },
  'gate.exploratory.banner': {
    fr: (p) => `exploration (${str(p.filter)}) : ${str(p.questions)} question(s), aucune décision de mise en production`,
    en: (p) => `exploratory run (${str(p.filter)}): ${str(p.questions)} question(s), no release decision`,
  },
  'gate.exploratory.no_verdict': {
    fr: () => 'aucune recommandation de mise en production : lancez `npx vitest run` sans filtre pour obtenir le verdict',
    en: () => 'no release recommendation: run `npx vitest run` without a filter for the verdict',
  },
  'gate.exploratory.where': {
    fr: (p) =>
      `résultats dans ${str(p.dir)} ; le rapport de validation (${str(p.release)}) n'est pas modifié — lancez \`npx vitest run\` sans filtre pour le verdict`,
    en: (p) =>
      `results in ${str(p.dir)}; the release report (${str(p.release)}) is untouched — run \`npx vitest run\` without a filter for the verdict`,
  },
  // `cause`: the code of why the run stopped asking (core/locale/run.ts `run.stop.silent`), with its params.
  'gate.stopped': {
    fr: (p) => `Exécution arrêtée — ${sayCode(p.cause, p, 'fr')} ; les tentatives restantes ne sont pas exécutées.`,
    en: (p) => `Run stopped — ${sayCode(p.cause, p, 'en')}: the remaining attempts are not executed.`,
  },
  'gate.not_executed': {
    fr: (p) =>
      `${str(p.missing)} tentative(s) sur ${str(p.planned)} non exécutée(s) (la campagne a cessé d'interroger la cible : cible muette ou identifiants expirés, voir le verdict)`,
    en: (p) =>
      `${str(p.missing)} of ${str(p.planned)} attempt(s) not executed (the run stopped asking: target not answering or credentials expired, see the verdict)`,
  },
  // Every executed attempt answered HTTP 404 (reporters/decide.ts): `attempts`, the configured `contract`, the
  // accepted `contracts`, the target's `url`; `route` 'stream' (VALIDATION_STREAM=true: the questions were asked on
  // the stream route, `path`), else the chat route.
  // Answers of the run drawn in another v2 generation's chart format (reporters/decide.ts): `attempts` of `executed`,
  // the configured `contract`, the generation they look like (`looksLike`).
  'gate.other_generation': {
    fr: (p) =>
      `${str(p.attempts)} réponse(s) sur ${str(p.executed)} portent des graphiques au format de ${str(p.looksLike)}, pas de ${str(p.contract)} : si la cible est ${str(p.looksLike)}, les critères ci-dessous la jugent sur le mauvais contrat. Vérifiez HARENA_API_CONTRACT (HARENA_API_CONTRACT=${str(p.looksLike)}).`,
    en: (p) =>
      `${str(p.attempts)} of ${str(p.executed)} answer(s) carry charts in ${str(p.looksLike)}'s format, not ${str(p.contract)}'s: if the target is ${str(p.looksLike)}, the criteria below judge it by the wrong contract. Check HARENA_API_CONTRACT (HARENA_API_CONTRACT=${str(p.looksLike)}).`,
  },
  'gate.route_not_found': {
    fr: (p) =>
      p.route === 'stream'
        ? `Route de réponse en flux introuvable : les ${str(p.attempts)} tentative(s) exécutée(s) ont toutes reçu HTTP 404 sur la route de réponse en flux${p.path ? ` POST /${str(p.path)}` : ''} de ${str(p.url)}, par laquelle VALIDATION_STREAM=true pose chaque question. Vérifiez que le service expose sa route de réponse en flux, ou lancez avec VALIDATION_STREAM=false pour poser les questions par la route de chat.`
        : `Route de chat introuvable : les ${str(p.attempts)} tentative(s) exécutée(s) ont toutes reçu HTTP 404 — la route de chat du contrat ${str(p.contract)} n'existe pas sur ${str(p.url)}. Vérifiez HARENA_API_CONTRACT (${list(p.contracts)}) et HARENA_BASE_URL (et son préfixe de chemin).`,
    en: (p) =>
      p.route === 'stream'
        ? `Stream route not found: all ${str(p.attempts)} executed attempt(s) were answered HTTP 404 on the stream route${p.path ? ` POST /${str(p.path)}` : ''} at ${str(p.url)}, which VALIDATION_STREAM=true asks every question through. Check that the service exposes its stream route, or run with VALIDATION_STREAM=false to ask through the chat route.`
        : `Chat route not found: all ${str(p.attempts)} executed attempt(s) were answered HTTP 404 — the chat route of contract ${str(p.contract)} does not exist at ${str(p.url)}. Check HARENA_API_CONTRACT (${list(p.contracts)}) and HARENA_BASE_URL (and its path prefix).`,
  },
  // Security probes that could not be judged (reporters/decide.ts unjudgedProbes): `probes` (ids), `cause`
  // 'route_not_found' (the user's own `method` `path` answered 404 too; `route` 'chat' or 'list') or 'not_probed';
  // `streamed`: the questions used the stream route, so did the chat probes, and the missing route is that stream
  // route — the advice is the stream route's (as gate.route_not_found's), not HARENA_API_CONTRACT.
  'gate.probes_not_judged': {
    fr: (p) =>
      p.cause === 'not_probed'
        ? `Sécurité non jugée : ${str(p.count)} sonde(s) jamais exécutée(s) (${ids(p.probes)}) ; aucune n'est passée, la campagne ne peut pas être GO.`
        : p.cause === 'not_judged'
          ? `Sécurité non jugée : ${str(p.count)} sonde(s) (${ids(p.probes)}) n'ont pas pu être jugées (la raison de chacune est dans la section sécurité) : leurs gardes n'ont pas été vérifiées, la campagne ne peut pas être GO.`
          : p.streamed === true
            ? `Sécurité non jugée : ${str(p.count)} sonde(s) (${ids(p.probes)}) n'ont pas pu être jugées — la route de réponse en flux${p.path ? ` ${str(p.method)} /${str(p.path)}` : ''}, par laquelle passent les questions (VALIDATION_STREAM=true) et ces sondes, répond HTTP 404 : leurs gardes n'ont pas été vérifiées et la campagne ne peut pas être GO. Vérifiez que le service expose sa route de réponse en flux.`
            : `Sécurité non jugée : ${str(p.count)} sonde(s) (${ids(p.probes)}) n'ont pas pu être jugées — leur route${p.path ? ` (${str(p.method)} /${str(p.path)} de l'utilisateur lui-même)` : ''} répond HTTP 404. Leurs gardes n'ont pas été vérifiées : la campagne ne peut pas être GO. Vérifiez HARENA_API_CONTRACT et HARENA_BASE_URL.`,
    en: (p) =>
      p.cause === 'not_probed'
        ? `Security not judged: ${str(p.count)} probe(s) never ran (${ids(p.probes)}); none passed, so the run cannot be GO.`
        : p.cause === 'not_judged'
          ? `Security not judged: ${str(p.count)} probe(s) (${ids(p.probes)}) could not be judged (each one's reason is in the security section): their guards were not checked, so the run cannot be GO.`
          : p.streamed === true
            ? `Security not judged: ${str(p.count)} probe(s) (${ids(p.probes)}) could not be judged — the stream route${p.path ? ` ${str(p.method)} /${str(p.path)}` : ''}, which the questions (VALIDATION_STREAM=true) and these probes use, answers HTTP 404: their guards were not checked and the run cannot be GO. Check that the service exposes its stream route.`
            : `Security not judged: ${str(p.count)} probe(s) (${ids(p.probes)}) could not be judged — their route${p.path ? ` (the user's own ${str(p.method)} /${str(p.path)})` : ''} answers HTTP 404. Their guards were not checked: the run cannot be GO. Check HARENA_API_CONTRACT and HARENA_BASE_URL.`,
  },
  'gate.rate_limited': {
    fr: (p) =>
      `Limitation de débit : ${str(p.count)} requête(s) sur ${str(p.total)} refusée(s) par un limiteur de débit (429, ou page 503 d'un proxy) — ${
        num(p.unnamed) > 0
          ? `dont ${str(p.unnamed)} en 503 que seul un Retry-After court désigne : un limiteur, ou le service indisponible — vérifiez qu'il répond.`
          : 'pas une défaillance du service.'
      } ${
        num(p.notExecuted) > 0
          ? `${str(p.notExecuted)} tentative(s) non exécutée(s) : elles ne mesurent rien de la version validée, l'exécution est incomplète et ne peut pas être GO.`
          : 'Les sondes refusées ne sont pas jugées : la campagne ne peut pas être GO.'
      } Baissez VALIDATION_MAX_RPS et VALIDATION_CONCURRENCY (ou relevez la limite du proxy pour le client de validation), puis relancez.`,
    en: (p) =>
      `Rate limited: ${str(p.count)} of ${str(p.total)} request(s) refused by a rate limiter (429, or a proxy's 503 page) — ${
        num(p.unnamed) > 0
          ? `${str(p.unnamed)} of them a 503 that only a short Retry-After marks: a rate limiter, or the service unavailable — check that it answers.`
          : 'not a failure of the service.'
      } ${
        num(p.notExecuted) > 0
          ? `${str(p.notExecuted)} attempt(s) not executed: they measured nothing of the release, so the run is incomplete and cannot be GO.`
          : 'The probes refused were not judged: the run cannot be GO.'
      } Lower VALIDATION_MAX_RPS and VALIDATION_CONCURRENCY (or raise the proxy's limit for the validation client), then run again.`,
  },
  // Beside the verdict (reporters/looser.ts): release thresholds set looser than the plan's.
  'gate.verdict.looser': {
    fr: (p) => `seuils plus lâches que le plan : ${thresholds(p, 'fr')}`,
    en: (p) => `thresholds looser than the plan's: ${thresholds(p, 'en')}`,
  },
  'gate.verdict.rate_limited': {
    fr: (p) => (p.incomplete === true ? 'incomplet : limitation de débit' : 'non concluant : limitation de débit'),
    en: (p) => (p.incomplete === true ? 'incomplete: rate limited' : 'inconclusive: rate limited'),
  },
  'gate.filter.name': { fr: (p) => `-t ${str(p.pattern)}`, en: (p) => `-t ${str(p.pattern)}` },
  'gate.filter.files': { fr: (p) => `fichiers : ${str(p.files)}`, en: (p) => `files: ${str(p.files)}` },
  'gate.filter.rerun': { fr: () => 'relance en mode --watch/UI', en: () => 'watch/UI re-run' },
  'gate.filter.shard': {
    fr: (p) => `tranche ${str(p.shard)} sans --reporter=blob`,
    en: (p) => `shard ${str(p.shard)} without --reporter=blob`,
  },
}

registerCatalogue(GATE_CATALOGUE)
