// harena-v2-charts: main v3.2.9 … v4.x (docs/wire-contracts.md §2.2). The v2 envelope and routes, and `response.visualizations[]`
// is REQUIRED: main's `{type:"chart", chart_type, title, config:{type, data:{labels, datasets}, options}}` objects,
// built from the data (no KPI cards, no intent subtype). A body without the array is a contract violation naming
// the field; charts are normalized by visualizations.ts (a malformed chart is a violation too).
import { z } from 'zod'
import type { Observes } from '../../../core/observes.ts'
import type { AdapterResult, ContractAdapter, RawExchange } from '../turn.ts'
import { chatRequestV2, loginRequestV2, parseV2, pathsV2, streamAdapterV2, V2_INSIGHT_LIMIT, V2_REFUSALS } from './harena-v2.ts'
import { bodyHead, issueLines } from './wire.ts'

const ChartsPart = z.looseObject({
  response: z.looseObject({ visualizations: z.array(z.unknown()) }),
})

export function parseV2Charts(exchange: RawExchange): AdapterResult {
  const result = parseV2(exchange)
  if (result.kind !== 'turn') return result
  // parseV2 accepted the envelope; v3.2.9 must also carry the array (a pipeline failure carries it empty).
  const parsed = ChartsPart.safeParse(JSON.parse(exchange.bodyText))
  if (!parsed.success) {
    return { kind: 'contract_violation', httpStatus: exchange.httpStatus, issues: issueLines(parsed.error), bodyHead: bodyHead(exchange.bodyText) }
  }
  return result
}

/** Charts and insights are on the wire; KPI cards never were on main (docs/wire-contracts.md §0); no subtype, no stages. */
const observes: Observes = {
  subtype: 'absent',
  visualizations: 'carried',
  stages: 'absent',
  insights: 'carried',
  responseType: 'absent',
  intent: 'carried',
  kpiCards: 'absent',
}

export const harenaV2ChartsAdapter: ContractAdapter = {
  name: 'harena-v2-charts',
  refusals: V2_REFUSALS,
  insightLimit: V2_INSIGHT_LIMIT,
  paths: pathsV2,
  observes,
  chatRequest: chatRequestV2,
  loginRequest: loginRequestV2,
  parse: parseV2Charts,
  stream: streamAdapterV2(parseV2Charts),
  // main's response_generator: a line "Evolution des transactions" whenever the group is transaction_search with more
  // than 2 results (docs/wire-contracts.md §2.2); pie and bar depend on categories and merchants the wire does not carry.
  chartRule: { chart: 'line', group: 'transaction_search', aboveResults: 2 },
}
