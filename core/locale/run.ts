// The suite's own lines while it runs, French and English: what the run costs (before the first request), the
// target it validates, the progress line, why it stops asking (tests/support/limiter.ts), what the target said
// before any question (tests/support/target.ts), the harness errors the reporter records, and the reporter's own
// lines. Durations arrive formatted ("45 s", "2 h 05 min": core/duration.ts formatDuration).
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, type Locale, type Phrase, registerCatalogue, sayCode } from './index.ts'

type Params = Record<string, ReasonParam>
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.join(', ') : str(x))
const num = (x: ReasonParam | undefined): number => (typeof x === 'number' ? x : 0)
const both = (fr: string, en: string): Phrase => ({ fr: () => fr, en: () => en })
/** "shard 1/3 from <start> to <end>; …" (fr: "tranche 1/3 du … au …"), from parallel lists. */
const spans = (p: Params, from: string, to: string): string => {
  const shards = Array.isArray(p.shards) ? p.shards : []
  const starts = Array.isArray(p.starts) ? p.starts : []
  const ends = Array.isArray(p.ends) ? p.ends : []
  const word = from === 'du' ? 'tranche' : 'shard'
  return shards.map((s, i) => `${word} ${String(s)} ${from} ${String(starts[i] ?? '?')} ${to} ${String(ends[i] ?? '?')}`).join(' ; ')
}

/** "login as demo@harena.test at http://…" — who logs in where, as every login line starts. */
const login = (p: Params, L: Locale): string =>
  L === 'fr' ? `connexion de ${str(p.user)} à ${str(p.url)}` : `login as ${str(p.user)} at ${str(p.url)}`

/** Why nothing answered: no answer in time, or the transport error (its code, and its message when that says more). */
const unreachable = (p: Params, L: Locale): string => {
  const why =
    p.timeoutMs !== null && p.timeoutMs !== undefined
      ? L === 'fr'
        ? `aucune réponse en ${str(p.timeoutMs)} ms`
        : `no answer within ${str(p.timeoutMs)} ms`
      : str(p.error)
  return L === 'fr' ? `cible ${str(p.url)} injoignable (${why})` : `target ${str(p.url)} unreachable (${why})`
}

/** What was wrong with a login's 2xx body (tests/support/target.ts login). */
const LOGIN_PROBLEM_FR: Record<string, string> = {
  not_json: ", le corps n'est pas du JSON",
  bom: ", le corps n'est pas du JSON : il commence par une marque d'ordre des octets (BOM, U+FEFF), que JSON interdit (RFC 8259 §8.1)",
  bad_token:
    " : son access_token contient un retour à la ligne, un NUL ou un autre caractère qu'un en-tête HTTP ne peut pas porter ; c'est la cible qui le rend ainsi",
  no_token: ', aucun access_token dans la réponse',
}
const LOGIN_PROBLEM_EN: Record<string, string> = {
  not_json: ', body is not JSON',
  bom: ', body is not JSON: it starts with a byte order mark (BOM, U+FEFF), which JSON forbids (RFC 8259 §8.1)',
  bad_token: ': its access_token holds a line break, a NUL or another character an HTTP header cannot carry; the target issued it so',
  no_token: ', no access_token in the answer',
}

const costFr = (p: Params): string => {
  const parts = [
    `${str(p.questions)} question(s) × ${str(p.iterations)} tentative(s)`,
    `${str(p.warmups)} requête(s) de chauffe pour toute la campagne`,
    ...(num(p.probes) > 0 ? [`${str(p.probes)} sonde(s) de sécurité (au plus ${str(p.probeRequests)} requête(s))`] : []),
  ]
  // With probes the figure is an upper bound (each probe's maxRequests, tests/support/security/probes.ts).
  return (
    `cette campagne${p.shard ? ` (tranche ${str(p.shard)})` : ''} envoie ${num(p.probes) > 0 ? 'au plus ' : ''}${str(p.requests)} requête(s) : ${parts.join(' + ')}, plus la connexion et les vérifications de santé ; ` +
    `à la concurrence ${str(p.concurrency)}, elle dure au plus ≈ ${str(p.worst)} (chaque réponse à HARENA_TIMEOUT_MS=${str(p.timeoutMs)} ms)`
  )
}
const costEn = (p: Params): string => {
  const parts = [
    `${str(p.questions)} question(s) × ${str(p.iterations)} attempt(s)`,
    `${str(p.warmups)} warm-up(s) for the whole run`,
    ...(num(p.probes) > 0 ? [`${str(p.probes)} security probe(s) (at most ${str(p.probeRequests)} request(s))`] : []),
  ]
  // With probes the figure is an upper bound (each probe's maxRequests, tests/support/security/probes.ts).
  return (
    `this run${p.shard ? ` (shard ${str(p.shard)})` : ''} sends ${num(p.probes) > 0 ? 'at most ' : ''}${str(p.requests)} request(s): ${parts.join(' + ')}, plus login/health checks; ` +
    `at concurrency ${str(p.concurrency)} it takes at most ≈ ${str(p.worst)} (every answer at HARENA_TIMEOUT_MS=${str(p.timeoutMs)} ms)`
  )
}

export const RUN_CATALOGUE: Catalogue = {
  // --- Before the first request (tests/support/global-setup.ts).
  'run.cost': { fr: costFr, en: costEn },
  'run.embedded': {
    fr: (p) => `HARENA_BASE_URL non renseignée : validation du service de référence embarqué à ${str(p.url)}`,
    en: (p) => `no HARENA_BASE_URL set: validating the embedded reference service at ${str(p.url)}`,
  },
  // In place of a URL when the embedded service has none yet (a report written before it started, or in progress).
  'run.target.embedded': {
    fr: (p) => `service de référence embarqué${p.started === false ? ' (non démarré)' : ''}`,
    en: (p) => `embedded reference service${p.started === false ? ' (not started)' : ''}`,
  },
  'run.token_expires': {
    fr: (p) =>
      `attention : HARENA_API_TOKEN expire le ${str(p.at)}, avant la fin estimée de la campagne (≈ ${str(p.worst)}) : les réponses suivantes peuvent être des 401`,
    en: (p) => `warning: HARENA_API_TOKEN expires at ${str(p.at)}, before the run's estimated end (≈ ${str(p.worst)}): later answers may be 401`,
  },
  // --- The progress line (tests/support/progress.ts); p95, elapsed and eta arrive formatted.
  'run.progress': {
    fr: (p) =>
      `progression : ${str(p.attempts)}/${str(p.planned)} tentatives${num(p.plannedWarmups) > 0 ? ` (chauffe ${str(p.warmups)}/${str(p.plannedWarmups)})` : ''} · ${str(p.ok)} réussie(s), ${str(p.failed)} en échec · ${p.p95 === null ? 'P95 à ce stade —' : `P95 à ce stade ≈ ${str(p.p95)}`} · écoulé ${str(p.elapsed)} · ${p.final === true ? (p.complete === false ? 'arrêté avant la fin' : 'terminé') : p.eta === null ? 'reste —' : `reste ≈ ${str(p.eta)}`}`,
    en: (p) =>
      `progress: ${str(p.attempts)}/${str(p.planned)} attempts${num(p.plannedWarmups) > 0 ? ` (warm-ups ${str(p.warmups)}/${str(p.plannedWarmups)})` : ''} · ${str(p.ok)} ok, ${str(p.failed)} failed · ${p.p95 === null ? 'P95 so far —' : `P95 so far ≈ ${str(p.p95)}`} · elapsed ${str(p.elapsed)} · ${p.final === true ? (p.complete === false ? 'stopped before the end' : 'done') : p.eta === null ? 'ETA —' : `ETA ≈ ${str(p.eta)}`}`,
  },
  // --- Why the run stops asking (tests/support/limiter.ts): K consecutive timeouts with no answer at all.
  'run.stop.silent': {
    fr: (p) => `cible muette : ${str(p.timeouts)} délais dépassés consécutifs sans aucune réponse (après ${str(p.requests)} requête(s))`,
    en: (p) => `target not answering: ${str(p.timeouts)} consecutive timeouts with no answer at all (after ${str(p.requests)} request(s))`,
  },
  // The line said when it happens; `cause` is the code of the cause above (or core/locale/auth.ts's), with its params.
  'run.stop.line': {
    fr: (p) => `${sayCode(p.cause, p, 'fr')} : la campagne cesse d'interroger la cible ; les tentatives restantes ne sont pas exécutées`,
    en: (p) => `${sayCode(p.cause, p, 'en')}: stopped asking; the remaining attempts are not executed`,
  },
  // An attempt the stopped run did not send (tests/support/limiter.ts RunStoppedError): a probe's failure message.
  'run.not_executed': {
    fr: (p) =>
      p.cause === 'credentials' ? 'non exécutée (identifiants expirés)' : 'non exécutée (cible muette : la campagne a cessé de l’interroger)',
    en: (p) => (p.cause === 'credentials' ? 'not executed (credentials expired)' : 'not executed (target not answering)'),
  },
  // --- The target before any question (tests/support/target.ts).
  'target.unreachable': { fr: (p) => unreachable(p, 'fr'), en: (p) => unreachable(p, 'en') },
  'target.hanging': {
    fr: (p) =>
      `la cible ${str(p.url)} a accepté la connexion mais GET ${str(p.route)} n'a pas répondu en ${str(p.timeoutMs)} ms ; les questions sont posées quand même`,
    en: (p) =>
      `target ${str(p.url)} accepted the connection but GET ${str(p.route)} did not answer within ${str(p.timeoutMs)} ms; asking the questions anyway`,
  },
  'target.health_failed': {
    fr: (p) =>
      `la cible ${str(p.url)} a accepté la connexion mais GET ${str(p.route)} a échoué (${str(p.error)}) ; les questions sont posées quand même`,
    en: (p) => `target ${str(p.url)} accepted the connection but GET ${str(p.route)} failed (${str(p.error)}); asking the questions anyway`,
  },
  'target.login.stopped': {
    fr: (p) => `${login(p, 'fr')} : non exécutée, la campagne a été arrêtée`,
    en: (p) => `${login(p, 'en')}: not executed, the run was stopped`,
  },
  'target.login.unreachable': {
    fr: (p) => `${login(p, 'fr')} en échec : ${unreachable(p, 'fr')}`,
    en: (p) => `${login(p, 'en')} failed: ${unreachable(p, 'en')}`,
  },
  // The target answered, but not in a form HTTP can read (broken framing) or its answer broke off: `error` names it.
  'target.login.unreadable': {
    fr: (p) => `${login(p, 'fr')} en échec : la cible a répondu, mais sa réponse est illisible (${str(p.error)})`,
    en: (p) => `${login(p, 'en')} failed: the target answered, but its answer cannot be read (${str(p.error)})`,
  },
  'target.login.no_route': {
    fr: (p) =>
      `${login(p, 'fr')} : aucune route de connexion (HTTP 404 sur ${str(p.route)}) ; vérifiez HARENA_BASE_URL et son préfixe de chemin (p. ex. https://gw.example/harena)`,
    en: (p) =>
      `${login(p, 'en')}: no login route (HTTP 404 at ${str(p.route)}); check HARENA_BASE_URL / path prefix (e.g. https://gw.example/harena)`,
  },
  'target.login.redirected': {
    fr: (p) =>
      `${login(p, 'fr')} : redirigée (HTTP ${str(p.status)}) vers ${str(p.location)} ; vérifiez HARENA_BASE_URL (schéma, hôte ou préfixe de chemin) : le client ne suit pas les redirections`,
    en: (p) =>
      `${login(p, 'en')}: redirected (HTTP ${str(p.status)}) to ${str(p.location)}; check HARENA_BASE_URL (scheme, host or path prefix): the client does not follow redirects`,
  },
  'target.login.refused': {
    fr: (p) => `${login(p, 'fr')} refusée (HTTP ${str(p.status)}) ; vérifiez HARENA_USERNAME / HARENA_PASSWORD`,
    en: (p) => `${login(p, 'en')} refused (HTTP ${str(p.status)}); check HARENA_USERNAME / HARENA_PASSWORD`,
  },
  // A login whose token is another user's (tests/support/target.ts loginUserOf): `tokenUser` quoted, `from` where the
  // answer says so (body: its user id; sub / user_id: the JWT claim).
  'target.login.other_user': {
    fr: (p) =>
      `HARENA_USER_ID=${str(p.userId)} mais la ${login(p, 'fr')} a rendu un jeton de l'utilisateur ${str(p.tokenUser)} (${p.from === 'body' ? "l'identifiant d'utilisateur de la réponse" : `sa revendication « ${str(p.from)} »`}) ; vérifiez HARENA_USER_ID et HARENA_USERNAME : attendu HARENA_USER_ID égal à l'utilisateur de HARENA_USERNAME`,
    en: (p) =>
      `HARENA_USER_ID=${str(p.userId)} but the ${login(p, 'en')} returned a token for user ${str(p.tokenUser)} (${p.from === 'body' ? "the answer's user id" : `its "${str(p.from)}" claim`}); check HARENA_USER_ID and HARENA_USERNAME: expected HARENA_USER_ID to be HARENA_USERNAME's user`,
  },
  'target.token.refused': {
    fr: (p) =>
      `le jeton HARENA_API_TOKEN est refusé par ${str(p.url)} (HTTP ${str(p.status)} sur GET ${str(p.route)}, une requête authentifiée de l'utilisateur) ; vérifiez HARENA_API_TOKEN`,
    en: (p) =>
      `the HARENA_API_TOKEN is refused by ${str(p.url)} (HTTP ${str(p.status)} at GET ${str(p.route)}, an authenticated request of the user's own); check HARENA_API_TOKEN`,
  },
  'target.login.failed': {
    fr: (p) => `${login(p, 'fr')} en échec (HTTP ${str(p.status)}${LOGIN_PROBLEM_FR[str(p.problem)] ?? ''})`,
    en: (p) => `${login(p, 'en')} failed (HTTP ${str(p.status)}${LOGIN_PROBLEM_EN[str(p.problem)] ?? ''})`,
  },
  'target.login.error': {
    fr: (p) => `${login(p, 'fr')} en échec (${str(p.error)})`,
    en: (p) => `${login(p, 'en')} failed (${str(p.error)})`,
  },
  // --- Errors outside any question, as the reporter records them (reporters/validation-reporter.ts). `error` is the
  // error's own first line (a JavaScript message, data).
  'harness.collector': { fr: (p) => `collecteur : ${str(p.error)}`, en: (p) => `collector: ${str(p.error)}` },
  'harness.module': { fr: (p) => `${str(p.file)} : ${str(p.error)}`, en: (p) => `${str(p.file)}: ${str(p.error)}` },
  'harness.unhandled': { fr: (p) => `erreur non gérée : ${str(p.error)}`, en: (p) => `unhandled error: ${str(p.error)}` },
  'harness.setup_failed': both(
    "la suite de validation s'est arrêtée avant le premier test (échec de la mise en place globale ; voir l'erreur affichée plus haut)",
    'the validation suite stopped before any test ran (global setup failed; see the error printed above)',
  ),
  'harness.retried': {
    fr: (p) => `le test « ${str(p.test)} » a été relancé ${str(p.retries)} fois : ses essais précédents ne sont pas dans ce rapport`,
    en: (p) => `test "${str(p.test)}" was retried ${str(p.retries)} time(s): its earlier tries are not in this report`,
  },
  'harness.no_record': {
    fr: (p) => `le test « ${str(p.test)} » a échoué sans enregistrer de question : ${str(p.error) || 'aucune erreur'}`,
    en: (p) => `test "${str(p.test)}" failed without recording a question: ${str(p.error) || 'no error'}`,
  },
  'harness.plan': { fr: (p) => `plan : ${str(p.error)}`, en: (p) => `plan: ${str(p.error)}` },
  'harness.journal': { fr: (p) => `journal : ${str(p.error)}`, en: (p) => `journal: ${str(p.error)}` },
  'harness.exited': both('le processus est sorti avant la fin de la campagne', 'the process exited before the run ended'),
  // --- The reporter's own lines (after "validation reporter: " or "harena-validation: ").
  'reporter.merging': {
    fr: (p) =>
      `fusion de la/des tranche(s) ${str(p.shards)} d'une campagne contre ${p.url ? str(p.url) : 'le service de référence embarqué'} (${str(p.contract)}) : jugée avec la cible, les réglages et les questions des tranches, pas ceux de cet environnement`,
    en: (p) =>
      `merging shard(s) ${str(p.shards)} of a run against ${p.url ? str(p.url) : 'the embedded reference service'} (${str(p.contract)}): judged with the shards' target, settings and questions, not this environment's`,
  },
  'reporter.outside_failures': {
    fr: (p) => `sortie ${str(p.code)} : des échecs hors de la suite de validation (autres projets ou erreurs non gérées) maintiennent l'échec.`,
    en: (p) => `exit ${str(p.code)}: failures outside the validation suite (other projects or unhandled errors) keep the run failed.`,
  },
  'reporter.stopped_early': {
    fr: (p) =>
      `campagne arrêtée (${p.cause === 'signal' ? 'signal' : sayCode(p.cause, p, 'fr')}) — rapport incomplet écrit, décision ${str(p.decision)}`,
    en: (p) =>
      `run stopped (${p.cause === 'signal' ? 'signal' : sayCode(p.cause, p, 'en')}) — incomplete report written, decision ${str(p.decision)}`,
  },
  // A run whose command line selected no question file (reporters/validation-reporter.ts): no verdict, no document.
  'reporter.no_question_file': {
    fr: (p) =>
      `aucun fichier de questions sélectionné par cette ligne de commande : rien n'a été demandé au service, pas de verdict ; le rapport de validation de ${str(p.dir)} n'a pas été touché (sortie 1)`,
    en: (p) =>
      `no question file was selected by this command line: nothing was asked of the service, no verdict; the release report in ${str(p.dir)} was not touched (exit 1)`,
  },
  // A run whose `-t` matched none of the questions and probes of its files (tests/support/run-plan.ts): likewise.
  'reporter.no_question_named': {
    fr: (p) =>
      `aucune question ni sonde ne correspond au filtre de nom ${str(p.pattern)} : rien n'a été demandé au service, pas de verdict ; le rapport de validation de ${str(p.dir)} n'a pas été touché (sortie 1)`,
    en: (p) =>
      `no question or probe matches the name filter ${str(p.pattern)}: nothing was asked of the service, no verdict; the release report in ${str(p.dir)} was not touched (exit 1)`,
  },
  // A watch/UI rerun whose directory another live run holds (reporters/validation-reporter.ts claimed): that rerun
  // alone is refused, the session goes on (`vitest run` keeps config.report_dir.locked: one line, exit 1).
  'reporter.rerun_locked': {
    fr: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} est tenu par l'exécution ${str(p.runId)} (pid ${str(p.pid)}, démarrée ${str(p.startedAt)}), qui n'a pas lancé celle-ci : cette exécution de la session \`vitest --watch\` est arrêtée et n'écrit rien ; la session continue, la prochaine relance réessaie (le verrou ${str(p.lock)} d'un processus disparu est repris)`,
    en: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} is held by run ${str(p.runId)} (pid ${str(p.pid)}, started ${str(p.startedAt)}), which did not start this one: this run of the watch session is stopped and writes nothing; the session goes on, the next rerun tries again (the lock ${str(p.lock)} of a process that is gone is taken over)`,
  },
  // `file`: the document that could not be written (absent: the directory itself).
  'reporter.cannot_write': {
    fr: (p) => `impossible d'écrire ${p.file ? str(p.file) : 'les rapports'} dans ${str(p.dir)} : ${str(p.error)}`,
    en: (p) => `cannot write ${p.file ? str(p.file) : 'reports'} to ${str(p.dir)}: ${str(p.error)}`,
  },
  // The in-progress set could not replace the earlier documents, which were removed instead (the run goes on).
  'reporter.in_progress_failed': {
    fr: (p) =>
      `impossible d'écrire le rapport « en cours » dans ${str(p.dir)} (${str(p.error)}) : le rapport de la campagne précédente a été supprimé à la place`,
    en: (p) => `cannot write the in-progress report to ${str(p.dir)} (${str(p.error)}): the earlier run's report was removed instead`,
  },
  // A configuration error stopped the run; the earlier run's files it could not remove (tests/support/settings-or-exit.ts).
  'reporter.earlier_left': {
    fr: (p) =>
      `les fichiers de la campagne précédente dans ${str(p.dir)} (${list(p.files)}) n'ont pas pu être supprimés : ce n'est pas le rapport de cette campagne`,
    en: (p) => `the earlier run's ${list(p.files)} in ${str(p.dir)} could not be removed: it is not this run's report`,
  },
  'reporter.summary_failed': {
    fr: (p) => `impossible d'ajouter le résumé d'étape GitHub : ${str(p.error)}`,
    en: (p) => `cannot append the GitHub step summary: ${str(p.error)}`,
  },
  'reporter.ui_failed': {
    fr: (p) => `impossible d'afficher la décision dans Vitest UI : ${str(p.error)}`,
    en: (p) => `cannot show the decision in Vitest UI: ${str(p.error)}`,
  },
  'reporter.junit_failed': { fr: (p) => `junit.xml non écrit : ${str(p.error)}`, en: (p) => `junit.xml not written: ${str(p.error)}` },
  'reporter.no_verdict': {
    fr: (p) => `impossible de produire le verdict : ${str(p.error)}`,
    en: (p) => `could not produce the verdict: ${str(p.error)}`,
  },
  // `vitest run --shard=i/n --reporter=blob` (validation.config.ts): the blob replaces the verdict reporter.
  'run.shard.blob': {
    fr: (p) =>
      `tranche ${str(p.shard)} : un blob, aucun verdict ni rapport de cette exécution (son code de sortie n'est pas la décision) ; le verdict vient de \`npx vitest run --merge-reports=<dossier des blobs>\` une fois toutes les tranches écrites`,
    en: (p) =>
      `shard ${str(p.shard)}: a blob, no verdict nor report of this run (its exit code is not the decision); the verdict comes from \`npx vitest run --merge-reports=<blobs directory>\` once every shard has written its blob`,
  },
  // A merge of shards (reporters/shard-provenance.ts): each shard judged and when it ran.
  'run.merged_shards': {
    fr: (p) => `Fusion de ${spans(p, 'du', 'au')}`,
    en: (p) => `Merge of ${spans(p, 'from', 'to')}`,
  },
  // `vitest run --merge-reports`: Vitest stopped before the reporters (reporters/validation-reporter.ts standInForMerge).
  'reporter.merge_unread': {
    fr: (p) =>
      `Vitest n'a pas pu lire les blobs de --merge-reports=${str(p.dir)} (un blob tronqué ou étranger, ou aucun blob) : la fusion s'est arrêtée avant tout jugement`,
    en: (p) =>
      `Vitest could not read the blobs of --merge-reports=${str(p.dir)} (a truncated or foreign blob, or none at all): the merge stopped before any judgement`,
  },
  'reporter.merge_unread_line': {
    fr: (p) =>
      `aucun verdict : Vitest n'a pas pu lire les blobs de --merge-reports=${str(p.dir)} (son erreur ci-dessus) ; le rapport de ${str(p.reportDir)} le dit (NO-GO, code 1), celui d'une exécution antérieure n'y est plus`,
    en: (p) =>
      `no verdict: Vitest could not read the blobs of --merge-reports=${str(p.dir)} (its error above); the report in ${str(p.reportDir)} says so (NO-GO, exit 1), an earlier run's is no longer there`,
  },
  'reporter.incomplete_failed': {
    fr: (p) => `impossible d'écrire le rapport incomplet : ${str(p.error)}`,
    en: (p) => `could not write the incomplete report: ${str(p.error)}`,
  },
  'reporter.hook_failed': { fr: (p) => `${str(p.hook)} a échoué : ${str(p.error)}`, en: (p) => `${str(p.hook)} failed: ${str(p.error)}` },
  'reporter.invoker_watch_failed': {
    fr: (p) => `impossible de surveiller la fin du processus appelant : ${str(p.error)}`,
    en: (p) => `cannot watch for the invoker's exit: ${str(p.error)}`,
  },
  // --- core/invoker.ts: the run's invoker (or the program whose step it is) is gone.
  'run.invoker_gone': {
    fr: (p) => `le processus qui a lancé cette exécution a disparu (pid parent ${str(p.pid)} terminé) : arrêt comme sur SIGTERM`,
    en: (p) => `the process that started this run is gone (parent pid ${str(p.pid)} exited): stopping as on SIGTERM`,
  },
  'run.owner_gone': {
    fr: (p) =>
      `le programme dont cette campagne est une étape a disparu (pid ${str(p.pid)}, ${str(p.variable)}) : personne ne lira son verdict, arrêt comme sur SIGTERM`,
    en: (p) =>
      `the program whose step this run is has gone (pid ${str(p.pid)}, ${str(p.variable)}): nobody will read its verdict, stopping as on SIGTERM`,
  },
}

registerCatalogue(RUN_CATALOGUE)
