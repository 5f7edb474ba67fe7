// collect → aggregate → decide → render, glued: RunModel in, documents out. Used by the Vitest reporter (normal
// end and signal path), the self tests and the bench. The documents are rendered when first read, so a writer that
// streams (documents.ts) never pays for a string it does not need.
import type { RunModel } from '../core/model.ts'
import { aggregate, type Aggregate } from './aggregate.ts'
import type { Criterion } from './criteria.ts'
import { decide, type Verdict } from './decide.ts'
import { type EvidencePlan, evidencePlan } from './evidence.ts'
import { prettyJsonChunks } from './json-chunks.ts'
import { buildReport, renderSamples, reportForWriting } from './render-json.ts'
import { renderHtml } from './render-html.ts'
import { renderMarkdown } from './render-markdown.ts'
import type { ValidationReport } from './report-schema.ts'
import { scrubModel } from './scrub-model.ts'
import type { Fragments } from '../core/fragments.ts'

export interface Produced {
  /** The model the documents are rendered from: scrubbed of `scrubbedOf` (scrub-model.ts). */
  model: RunModel
  /** The secrets every value was scrubbed of before rendering (empty: not scrubbed at the source). */
  scrubbedOf: readonly string[]
  generatedAt: string
  aggregate: Aggregate
  verdict: Verdict
  /**
   * The evidence files of the failed attempts (reporters/evidence.ts): planned once, read by the Markdown (its
   * links), the JSON report (evidenceFile) and the writer (documents.ts) — each planned it again before, a walk of
   * every attempt each time.
   */
  readonly evidence: EvidencePlan
  /** What the workers serialized at the source (core/fragments.ts), if anything. */
  readonly fragments: Fragments | undefined
  /** validation-report.json as a value (built when first read: the writer streams jsonChunks() instead). */
  readonly report: ValidationReport
  readonly markdown: string
  readonly json: string
  readonly html: string
  readonly samples: string
  /** validation-report.json in chunks (reporters/json-chunks.ts; `json` joins them): what the writer streams. */
  jsonChunks(): Iterable<string | Uint8Array>
}

/**
 * `criteria` replaces the release criteria table (tests add a row; the default is buildCriteria(settings)).
 * `secrets`: every value of the model is scrubbed of them once, before anything is computed or rendered, so the
 * documents need no scan of their own (documents.ts).
 */
export function produce(
  raw: RunModel,
  generatedAt = new Date().toISOString(),
  criteria?: readonly Criterion[],
  secrets: readonly string[] = [],
  /** Made with the same `secrets` (a fragment scrubbed of others is not used). */
  fragments?: Fragments,
): Produced {
  const model = scrubModel(raw, secrets)
  const agg = aggregate(model)
  const verdict = decide(model, agg, criteria)
  const memo = new Map<string, string>()
  let report: ValidationReport | undefined
  let plan: EvidencePlan | undefined
  const evidence = (): EvidencePlan => (plan ??= evidencePlan(model))
  const once = (key: string, render: () => string): string => {
    let text = memo.get(key)
    if (text === undefined) memo.set(key, (text = render()))
    return text
  }
  return {
    model,
    scrubbedOf: [...secrets],
    generatedAt,
    aggregate: agg,
    verdict,
    fragments,
    get evidence() {
      return evidence()
    },
    get report() {
      report ??= buildReport(model, agg, verdict, generatedAt, evidence())
      return report
    },
    get markdown() {
      return once('markdown', () => renderMarkdown(model, agg, verdict, generatedAt, evidence()))
    },
    get json() {
      return once('json', () => [...this.jsonChunks()].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join(''))
    },
    get html() {
      return once('html', () =>
        renderHtml({
          model,
          agg,
          verdict,
          generatedAt,
          baseline: agg.comparison && model.baseline ? { comparison: agg.comparison, latencies: model.baseline.run.latencies } : null,
        }),
      )
    },
    get samples() {
      return once('samples', () => renderSamples(model, fragments))
    },
    *jsonChunks() {
      yield* prettyJsonChunks(reportForWriting(model, agg, verdict, generatedAt, evidence(), fragments))
      yield '\n'
    },
  }
}
