// Configuration errors, French and English: the one line that stops a run before any request (a bad .env value,
// a question or ground-truth file that is not one, a refused baseline, a refused command line), and what the
// report says of it. Each sentence names the variable (or the option) and the accepted values, in both languages.
// `problem` and the accepted form of a variable are codes too (`config.problem.*`, `config.accepted.<VARIABLE>`),
// said inside the line by sayCode. The language is VALIDATION_LOCALE's, or English when VALIDATION_LOCALE itself
// is the invalid value (core/settings.ts configurationLocale).
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, type Locale, type Phrase, registerCatalogue, sayCode } from './index.ts'

type Params = Record<string, ReasonParam>
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.join(', ') : str(x))
/** ", … (3 more)" after a shortened list; nothing when it is whole. */
const more = (n: ReasonParam | undefined, L: Locale): string =>
  typeof n === 'number' && n > 0 ? (L === 'fr' ? `, … (${n} de plus)` : `, … (${n} more)`) : ''
const both = (fr: string, en: string): Phrase => ({ fr: () => fr, en: () => en })
/** `variable="value"`, or the variable alone with the value hidden (secrets, commands). */
const shown = (p: Params, L: Locale): string =>
  `${str(p.variable)}=${p.value === null || p.value === undefined ? (L === 'fr' ? '(valeur masquée)' : '(value hidden)') : str(p.value)}`
const problem = (p: Params, L: Locale): string => sayCode(p.problem, p, L)
const accepted = (p: Params, L: Locale): string => sayCode(`config.accepted.${str(p.variable)}`, p, L)

/**
 * Every configuration-error line, after the program's prefix (`harena-validation: `): "configuration error: <why>",
 * `cause` the code of why (a `config.*` code below) with its params. The report's reason says the same words
 * (core/locale/verdict.ts `verdict.configuration_error`).
 */
export const CONFIGURATION_ERROR: Phrase = {
  fr: (p) => `erreur de configuration : ${sayCode(p.cause, p, 'fr')}`,
  en: (p) => `configuration error: ${sayCode(p.cause, p, 'en')}`,
}

const BOOL = both('true | false (ou yes/no, on/off, 1/0)', 'true | false (also yes/no, on/off, 1/0)')
const choices = (p: Params): string => (Array.isArray(p.values) ? p.values.join(' | ') : str(p.values))
const values: Phrase = { fr: choices, en: choices }
const ms = (example: string): Phrase =>
  both(`un nombre entier de millisecondes ≥ 1, p. ex. ${example}`, `a whole number of milliseconds ≥ 1, e.g. ${example}`)
const fraction = (example: string): Phrase => both(`une fraction de 0 à 1, p. ex. ${example}`, `a fraction from 0 to 1, e.g. ${example}`)
/** `forms`: examples of the syntax within the bounds — a line refusing 2h (above 1h) offered 2h (a review, 2026-12-05). */
const duration = (example: string, fr: string, en: string, forms = '90s, 5m, 2h'): Phrase =>
  both(
    `une durée telle que ${example} (${forms} ou un nombre entier de millisecondes), ${fr}`,
    `a duration such as ${example} (${forms} or whole milliseconds), ${en}`,
  )

/** The accepted form of each variable (core/settings.ts, release/settings.ts), as its invalid-value line says it. */
const ACCEPTED: Record<string, Phrase> = {
  HARENA_BASE_URL: both(
    'une URL http(s) telle que http://127.0.0.1:8001 ou https://gw.example/harena',
    'an http(s) URL such as http://127.0.0.1:8001 or https://gw.example/harena',
  ),
  HARENA_API_CONTRACT: values,
  HARENA_USER_ID: both('un nombre entier ≥ 1', 'a whole number ≥ 1'),
  HARENA_API_TOKEN: both(
    'un jeton bearer de 8 caractères ou plus (lettres, chiffres et - . _ ~ + / = ; un JWT ou un jeton opaque), sans espace',
    'a bearer token of 8 characters or more (letters, digits and - . _ ~ + / =; a JWT or an opaque token), without spaces',
  ),
  HARENA_AUTH: both(
    'auto (un jeton ou un identifiant de connexion est requis avec HARENA_BASE_URL) | none (interroger la cible sans identifiants)',
    'auto (a token or a login is required with HARENA_BASE_URL) | none (ask the target without credentials)',
  ),
  HARENA_USERNAME: both('un identifiant de connexion non vide (e-mail)', 'a non-empty login (e-mail)'),
  HARENA_PASSWORD: both('un mot de passe de 8 caractères ou plus', 'a password of 8 characters or more'),
  HARENA_TIMEOUT_MS: both(
    'un nombre entier de millisecondes de 1 à 600000, p. ex. 60000',
    'a whole number of milliseconds from 1 to 600000, e.g. 60000',
  ),
  VALIDATION_QUESTIONS: both(
    "le chemin d'un fichier JSON de questions, p. ex. fixtures/questions.json",
    'a path to a questions JSON file, e.g. fixtures/questions.json',
  ),
  VALIDATION_ITERATIONS: both('un nombre entier de 1 à 1000', 'a whole number from 1 to 1000'),
  VALIDATION_WARMUP: both(
    'un nombre entier de requêtes de chauffe pour TOUTE la campagne (pas par question) de 0 à 100, p. ex. 2',
    'a whole number of warm-up requests for the WHOLE run (not per question) from 0 to 100, e.g. 2',
  ),
  VALIDATION_CONCURRENCY: both('un nombre entier de 1 à 256', 'a whole number from 1 to 256'),
  VALIDATION_STOP_AFTER_TIMEOUTS: both(
    "un nombre entier de 0 à 1000 (délais dépassés consécutifs sans réponse avant que la campagne cesse d'interroger la cible ; 0 = jamais)",
    'a whole number from 0 to 1000 (consecutive timeouts with no answer before the run stops asking; 0 = never)',
  ),
  VALIDATION_PROGRESS_SECONDS: both(
    'un nombre entier de secondes de 0 (aucune ligne de progression) à 3600 entre deux lignes de progression, p. ex. 30',
    'a whole number of seconds from 0 (no progress line) to 3600 between two progress lines, e.g. 30',
  ),
  VALIDATION_REPORT_DIR: both('un chemin de répertoire, p. ex. reports', 'a directory path, e.g. reports'),
  VALIDATION_LOCALE: values,
  VALIDATION_MIN_SUCCESS_RATE: both(
    'une fraction de 0 à 1 avec au plus 15 décimales, p. ex. 0.95',
    'a fraction from 0 to 1 with at most 15 decimals, e.g. 0.95',
  ),
  VALIDATION_P95_GO_MS: ms('4000'),
  VALIDATION_P95_NOGO_MS: ms('5000'),
  VALIDATION_STRICT: BOOL,
  VALIDATION_FAIL_ON_CONDITIONAL: BOOL,
  VALIDATION_STREAM: BOOL,
  VALIDATION_TTFC_GO_MS: ms('2000'),
  VALIDATION_TTFC_NOGO_MS: ms('4000'),
  VALIDATION_MAX_RPS: both(
    'un nombre de requêtes par seconde de 0 (sans cadence) à 10000, p. ex. 8',
    'a number of requests per second from 0 (no pacing) to 10000, e.g. 8',
  ),
  VALIDATION_SECURITY: BOOL,
  VALIDATION_GROUND_TRUTH: both(
    "le chemin d'un fichier JSON de vérité terrain (format : fixtures/ground-truth.schema.json)",
    'a path to a ground-truth JSON file (format: fixtures/ground-truth.schema.json)',
  ),
  VALIDATION_BASELINE: both(
    "le chemin du validation-report.json d'une exécution antérieure, p. ex. baseline/validation-report.json",
    "a path to an earlier run's validation-report.json, e.g. baseline/validation-report.json",
  ),
  VALIDATION_MAX_REGRESSION: both('une fraction de 0 à 100, p. ex. 0.2 pour 20 %', 'a fraction from 0 to 100, e.g. 0.2 for 20 %'),
  // Phase 2 (release/settings.ts).
  MONITOR_DURATION: duration('30m', 'de 1s à 24h', 'from 1s to 24h'),
  MONITOR_WINDOW: duration('5m', 'de 1s à 24h', 'from 1s to 24h'),
  MONITOR_STEP: duration('1m', 'de 100ms à MONITOR_WINDOW', 'from 100ms to MONITOR_WINDOW'),
  MONITOR_RPS: both(
    'un nombre de requêtes par seconde supérieur à 0 et au plus 50, p. ex. 1 ; sur harena-v3 (derrière nginx, 10 r/s par IP) au plus 10 r/s avec les contrôles de santé',
    'requests per second above 0 and at most 50, e.g. 1; on harena-v3 (behind nginx, 10 r/s per IP) at most 10 r/s with the health checks',
  ),
  MONITOR_MAX_IN_FLIGHT: both('un nombre entier de 1 à 256', 'a whole number from 1 to 256'),
  MONITOR_STATUS_EVERY: duration('5s', 'de 100ms à 1h', 'from 100ms to 1h', '500ms, 90s, 5m'),
  MONITOR_HEALTH_EVERY: duration('10s', 'de 100ms à 1h', 'from 100ms to 1h', '500ms, 90s, 5m'),
  MONITOR_MIN_SAMPLES: both('un nombre entier de 1 à 1000000, p. ex. 20', 'a whole number from 1 to 1000000, e.g. 20'),
  MONITOR_CONFIDENCE: both('une fraction telle que 0.95 (au-dessus de 0.5, sous 1)', 'a fraction such as 0.95 (above 0.5, below 1)'),
  MONITOR_ALERT_ERROR_RATE: fraction('0.10'),
  MONITOR_ALERT_P95_MS: ms('5000'),
  MONITOR_ROLLBACK_ERROR_RATE: fraction('0.20'),
  MONITOR_ROLLBACK_CRITICAL_RATE: fraction('0.05'),
  MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: both('un nombre entier de 1 à 1000, p. ex. 3', 'a whole number from 1 to 1000, e.g. 3'),
  MONITOR_DOWN_GRACE: duration(
    '5s',
    'de 0s (aussitôt) à 10m, au plus MONITOR_DURATION',
    'from 0s (at once) to 10m, at most MONITOR_DURATION',
    '0s, 5s, 30s',
  ),
  MONITOR_ROLLBACK_CRITICAL_REPEAT: both(
    'un nombre entier de 1 à 1000, p. ex. 5 (1 : toute réponse critique déclenche le retour arrière ; sans valeur : déduit de la durée de la surveillance)',
    'a whole number from 1 to 1000, e.g. 5 (1: any critical answer triggers the rollback; unset: derived from the watch length)',
  ),
  RELEASE_GATE: BOOL,
  RELEASE_GATE_BASE_URL: both(
    'une URL http(s) du candidat à valider avant le déploiement',
    'an http(s) URL of the candidate to validate before deploying',
  ),
  RELEASE_BACKUP_COMMAND: both(
    'une commande shell, p. ex. examples/ec2-systemd/backup.sh host harena',
    'a shell command, e.g. examples/ec2-systemd/backup.sh host harena',
  ),
  RELEASE_DEPLOY_COMMAND: both(
    'une commande shell, p. ex. examples/ec2-systemd/deploy.sh host v3.2.7 conversation-service',
    'a shell command, e.g. examples/ec2-systemd/deploy.sh host v3.2.7 conversation-service',
  ),
  RELEASE_ROLLBACK_COMMAND: both(
    'une commande shell, p. ex. examples/ec2-systemd/rollback.sh host v3.2.6 conversation-service',
    'a shell command, e.g. examples/ec2-systemd/rollback.sh host v3.2.6 conversation-service',
  ),
  RELEASE_ALLOW_CONDITIONAL: BOOL,
  RELEASE_GATE_SAME_ARTIFACT: BOOL,
  RELEASE_EXPECTED_VERSION: both(
    'la version que la route de santé doit annoncer après le déploiement, p. ex. 3.2.7',
    'the version the health route must report after the deployment, e.g. 3.2.7',
  ),
  RELEASE_DEPLOYER: both('un nom, p. ex. alice', 'a name, e.g. alice'),
  RELEASE_COMMAND_TIMEOUT: duration('15m', 'de 1s à 24h', 'from 1s to 24h'),
  RELEASE_READY_TIMEOUT: duration('60s', 'de 0 (pas d’attente) à 1h', 'from 0 (no wait) to 1h', '90s, 5m, 30m'),
  RELEASE_MONITOR: BOOL,
  RELEASE_HEALTH_PATH: both(
    'un chemin sous la racine du service, p. ex. api/v1/conversation/health ou health',
    'a path under the service root, e.g. api/v1/conversation/health or health',
  ),
}

/** The variables whose accepted form the catalogue holds (a test checks both settings tables against it). */
export const ACCEPTED_VARIABLES: readonly string[] = Object.keys(ACCEPTED)

/** What is wrong with a value: the zod schemas of core/settings.ts and release/settings.ts use these codes as messages. */
const PROBLEMS: Record<string, Phrase> = {
  'config.problem.invalid': both('invalide', 'invalid'),
  'config.problem.not_accepted': both('pas une des valeurs acceptées', 'not one of the accepted values'),
  'config.problem.not_integer': both('pas un nombre entier', 'not a whole number'),
  'config.problem.not_number': both('pas un nombre', 'not a number'),
  'config.problem.not_fraction': both('pas une fraction entre 0 et 1', 'not a fraction between 0 and 1'),
  'config.problem.too_many_decimals': both('plus de 15 décimales', 'more than 15 decimals'),
  'config.problem.not_fraction_positive': both('pas une fraction ≥ 0', 'not a fraction ≥ 0'),
  'config.problem.below': { fr: (p) => `inférieur à ${str(p.bound)}`, en: (p) => `below ${str(p.bound)}` },
  'config.problem.above': { fr: (p) => `supérieur à ${str(p.bound)}`, en: (p) => `above ${str(p.bound)}` },
  'config.problem.not_above': { fr: (p) => `pas au-dessus de ${str(p.bound)}`, en: (p) => `not above ${str(p.bound)}` },
  'config.problem.not_below': { fr: (p) => `pas en dessous de ${str(p.bound)}`, en: (p) => `not below ${str(p.bound)}` },
  'config.problem.positive': both('doit être supérieur à 0', 'must be above 0'),
  'config.problem.not_http_url': both('pas une URL http(s)', 'not an http(s) URL'),
  'config.problem.url_credentials': both(
    'contient des identifiants : utilisez HARENA_USERNAME/HARENA_PASSWORD ou HARENA_API_TOKEN',
    'contains credentials: use HARENA_USERNAME/HARENA_PASSWORD or HARENA_API_TOKEN',
  ),
  'config.problem.url_query': both('contient une chaîne de requête ou un fragment', 'has a query string or fragment'),
  'config.problem.not_http_url_plain': both('pas une URL http(s) sans identifiants', 'not an http(s) URL without credentials'),
  'config.problem.not_bearer': both('pas un jeton bearer', 'not a bearer token'),
  'config.problem.secret_too_short': both(
    'trop court pour être tenu hors des rapports (moins de 8 caractères)',
    'too short to be kept out of the reports (under 8 characters)',
  ),
  'config.problem.not_duration': both('pas une durée', 'not a duration'),
  'config.problem.not_boolean': both('pas un booléen', 'not a boolean'),
  'config.problem.empty': both('vide', 'empty'),
  'config.problem.not_path': both('pas un chemin', 'not a path'),
  'config.problem.dot_segments': both('un segment « .. » sort de la racine du service', 'a ".." segment leaves the service root'),
  // The report directory and the baseline's path (core/settings.ts reportDirProblemOf, baselinePathOf).
  'config.problem.no_ancestor': both('aucun répertoire parent existant', 'no existing ancestor directory'),
  'config.problem.is_file': {
    fr: (p) => (p.path ? `${str(p.path)} est un fichier, pas un répertoire` : 'un fichier, pas un répertoire'),
    en: (p) => (p.path ? `${str(p.path)} is a file, not a directory` : 'a file, not a directory'),
  },
  'config.problem.not_writable': {
    fr: (p) => (p.path ? `${str(p.path)} n'est pas accessible en écriture` : 'pas accessible en écriture'),
    en: (p) => (p.path ? `${str(p.path)} is not writable` : 'not writable'),
  },
  'config.problem.cannot_create': {
    fr: (p) => `impossible de créer ${str(p.path)} (${str(p.error)})`,
    en: (p) => `cannot create ${str(p.path)} (${str(p.error)})`,
  },
  'config.problem.no_such_file': both('fichier introuvable', 'no such file'),
  'config.problem.not_a_file': both('pas un fichier', 'not a file'),
  'config.problem.not_readable': both('illisible', 'not readable'),
  'config.problem.greater_than': {
    fr: (p) => `supérieur à ${str(p.other)}=${str(p.otherValue)}`,
    en: (p) => `greater than ${str(p.other)}=${str(p.otherValue)}`,
  },
  'config.problem.window_too_few': {
    fr: (p) =>
      `${str(p.other)}=${str(p.otherValue)} à ce rythme ne tient que ${str(p.perWindow)} requête(s), moins que MONITOR_MIN_SAMPLES=${str(p.min)} : aucune fenêtre ne pourrait être jugée`,
    en: (p) =>
      `${str(p.other)}=${str(p.otherValue)} at this pace holds only ${str(p.perWindow)} request(s), fewer than MONITOR_MIN_SAMPLES=${str(p.min)}: no window could ever be judged`,
  },
  'config.problem.over_nginx': {
    fr: (p) =>
      `avec les contrôles de santé (MONITOR_HEALTH_EVERY=${str(p.otherValue)}), plus que les ${str(p.max)} r/s par IP de nginx devant harena-v3 : la surveillance ne mesurerait que le limiteur`,
    en: (p) =>
      `with the health checks (MONITOR_HEALTH_EVERY=${str(p.otherValue)}), more than nginx's ${str(p.max)} r/s per IP in front of harena-v3: the watch would only measure the limiter`,
  },
  'config.problem.above_other': {
    fr: (p) => `au-dessus de ${str(p.other)}=${str(p.otherValue)}`,
    en: (p) => `above ${str(p.other)}=${str(p.otherValue)}`,
  },
  'config.problem.longer_than': {
    fr: (p) => `plus long que ${str(p.other)}=${str(p.otherValue)}`,
    en: (p) => `longer than ${str(p.other)}=${str(p.otherValue)}`,
  },
  'config.problem.too_many_steps': {
    fr: (p) => `${str(p.other)}=${str(p.otherValue)} contiendrait plus de ${str(p.max)} pas`,
    en: (p) => `${str(p.other)}=${str(p.otherValue)} would hold more than ${str(p.max)} steps`,
  },
  'config.problem.too_many_windows': {
    fr: (p) => `${str(p.other)}=${str(p.otherValue)} donnerait plus de ${str(p.max)} fenêtres`,
    en: (p) => `${str(p.other)}=${str(p.otherValue)} would give more than ${str(p.max)} windows`,
  },
  'config.problem.inside_report_dir': both(
    'dans VALIDATION_REPORT_DIR, que cette exécution remplace',
    'inside VALIDATION_REPORT_DIR, which this run replaces',
  ),
}

/** What a value must be instead, when the line says something else than the variable's accepted form. */
const EXPECTED: Record<string, Phrase> = {
  'config.expected.accepted': { fr: (p) => accepted(p, 'fr'), en: (p) => accepted(p, 'en') },
  'config.expected.go_le_nogo': both('seuil GO ≤ seuil NO-GO', 'GO ≤ NO-GO threshold'),
  'config.expected.writable_dir': both(
    "un chemin de répertoire accessible en écriture (créé s'il manque), p. ex. reports",
    'a writable directory path (created if missing), e.g. reports',
  ),
  'config.expected.baseline_elsewhere': both(
    'une copie ailleurs, p. ex. baseline/validation-report.json',
    'a copy elsewhere, e.g. baseline/validation-report.json',
  ),
  'config.expected.window_le_duration': both('une fenêtre pas plus longue que la surveillance', 'a window no longer than the monitoring'),
  'config.expected.grace_le_duration': both('un délai de grâce pas plus long que la surveillance', 'a grace no longer than the monitoring'),
  'config.expected.step_le_window': both('un pas pas plus long que la fenêtre', 'a step no longer than the window'),
  'config.expected.rps_window_min': {
    fr: (p) =>
      `MONITOR_RPS × MONITOR_WINDOW ≥ MONITOR_MIN_SAMPLES : au moins ${str(p.least)} r/s, une fenêtre plus longue ou moins de requêtes minimum`,
    en: (p) => `MONITOR_RPS × MONITOR_WINDOW ≥ MONITOR_MIN_SAMPLES: at least ${str(p.least)} r/s, a longer window or fewer minimum samples`,
  },
  'config.expected.at_most': { fr: (p) => `au plus ${str(p.most)}`, en: (p) => `at most ${str(p.most)}` },
  'config.expected.at_least': { fr: (p) => `au moins ${str(p.least)}`, en: (p) => `at least ${str(p.least)}` },
  'config.expected.alert_le_rollback': both("seuil d'alerte ≤ seuil de retour arrière", 'alert ≤ rollback threshold'),
}

export const CONFIG_CATALOGUE: Catalogue = {
  'config.error': CONFIGURATION_ERROR,
  ...Object.fromEntries(Object.entries(ACCEPTED).map(([name, phrase]) => [`config.accepted.${name}`, phrase])),
  ...PROBLEMS,
  ...EXPECTED,
  // The one line of a bad value: the variable, the value (or hidden), what is wrong, what is accepted.
  'config.invalid': {
    fr: (p) => `${shown(p, 'fr')} est invalide (${problem(p, 'fr')}) ; attendu : ${sayCode(p.expected ?? 'config.expected.accepted', p, 'fr')}.`,
    en: (p) => `${shown(p, 'en')} is invalid (${problem(p, 'en')}); expected ${sayCode(p.expected ?? 'config.expected.accepted', p, 'en')}.`,
  },
  'config.unknown_variable': {
    fr: (p) =>
      `${str(p.variable)} n'est pas une variable connue${p.guess ? ` — vouliez-vous dire ${str(p.guess)} ?` : ''} ; attendu : une des variables${p.family ? ` ${str(p.family)}` : ''} documentées dans ${str(p.documented)}.`,
    en: (p) =>
      `${str(p.variable)} is not a known variable${p.guess ? ` — did you mean ${str(p.guess)}?` : ''}; expected one of the${p.family ? ` ${str(p.family)}` : ''} variables documented in ${str(p.documented)}.`,
  },
  'config.credentials.together': {
    fr: (p) => `${str(p.variable)} manque ; attendu : HARENA_USERNAME et HARENA_PASSWORD renseignés ensemble.`,
    en: (p) => `${str(p.variable)} is missing; expected HARENA_USERNAME and HARENA_PASSWORD to be set together.`,
  },
  'config.target.ignored': {
    fr: (p) =>
      `HARENA_BASE_URL n'est pas renseignée mais ${list(p.variables)} ${many(p.variables) ? 'le sont' : "l'est"} : la campagne validerait le service de référence embarqué et ${many(p.variables) ? 'les ignorerait' : "l'ignorerait"} ; attendu : HARENA_BASE_URL=<la racine du service à valider> (ou retirez ${list(p.variables)} pour valider le service de référence).`,
    en: (p) =>
      `HARENA_BASE_URL is not set but ${list(p.variables)} ${many(p.variables) ? 'are' : 'is'}: the run would validate the embedded reference service and ignore ${many(p.variables) ? 'them' : 'it'}; expected HARENA_BASE_URL=<the service root to validate> (or unset ${list(p.variables)} to validate the reference service).`,
  },
  'config.auth.none_with_credentials': {
    fr: (p) => `HARENA_AUTH=none mais ${str(p.credentials)} est renseigné ; attendu : HARENA_AUTH=auto avec des identifiants, ou none sans.`,
    en: (p) => `HARENA_AUTH=none but ${str(p.credentials)} is set; expected HARENA_AUTH=auto with credentials, or none without.`,
  },
  'config.auth.missing_credentials': both(
    'HARENA_BASE_URL est renseignée mais aucun identifiant : chaque question serait refusée (401) ; attendu : HARENA_API_TOKEN, ou HARENA_USERNAME + HARENA_PASSWORD, ou HARENA_AUTH=none pour une cible sans authentification.',
    'HARENA_BASE_URL is set but no credentials are: every question would be refused (401); expected HARENA_API_TOKEN, or HARENA_USERNAME + HARENA_PASSWORD, or HARENA_AUTH=none for a target without authentication.',
  ),
  'config.token.other_user': {
    fr: (p) =>
      `HARENA_USER_ID=${str(p.userId)} mais le jeton de HARENA_API_TOKEN est celui de l'utilisateur ${str(p.sub)} (sa revendication « ${p.from === 'user_id' ? 'user_id' : 'sub'} ») ; attendu : HARENA_USER_ID égal à l'utilisateur du jeton.`,
    en: (p) =>
      `HARENA_USER_ID=${str(p.userId)} but the token in HARENA_API_TOKEN is for user ${str(p.sub)} (its "${p.from === 'user_id' ? 'user_id' : 'sub'}" claim); expected HARENA_USER_ID to be the token's user.`,
  },
  'config.token.expired': {
    fr: (p) => `HARENA_API_TOKEN (valeur masquée) a expiré le ${str(p.at)} ; attendu : un jeton valable pour toute la campagne.`,
    en: (p) => `HARENA_API_TOKEN (value hidden) expired at ${str(p.at)}; expected a token valid for the whole run.`,
  },
  // A file named by a variable (VALIDATION_QUESTIONS, VALIDATION_GROUND_TRUTH): read, parsed, checked by its schema.
  // `problem` is the schema's own message in English, `problemFr` in French (zod's French messages, core/schema-problem.ts).
  'config.file.unreadable': {
    fr: (p) => `${str(p.variable)} : impossible de lire ${str(p.path)} (${str(p.error)})`,
    en: (p) => `${str(p.variable)}: cannot read ${str(p.path)} (${str(p.error)})`,
  },
  'config.file.not_json': {
    fr: (p) => `${str(p.variable)} : ${str(p.path)} n'est pas du JSON valide (${str(p.error)})`,
    en: (p) => `${str(p.variable)}: ${str(p.path)} is not valid JSON (${str(p.error)})`,
  },
  'config.file.schema': {
    fr: (p) =>
      `${str(p.variable)} : ${str(p.path)} est invalide en ${str(p.where)} : ${str(p.problemFr)}${p.format ? ` ; attendu : le format de ${str(p.format)}` : ''}`,
    en: (p) =>
      `${str(p.variable)}: ${str(p.path)} is invalid at ${str(p.where)}: ${str(p.problem)}${p.format ? `; expected the format of ${str(p.format)}` : ''}`,
  },
  // A ground-truth file keyed by ids the question set does not have (core/ground-truth.ts refuseUnknownIds).
  'config.truth.unknown_ids': {
    fr: (p) =>
      `${str(p.variable)} : ${str(p.path)} donne la vérité de questions que le jeu n'a pas : ${list(p.unknown)}${more(p.more, 'fr')} ; attendu : des identifiants du jeu de questions (VALIDATION_QUESTIONS), soit ${list(p.accepted)}${more(p.acceptedMore, 'fr')}`,
    en: (p) =>
      `${str(p.variable)}: ${str(p.path)} gives the truth of questions the set does not have: ${list(p.unknown)}${more(p.more, 'en')}; expected ids of the question set (VALIDATION_QUESTIONS): ${list(p.accepted)}${more(p.acceptedMore, 'en')}`,
  },
  // A ground-truth file made for another user than the one the run asks for (core/ground-truth.ts refuseOtherUser).
  'config.truth.other_user': {
    fr: (p) =>
      `${str(p.variable)} : ${str(p.path)} est la vérité terrain de l'utilisateur ${str(p.fileUser)} (account.userId), cette campagne interroge l'utilisateur ${str(p.userId)} (HARENA_USER_ID) ; attendu : une vérité terrain faite pour l'utilisateur ${str(p.userId)}, ou HARENA_USER_ID=${str(p.fileUser)}`,
    en: (p) =>
      `${str(p.variable)}: ${str(p.path)} is the ground truth of user ${str(p.fileUser)} (account.userId), this run asks as user ${str(p.userId)} (HARENA_USER_ID); expected a ground truth made for user ${str(p.userId)}, or HARENA_USER_ID=${str(p.fileUser)}`,
  },
  // The schemas' own messages (core/questions.ts, core/ground-truth.ts), said where the file's line says its problem.
  'schema.intent': both('groupe, groupe.sous-type, ou alternatives séparées par |', 'group, group.subtype, or alternatives separated by |'),
  'schema.no_questions': both('aucune question (il en faut au moins une)', 'no question (at least one is needed)'),
  'schema.question_id': both('lettres, chiffres, _ . - seulement', 'letters, digits, _ . - only'),
  'schema.category_id': both('identifiant de catégorie en snake_case', 'snake_case category id'),
  'schema.duplicate_id': { fr: (p) => `identifiant en double ${str(p.id)}`, en: (p) => `duplicate id ${str(p.id)}` },
  'schema.iso_date': both('une date ISO AAAA-MM-JJ', 'an ISO date YYYY-MM-DD'),
  'schema.iso_date_time': both(
    'une date ISO AAAA-MM-JJ, ou une date et une heure ISO (2026-11-24T12:00:00Z)',
    'an ISO date YYYY-MM-DD, or an ISO date and time (2026-11-24T12:00:00Z)',
  ),
  'schema.period_order': both('une période dont `from` ne suit pas `to`', 'a period whose `from` is not after its `to`'),
  'schema.truth_question_id': both('un identifiant de question : lettres, chiffres, _ . -', 'a question id: letters, digits, _ . -'),
  // reporters/validation-reporter.ts replaceEarlierReport: no in-progress set, and the earlier documents stay.
  'config.report_dir.unreplaceable': {
    fr: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} ne peut pas recevoir le rapport de cette campagne (${str(p.error)}) et ${list(p.files)} de la campagne précédente ne peuvent pas être supprimés ; attendu : un répertoire où les fichiers du rapport peuvent être écrits et remplacés`,
    en: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} cannot take this run's report (${str(p.error)}) and the earlier run's ${list(p.files)} cannot be removed; expected a directory where the report files can be written and replaced`,
  },
  // core/dir-lock.ts: another live run holds the report directory's lock (not this run's parent, whose own commands
  // go on); this run stops before touching it.
  'config.report_dir.locked': {
    fr: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} est tenu par l'exécution ${str(p.runId)} (pid ${str(p.pid)}, démarrée ${str(p.startedAt)}), qui n'a pas lancé celle-ci : cette exécution s'arrête sans toucher à ses rapports ; attendu : un répertoire où aucune autre exécution n'écrit (attendez sa fin ou choisissez un autre répertoire ; le verrou ${str(p.lock)} d'un processus disparu est repris)`,
    en: (p) =>
      `VALIDATION_REPORT_DIR=${str(p.path)} is held by run ${str(p.runId)} (pid ${str(p.pid)}, started ${str(p.startedAt)}), which did not start this one: this run stops without touching its reports; expected a directory no other run is writing to (wait for it to end or choose another directory; the lock ${str(p.lock)} of a process that is gone is taken over)`,
  },
  // VALIDATION_BASELINE (core/baseline.ts): the file, then whether it can be compared with this run.
  'config.baseline.missing': {
    fr: (p) => `VALIDATION_BASELINE=${str(p.path)} n'existe pas ou n'est pas un fichier`,
    en: (p) => `VALIDATION_BASELINE=${str(p.path)} does not exist or is not a file`,
  },
  'config.baseline.unreadable': {
    fr: (p) => `VALIDATION_BASELINE=${str(p.path)} ne peut pas être lue (${str(p.error)})`,
    en: (p) => `VALIDATION_BASELINE=${str(p.path)} cannot be read (${str(p.error)})`,
  },
  'config.baseline.not_json': {
    fr: (p) => `VALIDATION_BASELINE=${str(p.path)} n'est pas du JSON`,
    en: (p) => `VALIDATION_BASELINE=${str(p.path)} is not JSON`,
  },
  'config.baseline.not_report': {
    fr: (p) => `VALIDATION_BASELINE=${str(p.path)} n'est pas un validation-report.json (${str(p.where)} : ${str(p.problemFr)})`,
    en: (p) => `VALIDATION_BASELINE=${str(p.path)} is not a validation-report.json (${str(p.where)}: ${str(p.problem)})`,
  },
  'config.baseline.other_samples': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} : ${str(p.samples)} à côté ne vient pas de la même campagne (ses latences ne sont pas celles du rapport) ; copiez les deux fichiers de la même campagne, ou retirez ${str(p.samples)}`,
    en: (p) =>
      `VALIDATION_BASELINE=${str(p.path)}: ${str(p.samples)} beside it is not from the same run (its latencies are not the report's); copy both files from the same run, or remove ${str(p.samples)}`,
  },
  'config.baseline.bad_sample': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} : la ligne ${str(p.line)} de ses échantillons n'est pas un échantillon d'une campagne de validation`,
    en: (p) => `VALIDATION_BASELINE=${str(p.path)} line ${str(p.line)} is not a sample of a validation run`,
  },
  'config.baseline.refused': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} est refusée : ${sayCode(p.why, p, 'fr')} ; attendu : un validation-report.json du même contrat et du même jeu de questions, mesuré avec les mêmes réglages`,
    en: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} is refused: ${sayCode(p.why, p, 'en')}; expected a validation-report.json of the same contract and question set, measured with the same settings`,
  },
  // A baseline read strictly (core/baseline-file.ts): a version this code knows, parts that agree, a complete release run.
  'config.baseline.unknown_version': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} est refusée : schemaVersion ${str(p.version)} est inconnue de cette version, qui lit les versions 1 à 3`,
    en: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} is refused: schemaVersion ${str(p.version)} is unknown to this version, which reads versions 1 to 3`,
  },
  'config.baseline.inconsistent': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} est refusée : ses parties se contredisent — ${str(p.field)} vaut ${str(p.stated)}, ses propres tentatives donnent ${str(p.computed)} (fichier modifié ?)`,
    en: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} is refused: its parts disagree — ${str(p.field)} says ${str(p.stated)}, its own attempts give ${str(p.computed)} (an edited file?)`,
  },
  'config.baseline.not_release_run': {
    fr: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} est refusée : ${sayCode(p.why, p, 'fr')} ; attendu : le rapport d'une exécution de validation complète (tous ses essais prévus mesurés)`,
    en: (p) =>
      `VALIDATION_BASELINE=${str(p.path)} is refused: ${sayCode(p.why, p, 'en')}; expected the report of a complete release run (every planned attempt measured)`,
  },
  'baseline.unusable.exploratory': both(
    'la référence est une exécution exploratoire (filtrée, sans décision de mise en production)',
    'the baseline is an exploratory run (filtered, no release decision)',
  ),
  'baseline.unusable.running': both(
    "la référence est le rapport d'une exécution encore en cours",
    'the baseline is the report of a run still in progress',
  ),
  'baseline.unusable.interrupted': both("l'exécution de référence a été interrompue", 'the baseline run was interrupted'),
  'baseline.unusable.incomplete': {
    fr: (p) => `l'exécution de référence est incomplète (${str(p.decision)} : ${str(p.attempts)} tentatives mesurées sur ${str(p.planned)} prévues)`,
    en: (p) => `the baseline run is incomplete (${str(p.decision)}: ${str(p.attempts)} of ${str(p.planned)} planned attempts measured)`,
  },
  'baseline.unusable.unmeasured': {
    fr: (p) => `la référence n'a mesuré aucune tentative de ${Array.isArray(p.ids) && p.ids.length ? p.ids.join(', ') : 'ses questions'}`,
    en: (p) => `the baseline measured no attempt of ${Array.isArray(p.ids) && p.ids.length ? p.ids.join(', ') : 'its questions'}`,
  },
  'baseline.mismatch.setting': {
    fr: (p) => `la référence a mesuré avec ${str(p.setting)}=${str(p.baselineValue)}, cette exécution avec ${str(p.setting)}=${str(p.value)}`,
    en: (p) => `the baseline was measured with ${str(p.setting)}=${str(p.baselineValue)}, this run with ${str(p.setting)}=${str(p.value)}`,
  },
  'baseline.mismatch.contract': {
    fr: (p) => `la référence a validé le contrat ${str(p.baselineContract)}, cette exécution ${str(p.contract)}`,
    en: (p) => `the baseline validated contract ${str(p.baselineContract)}, this run ${str(p.contract)}`,
  },
  'baseline.mismatch.questions': {
    fr: (p) =>
      `la référence a posé un autre jeu de questions (${[
        p.missing ? `absentes de la référence : ${str(p.missing)}` : '',
        p.extra ? `seulement dans la référence : ${str(p.extra)}` : '',
      ]
        .filter(Boolean)
        .join(' ; ')})`,
    en: (p) =>
      `the baseline asked another question set (${[
        p.missing ? `not in the baseline: ${str(p.missing)}` : '',
        p.extra ? `only in the baseline: ${str(p.extra)}` : '',
      ]
        .filter(Boolean)
        .join('; ')})`,
  },
  'baseline.mismatch.messages': {
    fr: (p) => `la référence a posé d'autres questions sous les mêmes identifiants (${str(p.changed)})`,
    en: (p) => `the baseline asked other questions under the same ids (${str(p.changed)})`,
  },
  // The command line (validation.config.ts, tests/support/global-setup.ts).
  'config.cli.reporter': {
    fr: (p) =>
      `${str(p.given)} n'est pas permis : il remplace les reporters configurés et supprime le verdict et son code de sortie ; lancez sans --reporter : les reporters sont configurés et écrivent déjà le rapport en Markdown, JSON, HTML et junit.xml dans ${str(p.dir)}`,
    en: (p) =>
      `${str(p.given)} is not allowed: it replaces the configured reporters and drops the verdict and its exit code; run without --reporter: the reporters are configured and already write the report as Markdown, JSON, HTML and junit.xml in ${str(p.dir)}`,
  },
  'config.cli.blob_unsharded': {
    fr: (p) =>
      `${str(p.given)} sans --shard n'est pas permis : il remplace les reporters configurés et supprime le verdict et son code de sortie ; --reporter=blob est pour une tranche (--shard=i/n), dont la fusion (--merge-reports) donne le verdict ; sinon lancez sans --reporter : le rapport s'écrit en Markdown, JSON, HTML et junit.xml dans ${str(p.dir)}`,
    en: (p) =>
      `${str(p.given)} without --shard is not allowed: it replaces the configured reporters and drops the verdict and its exit code; --reporter=blob is for a shard (--shard=i/n), whose merge (--merge-reports) gives the verdict; otherwise run without --reporter: the report is written as Markdown, JSON, HTML and junit.xml in ${str(p.dir)}`,
  },
  'config.cli.shard_count': {
    fr: (p) =>
      `--shard=${str(p.given)} : ${str(p.count)} tranches pour ${str(p.files)} fichier(s) de spec — Vitest refuse plus de tranches que de fichiers et n'exécuterait aucune question de cette tranche ; lancez au plus ${str(p.files)} tranches (--shard=i/${str(p.files)})`,
    en: (p) =>
      `--shard=${str(p.given)}: ${str(p.count)} shards for ${str(p.files)} spec file(s) — Vitest refuses more shards than files and would run no question of this shard; run at most ${str(p.files)} shards (--shard=i/${str(p.files)})`,
  },
  'config.cli.timeout': {
    fr: (p) =>
      `${str(p.given)} n'est pas permis : Vitest arrêterait une question qui attend son tour ou sa réponse et la compterait non exécutée, sans cause, au détriment du service ; le délai d'une requête est HARENA_TIMEOUT_MS ; lancez sans ${str(p.variable)}`,
    en: (p) =>
      `${str(p.given)} is not allowed: Vitest would end a question still waiting its turn or its answer and count it not executed, with no cause, against the service; the request deadline is HARENA_TIMEOUT_MS; run without ${str(p.variable)}`,
  },
  'config.cli.retry': {
    fr: (p) => `--retry=${str(p.retries)} n'est pas permis : une nouvelle tentative cacherait un échec ; lancez sans --retry`,
    en: (p) => `--retry=${str(p.retries)} is not allowed: a retry would hide a failure; run without --retry`,
  },
  // The embedded reference service's own variables (tests/support/embedded-options.ts), in the form of config.invalid.
  'config.reference.now': {
    fr: (p) => `REFERENCE_NOW=${str(p.value)} est invalide (pas une date) ; attendu : une date ISO 8601, p. ex. 2026-11-24T12:00:00Z.`,
    en: (p) => `REFERENCE_NOW=${str(p.value)} is invalid (not a date); expected an ISO 8601 date, e.g. 2026-11-24T12:00:00Z.`,
  },
  // `error`: the JSON parser's or the schema's own words (the fields named), quoted as they are.
  'config.reference.faults': {
    fr: (p) =>
      `REFERENCE_FAULTS est invalide (${p.kind === 'json' ? `pas du JSON : ${str(p.error)}` : `règles refusées : ${str(p.error)}`}) ; attendu : un tableau JSON de règles de panne (fixtures/reference/faults.ts), p. ex. [{"match":"Carrefour","fault":{"kind":"http5xx"}}].`,
    en: (p) =>
      `REFERENCE_FAULTS is invalid (${p.kind === 'json' ? `not JSON: ${str(p.error)}` : `rules refused: ${str(p.error)}`}); expected a JSON array of fault rules (fixtures/reference/faults.ts), e.g. [{"match":"Carrefour","fault":{"kind":"http5xx"}}].`,
  },
  'config.reference.chunk_ms': {
    fr: (p) =>
      `REFERENCE_STREAM_CHUNK_MS=${str(p.value)} est invalide (${problem(p, 'fr')}) ; attendu : un nombre entier de millisecondes de 0 à 60000.`,
    en: (p) => `REFERENCE_STREAM_CHUNK_MS=${str(p.value)} is invalid (${problem(p, 'en')}); expected a whole number of milliseconds from 0 to 60000.`,
  },
  'config.reference.contract': {
    fr: (p) =>
      `REFERENCE_CONTRACT=${str(p.value)} n'est pas la génération validée (HARENA_API_CONTRACT=${str(p.contract)}) : le service de référence embarqué parle celle de HARENA_API_CONTRACT ; pour valider une autre génération, réglez HARENA_API_CONTRACT (REFERENCE_CONTRACT ne vaut que pour \`npm run reference\`).`,
    en: (p) =>
      `REFERENCE_CONTRACT=${str(p.value)} is not the generation this run validates (HARENA_API_CONTRACT=${str(p.contract)}): the embedded reference service speaks HARENA_API_CONTRACT's; to validate another generation, set HARENA_API_CONTRACT (REFERENCE_CONTRACT applies only to \`npm run reference\`).`,
  },
  'config.reference.token_uses': {
    fr: (p) => `REFERENCE_TOKEN_MAX_USES=${str(p.value)} est invalide (${problem(p, 'fr')}) ; attendu : un nombre entier de 1 à 1000000.`,
    en: (p) => `REFERENCE_TOKEN_MAX_USES=${str(p.value)} is invalid (${problem(p, 'en')}); expected a whole number from 1 to 1000000.`,
  },
  // The merge of a sharded run (reporters/validation-reporter.ts, core/shard.ts).
  'config.merge.no_record': both(
    'les blobs fusionnés ne portent aucune trace de leur exécution (cible, réglages, questions) : fusionnez des blobs écrits par cette suite avec `vitest run --shard=i/n --reporter=blob`',
    'the merged blobs carry no record of their run (target, settings, questions): merge blobs written by this suite with `vitest run --shard=i/n --reporter=blob`',
  ),
  'config.merge.unlike': {
    fr: (p) =>
      `les tranches n'ont pas été exécutées de la même façon : ${sayCode(p.why, p, 'fr')} ; exécutez chaque tranche avec la même cible, les mêmes réglages et le même jeu de questions`,
    en: (p) => `the shards were not run alike: ${sayCode(p.why, p, 'en')}; run every shard with the same target, settings and question set`,
  },
  'config.merge.twins': {
    fr: (p) =>
      `deux blobs de ${shard(p.shard, 'fr')} viennent d'exécutions différentes (commencées le ${str(p.first)} et le ${str(p.second)}) ; fusionnez un blob par tranche, tous de la même exécution`,
    en: (p) =>
      `two blobs of ${shard(p.shard, 'en')} come from different runs (started ${str(p.first)} and ${str(p.second)}); merge one blob per shard, all from the same run`,
  },
  'config.merge.copy': {
    fr: (p) =>
      `${p.shard === null ? shard(p.shard, 'fr') : `le blob de ${shard(p.shard, 'fr')}`} est là deux fois (une copie sous un autre nom) : Vitest compterait ses tests deux fois ; fusionnez un blob par tranche`,
    en: (p) =>
      `${p.shard === null ? shard(p.shard, 'en') : `the blob of ${shard(p.shard, 'en')}`} is there twice (a copy under another name): Vitest would count its tests twice; merge one blob per shard`,
  },
  'shard.unlike.split': {
    fr: (p) =>
      `${shard(p.a, 'fr')} et ${shard(p.b, 'fr')} appartiennent à des découpages différents (--shard=…/${str(p.countA)} et …/${str(p.countB)})`,
    en: (p) => `${shard(p.a, 'en')} and ${shard(p.b, 'en')} belong to different splits (--shard=…/${str(p.countA)} and …/${str(p.countB)})`,
  },
  'shard.unlike.target': {
    fr: (p) =>
      `la cible est ${target(p.urlA, p.contractA, 'fr')} dans ${shard(p.a, 'fr')} mais ${target(p.urlB, p.contractB, 'fr')} dans ${shard(p.b, 'fr')}`,
    en: (p) =>
      `the target is ${target(p.urlA, p.contractA, 'en')} in ${shard(p.a, 'en')} but ${target(p.urlB, p.contractB, 'en')} in ${shard(p.b, 'en')}`,
  },
  'shard.unlike.setting': {
    fr: (p) => `${str(p.variable)} vaut ${str(p.valueA)} dans ${shard(p.a, 'fr')} mais ${str(p.valueB)} dans ${shard(p.b, 'fr')}`,
    en: (p) => `${str(p.variable)} is ${str(p.valueA)} in ${shard(p.a, 'en')} but ${str(p.valueB)} in ${shard(p.b, 'en')}`,
  },
  'shard.unlike.version': {
    fr: (p) =>
      `la cible annonçait la version ${str(p.versionA)} dans ${shard(p.a, 'fr')} mais ${str(p.versionB)} dans ${shard(p.b, 'fr')} (un blob d'une exécution antérieure, ou un déploiement entre les tranches)`,
    en: (p) =>
      `the target reported version ${str(p.versionA)} in ${shard(p.a, 'en')} but ${str(p.versionB)} in ${shard(p.b, 'en')} (a blob of an earlier run, or a deployment between the shards)`,
  },
  'config.merge.filtered': {
    fr: (p) =>
      `${shard(p.shard, 'fr')} a été filtrée par nom (-t ${str(p.pattern)}) : une fusion ne juge que des tranches entières ; relancez-la sans -t`,
    en: (p) => `${shard(p.shard, 'en')} was filtered by name (-t ${str(p.pattern)}): a merge judges whole shards only; run it again without -t`,
  },
  'config.merge.campaigns': {
    fr: (p) =>
      `les blobs viennent de campagnes différentes (${str(p.shards)}) : un blob d'une exécution antérieure tiendrait la place d'une tranche qui n'en a pas laissé ; fusionnez les blobs d'une seule campagne (chaque tranche relancée si besoin)`,
    en: (p) =>
      `the blobs come from different campaigns (${str(p.shards)}): a blob of an earlier run would stand in for a shard that left none; merge the blobs of one campaign (run a shard again if need be)`,
  },
  'config.merge.apart': {
    fr: (p) =>
      `les blobs ne sont pas d'une même campagne (tranches et débuts : ${str(p.shards)}) : une tranche a commencé ${str(p.gapMinutes)} min après la fin des précédentes, plus que la plus longue tranche ou ${str(p.boundMinutes)} min ; un blob d'une exécution antérieure tiendrait la place d'une tranche qui n'en a pas laissé ; fusionnez les blobs d'une seule campagne`,
    en: (p) =>
      `the blobs are not of one campaign (shards and starts: ${str(p.shards)}): a shard started ${str(p.gapMinutes)} min after the earlier ones ended, more than the longest shard took or ${str(p.boundMinutes)} min; a blob of an earlier run would stand in for a shard that left none; merge the blobs of one campaign`,
  },
  'config.merge.narrowed': {
    fr: (p) =>
      `une fusion (--merge-reports) ne se filtre pas (${str(p.flags)}) : Vitest rejoue chaque blob en entier ; fusionnez sans filtre, puis explorez une question sans --merge-reports (rien n'a été écrit)`,
    en: (p) =>
      `a merge (--merge-reports) cannot be filtered (${str(p.flags)}): Vitest replays every blob whole; merge without a filter, then explore a question without --merge-reports (nothing was written)`,
  },
  'config.merge.files': {
    fr: (p) =>
      `aucune tranche n'a exécuté ${str(p.files)} (--exclude ou un filtre de fichiers) : la fusion jugerait une partie du plan comme le tout ; exécutez chaque tranche sans filtre`,
    en: (p) =>
      `no shard ran ${str(p.files)} (--exclude or a file filter): the merge would judge part of the plan as the whole; run every shard without a filter`,
  },
  'shard.unlike.questions': {
    fr: (p) => `le jeu de questions (VALIDATION_QUESTIONS) de ${shard(p.a, 'fr')} diffère de celui de ${shard(p.b, 'fr')}`,
    en: (p) => `the question set (VALIDATION_QUESTIONS) of ${shard(p.a, 'en')} differs from ${shard(p.b, 'en')}'s`,
  },
  // Phase 2: a deployment command without a deployment to judge (release/settings.ts).
  'config.release.embedded_deploy': {
    fr: (p) =>
      `${str(p.variable)} est renseignée mais pas HARENA_BASE_URL : la porte, la vérification et la surveillance jugeraient le service de référence embarqué, pas le service que vous déployez ; renseignez HARENA_BASE_URL (et ses identifiants).`,
    en: (p) =>
      `${str(p.variable)} is set but HARENA_BASE_URL is not: the gate, verify and monitor would judge the embedded reference service, not the service you deploy; set HARENA_BASE_URL (and its credentials).`,
  },
  'config.release.backup_without_deploy': {
    fr: (p) =>
      `${str(p.variable)} est renseignée mais pas RELEASE_DEPLOY_COMMAND : la sauvegarde ne s'exécute qu'avant un déploiement, elle ne s'exécuterait jamais ; renseignez RELEASE_DEPLOY_COMMAND ou retirez ${str(p.variable)}.`,
    en: (p) =>
      `${str(p.variable)} is set but RELEASE_DEPLOY_COMMAND is not: the backup runs only before a deployment, it would never run; set RELEASE_DEPLOY_COMMAND or remove ${str(p.variable)}.`,
  },
}

function many(x: ReasonParam | undefined): boolean {
  return Array.isArray(x) && x.length > 1
}

/** "shard 2/3" (a shard's index and count, as the merge names it); null: the blob of a run that was not sharded. */
function shard(label: ReasonParam | undefined, L: Locale): string {
  if (label === null || label === undefined) return L === 'fr' ? 'le blob non découpé' : 'the unsharded blob'
  return L === 'fr' ? `la tranche ${str(label)}` : `shard ${str(label)}`
}

/** A shard's target: its URL, or the embedded reference service (each shard runs its own, on its own port). */
function target(url: ReasonParam | undefined, contract: ReasonParam | undefined, L: Locale): string {
  if (url === null || url === undefined)
    return L === 'fr' ? `service de référence embarqué (${str(contract)})` : `embedded reference service (${str(contract)})`
  return `${str(url)} (${str(contract)})`
}

registerCatalogue(CONFIG_CATALOGUE)
