// The health route's reading of a 503 (release/probe.ts): a refusal that names a limiter — a 429, nginx's own page,
// a body saying "too many requests" — is not the service failing its check; a 503 with only a Retry-After (a load
// balancer's maintenance page, or a bare 503 whose short Retry-After a limiter could have sent) is a failed health
// check, so it counts toward the health streak (review finding "outage-503"). A real HTTP server on loopback.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadSettings } from '../../core/settings.ts'
import { checkHealthOnce } from '../../release/probe.ts'
import { ROOT } from './harness.ts'

const NGINX_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
const ELB_503 =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>'

/** What the health route answers, by the path the test asks. */
const ANSWERS: Record<string, { status: number; headers: Record<string, string>; body: string }> = {
  '/elb-maintenance': { status: 503, headers: { 'content-type': 'text/html', 'retry-after': '3600', server: 'awselb/2.0' }, body: ELB_503 },
  '/bare-short': { status: 503, headers: { 'retry-after': '2' }, body: '' },
  '/nginx-page': { status: 503, headers: { 'content-type': 'text/html', server: 'nginx/1.25.3' }, body: NGINX_503 },
  '/too-many': { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '1' }, body: 'Too Many Requests' },
  '/429': { status: 429, headers: { 'retry-after': '3600' }, body: '' },
  '/maintenance-until': {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': 'Wed, 21 Oct 2037 07:28:00 GMT' },
    body: '{"detail":"maintenance"}',
  },
  '/bare-503': { status: 503, headers: {}, body: '' },
}

let server: Server
let baseUrl = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    const a = ANSWERS[req.url ?? ''] ?? { status: 404, headers: {}, body: '' }
    res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) })
    res.end(a.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const check = async (path: string) => {
  const probe = await checkHealthOnce(loadSettings({ HARENA_BASE_URL: baseUrl, HARENA_AUTH: 'none' }, ROOT), path)
  if (probe === null) throw new Error('no base URL')
  return probe
}

describe('a 503 on the health route', () => {
  test.each(['/elb-maintenance', '/bare-short'])('%s: only a Retry-After, no limiter named → a failed health check', async (path) => {
    const probe = await check(path)
    expect(probe).toMatchObject({ ok: false, rateLimited: false, httpStatus: 503, problem: 'HTTP 503' })
  })

  test.each(['/nginx-page', '/too-many', '/429'])('%s: a limiter named → rate limited, not a failed check', async (path) => {
    const probe = await check(path)
    expect(probe).toMatchObject({ ok: false, rateLimited: true, unavailable: null })
  })

  // The service declaring itself unavailable, and until when (docs/release.md "A service that declares itself
  // unavailable"): a delay counted from the answer, an HTTP-date as written. A 503 without a Retry-After says no end.
  test('a Retry-After on a 503 no limiter sent: the service declared itself unavailable until then', async () => {
    const before = Date.now()
    const elb = await check('/elb-maintenance')
    expect(elb.unavailable?.retryAfter).toBe('3600')
    const until = Date.parse(elb.unavailable?.until ?? '')
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000)
    expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000)
    expect((await check('/maintenance-until')).unavailable).toEqual({
      until: '2037-10-21T07:28:00.000Z',
      retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT',
    })
    expect((await check('/bare-503')).unavailable).toBeNull()
  })
})
