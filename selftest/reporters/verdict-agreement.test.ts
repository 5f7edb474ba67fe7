// The verdict's French sentences about a metric agree with no metric label (core/locale/verdict.ts): a label is of
// any gender and number — « couverture des visualisations », « bugs critiques », « exécution complète », or a bare
// metric name — so a state is said of a noun the sentence holds itself (« valeur indéterminée », « critère non
// applicable ») or the label stands apart. A review read « C3 : couverture des visualisations indéterminé ».
import { describe, expect, test } from 'vitest'
import '../../core/locale/verdict.ts'
import '../../core/locale/generations.ts'
import '../../core/locale/baseline.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import { metricLabel } from '../../core/locale/verdict.ts'
import { reason } from '../../core/reason.ts'
import { METRIC_NAMES } from '../../reporters/metrics.ts'
import { produce } from '../../reporters/pipeline.ts'
import { attempt, failure, modelWith, question } from './make-model.ts'

/** The sentences that name a metric and say a state of it, for `metric`, in `L`. */
function stateSentences(metric: string, L: Locale): string[] {
  const judged = { criterion: 'C9', metric, unit: 'ms', value: 4100, censored: true, n: 20, op: '<=', pass: 4000, warn: null }
  return [
    say(reason('verdict.no_value', { criterion: 'C9', metric }), L),
    say(reason('verdict.not_applicable', { criterion: 'C9', metric }), L),
    say(reason('caveat.censored_by_timeouts', { metric }), L),
    say(reason('verdict.censored', { ...judged, value: 3900 }), L),
  ]
}

/** French spaces (narrow, no-break) as plain ones. */
const spaced = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ')

describe('no French word agrees with a metric label', () => {
  test('for every metric, the label is never followed by a word that would agree with it', () => {
    for (const metric of METRIC_NAMES) {
      const label = metricLabel(metric, 'fr')
      for (const sentence of stateSentences(metric, 'fr')) {
        // Right after the label: punctuation, a figure or a comparison — never an adjective or a participle.
        expect(sentence, `${metric}: ${sentence}`).not.toMatch(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [a-zà-ÿ]`, 'i'))
        // Nor after the figure that follows it (« P95 ≥ 3 900 ms non concluant »).
        expect(sentence, `${metric}: ${sentence}`).not.toMatch(/ms non concluant/)
      }
    }
  })

  test('the states are said of a noun the sentence holds, the same words whatever the label', () => {
    for (const metric of ['viz_coverage', 'critical_bugs', 'p95_ms', 'applied_concurrency_peak']) {
      const label = metricLabel(metric, 'fr')
      expect(stateSentences(metric, 'fr').map(spaced)).toEqual([
        `C9 : ${label} — aucun échantillon, valeur indéterminée.`,
        `C9 : ${label} — critère non applicable sur ce contrat, décision au mieux CONDITIONAL.`,
        `Censure par des délais dépassés (${label}) : la vraie valeur est ≥ au chiffre affiché.`,
        `C9 : ${label} ≥ 3 900 ms ; non concluant.`,
      ])
    }
  })

  test('English has no agreement to make: the same sentences, the label kept as is', () => {
    expect(stateSentences('viz_coverage', 'en')).toEqual([
      'C9: visualization coverage undetermined, no sample.',
      'C9: visualization coverage not applicable on this contract, decision at best CONDITIONAL.',
      'visualization coverage censored by timeouts: the true value is ≥ the figure shown.',
      'C9: visualization coverage ≥ 3,900 ms; inconclusive.',
    ])
  })

  test('the review’s case: a run with no DATA_PRESENTATION answer, C3 inconclusive, its reason in French', () => {
    const m = modelWith([], {}, { iterations: 3, locale: 'fr' })
    const noData = { ok: false, dataPresentation: false, visualizations: [], failures: [failure('pas de données')] }
    m.questions = [question('q01', [attempt(noData), attempt(noData), attempt(noData)])]
    const p = produce(m, '2026-12-04T00:00:00.000Z')
    const c3 = p.verdict.criteria.find((c) => c.id === 'C3')
    expect(c3).toMatchObject({ status: 'inconclusive', outcome: 'no_value' })
    expect(spaced(p.markdown)).toContain('C3 : couverture des visualisations — aucun échantillon, valeur indéterminée.')
    expect(p.markdown).not.toMatch(/visualisations indétermin/)
  })
})
