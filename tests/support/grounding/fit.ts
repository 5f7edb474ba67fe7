// How a stated figure fits a carried value, as its writer wrote it (docs/grounding.md "Rounded and bounded figures"):
// its rounding, its approximation or bound, a range; and whether a stated direction clashes with a carried change.
import type { Direction, StatedFigure } from './figures.ts'

/** Rounding the carried side may have: cents for amounts, a tenth for percentages (KPI changes are 1 dp). */
const FACT_SLACK = { amount: 0.005, count: 0, percent: 0.05 } as const
/**
 * How far from the value a rounded or bounded figure may take its reader: a tenth of it. "environ 3 000 €" rounds
 * 2 661,93 € at its written thousands, yet says 13 % more: too coarse to state the figure (docs/grounding.md).
 */
const ROUNDED_REACH = 0.1

/**
 * How a stated figure fits a carried value:
 * - agrees: within the rounding of its written digits ("2 662 €" ± 0,50); an approximation or a bound read at the step
 *   the writer rounded to (figures.ts roundingStep) — "environ 2 700 €" is 2 661,93 rounded at the hundreds, "plus de
 *   2 600 €" is 2 661,93 cut there — and within a tenth of the value;
 * - loose: true as written but too far to state the figure — a bound far from it ("plus de 100 €" for 2 661,93 €),
 *   a coarse rounding ("environ 3 000 €");
 * - contradicts: false as written ("2 900 €", "environ 2 900 €", "plus de 3 000 €" for 2 661,93 €).
 */
export type Fit = 'agrees' | 'loose' | 'contradicts'

export function fitOf(figure: StatedFigure, carried: number): Fit {
  const slack = figure.halfUnit + FACT_SLACK[figure.kind] + 1e-9
  // A change, and a debit written negative ("-2 661,93 €"), are compared in absolute value.
  const target = figure.kind === 'percent' || figure.sign !== null || figure.debit ? Math.abs(carried) : carried
  const gap = figure.value - target
  if (figure.bound === 'exact') return Math.abs(gap) <= slack ? 'agrees' : 'contradicts'
  if (figure.bound === 'range') return rangeFit(figure, target, slack)
  const step = figure.step + FACT_SLACK[figure.kind] + 1e-9
  // holds: true in its direction; rounded: the value rounded (approx) or cut (a bound) at the writer's step.
  // An approximation holds when its writer rounded ("environ 2 700 €" for 2 661,93: half a step either way) or cut
  // ("environ 133 €" for 133,98 €, "environ 2 600 €": up to a step below); "environ 40 %" for 33,2 % is neither.
  const holds = figure.bound === 'approx' ? gap <= step / 2 && gap >= -step : figure.bound === 'atLeast' ? gap <= slack : gap >= -slack
  if (!holds) return 'contradicts'
  const rounded = figure.bound === 'approx' || (figure.bound === 'atLeast' ? -gap < step : gap < step)
  // Never held tighter than the same digits written without "environ" ("environ 3 €" for 2,60 €).
  const near = Math.abs(gap) <= Math.max(ROUNDED_REACH * Math.abs(target), slack)
  return rounded && near ? 'agrees' : 'loose'
}

/**
 * A range ("une hausse de 25 à 30 %", figures.ts rangeLow) holds the value when it lies between its ends, each within
 * the rounding of its written digits; it states the value when both ends stay within a tenth of it, else it is loose.
 */
function rangeFit(figure: StatedFigure, target: number, slack: number): Fit {
  const low = figure.low ?? figure.value
  if (target < low - slack || target > figure.value + slack) return 'contradicts'
  const near = Math.max(target - low, figure.value - target) <= Math.max(ROUNDED_REACH * Math.abs(target), slack)
  return near ? 'agrees' : 'loose'
}

/** The stated figure agrees with a carried value (fitOf). */
export function agrees(figure: StatedFigure, carried: number): boolean {
  return fitOf(figure, carried) === 'agrees'
}

/** up vs a decrease, down vs an increase, stable vs a move of more than 5 %. */
export function directionsClash(stated: Direction, carried: number): boolean {
  if (stated === 'up') return carried < -0.05
  if (stated === 'down') return carried > 0.05
  return Math.abs(carried) > 5
}

/**
 * The sizes (unsigned percentages) of the change from `previous` to `current` over every value each allows, as its
 * writer wrote it (allowed): "3 348 € contre 2 514 €" allows 33,1 % to 33,2 %. Null when the previous may be zero.
 */
export function changeSizes(current: readonly [number, number], previous: readonly [number, number]): [number, number] | null {
  const [curLo, curHi] = current
  const [prevLo, prevHi] = previous
  if (prevLo <= 0) return null
  const [lo, hi] = [((curLo - prevHi) / prevHi) * 100, ((curHi - prevLo) / prevLo) * 100]
  return lo >= 0 ? [lo, hi] : hi <= 0 ? [-hi, -lo] : [0, Math.max(-lo, hi)]
}

/** A stated change's size against the sizes a pair of amounts allows (changeSizes): the nearest of them fits it. */
export function sizeFit(figure: StatedFigure, sizes: readonly [number, number]): Fit {
  const [min, max] = sizes
  return fitOf(figure, Math.min(Math.max(figure.value, min), max))
}

/** The values a stated figure allows, as its writer wrote it: its rounding, its approximation or bound (fitOf). */
export function allowed(figure: StatedFigure): [number, number] {
  const v = figure.value
  switch (figure.bound) {
    case 'approx':
      return [v - figure.step / 2, v + figure.step]
    case 'atLeast':
      return [v, v + figure.step]
    case 'atMost':
      return [v - figure.step, v]
    case 'range':
      return [figure.low ?? v, v]
    default:
      return [v - figure.halfUnit, v + figure.halfUnit]
  }
}
