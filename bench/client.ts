// Bench: what the suite's client adds to a measured latency. Against the reference service in this process,
// it alternates (interleaved, same run, one kept-alive connection each) a request through HarenaClient and
// the same request with raw undici timed the plainest way (performance.now() around request + body read),
// then prints the medians and the overhead (target ≤ 0.5 ms median). Figures only, no assertion.
// Run: `npx tsx bench/client.ts` (or `npm run bench`).
import { say } from '../core/locale/index.ts'
import { pathToFileURL } from 'node:url'
import { Pool } from 'undici'
import { startReferenceServer } from '../fixtures/reference/server.ts'
import { HarenaClient, joinUrl } from '../tests/support/client.ts'
import { login, EMBEDDED_DEMO } from '../tests/support/target.ts'
import { startLimiter } from '../tests/support/limiter.ts'
import { median, ms } from './support.ts'
import { harenaV2Adapter } from '../tests/support/adapters/harena-v2.ts'

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const WARMUP = 200

const fmt = (v: number): string => ms(v, 3)

interface Case {
  label: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

async function compare(baseUrl: string, c: Case, limiterUrl: string | null): Promise<void> {
  const client = new HarenaClient({ baseUrl, timeoutMs: 10_000, limiterUrl, connections: 1 })
  const { origin, path } = joinUrl(baseUrl, c.path)
  const raw = new Pool(origin, { connections: 1, pipelining: 1 })
  const viaClient: number[] = []
  const viaClientWall: number[] = []
  const viaRaw: number[] = []
  const rawOnce = async (): Promise<number> => {
    const t0 = performance.now()
    const res = await raw.request({ path, method: c.method, headers: c.headers, body: c.body ?? null })
    await res.body.text()
    return performance.now() - t0
  }
  const clientOnce = async (): Promise<[number, number]> => {
    const t0 = performance.now()
    const out = await client.request({ method: c.method, path: c.path, headers: c.headers, ...(c.body === undefined ? {} : { body: c.body }) })
    const wall = performance.now() - t0
    if (out.kind !== 'response' || out.exchange.httpStatus >= 400) throw new Error(`bench request failed: ${out.kind}`)
    return [out.timing.totalMs, wall]
  }
  for (let i = 0; i < WARMUP; i++) {
    await rawOnce()
    await clientOnce()
  }
  for (let i = 0; i < SAMPLES; i++) {
    // Alternate which goes first so neither side always follows the other.
    if (i % 2 === 0) {
      viaRaw.push(await rawOnce())
      const [m, w] = await clientOnce()
      viaClient.push(m)
      viaClientWall.push(w)
    } else {
      const [m, w] = await clientOnce()
      viaClient.push(m)
      viaClientWall.push(w)
      viaRaw.push(await rawOnce())
    }
  }
  await Promise.all([client.close(), raw.close()])
  const mRaw = median(viaRaw)
  const mClient = median(viaClient)
  const mWall = median(viaClientWall)
  const line = (name: string, v: string) => process.stdout.write(`  ${name.padEnd(44)} ${v}\n`)
  process.stdout.write(`${c.label}${limiterUrl === null ? '' : ' (with the cross-worker limiter)'} — ${SAMPLES} interleaved samples each\n`)
  line('raw undici, median', fmt(mRaw))
  line('HarenaClient measured latency, median', fmt(mClient))
  line('overhead in the measured latency (median Δ)', `${fmt(mClient - mRaw)}  (target ≤ 0.5 ms)`)
  line('HarenaClient wall time incl. permit, median', fmt(mWall))
}

export async function main(): Promise<void> {
  const ref = await startReferenceServer({ port: 0 })
  const limiter = await startLimiter(1)
  try {
    const auth = await login(ref.url, EMBEDDED_DEMO.username, EMBEDDED_DEMO.password, 10_000, harenaV2Adapter)
    if (auth.kind !== 'ok') throw new Error(say(auth.reason, 'en'))
    await compare(ref.url, { label: 'GET /health', method: 'GET', path: 'health', headers: {} }, null)
    const chat: Case = {
      label: 'POST /api/v1/conversation/1 « Mes dépenses chez Carrefour »',
      method: 'POST',
      path: 'api/v1/conversation/1',
      headers: { 'content-type': 'application/json', authorization: auth.authorization },
      body: JSON.stringify({
        message: 'Mes dépenses chez Carrefour',
        message_type: 'text',
        priority: 'normal',
        client_info: { platform: 'api', version: '1.0.0' },
      }),
    }
    await compare(ref.url, chat, null)
    await compare(ref.url, { label: 'GET /health', method: 'GET', path: 'health', headers: {} }, limiter.url)
  } finally {
    await Promise.all([ref.close(), limiter.close()])
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
