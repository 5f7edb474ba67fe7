// The cost line counts what the security probes send (a review, 2026-12-05): it counted one request per probe, while
// other_user_turns alone reads the user's list and up to 5 turns, and a probe's 401 or 404 adds a request of the
// user's own. A default run announced 25 requests and the target received 30 (login and health aside); `-t Sécurité`
// announced 8 and the target received 14. Each probe now declares its maximum (tests/support/security/probes.ts
// maxRequests), the line sums them and says "at most". A counting loopback proxy in front of the reference service
// compares what the target received with what the line announced.
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { PROBES } from '../../tests/support/security/probes.ts'
import { cleanupTemp, describeRun, runSuite } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { REFERENCE_NOW, tokenEnv } from './target.ts'

afterAll(cleanupTemp)
const proxy = fileProxies()

// SELFTEST_LOOPBACK_PORT: fixed loopback ports (a shared machine's range: it and the next two), else any free ones.
const base = Number(process.env.SELFTEST_LOOPBACK_PORT ?? 0)
const portAt = (offset: number): number => (base === 0 ? 0 : base + offset)

const COST = /harena-validation: this run sends (?:at most )?(\d+) request\(s\): (.*), plus login\/health checks/
const NOT_COUNTED = /\/auth\/login$|\/health$/

describe('the cost line against what the target receives, security probes included', () => {
  test.each([
    ['the default run', [] as string[], 1],
    ['-t Sécurité', ['-t', 'Sécurité'], 2],
  ])(
    '%s: the requests received (login and health aside) never exceed the announced "at most", which is no gross overestimate',
    async (_, args, offset) => {
      const ref = await startReferenceServer({ port: portAt(0), now: REFERENCE_NOW })
      try {
        const received: string[] = []
        const counting = await proxy(
          ref.url,
          (r) => {
            if (!NOT_COUNTED.test(r.path.split('?')[0] ?? r.path)) received.push(`${r.method} ${r.path}`)
            return { kind: 'forward' }
          },
          portAt(offset),
        )
        const run = await runSuite({
          env: { ...tokenEnv(ref), HARENA_BASE_URL: counting.url, VALIDATION_SECURITY: 'true', VALIDATION_LOCALE: 'en' },
          extraArgs: args,
          hardTimeoutMs: 120_000,
        })
        const line = COST.exec(run.stdout)
        expect(line, describeRun(run)).not.toBeNull()
        const announced = Number(line?.[1])
        expect(received.length, `${received.join('\n')}\n${describeRun(run)}`).toBeLessThanOrEqual(announced)
        expect(run.stdout).toContain(`this run sends at most ${announced} request(s)`)
        expect(line?.[2]).toContain(`${PROBES.length} security probe(s) (at most 25 request(s))`)
        // An upper bound, not a guess from the sky: a healthy target answers no probe 401 or 404 (the requests those
        // would add are the difference), so it receives more than half of it.
        expect(announced, `announced ${announced}, received ${received.length}`).toBeLessThan(2 * received.length)
      } finally {
        await ref.close()
      }
    },
    180_000,
  )
})
