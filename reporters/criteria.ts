// The release criteria as data (docs/verdict-rules.md), in the spirit of k6 thresholds: a criterion is a row that
// names the metric it reads (metrics.ts) and carries threshold expressions ("p95_ms<=4000") parsed ONCE into
// {metric, op, value}. One generic evaluator (evaluate.ts) judges every row; nothing downstream knows a row by
// its id. Adding a criterion = one row here + the metric it reads (+ its name in core/locale/verdict.ts).
import { denoised } from '../core/float-noise.ts'
import type { RunSettings } from '../core/model.ts'
import { METRIC_NAMES, type MetricName } from './metrics.ts'

export type Op = '<' | '<=' | '>' | '>=' | '=='

export interface Threshold {
  metric: MetricName
  op: Op
  value: number
  /** The source expression, kept for the report. */
  source: string
}

export interface Criterion {
  /** Stable id shown in every output. */
  id: string
  /** The metric it reads. */
  metric: MetricName
  /** Holds → pass. */
  pass: Threshold
  /** Holds (when pass does not) → warn, otherwise fail. Absent: pass or fail only. */
  warn?: Threshold
  /** VALIDATION_STRICT judges the confidence bound of the metric instead of its point estimate. */
  strictBound: boolean
  /** A failure of this row means the run cannot judge the service (rate limited), not that the service is wrong. */
  failMeansInconclusive?: boolean
  /** The sentence of this row when it does not pass (a code in core/locale/), instead of the generic outcome's. */
  reasonCode?: string
}

export class ThresholdSyntaxError extends Error {
  override name = 'ThresholdSyntaxError'
}

/**
 * A threshold's number as it is written into an expression: a plain decimal, never an exponent (String(1e-7) is
 * "1e-7"), that reads back as the same number — Number(plainDecimal(x)) === x for every finite x, so every value the
 * settings accept survives buildCriteria → parseThreshold (selftest/reporters/threshold-round-trip.test.ts).
 */
export function plainDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new ThresholdSyntaxError(`threshold value ${x}: expected a finite number`)
  const text = String(x)
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!m) return text
  const [, sign = '', lead = '', rest = '', exponent = '0'] = m
  const digits = lead + rest
  const point = 1 + Number(exponent)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Parses "metric op number", e.g. "p95_ms<=4000", "success_rate >= 0.95", "critical_bugs==0", "success_rate>=1e-7". */
export function parseThreshold(source: string): Threshold {
  const m = /^\s*([a-z0-9_]+)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/.exec(source)
  if (!m) throw new ThresholdSyntaxError(`threshold "${source}": expected "<metric> <op> <number>"`)
  const metric = m[1] as MetricName
  if (!METRIC_NAMES.includes(metric))
    throw new ThresholdSyntaxError(`threshold "${source}": unknown metric ${metric} (known: ${METRIC_NAMES.join(', ')})`)
  const value = Number(m[3])
  if (!Number.isFinite(value)) throw new ThresholdSyntaxError(`threshold "${source}": ${m[3]} is not a finite number`)
  return { metric, op: m[2] as Op, value, source: source.replace(/\s+/g, '') }
}

export function holds(t: Threshold, exact: number): boolean {
  // Without binary noise: 0.1 * 3 meets "<= 0.3", as the text that writes it says (core/float-noise.ts).
  const observed = denoised(exact)
  const value = denoised(t.value)
  switch (t.op) {
    case '<':
      return observed < value
    case '<=':
      return observed <= value
    case '>':
      return observed > value
    case '>=':
      return observed >= value
    case '==':
      return observed === value
  }
}

/** A row from its expressions; the metric is the one the expressions name (they must agree). */
export function criterion(
  id: string,
  pass: string,
  options: { warn?: string; strictBound?: boolean; failMeansInconclusive?: boolean; reasonCode?: string } = {},
): Criterion {
  const p = parseThreshold(pass)
  const w = options.warn === undefined ? undefined : parseThreshold(options.warn)
  if (w && w.metric !== p.metric) throw new ThresholdSyntaxError(`criterion ${id}: pass reads ${p.metric} but warn reads ${w.metric}`)
  return {
    id,
    metric: p.metric,
    pass: p,
    ...(w ? { warn: w } : {}),
    strictBound: options.strictBound ?? false,
    ...(options.failMeansInconclusive ? { failMeansInconclusive: true } : {}),
    ...(options.reasonCode ? { reasonCode: options.reasonCode } : {}),
  }
}

/**
 * The release criteria for these settings (thresholds from VALIDATION_* or their defaults). With a baseline, C8
 * `no regression` (docs/baseline.md): a regression warns — it can make the decision CONDITIONAL, never NO-GO alone.
 */
export function buildCriteria(
  s: Pick<RunSettings, 'minSuccessRate' | 'p95GoMs' | 'p95NoGoMs'> & Partial<Pick<RunSettings, 'stream' | 'ttfcGoMs' | 'ttfcNoGoMs'>>,
  run: { rateLimited?: boolean; baseline?: boolean } = {},
): Criterion[] {
  // C6 applies when the run streamed; C7 appears when a rate limiter refused requests (docs/generations.md).
  const limited = run.rateLimited === true ? [criterion('C7', 'rate_limited==0', { failMeansInconclusive: true })] : []
  const streaming =
    s.stream === true
      ? [
          criterion('C6', `ttfc_p95_ms<=${plainDecimal(s.ttfcGoMs ?? 2000)}`, {
            warn: `ttfc_p95_ms<=${plainDecimal(s.ttfcNoGoMs ?? 4000)}`,
            strictBound: true,
          }),
        ]
      : []
  const baseline = run.baseline === true ? [criterion('C8', 'no_regression==1', { warn: 'no_regression>=0', reasonCode: 'verdict.regression' })] : []
  return [
    criterion('C1', `success_rate>=${plainDecimal(s.minSuccessRate)}`, { strictBound: true }),
    criterion('C2', `p95_ms<=${plainDecimal(s.p95GoMs)}`, { warn: `p95_ms<=${plainDecimal(s.p95NoGoMs)}`, strictBound: true }),
    criterion('C3', 'viz_coverage>=1'),
    criterion('C4', 'critical_bugs==0'),
    criterion('C5', 'complete==1'),
    ...streaming,
    ...limited,
    ...baseline,
  ]
}
