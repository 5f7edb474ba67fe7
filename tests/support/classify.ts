// The one rule for what is a critical bug (docs/suite-rules.md §4, docs/reasons.md): a 5xx, a transport failure, a body that is
// not JSON, a body that breaks the contract (an oversized body included). A timeout is a failure, not a critical
// bug (its latency is censored at the timeout); a 4xx and a 2xx are judged by the checks, never critical.
import type { CriticalKind } from '../../core/model.ts'
import type { AdapterResult } from './turn.ts'

/** What the classifier looks at: how the exchange ended, or what the adapter made of a whole answer. */
export type Classified =
  | { kind: 'timeout' }
  | { kind: 'transport' }
  /** The body exceeded the client's cap: reading stopped. */
  | { kind: 'truncated'; httpStatus: number }
  | AdapterResult

export function classify(x: Classified): CriticalKind | null {
  switch (x.kind) {
    case 'timeout':
      return null
    case 'transport':
      return 'transport'
    case 'truncated':
      return x.httpStatus >= 500 ? 'http_5xx' : 'contract'
    case 'server_error':
      return 'http_5xx'
    case 'invalid_json':
      return 'invalid_json'
    case 'contract_violation':
      return 'contract'
    case 'client_error':
    case 'turn':
      return null
  }
}
