// The sentences of the suite's checks (tests/support/checks/) and of the attempt recorder (timeouts, transport
// errors, oversized bodies), French and English. Every sentence says what was expected, then what was observed.
// The English wording is the one the checks have always written (tests pin it); the French is the report's.
// Parameters hold the observed texts already bounded to one line (the checks cut them), never quoted: each
// language quotes in its own way. Codes and parameters: docs/reasons.md.
// An attempt's failures also carry the answer-quality reasons (grounding, ground truth, security probes): whoever
// words check reasons gets their sentences too (and the transport's: encodings, redirects, broken bodies).
import { fieldEn, fieldFr } from './grounding.ts'
import './transport.ts'
import type { ReasonParam } from '../reason.ts'
import { fmtMs } from './format.ts'
import { type Catalogue, type Locale, registerCatalogue, sayCode } from './index.ts'

type P = Record<string, ReasonParam>
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
/** The annotation's P50: "≥ " when censored, "—" when there is none, in the locale's number format. */
const latencyOf = (p: Record<string, ReasonParam>, L: Locale): string =>
  typeof p.p50 === 'number' ? `${p.censored === true ? '≥ ' : ''}${fmtMs(p.p50, L)}` : '—'
const strOrNull = (x: ReasonParam | undefined): string | null => (typeof x === 'string' ? x : null)
const int = (x: ReasonParam | undefined): number => (typeof x === 'number' ? x : 0)
const intOrNull = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
const strs = (x: ReasonParam | undefined): string[] => (Array.isArray(x) ? x.map(String) : [])
const nums = (x: ReasonParam | undefined): number[] => (Array.isArray(x) ? x.map(Number) : [])

/** A quoted observed text: "…" in English, « … » in French. */
const q = (L: Locale, text: ReasonParam | undefined): string => (L === 'fr' ? `« ${str(text)} »` : `"${str(text)}"`)
/** A decimal as each language writes it (the value is already rounded by the check). */
const dec = (L: Locale, x: ReasonParam | undefined): string => (L === 'fr' ? String(x).replace('.', ',') : String(x))
const CHART_KIND: Readonly<Record<string, { fr: string; en: string }>> = {
  line: { fr: 'courbe', en: 'line' },
  pie: { fr: 'camembert', en: 'pie' },
  bar: { fr: 'en barres', en: 'bar' },
  kpi: { fr: 'carte KPI', en: 'KPI card' },
}
const chartKind = (L: Locale, p: P): string => CHART_KIND[str(p.kind)]?.[L] ?? str(p.kind)
/** The side a chart-sum reason speaks of (debits unless `side` says credits): "debits"/"dépenses", "debit"/"débits". */
const sideOf = (L: Locale, p: P): string => (str(p.side) === 'credit' ? (L === 'fr' ? 'revenus' : 'credits') : L === 'fr' ? 'dépenses' : 'debits')
const sideTotal = (L: Locale, p: P): string => (str(p.side) === 'credit' ? (L === 'fr' ? 'crédits' : 'credit') : L === 'fr' ? 'débits' : 'debit')
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

/** The language a text that is not French reads as (tests/support/checks/language.ts). */
const LANGUAGE: Readonly<Record<string, { fr: string; en: string }>> = {
  es: { fr: "de l'espagnol", en: 'Spanish' },
  it: { fr: "de l'italien", en: 'Italian' },
  pt: { fr: 'du portugais', en: 'Portuguese' },
  ca: { fr: 'du catalan', en: 'Catalan' },
  de: { fr: "de l'allemand", en: 'German' },
  en: { fr: "de l'anglais", en: 'English' },
}

/**
 * " (it reads as Spanish)", " (it reads as English or Spanish)" when only words of both families spoke (eitherOf),
 * or nothing.
 */
const readsAs = (L: Locale, p: P): string => {
  const names = (Array.isArray(p.eitherOf) ? strs(p.eitherOf) : [str(p.looksLike)]).map((l) => LANGUAGE[l]?.[L])
  if (names.length === 0 || names.some((n) => n === undefined)) return ''
  return L === 'fr' ? ` (on dirait ${names.join(' ou ')})` : ` (it reads as ${names.join(' or ')})`
}

/** "kpi, kpi, pie" or none. */
const kinds = (L: Locale, p: P): string => strs(p.kinds).join(', ') || (L === 'fr' ? 'aucune' : 'none')

/** What showed a rate limit (tests/support/rate-limit.ts): "(rate limited: HTTP 503 page from nginx, Retry-After: 5)". */
const rateLimitSource = (p: P, L: Locale): string => {
  if (p.page === undefined) return ''
  const status = int(p.status)
  const server = strOrNull(p.server) ?? (L === 'fr' ? 'un proxy' : 'a proxy')
  const from =
    status === 429
      ? ''
      : L === 'fr'
        ? ` ${p.page === true ? 'page' : 'réponse'} de ${server}`
        : ` ${p.page === true ? 'page' : 'answer'} from ${server}`
  const after = strOrNull(p.retryAfter) === null ? '' : `, Retry-After: ${str(p.retryAfter)}`
  return L === 'fr' ? ` (limité : HTTP ${status}${from}${after})` : ` (rate limited: HTTP ${status}${from}${after})`
}

/** A message in a 4xx: quoted, or its absence. */
const said = (L: Locale, message: ReasonParam | undefined): string =>
  strOrNull(message) === null ? (L === 'fr' ? 'sans message lisible' : 'with no readable message') : q(L, message)

/** KPI titles, "(no value)" after the cards that state no figure. */
function kpiTitles(L: Locale, p: P): string {
  const titles = strs(p.titles)
  if (titles.length === 0) return L === 'fr' ? 'aucun' : 'none'
  const noValue = new Set(nums(p.noValue))
  return titles.map((t, i) => (noValue.has(i) ? `${q(L, t)} ${L === 'fr' ? '(sans valeur)' : '(no value)'}` : q(L, t))).join(', ')
}

/** Observed intent of a mismatch: "no intent", "group (subtype not observable)" or "group.subtype". */
function observedIntent(L: Locale, p: P): string {
  const group = strOrNull(p.group)
  const subtype = strOrNull(p.subtype)
  if (group === null) return L === 'fr' ? 'aucune intention' : 'no intent'
  if (subtype === null) return `${group} ${L === 'fr' ? '(sous-type non observable)' : '(subtype not observable)'}`
  return `${group}.${subtype}`
}

/** The first three items and how many in all. */
function firstThree(L: Locale, items: string[], total: number): string {
  return items.slice(0, 3).join(', ') + (total > 3 ? `, … (${total} ${L === 'fr' ? 'au total' : 'in all'})` : '')
}

/** Technical names of leaked placeholders, in French where they are words. */
function leakName(L: Locale, name: string): string {
  if (L === 'en') return name
  return name.replace('template braces', 'accolades de gabarit').replace('empty braces', 'accolades vides').replace('printf field', 'champ printf')
}

const REFUSAL: Record<string, Record<Locale, string>> = {
  credentials: {
    fr: 'requête refusée (vérifiez HARENA_API_TOKEN / les identifiants)',
    en: 'request refused (check HARENA_API_TOKEN / credentials)',
  },
  proxy: {
    fr: 'requête refusée par un proxy (authentification du proxy requise)',
    en: 'request refused by a proxy (proxy authentication required)',
  },
  rate_limited: {
    fr: 'débit limité (baissez VALIDATION_CONCURRENCY ou demandez une limite plus haute)',
    en: 'rate limited (lower VALIDATION_CONCURRENCY or ask for a higher limit)',
  },
}

const ENCODING_FIELD: Record<string, Record<Locale, (n: number) => string>> = {
  message: { fr: () => 'le message', en: () => 'message' },
  insight: { fr: (n) => `l'insight ${n}`, en: (n) => `insight ${n}` },
  visualization: { fr: (n) => `la visualisation ${n}`, en: (n) => `visualization ${n}` },
}

/** What showed a replay of chunks (tests/support/adapters/replay.ts ChunkReplay). */
function replayed(L: Locale, p: P): string {
  const fr = L === 'fr'
  switch (p.signal) {
    case 'sse_id':
    case 'sequence':
      return fr
        ? `l'événement ${str(p.index)} répète l'événement ${str(p.first)} (même ${str(p.field)} ${q(L, p.value)}, même contenu)`
        : `event ${str(p.index)} replays event ${str(p.first)} (same ${str(p.field)} ${q(L, p.value)}, same content)`
    case 'stated_length':
      return fr
        ? `response_end annonce ${str(p.stated)} caractères (response_length), les morceaux en assemblent ${str(p.received)} ; sans les ${str(p.repeats)} morceau(x) répété(s) à la suite, ils font la longueur annoncée`
        : `response_end states ${str(p.stated)} characters (response_length), the chunks assemble ${str(p.received)}; without the ${str(p.repeats)} chunk(s) repeated back to back they make the stated length`
    case 'run_twice':
      return fr
        ? `les ${str(p.run)} morceaux depuis l'événement ${str(p.first)} reviennent juste après eux-mêmes, à partir de l'événement ${str(p.index)}`
        : `the ${str(p.run)} chunks from event ${str(p.first)} come again right after themselves, from event ${str(p.index)}`
    case 'every_chunk_twice':
      return fr
        ? `chacun des ${int(p.chunks) / 2} morceaux est arrivé deux fois de suite`
        : `each of the ${int(p.chunks) / 2} chunks came twice in a row`
    default: {
      const copies = p.copies === undefined ? 2 : int(p.copies)
      const stated =
        p.stated === undefined
          ? ''
          : fr
            ? ` ; response_end annonce ${str(p.stated)} caractères, ceux d'une seule`
            : `; response_end states ${str(p.stated)} characters, those of one copy`
      const times = fr ? (copies === 2 ? 'deux fois' : `${copies} fois`) : copies === 2 ? 'twice' : `${copies} times`
      return fr
        ? `toute la suite des ${int(p.chunks) / copies} morceaux est arrivée ${times}, dans le même ordre${stated}`
        : `the whole sequence of ${int(p.chunks) / copies} chunks came ${times}, in the same order${stated}`
    }
  }
}

const results = (L: Locale, p: P): string => {
  const n = intOrNull(p.totalResults)
  if (L === 'fr') return n === null ? 'nombre de résultats non communiqué' : `résultats : ${n}`
  return n === null ? 'total results not reported' : `total results: ${n}`
}

export const CHECKS_CATALOGUE: Catalogue = {
  // --- What a question's test shows (tests/support/annotate.ts: Vitest UI, junit, the ValidationFailure message).
  'annotate.attempt_failed': {
    fr: (p) => `tentative ${str(p.attempt)}/${str(p.total)} : ${strs(p.reasons).join(' ; ') || 'échec'}`,
    en: (p) => `attempt ${str(p.attempt)}/${str(p.total)}: ${strs(p.reasons).join('; ') || 'failed'}`,
  },
  'annotate.more_failed': {
    fr: (p) => `… et ${str(p.count)} autres tentatives en échec`,
    en: (p) => `… and ${str(p.count)} more failed attempts`,
  },
  'annotate.warmups_failed': {
    fr: (p) => `${str(p.failed)}/${str(p.total)} requête(s) de chauffe en échec (non comptées) : ${str(p.first)}`,
    en: (p) => `${str(p.failed)}/${str(p.total)} warm-up request(s) failed (not counted): ${str(p.first)}`,
  },
  'annotate.not_observable': {
    fr: (p) => `non observable sur ${str(p.contract)}${p.stream === true ? ' (flux)' : ''} : ${strs(p.fields).join(', ')}`,
    en: (p) => `not observable on ${str(p.contract)}${p.stream === true ? ' (stream)' : ''}: ${strs(p.fields).join(', ')}`,
  },
  'annotate.attempts_failed': {
    fr: (p) => `${str(p.failed)} tentative(s) sur ${str(p.planned)} en échec :`,
    en: (p) => `${str(p.failed)} of ${str(p.planned)} attempt(s) failed:`,
  },
  // The annotations of a question's test (tests/support/annotate.ts): the observed intents (a tally of intent
  // names, said as they are, or these words), the visualizations, the latency.
  'annotate.intent': {
    fr: (p) => `${str(p.observed)}${p.expected ? ` — attendu ${str(p.expected)}` : ''}`,
    en: (p) => `${str(p.observed)}${p.expected ? ` — expected ${str(p.expected)}` : ''}`,
  },
  'annotate.intent.no_answer': { fr: () => 'pas de réponse', en: () => 'no answer' },
  'annotate.intent.none': { fr: () => 'aucune', en: () => 'none' },
  'annotate.intent.subtype_hidden': {
    fr: (p) => `${str(p.group)} (sous-type non observable)`,
    en: (p) => `${str(p.group)} (subtype not observable)`,
  },
  'annotate.viz.none': { fr: () => 'aucune', en: () => 'none' },
  // How far an answer's figures could be checked (core/model.ts AttemptRecord.grounding).
  'annotate.grounding.grounded': { fr: () => 'chiffres étayés', en: () => 'grounded' },
  'annotate.grounding.contradicted': { fr: () => 'chiffres contredits', en: () => 'contradicted' },
  'annotate.grounding.not_checkable': { fr: () => 'chiffres non vérifiables', en: () => 'not_checkable' },
  // `p50` and `ttfb` in ms (null: not measured), written in the run's language; `censored`: the P50 is a lower bound.
  'annotate.latency': {
    fr: (p) =>
      `P50 ${latencyOf(p, 'fr')} sur ${str(p.n)} tentative${int(p.n) > 1 ? 's' : ''}${typeof p.ttfb === 'number' ? ` (TTFB P50 ${fmtMs(p.ttfb, 'fr')})` : ''}${int(p.timedOut) > 0 ? `, ${str(p.timedOut)} en délai dépassé (censurée(s) au délai)` : ''}`,
    en: (p) =>
      `P50 ${latencyOf(p, 'en')} over ${str(p.n)} attempt${int(p.n) > 1 ? 's' : ''}${typeof p.ttfb === 'number' ? ` (TTFB P50 ${fmtMs(p.ttfb, 'en')})` : ''}${int(p.timedOut) > 0 ? `, ${str(p.timedOut)} timed out (censored at the timeout)` : ''}`,
  },
  // A question or probe never asked: the target could not be used (`cause`: the code of why, core/locale/run.ts).
  'annotate.not_asked': { fr: (p) => `non posée : ${sayCode(p.cause, p, 'fr')}`, en: (p) => `not asked: ${sayCode(p.cause, p, 'en')}` },
  'annotate.not_probed': { fr: (p) => `non sondée : ${sayCode(p.cause, p, 'fr')}`, en: (p) => `not probed: ${sayCode(p.cause, p, 'en')}` },

  // --- The exchange itself (tests/support/record.ts).
  'attempt.timeout': {
    fr: (p) =>
      intOrNull(p.status) === null
        ? `délai dépassé après ${str(p.timeoutMs)} ms`
        : int(p.streamChunks) > 0
          ? `délai dépassé après ${str(p.timeoutMs)} ms (flux bloqué après ${str(p.streamChunks)} morceau(x), pas de response_end)`
          : int(p.streamEvents) > 0
            ? `délai dépassé après ${str(p.timeoutMs)} ms (aucun morceau de réponse après ${str(p.streamEvents)} événement(s))`
            : `délai dépassé après ${str(p.timeoutMs)} ms (en-têtes HTTP ${str(p.status)} reçus, le corps n'est pas arrivé en entier)`,
    en: (p) =>
      intOrNull(p.status) === null
        ? `timed out after ${str(p.timeoutMs)} ms`
        : int(p.streamChunks) > 0
          ? `timed out after ${str(p.timeoutMs)} ms (stream stalled after ${str(p.streamChunks)} chunk(s), no response_end)`
          : int(p.streamEvents) > 0
            ? `timed out after ${str(p.timeoutMs)} ms (no response chunk after ${str(p.streamEvents)} event(s))`
            : `timed out after ${str(p.timeoutMs)} ms (HTTP ${str(p.status)} headers came, the body did not finish)`,
  },
  // A stream the server kept open after its closing event: the answer was complete there (a note, never a failure).
  'attempt.stream_held_open': {
    fr: (p) =>
      `la connexion est restée ouverte après l'événement final du flux (${str(p.closedBy)} reçu à ${str(p.closedAtMs)} ms) : lecture arrêtée ${str(p.keptReadingMs)} ms plus tard ; la réponse est jugée complète à cet événement`,
    en: (p) =>
      `the connection stayed open after the stream's final event (${str(p.closedBy)} received at ${str(p.closedAtMs)} ms): reading stopped ${str(p.keptReadingMs)} ms later; the answer is judged complete at that event`,
  },
  'probe.not_probed': {
    fr: () => 'non sondé',
    en: () => 'not probed',
  },
  'attempt.rate_limited': {
    // unnamed: only a short Retry-After said "limiter" (tests/support/rate-limit.ts) — both readings are said.
    fr: (p) =>
      p.unnamed === true
        ? `refusé (HTTP ${str(p.status)}) par un limiteur de débit ou par le service indisponible : rien n'y nomme un limiteur${rateLimitSource(p, 'fr')} ; vérifiez que le service répond, puis baissez VALIDATION_MAX_RPS / VALIDATION_CONCURRENCY`
        : `limité en débit par la cible/le proxy (HTTP ${str(p.status)}) : pas un échec du service${rateLimitSource(p, 'fr')} ; baissez VALIDATION_MAX_RPS / VALIDATION_CONCURRENCY`,
    en: (p) =>
      p.unnamed === true
        ? `refused (HTTP ${str(p.status)}) by a rate limiter or by the service unavailable: nothing in it names a limiter${rateLimitSource(p, 'en')}; check that the service answers, then lower VALIDATION_MAX_RPS / VALIDATION_CONCURRENCY`
        : `rate limited by the target/proxy (HTTP ${str(p.status)}): not a failure of the service${rateLimitSource(p, 'en')}; lower VALIDATION_MAX_RPS / VALIDATION_CONCURRENCY`,
  },
  'attempt.transport': {
    fr: (p) => `erreur de transport ${str(p.error)}`,
    en: (p) => `transport error ${str(p.error)}`,
  },
  'attempt.body_too_large': {
    fr: (p) => `corps HTTP ${str(p.status)} plus grand que la limite du client (lecture arrêtée après ${str(p.bytes)} octets)`,
    en: (p) => `HTTP ${str(p.status)} body larger than the client's cap (reading stopped after ${str(p.bytes)} bytes)`,
  },

  // --- Critical outcomes (tests/support/checks/index.ts).
  'check.http.server_error': {
    fr: (p) => `réponse 2xx attendue, observé HTTP ${str(p.status)} (erreur serveur) : ${q('fr', p.body)}`,
    en: (p) => `expected a 2xx answer, observed HTTP ${str(p.status)} (server error): ${q('en', p.body)}`,
  },
  'check.body.not_json': {
    fr: (p) => `corps JSON attendu, observé HTTP ${str(p.status)} avec un corps qui n'est pas du JSON : ${q('fr', p.body)}`,
    en: (p) => `expected a JSON body, observed HTTP ${str(p.status)} with a body that is not JSON: ${q('en', p.body)}`,
  },
  'check.contract.violation': {
    fr: (p) => {
      const n = int(p.total)
      const more = n > strs(p.issues).length ? ` ; … (${n} au total)` : ''
      return `corps conforme au schéma du contrat attendu, observé ${n} ${plural(n, 'violation', 'violations')} : ${strs(p.issues).join(' ; ')}${more}`
    },
    en: (p) => {
      const n = int(p.total)
      const more = n > strs(p.issues).length ? `; … (${n} in all)` : ''
      return `expected a body that satisfies the contract schema, observed ${n} violation${n === 1 ? '' : 's'}: ${strs(p.issues).join('; ')}${more}`
    },
  },

  // --- Pipeline fallbacks: HTTP 200 that is not an answer.
  'check.fallback.status_error': {
    fr: (p) => `une vraie réponse était attendue, observé une réponse de repli du pipeline (status "error", message ${q('fr', p.message)})`,
    en: (p) => `expected a real answer, observed a pipeline fallback (status "error", message ${q('en', p.message)})`,
  },
  'check.fallback.stream_error': {
    fr: (p) =>
      `une vraie réponse était attendue, observé ${p.origin === 'route_error_object' ? "l'objet d'erreur de la route de réponse en flux" : "un événement d'erreur du flux"} (${str(p.message) === '' ? "sans texte d'erreur" : `message ${q('fr', p.message)}`})`,
    en: (p) =>
      `expected a real answer, observed ${p.origin === 'route_error_object' ? "the stream route's error object" : 'a stream error event'} (${str(p.message) === '' ? 'no error text' : `message ${q('en', p.message)}`})`,
  },
  'check.fallback.stream_unfinished': {
    fr: (p) =>
      `une vraie réponse était attendue, observé un flux interrompu : ni response_end ni événement d'erreur, après ${str(p.chunks)} fragment(s) de réponse — la réponse est incomplète`,
    en: (p) =>
      `expected a real answer, observed a stream cut off: neither response_end nor an error event, after ${str(p.chunks)} answer chunk(s) — the answer is incomplete`,
  },
  'check.fallback.sentence': {
    fr: (p) =>
      `une vraie réponse était attendue, observé une réponse de repli du pipeline (status "${str(p.status)}" avec le message de repli ${q('fr', p.message)})`,
    en: (p) => `expected a real answer, observed a pipeline fallback (status "${str(p.status)}" with the fallback message ${q('en', p.message)})`,
  },
  'check.fallback.overall_success_false': {
    fr: (p) =>
      `une vraie réponse était attendue, observé une réponse de repli du pipeline (le service déclare overall_success false, status "${str(p.status)}", message ${q('fr', p.message)})`,
    en: (p) =>
      `expected a real answer, observed a pipeline fallback (the service reports overall_success false, status "${str(p.status)}", message ${q('en', p.message)})`,
  },
  'check.fallback.generation_error': {
    fr: (p) =>
      `une vraie réponse était attendue, observé l'erreur de génération du service dans le texte (${q('fr', p.statement)} ; status "${str(p.status)}", message ${q('fr', p.message)})`,
    en: (p) =>
      `expected a real answer, observed the service's generation error in the text (${q('en', p.statement)}; status "${str(p.status)}", message ${q('en', p.message)})`,
  },
  'check.fallback.leaked_error': {
    fr: (p) =>
      `une vraie réponse était attendue, observé une erreur ou une exception du service laissée dans le texte (${q('fr', p.statement)} ; status "${str(p.status)}", message ${q('fr', p.message)})`,
    en: (p) =>
      `expected a real answer, observed an error or exception the service leaked into the text (${q('en', p.statement)}; status "${str(p.status)}", message ${q('en', p.message)})`,
  },
  // The same leak in a text the answer shows besides its message (an insight, a chart, a card): `field` names it.
  'check.fallback.leaked_error_shown': {
    fr: (p) =>
      `une vraie réponse était attendue, observé une erreur ou une exception du service laissée dans ${fieldFr(str(p.field))} (${q('fr', p.statement)} ; status "${str(p.status)}", message ${q('fr', p.message)})`,
    en: (p) =>
      `expected a real answer, observed an error or exception the service leaked into ${fieldEn(str(p.field))} (${q('en', p.statement)}; status "${str(p.status)}", message ${q('en', p.message)})`,
  },
  'check.fallback.error_statement': {
    fr: (p) =>
      `une vraie réponse était attendue, observé un message d'erreur qui ne dit rien de la réponse (${strs(p.words)
        .map((w) => q('fr', w))
        .join(', ')} ; status "${str(p.status)}", message ${q('fr', p.message)})`,
    en: (p) =>
      `expected a real answer, observed an error message that states nothing of an answer (${strs(p.words)
        .map((w) => q('en', w))
        .join(', ')}; status "${str(p.status)}", message ${q('en', p.message)})`,
  },

  'check.fallback.failure_signal': {
    fr: (p) => {
      const n = int(p.total)
      const more = n > strs(p.signals).length ? ` ; … (${n} en tout)` : ''
      return `une vraie réponse était attendue, observé une réponse qui signale un échec (${strs(p.signals).join(' ; ')}${more} ; status "${str(p.status)}", message ${q('fr', p.message)})`
    },
    en: (p) => {
      const n = int(p.total)
      const more = n > strs(p.signals).length ? `; … (${n} in all)` : ''
      return `expected a real answer, observed an answer that signals a failure (${strs(p.signals).join('; ')}${more}; status "${str(p.status)}", message ${q('en', p.message)})`
    },
  },

  // A stream whose chunks came twice (tests/support/adapters/replay.ts): `signal` says what showed it.
  'check.contract.chunks_replayed': {
    fr: (p) => `un flux qui envoie chaque morceau une fois était attendu, observé des morceaux envoyés deux fois : ${replayed('fr', p)}`,
    en: (p) => `expected a stream that sends each chunk once, observed chunks sent twice: ${replayed('en', p)}`,
  },

  // --- Text of the answer.
  'check.encoding.replacement': {
    fr: (p) =>
      `${ENCODING_FIELD[str(p.field)]?.fr(int(p.index)) ?? str(p.field)} contient des caractères de remplacement U+FFFD (${str(p.count)}) dans ${q('fr', p.excerpt)} : le corps n'était pas de l'UTF-8 valide (latin-1 ?)`,
    en: (p) =>
      `${ENCODING_FIELD[str(p.field)]?.en(int(p.index)) ?? str(p.field)} contains U+FFFD replacement characters (${str(p.count)}) in ${q('en', p.excerpt)}: the body was not valid UTF-8 (latin-1?)`,
  },
  // The answer's Content-Type declares a charset other than UTF-8 and its text reads garbled: the header is the cause.
  'check.encoding.declared_charset': {
    fr: (p) =>
      `un corps en UTF-8 était attendu (JSON est de l'UTF-8, RFC 8259), observé un corps qui n'est pas de l'UTF-8 : Content-Type déclare charset=${str(p.charset)} ; lu en UTF-8, ${ENCODING_FIELD[str(p.field)]?.fr(int(p.index)) ?? str(p.field)} contient des caractères de remplacement U+FFFD (${str(p.count)}) dans ${q('fr', p.excerpt)}`,
    en: (p) =>
      `expected a UTF-8 body (JSON is UTF-8, RFC 8259), observed a body that is not UTF-8: Content-Type declares charset=${str(p.charset)}; read as UTF-8, ${ENCODING_FIELD[str(p.field)]?.en(int(p.index)) ?? str(p.field)} contains U+FFFD replacement characters (${str(p.count)}) in ${q('en', p.excerpt)}`,
  },
  'check.message.empty': {
    fr: () => 'un message de réponse non vide était attendu, observé un message vide',
    en: () => 'expected a non-empty answer message, observed an empty message',
  },
  'check.message.placeholder': {
    fr: (p) => `un message sans gabarit non rempli était attendu, observé ${leakName('fr', str(p.name))} dans ${q('fr', p.excerpt)}`,
    en: (p) => `expected a message without leaked placeholders, observed ${str(p.name)} in ${q('en', p.excerpt)}`,
  },
  'check.message.truncated_length': {
    fr: (p) =>
      `une réponse complète était attendue, observé une réponse tronquée : le service annonce ${str(p.stated)} caractères (response_length), le texte reçu en a ${str(p.received)} : ${q('fr', p.text)}`,
    en: (p) =>
      `expected a complete answer, observed a truncated one: the service states ${str(p.stated)} characters (response_length), the text received has ${str(p.received)}: ${q('en', p.text)}`,
  },
  'check.message.truncated_mid_sentence': {
    fr: (p) =>
      `une réponse complète était attendue, observé une réponse coupée au milieu d'une phrase (elle s'arrête sur ${q('fr', p.last)}) : ${q('fr', p.text)}`,
    en: (p) => `expected a complete answer, observed one cut mid-sentence (it stops on ${q('en', p.last)}): ${q('en', p.text)}`,
  },
  // The second line behind the stream's signals (tests/support/checks/doubled.ts): a text whose words or sentences
  // come in identical pairs nearly throughout.
  'check.message.doubled': {
    fr: (p) =>
      `un texte lisible était attendu, observé un texte brouillé où ${str(p.share)} % des ${p.unit === 'sentence' ? 'phrases' : 'mots'} vont par paires identiques (${str(p.pairs)} paires, des morceaux répétés ?) : ${q('fr', p.text)}`,
    en: (p) =>
      `expected a readable text, observed a garbled one where ${str(p.share)} % of the ${p.unit === 'sentence' ? 'sentences' : 'words'} come in identical pairs (${str(p.pairs)} pairs, chunks repeated?): ${q('en', p.text)}`,
  },
  'check.message.not_french': {
    fr: (p) => `une réponse en français était attendue, observé un texte qui ne ressemble pas à du français${readsAs('fr', p)} : ${q('fr', p.text)}`,
    en: (p) => `expected a French answer, observed text that does not look French${readsAs('en', p)}: ${q('en', p.text)}`,
  },

  // --- 4xx answers (tests/support/checks/client-error.ts).
  'check.client_error.refused': {
    fr: (p) =>
      `une réponse à la question était attendue, observé HTTP ${str(p.status)} : ${REFUSAL[str(p.refusal)]?.fr ?? str(p.refusal)} ; corps ${said('fr', p.message)}`,
    en: (p) =>
      `expected an answer to the question, observed HTTP ${str(p.status)}: ${REFUSAL[str(p.refusal)]?.en ?? str(p.refusal)}; body ${said('en', p.message)}`,
  },
  'check.client_error.not_edge_case': {
    fr: (p) => `réponse 2xx attendue, observé HTTP ${str(p.status)} ${said('fr', p.message)}`,
    en: (p) => `expected a 2xx answer, observed HTTP ${str(p.status)} ${said('en', p.message)}`,
  },
  'check.client_error.not_answering': {
    fr: (p) =>
      `réponse 2xx ou (cas limite) HTTP 400, 404, 409, 410 ou 422 avec un message lisible attendue, observé HTTP ${str(p.status)} ${said('fr', p.message)}`,
    en: (p) =>
      `expected a 2xx answer or (edge case) HTTP 400, 404, 409, 410 or 422 with a readable message, observed HTTP ${str(p.status)} ${said('en', p.message)}`,
  },
  'check.client_error.bare_phrase': {
    fr: (p) =>
      `un message sur la question était attendu avec HTTP ${str(p.status)} (acceptable pour un cas limite), observé la seule phrase de statut ${q('fr', p.message)} (une route inconnue ou le défaut d'un framework, pas une réponse)`,
    en: (p) =>
      `expected a message about the question with HTTP ${str(p.status)} (acceptable for an edge case), observed the bare reason phrase ${q('en', p.message)} (an unknown route or a framework default, not an answer)`,
  },
  'check.client_error.no_message': {
    fr: (p) =>
      `un message d'erreur lisible était attendu avec HTTP ${str(p.status)} (acceptable pour un cas limite), observé un corps JSON sans message lisible`,
    en: (p) =>
      `expected a readable error message with HTTP ${str(p.status)} (acceptable for an edge case), observed a JSON body with no readable message`,
  },
  'check.client_error.empty_message': {
    fr: (p) => `HTTP ${str(p.status)} : un message d'erreur lisible était attendu, observé un message vide`,
    en: (p) => `HTTP ${str(p.status)}: expected a readable error message, observed an empty one`,
  },
  'check.client_error.placeholder': {
    fr: (p) =>
      `HTTP ${str(p.status)} : un message sans gabarit non rempli était attendu, observé ${leakName('fr', str(p.name))} dans ${q('fr', p.excerpt)}`,
    en: (p) => `HTTP ${str(p.status)}: expected a message without leaked placeholders, observed ${str(p.name)} in ${q('en', p.excerpt)}`,
  },
  'check.client_error.other_language': {
    fr: (p) =>
      `HTTP ${str(p.status)} : un message en français était attendu, observé un texte qui ne ressemble pas à du français${readsAs('fr', p)} : ${q('fr', p.text)}`,
    en: (p) => `HTTP ${str(p.status)}: expected a French message, observed text that does not look French${readsAs('en', p)}: ${q('en', p.text)}`,
  },
  'check.client_error.english': {
    fr: (p) => `HTTP ${str(p.status)} : un message en français était attendu, observé un texte anglais : ${q('fr', p.text)}`,
    en: (p) => `HTTP ${str(p.status)}: expected a French message, observed English text: ${q('en', p.text)}`,
  },

  // --- What the question expects (intent, data, expectations).
  'check.intent.mismatch': {
    fr: (p) => `intention ${strs(p.expected).join(' ou ')} attendue, observé ${observedIntent('fr', p)}`,
    en: (p) => `expected intent ${strs(p.expected).join(' or ')}, observed ${observedIntent('en', p)}`,
  },
  'check.data.expected': {
    fr: (p) => `une réponse DATA_PRESENTATION (résultats de recherche) était attendue, observé aucune présentation de données (${results('fr', p)})`,
    en: (p) => `expected a DATA_PRESENTATION answer (search results), observed no data presentation (${results('en', p)})`,
  },
  'check.data.unexpected': {
    fr: (p) => `aucune présentation de données n'était attendue (rien à trouver), observé DATA_PRESENTATION (${results('fr', p)})`,
    en: (p) => `expected no data presentation (nothing to find), observed DATA_PRESENTATION (${results('en', p)})`,
  },
  'check.data.figures': {
    fr: (p) => `aucun chiffre n'était attendu (pas de données inventées), observé des visualisations chiffrées : ${figures('fr', p)}`,
    en: (p) => `expected no figures (no invented data), observed visualizations with figures: ${figures('en', p)}`,
  },
  'check.fabricated': {
    fr: (p) => {
      const where = str(p.where) === 'insight' ? `l'insight ${q('fr', p.title)}` : 'le message'
      const shown = firstThree(
        'fr',
        strs(p.figures).map((f) => q('fr', f)),
        int(p.total),
      )
      return `aucun montant ni nombre de transactions n'était attendu (rien à trouver), observé des chiffres inventés sur une question sans données : ${where} annonce ${shown}`
    },
    en: (p) => {
      const where = str(p.where) === 'insight' ? `insight ${q('en', p.title)}` : 'the message'
      const shown = firstThree(
        'en',
        strs(p.figures).map((f) => q('en', f)),
        int(p.total),
      )
      return `expected no amounts or transaction counts (nothing to find), observed fabricated figures on a no-data question: ${where} states ${shown}`
    },
  },
  'check.clarification.missing': {
    fr: (p) =>
      `une demande de précision (intention CONVERSATIONAL ou une question en retour) était attendue, observé l'intention ${clarifIntent('fr', p)} et une réponse qui ne demande rien : ${q('fr', p.message)}`,
    en: (p) =>
      `expected a clarification (CONVERSATIONAL intent or a question back), observed intent ${clarifIntent('en', p)} and an answer that asks nothing: ${q('en', p.message)}`,
  },
  // Not a failure: the plan's T4.3 against the spec's table (docs/suite-rules.md §3).
  'check.kpi.absent_noted': {
    fr: () =>
      "Réponse DATA_PRESENTATION sans carte KPI : le plan (T4.3) en attend pour tous les intents, la spécification n'en exige pas pour cette question — signalé, pas un échec",
    en: () =>
      'DATA_PRESENTATION answer without any KPI card: the plan (T4.3) wants them for every intent, the spec does not require them for this question — noted, not a failure',
  },
  // Not a failure: the answer's charts are in another v2 generation's format (tests/support/generation-hint.ts).
  'note.other_generation': {
    fr: (p) => `les graphiques de cette réponse sont au format de ${str(p.looksLike)}, pas de ${str(p.contract)} : vérifiez HARENA_API_CONTRACT`,
    en: (p) => `this answer's charts are in ${str(p.looksLike)}'s format, not ${str(p.contract)}'s: check HARENA_API_CONTRACT`,
  },
  'check.kpi.too_few': {
    fr: (p) => {
      const withValue = int(p.valued) === int(p.total) ? '' : ` avec une valeur (${str(p.total)} en tout)`
      return `au moins ${str(p.min)} cartes KPI attendues, observé ${str(p.valued)}${withValue} (titres des KPI : ${kpiTitles('fr', p)})`
    },
    en: (p) => {
      const withValue = int(p.valued) === int(p.total) ? '' : ` with a value (${str(p.total)} in all)`
      return `expected at least ${str(p.min)} KPI cards, observed ${str(p.valued)}${withValue} (KPI titles: ${kpiTitles('en', p)})`
    },
  },
  'check.kpi.cover': {
    fr: (p) =>
      `des cartes KPI couvrant ${strs(p.cover).join(', ')} étaient attendues, observé les titres de KPI : ${kpiTitles('fr', p)} (manquant : ${strs(p.missing).join(', ')})`,
    en: (p) =>
      `expected KPI cards covering ${strs(p.cover).join(', ')}, observed KPI titles: ${kpiTitles('en', p)} (missing: ${strs(p.missing).join(', ')})`,
  },
  'check.pie.missing': {
    fr: (p) => `un camembert était attendu, observé les visualisations : ${kinds('fr', p)}`,
    en: (p) => `expected a pie chart, observed visualizations: ${kinds('en', p)}`,
  },
  'check.pie.empty': {
    fr: (p) => `un camembert avec des parts était attendu, observé un camembert vide ${q('fr', p.title)}`,
    en: (p) => `expected a pie chart with slices, observed an empty pie chart ${q('en', p.title)}`,
  },
  'check.pie.labels': {
    fr: (p) => `un libellé par part du camembert était attendu, observé ${str(p.labels)} libellés pour ${str(p.slices)} parts`,
    en: (p) => `expected one label per pie slice, observed ${str(p.labels)} labels for ${str(p.slices)} slices`,
  },
  'check.pie.too_many': {
    fr: (p) => `au plus ${str(p.max)} parts de camembert attendues, observé ${str(p.slices)}`,
    en: (p) => `expected at most ${str(p.max)} pie slices, observed ${str(p.slices)}`,
  },
  'check.pie.others_last': {
    fr: (p) => `la dernière des ${str(p.slices)} parts du camembert devait être ${q('fr', p.others)}, observé ${q('fr', p.last)}`,
    en: (p) => `expected the last of ${str(p.slices)} pie slices to be ${q('en', p.others)}, observed ${q('en', p.last)}`,
  },
  'check.pie.total_no_value': {
    fr: (p) => `le KPI total ${q('fr', p.title)} devait afficher un nombre auquel comparer la somme des parts, observé ${str(p.value)}`,
    en: (p) => `expected the total KPI ${q('en', p.title)} to show a number the pie slices can be summed against, observed ${str(p.value)}`,
  },
  'check.pie.sum': {
    fr: (p) =>
      `la somme des parts du camembert devait égaler le KPI total ${dec('fr', p.total)}, observé ${dec('fr', p.sum)} (écart ${dec('fr', p.difference)})`,
    en: (p) =>
      `expected pie slices to sum to the total KPI ${dec('en', p.total)}, observed ${dec('en', p.sum)} (difference ${dec('en', p.difference)})`,
  },
  'check.bar.missing': {
    fr: (p) => `un diagramme en barres était attendu, observé les visualisations : ${kinds('fr', p)}`,
    en: (p) => `expected a bar chart, observed visualizations: ${kinds('en', p)}`,
  },
  'check.bar.datasets': {
    fr: (p) => `un diagramme en barres avec au moins ${str(p.min)} séries était attendu, observé ${str(p.count)} (séries : ${datasets('fr', p)})`,
    en: (p) => `expected a bar chart with at least ${str(p.min)} datasets, observed ${str(p.count)} (datasets: ${datasets('en', p)})`,
  },
  'check.bar.empty': {
    fr: (p) => `un diagramme en barres avec des données était attendu, observé un diagramme vide ${q('fr', p.title)}`,
    en: (p) => `expected a bar chart with data, observed an empty bar chart ${q('en', p.title)}`,
  },
  'check.line.missing': {
    fr: (p) => `une courbe était attendue, observé les visualisations : ${kinds('fr', p)}`,
    en: (p) => `expected a line chart, observed visualizations: ${kinds('en', p)}`,
  },
  'check.line.empty': {
    fr: (p) => `une courbe avec des données était attendue, observé une courbe vide ${q('fr', p.title)}`,
    en: (p) => `expected a line chart with data, observed an empty line chart ${q('en', p.title)}`,
  },
  // A chart's data against itself, the search and the carried figures (tests/support/checks/chart-data.ts).
  'check.chart.length': {
    fr: (p) =>
      `une valeur par libellé était attendue dans le graphique ${chartKind('fr', p)} ${q('fr', p.title)}, observé ${str(p.values)} valeurs pour ${str(p.labels)} libellés`,
    en: (p) =>
      `expected one value per label in the ${chartKind('en', p)} chart ${q('en', p.title)}, observed ${str(p.values)} values for ${str(p.labels)} labels`,
  },
  'check.chart.duplicate': {
    fr: (p) =>
      `des libellés distincts étaient attendus dans le graphique ${chartKind('fr', p)} ${q('fr', p.title)}, observé ${q('fr', p.label)} plusieurs fois`,
    en: (p) => `expected distinct labels in the ${chartKind('en', p)} chart ${q('en', p.title)}, observed ${q('en', p.label)} more than once`,
  },
  'check.chart.negative': {
    fr: (p) =>
      `des montants positifs ou nuls étaient attendus dans le graphique ${chartKind('fr', p)} ${q('fr', p.title)}, observé ${dec('fr', p.value)}`,
    en: (p) => `expected amounts of zero or more in the ${chartKind('en', p)} chart ${q('en', p.title)}, observed ${dec('en', p.value)}`,
  },
  'check.chart.outside_period': {
    fr: (p) =>
      `des dates de la période recherchée (${str(p.from)} – ${str(p.to)}) étaient attendues sur la courbe ${q('fr', p.title)}, observé ${str(p.label)}`,
    en: (p) =>
      `expected dates within the searched period (${str(p.from)} – ${str(p.to)}) on the line chart ${q('en', p.title)}, observed ${str(p.label)}`,
  },
  'check.chart.above_total': {
    fr: (p) =>
      `les ${sideOf('fr', p)} du graphique ${chartKind('fr', p)} ${q('fr', p.title)} ne devaient pas dépasser le total des ${sideTotal('fr', p)} ${dec('fr', p.total)}, observé ${dec('fr', p.sum)}`,
    en: (p) =>
      `expected the ${sideOf('en', p)} of the ${chartKind('en', p)} chart ${q('en', p.title)} not to exceed the ${sideTotal('en', p)} total ${dec('en', p.total)}, observed ${dec('en', p.sum)}`,
  },
  'check.chart.below_total': {
    fr: (p) =>
      `les ${sideOf('fr', p)} du graphique ${chartKind('fr', p)} ${q('fr', p.title)} devaient égaler le total des ${sideTotal('fr', p)} ${dec('fr', p.total)} (tous les résultats y figurent), observé ${dec('fr', p.sum)}`,
    en: (p) =>
      `expected the ${sideOf('en', p)} of the ${chartKind('en', p)} chart ${q('en', p.title)} to equal the ${sideTotal('en', p)} total ${dec('en', p.total)} (every result is drawn), observed ${dec('en', p.sum)}`,
  },
  'check.chart.all_zero': {
    fr: (p) =>
      `les ${sideOf('fr', p)} du graphique ${chartKind('fr', p)} ${q('fr', p.title)} devaient refléter le total des ${sideTotal('fr', p)} ${dec('fr', p.total)}, observé uniquement des zéros`,
    en: (p) =>
      `expected the ${sideOf('en', p)} of the ${chartKind('en', p)} chart ${q('en', p.title)} to reflect the ${sideTotal('en', p)} total ${dec('en', p.total)}, observed only zeros`,
  },
  'check.chart.excluded_side': {
    fr: (p) =>
      `${str(p.side) === 'credit' ? "aucun revenu n'était attendu" : "aucune dépense n'était attendue"} dans le graphique ${chartKind('fr', p)} ${q('fr', p.title)} (recherche des seuls ${str(p.side) === 'credit' ? 'débits' : 'crédits'}), observé ${q('fr', p.label)} pour ${dec('fr', p.sum)}`,
    en: (p) =>
      `expected no ${sideOf('en', p)} in the ${chartKind('en', p)} chart ${q('en', p.title)} (a search of ${str(p.side) === 'credit' ? 'debits' : 'credits'} only), observed ${q('en', p.label)} summing ${dec('en', p.sum)}`,
  },
  'check.chart.above_chart': {
    fr: (p) =>
      `les dépenses du graphique ${chartKind('fr', p)} ${q('fr', p.title)} ne devaient pas dépasser celles du graphique ${chartKind('fr', { kind: p.otherKind ?? null })} ${q('fr', p.other)} (${dec('fr', p.otherSum)}, tirées des mêmes résultats), observé ${dec('fr', p.sum)}`,
    en: (p) =>
      `expected the debits of the ${chartKind('en', p)} chart ${q('en', p.title)} not to exceed those of the ${chartKind('en', { kind: p.otherKind ?? null })} chart ${q('en', p.other)} (${dec('en', p.otherSum)}, drawn from the same results), observed ${dec('en', p.sum)}`,
  },
  'check.chart.below_chart': {
    fr: (p) =>
      `les dépenses du graphique ${chartKind('fr', p)} ${q('fr', p.title)} devaient égaler celles du graphique ${chartKind('fr', { kind: p.otherKind ?? null })} ${q('fr', p.other)} (${dec('fr', p.otherSum)} : moins de 10 barres tiennent chaque marchand des mêmes résultats), observé ${dec('fr', p.sum)}`,
    en: (p) =>
      `expected the debits of the ${chartKind('en', p)} chart ${q('en', p.title)} to equal those of the ${chartKind('en', { kind: p.otherKind ?? null })} chart ${q('en', p.other)} (${dec('en', p.otherSum)}: fewer than 10 bars hold every merchant of the same results), observed ${dec('en', p.sum)}`,
  },
  'check.chart.more_points': {
    fr: (p) =>
      `au plus ${str(p.results)} ${plural(int(p.results), 'point avec un montant était attendu', 'points avec un montant étaient attendus')} dans le graphique ${chartKind('fr', p)} ${q('fr', p.title)} (un résultat au moins derrière chacun), observé ${str(p.points)}`,
    en: (p) =>
      `expected at most ${str(p.results)} ${plural(int(p.results), 'point', 'points')} with an amount in the ${chartKind('en', p)} chart ${q('en', p.title)} (one result at least behind each), observed ${str(p.points)}`,
  },
  'check.chart.unranked': {
    fr: (p) =>
      `des barres classées par montant décroissant étaient attendues dans ${q('fr', p.title)}, observé ${q('fr', p.label)} en position ${str(p.position)} au-dessus de la précédente`,
    en: (p) =>
      `expected bars ranked by decreasing amount in ${q('en', p.title)}, observed ${q('en', p.label)} at position ${str(p.position)} above the one before`,
  },
  'check.chart.not_searched': {
    fr: (p) =>
      str(p.kind) === 'pie'
        ? `des parts des catégories recherchées (${strs(p.searched).join(', ')}) étaient attendues dans ${q('fr', p.title)}, observé ${q('fr', p.label)}`
        : `des barres des marchands recherchés (${strs(p.searched).join(', ')}) étaient attendues dans ${q('fr', p.title)}, observé ${q('fr', p.label)}`,
    en: (p) =>
      str(p.kind) === 'pie'
        ? `expected slices of the searched categories (${strs(p.searched).join(', ')}) in ${q('en', p.title)}, observed ${q('en', p.label)}`
        : `expected bars of the searched merchants (${strs(p.searched).join(', ')}) in ${q('en', p.title)}, observed ${q('en', p.label)}`,
  },
  'check.chart.merchant_absent': {
    fr: (p) =>
      `le marchand ${q('fr', p.merchant)} des résultats (un débit de ${dec('fr', p.amount)}) était attendu parmi les barres de ${q('fr', p.title)}, observé absent`,
    en: (p) =>
      `expected the results' merchant ${q('en', p.merchant)} (a debit of ${dec('en', p.amount)}) among the bars of ${q('en', p.title)}, observed absent`,
  },
  'check.chart.merchant_below': {
    fr: (p) =>
      `la barre ${q('fr', p.merchant)} de ${q('fr', p.title)} devait tenir au moins le débit de ${dec('fr', p.amount)} que les analyses nomment pour ce marchand, observé ${dec('fr', p.bar)}`,
    en: (p) =>
      `expected the bar ${q('en', p.merchant)} of ${q('en', p.title)} to hold at least the debit of ${dec('en', p.amount)} the insights name for that merchant, observed ${dec('en', p.bar)}`,
  },
  'check.chart.currency': {
    fr: (p) =>
      `la devise du service (${str(p.expected)}) était attendue dans ${chartKind('fr', p)} ${q('fr', p.title)}, observé ${str(p.currency)} : ${q('fr', p.text)}`,
    en: (p) =>
      `expected the service's currency (${str(p.expected)}) in the ${chartKind('en', p)} ${q('en', p.title)}, observed ${str(p.currency)}: ${q('en', p.text)}`,
  },
  // A generation's chart rule (tests/support/checks/chart-rule.ts): the count and the rule first, then what was sent.
  'check.chart_rule.missing': {
    fr: (p) =>
      `${str(p.results)} résultats : ${str(p.contract)} trace un graphique ${str(p.chart)} au-delà de ${str(p.above)} résultats ; ${strs(p.kinds).length === 0 ? 'aucun envoyé' : `envoyé seulement : ${kinds('fr', p)}`}`,
    en: (p) =>
      `${str(p.results)} results: ${str(p.contract)} draws a ${str(p.chart)} chart above ${str(p.above)} results; ${strs(p.kinds).length === 0 ? 'none sent' : `sent only: ${kinds('en', p)}`}`,
  },
  'check.chart_any.missing': {
    fr: (p) => `un graphique (${strs(p.of).join(' ou ')}) était attendu, observé les visualisations : ${kinds('fr', p)}`,
    en: (p) => `expected a ${strs(p.of).join(' or ')} chart, observed visualizations: ${kinds('en', p)}`,
  },
  'check.insight.too_few': {
    fr: (p) => {
      const types = strs(p.types)
      const seen = types.length === 0 ? 'aucun insight' : `insights : ${types.join(', ')}`
      return `au moins ${str(p.min)} insight${int(p.min) > 1 ? 's' : ''} ${str(p.type)} attendu${int(p.min) > 1 ? 's' : ''}, observé ${str(p.found)} (${seen})`
    },
    en: (p) => {
      const types = strs(p.types)
      const seen = types.length === 0 ? 'no insights' : `insights: ${types.join(', ')}`
      return `expected at least ${str(p.min)} ${str(p.type)} insight${int(p.min) > 1 ? 's' : ''}, observed ${str(p.found)} (${seen})`
    },
  },
  'check.change_percent.missing': {
    fr: (p) => {
      const titles = strs(p.titles)
      const seen = titles.length === 0 ? 'aucune carte KPI' : `cartes KPI sans variation : ${titles.map((t) => q('fr', t)).join(', ')}`
      return `une carte KPI avec un pourcentage de variation était attendue, observé aucune (${seen})`
    },
    en: (p) => {
      const titles = strs(p.titles)
      const seen = titles.length === 0 ? 'no KPI cards' : `KPI cards without change: ${titles.map((t) => q('en', t)).join(', ')}`
      return `expected a KPI card with a change percentage, observed none (${seen})`
    },
  },
}

/** Visualizations that show figures: "kpi "Total" = 125.4", "pie "Répartition" (3 non-zero values)". */
function figures(L: Locale, p: P): string {
  const kindsOf = strs(p.kinds)
  const titles = strs(p.titles)
  const amounts = strs(p.amounts)
  const counts = nums(p.counts)
  const items = kindsOf.map((kind, i) => {
    const head = `${kind} ${q(L, titles[i])}`
    const amount = amounts[i] ?? ''
    if (amount !== '') return `${head} = ${dec(L, amount)}`
    const n = counts[i] ?? 0
    return L === 'fr' ? `${head} (${n} ${plural(n, 'valeur non nulle', 'valeurs non nulles')})` : `${head} (${n} non-zero value${n > 1 ? 's' : ''})`
  })
  return firstThree(L, items, int(p.total))
}

/** Dataset labels of a bar chart, "(no label)" for those without. */
function datasets(L: Locale, p: P): string {
  const labels = strs(p.labels)
  if (labels.length === 0) return L === 'fr' ? 'aucune' : 'none'
  const unlabeled = new Set(nums(p.unlabeled))
  return labels.map((l, i) => (unlabeled.has(i) ? (L === 'fr' ? '(sans libellé)' : '(no label)') : q(L, l))).join(', ')
}

/** The intent a clarification check saw: "no intent", "group" or "group.subtype". */
function clarifIntent(L: Locale, p: P): string {
  const group = strOrNull(p.group)
  const subtype = strOrNull(p.subtype)
  if (group === null) return L === 'fr' ? 'aucune' : 'no intent'
  return subtype === null ? group : `${group}.${subtype}`
}

registerCatalogue(CHECKS_CATALOGUE)
