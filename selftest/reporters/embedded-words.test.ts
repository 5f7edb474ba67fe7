// A run against the embedded reference service says so beside its decision (core/locale/gate.ts
// gate.reference_only), and the words are the same beside a NO-GO as beside a GO: they name what was asked, never
// that it was validated (a review read « NO-GO — service de référence embarqué validé » on an interrupted run).
import { describe, expect, test } from 'vitest'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { modelWith } from './make-model.ts'

const AT = '2026-11-24T10:00:00.000Z'
const embedded = (locale: 'fr' | 'en', latencies: number[]): RunModel => {
  const m = modelWith(latencies, {}, { locale })
  return { ...m, target: { ...m.target, embedded: true } }
}
const PHRASE = { fr: 'service de référence embarqué, pas une mise en production', en: 'embedded reference service, not a release' } as const

describe('the embedded reference service beside a decision', () => {
  for (const L of ['fr', 'en'] as const) {
    test(`${L}: GO and NO-GO carry the same phrase, and it claims no validation`, () => {
      const go = produce(embedded(L, [900, 900, 900]), AT)
      const nogo = produce(embedded(L, [9_000, 9_000, 9_000]), AT)
      expect(go.verdict.decision).toBe('GO')
      expect(nogo.verdict.decision).toBe('NO-GO')
      for (const p of [go, nogo]) {
        expect(p.report.verdictLine).toBe(`${p.verdict.decision} — ${PHRASE[L]}`)
        expect(p.report.verdictLine).not.toMatch(/valid/i)
      }
    })
  }
})
