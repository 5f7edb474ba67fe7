// user_id (docs/wire-contracts.md §1.5: the path id): an answer for another user than the one asked for is a contract
// violation (critical), checked in the adapter and plumbed from askQuestion → recordAttempt → parse. The
// plumbing is exercised over a real loopback HTTP server that answers for the wrong user.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { askQuestion } from '../../../tests/support/ask.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { checkAnswer, english, question } from '../checks/helpers.ts'
import { exchange, v2Body } from './bodies.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const plain = question({ expectedIntent: 'transaction_search', expectsData: null })

describe('user_id against the user asked for', () => {
  test('a mismatch is a contract violation naming both ids', () => {
    const result = harenaV2Adapter.parse({ ...exchange(v2Body({ user_id: 2 })), requestedUserId: 1 })
    expect(result).toMatchObject({ kind: 'contract_violation', httpStatus: 200, issues: ['user_id: answer for user_id 2, asked for user 1'] })
    const out = checkAnswer(plain, result, V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, critical: 'contract' })
    expect(english(out.failures)).toEqual([
      'expected a body that satisfies the contract schema, observed 1 violation: user_id: answer for user_id 2, asked for user 1',
    ])
  })

  test('a match is a turn; no requested id → not checked', () => {
    expect(harenaV2Adapter.parse({ ...exchange(v2Body({ user_id: 7 })), requestedUserId: 7 }).kind).toBe('turn')
    expect(harenaV2Adapter.parse(exchange(v2Body({ user_id: 2 }))).kind).toBe('turn')
  })

  describe('askQuestion passes the asked user id down', () => {
    let server: Server
    let baseUrl: string
    beforeAll(async () => {
      // Answers every chat as user 2, whatever the path says (a cross-user leak).
      server = createServer((req, res) => {
        let sent = ''
        req.on('data', (c: Buffer) => {
          sent += c.toString('utf8')
        })
        req.on('end', () => {
          // It echoes the question it was asked, as the service does (tests/support/checks/echo.ts).
          const { message } = JSON.parse(sent) as { message: string }
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(v2Body({ user_id: 2, message })))
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    test('asked for user 1, answered for user 2 → critical contract attempt; asked for 2 → ok', async () => {
      const client = new HarenaClient({ baseUrl, timeoutMs: 5000 })
      try {
        const common = { client, adapter: harenaV2Adapter, check: checkAttempt, authorization: null, iterations: 1, warmup: 0, secrets: [] }
        const wrong = await askQuestion(plain, { ...common, userId: 1 })
        expect(wrong.attempts).toHaveLength(1)
        expect(wrong.attempts[0]).toMatchObject({ ok: false, critical: 'contract', httpStatus: 200 })
        expect(english(wrong.attempts[0]!.failures)[0]).toContain('answer for user_id 2, asked for user 1')
        const right = await askQuestion(plain, { ...common, userId: 2 })
        expect(right.attempts[0]).toMatchObject({ ok: true, critical: null })
      } finally {
        await client.close()
      }
    })
  })
})
