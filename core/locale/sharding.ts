// The words of a sharded run's merge (core/shard.ts, docs/sharding.md), French and English.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.map(String).join(', ') : String(x ?? ''))
const many = (x: ReasonParam | undefined): boolean => Array.isArray(x) && x.length > 1

export const SHARDING_CATALOGUE: Catalogue = {
  'evidence.missing_shards': {
    fr: (p) =>
      many(p.shards)
        ? `Les tranches ${list(p.shards)} (--shard) n'ont laissé aucun résultat (blob), ou aucun portant la trace de leur exécution (tests tous filtrés ou jamais lancés) : leurs questions n'ont pas été exécutées.`
        : `La tranche ${list(p.shards)} (--shard) n'a laissé aucun résultat (blob), ou aucun portant la trace de son exécution (tests tous filtrés ou jamais lancés) : ses questions n'ont pas été exécutées.`,
    en: (p) =>
      `Shard ${list(p.shards)} left no blob, or none with a record of its run (its tests all filtered out or never started): ${many(p.shards) ? 'their' : 'its'} questions were not executed.`,
  },
}

registerCatalogue(SHARDING_CATALOGUE)
