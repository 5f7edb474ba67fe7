// The owner of the run's credentials (tests/support/auth-broker.ts), over its real loopback protocol, with the real
// login route of the reference service, the real limiter and a real attempt journal: refusals of one token that
// arrive together share ONE re-login; a refusal of the new token, a bare token or a failed login stop the run
// (the limiter grants nothing more); a token that never worked is judged, not renewed.
import { afterAll, describe, expect, test, vi } from 'vitest'
import { appendJournal, createJournal, removeJournal } from '../../../core/journal.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { askBroker, AuthSession, startAuthBroker, type Relogin } from '../../../tests/support/auth-broker.ts'
import { acquirePermit, startLimiter } from '../../../tests/support/limiter.ts'
import { login } from '../../../tests/support/target.ts'
import { attempt } from '../../reporters/make-model.ts'
import { type Locale, say } from '../../../core/locale/index.ts'
import { reason } from '../../../core/reason.ts'
import { DEMO, startTarget } from '../../e2e/target.ts'

const closers: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of closers) await c()
})

/** Why the limiter stopped, as the run's log line says it (a reason: core/locale/auth.ts). */
function stoppedLine(limiter: { stopped(): Parameters<typeof say>[0] | null }, locale: Locale = 'en'): string | null {
  const why = limiter.stopped()
  return why === null ? null : say(why, locale)
}

async function setUp(options: { relogin: 'reference' | 'none' | 'wrong password'; worked: boolean }) {
  const ref = await startTarget()
  closers.push(() => ref.close())
  const limiter = await startLimiter(1)
  closers.push(() => limiter.close())
  const journalPath = createJournal()
  closers.push(() => removeJournal(journalPath))
  if (options.worked) appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ ok: true, httpStatus: 200, warmup: true }) })
  const password = options.relogin === 'wrong password' ? 'nope' : DEMO.user1.password
  const relogin: Relogin | null =
    options.relogin === 'none'
      ? null
      : async () => {
          const r = await login(ref.url, DEMO.user1.username, password, 5000, harenaV2Adapter)
          return r.kind === 'ok' ? { ok: true, authorization: r.authorization } : { ok: false, reason: say(r.reason, 'en') }
        }
  const changes: unknown[] = []
  const lines: string[] = []
  const broker = await startAuthBroker({
    authorization: 'Bearer first-token',
    secrets: [],
    relogin,
    journalPath,
    halt: limiter.halt,
    onChange: (auth) => changes.push(structuredClone(auth)),
    say: (line) => lines.push(say(line, 'en')),
  })
  closers.push(() => broker.close())
  const logins = () => ref.stats().requests.filter((r) => r.path === '/api/v1/users/auth/login').length
  return { broker, limiter, changes, lines, logins, journalPath }
}

const where = (n: number) => ({ questionId: `q0${n}`, attempt: 0, warmup: false })

describe('the auth broker', () => {
  test('five workers refused together: one login, every one asked again with the same new token', async () => {
    const { broker, limiter, changes, logins } = await setUp({ relogin: 'reference', worked: true })
    const sessions = [1, 2, 3, 4, 5].map(() => new AuthSession('Bearer first-token', askBroker(broker.url)))
    const answers = await Promise.all(sessions.map((s, i) => s.refused(0, where(i + 1))))
    expect(logins()).toBe(1)
    const tokens = new Set(answers.map((a) => (a.kind === 'retry' ? a.authorization : a.kind)))
    expect(tokens.size).toBe(1)
    expect([...tokens][0]).toMatch(/^Bearer ey/)
    for (const s of sessions) {
      expect(s.authorization).toBe([...tokens][0])
      expect(s.secrets).toContain('Bearer first-token') // both tokens are scrubbed from what the worker records
      expect(s.tokenGeneration).toBe(1)
    }
    expect(limiter.stopped()).toBeNull()
    expect(changes.at(-1)).toMatchObject({ relogins: [{ afterAttempts: 1 }], expired: null })

    // A late refusal of the old token: asked again with the new one, no second login.
    expect((await new AuthSession('Bearer first-token', askBroker(broker.url)).refused(0, where(6))).kind).toBe('retry')
    expect(logins()).toBe(1)

    // The new token refused too: the run stops, the limiter grants nothing more.
    expect((await sessions[0]!.refused(1, where(1))).kind).toBe('stop')
    expect(stoppedLine(limiter)).toMatch(/^credentials expired after attempt 1 /)
    expect(changes.at(-1)).toMatchObject({ expired: { cause: 'refused_after_relogin', afterAttempts: 1 } })
    expect((await sessions[1]!.refused(0, where(2))).kind).toBe('stop')
    expect(logins()).toBe(1)
  })

  test('a token that worked and then expired is renewed again, once per expiry; a new token refused before it worked stops', async () => {
    const { broker, limiter, changes, logins, journalPath } = await setUp({ relogin: 'reference', worked: true })
    const session = new AuthSession('Bearer first-token', askBroker(broker.url))
    expect((await session.refused(0, where(1))).kind).toBe('retry')
    expect(session.tokenGeneration).toBe(1)
    // An answer past authentication with the new token (as ask.ts journals it), then that token expires too.
    appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ index: 1, httpStatus: 200, tokenGeneration: 1 }) })
    expect((await session.refused(1, where(2))).kind).toBe('retry')
    expect(session.tokenGeneration).toBe(2)
    expect(logins()).toBe(2)
    expect(limiter.stopped()).toBeNull()
    expect(changes.at(-1)).toMatchObject({ relogins: [{ afterAttempts: 1 }, { afterAttempts: 2 }], expired: null })
    // Every token the worker carried is scrubbed (two logins in one second may mint the same JWT).
    expect(session.secrets).toHaveLength(3)
    expect(session.secrets).toEqual(expect.arrayContaining(['Bearer first-token', session.authorization]))
    // A late refusal of the second token: asked again with the third, no login.
    expect(await askBroker(broker.url)({ generation: 1, ...where(3) })).toMatchObject({ kind: 'retry', generation: 2 })
    expect(logins()).toBe(2)
    // A 401 answer with the third token is no proof it worked: refused before any answer got through, the run stops.
    appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ index: 2, httpStatus: 401, ok: false, tokenGeneration: 2 }) })
    expect((await session.refused(2, where(4))).kind).toBe('stop')
    expect(logins()).toBe(2)
    expect(changes.at(-1)).toMatchObject({ expired: { cause: 'refused_after_relogin', afterAttempts: 3 } })
  })

  test('a bare token cannot be renewed: stop, "no_credentials"', async () => {
    const { broker, limiter, changes, lines } = await setUp({ relogin: 'none', worked: true })
    expect((await askBroker(broker.url)({ generation: 0, ...where(3) })).kind).toBe('stop')
    expect(stoppedLine(limiter)).toMatch(/credentials expired after attempt 1 \(HTTP 401 to q03 attempt 1\)/)
    expect(stoppedLine(limiter, 'fr')).toMatch(/^identifiants expirés après la tentative 1 \(HTTP 401 à q03, tentative 1\) : HARENA_API_TOKEN seul/)
    expect(changes.at(-1)).toMatchObject({ relogins: [], expired: { cause: 'no_credentials', questionId: 'q03' } })
    expect(lines.join('\n')).toMatch(/HARENA_API_TOKEN alone cannot log in again/)
  })

  test('a re-login that fails: stop, "login_failed" with the login\'s reason', async () => {
    const { broker, limiter, changes, logins } = await setUp({ relogin: 'wrong password', worked: true })
    expect((await askBroker(broker.url)({ generation: 0, ...where(2) })).kind).toBe('stop')
    expect(logins()).toBe(1)
    expect(limiter.stopped()).not.toBeNull()
    expect(changes.at(-1)).toMatchObject({ expired: { cause: 'login_failed', detail: expect.stringMatching(/refused \(HTTP 401\)/) } })
  })

  test("each answer carries the run's credentials history as a shard's blob keeps it, scrubbed of every token and secret", async () => {
    // A sharded run's blob is written far from this process (docs/sharding.md): the worker that was refused writes
    // this history into its spec file's meta (tests/support/shard-meta.ts), so no secret may be in it.
    const limiter = await startLimiter(1)
    closers.push(() => limiter.close())
    const journalPath = createJournal()
    closers.push(() => removeJournal(journalPath))
    appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ ok: true, httpStatus: 200, warmup: true }) })
    let logins = 0
    const broker = await startAuthBroker({
      authorization: 'Bearer first-token-0123456789abcdef',
      secrets: ['configured-password-42'],
      relogin: async () => {
        logins++
        return { ok: true, authorization: 'Bearer second-token-fedcba9876543210' }
      },
      journalPath,
      halt: limiter.halt,
      onChange: () => undefined,
      say: () => undefined,
    })
    closers.push(() => broker.close())
    expect(broker.blobAuth()).toBeNull()
    const first = await askBroker(broker.url)({ generation: 0, ...where(2) })
    expect(first).toMatchObject({ kind: 'retry', auth: { relogins: [{ questionId: 'q02', afterAttempts: 1 }], expired: null } })
    const stop = await askBroker(broker.url)({ generation: 1, ...where(3) })
    expect(stop).toMatchObject({
      kind: 'stop',
      auth: { relogins: [{ questionId: 'q02' }], expired: { cause: 'refused_after_relogin', questionId: 'q03' } },
    })
    expect(broker.blobAuth()).toEqual(stop.kind === 'stop' ? stop.auth : null)
    expect(logins).toBe(1)

    // A failed login's detail (what the target answered) is scrubbed before it leaves the main process.
    const other = await startAuthBroker({
      authorization: 'Bearer first-token-0123456789abcdef',
      secrets: ['configured-password-42'],
      relogin: async () => ({ ok: false, reason: 'the target echoed configured-password-42 and Bearer first-token-0123456789abcdef' }),
      journalPath,
      halt: () => undefined,
      onChange: () => undefined,
      say: () => undefined,
    })
    closers.push(() => other.close())
    const failed = await askBroker(other.url)({ generation: 0, ...where(4) })
    expect(failed).toMatchObject({ kind: 'stop', auth: { expired: { cause: 'login_failed' } } })
    const text = JSON.stringify(failed)
    expect(text).not.toContain('configured-password-42')
    expect(text).not.toContain('first-token-0123456789abcdef')
    expect(text).toContain('the target echoed')
  })

  test('credentials that never worked are not "expired": the 401 is judged, nothing stops, nobody logs in', async () => {
    const { broker, limiter, changes, logins } = await setUp({ relogin: 'reference', worked: false })
    expect((await askBroker(broker.url)({ generation: 0, ...where(1) })).kind).toBe('judge')
    expect(logins()).toBe(0)
    expect(limiter.stopped()).toBeNull()
    expect(changes).toEqual([])
  })
})

// A re-login during the run is one more request to the target: it takes a permit of the run's limiter like every
// question's request (review F2: sent beside the chats, the target saw VALIDATION_CONCURRENCY + 1 in flight).
describe("a login under the run's limiter", () => {
  async function limited() {
    const ref = await startTarget()
    closers.push(() => ref.close())
    const limiter = await startLimiter(1)
    closers.push(() => limiter.close())
    const logins = () => ref.stats().requests.filter((r) => r.path === '/api/v1/users/auth/login').length
    const relogin = () => login(ref.url, DEMO.user1.username, DEMO.user1.password, 5000, harenaV2Adapter, limiter.url)
    return { limiter, logins, relogin }
  }

  test('waits for a permit: nothing reaches the target while the only permit is held, the login goes once it is returned', async () => {
    const { limiter, logins, relogin } = await limited()
    const held = await acquirePermit(limiter.url)
    const result = relogin()
    await vi.waitFor(() => expect(limiter.stats().waiting).toBe(1))
    expect(logins()).toBe(0)
    held.release()
    expect(await result).toMatchObject({ kind: 'ok', authorization: expect.stringMatching(/^Bearer ey/) })
    expect(logins()).toBe(1)
    expect(limiter.stats()).toMatchObject({ peakHeld: 1, granted: 2 }) // never more than the cap, the login granted once
  })

  test('a run stopped while the login waits (or before it asks) ends it unsent: not executed, never a hang', async () => {
    const { limiter, logins, relogin } = await limited()
    const held = await acquirePermit(limiter.url)
    const waiting = relogin()
    await vi.waitFor(() => expect(limiter.stats().waiting).toBe(1))
    limiter.halt(reason('run.stop.silent', { timeouts: 3, requests: 3 }))
    const stopped = await waiting
    expect(stopped).toEqual({ kind: 'broken', reason: expect.objectContaining({ code: 'target.login.stopped' }) })
    if (stopped.kind !== 'broken') throw new Error('not broken')
    expect(say(stopped.reason, 'en')).toMatch(/: not executed, the run was stopped$/)
    expect(say(stopped.reason, 'fr')).toMatch(/ : non exécutée, la campagne a été arrêtée$/)
    expect(await relogin()).toMatchObject({ kind: 'broken', reason: { code: 'target.login.stopped' } })
    held.release()
    expect(logins()).toBe(0)
  })
})
