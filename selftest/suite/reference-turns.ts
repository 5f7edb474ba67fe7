// The reference service's answer to one question, read by the real adapter of a generation (harena-v2 or harena-v3),
// in process from the real domain and envelope code (fixtures/reference/), as reference-answers.ts builds them: the
// healthy side of a rule, and the material of a swap (another question's answer given for this one).
import { answerEnvelope } from '../../fixtures/reference/envelope.ts'
import { generate, generateDataset, loadProfile, search, understand } from '../../fixtures/reference/domain/index.ts'
import { v3AnswerBody } from '../../fixtures/reference/generations/envelopes.ts'
import { harenaV2Adapter } from '../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../tests/support/adapters/harena-v3.ts'
import type { NormalizedTurn } from '../../tests/support/turn.ts'
import { exchange } from './adapter/bodies.ts'

const NOW = new Date('2026-11-24T12:00:00Z')
let dataset: ReturnType<typeof generateDataset> | null = null

/** The reference's answer to `asked` on `wire`, its echo set to `echo` (the question it is judged against). */
export function referenceTurn(asked: string, wire: 'v2' | 'v3', echo = asked): NormalizedTurn {
  dataset ??= generateDataset({ now: NOW })
  const u = understand(asked, NOW)
  const s = search(dataset, 1, u, NOW)
  const answer = generate(u, s, loadProfile(dataset, 1), NOW)
  const body =
    wire === 'v2'
      ? answerEnvelope(
          { userId: 1, message: echo, timestamp: NOW.toISOString(), requestId: 'r', processingMs: 1, conversationId: null },
          u,
          s,
          answer,
        )
      : v3AnswerBody({ userId: 1, message: echo, pipelineMs: 1, conversationId: null }, u, s, answer.message)
  const result = (wire === 'v2' ? harenaV2Adapter : harenaV3Adapter).parse(exchange(body))
  if (result.kind !== 'turn') throw new Error(`${asked}: ${result.kind}`)
  return result.turn
}
