// The whole gate on two stream defects a review reproduced (rev4): a stream that sends every chunk twice passed
// (GO on v3), and a complete stream the server keeps open after its final event was a timeout with "(no body kept)".
// A small loopback proxy sits in front of the real reference service (v2 and v3 streams, docs/wire-contracts.md
// §1.7, §6.4) and rewrites the stream route's answer; the real suite runs against it as a child process.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import type { ReferenceContract } from '../../fixtures/reference/generations/index.ts'
import { generationEnv, generationTargets, writeGenerationBank } from './generations-helpers.ts'
import { attemptsOf, cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'

afterAll(() => cleanupTemp())
const target = generationTargets()
const closers: Array<() => void> = []
afterAll(() => {
  for (const close of closers) close()
})

type Mode = 'twice' | 'held_open'

/** Each `response_chunk` frame of the upstream stream written twice, or the whole stream then the body kept open. */
function rewrite(mode: Mode, upstream: string): { body: string; end: boolean } {
  const frames = upstream.split('\n\n').filter((f) => f.trim() !== '')
  if (mode === 'held_open') return { body: `${frames.map((f) => `${f}\n\n`).join('')}: keep-alive\n\n`, end: false }
  return { body: frames.map((f) => (f.includes('"response_chunk"') ? `${f}\n\n${f}\n\n` : `${f}\n\n`)).join(''), end: true }
}

/** A proxy to `upstream` that rewrites the stream route's answers (everything else passes as it is). */
async function streamProxy(upstream: string, mode: Mode): Promise<string> {
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    const sent: Buffer[] = []
    req.on('data', (c: Buffer) => sent.push(c))
    req.on('end', () => {
      const headers = { ...req.headers, host: up.host }
      delete headers['accept-encoding']
      const out = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (answer) => {
        const body: Buffer[] = []
        answer.on('data', (c: Buffer) => body.push(c))
        answer.on('end', () => {
          const text = Buffer.concat(body).toString('utf8')
          const h = { ...answer.headers }
          delete h['content-length']
          delete h['transfer-encoding']
          res.writeHead(answer.statusCode ?? 502, h)
          if (!/\/stream$/.test(req.url ?? '') || answer.statusCode !== 200) return void res.end(text)
          const changed = rewrite(mode, text)
          if (changed.end) res.end(changed.body)
          else res.write(changed.body) // never ended: the suite's client must stop reading on its own
        })
      })
      out.on('error', () => res.destroy())
      out.end(Buffer.concat(sent))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => {
    server.closeAllConnections()
    server.close()
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function run(contract: ReferenceContract, mode: Mode) {
  const ref = await target(contract)
  const url = await streamProxy(ref.url, mode)
  const env = generationEnv(ref, contract, writeGenerationBank('q04', 'q07'), {
    HARENA_BASE_URL: url,
    VALIDATION_STREAM: 'true',
    VALIDATION_LOCALE: 'en',
    HARENA_TIMEOUT_MS: '6000',
  })
  const suite = await runSuite({ env })
  return { suite, report: readReport(suite.reportDir) }
}

describe.each(['harena-v2', 'harena-v3'] as const)('%s stream through a rewriting proxy', (contract) => {
  test('every chunk sent twice → a contract violation named as chunks sent twice on every attempt, NO-GO', async () => {
    const { suite, report } = await run(contract, 'twice')
    expect(report.decision, describeRun(suite)).toBe('NO-GO')
    const attempts = attemptsOf(report)
    expect(attempts).toHaveLength(2)
    for (const a of attempts) {
      expect(a.ok).toBe(false)
      expect(a.critical).toBe('contract')
      expect(a.failureCodes).toContain('check.contract.chunks_replayed')
      // v3 states the answer's length: the contract's own signal shows it; v2 states none: every chunk twice does.
      expect(a.failures.join(' ')).toMatch(
        contract === 'harena-v3' ? /response_end states \d+ characters \(response_length\)/ : /each of the \d+ chunks came twice in a row/,
      )
    }
  })

  test('a complete stream kept open after response_end → the answer as it closed, with a note; never a timeout', async () => {
    const { suite, report } = await run(contract, 'held_open')
    expect(report.decision, describeRun(suite)).not.toBe('NO-GO')
    const attempts = attemptsOf(report)
    expect(attempts).toHaveLength(2)
    for (const a of attempts) {
      expect(a.timedOut).toBe(false)
      expect(a.ok, JSON.stringify(a.failures)).toBe(true)
      expect(a.noteCodes).toContain('attempt.stream_held_open')
      expect(JSON.stringify(a)).not.toMatch(/timed out|stalled/)
    }
  })
})
