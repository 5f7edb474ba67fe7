// The words of a sharded run's merge (core/shard.ts, docs/sharding.md), French and English.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue, sayCode } from './index.ts'

const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.map(String).join(', ') : String(x ?? ''))
const bare = (text: string): string => text.replace(/\.$/, '')
const many = (x: ReasonParam | undefined): boolean => Array.isArray(x) && x.length > 1

export const SHARDING_CATALOGUE: Catalogue = {
  // A shard of a split could not use the target (core/shard.ts mergedPreflightError): `cause` its reason's code.
  'shard.preflight': {
    fr: (p) => `dans la tranche ${String(p.shard)} : ${sayCode(p.cause, p, 'fr')}`,
    en: (p) => `in shard ${String(p.shard)}: ${sayCode(p.cause, p, 'en')}`,
  },
  'verdict.shard_target_unusable': {
    fr: (p) =>
      `Cible inutilisable dans la tranche ${String(p.shard)} : ${sayCode(p.cause, p, 'fr')} — cette tranche n'a posé aucune de ses questions.`,
    en: (p) => `Target unusable in shard ${String(p.shard)}: ${sayCode(p.cause, p, 'en')} — that shard asked none of its questions.`,
  },
  'evidence.shard_target_unusable': {
    fr: (p) => `Cible inutilisable dans la tranche ${String(p.shard)} : ${bare(sayCode(p.cause, p, 'fr'))}.`,
    en: (p) => `Target unusable in shard ${String(p.shard)}: ${bare(sayCode(p.cause, p, 'en'))}.`,
  },
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
