// Contract adapters by name (HARENA_API_CONTRACT). harena-v3 will be one more module and one more entry here;
// the Record over ContractName makes the compiler demand it as soon as config.ts accepts the name.
import type { ContractName } from '../../../core/settings.ts'
import type { ContractAdapter } from '../turn.ts'
import { harenaV2Adapter } from './harena-v2.ts'
import { harenaV2ChartsAdapter } from './harena-v2-charts.ts'
import { harenaV3Adapter } from './harena-v3.ts'

const ADAPTERS: Readonly<Record<ContractName, ContractAdapter>> = {
  'harena-v2': harenaV2Adapter,
  'harena-v2-charts': harenaV2ChartsAdapter,
  'harena-v3': harenaV3Adapter,
}

export function adapterFor(name: ContractName): ContractAdapter {
  const adapter = ADAPTERS[name]
  // config.ts validates the name; this guards callers that bypass it (plain strings from JSON).
  if (adapter === undefined) throw new Error(`unknown API contract "${String(name)}" (known: ${Object.keys(ADAPTERS).join(', ')})`)
  return adapter
}

export { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter }
export { parseServerTiming, readServerTiming, stagesFromServerTiming, stageOf } from './server-timing.ts'
