// The cross-worker limiter (spec §2 VALIDATION_CONCURRENCY): at most N requests in flight to the target,
// across every spec file and worker. Vitest's maxConcurrency is per worker, so the cap needs one owner:
// a tiny semaphore HTTP server on 127.0.0.1, started by globalSetup in the main process.
//
// Protocol (one route): `GET /permit` is answered with headers and the line "granted\n" once a permit is
// free, and the response then stays OPEN — the open response IS the permit. The holder releases it by
// closing its connection. Tying the permit to a socket means that a worker which crashes, is killed (Ctrl-C)
// or gives up while holding or waiting for a permit returns it automatically: no permit can leak.
// Waiters are served first come, first served.
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LimiterServer {
  /** http://127.0.0.1:<port> */
  url: string
  permits: number
  /** Permits held now, waiters, and the highest number of permits ever held at once. */
  stats(): { held: number; waiting: number; peakHeld: number; granted: number }
  close(): Promise<void>
}

const GRANTED = 'granted\n'

export async function startLimiter(permits: number): Promise<LimiterServer> {
  if (!Number.isInteger(permits) || permits < 1) throw new Error(`limiter: permits must be a whole number ≥ 1, got ${permits}`)
  const holders = new Set<ServerResponse>()
  const queue: ServerResponse[] = []
  let peakHeld = 0
  let granted = 0

  const grant = (res: ServerResponse): void => {
    holders.add(res)
    granted += 1
    peakHeld = Math.max(peakHeld, holders.size)
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
    res.write(GRANTED)
  }
  const pump = (): void => {
    while (holders.size < permits && queue.length > 0) grant(queue.shift()!)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' || req.url !== '/permit') {
      res.writeHead(404).end()
      return
    }
    // 'close' fires when the holder (or a waiter) goes away, whatever the reason.
    res.on('close', () => {
      if (holders.delete(res)) pump()
      else {
        const i = queue.indexOf(res)
        if (i !== -1) queue.splice(i, 1)
      }
    })
    queue.push(res)
    pump()
  })
  // A permit may be held for as long as a request to the target takes (minutes): no server-side timeouts.
  server.requestTimeout = 0
  server.headersTimeout = 0
  server.timeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    permits,
    stats: () => ({ held: holders.size, waiting: queue.length, peakHeld, granted }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A held permit; release() is idempotent. */
export interface Permit {
  release(): void
}

/**
 * Waits for a permit from the limiter at `url`. Uses node:http with a fresh connection per permit (no agent
 * pooling) so that closing it releases the permit and never touches the target's connection pool.
 * `signal` abandons the wait (the limiter then drops the waiter).
 */
export function acquirePermit(url: string, signal?: AbortSignal): Promise<Permit> {
  return new Promise<Permit>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('permit wait aborted'))
      return
    }
    let settled = false
    const req = httpRequest(`${url}/permit`, { method: 'GET', agent: false })
    const release = (): void => {
      req.destroy()
    }
    const fail = (error: Error): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      req.destroy()
      reject(error)
    }
    const onAbort = (): void => fail(signal?.reason instanceof Error ? signal.reason : new Error('permit wait aborted'))
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('error', (error) => fail(new Error(`limiter at ${url} unavailable (${(error as NodeJS.ErrnoException).code ?? error.message})`)))
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        fail(new Error(`limiter at ${url} answered HTTP ${res.statusCode}`))
        return
      }
      res.setEncoding('utf8')
      let text = ''
      res.on('data', (chunk: string) => {
        text += chunk
        if (!settled && text.includes('\n')) {
          settled = true
          signal?.removeEventListener('abort', onAbort)
          resolve({ release })
        }
      })
      res.on('error', () => undefined) // destroying the request on release surfaces here; nothing to do
      res.on('close', () => fail(new Error(`limiter at ${url} closed the permit before granting it`)))
    })
    req.end()
  })
}

/** Runs fn while holding a permit; the permit is released whatever happens. */
export async function withPermit<T>(url: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const permit = await acquirePermit(url, signal)
  try {
    return await fn()
  } finally {
    permit.release()
  }
}
