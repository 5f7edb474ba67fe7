// performance.overall_success (docs/wire-contracts.md §1.5) is the service's own verdict: false on an otherwise fine-looking
// answer (status "completed", real text) means the pipeline failed — a fallback, never a success.
import { describe, expect, test } from 'vitest'
import { parse, turnOf, v2Body } from '../adapter/bodies.ts'
import { checkAnswer, edgeQuestion, english, question } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const plain = question({ expectedIntent: 'transaction_search', expectsData: null })
const failedQuietly = () => v2Body({ performance: { overall_success: false, pipeline_stages: 5 } })

describe('overall_success false', () => {
  test('the adapter carries the flag', () => {
    expect(turnOf(failedQuietly()).overallSuccess).toBe(false)
    expect(turnOf(v2Body()).overallSuccess).toBe(true)
  })

  test('fails an otherwise successful answer, naming the flag', () => {
    expect(checkAnswer(plain, parse(v2Body()), V2_OBSERVES).ok).toBe(true)
    const out = checkAnswer(plain, parse(failedQuietly()), V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(english(out.failures)).toHaveLength(1)
    expect(english(out.failures)[0]).toMatch(
      /^expected a real answer, observed a pipeline fallback \(the service reports overall_success false, status "completed", message "Voici vos achats/,
    )
  })

  // Issue 10 reversed the old rule "an edge case may fall back gracefully": a fallback fails on every question.
  test('an edge case that falls back fails too (the flag is a fallback, like status "error")', () => {
    const body = v2Body({
      performance: { overall_success: false, pipeline_stages: 5 },
      response: { message: "Je n'ai trouvé aucune transaction pour cette date.", structured_data: [] },
      search_summary: { found_results: false, total_results: 0 },
    })
    const out = checkAnswer(edgeQuestion(), parse(body), V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, critical: null, fallback: true })
    expect(english(out.failures)[0]).toMatch(/^expected a real answer, observed a pipeline fallback \(the service reports overall_success false/)
  })
})
