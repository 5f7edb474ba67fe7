// The ground truth on a v3 stream, end to end (docs/grounding.md "Ground truth"): the REAL suite (child process)
// asks through the stream route of the REAL reference behind a rewriting proxy, with a ground-truth file. A stream
// carries no total: the text's is read as the grounding reads it. "environ 2 660 €" for 2 661,93 € (its writer's
// rounding) and a September comparison after the headline ("vous y aviez dépensé 160,50 €") failed healthy answers
// (review 2026-12-05, false NO-GO); a wrong stated average beside a right total was never checked (false GO).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { groundTruthOf } from '../../fixtures/reference/ground-truth.ts'
import { cleanupTemp, describeRun, planQuestions, readReport, runSuite, tempDir } from './harness.ts'
import { generationEnv, generationTargets, writeGenerationBank } from './generations-helpers.ts'
import { fileProxies } from './proxy.ts'

const target = generationTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const euros = (x: number): string => `${x.toFixed(2).replace('.', ',')} €`

/** The SSE body with its chunks replaced by `text` (one chunk) and response_end's response_length made its length. */
function restream(body: string, text: string): string {
  let sent = false
  const frames = body.split('\n\n').flatMap((frame) => {
    const line = frame.split('\n').find((l) => l.startsWith('data: '))
    const event = line === undefined ? null : (JSON.parse(line.slice(6)) as { type?: string; metadata?: Record<string, unknown> })
    if (event?.type === 'response_chunk') {
      if (sent) return []
      sent = true
      return [`data: ${JSON.stringify({ type: 'response_chunk', content: text })}`]
    }
    if (event?.type === 'response_end' && event.metadata !== undefined && 'response_length' in event.metadata) {
      event.metadata.response_length = [...text].length
      return [`data: ${JSON.stringify(event)}`]
    }
    return [frame]
  })
  return frames.join('\n\n')
}

describe('the ground truth on a v3 stream (no carried total)', () => {
  test('a writer’s rounding and a comparison with another period pass; a wrong stated average fails, both figures quoted', async () => {
    const ref = await target('harena-v3')
    // The truth of the bank's questions only: a key the question set does not have is refused (core/ground-truth.ts).
    const asked = planQuestions().filter((q) => ['q01', 'q02', 'q07'].includes(q.id))
    const truth = groundTruthOf(ref.dataset, 1, asked) as { questions: Record<string, { total: number; count: number; average: number }> }
    const q01 = truth.questions.q01!
    const q02 = truth.questions.q02!
    const q07 = truth.questions.q07!
    const plan = new Map(planQuestions().map((q) => [q.message, q.id]))
    const answers: Record<string, string> = {
      q01: `Le mois dernier, vous avez dépensé environ ${Math.round(q01.total / 10) * 10} € sur ${q01.count} transactions.`,
      q07: `Chez Carrefour, ${q07.count} dépenses sur les 30 derniers jours : ${euros(q07.total)}. En septembre, vous y aviez dépensé ${euros(q07.total + 104.39)}.`,
      q02: `Cette semaine, ${q02.count} transactions pour un total de ${euros(q02.total)} (montant moyen : ${euros(q02.average + 6.66)}).`,
    }
    const px = await proxy(ref.url, (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/stream')) return { kind: 'forward' }
      const id = plan.get(String((JSON.parse(r.body) as { message?: unknown }).message))
      const text = id === undefined ? undefined : answers[id]
      return text === undefined ? { kind: 'forward' } : { kind: 'rewrite', rewrite: (status, body) => ({ status, body: restream(body, text) }) }
    })
    const truthPath = join(tempDir('truth'), 'truth.json')
    writeFileSync(truthPath, JSON.stringify(truth))
    const env = generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q02', 'q07'), {
      HARENA_BASE_URL: px.url,
      VALIDATION_STREAM: 'true',
      VALIDATION_GROUND_TRUTH: truthPath,
    })
    const run = await runSuite({ env })
    const report = readReport(run.reportDir)
    const failures = (id: string) => report.questions.find((q) => q.id === id)!.attempts.flatMap((a) => a.failures)
    expect(failures('q01'), describeRun(run)).toEqual([])
    expect(failures('q07'), describeRun(run)).toEqual([])
    expect(failures('q02').join('\n')).toContain(
      `ground truth: expected average ${q02.average.toFixed(2)} €, the answer shows ${(q02.average + 6.66).toFixed(2)} € (message)`,
    )
    expect(report.decision).toBe('NO-GO')
  })
})
