// A comparison with the previous year on a stream (no searched range), asked over real HTTP (a loopback server, the
// real client, v3/v2 stream adapters and checks). Review judge2: "En octobre 2025, vous aviez dépensé 1 100,00 €, et
// en octobre 2026, 1 234,56 €." failed for « Mes dépenses en octobre 2026 par rapport à l'an dernier »: the period
// check allowed a comparison the month before only. The same period a year earlier (or in the year named) is the
// comparison's other side (tests/support/checks/period-asked.ts comparedYear); another month still fails.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { english, question } from '../checks/helpers.ts'
import { askScripted, type ScriptedServer, startScriptedServer } from './scripted-server.ts'

/** The text in SSE chunks, then response_end: a stream carries no searched range. */
function streamBody(message: string): string {
  const chunks = message.split(/(?<= )/).map((content) => ({ type: 'response_chunk', content }))
  const events = [{ type: 'status', message: 'Recherche de vos transactions...' }, ...chunks, { type: 'response_end', conversation_id: 'stream_1_1' }]
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')
}

let server: ScriptedServer

beforeAll(async () => {
  server = await startScriptedServer()
})
afterAll(async () => {
  await server.close()
})

/** The period failures of a streamed answer to `asked`. */
async function periodFailures(wire: 'v3' | 'v2', asked: string, message: string): Promise<string[]> {
  const adapter = wire === 'v3' ? harenaV3Adapter : harenaV2Adapter
  const a = await askScripted(server, question({ message: asked, expectedIntent: null }), adapter, streamBody(message), { stream: true })
  expect(a.stream, message).toBeDefined()
  return english(a.failures.filter((f) => f.code.startsWith('check.asked.')))
}

const BOTH_YEARS = 'En octobre 2025, vous aviez dépensé 1 100,00 €, et en octobre 2026, 1 234,56 €.'

describe('a stream compared with the previous year', () => {
  test.each(['v3', 'v2'] as const)('%s: the same month a year earlier is the comparison’s other side', async (wire) => {
    for (const asked of [
      "Mes dépenses en octobre 2026 par rapport à l'an dernier",
      "Mes dépenses en octobre 2026 par rapport à l'année dernière",
      "Mes dépenses en octobre 2026 comparées à l'année précédente",
      'Mes dépenses en octobre 2026 par rapport à 2025',
      'Évolution de mes dépenses en octobre 2026 sur un an',
    ])
      expect(await periodFailures(wire, asked, BOTH_YEARS), asked).toEqual([])
  })

  test.each(['v3', 'v2'] as const)('%s: another month, or another year, is still another period', async (wire) => {
    const asked = "Mes dépenses en octobre 2026 par rapport à l'an dernier"
    expect(await periodFailures(wire, asked, 'En septembre 2026, vous avez dépensé 1 234,56 €.')).toEqual([
      'off-topic answer: the question asks about "octobre 2026", the answer speaks of another period ("2026-09-01..2026-09-30")',
    ])
    // A month over month answer: another period, and another baseline than the year asked (checks/compared-period.ts).
    const monthOverMonth = await periodFailures(wire, asked, 'En septembre 2026, vous aviez dépensé 1 100,00 €, et en octobre 2026, 1 234,56 €.')
    expect(monthOverMonth).toHaveLength(2)
    expect(monthOverMonth[1]).toBe(
      'off-topic answer: the question compares with "last year", the answer compares other periods ("2026-09 / 2026-10")',
    )
    expect(await periodFailures(wire, asked, 'En octobre 2024, vous aviez dépensé 1 100,00 €, et en octobre 2026, 1 234,56 €.')).toEqual([
      'off-topic answer: the question asks about "octobre 2026", the answer speaks of another period ("2024-10-01..2024-10-31")',
    ])
    // Without the previous year asked, a year earlier is another period.
    expect(await periodFailures(wire, 'Mes dépenses en octobre 2026', BOTH_YEARS)).toHaveLength(1)
    // "il y a un an", "l'an dernier" naming the one period asked compare nothing: the year before it is another
    // period (review: « Combien ai-je dépensé en octobre 2025, il y a un an ? » passed with October 2024).
    for (const oneYearAsked of ['Combien ai-je dépensé en octobre 2025, il y a un an ?', "Mes dépenses en octobre 2025, l'an dernier"]) {
      const failures = await periodFailures(wire, oneYearAsked, 'En octobre 2024, vous avez dépensé 1 100,00 € (données de 2025).')
      expect(failures, oneYearAsked).toHaveLength(1)
      expect(failures[0], oneYearAsked).toContain('the answer speaks of another period ("2024-10-01..2024-10-31")')
    }
  })
})
