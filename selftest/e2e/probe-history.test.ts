// The turns probe and a user with a long history (review finding: a false security NO-GO once the user owns more
// than one page of conversations). The rule (docs/security-probes.md): a conversation is "not ours" only when the
// user's own list is known whole — read through every page (`?limit=&offset=`) up to the total the body gives; a
// list that cannot be read whole makes an answer with data "not judged", never a critical bug. The real suite runs
// as a child process against the real reference service after 60 conversations of user 1 (ids 3…62: the first
// page of 50 does not show 53).
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank, type ValidationReport } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, rawChat, tokenEnv, type FaultRule, type Reference } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const ENV = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', VALIDATION_LOCALE: 'en', VALIDATION_SECURITY: 'true' }
const HISTORY = 60

type Probe = { id: string; ok: boolean | null; failures: string[]; notes: string[]; noteCodes: string[] }
const turnsProbe = (report: ValidationReport): Probe | undefined =>
  ((report as ValidationReport & { security?: Probe[] }).security ?? []).find((p) => p.id === 'other_user_turns')

/** A reference service where user 1 already owns HISTORY conversations (each chat without an id opens one). */
async function withHistory(faults: FaultRule[] = []): Promise<Reference> {
  const ref = await target(faults)
  for (let i = 0; i < HISTORY; i++) expect((await rawChat(ref, 'Mes dépenses du mois dernier')).status).toBe(200)
  const list = await fetch(`${ref.url}/api/v1/conversation/conversations/1?limit=50`, {
    headers: { authorization: `Bearer ${tokenEnv(ref).HARENA_API_TOKEN}` },
  })
  const body = (await list.json()) as { conversations: Array<{ id: number }>; total_count: number }
  // The situation of the finding: the first page does not show all of them.
  expect(body.conversations).toHaveLength(50)
  expect(body.total_count).toBe(HISTORY)
  return ref
}

describe('the turns probe reads the whole list of the user’s own conversations', () => {
  test('a user with more than 50 conversations: no false finding, GO', async () => {
    const ref = await withHistory()
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, VALIDATION_QUESTIONS: writeBank(pick('q01')) }, hardTimeoutMs: 150_000 })
    const report = readReport(run.reportDir)
    const probe = turnsProbe(report)
    expect(probe?.ok, describeRun(run)).toBe(true)
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.decision).toBe('GO')
    // It paged: offsets 0 and 50 were asked.
    const lists = ref.stats().requests.filter((r) => r.path.startsWith('/api/v1/conversation/conversations/1?'))
    expect(lists.map((r) => new URL(r.path, ref.url).searchParams.get('offset'))).toEqual(expect.arrayContaining(['0', '50']))
  })

  test('another user’s conversation answered with data is still caught, with the same long history', async () => {
    const ref = await withHistory([{ fault: { kind: 'guardOff', guard: 'conversationOwnership' } }])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, VALIDATION_QUESTIONS: writeBank(pick('q01')) }, hardTimeoutMs: 150_000 })
    const report = readReport(run.reportDir)
    const probe = turnsProbe(report)
    expect(probe?.ok, describeRun(run)).toBe(false)
    expect(probe?.failures.join(' ')).toMatch(/GET \/api\/v1\/conversation\/conversation\/1\/turns .*→ HTTP 200 with data/)
    expect(report.decision).toBe('NO-GO')
  })

  test('a list that cannot be read whole (offset ignored): data for an unlisted id is not judged, never a critical bug', async () => {
    const ref = await withHistory([{ fault: { kind: 'guardOff', guard: 'conversationOwnership' } }])
    // A gateway that drops the paging: every list read is the first page.
    const front = await proxy(ref.url, (r) =>
      r.path.startsWith('/api/v1/conversation/conversations/') ? { kind: 'forward', path: r.path.split('?')[0] } : { kind: 'forward' },
    )
    const run = await runSuite({
      env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: front.url, VALIDATION_QUESTIONS: writeBank(pick('q01')) },
      hardTimeoutMs: 150_000,
    })
    const report = readReport(run.reportDir)
    const probe = turnsProbe(report)
    expect(probe?.ok, describeRun(run)).toBeNull()
    expect(probe?.noteCodes).toEqual(['security.turns_not_judged'])
    expect(probe?.notes.join(' ')).toMatch(/could not be read whole \(no new conversation at offset 50 \(paging not honoured\)\)/)
    // The other ownership probe (another user's list) still bites: this is the only critical bug.
    expect(report.summary.criticalBugs).toBe(1)
  })
})
