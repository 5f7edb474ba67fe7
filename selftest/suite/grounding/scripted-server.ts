// A loopback server that answers each request with the body its `x-script` header names, and the adapter that sends
// that header: the grounding and period tests ask their questions over real HTTP through the real client and adapters,
// one scripted answer per attempt (buffered JSON or a stream's text/plain).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AttemptRecord } from '../../../core/model.ts'
import type { Question } from '../../../core/questions.ts'
import { askQuestion } from '../../../tests/support/ask.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import type { CheckFn } from '../../../tests/support/record.ts'
import type { ContractAdapter } from '../../../tests/support/turn.ts'

export interface ScriptedServer {
  url: string
  /** Registers an answer and returns the script name to send it under (scripted()). */
  script(body: string, contentType?: string): string
  close(): Promise<void>
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const bodies = new Map<string, { body: string; type: string }>()
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const found = bodies.get(String(req.headers['x-script']))
      res.writeHead(found === undefined ? 404 : 200, { 'content-type': found?.type ?? 'application/json' })
      res.end(found?.body ?? '{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  let scripts = 0
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script: (body, contentType = 'application/json') => {
      const name = `s${++scripts}`
      bodies.set(name, { body, type: contentType })
      return name
    },
    close: () => new Promise((r) => server.close(() => r())),
  }
}

/** The adapter with every request carrying the script's name (buffered and stream routes alike). */
export function scripted(adapter: ContractAdapter, script: string): ContractAdapter {
  const tag = <T extends { headers?: Record<string, string> }>(r: T): T => ({ ...r, headers: { ...r.headers, 'x-script': script } })
  const stream = adapter.stream
  return {
    ...adapter,
    chatRequest: (input) => tag(adapter.chatRequest(input)),
    ...(stream === undefined ? {} : { stream: { ...stream, request: (input: Parameters<typeof stream.request>[0]) => tag(stream.request(input)) } }),
  }
}

export interface AskOptions {
  /** Read as a stream (the body is then a text/plain stream). */
  stream?: boolean
  /** The judge: the suite's own by default. */
  check?: CheckFn
  userId?: number
}

/** `q` asked once over HTTP through `adapter`, answered with `body`: the attempt as the suite records it. */
export async function askScripted(
  server: ScriptedServer,
  q: Question,
  adapter: ContractAdapter,
  body: string,
  { stream = false, check = checkAttempt, userId = 1 }: AskOptions = {},
): Promise<AttemptRecord> {
  const script = server.script(body, stream ? 'text/plain; charset=utf-8' : 'application/json')
  const client = new HarenaClient({ baseUrl: server.url, timeoutMs: 5000 })
  try {
    const record = await askQuestion(q, {
      client,
      adapter: scripted(adapter, script),
      check,
      userId,
      authorization: 'Bearer scripted-secret',
      iterations: 1,
      secrets: ['Bearer scripted-secret', 'scripted-secret'],
      stream,
    })
    return record.attempts[0] as AttemptRecord
  } finally {
    await client.close()
  }
}
