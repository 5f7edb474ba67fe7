// The verdict criteria (spec §6) as data, in the spirit of k6 thresholds: each criterion names a metric and
// carries threshold expressions ("p95<=4000") that are parsed ONCE into {metric, op, value} and then evaluated
// as data. Values come from the settings (defaults and VALIDATION_* overrides, spec §2).
import type { RunSettings } from '../core/model.ts'

export type CriterionId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5'
export type MetricName = 'success_rate' | 'p95' | 'viz_coverage' | 'critical_bugs' | 'complete'
export type Op = '<' | '<=' | '>' | '>=' | '=='

export interface Threshold {
  metric: MetricName
  op: Op
  value: number
  /** The source expression, kept for the report. */
  source: string
}

export interface CriterionSpec {
  id: CriterionId
  name: { fr: string; en: string }
  metric: MetricName
  /** Holds → pass. */
  pass: Threshold
  /** Holds (when pass does not) → warn, otherwise fail. Absent: pass or fail only. */
  warn?: Threshold
  /** VALIDATION_STRICT judges this criterion on its confidence bound (spec §6: C1 and C2). */
  strictCapable: boolean
}

const METRICS: readonly MetricName[] = ['success_rate', 'p95', 'viz_coverage', 'critical_bugs', 'complete']

export class ThresholdSyntaxError extends Error {
  override name = 'ThresholdSyntaxError'
}

/** Parses "metric op number", e.g. "p95<=4000", "success_rate >= 0.95", "critical_bugs==0". */
export function parseThreshold(source: string): Threshold {
  const m = /^\s*([a-z0-9_]+)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(source)
  if (!m) throw new ThresholdSyntaxError(`threshold "${source}": expected "<metric> <op> <number>"`)
  const metric = m[1] as MetricName
  if (!METRICS.includes(metric)) throw new ThresholdSyntaxError(`threshold "${source}": unknown metric ${metric}`)
  return { metric, op: m[2] as Op, value: Number(m[3]), source: source.replace(/\s+/g, '') }
}

export function holds(t: Threshold, observed: number): boolean {
  switch (t.op) {
    case '<':
      return observed < t.value
    case '<=':
      return observed <= t.value
    case '>':
      return observed > t.value
    case '>=':
      return observed >= t.value
    case '==':
      return observed === t.value
  }
}

/** The five criteria of spec §6 for these settings. */
export function buildCriteria(s: Pick<RunSettings, 'minSuccessRate' | 'p95GoMs' | 'p95NoGoMs'>): CriterionSpec[] {
  return [
    {
      id: 'C1',
      name: { fr: 'Taux de succès (tentatives prévues ; non exécutée = échec)', en: 'Success rate (planned attempts; not executed = failed)' },
      metric: 'success_rate',
      pass: parseThreshold(`success_rate>=${s.minSuccessRate}`),
      strictCapable: true,
    },
    {
      id: 'C2',
      name: { fr: 'Latence de bout en bout P95', en: 'End-to-end latency P95' },
      metric: 'p95',
      pass: parseThreshold(`p95<=${s.p95GoMs}`),
      warn: parseThreshold(`p95<=${s.p95NoGoMs}`),
      strictCapable: true,
    },
    {
      id: 'C3',
      name: { fr: 'Réponses DATA_PRESENTATION avec ≥ 1 visualisation', en: 'DATA_PRESENTATION answers with ≥ 1 visualization' },
      metric: 'viz_coverage',
      pass: parseThreshold('viz_coverage>=1'),
      strictCapable: false,
    },
    {
      id: 'C4',
      name: { fr: 'Bugs critiques (5xx, transport, JSON invalide, contrat)', en: 'Critical bugs (5xx, transport, invalid JSON, contract)' },
      metric: 'critical_bugs',
      pass: parseThreshold('critical_bugs==0'),
      strictCapable: false,
    },
    {
      id: 'C5',
      name: { fr: 'Exécution complète', en: 'Run complete' },
      metric: 'complete',
      pass: parseThreshold('complete==1'),
      strictCapable: false,
    },
  ]
}
