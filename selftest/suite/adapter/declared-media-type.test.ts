// The chat routes answer JSON (FastAPI's JSONResponse, docs/wire-contracts.md §1.5, §6.3): on every generation, a
// JSON body declared as something else is a contract violation naming the declared type, a JSON type with parameters
// or a +json suffix is JSON, and no Content-Type at all is read as the body says (RFC 9110 §8.3). The end-to-end side
// (raw TCP, the recorder) is selftest/suite/runtime/wire-judgement.test.ts.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import { notJsonMediaType } from '../../../tests/support/adapters/wire.ts'
import type { ContractAdapter, RawExchange } from '../../../tests/support/turn.ts'
import { V2_422_BODY, v2Body } from './bodies.ts'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../fixtures/wire/${name}`, import.meta.url), 'utf8'))
const GENERATIONS: Array<[string, ContractAdapter, unknown]> = [
  ['harena-v2', harenaV2Adapter, v2Body()],
  ['harena-v2-charts', harenaV2ChartsAdapter, fixture('harena-v2-charts-search.json')],
  ['harena-v3', harenaV3Adapter, fixture('harena-v3-search.json')],
]
const raw = (body: unknown, headers: RawExchange['headers'], httpStatus = 200): RawExchange => ({
  httpStatus,
  headers,
  bodyText: JSON.stringify(body),
})

describe.each(GENERATIONS)('%s: the declared media type of the chat answer', (_name, adapter, body) => {
  test.each([
    ['text/html; charset=utf-8', 'is not a JSON media type'],
    ['text/plain', 'is not a JSON media type'],
    ['text/json', 'is not a JSON media type'],
    ['application/json, text/html', 'declares more than one media type'],
  ])('a JSON body declared %s is a contract violation naming the type', (contentType, why) => {
    expect(adapter.parse(raw(body, { 'Content-Type': contentType }))).toMatchObject({
      kind: 'contract_violation',
      httpStatus: 200,
      issues: [`(http): Content-Type "${contentType}" ${why} (the chat route answers application/json)`],
    })
  })

  test('a header sent twice with two types is ambiguous too', () => {
    expect(adapter.parse(raw(body, { 'content-type': ['application/json', 'text/html'] }))).toMatchObject({ kind: 'contract_violation' })
  })

  test.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON ; charset="utf-8"', 'application/vnd.harena+json'])(
    '%s is JSON: the answer is read',
    (contentType) => {
      expect(adapter.parse(raw(body, { 'content-type': contentType })).kind).toBe('turn')
    },
  )

  test('no Content-Type at all: the body is read as what it is', () => {
    expect(adapter.parse(raw(body, {})).kind).toBe('turn')
  })

  test("a refusal is FastAPI's JSON too: application/problem+json is read, text/html is not what the contract sends", () => {
    expect(adapter.parse(raw(V2_422_BODY, { 'content-type': 'application/problem+json' }, 422)).kind).toBe('client_error')
    expect(adapter.parse(raw(V2_422_BODY, { 'content-type': 'text/html' }, 422))).toMatchObject({ kind: 'contract_violation', httpStatus: 422 })
  })

  test('a 5xx stays a server error whatever it declares (a gateway page is HTML)', () => {
    expect(adapter.parse({ httpStatus: 502, headers: { 'content-type': 'text/html' }, bodyText: '<html>Bad Gateway</html>' }).kind).toBe(
      'server_error',
    )
  })
})

test('notJsonMediaType: only JSON and +json types pass; an empty header is no declaration', () => {
  expect(notJsonMediaType({ 'content-type': 'application/ld+json; profile="x"' })).toBeNull()
  expect(notJsonMediaType({ 'content-type': '  ' })).toBeNull()
  expect(notJsonMediaType({ 'content-type': 'application/jsonp' })).toMatch(/is not a JSON media type/)
  expect(notJsonMediaType({ 'content-type': 'application/x-json-stream' })).toMatch(/is not a JSON media type/)
})

// A review (2026-12-05): the same JSON type sent twice, and a comma inside a quoted parameter, were read as two types.
test('notJsonMediaType: one JSON type sent twice, or with a quoted comma in a parameter, is JSON; two types are not', () => {
  expect(notJsonMediaType({ 'content-type': ['application/json', 'application/json'] })).toBeNull()
  expect(notJsonMediaType({ 'content-type': 'application/json, application/json' })).toBeNull()
  expect(notJsonMediaType({ 'content-type': 'application/json; profile="a,b"' })).toBeNull()
  expect(notJsonMediaType({ 'content-type': 'application/json; profile="a\\",b"' })).toBeNull()
  expect(notJsonMediaType({ 'content-type': ['application/json', 'text/html'] })).toMatch(/declares more than one media type/)
  expect(notJsonMediaType({ 'content-type': 'application/json; profile="a,b", text/html' })).toMatch(/declares more than one media type/)
})
