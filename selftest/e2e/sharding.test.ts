// Reliability proofs: sharding that holds (issue 9; docs/sharding.md). Each shard runs
// `vitest run --shard=i/n --reporter=blob` against an external target; the merge (`vitest run --merge-reports`)
// runs WITHOUT the shards' environment, as a CI merge job does, and must still judge the shards' target with the
// shards' settings and question set; it refuses shards run differently (one line, exit 1) and never calls a run
// with a missing shard GO.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allFiles, cleanupTemp, criterion, describeRun, pick, readReport, REPORT_MD, runSuite, tempDir, writeBank, type SuiteRun } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { chatRequests, closedPort, startTarget, tokenEnv, tokenFor, type Reference } from './target.ts'

const proxy = fileProxies()
const QUESTIONS = pick('q01', 'q02', 'q04', 'q07', 'q10', 'q13')
let ref: Reference
let bank: string
let blobs: string
const shardRuns: SuiteRun[] = []

const shardEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...tokenEnv(ref),
  HARENA_TIMEOUT_MS: '7000',
  VALIDATION_QUESTIONS: bank,
  VALIDATION_ITERATIONS: '2',
  VALIDATION_WARMUP: '1',
  VALIDATION_P95_GO_MS: '3000',
  VALIDATION_P95_NOGO_MS: '3500',
  VALIDATION_LOCALE: 'en',
  ...extra,
})

const shard = (index: number, dir: string, extra: Record<string, string> = {}): Promise<SuiteRun> =>
  runSuite({ env: shardEnv(extra), extraArgs: [`--shard=${index}/2`, '--reporter=blob', `--outputFile.blob=${join(dir, `blob-${index}-2.json`)}`] })

/** The merge job: nothing of the shards' environment (no target, no settings, the default question file). */
const merge = (dir: string): Promise<SuiteRun> => runSuite({ env: {}, extraArgs: [`--merge-reports=${dir}`] })

beforeAll(async () => {
  ref = await startTarget()
  bank = writeBank(QUESTIONS)
  blobs = tempDir('blobs')
  shardRuns.push(await shard(1, blobs), await shard(2, blobs))
}, 120_000)
afterAll(async () => {
  await ref.close()
  cleanupTemp()
})

describe('sharding', () => {
  test('shards against an external target, merged without their environment: the report keeps their target, settings and questions', async () => {
    for (const r of shardRuns) expect(r.exitCode, describeRun(r)).toBe(0)
    // A shard has no verdict of its own, and says so in one line (its exit code is not the decision).
    for (const [i, r] of shardRuns.entries())
      expect(r.stderr.split('\n').filter((l) => l.includes('no verdict'))).toEqual([
        `harena-validation: shard ${i + 1}/2: a blob, no verdict nor report of this run (its exit code is not the decision); the verdict comes from \`npx vitest run --merge-reports=<blobs directory>\` once every shard has written its blob`,
      ])
    // Each shard asked only its share: every measured attempt once, one warm-up per shard.
    expect(chatRequests(ref.stats().requests)).toHaveLength(QUESTIONS.length * 2 + 2)
    const run = await merge(blobs)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(run.exitCode).toBe(0)
    expect(report.target).toMatchObject({ baseUrl: ref.url, contract: 'harena-v2', embedded: false })
    expect(report.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id))
    expect(report.summary.attempts).toBe(QUESTIONS.length * 2)
    expect(report.summary.warmups).toBe(2)
    expect(report.run).toMatchObject({ iterations: 2, warmup: 1, complete: true })
    expect(criterion(report, 'C2').threshold).toEqual({ pass: 'p95_ms<=3000', warn: 'p95_ms<=3500' })
    // The shards' locale (en), not the merge step's default (fr).
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain('# Sprint 1.4 - Phase 1 - Validation Report')
    // Each shard had its own limiter and their overlap in time is unknown: no merged load is claimed, never 0.
    expect(report.metrics.applied_concurrency_peak?.value).toBeNull()
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain('Applied load: not measured')
    expect(run.stdout).not.toContain('embedded')
    expect(run.stdout).toContain(`merging shard(s) 1/2, 2/2 of a run against ${ref.url} (harena-v2)`)
    // It says it is a merge: each shard's start and end; the run from the first start to the last end (a review,
    // 2026-12-05: the merge's own milliseconds, and no word of the shards).
    const spans = report.run.shards ?? []
    expect(spans.map((x) => x.shard)).toEqual(['1/2', '2/2'])
    for (const x of spans) expect(Date.parse(x.endedAt ?? '')).toBeGreaterThan(Date.parse(x.startedAt))
    expect(report.run.startedAt).toBe(spans[0]?.startedAt)
    expect(report.run.durationMs).toBe(Math.max(...spans.map((x) => Date.parse(x.endedAt ?? ''))) - Date.parse(spans[0]?.startedAt ?? ''))
    const line = `Merge of shard 1/2 from ${spans[0]?.startedAt} to ${spans[0]?.endedAt} ; shard 2/2 from ${spans[1]?.startedAt}`
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain(line)
    expect(readFileSync(join(run.reportDir, 'validation-report.html'), 'utf8')).toContain(line)
    // The token the shards used never reached a blob or a merged document.
    for (const [path, text] of [...allFiles(blobs), ...allFiles(run.reportDir)]) expect(text.includes(tokenFor(1)), path).toBe(false)
  })

  test('a missing shard: the merged run is incomplete and says which shard is missing — NO-GO, never GO', async () => {
    const one = tempDir('blobs-one')
    copyFileSync(join(blobs, 'blob-1-2.json'), join(one, 'blob-1-2.json'))
    const run = await merge(one)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(report.run.complete).toBe(false)
    expect(criterion(report, 'C5').status).toBe('fail')
    expect(JSON.stringify(report)).toMatch(/Shard 2\/2 left no blob/)
    // Every question of the run is there: the missing shard's ones with no attempt (counted as failed in C1).
    expect(report.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id))
    expect(report.summary.plannedAttempts).toBe(QUESTIONS.length * 2)
    expect(report.summary.attempts).toBeLessThan(QUESTIONS.length * 2)
  })

  test('shards run with different settings are refused: one line naming the setting and both values, exit 1', async () => {
    const mixed = tempDir('blobs-mixed')
    mkdirSync(mixed, { recursive: true })
    copyFileSync(join(blobs, 'blob-1-2.json'), join(mixed, 'blob-1-2.json'))
    const other = await shard(2, mixed, { VALIDATION_ITERATIONS: '3' })
    expect(other.exitCode, describeRun(other)).toBe(0)
    const run = await merge(mixed)
    expect(run.exitCode, describeRun(run)).toBe(1)
    const lines = run.stderr.split('\n').filter((l) => l.includes('the shards were not run alike'))
    expect(lines, describeRun(run)).toHaveLength(1)
    expect(lines[0]).toMatch(/VALIDATION_ITERATIONS is 2 in shard 1\/2 but 3 in shard 2\/2/)
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
  })

  test("shards judged by two commits of the question file (q07's expectations dropped in one) are refused, never GO", async () => {
    // The ids, messages and intents agree: only what each question expects differs (a review, 2026-12-05: GO).
    const mixed = tempDir('blobs-commits')
    copyFileSync(join(blobs, 'blob-2-2.json'), join(mixed, 'blob-2-2.json'))
    const relaxed = writeBank(
      QUESTIONS.map((q) => {
        if (q.id !== 'q07') return q
        const { expectations: _dropped, ...rest } = q
        return rest
      }),
    )
    const one = await shard(1, mixed, { VALIDATION_QUESTIONS: relaxed })
    expect(one.exitCode, describeRun(one)).toBe(0)
    const run = await merge(mixed)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/the question set \(VALIDATION_QUESTIONS\) of shard 1\/2 differs from shard 2\/2's/)
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
  })

  test('two blobs of one shard (a first attempt and its re-run) are refused, whichever is newer', async () => {
    const dir = tempDir('blobs-twins')
    for (const name of ['blob-1-2.json', 'blob-2-2.json']) copyFileSync(join(blobs, name), join(dir, name))
    const again = await runSuite({
      env: shardEnv(),
      extraArgs: ['--shard=1/2', '--reporter=blob', `--outputFile.blob=${join(dir, 'blob-1-2-again.json')}`],
    })
    expect(again.exitCode, describeRun(again)).toBe(0)
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/two blobs of shard 1\/2 come from different runs/)
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
  })

  // A review: run 42's shard 2 left no blob; run 41's shard 2 blob, kept under another name, stood in for it and the
  // merge said GO though the new build failed shard 2's questions (the health version is the same across builds).
  test("an earlier CI run's blob of a shard, kept under another name, never stands in for today's: refused, naming both runs", async () => {
    const dir = tempDir('blobs-campaigns')
    const old = await runSuite({
      env: shardEnv({ GITHUB_RUN_ID: '41' }),
      extraArgs: ['--shard=2/2', '--reporter=blob', `--outputFile.blob=${join(dir, 'run41-blob-2-2.json')}`],
    })
    const today = await runSuite({
      env: shardEnv({ GITHUB_RUN_ID: '42' }),
      extraArgs: ['--shard=1/2', '--reporter=blob', `--outputFile.blob=${join(dir, 'run42-blob-1-2.json')}`],
    })
    for (const r of [old, today]) expect(r.exitCode, describeRun(r)).toBe(0)
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toContain('the blobs come from different campaigns (1/2 (GITHUB_RUN_ID=42), 2/2 (GITHUB_RUN_ID=41))')
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
    expect(run.stdout).not.toContain('GO (exit 0)')
  })

  test('the same blob twice (a copy under another name) is refused: Vitest would count its tests twice', async () => {
    const dir = tempDir('blobs-copy')
    for (const name of ['blob-1-2.json', 'blob-2-2.json']) copyFileSync(join(blobs, name), join(dir, name))
    copyFileSync(join(blobs, 'blob-1-2.json'), join(dir, 'blob-1-2-copy.json'))
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/the blob of shard 1\/2 is there twice/)
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
    // Before: GO, with Vitest's summary and junit.xml counting shard 1's tests twice.
    expect(run.stdout).not.toContain('GO (exit 0)')
  })

  test('a shard that checked figures against another ground truth (VALIDATION_GROUND_TRUTH) is refused', async () => {
    const dir = tempDir('blobs-truth')
    copyFileSync(join(blobs, 'blob-2-2.json'), join(dir, 'blob-2-2.json'))
    const truth = join(tempDir('truth'), 'truth.json')
    writeFileSync(truth, JSON.stringify({ questions: {} }))
    const one = await shard(1, dir, { VALIDATION_GROUND_TRUTH: truth })
    expect(one.exitCode, describeRun(one)).toBe(0)
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/VALIDATION_GROUND_TRUTH is truth\.json \(sha256 [0-9a-f]{12}\) in shard 1\/2 but unset in shard 2\/2/)
    expect(readReport(run.reportDir).decision).toBe('NO-GO')
  })

  test('a merge Vitest cannot read (a truncated blob, none at all) replaces the earlier GO: no verdict, exit 1, one line', async () => {
    const reportDir = tempDir('report-unread')
    const mergeInto = (dir: string) =>
      runSuite({ env: { VALIDATION_REPORT_DIR: reportDir, VALIDATION_LOCALE: 'en' }, extraArgs: [`--merge-reports=${dir}`] })
    const good = await mergeInto(blobs)
    expect(readReport(reportDir).decision, describeRun(good)).toBe('GO')
    const truncated = tempDir('blobs-truncated')
    copyFileSync(join(blobs, 'blob-1-2.json'), join(truncated, 'blob-1-2.json'))
    writeFileSync(join(truncated, 'blob-2-2.json'), readFileSync(join(blobs, 'blob-2-2.json'), 'utf8').slice(0, 3000))
    for (const dir of [truncated, tempDir('blobs-none')]) {
      writeFileSync(join(reportDir, 'validation-report.json'), readFileSync(join(good.reportDir, 'validation-report.json')))
      const run = await mergeInto(dir)
      expect(run.exitCode, describeRun(run)).toBe(1)
      expect(run.stderr).toContain(`harena-validation: no verdict: Vitest could not read the blobs of --merge-reports=${dir}`)
      const report = JSON.parse(readFileSync(join(reportDir, 'validation-report.json'), 'utf8'))
      expect(report).toMatchObject({ decision: 'NO-GO', exitCode: 1, run: { state: 'finished', complete: false } })
      expect(readFileSync(join(reportDir, REPORT_MD), 'utf8')).toMatch(/NO-GO: could not produce the verdict: Vitest could not read the blobs/)
      expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).toMatch(/failures="[1-9]/)
    }
  })

  // A review: `--merge-reports=DIR -t q07` judged every question (Vitest ignores -t on a merge) while the release
  // documents were replaced by "Vitest could not read the blobs" (NO-GO, exit 1) and the process exited 0; with
  // another run holding the directory's lock, that stand-in overwrote the running run's documents.
  test.each([[['-t', 'q07']], [['tests/by-merchant.spec.ts']]])(
    'a merge narrowed by %j is refused in one line, exit 1, the report directory untouched (a held lock too)',
    async (narrowing) => {
      const reportDir = tempDir('report-merge-narrowed')
      const earlier = ['validation-report.json', REPORT_MD, 'junit.xml', '.validation.lock']
      for (const name of earlier) writeFileSync(join(reportDir, name), `earlier: ${name}`)
      const run = await runSuite({
        env: { VALIDATION_REPORT_DIR: reportDir, VALIDATION_LOCALE: 'en' },
        extraArgs: [`--merge-reports=${blobs}`, ...narrowing],
      })
      expect(run.exitCode, describeRun(run)).toBe(1)
      const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
      expect(lines, describeRun(run)).toEqual([
        `harena-validation: configuration error: a merge (--merge-reports) cannot be filtered (${narrowing[0]}): Vitest replays every blob whole; merge without a filter, then explore a question without --merge-reports (nothing was written)`,
      ])
      for (const name of earlier) expect(readFileSync(join(reportDir, name), 'utf8'), name).toBe(`earlier: ${name}`)
      expect(existsSync(join(reportDir, 'exploratory'))).toBe(false)
    },
  )

  test("each shard's health route finding reaches the merged report, though the merge step asked nothing", async () => {
    // Shard 1 meets a health route answering 503 "unhealthy", shard 2 a healthy one: a finding of any shard is the run's.
    let unhealthy = true
    const front = await proxy(ref.url, (r) =>
      r.method === 'GET' && r.path === '/api/v1/conversation/health' && unhealthy
        ? {
            kind: 'answer',
            status: 503,
            body: JSON.stringify({ status: 'unhealthy', version: '2.0.0' }),
            headers: { 'content-type': 'application/json' },
          }
        : { kind: 'forward' },
    )
    const dir = tempDir('blobs-health')
    const one = await shard(1, dir, { HARENA_BASE_URL: front.url })
    unhealthy = false
    const two = await shard(2, dir, { HARENA_BASE_URL: front.url })
    for (const r of [one, two]) expect(r.exitCode, describeRun(r)).toBe(0)
    const run = await merge(dir)
    const report = readReport(run.reportDir)
    expect(
      report.health?.findings.map((f) => f.code),
      describeRun(run),
    ).toEqual(['health.http_status', 'health.not_up'])
    expect(report.health?.status).toBe('unhealthy')
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain('answered HTTP 503 (expected 200)')
    expect(run.stdout).toContain('answered HTTP 503 (expected 200)')
  })

  test('shards of the embedded reference service (each on its own port) agree: merged, the report says embedded', async () => {
    const dir = tempDir('blobs-embedded')
    const env = { VALIDATION_QUESTIONS: bank, VALIDATION_WARMUP: '0', HARENA_TIMEOUT_MS: '5000' }
    for (const i of [1, 2]) {
      const r = await runSuite({ env, extraArgs: [`--shard=${i}/2`, '--reporter=blob', `--outputFile.blob=${join(dir, `blob-${i}-2.json`)}`] })
      expect(r.exitCode, describeRun(r)).toBe(0)
    }
    const run = await merge(dir)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(report.target).toMatchObject({ contract: 'harena-v2', embedded: true })
    expect(report.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id))
    expect(report.run.complete).toBe(true)
  })

  test('shards that all left out the security probes (--exclude): no release verdict from their merge — refused, exit 1', async () => {
    const dir = tempDir('blobs-excluded')
    for (const i of [1, 2]) {
      const r = await runSuite({
        env: shardEnv({ VALIDATION_SECURITY: 'true' }),
        extraArgs: [`--shard=${i}/2`, '--reporter=blob', `--outputFile.blob=${join(dir, `blob-${i}-2.json`)}`, '--exclude=tests/security.spec.ts'],
      })
      expect(r.exitCode, describeRun(r)).toBe(0)
    }
    const run = await merge(dir)
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/no shard ran security\.spec\.ts \(--exclude or a file filter\)/)
    expect(readReport(run.reportDir).decision).not.toBe('GO')
  })

  test('more shards than spec files: refused before anything starts, naming how many shards the run can have — no blob, no request', async () => {
    const dir = tempDir('blobs-too-many')
    const before = chatRequests(ref.stats().requests).length
    // The bank's six questions fill five category files; with the security probes, six spec files.
    const run = await runSuite({
      env: shardEnv({ VALIDATION_SECURITY: 'true' }),
      extraArgs: ['--shard=1/7', '--reporter=blob', `--outputFile.blob=${join(dir, 'blob-1-7.json')}`],
    })
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toContain('--shard=1/7: 7 shards for 6 spec file(s)')
    expect(run.stderr).toContain('run at most 6 shards (--shard=i/6)')
    expect(run.stderr).not.toContain('[object Object]')
    expect(existsSync(join(dir, 'blob-1-7.json'))).toBe(false)
    expect(chatRequests(ref.stats().requests)).toHaveLength(before)
  })

  test('one shard run without --reporter=blob judges its share only: exploratory, the release report untouched', async () => {
    const reportDir = tempDir('report-shard-alone')
    const run = await runSuite({ env: { ...shardEnv(), VALIDATION_REPORT_DIR: reportDir }, extraArgs: ['--shard=1/2'] })
    expect(existsSync(join(reportDir, 'validation-report.json')), describeRun(run)).toBe(false)
    expect(existsSync(join(reportDir, 'exploratory', 'validation-report.json'))).toBe(true)
    expect(run.stdout).toContain('shard 1/2 without --reporter=blob')
  })

  test("a shard that ends early leaves no blob: the earlier run's blob at its path is gone, the merge names the shard missing", async () => {
    const dir = tempDir('blobs-stale')
    copyFileSync(join(blobs, 'blob-1-2.json'), join(dir, 'blob-1-2.json'))
    const stale = join(dir, 'blob-2-2.json')
    writeFileSync(stale, readFileSync(join(blobs, 'blob-2-2.json')))
    // Ctrl-C as soon as the stale blob is gone (the shard's global setup, before any question): were it kept, the
    // shard would run to its end and exit 0.
    const two = await runSuite({
      env: shardEnv(),
      extraArgs: ['--shard=2/2', '--reporter=blob', `--outputFile.blob=${stale}`],
      interrupt: { when: () => !existsSync(stale) },
    })
    expect(two.interruptedAtMs, describeRun(two)).not.toBeNull()
    expect(existsSync(stale)).toBe(false)
    const run = await merge(dir)
    expect(readReport(run.reportDir).decision, describeRun(run)).toBe('NO-GO')
    expect(JSON.stringify(readReport(run.reportDir))).toMatch(/Shard 2\/2 left no blob/)
    // A shard refused at its start (a bad setting: the config file exits) leaves none either.
    writeFileSync(stale, readFileSync(join(blobs, 'blob-2-2.json')))
    const refused = await runSuite({
      env: shardEnv({ VALIDATION_ITERATIONS: '0' }),
      extraArgs: ['--shard=2/2', '--reporter=blob', `--outputFile.blob=${stale}`],
    })
    expect(refused.exitCode, describeRun(refused)).toBe(1)
    expect(existsSync(stale)).toBe(false)
  })

  test('a shard that could not reach the target: the merged report says why, as a single run does, not only failed questions', async () => {
    // One address for both shards: nothing listens on it for shard 1; a forwarder to the reference does for shard 2.
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}`
    const dir = tempDir('blobs-unreachable')
    const one = await shard(1, dir, { HARENA_BASE_URL: url })
    const upstream = new URL(ref.url)
    const forwarder = createServer((req, res) => {
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        },
      )
      req.pipe(out)
    })
    await new Promise<void>((r) => forwarder.listen(port, '127.0.0.1', r))
    try {
      const two = await shard(2, dir, { HARENA_BASE_URL: url })
      expect(two.exitCode, describeRun(two)).toBe(0)
    } finally {
      forwarder.closeAllConnections()
      await new Promise<void>((r) => forwarder.close(() => r()))
    }
    expect(one.exitCode, describeRun(one)).not.toBe(0)
    const run = await merge(dir)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(report.run.preflightError, describeRun(run)).toMatch(/127\.0\.0\.1/)
    // Named with its shard: shard 2 asked its questions (a review, 2026-12-05: "no question was asked", no shard).
    expect(report.run.preflightError).toMatch(/^in shard 1\/2: /)
    expect(report.reasons.join('\n')).toMatch(/Target unusable in shard 1\/2: .* that shard asked none of its questions/)
    expect(report.reasons.join('\n')).not.toContain('no question was asked')
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain(String(report.run.preflightError).slice(0, 40))
  })
})
