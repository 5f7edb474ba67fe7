// A small real HTTP server on loopback for the client behaviours the reference service has no knob for
// (a multi-megabyte body, a stall after the headers, a reset, a path-prefix echo). It records what it saw.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Hostile {
  url: string
  seen: Array<{ method: string; path: string; authorization: string | null; clientPort: number | undefined }>
  /** Connections closed by the client while the server was still holding the request open. */
  abandoned: number
  close(): Promise<void>
}

export async function startHostile(): Promise<Hostile> {
  const seen: Hostile['seen'] = []
  let abandoned = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? ''
    seen.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? null, clientPort: req.socket.remotePort })
    req.resume()
    const holdOpen = () =>
      res.on('close', () => {
        if (!res.writableEnded) abandoned += 1
      })
    if (path.endsWith('/big')) {
      // 10 MiB of JSON-looking text, in 64 KiB chunks.
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      let sent = 0
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => undefined)
      pump()
    } else if (path.endsWith('/hang')) {
      holdOpen() // never answers
    } else if (path.endsWith('/stall-body')) {
      holdOpen()
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"partial":')
    } else if (path.endsWith('/echo-auth')) {
      // A broken gateway that reflects the request's Authorization header in a 5xx body (and a long tail).
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`bad gateway; you sent ${req.headers.authorization ?? ''}; ${'x'.repeat(2000)}`)
    } else if (path.endsWith('/reset')) {
      req.socket.destroy()
    } else {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ path }))
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get abandoned() {
      return abandoned
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
