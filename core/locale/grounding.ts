// Sentences of the answer-quality checks (issue 10): grounded figures, the question asked, everything shown,
// another user's data, ground truth and the security probes. Registered once on import.
import type { ReasonParam } from '../reason.ts'
import { registerCatalogue, type Catalogue, type Locale } from './index.ts'

type Params = Record<string, ReasonParam>

const FR_EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
const FR_NUM = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
const EN_NUM = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })

const str = (v: ReasonParam | undefined): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))
const numOf = (v: ReasonParam | undefined): number => (typeof v === 'number' ? v : Number(v))

type Unit = 'eur' | 'count' | 'percent'
const UNIT_OF_ROLE: Readonly<Record<string, Unit>> = {
  total: 'eur',
  income: 'eur',
  average: 'eur',
  count: 'count',
  change: 'percent',
  difference: 'eur',
}

function fmt(locale: 'fr' | 'en', n: number, unit: Unit): string {
  if (!Number.isFinite(n)) return String(n)
  if (unit === 'eur') return locale === 'fr' ? FR_EUR.format(n) : `${n.toFixed(2)} €`
  if (unit === 'percent') {
    const sign = n > 0 ? '+' : n < 0 ? '-' : ''
    const abs = Math.abs(Math.round(n * 10) / 10)
    return `${sign}${locale === 'fr' ? FR_NUM.format(abs) : EN_NUM.format(abs)} %`
  }
  return locale === 'fr' ? FR_NUM.format(n) : EN_NUM.format(n)
}

/** A figure as stated (text, quoted as written) or carried (a number, formatted). */
const figure = (v: ReasonParam | undefined, unit: Unit, locale: 'fr' | 'en'): string => (typeof v === 'number' ? fmt(locale, v, unit) : str(v))

const amounts = (locale: 'fr' | 'en', v: ReasonParam | undefined): string =>
  (Array.isArray(v) ? (v as readonly number[]) : [numOf(v)]).map((n) => fmt(locale, Number(n), 'eur')).join(locale === 'fr' ? ' ou ' : ' or ')

/** « le message » / « l'insight "Résumé financier" ». */
function where(p: Params, locale: 'fr' | 'en'): string {
  if (p.where === 'insight') return locale === 'fr' ? `l'insight « ${str(p.whereTitle)} »` : `insight "${str(p.whereTitle)}"`
  return locale === 'fr' ? 'le message' : 'the message'
}

const ANOMALY_FIELD: Readonly<Record<string, { fr: string; en: string }>> = {
  amount: { fr: 'le montant', en: 'amount' },
  merchant: { fr: 'le marchand', en: 'merchant' },
  date: { fr: 'la date', en: 'date' },
}

const ROLE: Readonly<Record<string, { fr: string; en: string }>> = {
  total: { fr: 'le total', en: 'the total' },
  income: { fr: 'le total des revenus', en: 'the income total' },
  average: { fr: 'le montant moyen', en: 'the average' },
  count: { fr: 'le nombre de transactions', en: 'the number of transactions' },
  change: { fr: "l'évolution", en: 'the change' },
  difference: { fr: "l'écart", en: 'the difference' },
}

/** Where a carried figure comes from: « la carte KPI "Total Dépenses" », « search_summary.total_results »… */
function source(p: Params, locale: 'fr' | 'en'): string {
  const name = str(p.sourceName)
  switch (p.source) {
    case 'kpi':
      return locale === 'fr' ? `la carte KPI « ${name} »` : `the KPI card "${name}"`
    case 'insight':
      return locale === 'fr' ? `la donnée d'insight ${name}` : `the insight data ${name}`
    case 'search_summary':
      return `search_summary.${name || 'total_results'}`
    case 'structured_data':
      return `response.structured_data.${name || 'total_results'}`
    case 'metadata':
      return `metadata.${name || 'total_results'}`
    case 'chart':
      return locale === 'fr' ? `le graphique « ${name} »` : `chart "${name}"`
    case 'chart_sum':
      return locale === 'fr' ? `la somme du graphique « ${name} »` : `the sum of chart "${name}"`
    case 'stated_totals':
      return locale === 'fr' ? `l'écart entre les totaux qu'elle énonce (${name})` : `the gap between the totals it states (${name})`
    case 'total_and_baseline':
      return locale === 'fr'
        ? `l'écart entre son total et le montant qu'elle donne à la période précédente (${name})`
        : `the gap between its total and the amount it gives the previous period (${name})`
    case 'chart_change':
      return locale === 'fr' ? `la comparaison du graphique (« ${name} »)` : `the chart comparison ("${name}")`
    case 'stream_event':
      return locale === 'fr' ? `le flux (${name})` : `the stream's ${name}`
    default:
      return locale === 'fr' ? 'le total divisé par le nombre' : 'the total divided by the count'
  }
}

const DIRECTION: Readonly<Record<string, { fr: string; en: string }>> = {
  up: { fr: 'une hausse', en: 'a rise' },
  down: { fr: 'une baisse', en: 'a fall' },
  stable: { fr: 'une stabilité', en: 'no change' },
}

const KIND: Readonly<Record<string, { fr: string; en: string }>> = {
  amount: { fr: 'un montant', en: 'an amount' },
  count: { fr: 'un nombre de transactions', en: 'a transaction count' },
  percent: { fr: 'un pourcentage', en: 'a percentage' },
}

/** What a shown field's part is called in French (checks/shown-text.ts shownFields). */
const PART_FR: Readonly<Record<string, string>> = {
  title: 'le titre de',
  description: 'la description de',
  label: 'une étiquette de',
  legend: 'une légende de',
  subtitle: 'le sous-titre de',
  heading: "l'intitulé affiché de",
  'axis title': "un titre d'axe de",
  'comparison text': 'le texte de comparaison de',
}

/** "insight 2 title" → « le titre de l'insight 2 »; "KPI card 1 label" → « une étiquette de la carte KPI 1 »… */
export function fieldFr(field: string): string {
  const m = /^(insight|KPI card|visualization) (\d+) (title|description|label|legend|subtitle|heading|axis title|comparison text)$/.exec(field)
  if (m === null) return field === 'message' ? 'le message' : (streamFieldFr(field) ?? field)
  const owner = m[1] === 'insight' ? `l'insight ${m[2]}` : m[1] === 'KPI card' ? `la carte KPI ${m[2]}` : `la visualisation ${m[2]}`
  return `${PART_FR[m[3] ?? ''] ?? ''} ${owner}`
}
export const fieldEn = (field: string): string => (field === 'message' ? 'the message' : (streamFieldEn(field) ?? field))

// What a stream showed (tests/support/security/probes.ts streamShown): `stream`, its chunks' text joined in order;
// `events[2].message`, a string of one of its events.
const STREAM_EVENT_FIELD = /^events\[\d+\]/
function streamFieldFr(field: string): string | null {
  if (field === 'stream') return 'le texte du flux (ses morceaux mis bout à bout)'
  return STREAM_EVENT_FIELD.test(field) ? `le flux (${field})` : null
}
function streamFieldEn(field: string): string | null {
  if (field === 'stream') return "the stream's text (its chunks joined)"
  return STREAM_EVENT_FIELD.test(field) ? `the stream (${field})` : null
}

const ENTITY: Readonly<Record<string, { fr: string; en: string }>> = {
  merchant: { fr: 'le marchand', en: 'merchant' },
  category: { fr: 'la catégorie', en: 'category' },
  date: { fr: 'la date', en: 'date' },
}

const TRUTH_FIGURE: Readonly<Record<string, { fr: string; en: string }>> = {
  total: { fr: 'le total', en: 'total' },
  count: { fr: 'le nombre de transactions', en: 'transaction count' },
  average: { fr: 'le montant moyen', en: 'average' },
  previousTotal: { fr: 'le total de la période précédente', en: 'previous period total' },
  topCategory: { fr: 'la première catégorie', en: 'top category' },
  topMerchant: { fr: 'le premier marchand', en: 'top merchant' },
}

const pct = (locale: 'fr' | 'en', v: ReasonParam | undefined): string =>
  `${(locale === 'fr' ? FR_NUM : EN_NUM).format(Math.round(numOf(v) * 1000) / 10)} %`

/** ", 3 showable" when the answer's wire could not name every expected anomaly (recall's denominator). */
function showable(locale: 'fr' | 'en', p: Params): string {
  if (typeof p.showable !== 'number' || typeof p.expected !== 'number' || p.showable >= p.expected) return ''
  return locale === 'fr' ? `, ${p.showable} affichables par ce contrat` : `, ${p.showable} showable on this contract`
}

function listed(locale: 'fr' | 'en', p: Params): string {
  const fp = str(p.falsePositives)
  const missed = str(p.missed)
  const parts: string[] = []
  if (fp !== '') parts.push(locale === 'fr' ? `fausses alertes : ${fp}` : `false positives: ${fp}`)
  if (missed !== '') parts.push(locale === 'fr' ? `manquées : ${missed}` : `missed: ${missed}`)
  return parts.length === 0 ? '' : ` (${parts.join(locale === 'fr' ? ' ; ' : '; ')})`
}

/** The request a probe sent (params `method`, `path`, `via`: no_auth | token, `user`, `message`, `conversation`). */
/** A forged token as a probe's request names it (tests/support/security/probes.ts tokenProbe): what, never the token. */
const FORGED: Record<string, { fr: (p: Record<string, ReasonParam>) => string; en: (p: Record<string, ReasonParam>) => string }> = {
  garbage: { fr: () => 'jeton invalide, pas un jeton', en: () => 'an invalid token, not a token at all' },
  bad_signature: {
    fr: (p) => `jeton de l'utilisateur ${str(p.user)} à la signature changée`,
    en: (p) => `token of user ${str(p.user)} with its signature changed`,
  },
  alg_none: {
    fr: (p) => `jeton forgé sans signature, alg none, au nom de l'utilisateur ${str(p.user)}`,
    en: (p) => `forged unsigned token, alg none, naming user ${str(p.user)}`,
  },
  expired: {
    fr: (p) => `jeton de l'utilisateur ${str(p.user)} expiré, exp passé, donc mal signé`,
    en: (p) => `token of user ${str(p.user)} expired, exp in the past, hence badly signed`,
  },
}

function request(p: Record<string, ReasonParam>, L: Locale): string {
  if (p.via === 'forged') return `${str(p.method)} /${str(p.path)} (${FORGED[str(p.token)]?.[L](p) ?? str(p.token)})`
  const how =
    p.via === 'no_auth'
      ? L === 'fr'
        ? 'sans en-tête Authorization'
        : 'no Authorization header'
      : [
          L === 'fr' ? `jeton de l'utilisateur ${str(p.user)}` : `token of user ${str(p.user)}`,
          ...(typeof p.message === 'string' ? [L === 'fr' ? `message « ${p.message} »` : `message ${JSON.stringify(p.message)}`] : []),
          ...(p.conversation !== null && p.conversation !== undefined
            ? [L === 'fr' ? `conversation ${str(p.conversation)} hors de sa liste` : `conversation ${str(p.conversation)} not in its list`]
            : []),
        ].join(', ')
  return `${str(p.method)} /${str(p.path)} (${how})`
}

/** Why a probe was not applicable, or not judged (tests/support/security/probes.ts): a code and its params. */
const WHY: Record<string, { fr: (p: Record<string, ReasonParam>) => string; en: (p: Record<string, ReasonParam>) => string }> = {
  no_credentials: { fr: () => 'aucun identifiant', en: () => 'no credentials' },
  // An opaque credential (a gateway's token): nothing of a JWT to forge; the invalid-token probe still applies.
  not_jwt: {
    fr: () => "le jeton configuré n'est pas un JWT (jeton opaque) : ni signature, ni algorithme, ni revendication à falsifier",
    en: () => 'the configured token is not a JWT (an opaque token): no signature, algorithm or claim to forge',
  },
  no_turns_route: {
    fr: (p) => `le contrat ${str(p.contract)} n'a pas de route des tours`,
    en: (p) => `contract ${str(p.contract)} has no turns route`,
  },
  no_list_route: {
    fr: (p) => `le contrat ${str(p.contract)} n'a pas de route de liste des conversations`,
    en: (p) => `contract ${str(p.contract)} has no conversation list route`,
  },
  no_candidate: { fr: () => 'aucun identifiant de conversation à essayer', en: () => 'no conversation id to try' },
  list_failed: {
    fr: (p) => `sa liste à l'offset ${str(p.offset)} : ${str(p.outcome)}`,
    en: (p) => `its list at offset ${str(p.offset)}: ${str(p.outcome)}`,
  },
  list_status: {
    fr: (p) => `sa liste à l'offset ${str(p.offset)} : HTTP ${str(p.listStatus)}`,
    en: (p) => `its list at offset ${str(p.offset)}: HTTP ${str(p.listStatus)}`,
  },
  list_not_json: {
    fr: (p) => `sa liste à l'offset ${str(p.offset)} : pas du JSON`,
    en: (p) => `its list at offset ${str(p.offset)}: not JSON`,
  },
  list_no_array: {
    fr: (p) => `sa liste à l'offset ${str(p.offset)} : pas de tableau conversations`,
    en: (p) => `its list at offset ${str(p.offset)}: no conversations array`,
  },
  list_short: {
    fr: (p) => `${str(p.read)} conversations sur ${str(p.total)} lues à la fin des pages`,
    en: (p) => `${str(p.read)} of ${str(p.total)} conversations read when the pages ended`,
  },
  list_paging: {
    fr: (p) => `aucune nouvelle conversation à l'offset ${str(p.offset)}, pagination ignorée`,
    en: (p) => `no new conversation at offset ${str(p.offset)} (paging not honoured)`,
  },
  list_too_long: { fr: (p) => `plus de ${str(p.max)} conversations`, en: (p) => `more than ${str(p.max)} conversations` },
}
const why = (p: Record<string, ReasonParam>, L: Locale): string => WHY[str(p.why)]?.[L](p) ?? str(p.why)

export const GROUNDING_CATALOGUE: Catalogue = {
  'check.grounding.figure': {
    fr: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      return `Chiffre non fondé : ${where(p, 'fr')} annonce ${str(p.stated)} pour ${ROLE[str(p.role)]?.fr ?? str(p.role)}, mais ${source(p, 'fr')} indique ${fmt('fr', numOf(p.carried), unit)}`
    },
    en: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      return `ungrounded figure: ${where(p, 'en')} states ${str(p.stated)} as ${ROLE[str(p.role)]?.en ?? str(p.role)}, but ${source(p, 'en')} shows ${fmt('en', numOf(p.carried), unit)}`
    },
  },
  // The headline amount of a "how much" answer, of no other role, that no carried total holds
  // (grounding/claims/headline.ts unheldHeadline).
  'check.grounding.headline': {
    fr: (p) =>
      `Total non fondé : le message annonce ${str(p.stated)} en tête de réponse, sans autre rôle (ni partie, ni moyenne, ni autre période), mais ${source(p, 'fr')} indique un total de ${fmt('fr', numOf(p.carried), 'eur')}`,
    en: (p) =>
      `ungrounded total: the message's headline amount ${str(p.stated)} has no other role (no part, average or other period), but ${source(p, 'en')} shows a total of ${fmt('en', numOf(p.carried), 'eur')}`,
  },
  // A bound or coarse rounding true as written but too far from the carried figure, and nothing closer stated.
  'check.grounding.loose': {
    fr: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      return `Chiffre jamais énoncé : ${where(p, 'fr')} ne donne ${ROLE[str(p.role)]?.fr ?? str(p.role)} que par « ${str(p.stated)} », trop loin de ${fmt('fr', numOf(p.carried), unit)} (${source(p, 'fr')}) pour en tenir lieu`
    },
    en: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      return `figure never stated: ${where(p, 'en')} gives ${ROLE[str(p.role)]?.en ?? str(p.role)} only as "${str(p.stated)}", too far from ${fmt('en', numOf(p.carried), unit)} (${source(p, 'en')}) to stand for it`
    },
  },
  'check.grounding.direction': {
    fr: (p) =>
      `Sens contraire : ${where(p, 'fr')} annonce ${DIRECTION[str(p.direction)]?.fr ?? str(p.direction)} (« ${str(p.stated)} »), mais ${source(p, 'fr')} donne ${fmt('fr', numOf(p.carried), 'percent')}`,
    en: (p) =>
      `opposite direction: ${where(p, 'en')} states ${DIRECTION[str(p.direction)]?.en ?? str(p.direction)} ("${str(p.stated)}"), but ${source(p, 'en')} gives ${fmt('en', numOf(p.carried), 'percent')}`,
  },
  // The highest and the lowest of one kind stated with amounts that say the opposite (grounding/claims/extremes.ts
  // checkExtremes).
  'check.grounding.extremes': {
    fr: (p) =>
      `Chiffres contradictoires : ${where(p, 'fr')} donne ${str(p.high)} pour le plus élevé (« ${str(p.noun)} »), mais ${str(p.low)} pour le plus bas`,
    en: (p) =>
      `self-contradicting figures: ${where(p, 'en')} gives ${str(p.high)} for the highest ("${str(p.noun)}"), but ${str(p.low)} for the lowest`,
  },
  'check.grounding.label': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} annonce ${str(p.label)} à ${str(p.stated)}, mais le graphique « ${str(p.chart)} » indique ${amounts('fr', p.carried)} pour ${str(p.label)}`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} states ${str(p.label)} at ${str(p.stated)}, but chart "${str(p.chart)}" shows ${amounts('en', p.carried)} for ${str(p.label)}`,
  },
  'check.grounding.label_unknown': {
    fr: (p) =>
      p.complete === true
        ? `Chiffre inventé : ${where(p, 'fr')} annonce ${str(p.label)} à ${str(p.stated)}, mais le graphique « ${str(p.chart)} » ne porte pas ${str(p.label)} et nomme toutes ses parts`
        : `Chiffre inventé : ${where(p, 'fr')} annonce ${str(p.label)} à ${str(p.stated)}, mais le graphique « ${str(p.chart)} » ne porte pas ${str(p.label)} et ses « Autres » ne font que ${amounts('fr', p.others)}`,
    en: (p) =>
      p.complete === true
        ? `invented figure: ${where(p, 'en')} states ${str(p.label)} at ${str(p.stated)}, but chart "${str(p.chart)}" does not carry ${str(p.label)} and names every part`
        : `invented figure: ${where(p, 'en')} states ${str(p.label)} at ${str(p.stated)}, but chart "${str(p.chart)}" does not carry ${str(p.label)} and its "Autres" are only ${amounts('en', p.others)}`,
  },
  'check.grounding.top_label': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} place ${str(p.stated)} en tête, mais le graphique « ${str(p.chart)} » place ${str(p.top)} en tête (${amounts('fr', p.max)} contre ${amounts('fr', p.carried)})`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} ranks ${str(p.stated)} first, but chart "${str(p.chart)}" ranks ${str(p.top)} first (${amounts('en', p.max)} against ${amounts('en', p.carried)})`,
  },
  'check.grounding.part_share': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} donne à ${str(p.label)} une part de ${str(p.stated)}, mais ${str(p.basis)} en fait ${fmt('fr', Math.abs(numOf(p.carried)), 'count')} %`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} gives ${str(p.label)} a share of ${str(p.stated)}, but ${str(p.basis)} makes it ${fmt('en', Math.abs(numOf(p.carried)), 'count')} %`,
  },
  'check.grounding.parts_sum': {
    fr: (p) =>
      p.unit === 'percent'
        ? `Chiffres incohérents : ${where(p, 'fr')} donne des parts (${str(p.parts)}) qui font ${fmt('fr', numOf(p.sum), 'count')} % au total, pas 100 %`
        : `Chiffres incohérents : ${where(p, 'fr')} donne pour ${str(p.stated)} des parts (${str(p.parts)}) qui font ${amounts('fr', p.sum)}`,
    en: (p) =>
      p.unit === 'percent'
        ? `inconsistent figures: ${where(p, 'en')} gives shares (${str(p.parts)}) that add up to ${fmt('en', numOf(p.sum), 'count')} %, not 100 %`
        : `inconsistent figures: ${where(p, 'en')} gives for ${str(p.stated)} parts (${str(p.parts)}) that add up to ${amounts('en', p.sum)}`,
  },
  'check.grounding.anomaly_unknown': {
    fr: (p) =>
      `Chiffre inventé : ${where(p, 'fr')} décrit une dépense inhabituelle chez ${str(p.merchant)}, que ${str(p.basis)} ne porte pas (${str(p.carried)})`,
    en: (p) =>
      `invented figure: ${where(p, 'en')} describes an unusual transaction at ${str(p.merchant)}, which ${str(p.basis)} does not carry (${str(p.carried)})`,
  },
  'check.grounding.anomaly': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} décrit une dépense inhabituelle (${str(p.stated)}, ${str(p.merchant)}) dont ${ANOMALY_FIELD[str(p.field)]?.fr ?? str(p.field)} ne correspond pas aux données unusual_transaction portées (${str(p.carried)})`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} describes an unusual transaction (${str(p.stated)}, ${str(p.merchant)}) whose ${ANOMALY_FIELD[str(p.field)]?.en ?? str(p.field)} does not match the unusual_transaction data carried (${str(p.carried)})`,
  },
  'check.grounding.nothing_found': {
    fr: (p) =>
      `Chiffre inventé : ${where(p, 'fr')} annonce ${KIND[str(p.kind)]?.fr ?? ''} (${str(p.stated)}) alors que la recherche n'a rien trouvé (search_summary.total_results = 0)`,
    en: (p) =>
      `invented figure: ${where(p, 'en')} states ${KIND[str(p.kind)]?.en ?? ''} (${str(p.stated)}) although the search found nothing (search_summary.total_results = 0)`,
  },
  'check.grounding.claims_nothing': {
    fr: (p) => {
      const unit = p.unit === 'count' ? 'count' : 'eur'
      const shown = p.unit === 'sum' ? `des valeurs (${fmt('fr', numOf(p.carried), 'count')} au total)` : fmt('fr', numOf(p.carried), unit)
      return `Contradiction : ${where(p, 'fr')} dit n'avoir rien trouvé (« ${str(p.stated)} »), mais ${source(p, 'fr')} indique ${shown}`
    },
    en: (p) => {
      const unit = p.unit === 'count' ? 'count' : 'eur'
      const shown = p.unit === 'sum' ? `values (${fmt('en', numOf(p.carried), 'count')} in all)` : fmt('en', numOf(p.carried), unit)
      return `contradiction: ${where(p, 'en')} says nothing was found ("${str(p.stated)}"), but ${source(p, 'en')} shows ${shown}`
    },
  },
  // `source: 'insight'`: the period's figure is an insight's data (previous_total), not a chart's.
  'check.grounding.period': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} annonce ${str(p.stated)} pour une autre période, mais ${p.source === 'insight' ? `la donnée d'insight ${str(p.chart)}` : `le graphique « ${str(p.chart)} »`} indique ${amounts('fr', p.carried)} pour cette période`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} states ${str(p.stated)} for another period, but ${p.source === 'insight' ? `insight data ${str(p.chart)}` : `chart "${str(p.chart)}"`} shows ${amounts('en', p.carried)} for that period`,
  },
  // The pipeline says it ran no search (v3 metadata.requires_search false) beside results it carries.
  'check.grounding.search_skipped': {
    fr: (p) =>
      `Chiffres incohérents : metadata.requires_search vaut false (aucune recherche), mais ${source(p, 'fr')} indique ${fmt('fr', numOf(p.carried), p.unit === 'eur' ? 'eur' : 'count')}`,
    en: (p) =>
      `inconsistent figures: metadata.requires_search is false (no search), but ${source(p, 'en')} shows ${fmt('en', numOf(p.carried), p.unit === 'eur' ? 'eur' : 'count')}`,
  },
  'check.grounding.carried_mismatch': {
    fr: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      const other = source({ source: p.otherSource ?? null, sourceName: p.otherName ?? null }, 'fr')
      return `Chiffres incohérents : pour ${ROLE[str(p.role)]?.fr ?? str(p.role)}, ${source(p, 'fr')} indique ${fmt('fr', numOf(p.carried), unit)}, mais ${other} indique ${fmt('fr', numOf(p.other), unit)}`
    },
    en: (p) => {
      const unit = UNIT_OF_ROLE[str(p.role)] ?? 'count'
      const other = source({ source: p.otherSource ?? null, sourceName: p.otherName ?? null }, 'en')
      return `inconsistent figures: for ${ROLE[str(p.role)]?.en ?? str(p.role)}, ${source(p, 'en')} shows ${fmt('en', numOf(p.carried), unit)}, but ${other} shows ${fmt('en', numOf(p.other), unit)}`
    },
  },
  'check.grounding.stated_product': {
    fr: (p) =>
      `Chiffres incohérents : ${where(p, 'fr')} donne un total de ${figure(p.total, 'eur', 'fr')}, mais nombre ${figure(p.count, 'count', 'fr')} × moyenne ${figure(p.average, 'eur', 'fr')} = ${fmt('fr', numOf(p.product), 'eur')}`,
    en: (p) =>
      `inconsistent figures: ${where(p, 'en')} gives a total of ${figure(p.total, 'eur', 'en')}, but count ${figure(p.count, 'count', 'en')} × average ${figure(p.average, 'eur', 'en')} = ${fmt('en', numOf(p.product), 'eur')}`,
  },
  'check.grounding.part_over_whole': {
    fr: (p) =>
      `Chiffres incohérents : ${where(p, 'fr')} donne ${str(p.stated)} pour ${str(p.label)}, plus que le total ${figure(p.whole, 'eur', 'fr')}`,
    en: (p) =>
      `inconsistent figures: ${where(p, 'en')} gives ${str(p.stated)} for ${str(p.label)}, more than the total ${figure(p.whole, 'eur', 'en')}`,
  },
  'check.grounding.restated': {
    fr: (p) => `Chiffres contradictoires : ${where(p, 'fr')} reformule ${str(p.stated)} en « ${str(p.restated)} », qui n'est pas le même montant`,
    en: (p) => `self-contradicting figures: ${where(p, 'en')} restates ${str(p.stated)} as "${str(p.restated)}", which is not the same amount`,
  },
  'check.grounding.kpi_product': {
    fr: (p) =>
      `Cartes KPI incohérentes : total ${fmt('fr', numOf(p.total), 'eur')}, mais nombre ${fmt('fr', numOf(p.count), 'count')} × moyenne ${fmt('fr', numOf(p.average), 'eur')} = ${fmt('fr', numOf(p.product), 'eur')}`,
    en: (p) =>
      `inconsistent KPI cards: total ${fmt('en', numOf(p.total), 'eur')}, but count ${fmt('en', numOf(p.count), 'count')} × average ${fmt('en', numOf(p.average), 'eur')} = ${fmt('en', numOf(p.product), 'eur')}`,
  },
  'check.grounding.count_vs_results': {
    fr: (p) =>
      `Cartes KPI incohérentes : la carte « ${str(p.kpi)} » indique ${fmt('fr', numOf(p.count), 'count')}, mais search_summary.total_results vaut ${fmt('fr', numOf(p.totalResults), 'count')}`,
    en: (p) =>
      `inconsistent KPI cards: card "${str(p.kpi)}" shows ${fmt('en', numOf(p.count), 'count')}, but search_summary.total_results is ${fmt('en', numOf(p.totalResults), 'count')}`,
  },
  'check.grounding.total_vs_insight': {
    fr: (p) =>
      `Chiffres incohérents : la carte « ${str(p.kpi)} » indique ${fmt('fr', numOf(p.total), 'eur')}, mais l'insight « ${str(p.insight)} » porte ${fmt('fr', numOf(p.carried), 'eur')}`,
    en: (p) =>
      `inconsistent figures: card "${str(p.kpi)}" shows ${fmt('en', numOf(p.total), 'eur')}, but insight "${str(p.insight)}" carries ${fmt('en', numOf(p.carried), 'eur')}`,
  },
  'check.grounding.change_vs_chart': {
    fr: (p) =>
      `Chiffres incohérents : la carte « ${str(p.kpi)} » indique ${fmt('fr', numOf(p.change), 'percent')}, mais le graphique « ${str(p.chart)} » donne ${fmt('fr', numOf(p.computed), 'percent')}`,
    en: (p) =>
      `inconsistent figures: card "${str(p.kpi)}" shows ${fmt('en', numOf(p.change), 'percent')}, but chart "${str(p.chart)}" gives ${fmt('en', numOf(p.computed), 'percent')}`,
  },
  'check.grounding.not_checkable': {
    fr: (p) =>
      numOf(p.stated) === 0
        ? 'Chiffres non vérifiables : la réponse n’énonce aucun chiffre'
        : `Chiffres non vérifiables : rien dans la réponse ne permet de vérifier ${str(p.unverified) || 'ses chiffres'}`,
    en: (p) =>
      numOf(p.stated) === 0
        ? 'figures not checkable: the answer states no figure'
        : `figures not checkable: nothing in the answer can confirm ${str(p.unverified) || 'its figures'}`,
  },
  'check.grounding.unverified': {
    fr: (p) => `Chiffres non vérifiés (${str(p.count)}) : ${str(p.unverified)}`,
    en: (p) => `unverified figures (${str(p.count)}): ${str(p.unverified)}`,
  },
  'check.shown.placeholder': {
    fr: (p) => `Marqueur non remplacé ${str(p.placeholder)} dans ${fieldFr(str(p.field))} : ${str(p.excerpt)}`,
    en: (p) => `expected no leaked placeholder in ${fieldEn(str(p.field))}, observed ${str(p.placeholder)} in ${str(p.excerpt)}`,
  },
  'check.shown.mojibake': {
    fr: (p) => `Texte mal encodé (UTF-8 lu comme latin-1) dans ${fieldFr(str(p.field))} : ${str(p.excerpt)}`,
    en: (p) => `mojibake (UTF-8 read as latin-1) in ${fieldEn(str(p.field))}: ${str(p.excerpt)}`,
  },
  'check.asked.missing': {
    fr: (p) => {
      const others = str(p.others)
      const about = others === '' ? '' : p.nothingFound === true ? ` ; la réponse ne trouve rien pour ${others}` : ` ; la réponse parle de ${others}`
      return `Réponse hors sujet : la question porte sur ${ENTITY[str(p.kind)]?.fr ?? str(p.kind)} « ${str(p.name)} », que la réponse ne mentionne pas${about}`
    },
    en: (p) => {
      const others = str(p.others)
      const about = others === '' ? '' : p.nothingFound === true ? `; the answer finds nothing for ${others}` : `; the answer speaks of ${others}`
      return `off-topic answer: the question names ${ENTITY[str(p.kind)]?.en ?? str(p.kind)} "${str(p.name)}", which the answer never mentions${about}`
    },
  },
  'check.asked.other_question': {
    fr: (p) => `Réponse à une autre question : le service dit avoir reçu « ${str(p.echoed)} », la question posée était « ${str(p.asked)} »`,
    en: (p) => `answer to another question: the service echoes "${str(p.echoed)}", the question asked was "${str(p.asked)}"`,
  },
  'check.asked.period': {
    fr: (p) =>
      `Réponse hors sujet : la question porte sur ${periods('fr', p.asked)}, la réponse parle d'une autre période (${periods('fr', p.said)})`,
    en: (p) => `off-topic answer: the question asks about ${periods('en', p.asked)}, the answer speaks of another period (${periods('en', p.said)})`,
  },
  'check.asked.period_searched': {
    fr: (p) =>
      `Réponse hors sujet : la question porte sur ${periods('fr', p.asked)}, le service a cherché du ${str(p.from)} au ${str(p.to)} (query.filters.date)`,
    en: (p) =>
      `off-topic answer: the question asks about ${periods('en', p.asked)}, the service searched ${str(p.from)} to ${str(p.to)} (query.filters.date)`,
  },
  // A comparison answered against another baseline than the one its question names (tests/support/checks/compared-period.ts):
  // `source` text (the answer's words) or data (an insight's two periods, the range searched); `said` the periods
  // ("current:semaine") or the two sides ("2026-11-23..2026-11-24 / 2026-11-16..2026-11-17") it compares instead.
  'check.asked.compared_period': {
    fr: (p) =>
      `Réponse hors sujet : la question compare avec ${periods('fr', p.asked)}, ${p.source === 'data' ? 'les données du service comparent' : 'la réponse compare'} d'autres périodes (${periods('fr', p.said)})`,
    en: (p) =>
      `off-topic answer: the question compares with ${periods('en', p.asked)}, ${p.source === 'data' ? "the service's data compare" : 'the answer compares'} other periods (${periods('en', p.said)})`,
  },
  // The analysis its question's kind asks, absent from the text and from what the answer carries
  // (tests/support/checks/analysis-stated.ts): `kind` anomalies, trend, comparison or total.
  'check.asked.analysis_missing': {
    fr: (p) =>
      `Réponse hors sujet : la question demande ${ANALYSIS[str(p.kind)]?.fr ?? str(p.kind)}, le texte de la réponse n'en dit rien (« ${str(p.message)} »)`,
    en: (p) =>
      `off-topic answer: the question asks for ${ANALYSIS[str(p.kind)]?.en ?? str(p.kind)}, the answer's text says nothing of it ("${str(p.message)}")`,
  },
  'check.asked.filter': {
    fr: (p) =>
      `Réponse à une autre question : le service a filtré sur ${ENTITY[str(p.kind)]?.fr ?? str(p.kind)} « ${str(p.value)} », que la question ne demande pas`,
    en: (p) =>
      `answer to another question: the service filtered on ${ENTITY[str(p.kind)]?.en ?? str(p.kind)} "${str(p.value)}", which the question does not ask for`,
  },
  'check.asked.breakdown_single': {
    fr: (p) =>
      `Réponse hors sujet : la question demande une répartition par ${p.kind === 'merchant' ? 'marchand' : 'catégorie'}, la réponse n'en montre qu'une part (« ${str(p.part)} »)`,
    en: (p) => `off-topic answer: the question asks for a breakdown by ${str(p.kind)}, the answer shows a single one ("${str(p.part)}")`,
  },
  'check.asked.no_amount': {
    fr: (p) => `Réponse hors sujet : la question demande un montant, le texte de la réponse n'en donne aucun (« ${str(p.message)} »)`,
    en: (p) => `off-topic answer: the question asks how much, the answer's text states no amount ("${str(p.message)}")`,
  },
  'check.asked.other_subject': {
    fr: (p) =>
      `Réponse hors sujet : la question porte sur ${ENTITY[str(p.kind)]?.fr ?? str(p.kind)} « ${str(p.name)} », le texte de la réponse parle de ${str(p.others)} et jamais de « ${str(p.name)} »`,
    en: (p) =>
      `off-topic answer: the question names ${ENTITY[str(p.kind)]?.en ?? str(p.kind)} "${str(p.name)}", the answer's text speaks of ${str(p.others)} and never of "${str(p.name)}"`,
  },
  'check.asked.joined': {
    fr: (p) =>
      `Réponse hors sujet : la question porte sur ${ENTITY[str(p.kind)]?.fr ?? str(p.kind)} « ${str(p.name)} », le chiffre principal de la réponse vaut pour « ${str(p.name)} » et « ${str(p.other)} » ensemble`,
    en: (p) =>
      `off-topic answer: the question names ${ENTITY[str(p.kind)]?.en ?? str(p.kind)} "${str(p.name)}", the answer's headline figure is for "${str(p.name)}" and "${str(p.other)}" together`,
  },
  'check.asked.no_figure': {
    fr: (p) =>
      `Non-réponse : la recherche a trouvé ${str(p.results)} résultat(s), le texte de la réponse n'en donne aucun chiffre (« ${str(p.message)} »)`,
    en: (p) => `non-answer: the search found ${str(p.results)} result(s), the answer's text states no figure of them ("${str(p.message)}")`,
  },
  'check.asked.refusal_other_input': {
    fr: (p) => `Refus hors sujet : l'erreur porte sur « ${str(p.input)} », pas sur la question posée (${str(p.message)})`,
    en: (p) => `refusal about another text: the error concerns "${str(p.input)}", not the question asked (${str(p.message)})`,
  },
  'check.asked.refusal_unfounded': {
    fr: (p) => `Refus hors sujet : « ${str(p.message)} » refuse un contenu malveillant que la question ne contient pas`,
    en: (p) => `unrelated refusal: "${str(p.message)}" refuses malicious content the question does not contain`,
  },
  // A change of the whole stated against the previous period that the truth's total and previous total contradict
  // (tests/support/ground-truth/check.ts statedChanges): `expected` signed, in `unit` (percent or eur).
  'truth.change': {
    fr: (p) =>
      `Vérité terrain : la réponse annonce « ${str(p.stated)} » par rapport à la période précédente, mais le total passe de ${fmt('fr', numOf(p.previous), 'eur')} à ${fmt('fr', numOf(p.total), 'eur')} (${p.unit === 'percent' ? fmt('fr', numOf(p.expected), 'percent') : `${numOf(p.expected) > 0 ? '+' : ''}${fmt('fr', numOf(p.expected), 'eur')}`})`,
    en: (p) =>
      `ground truth: the answer states "${str(p.stated)}" against the previous period, but the total goes from ${fmt('en', numOf(p.previous), 'eur')} to ${fmt('en', numOf(p.total), 'eur')} (${p.unit === 'percent' ? fmt('en', numOf(p.expected), 'percent') : `${numOf(p.expected) > 0 ? '+' : ''}${fmt('en', numOf(p.expected), 'eur')}`})`,
  },
  'truth.figure': {
    fr: (p) => {
      const unit: Unit = p.figure === 'count' ? 'count' : 'eur'
      return `Vérité terrain : ${TRUTH_FIGURE[str(p.figure)]?.fr ?? str(p.figure)} attendu ${fmt('fr', numOf(p.expected), unit)}, la réponse montre ${fmt('fr', numOf(p.observed), unit)} (${str(p.source)})`
    },
    en: (p) => {
      const unit: Unit = p.figure === 'count' ? 'count' : 'eur'
      return `ground truth: expected ${TRUTH_FIGURE[str(p.figure)]?.en ?? str(p.figure)} ${fmt('en', numOf(p.expected), unit)}, the answer shows ${fmt('en', numOf(p.observed), unit)} (${str(p.source)})`
    },
  },
  'truth.top': {
    fr: (p) =>
      `Vérité terrain : ${TRUTH_FIGURE[str(p.figure)]?.fr ?? str(p.figure)} attendu « ${str(p.expected)} », le graphique « ${str(p.chart)} » place « ${str(p.observed)} » en tête`,
    en: (p) =>
      `ground truth: expected ${TRUTH_FIGURE[str(p.figure)]?.en ?? str(p.figure)} "${str(p.expected)}", chart "${str(p.chart)}" ranks "${str(p.observed)}" first`,
  },
  'truth.top_stated': {
    fr: (p) =>
      `Vérité terrain : ${TRUTH_FIGURE[str(p.figure)]?.fr ?? str(p.figure)} attendu « ${str(p.expected)} », le message place « ${str(p.observed)} » en tête`,
    en: (p) =>
      `ground truth: expected ${TRUTH_FIGURE[str(p.figure)]?.en ?? str(p.figure)} "${str(p.expected)}", the message ranks "${str(p.observed)}" first`,
  },
  'truth.anomaly_date': {
    fr: (p) =>
      `Vérité terrain : le message date la dépense inhabituelle chez ${str(p.merchant)} du ${str(p.stated)}, mais ses anomalies sont datées ${str(p.expected)}`,
    en: (p) =>
      `ground truth: the message dates the unusual transaction at ${str(p.merchant)} ${str(p.stated)}, but its anomalies are dated ${str(p.expected)}`,
  },
  'truth.anomaly_unknown': {
    fr: (p) =>
      `Vérité terrain : le message décrit une dépense inhabituelle chez ${str(p.merchant)}, qui n'est pas parmi ses anomalies (${str(p.expected)})`,
    en: (p) =>
      `ground truth: the message describes an unusual transaction at ${str(p.merchant)}, which is not among its anomalies (${str(p.expected)})`,
  },
  'truth.top_missing': {
    fr: (p) => `Vérité terrain : le premier marchand attendu, « ${str(p.expected)} », n'apparaît pas dans la réponse`,
    en: (p) => `ground truth: the expected top merchant "${str(p.expected)}" does not appear in the answer`,
  },
  'truth.anomalies': {
    fr: (p) =>
      `Vérité terrain : anomalies avec une précision de ${pct('fr', p.precision)} (minimum ${pct('fr', p.minPrecision)}) et un rappel de ${pct('fr', p.recall)} (minimum ${pct('fr', p.minRecall)}) ; ${str(p.found)} vraies sur ${str(p.reported)} signalées, ${str(p.expected)} attendues${showable('fr', p)}${listed('fr', p)}`,
    en: (p) =>
      `ground truth: anomalies with precision ${pct('en', p.precision)} (minimum ${pct('en', p.minPrecision)}) and recall ${pct('en', p.recall)} (minimum ${pct('en', p.minRecall)}); ${str(p.found)} true of ${str(p.reported)} reported, ${str(p.expected)} expected${showable('en', p)}${listed('en', p)}`,
  },
  'truth.anomalies_denied': {
    fr: (p) =>
      `Vérité terrain : la réponse affirme qu'il n'y a rien d'inhabituel (« ${str(p.stated)} »), mais ${str(p.expected)} anomalies sont attendues`,
    en: (p) => `ground truth: the answer says nothing is unusual ("${str(p.stated)}"), but ${str(p.expected)} anomalies are expected`,
  },
  'truth.anomalies_measured': {
    fr: (p) =>
      `Anomalies : précision ${pct('fr', p.precision)}, rappel ${pct('fr', p.recall)} (${str(p.found)}/${str(p.expected)}${showable('fr', p)})`,
    en: (p) =>
      `anomalies: precision ${pct('en', p.precision)}, recall ${pct('en', p.recall)} (${str(p.found)}/${str(p.expected)}${showable('en', p)})`,
  },
  'truth.anomalies_not_observable': {
    fr: (p) =>
      `Anomalies non observables sur ${str(p.contract)} : ni liste d'insights ni graphique dans ce contrat (${str(p.expected)} attendues, rappel non mesuré)`,
    en: (p) =>
      `anomalies not observable on ${str(p.contract)}: this contract carries neither an insight list nor a chart (${str(p.expected)} expected, recall not measured)`,
  },
  'truth.total_never_stated': {
    fr: (p) =>
      `Vérité terrain : la réponse ne donne le total que comme « ${str(p.said)} », trop loin de ${fmt('fr', numOf(p.expected), 'eur')} attendu pour en tenir lieu`,
    en: (p) =>
      `ground truth: the answer gives the total only as "${str(p.said)}", too far from the expected ${fmt('en', numOf(p.expected), 'eur')} to stand for it`,
  },
  'truth.loose': {
    fr: (p) =>
      `Vérité terrain non vérifiable : « ${str(p.said)} » est trop approximatif pour ${TRUTH_FIGURE[str(p.figure)]?.fr ?? str(p.figure)} (${fmt('fr', numOf(p.expected), 'eur')} attendu)`,
    en: (p) =>
      `ground truth not checkable: "${str(p.said)}" is too coarse to state the ${TRUTH_FIGURE[str(p.figure)]?.en ?? str(p.figure)} (${fmt('en', numOf(p.expected), 'eur')} expected)`,
  },
  // A dated truth against the days the answer searched (tests/support/ground-truth/period.ts): `searched` and
  // `period` as "from..to" (period null: the truth's asOf places it), `asOf` the truth's day (null: none named).
  'truth.other_period': {
    fr: (p) =>
      `Vérité terrain peut-être inapplicable : cette réponse a cherché sur ${str(p.searched)}, ${p.period === null ? `ce qu'un service n'aurait pas cherché pour cette question le ${str(p.asOf)} (account.asOf de la vérité)` : `la vérité vaut pour ${str(p.period)}`} ; confrontée à la vérité malgré tout : un écart peut venir du fichier`,
    en: (p) =>
      `ground truth may not apply: this answer searched ${str(p.searched)}, ${p.period === null ? `which a service would not have searched for this question on ${str(p.asOf)} (the truth's account.asOf)` : `the truth's figures cover ${str(p.period)}`}; confronted with the truth all the same: a difference may come from the file`,
  },
  'truth.period_not_observable': {
    fr: (p) =>
      `Période de la vérité terrain non vérifiable : cette réponse ne montre pas les jours qu'elle a cherchés ; confrontée à la vérité ${p.period === null ? `faite le ${str(p.asOf)}` : `pour ${str(p.period)}`} sur la foi du fichier`,
    en: (p) =>
      `ground truth period not checkable: this answer does not show the days it searched; confronted with the truth ${p.period === null ? `made on ${str(p.asOf)}` : `for ${str(p.period)}`} on the file's word`,
  },
  'truth.not_shown': {
    fr: (p) => `Vérité terrain non vérifiable : la réponse ne montre pas ${TRUTH_FIGURE[str(p.figure)]?.fr ?? str(p.figure)}`,
    en: (p) => `ground truth not checkable: the answer does not show ${TRUTH_FIGURE[str(p.figure)]?.en ?? str(p.figure)}`,
  },
  'security.no_token': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)}${p.challenge === null ? ' sans en-tête WWW-Authenticate' : ''} (attendu : 401 avec WWW-Authenticate) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)}${p.challenge === null ? ' without a WWW-Authenticate header' : ''} (expected 401 with WWW-Authenticate); body ${str(p.body)}`,
  },
  // A request without credentials whose body carries an answer (a turn, or a stream's text), whatever its status
  // and challenge: the service answered the user's question for anyone (tests/support/security/probes.ts noToken).
  'security.no_token_answered': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)}, et le corps porte une réponse : le service répond sans identifiants (attendu : 401 avec WWW-Authenticate, sans données) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)}, and the body carries an answer: the service answers without credentials (expected 401 with WWW-Authenticate and no data); body ${str(p.body)}`,
  },
  'security.other_user_path': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : ${str(p.expected)}) ; les données d'un autre utilisateur sont exposées ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected ${str(p.expected)}); another user's data is reachable; body ${str(p.body)}`,
  },
  'security.other_user_path_status': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : ${str(p.expected)}) ; pas le refus attendu pour le chemin d'un autre utilisateur (le corps ne montre pas ses données) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected ${str(p.expected)}); not the refusal expected for another user's path (the body shows none of their data); body ${str(p.body)}`,
  },
  // A 401 to a probe sent with the run's current token (tests/support/security/probes.ts): a refusal, noted only
  // because the contract gives another status.
  'security.refused_401': {
    fr: (p) =>
      `Sonde refusée : ${request(p, 'fr')} → HTTP ${str(p.status)} au lieu de ${str(p.expected)} ; un refus (aucune donnée dans le corps), noté pour son code seulement ; corps ${str(p.body)}`,
    en: (p) =>
      `probe refused: ${request(p, 'en')} → HTTP ${str(p.status)} instead of ${str(p.expected)}; a refusal (no data in the body), noted for its status only; body ${str(p.body)}`,
  },
  // A forged or invalid token the service took (tests/support/security/probes.ts tokenProbe): a 2xx, or an answer.
  'security.forged_token_accepted': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} : le service a accepté ce jeton (attendu : 401 avec WWW-Authenticate, sans données) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)}: the service accepted this token (expected 401 with WWW-Authenticate and no data); body ${str(p.body)}`,
  },
  'security.forged_token_status': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : 401 avec WWW-Authenticate, ou 403 ; le corps ne porte pas de réponse) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected 401 with WWW-Authenticate, or 403; the body carries no answer); body ${str(p.body)}`,
  },
  // Refused, but not as the contract says (403, or a 401 without its challenge): a note on a passed probe.
  'security.forged_refused_note': {
    fr: (p) =>
      `Sonde refusée : ${request(p, 'fr')} → HTTP ${str(p.status)}${p.status === 401 ? ' sans en-tête WWW-Authenticate' : ''} au lieu de 401 avec WWW-Authenticate ; un refus (aucune donnée dans le corps), noté pour sa forme seulement`,
    en: (p) =>
      `probe refused: ${request(p, 'en')} → HTTP ${str(p.status)}${p.status === 401 ? ' without a WWW-Authenticate header' : ''} instead of 401 with WWW-Authenticate; a refusal (no data in the body), noted for its form only`,
  },
  'security.hostile_not_judged': {
    fr: (p) =>
      `Sonde non jugée : ${request(p, 'fr')} → HTTP ${str(p.status)} : le jeton a été refusé avant que le message n'atteigne le contrôle testé`,
    en: (p) => `probe not judged: ${request(p, 'en')} → HTTP ${str(p.status)}: the token was refused before the message reached the guard it tests`,
  },
  'security.invalid_user_id': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : ${str(p.expected)} pour un identifiant ≤ 0) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected ${str(p.expected)} for a user id ≤ 0); body ${str(p.body)}`,
  },
  'security.other_user_conversations': {
    fr: (p) => `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : ${str(p.expected)}) ; corps ${str(p.body)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected ${str(p.expected)}); body ${str(p.body)}`,
  },
  'security.other_user_turns': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} avec des données (attendu : 403 ou 404) ; corps ${str(p.body)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} with data (expected 403 or 404); body ${str(p.body)}`,
  },
  'security.other_user_turns_status': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : 403 ou 404 ; le corps ne montre aucune donnée) ; corps ${str(p.body)}`,
    en: (p) =>
      `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected 403 or 404; the body shows no data); body ${str(p.body)}`,
  },
  'security.hostile_status': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → HTTP ${str(p.status)} (attendu : 422 ou une réponse française sûre) ; corps ${str(p.body)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → HTTP ${str(p.status)} (expected 422 or a safe French answer); body ${str(p.body)}`,
  },
  'security.html_echo': {
    fr: (p) => `Sonde de sécurité échouée : ${request(p, 'fr')} → la réponse renvoie du HTML actif dans ${fieldFr(str(p.field))} : ${str(p.excerpt)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → the answer echoes active HTML in ${fieldEn(str(p.field))}: ${str(p.excerpt)}`,
  },
  'security.sql_error': {
    fr: (p) =>
      `Sonde de sécurité échouée : ${request(p, 'fr')} → la réponse laisse voir une erreur SQL dans ${fieldFr(str(p.field))} : ${str(p.excerpt)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → the answer shows an SQL error in ${fieldEn(str(p.field))}: ${str(p.excerpt)}`,
  },
  'security.not_french': {
    fr: (p) => `Sonde de sécurité échouée : ${request(p, 'fr')} → la réponse n'est pas une réponse française : ${str(p.excerpt)}`,
    en: (p) => `security probe failed: ${request(p, 'en')} → the answer is not a French answer: ${str(p.excerpt)}`,
  },
  'security.no_answer': {
    fr: (p) => `Sonde de sécurité échouée : ${request(p, 'fr')} → aucune réponse HTTP (${str(p.outcome)})`,
    en: (p) => `security probe failed: ${request(p, 'en')} → no HTTP answer (${str(p.outcome)})`,
  },
  // A stream that timed out after its 2xx status line and showed nothing that fails the probe
  // (tests/support/security/probes.ts unfinished): not judged, never passed.
  'security.stream_timeout': {
    fr: (p) =>
      `Sonde non jugée : ${request(p, 'fr')} → HTTP ${str(p.status)}, mais le flux ne s'est pas terminé dans HARENA_TIMEOUT_MS (${str(p.timeoutMs)} ms ; ${str(p.chunks)} morceau(x) reçu(s), sans rien qui fasse échouer la sonde)`,
    en: (p) =>
      `probe not judged: ${request(p, 'en')} → HTTP ${str(p.status)}, but the stream did not finish within HARENA_TIMEOUT_MS (${str(p.timeoutMs)} ms; ${str(p.chunks)} chunk(s) received, nothing in them that fails the probe)`,
  },
  // A hostile message whose stream was cut off (no response_end, no error event) and showed nothing that fails the
  // probe (tests/support/security/probes.ts hostileMessage): not judged, never passed.
  'security.stream_unfinished': {
    fr: (p) =>
      `Sonde non jugée : ${request(p, 'fr')} → HTTP ${str(p.status)}, mais le flux s'est interrompu sans response_end ni événement d'erreur (${str(p.chunks)} morceau(x) reçu(s), sans rien qui fasse échouer la sonde)`,
    en: (p) =>
      `probe not judged: ${request(p, 'en')} → HTTP ${str(p.status)}, but the stream was cut off with neither response_end nor an error event (${str(p.chunks)} chunk(s) received, nothing in them that fails the probe)`,
  },
  'security.not_applicable': {
    fr: (p) => `Sonde ${str(p.probe)} non applicable : ${why(p, 'fr')}`,
    en: (p) => `probe ${str(p.probe)} not applicable: ${why(p, 'en')}`,
  },
  // A probe answered 404 where the user's own request (`ownMethod` `ownPath`) answers 404 too: the route is not found
  // for `contract` (HARENA_API_CONTRACT) at this target (tests/support/security/probes.ts). Short: a note is bounded.
  // `streamed` with `route` 'chat': the questions used the stream route (VALIDATION_STREAM=true) and so did the chat
  // probes — the stream route is what the target lacks (the advice is the stream route's, not the contract's).
  'security.route_not_found': {
    fr: (p) =>
      p.streamed === true && p.route === 'chat'
        ? `Sonde non jugée : ${request(p, 'fr')} → HTTP 404, comme ${str(p.ownMethod)} /${str(p.ownPath)} de l'utilisateur lui-même : la route de réponse en flux, par laquelle passent les questions (VALIDATION_STREAM=true) et les sondes, est introuvable ; vérifiez que le service expose sa route de réponse en flux`
        : `Sonde non jugée : ${request(p, 'fr')} → HTTP 404, comme ${str(p.ownMethod)} /${str(p.ownPath)} de l'utilisateur lui-même : route introuvable pour le contrat ${str(p.contract)} ; vérifiez HARENA_API_CONTRACT et HARENA_BASE_URL`,
    en: (p) =>
      p.streamed === true && p.route === 'chat'
        ? `probe not judged: ${request(p, 'en')} → HTTP 404, as is the user's own ${str(p.ownMethod)} /${str(p.ownPath)}: the stream route, which the questions (VALIDATION_STREAM=true) and the probes use, is not found; check that the service exposes its stream route`
        : `probe not judged: ${request(p, 'en')} → HTTP 404, as is the user's own ${str(p.ownMethod)} /${str(p.ownPath)}: route not found for contract ${str(p.contract)}; check HARENA_API_CONTRACT and HARENA_BASE_URL`,
  },
  'security.turns_not_judged': {
    fr: (p) =>
      `Sonde non jugée : ${request(p, 'fr')} a renvoyé des données, mais sa liste de conversations n'est pas lisible en entier (${why(p, 'fr')}) : la conversation ${str(p.conversation)} est peut-être la sienne`,
    en: (p) =>
      `probe not judged: ${request(p, 'en')} answered with data, but the user's own conversation list could not be read whole (${why(p, 'en')}): conversation ${str(p.conversation)} may be its own`,
  },
  // A probe asked again with newer tokens (tests/support/auth-broker.ts) and refused as expired each time.
  'security.own_token_expired': {
    fr: (p) =>
      `Sonde non jugée : ${request(p, 'fr')} → HTTP 401 encore après ${str(p.renewals)} nouveau(x) jeton(s) : c'est son propre jeton qui a expiré, ce refus ne dit rien du service`,
    en: (p) =>
      `probe not judged: ${request(p, 'en')} → HTTP 401 again after ${str(p.renewals)} new token(s): its own token expired, the refusal says nothing about the service`,
  },
  'security.rate_limited': {
    fr: (p) =>
      p.unnamed === true
        ? `Sonde non jugée : ${request(p, 'fr')} refusée (HTTP ${str(p.status)}) par un limiteur de débit ou par le service indisponible — rien n'y nomme un limiteur ; vérifiez que le service répond, puis baissez VALIDATION_MAX_RPS et relancez`
        : `Sonde non jugée : ${request(p, 'fr')} refusée par un limiteur de débit (HTTP ${str(p.status)}) avant d'atteindre le service ; baissez VALIDATION_MAX_RPS et relancez`,
    en: (p) =>
      p.unnamed === true
        ? `probe not judged: ${request(p, 'en')} was refused (HTTP ${str(p.status)}) by a rate limiter or by the service unavailable — nothing in it names a limiter; check that the service answers, then lower VALIDATION_MAX_RPS and run again`
        : `probe not judged: ${request(p, 'en')} was refused by a rate limiter (HTTP ${str(p.status)}) before reaching the service; lower VALIDATION_MAX_RPS and run again`,
  },
  // The request a probe sent, as its sentences name it: "POST /api/v1/conversation/2 (token of user 1)". The
  // English one is also the probe's \`request\` in validation-report.json (tests/support/security/probes.ts).
  'security.request': { fr: (p) => request(p, 'fr'), en: (p) => request(p, 'en') },
}

registerCatalogue(GROUNDING_CATALOGUE)

/** The analyses a question's kind asks (tests/support/checks/analysis-stated.ts), as a reason names them. */
const ANALYSIS: Readonly<Record<string, { fr: string; en: string }>> = {
  anomalies: { fr: 'ses dépenses inhabituelles (une transaction nommée, ou aucune)', en: 'its unusual spending (a transaction named, or none)' },
  trend: { fr: 'une tendance (une direction ou une évolution sur les périodes)', en: 'a trend (a direction or a change over the periods)' },
  comparison: { fr: 'une comparaison (les deux périodes ou leur écart)', en: 'a comparison (both periods or the change between them)' },
  total: { fr: 'un total (un montant, ou rien trouvé)', en: 'a total (an amount, or nothing found)' },
}

/** Relative periods as tests/support/checks/period-asked.ts names them ("last:mois"), in words; dates and ranges as they are. */
const REL = { last: { fr: 'dernier', en: 'last' }, current: { fr: 'en cours', en: 'this' }, prev: { fr: 'précédent', en: 'previous' } } as const
const UNIT = {
  jour: { fr: 'jour', en: 'day' },
  semaine: { fr: 'semaine', en: 'week' },
  mois: { fr: 'mois', en: 'month' },
  trimestre: { fr: 'trimestre', en: 'quarter' },
  an: { fr: 'année', en: 'year' },
} as const
function periods(L: 'fr' | 'en', x: ReasonParam | undefined): string {
  const list = Array.isArray(x) ? x.map(String) : []
  return list
    .map((p) => {
      const [rel, unit] = p.split(':')
      const r = REL[rel as keyof typeof REL]
      const u = UNIT[unit as keyof typeof UNIT]
      if (r === undefined || u === undefined) return L === 'fr' ? `« ${p} »` : `"${p}"`
      if (rel === 'current' && unit === 'jour') return L === 'fr' ? "« aujourd'hui »" : '"today"'
      return L === 'fr' ? `« ${u.fr} ${r.fr} »` : `"${r.en} ${u.en}"`
    })
    .join(', ')
}
