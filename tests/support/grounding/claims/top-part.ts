// The part the text ranks first ("votre premier poste est le Logement", "… arrive en tête") must be the largest part of
// the answer's breakdown, unless the ranking is of a subset ("hors loyer, …"; docs/grounding.md "Grounded figures").
import { escapeRegExp } from '../../checks/text.ts'
import { SUBSET_RANKING } from '../breakdown.ts'
import { sentenceBefore } from '../sentences.ts'
import { type Context, type StatedText, contradict } from '../context.ts'

// "Votre premier poste est le Logement", "Le Logement arrive en tête", "catégorie principale : Logement".
const TOP_AFTER =
  /(?:(?:premier|principal|plus gros|plus important|1er) poste(?: de depenses?)?|categorie (?:principale|dominante|la plus importante)|poste (?:principal|dominant|le plus important))\s*(?:est|reste|demeure|:|,)?\s*(?:celui (?:du|de la|des)\s+|(?:le|la|les|l')\s*)?([^.;!?\n]{0,60})/g
const TOP_BEFORE =
  /([^.;!?\n,:]{0,60}?)\s+(?:arrivent|arrive|est|sont|se placent|se place|se trouvent|se trouve|viennent|vient|figurent|figure|restent|reste)\s+(?:largement\s+|nettement\s+)?en tete/g
// Other words for the first part (review 2026-12-05, round 3): "le poste le plus lourd est le Logement", "la plus
// grosse part revient au Logement", "c'est le Logement qui pèse le plus", "le Logement est votre plus gros poste".
const HEAVIEST = String.raw`(?:lourde?s?|importante?s?|gros|grosse|eleve|elevee|couteuse?|consequente?)`
const TOP_HEAVY_AFTER = new RegExp(
  String.raw`(?:(?:postes?|categories?|rubriques?|depenses?) (?:de depenses? )?(?:le|la) plus ${HEAVIEST}|(?:postes?|categories?|rubriques?) qui (?:pese|coute|compte) le plus)\s*(?:est|reste|demeure|:|,)?\s*(?:celui (?:du|de la|des)\s+|celle (?:du|de la|des)\s+|(?:le|la|les|l')\s*)?([^.;!?\n]{0,60})`,
  'g',
)
const TOP_HEAVY_SHARE =
  /(?:la plus (?:grosse|grande|large) part|la part la plus (?:importante|grosse|grande|elevee))(?: de (?:vos|votre|ces) [a-z]+)?\s*(?:revient|va|est pour|est celle)\s*(?:a la |a l'|au |aux |a |du |de la |des |pour (?:le |la |les |l'))?\s*([^.;!?\n]{0,60})/g
const TOP_HEAVY_BEFORE =
  /([^.;!?\n,:]{0,60}?)\s+(?:(?:qui\s+)?(?:pese|pesent|coute|coutent|compte|comptent)\s+le plus\b|(?:est|reste|demeure)\s+(?:de loin\s+|nettement\s+|largement\s+)?(?:votre|le|la)\s+(?:premier|principal|plus gros|plus lourd|plus important)\s+poste\b(?!\s+(?:fixe|variable|courant|recurrent|du quotidien|hors))|(?:est|reste|demeure)\s+(?:de loin\s+|nettement\s+|largement\s+)?(?:votre|le) poste (?:principal|le plus (?:lourd|important|gros))\b|(?:represente|absorbe|prend|occupe)\s+la plus (?:grosse|grande) part\b)/g
/** Where the named top part ends: "le Logement, devant le Shopping" names the Logement. */
const TOP_CUT = /[,(]|\s(?:devant|suivi|suivie|avec|loin|puis|et|qui|pour|represente|a\s)/

/** The parts a text names as the first of its breakdown, each as written (folded, cut at its end). */
export function statedTopParts(folded: string): string[] {
  const after = [TOP_AFTER, TOP_HEAVY_AFTER, TOP_HEAVY_SHARE].flatMap((re) => partsNamedAfter(folded, re))
  const before = [TOP_HEAVY_BEFORE, TOP_BEFORE].flatMap((re) => partsNamedBefore(folded, re))
  return [...after, ...before].filter((p) => p !== '')
}

/** Rankings whose words come before the part ("votre premier poste est le Logement"): the part, cut at its end. */
function partsNamedAfter(folded: string, ranking: RegExp): string[] {
  const out: string[] = []
  for (const m of folded.matchAll(ranking)) {
    const said = m[1] ?? ''
    const cut = TOP_CUT.exec(said)
    const named = cut === null ? said : said.slice(0, cut.index)
    if (!SUBSET_RANKING.test(`${sentenceBefore(folded, m.index ?? 0)} ${m[0].slice(0, m[0].length - said.length)} ${named}`)) out.push(named.trim())
  }
  return out
}

/** Rankings whose words come after the part ("le Logement arrive en tête"), unless the rest of the clause ranks a subset. */
function partsNamedBefore(folded: string, ranking: RegExp): string[] {
  const out: string[] = []
  for (const m of folded.matchAll(ranking)) {
    const at = m.index ?? 0
    const end = at + m[0].length
    const rest = folded.slice(end, end + 80).split(/[.;!?\n,]/)[0] ?? ''
    if (!SUBSET_RANKING.test(`${sentenceBefore(folded, at)} ${m[0]} ${rest}`)) out.push((m[1] ?? '').trim())
  }
  return out
}

/** The breakdown's first part named as such must be its largest ("premier poste" beside a pie led by another). */
export function checkTopLabel(ctx: Context, { source, folded }: StatedText): void {
  const breakdown = ctx.breakdown
  if (breakdown === null) return
  const parts = [...breakdown.parts.entries()]
  const max = Math.max(...parts.map(([, p]) => p.value))
  for (const said of statedTopParts(folded)) {
    const named = parts.filter(([key]) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}([^a-z0-9]|$)`).test(said))
    if (named.length !== 1) continue
    const [, part] = named[0] as [string, { label: string; value: number }]
    ctx.checked++
    if (part.value >= max - 0.005) continue
    const top = parts.find(([, p]) => p.value >= max - 0.005)?.[1]
    contradict(ctx, source, 'check.grounding.top_label', {
      stated: part.label,
      chart: breakdown.chart,
      top: top?.label ?? '',
      carried: part.value,
      max,
    })
  }
}
