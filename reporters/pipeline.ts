// collect → aggregate → decide → render, glued: RunModel in, documents out. Used by the Vitest reporter (normal
// end and signal path), the self tests and the bench.
import { aggregate, type Aggregate } from './aggregate.ts'
import { decide, type Verdict } from './decide.ts'
import type { RunModel } from '../core/model.ts'
import { buildReport, renderSamples } from './render-json.ts'
import { renderMarkdown } from './render-markdown.ts'
import type { ValidationReport } from './report-schema.ts'

export interface Produced {
  aggregate: Aggregate
  verdict: Verdict
  report: ValidationReport
  markdown: string
  json: string
  samples: string
}

export function produce(model: RunModel, generatedAt = new Date().toISOString()): Produced {
  const agg = aggregate(model)
  const verdict = decide(model, agg)
  const report = buildReport(model, agg, verdict, generatedAt)
  return {
    aggregate: agg,
    verdict,
    report,
    markdown: renderMarkdown(model, agg, verdict, generatedAt),
    json: `${JSON.stringify(report, null, 2)}\n`,
    samples: renderSamples(model),
  }
}
