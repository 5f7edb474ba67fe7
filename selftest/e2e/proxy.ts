// A small loopback HTTP proxy for the e2e proofs: it sits in front of the real reference service and, per request,
// forwards it (possibly to another path), answers it itself (a rate limiter's page), or rewrites the upstream's
// answer (a body the service never sends). What it did is counted, so a test asserts on facts, never on timing.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'

export interface ProxiedRequest {
  method: string
  /** The path with its query, as the suite sent it. */
  path: string
  /** 0-based index among the chat requests (POST …/conversation/{id}); null for any other request. */
  chatIndex: number | null
  /** The request's body as UTF-8 text ('' when none). */
  body: string
  /** The Authorization header it carried (undefined when none). */
  authorization?: string
}

// `body` (forward, rewrite): the request body sent upstream in place of the suite's (another question asked);
// `path` (forward, rewrite): the path sent upstream in place of the suite's;
// `authorization` (forward, rewrite): the Authorization sent upstream in place of the suite's (a gateway that
// swaps the token it was given for one of its own: a service that accepts any token).
export type ProxyAction =
  | { kind: 'forward'; path?: string; body?: string; authorization?: string }
  | { kind: 'answer'; status: number; body: string; headers?: Record<string, string> }
  | {
      kind: 'rewrite'
      // `headers`: the upstream's answer headers; the headers returned replace them (absent: kept as they were).
      rewrite: (status: number, body: string, headers: IncomingHttpHeaders) => { status: number; body: string; headers?: IncomingHttpHeaders }
      body?: string
      path?: string
      authorization?: string
    }

const CHAT = /^\/api\/v[123]\/conversation\/\d+$/

/** Proxies started by one test file; all closed after its tests. */
export function fileProxies(): (
  upstream: string,
  decide: (r: ProxiedRequest) => ProxyAction,
  port?: number,
) => Promise<{ url: string; chats: () => number }> {
  const closers: Array<() => Promise<void>> = []
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()))
  })
  // `port`: a fixed loopback port (0, the default: any free one).
  return async (upstream, decide, port = 0) => {
    const up = new URL(upstream)
    let chats = 0
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const path = req.url ?? '/'
        const chat = req.method === 'POST' && CHAT.test(path.split('?')[0] ?? path)
        const action = decide({
          method: req.method ?? 'GET',
          path,
          chatIndex: chat ? chats++ : null,
          body: Buffer.concat(chunks).toString('utf8'),
          authorization: req.headers.authorization,
        })
        if (action.kind === 'answer') {
          const body = Buffer.from(action.body, 'utf8')
          res.writeHead(action.status, { ...action.headers, 'content-length': String(body.length) })
          res.end(body)
          return
        }
        const headers: IncomingHttpHeaders = { ...req.headers, host: up.host }
        delete headers['accept-encoding']
        if (action.authorization !== undefined) headers.authorization = action.authorization
        const sentBody = action.body === undefined ? Buffer.concat(chunks) : Buffer.from(action.body, 'utf8')
        headers['content-length'] = String(sentBody.length)
        delete headers['transfer-encoding']
        const target = action.path ?? path
        const out = httpRequest({ host: up.hostname, port: up.port, path: target, method: req.method, headers }, (answer) => {
          const body: Buffer[] = []
          answer.on('data', (c: Buffer) => body.push(c))
          answer.on('end', () => {
            const plain = Buffer.concat(body).toString('utf8')
            const changed: { status: number; body: string; headers?: IncomingHttpHeaders } =
              action.kind === 'rewrite'
                ? action.rewrite(answer.statusCode ?? 502, plain, { ...answer.headers })
                : { status: answer.statusCode ?? 502, body: plain }
            const sent = Buffer.from(changed.body, 'utf8')
            const h: IncomingHttpHeaders = { ...(changed.headers ?? answer.headers), 'content-length': String(sent.length) }
            delete h['transfer-encoding']
            res.writeHead(changed.status, h)
            res.end(sent)
          })
        })
        out.on('error', () => res.destroy())
        out.end(sentBody)
      })
    })
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
    closers.push(() => new Promise<void>((r) => server.close(() => r())))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, chats: () => chats }
  }
}
