// Sentences of the answer-quality checks (issue 10): grounded figures, the question asked, everything shown,
// another user's data, ground truth and the security probes. Registered once on import.
import type { ReasonParam } from '../reason.ts'
import { registerCatalogue, type Catalogue } from './index.ts'

type Params = Record<string, ReasonParam>

const FR_EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
const FR_NUM = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
const EN_NUM = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })

const str = (v: ReasonParam | undefined): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))
const numOf = (v: ReasonParam | undefined): number => (typeof v === 'number' ? v : Number(v))

type Unit = 'eur' | 'count' | 'percent'
const UNIT_OF_ROLE: Readonly<Record<string, Unit>> = { total: 'eur', income: 'eur', average: 'eur', count: 'count', change: 'percent' }

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

const amounts = (locale: 'fr' | 'en', v: ReasonParam | undefined): string =>
  (Array.isArray(v) ? (v as readonly number[]) : [numOf(v)]).map((n) => fmt(locale, Number(n), 'eur')).join(locale === 'fr' ? ' ou ' : ' or ')

/** « le message » / « l'insight "Résumé financier" ». */
function where(p: Params, locale: 'fr' | 'en'): string {
  if (p.where === 'insight') return locale === 'fr' ? `l'insight « ${str(p.whereTitle)} »` : `insight "${str(p.whereTitle)}"`
  return locale === 'fr' ? 'le message' : 'the message'
}

const ROLE: Readonly<Record<string, { fr: string; en: string }>> = {
  total: { fr: 'le total', en: 'the total' },
  income: { fr: 'le total des revenus', en: 'the income total' },
  average: { fr: 'le montant moyen', en: 'the average' },
  count: { fr: 'le nombre de transactions', en: 'the number of transactions' },
  change: { fr: "l'évolution", en: 'the change' },
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
    case 'chart_sum':
      return locale === 'fr' ? `la somme du graphique « ${name} »` : `the sum of chart "${name}"`
    case 'chart_change':
      return locale === 'fr' ? `la comparaison du graphique (« ${name} »)` : `the chart comparison ("${name}")`
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

/** "insight 2 title" → « le titre de l'insight 2 »; "KPI card 1 label" → « une étiquette de la carte KPI 1 »… */
function fieldFr(field: string): string {
  const m = /^(insight|KPI card|visualization) (\d+) (title|description|label|legend)$/.exec(field)
  if (m === null) return field === 'message' ? 'le message' : field
  const owner = m[1] === 'insight' ? `l'insight ${m[2]}` : m[1] === 'KPI card' ? `la carte KPI ${m[2]}` : `la visualisation ${m[2]}`
  const part = { title: 'le titre de', description: 'la description de', label: 'une étiquette de', legend: 'une légende de' }[m[3] as 'title']
  return `${part} ${owner}`
}
const fieldEn = (field: string): string => (field === 'message' ? 'the message' : field)

const ENTITY: Readonly<Record<string, { fr: string; en: string }>> = {
  merchant: { fr: 'le marchand', en: 'merchant' },
  category: { fr: 'la catégorie', en: 'category' },
  date: { fr: 'la date', en: 'date' },
}

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
  'check.grounding.direction': {
    fr: (p) =>
      `Sens contraire : ${where(p, 'fr')} annonce ${DIRECTION[str(p.direction)]?.fr ?? str(p.direction)} (« ${str(p.stated)} »), mais ${source(p, 'fr')} donne ${fmt('fr', numOf(p.carried), 'percent')}`,
    en: (p) =>
      `opposite direction: ${where(p, 'en')} states ${DIRECTION[str(p.direction)]?.en ?? str(p.direction)} ("${str(p.stated)}"), but ${source(p, 'en')} gives ${fmt('en', numOf(p.carried), 'percent')}`,
  },
  'check.grounding.label': {
    fr: (p) =>
      `Chiffre non fondé : ${where(p, 'fr')} annonce ${str(p.label)} à ${str(p.stated)}, mais le graphique « ${str(p.chart)} » indique ${amounts('fr', p.carried)} pour ${str(p.label)}`,
    en: (p) =>
      `ungrounded figure: ${where(p, 'en')} states ${str(p.label)} at ${str(p.stated)}, but chart "${str(p.chart)}" shows ${amounts('en', p.carried)} for ${str(p.label)}`,
  },
  'check.grounding.nothing_found': {
    fr: (p) =>
      `Chiffre inventé : ${where(p, 'fr')} annonce ${KIND[str(p.kind)]?.fr ?? ''} (${str(p.stated)}) alors que la recherche n'a rien trouvé (search_summary.total_results = 0)`,
    en: (p) =>
      `invented figure: ${where(p, 'en')} states ${KIND[str(p.kind)]?.en ?? ''} (${str(p.stated)}) although the search found nothing (search_summary.total_results = 0)`,
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
  'check.asked.refusal_other_input': {
    fr: (p) => `Refus hors sujet : l'erreur porte sur « ${str(p.input)} », pas sur la question posée (${str(p.message)})`,
    en: (p) => `refusal about another text: the error concerns "${str(p.input)}", not the question asked (${str(p.message)})`,
  },
  'check.asked.refusal_unfounded': {
    fr: (p) => `Refus hors sujet : « ${str(p.message)} » refuse un contenu malveillant que la question ne contient pas`,
    en: (p) => `unrelated refusal: "${str(p.message)}" refuses malicious content the question does not contain`,
  },
}

registerCatalogue(GROUNDING_CATALOGUE)
