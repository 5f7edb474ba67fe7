// One rule for what a health route's `status` word says (tests/support/health.ts), read by the gate's findings
// and the release monitor (release/probe.ts): up, down, or a word in neither list.
import { describe, expect, test } from 'vitest'
import { healthState, jsonObjectOf } from '../../../tests/support/health.ts'

describe('healthState', () => {
  test('up and down words, whatever their case', () => {
    for (const word of ['healthy', 'OK', 'Up', 'ready']) expect(healthState(word, 'harena-v2'), word).toBe('up')
    for (const word of ['error', 'UNHEALTHY', 'not_ready', 'Down', 'failed']) expect(healthState(word, 'harena-v2'), word).toBe('down')
  })

  test("v3's `initializing` and `degraded` mean up there; elsewhere `degraded` is down, `initializing` unknown", () => {
    expect(healthState('degraded', 'harena-v3')).toBe('up')
    expect(healthState('initializing', 'harena-v3')).toBe('up')
    // v2 has no such normal state: a v2 saying "degraded" is not healthy (verify fails, the monitor counts it).
    for (const contract of ['harena-v2', 'harena-v2-charts']) {
      expect(healthState('Degraded', contract), contract).toBe('down')
      expect(healthState('initializing', contract), contract).toBe('unknown')
    }
    expect(healthState('maintenance', 'harena-v2')).toBe('unknown')
  })
})

describe('jsonObjectOf', () => {
  test('a JSON object only', () => {
    expect(jsonObjectOf('{"status":"ok"}')).toEqual({ status: 'ok' })
    expect(jsonObjectOf('[1]')).toBeNull()
    expect(jsonObjectOf('null')).toBeNull()
    expect(jsonObjectOf('<html>')).toBeNull()
  })
})
