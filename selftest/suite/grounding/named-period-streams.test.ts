// A stream carries no searched range (docs/wire-contracts.md §1.7, §6.4), so what an answer says it covers is compared
// with the period ASKED (checks/period-asked.ts namedAgrees). A month asked without its year (« Mes dépenses en
// octobre ») could not be placed, so every month the answer claimed agreed with it: « En septembre 2026, vous avez
// dépensé 1 234,56 € … » passed on v2 and v3 streams (GO at best CONDITIONAL) while the JSON answer, its search on
// October, failed (a known false GO). Now a date without a year is placed in the other's year, and two months without
// one are told apart by the month alone. Asked over real HTTP: a loopback server answers in each wire's stream shape,
// the real client, adapters, recorder and checks judge it. A comparison's other month, a day of the period, a year that
// holds the month asked, and past-tense comparisons keep passing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AttemptRecord } from '../../../core/model.ts'
import type { Question } from '../../../core/questions.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { english, question } from '../checks/helpers.ts'
import { askScripted, type ScriptedServer, startScriptedServer } from './scripted-server.ts'

const OCTOBER = question({ message: 'Mes dépenses en octobre', expectedIntent: null })
const OCTOBER_2026 = question({ message: 'Mes dépenses en octobre 2026', expectedIntent: null })

/** v2: statuses, chunks, response_end; v3: the same with response_start and response_end's metadata. */
function streamBody(wire: 'v2' | 'v3', message: string): string {
  const chunks = message.split(/(?<= )/).map((content) => ({ type: 'response_chunk', content }))
  const end =
    wire === 'v3'
      ? { type: 'response_end', metadata: { total_results: 12, response_length: [...message].length } }
      : { type: 'response_end', conversation_id: 'stream_1_1' }
  const start = wire === 'v3' ? [{ type: 'response_start' }] : []
  return [{ type: 'status', message: 'Recherche de vos transactions...' }, ...start, ...chunks, end]
    .map((e) => `data: ${JSON.stringify(e)}\n\n`)
    .join('')
}

let server: ScriptedServer
beforeAll(async () => {
  server = await startScriptedServer()
})
afterAll(async () => {
  await server.close()
})

async function streamed(wire: 'v2' | 'v3', q: Question, message: string): Promise<AttemptRecord> {
  return askScripted(server, q, wire === 'v3' ? harenaV3Adapter : harenaV2Adapter, streamBody(wire, message), { stream: true })
}
const periodFailures = (a: AttemptRecord): string[] => english(a.failures).filter((f) => f.includes('speaks of another period'))
const another = (asked: string, said: string): string =>
  `off-topic answer: the question asks about "${asked}", the answer speaks of another period ("${said}")`

describe.each(['v3', 'v2'] as const)('%s stream: a month stated as the answer’s coverage must be the month asked', (wire) => {
  test.each([
    ['En septembre 2026, vous avez dépensé 1 234,56 € en 12 transactions.', '2026-09-01..2026-09-30'],
    ['Vous avez dépensé 1 234,56 € en 12 transactions en septembre 2026.', '2026-09-01..2026-09-30'],
    ['## Septembre 2026\n\nVous avez dépensé 1 234,56 € en 12 transactions.', '2026-09-01..2026-09-30'],
    ['En septembre, vous avez dépensé 1 234,56 € en 12 transactions.', 'septembre'],
    ['Vous avez dépensé 1 234,56 € en 12 transactions. Ces chiffres couvrent septembre.', 'septembre'],
  ])('"octobre" asked, %s → another period', async (message, said) => {
    const a = await streamed(wire, OCTOBER, message)
    expect(a.stream, message).toBeDefined()
    expect(periodFailures(a), message).toEqual([another('octobre', said)])
  })

  test('"octobre 2026" asked, "En septembre, …" (no year) → another period', async () => {
    const a = await streamed(wire, OCTOBER_2026, 'En septembre, vous avez dépensé 1 234,56 € en 12 transactions.')
    expect(periodFailures(a)).toEqual([another('octobre 2026', 'septembre')])
  })

  test('the month asked, in any year, a day of it, a comparison’s other month, an earlier tense: no period failure', async () => {
    const healthy: Array<[Question, string]> = [
      [OCTOBER, 'En octobre 2026, vous avez dépensé 1 234,56 € en 12 transactions.'],
      [OCTOBER, 'Octobre 2025 : vous avez dépensé 1 234,56 € en 12 transactions.'],
      [OCTOBER, 'Du 1er au 31 octobre 2026, vous avez dépensé 1 234,56 € en 12 transactions.'],
      [OCTOBER, 'En octobre, vous avez dépensé 1 234,56 € en 12 transactions. En septembre, c’était 1 100,00 €.'],
      [OCTOBER, 'En octobre, vous avez dépensé 1 234,56 € (1 100,00 € en septembre).'],
      [OCTOBER, 'En septembre, vous aviez dépensé 1 100,00 € ; en octobre, 1 234,56 € (12 transactions).'],
      [OCTOBER, 'Vous avez dépensé 1 234,56 € en octobre. Hier, 12,00 € chez Uber.'],
      [OCTOBER, '## Bilan 2026\n\nEn octobre, vous avez dépensé 1 234,56 € en 12 transactions.'],
      [OCTOBER_2026, 'En octobre, vous avez dépensé 1 234,56 € en 12 transactions.'],
      [
        question({ message: 'Mes dépenses d’octobre par rapport à septembre', expectedIntent: null }),
        'En septembre, vous avez dépensé 1 100,00 € et en octobre 1 234,56 €.',
      ],
      [
        question({ message: 'Mes dépenses d’octobre par rapport à septembre', expectedIntent: null }),
        '## Octobre et septembre 2026\n\nEn octobre, vous avez dépensé 1 234,56 €.',
      ],
      [
        question({ message: 'Mes dépenses d’octobre comparées au mois précédent', expectedIntent: null }),
        'En septembre, vous avez dépensé 1 100,00 € et en octobre 1 234,56 €.',
      ],
      [
        question({ message: 'Mes dépenses de décembre comparées au mois précédent', expectedIntent: null }),
        'En novembre, vous avez dépensé 1 100,00 € et en décembre 1 234,56 €.',
      ],
      [
        question({ message: 'Mes dépenses de janvier comparées au mois précédent', expectedIntent: null }),
        'En décembre 2025, vous avez dépensé 1 100,00 € et en janvier 2026, 1 234,56 €.',
      ],
    ]
    for (const [q, message] of healthy) {
      const a = await streamed(wire, q, message)
      expect(a.stream, message).toBeDefined()
      expect(periodFailures(a), `${q.message} → ${message}`).toEqual([])
    }
  })
})
