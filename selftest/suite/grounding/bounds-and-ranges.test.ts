// A change's bound or range qualifies its size, never its direction, asked over real HTTP (a loopback server, the
// real client, v2/v3 adapters and checks). Review judge2: « soit une baisse de plus de 20 % » beside totals that fell
// was read as a rise ("plus") and failed; « une hausse de moins de 30 % » as a fall. The direction comes from the
// change noun or verb (tests/support/grounding/figures.ts directionIn); « une hausse de 25 à 30 % » is a range, the
// true change inside it (tests/support/grounding/fit.ts rangeFit), not 30 %.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import type { ContractAdapter } from '../../../tests/support/turn.ts'
import { v2ComparisonBody, v3ComparisonBody } from '../adapter/bodies.ts'
import { english, question } from '../checks/helpers.ts'
import { askScripted, type ScriptedServer, startScriptedServer } from './scripted-server.ts'

const COMPARE = question({ message: 'Compare mes dépenses d’octobre avec septembre', expectedIntent: null })

const v2Comparison = (message: string): string => v2ComparisonBody(COMPARE.message, message)

const v3Comparison = (message: string): string => v3ComparisonBody(COMPARE.message, message)

let server: ScriptedServer

beforeAll(async () => {
  server = await startScriptedServer()
})
afterAll(async () => {
  await server.close()
})

async function groundingFailures(body: string, adapter: ContractAdapter, userId: number): Promise<string[]> {
  const attempt = await askScripted(server, COMPARE, adapter, body, { userId })
  expect(attempt.failures.filter((f) => !f.code.startsWith('check.grounding.')).map((f) => f.code)).toEqual([])
  return english(attempt.failures.filter((f) => f.code.startsWith('check.grounding.')))
}
const v3 = (message: string) => groundingFailures(v3Comparison(message), harenaV3Adapter, 1)
const v2 = (message: string) => groundingFailures(v2Comparison(message), harenaV2Adapter, 7)

const FELL = 'Vous avez dépensé 2 514,24 € en octobre contre 3 348,06 € en septembre'
const ROSE = 'Vous avez dépensé 3 348,06 € en octobre contre 2 514,24 € en septembre'

describe('a bound after the change noun (v3, against the two totals stated)', () => {
  test('the healthy shapes pass: the noun says the direction, the bound the size', async () => {
    for (const message of [
      `${FELL}, soit une baisse de plus de 20 %.`,
      `${FELL}, soit une diminution d’au moins 20 %.`,
      `${FELL}, soit une baisse de près de 25 %.`,
      `${FELL}, soit une baisse de moins de 30 %.`,
      `${ROSE}, soit une hausse de moins de 40 %.`,
      `${ROSE}, soit une augmentation de plus de 30 %.`,
      `${ROSE}, soit une hausse d’environ 33 %.`,
      `${ROSE}, soit une hausse de jusqu’à 35 %.`,
    ])
      expect(await v3(message), message).toEqual([])
  })

  test('the wrong direction still fails, whatever the bound', async () => {
    expect(await v3(`${FELL}, soit une hausse de plus de 20 %.`)).toEqual([
      'opposite direction: the message states a rise ("20 %"), but the gap between the totals it states (2 514,24 € / 3 348,06 €) gives -24.9 %',
    ])
    expect(await v3(`${ROSE}, soit une baisse de moins de 40 %.`)).toEqual([
      'opposite direction: the message states a fall ("40 %"), but the gap between the totals it states (3 348,06 € / 2 514,24 €) gives +33.2 %',
    ])
    expect(await v3(`${FELL}, soit une augmentation d’au moins 20 %.`)).toHaveLength(1)
  })
})

describe('a bound or a range against a carried change (v2, +33,2 %)', () => {
  test('a bound keeps the noun’s direction; a range holding the change passes', async () => {
    for (const message of [
      'Vos dépenses sont en hausse de plus de 30 % par rapport à septembre.',
      'Vos dépenses sont en hausse de moins de 35 % par rapport à septembre.',
      'Vos dépenses sont en hausse de 30 à 35 % par rapport à septembre.',
      'Vos dépenses sont en hausse de 30 % à 35 % par rapport à septembre.',
      'Vos dépenses ont augmenté d’entre 30 et 35 % par rapport à septembre.',
      // The range's upper end within the rounding of its written digits.
      'Vos dépenses sont en hausse de 30 à 33 % par rapport à septembre.',
    ])
      expect(await v2(message), message).toEqual([])
  })

  test('a range the change lies outside of, or a bound in the wrong direction, fails', async () => {
    expect(await v2('Vos dépenses sont en hausse de 25 à 30 % par rapport à septembre.')).toEqual([
      'ungrounded figure: the message states 25 à 30 % as the change, but the KPI card "Total Dépenses" shows +33.2 %',
    ])
    expect(await v2('Vos dépenses sont en hausse de 35 % à 40 % par rapport à septembre.')).toHaveLength(1)
    expect(await v2('Vos dépenses sont en baisse de plus de 30 % par rapport à septembre.')).toEqual([
      'opposite direction: the message states a fall ("30 %"), but the KPI card "Total Dépenses" gives +33.2 %',
    ])
    expect(await v2('Vos dépenses sont en hausse de moins de 30 % par rapport à septembre.')).toHaveLength(1)
    // With no change word before it, the bound's own words are the only direction: "de moins" still says a fall.
    expect(await v2('Par rapport à septembre, vous dépensez de moins de 40 %.')).toEqual([
      'opposite direction: the message states a fall ("40 %"), but the KPI card "Total Dépenses" gives +33.2 %',
    ])
  })
})
