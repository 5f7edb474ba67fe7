// A loopback proxy in front of the reference service whose behaviour a test chooses per request, by the time since
// the first chat request it forwarded: forward, rewrite the answer (late, if asked, with headers of its own), drop the
// connection, or never answer. Hung requests are released when the proxy closes.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Seen {
  method: string
  path: string
  chat: boolean
  health: boolean
  /** Since the first chat request (0 before it). */
  elapsedMs: number
}

export type Action =
  | 'forward'
  | 'drop'
  | 'hang'
  /** A restart: this connection and every open one dropped, the port refusing connections for `refuseForMs`. */
  | { refuseForMs: number }
  | { delayMs?: number; status?: number; rewrite?: (body: Record<string, unknown>) => Record<string, unknown>; headers?: Record<string, string> }

export interface FaultProxy {
  url: string
  /** Requests seen per kind. */
  counts: { chat: number; health: number }
  close: () => Promise<void>
}

const CHAT = /^\/api\/v1\/conversation\/\d+$/

export async function faultProxy(upstream: string, decide: (seen: Seen) => Action): Promise<FaultProxy> {
  let firstChat: number | null = null
  const counts = { chat: 0, health: 0 }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? '/'
      const chat = req.method === 'POST' && CHAT.test(path)
      const health = path.includes('health')
      if (chat) firstChat ??= Date.now()
      if (chat) counts.chat++
      if (health) counts.health++
      const action = decide({ method: req.method ?? 'GET', path, chat, health, elapsedMs: firstChat === null ? 0 : Date.now() - firstChat })
      if (action === 'drop') return req.socket.destroy()
      if (action === 'hang') return
      if (action !== 'forward' && 'refuseForMs' in action) return restart(action.refuseForMs)
      forward(upstream, req, Buffer.concat(chunks), (upstreamStatus, text) => {
        const status = action !== 'forward' && action.status !== undefined ? action.status : upstreamStatus
        const body = action === 'forward' || action.rewrite === undefined ? text : JSON.stringify(action.rewrite(JSON.parse(text)))
        const send = (): void => {
          const extra = action === 'forward' ? {} : (action.headers ?? {})
          res.writeHead(status, { ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          res.end(body)
        }
        if (action !== 'forward' && action.delayMs) setTimeout(send, action.delayMs)
        else send()
      })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  let closed = false
  const restart = (ms: number): void => {
    server.close()
    server.closeAllConnections()
    setTimeout(() => {
      if (!closed) server.listen(port, '127.0.0.1')
    }, ms)
  }
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      closed = true
      if (!server.listening) return
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, done: (status: number, text: string) => void): void {
  const out = httpRequest(`${upstream}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (up) => {
    const parts: Buffer[] = []
    up.on('data', (c: Buffer) => parts.push(c))
    up.on('end', () => done(up.statusCode ?? 502, Buffer.concat(parts).toString('utf8')))
  })
  out.on('error', () => req.socket.destroy())
  out.end(body)
}
