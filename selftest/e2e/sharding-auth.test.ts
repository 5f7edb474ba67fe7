// Reliability proofs: credentials that stop working in ONE shard of a sharded run reach the merged report
// (docs/sharding.md). A re-login or an expiry happens in that shard's own main process (tests/support/auth-broker.ts);
// its blob carries it, scrubbed, and the merge (`vitest run --merge-reports`, without the shards' environment) says it
// in the JSON, the Markdown and the terminal with the shard's name, as a single run says it. The shards run the real
// suite as child processes against the real reference service, whose tokens expire after K authenticated requests
// (tokenMaxUses / REFERENCE_TOKEN_MAX_USES). The warm-ups are asked one after the other before any question, so the
// refused request is a shard's first measured one and "after attempt N" is exact whatever the machine's load.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { issueToken } from '../../fixtures/reference/jwt.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { allFiles, cleanupTemp, criterion, describeRun, pick, readReport, REPORT_MD, runSuite, tempDir, writeBank, type SuiteRun } from './harness.ts'
import { chatRequests, REFERENCE_NOW } from './target.ts'

const QUESTIONS = pick('q01', 'q02', 'q04', 'q07', 'q10', 'q13')
const servers: Array<{ close: () => Promise<void> }> = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  cleanupTemp()
})

const shard = (index: number, dir: string, env: Record<string, string>): Promise<SuiteRun> =>
  runSuite({ env, extraArgs: [`--shard=${index}/2`, '--reporter=blob', `--outputFile.blob=${join(dir, `blob-${index}-2.json`)}`] })

/** The merge job: nothing of the shards' environment. */
const merge = (dir: string): Promise<SuiteRun> => runSuite({ env: {}, extraArgs: [`--merge-reports=${dir}`] })

/** Uses a token `times` times, outside the suite (the reference counts every authenticated request). */
async function useUp(baseUrl: string, token: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${baseUrl}/api/v1/conversation/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ message: 'Mon solde', message_type: 'text', priority: 'normal' }),
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  }
}

const md = (run: SuiteRun): string => readFileSync(join(run.reportDir, REPORT_MD), 'utf8')

describe('credentials across the shards of a run', () => {
  test('the token of shard 2 expires (HARENA_API_TOKEN alone): the merged report stops on it, names the shard and the cause — NO-GO', async () => {
    const K = 30
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, tokenMaxUses: K })
    servers.push(ref)
    // Two tokens of the same user (the reference counts uses per token string): shard 1's lasts its share,
    // shard 2's has one use left when it starts — its warm-up.
    const tokens = [issueToken(1, { claims: { jti: 'shard-1-of-2' } }), issueToken(1, { claims: { jti: 'shard-2-of-2' } })] as const
    const bank = writeBank(QUESTIONS)
    const env = (token: string): Record<string, string> => ({
      HARENA_BASE_URL: ref.url,
      HARENA_API_TOKEN: token,
      HARENA_USER_ID: '1',
      HARENA_TIMEOUT_MS: '5000',
      VALIDATION_QUESTIONS: bank,
      VALIDATION_WARMUP: '1',
      VALIDATION_SECURITY: 'false',
      VALIDATION_LOCALE: 'en',
    })
    const dir = tempDir('blobs-expiry')
    const one = await shard(1, dir, env(tokens[0]))
    expect(one.exitCode, describeRun(one)).toBe(0)
    const usedByOne = chatRequests(ref.stats().requests).length
    expect(usedByOne).toBeLessThan(K)
    await useUp(ref.url, tokens[1], K - 1)
    const two = await shard(2, dir, env(tokens[1]))
    expect(two.stderr, describeRun(two)).toMatch(/credentials expired after attempt 1 \(HTTP 401 to q\d\d attempt 1\)/)

    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.run.complete).toBe(false)
    expect(report.run.auth?.expired).toMatchObject({
      afterAttempts: 1,
      cause: 'no_credentials',
      warmup: false,
      attempt: 1, // 1-based, as the reason says it
      shard: { index: 2, count: 2 },
    })
    expect(report.run.auth?.expiries).toHaveLength(1)
    expect(report.run.auth?.relogins).toEqual([])
    // The cause leads the merged verdict as it leads a single run's, with the shard it happened in.
    const reason =
      /^Run stopped — credentials expired in shard 2\/2 after attempt 1: the target answered HTTP 401 \(q\d\d, attempt 1\) and HARENA_API_TOKEN alone cannot log in again \(set HARENA_USERNAME \+ HARENA_PASSWORD, or use a token that outlives the run\); the remaining attempts of that shard are not executed, the run is incomplete\.$/
    expect(report.reasons[0]).toMatch(reason)
    expect(report.reasonCodes[0]?.code).toBe('auth.expired')
    expect(JSON.stringify(criterion(report, 'C5').reason)).toMatch(/Credentials expired in shard 2\/2 after attempt 1\./)
    expect(md(run)).toMatch(/Run stopped — credentials expired in shard 2\/2 after attempt 1: the target answered HTTP 401/)
    expect(run.stdout).toMatch(/NO-GO[\s\S]*Run stopped — credentials expired in shard 2\/2 after attempt 1/)
    // Neither shard's token reached a blob or a merged document.
    for (const [path, text] of [...allFiles(dir), ...allFiles(run.reportDir)])
      for (const t of tokens) expect(text.includes(t.split('.')[2] ?? t), path).toBe(false)
  })

  test("a shard's token refused on its second warm-up (in its main process, before any spec file): the merged report says it too", async () => {
    // The other way a shard's history reaches its blob: globalSetup provides the warm-ups' history with the record.
    const K = 30
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, tokenMaxUses: K })
    servers.push(ref)
    const tokens = [issueToken(1, { claims: { jti: 'shard-1-of-2' } }), issueToken(1, { claims: { jti: 'shard-2-of-2' } })] as const
    const bank = writeBank(QUESTIONS)
    const env = (token: string): Record<string, string> => ({
      HARENA_BASE_URL: ref.url,
      HARENA_API_TOKEN: token,
      HARENA_USER_ID: '1',
      HARENA_TIMEOUT_MS: '5000',
      VALIDATION_QUESTIONS: bank,
      VALIDATION_WARMUP: '2',
      VALIDATION_SECURITY: 'false',
      VALIDATION_LOCALE: 'fr',
    })
    const dir = tempDir('blobs-warmup-expiry')
    await useUp(ref.url, tokens[0], K - 1)
    const one = await shard(1, dir, env(tokens[0]))
    // A French shard (VALIDATION_LOCALE=fr) says it in French.
    expect(one.stderr, describeRun(one)).toMatch(/identifiants expirés après la tentative 1 \(HTTP 401 à q\d\d, échauffement, tentative 1\)/)
    const two = await shard(2, dir, env(tokens[1]))
    expect(two.exitCode, describeRun(two)).toBe(0)
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.run.auth?.expired).toMatchObject({
      afterAttempts: 1,
      cause: 'no_credentials',
      warmup: true,
      attempt: 1, // 1-based, as the reason says it
      shard: { index: 1, count: 2 },
    })
    expect(report.reasons[0]).toMatch(
      /^Exécution arrêtée — identifiants expirés dans la tranche 1\/2 après la tentative 1 : la cible a répondu HTTP 401 \(q\d\d, échauffement, tentative 1\) et HARENA_API_TOKEN seul ne permet pas de se reconnecter/,
    )
    expect(md(run)).toMatch(/identifiants expirés dans la tranche 1\/2 après la tentative 1/)
    expect(run.stdout).toMatch(/identifiants expirés dans la tranche 1\/2 après la tentative 1/)
  })

  test('shard 1 of the embedded service logs in again mid-run: the merged report says so, with the shard — GO', async () => {
    // Shard 1's embedded service accepts each token for M requests: its M warm-ups use the first token up, its first
    // question is refused and asked again after one re-login; its new token lasts the shard's share (at most M).
    const M = String(QUESTIONS.length)
    const env = {
      REFERENCE_NOW: REFERENCE_NOW.toISOString(),
      HARENA_TIMEOUT_MS: '5000',
      VALIDATION_QUESTIONS: writeBank(QUESTIONS),
      VALIDATION_WARMUP: M,
      VALIDATION_SECURITY: 'false',
      VALIDATION_LOCALE: 'en',
    }
    const dir = tempDir('blobs-relogin')
    const one = await shard(1, dir, { ...env, REFERENCE_TOKEN_MAX_USES: M })
    expect(one.exitCode, describeRun(one)).toBe(0)
    expect(one.stderr).toMatch(new RegExp(`refused the run's token after attempt ${M} .*: logged in again`))
    const two = await shard(2, dir, env)
    expect(two.exitCode, describeRun(two)).toBe(0)

    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('GO')
    expect(report.run.complete).toBe(true)
    expect(report.run.auth?.relogins).toEqual([expect.objectContaining({ afterAttempts: Number(M), warmup: false, shard: { index: 1, count: 2 } })])
    expect(report.run.auth?.expired).toBeNull()
    const line = new RegExp(
      `Re-login at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z in shard 1/2: the target refused the run's token after attempt ${M} \\(HTTP 401, q\\d\\d, attempt 1\\)`,
    )
    expect(JSON.stringify(report.notes)).toMatch(line)
    expect(md(run)).toMatch(line)
    expect(run.stdout).toMatch(line)
  })
})
