// A raw node:net HTTP/1.1 server for the keep-alive race (tests/support/client.ts, docs/suite-rules.md §5): it answers
// with a kept-alive 200 and NO Keep-Alive header (gunicorn/uvicorn's default), and then, by mode, does to the next
// request on the same connection what a server closing idle sockets does — deterministically, on that request's first
// byte. Every request line it reads and every connection are counted, so tests assert on facts, not on timing.
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { runEpochMs } from '../../../tests/support/run-clock.ts'

export type StaleMode =
  /** Answer the first request of a connection; close the connection on the first byte of its next request. */
  | 'close-on-reuse'
  /** The same, but write the start of a status line first (the failure comes after answer bytes). */
  | 'partial-on-reuse'
  /** Reset every connection on the first byte of its first request (a broken service, fresh connections). */
  | 'reset-always'
  /** Answer every request, with `Keep-Alive: timeout=1` (the client must not reuse beyond what the header allows). */
  | 'keep-alive-header'
  /** Answer every request, no Keep-Alive header. */
  | 'answer-all'

export interface StaleServer {
  url: string
  /** Connections accepted. */
  connections: () => number
  /** Requests answered with a 200. */
  answered: () => number
  /**
   * Requests whose connection was closed or reset on their first byte; `at`: when it was cut, on the run's time line
   * (tests/support/run-clock.ts), as the client's stamps are: a wall-clock step between the two never reads as a wrong order.
   */
  cut: () => Array<{ connection: number; at: number }>
  close: () => Promise<void>
}

/** `answerBody(path)`: the JSON a request is answered with; `cutDelayMs`: how long the server waits before it cuts. */
export async function startStaleServer(
  mode: StaleMode,
  answerBody: (path: string) => string = () => '{"ok":true}',
  cutDelayMs = 0,
): Promise<StaleServer> {
  let connections = 0
  let answered = 0
  const cut: Array<{ connection: number; at: number }> = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    const id = ++connections
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let served = 0
    let pending = Buffer.alloc(0)
    let cutting = false
    const cutNow = (): void => {
      cutting = true
      setTimeout(() => {
        cut.push({ connection: id, at: runEpochMs(performance.now()) })
        if (mode === 'reset-always') socket.resetAndDestroy()
        else if (mode === 'partial-on-reuse') socket.end('HTTP/1.1 2')
        else socket.destroy()
      }, cutDelayMs)
    }
    socket.on('data', (chunk: Buffer) => {
      if (cutting) return
      const reuse = served > 0
      if (mode === 'reset-always' || (reuse && (mode === 'close-on-reuse' || mode === 'partial-on-reuse'))) return cutNow()
      pending = Buffer.concat([pending, chunk])
      for (;;) {
        const end = pending.indexOf('\r\n\r\n')
        if (end === -1) return
        const head = pending.subarray(0, end).toString('latin1')
        const length = Number(/^content-length: *(\d+)/im.exec(head)?.[1] ?? 0)
        if (pending.length < end + 4 + length) return
        pending = pending.subarray(end + 4 + length)
        const path = head.split(' ')[1] ?? '/'
        const body = Buffer.from(answerBody(path), 'utf8')
        const keepAlive = mode === 'keep-alive-header' ? 'Keep-Alive: timeout=1\r\n' : ''
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${keepAlive}\r\n`)
        socket.write(body)
        served++
        answered++
        if (mode === 'close-on-reuse' || mode === 'partial-on-reuse') return
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    answered: () => answered,
    cut: () => [...cut],
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}
