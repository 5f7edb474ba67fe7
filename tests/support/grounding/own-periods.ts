// The answer's own periods: the ones its question names, else the relative period of its headline ("Le mois dernier,
// vous avez dépensé…") — never a comparison's baseline (docs/grounding.md "Grounded figures", the figure's scope).
import { answerRange } from '../checks/period-asked.ts'
import type { NormalizedTurn } from '../turn.ts'
import { foldKeep, type PeriodMention, periodMentions, type StatedFigure, statedFigures } from './figures.ts'
import { COMPARES, EARLIER } from './scope.ts'
import { figureSide, type SideContext } from './sides.ts'
import { statedMessage } from './table-rows.ts'

// Its periods may include the baseline's own dates ("Sur la même période du mois dernier (du 1er au 24 octobre), vous
// aviez dépensé …"): any period but the current one.
const baselineClause = (f: StatedFigure): boolean =>
  EARLIER.test(f.clause) &&
  f.sidePeriods.some((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'prev')) &&
  !f.sidePeriods.some((m) => m.kind === 'relative' && m.rel === 'current')

/** The question's periods, a comparison's baseline ("Comparaison avec le mois dernier") excepted. */
export function ownPeriodsOf(question: string, turn: NormalizedTurn): readonly PeriodMention[] {
  const folded = foldKeep(question)
  const asked = periodMentions(folded.replace(/(?:compar|par rapport|versus|\bvs\b).*$/, ''))
  if (asked.length > 0) return asked
  // A question naming no period is answered for the service's default one, which its headline names ("Le mois dernier…").
  const compares = COMPARES.test(folded)
  // Not the baseline's own amount ("Le mois dernier à la même date, vous aviez dépensé 2 514,24 €, contre 3 348,06 € ce
  // mois-ci"): its side of the comparison is the period before (sideOf).
  const sides: SideContext = { ownPeriods: [], range: compares ? answerRange(question, turn) : null, compares }
  const headline = statedFigures(statedMessage(turn)).find(
    (f) => (f.role === 'total' || f.role === 'count') && !(compares && (baselineClause(f) || figureSide(sides, f) === 'previous')),
  )
  // Its own part's periods: "3 348,06 € ce mois-ci (2 514,24 € le mois dernier)" heads the answer with this month only.
  return (headline?.sidePeriods ?? []).filter((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'current'))
}
