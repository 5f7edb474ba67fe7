// The cost line counts what the security probes send (a review, 2026-12-05): it counted one request per probe, while
// other_user_turns alone reads the user's list and up to 5 turns, and a probe's 401 or 404 adds a request of the
// user's own. A default run announced 25 requests and the target received 30 (login and health aside); `-t Sécurité`
// announced 8 and the target received 14. Each probe now declares its maximum (tests/support/security/probes.ts
// maxRequests), the line sums them and says "at most". A counting loopback proxy in front of the reference service
// compares what the target received with what the line announced.
// A second review (2026-12-05): with every route answering 404 the target received 46 against "at most 42" (-t
// Sécurité: 26 against 25) — a probe answered 404 adds up to OWN_NOT_FOUND_CONFIRMATIONS requests of the user's own,
// not one. Each maxRequests is now derived from the constants the probe code uses; an all-404 target (login and
// health aside) is proven here too.
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { PROBES } from '../../tests/support/security/probes.ts'
import { cleanupTemp, describeRun, runSuite } from './harness.ts'
import { fileProxies, type ProxyAction } from './proxy.ts'
import { REFERENCE_NOW, tokenEnv } from './target.ts'

afterAll(cleanupTemp)
const proxy = fileProxies()

// SELFTEST_LOOPBACK_PORT: fixed loopback ports (a shared machine's range: it and the next four), else any free ones.
const base = Number(process.env.SELFTEST_LOOPBACK_PORT ?? 0)
const portAt = (offset: number): number => (base === 0 ? 0 : base + offset)

const COST = /harena-validation: this run sends (?:at most )?(\d+) request\(s\): (.*), plus login\/health checks/
const NOT_COUNTED = /\/auth\/login$|\/health$/

/** Every request but the login and the health checks answered 404: each probe spends its route confirmations. */
const ALL_404: ProxyAction = { kind: 'answer', status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } }

describe('the cost line against what the target receives, security probes included', () => {
  // `tight`: the run spends most of what the line announces (an all-404 target, where the
  // probes' confirmations are sent), so "at most" is no gross overestimate there: announced < 2 × received.
  test.each([
    // Not tight since the four token probes (12 of the 52 announced, 4 received by a healthy target: their extras are
    // the route's confirmations on a 404 only): 69 announced, 34 received. The all-404 default run below stays tight.
    ['the default run, healthy target', [] as string[], false, false, 1],
    ['-t Sécurité, healthy target', ['-t', 'Sécurité'], false, false, 2],
    ['the default run, every route answering 404', [] as string[], true, true, 3],
    ['-t Sécurité, every route answering 404', ['-t', 'Sécurité'], true, true, 4],
  ])(
    '%s: the requests received (login and health aside) never exceed the announced "at most"',
    async (_, args, all404, tight, offset) => {
      const ref = await startReferenceServer({ port: portAt(0), now: REFERENCE_NOW })
      try {
        const received: string[] = []
        const counting = await proxy(
          ref.url,
          (r) => {
            if (NOT_COUNTED.test(r.path.split('?')[0] ?? r.path)) return { kind: 'forward' }
            received.push(`${r.method} ${r.path}`)
            return all404 ? ALL_404 : { kind: 'forward' }
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
        const probes = PROBES.reduce((sum, p) => sum + p.maxRequests, 0)
        expect(line?.[2]).toContain(`${PROBES.length} security probe(s) (at most ${probes} request(s))`)
        // The figure the docs show (README, docs/security-probes.md "What the probes cost").
        expect(probes).toBe(52)
        if (tight) expect(announced, `announced ${announced}, received ${received.length}`).toBeLessThan(2 * received.length)
      } finally {
        await ref.close()
      }
    },
    180_000,
  )
})
