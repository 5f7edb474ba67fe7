// Reliability proofs, part 3: a run stopped by Ctrl-C still leaves an honest report (incomplete, never GO,
// exit ≠ 0), and a bad configuration stops the run before any request with one line naming the variable.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  cleanupTemp,
  criterion,
  describeRun,
  pick,
  planQuestions,
  readReport,
  readSamples,
  REPORT_JSON,
  REPORT_MD,
  runSuite,
  tempDir,
  writeBank,
} from './harness.ts'
import { readJunit } from '../suite/runtime/junit.ts'
import { englishIn, jsonForPeople } from './english.ts'
import { chatRequests, fileTargets, tokenEnv, trafficViolations, type Reference } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('an interrupted run', () => {
  test('Ctrl-C (SIGINT to the process group) mid-run: report still written, run incomplete, never GO, exit ≠ 0', async () => {
    // 30 planned requests of ≥ 400 ms each, one at a time: the run would take ≥ 12 s; it is stopped after 3.
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 400 } }])
    const bank = writeBank(planQuestions())
    // The run's own temporary directory: what an interrupted run leaves behind in it is checked below.
    const tmp = tempDir('interrupt-tmp')
    const r = await runSuite({
      env: {
        ...tokenEnv(ref),
        TMPDIR: tmp,
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: bank,
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '0',
      },
      interrupt: { when: () => chatRequests(ref.stats().requests).length >= 3 },
      hardTimeoutMs: 60_000,
    })
    expect(r.interruptedAtMs, 'the interrupt was sent').not.toBeNull()
    expect(r.killed, `the run did not stop after SIGINT\n${describeRun(r)}`).toBe(false)
    expect(r.exitCode, describeRun(r)).not.toBe(0)
    expect(r.exitCode).not.toBeNull()
    // It stopped early: far fewer requests than planned reached the server.
    expect(chatRequests(ref.stats().requests).length).toBeLessThan(30)

    expect(existsSync(join(r.reportDir, REPORT_JSON)), `no report after Ctrl-C\n${describeRun(r)}`).toBe(true)
    const report = readReport(r.reportDir)
    expect(report.run.complete).toBe(false)
    expect(report.run.interrupted).toBe(true)
    expect(report.decision).not.toBe('GO')
    expect(report.decision).toBe('NO-GO')
    expect(criterion(report, 'C5').status).toBe('fail')
    expect(report.exitCode).not.toBe(0)
    expect(report.exitCode, 'the report states the exit code the shell saw').toBe(r.exitCode)
    // What was measured before the interrupt is kept; what never ran counts as not executed.
    expect(report.summary.plannedAttempts).toBe(30)
    expect(report.summary.attempts).toBeLessThan(30)
    expect(report.summary.notExecutedQuestions.length).toBeGreaterThan(0)
    expect(existsSync(join(r.reportDir, REPORT_MD))).toBe(true)
    for (const s of readSamples(r.reportDir)) expect(s.latencyMs).toBeGreaterThanOrEqual(0)
    // Vitest's JUnit reporter truncated junit.xml at start and never reached its end: a stand-in is there instead,
    // one case per planned question plus the run itself, the unasked ones skipped.
    // Nothing of the run stays in the temporary directory: not the JUnit reporter's scratch file, not Vitest's copies
    // of the transformed modules, not the attempt journal.
    expect(readdirSync(tmp), 'left in TMPDIR by an interrupted run').toEqual([])
    const junit = readJunit(r.reportDir)
    expect(junit.find((c) => c.name === 'run complete')?.failed === false).toBe(true)
    expect(junit.filter((c) => /^q\d\d · /.test(c.name))).toHaveLength(15)
    expect(junit.some((c) => c.skipped)).toBe(true)
    expect(readFileSync(join(r.reportDir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<error message="NO-GO: [\s\S]*<\/testsuites>\n$/)
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })
})

describe('a signal after the verdict', () => {
  test('Ctrl-C just after the last line is printed: the run was complete, the exit code is the one every document says', async () => {
    // Node closes its signal watchers ~100 ms before the process is gone: a Ctrl-C there killed it (130) under a
    // printed "GO (exit 0)" and a JSON exitCode 0 (review 2026-12-05).
    const ref = await target()
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_QUESTIONS: writeBank(pick('q01')), VALIDATION_WARMUP: '0' },
      interrupt: { when: ({ stdout }) => /══ GO\b.*\(exit 0\) ══/.test(stdout) },
      hardTimeoutMs: 60_000,
    })
    expect(r.interruptedAtMs, `the verdict was never printed\n${describeRun(r)}`).not.toBeNull()
    const report = readReport(r.reportDir)
    expect(report.decision, describeRun(r)).toBe('GO')
    expect(report.exitCode).toBe(0)
    expect({ exitCode: r.exitCode, signal: r.signal }, describeRun(r)).toEqual({ exitCode: 0, signal: null })
  })
})

describe('a signal while the final documents are written', () => {
  test('Ctrl-C the moment samples.ndjson is written: the writing completes, every document and the last line say the exit code the shell sees', async () => {
    // The verdict is decided, samples.ndjson is its first document; junit.xml comes last, written asynchronously. A
    // signal there once exited 0 with no verdict line and junit.xml still the run's "running" stand-in beside a JSON
    // GO (review 2026-12-05).
    const ref = await target()
    const reportDir = tempDir('final-window')
    const samples = join(reportDir, 'samples.ndjson')
    let printedAtSignal: string | null = null
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_QUESTIONS: writeBank(pick('q01')), VALIDATION_WARMUP: '0' },
      reportDir,
      interrupt: {
        when: ({ stdout }) => {
          if (!existsSync(samples) || statSync(samples).size === 0) return false
          printedAtSignal = stdout
          return true
        },
        watchDir: reportDir,
      },
      hardTimeoutMs: 60_000,
    })
    expect(r.interruptedAtMs, `samples.ndjson was never written\n${describeRun(r)}`).not.toBeNull()
    // Sent before the verdict's last line was printed: inside the window, not after it.
    expect(printedAtSignal ?? '').not.toMatch(/══ GO\b.*\(exit 0\) ══/)
    const report = readReport(r.reportDir)
    expect(report.decision, describeRun(r)).toBe('GO')
    expect({ exitCode: r.exitCode, signal: r.signal }, describeRun(r)).toEqual({ exitCode: report.exitCode, signal: null })
    const junit = readFileSync(join(r.reportDir, 'junit.xml'), 'utf8')
    expect(junit, 'junit.xml is still the stand-in written at the start').not.toMatch(/<property name="state" value="running"\/>/)
    expect(junit).toMatch(/<property name="decision" value="GO"\/>/)
    expect(junit).toMatch(new RegExp(`<property name="exitCode" value="${report.exitCode}"/>`))
    expect(r.stdout.trim().split('\n').pop()).toMatch(new RegExp(`^══ GO\\b.*\\(exit ${report.exitCode}\\) ══$`))
  })
})

describe('an interrupted run keeps what was measured', () => {
  test('an attempt that completed before Ctrl-C is in the report and samples.ndjson, even though its question had not finished', async () => {
    // One question, two measured attempts of ≥ 1.5 s one after the other. The interrupt comes 1 s after the
    // server answered the first one (time for a loaded machine to record it), while the second is still in
    // flight or not yet sent: the first was executed and measured.
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 1500 } }])
    let firstAnsweredAt: number | null = null
    const r = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: writeBank(pick('q01')),
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '0',
      },
      interrupt: {
        when: () => {
          const answered = chatRequests(ref.stats().requests).filter((x) => x.status !== 0).length
          if (answered >= 1 && firstAnsweredAt === null) firstAnsweredAt = performance.now()
          return firstAnsweredAt !== null && performance.now() - firstAnsweredAt >= 1000
        },
      },
      hardTimeoutMs: 60_000,
    })
    expect(
      chatRequests(ref.stats().requests).filter((x) => x.status !== 0),
      'exactly one answer was sent before the interrupt',
    ).toHaveLength(1)
    const report = readReport(r.reportDir)
    expect(report.run.interrupted, describeRun(r)).toBe(true)
    expect(report.decision).toBe('NO-GO')
    // docs/report-contract.md: samples.ndjson has one line per attempt; C1 counts only what really did not run as not executed.
    expect(report.summary.attempts, 'the answered attempt was dropped from the report').toBe(1)
    expect(report.questions[0]!.attempts.map((a) => a.index)).toEqual([0])
    expect(readSamples(r.reportDir).filter((s) => !s.warmup)).toHaveLength(1)
  })
})

describe('a bad configuration', () => {
  let ref: Reference
  let goodBank: string
  let malformedBank: string
  let directoryBank: string
  let unknownIdsTruth: string
  let fileNotDir: string
  let otherUserTruth: string
  beforeAll(async () => {
    ref = await target()
    goodBank = writeBank(pick('q01', 'q04'))
    const dir = tempDir('malformed')
    malformedBank = join(dir, 'questions.json')
    writeFileSync(malformedBank, '{ "questions": [ { "id": "q01", ')
    fileNotDir = join(dir, 'a-file')
    writeFileSync(fileNotDir, 'not a directory')
    directoryBank = join(dir, 'a-directory.json')
    mkdirSync(directoryBank)
    unknownIdsTruth = join(dir, 'truth-unknown-ids.json')
    writeFileSync(unknownIdsTruth, JSON.stringify({ questions: { Q01: { total: 1 }, q1: { total: 1 }, q99: { total: 1 } } }))
    otherUserTruth = join(dir, 'truth-user-2.json')
    writeFileSync(otherUserTruth, JSON.stringify({ account: { userId: 2, asOf: '2026-11-24T12:00:00Z' }, questions: { q01: { total: 2395.22 } } }))
  })

  // Review 2026-12: a truth of user 2 applied to a run as user 1 failed 12 answers with user 2's figures (NO-GO).
  test('VALIDATION_GROUND_TRUTH made for another user: refused in one line naming both ids, before any request', async () => {
    ref.resetStats()
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: goodBank, VALIDATION_GROUND_TRUTH: otherUserTruth, VALIDATION_LOCALE: 'en' },
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('harena-validation: configuration error'))
    expect(lines, describeRun(r)).toEqual([
      `harena-validation: configuration error: VALIDATION_GROUND_TRUTH: ${otherUserTruth} is the ground truth of user 2 (account.userId), this run asks as user 1 (HARENA_USER_ID); expected a ground truth made for user 1, or HARENA_USER_ID=2`,
    ])
    expect(r.stdout + r.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
    expect(ref.stats().requests).toEqual([])
  })

  test('VALIDATION_GROUND_TRUTH keyed by ids the set lacks: the one line names them and the ids the set has', async () => {
    ref.resetStats()
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: goodBank, VALIDATION_GROUND_TRUTH: unknownIdsTruth, VALIDATION_LOCALE: 'en' },
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('harena-validation: configuration error'))
    expect(lines, describeRun(r)).toEqual([
      `harena-validation: configuration error: VALIDATION_GROUND_TRUTH: ${unknownIdsTruth} gives the truth of questions the set does not have: Q01, q1, q99; expected ids of the question set (VALIDATION_QUESTIONS): q01, q04`,
    ])
    expect(ref.stats().requests).toEqual([])
  })

  test('VALIDATION_GROUND_TRUTH silent on a question of the set: every document says its answers were not confronted with the truth', async () => {
    const truth = join(tempDir('truth-partial'), 'truth.json')
    writeFileSync(truth, JSON.stringify({ questions: { q01: {} } }))
    const r = await runSuite({
      env: {
        ...tokenEnv(ref),
        VALIDATION_QUESTIONS: goodBank,
        VALIDATION_GROUND_TRUTH: truth,
        VALIDATION_LOCALE: 'en',
        VALIDATION_SECURITY: 'false',
      },
      hardTimeoutMs: 60_000,
    })
    const json = JSON.parse(readFileSync(join(r.reportDir, REPORT_JSON), 'utf8')) as {
      notes: Array<{ code: string; params: Record<string, unknown> }>
    }
    const note = json.notes.find((n) => n.code === 'note.truth_unconfronted')
    expect(note?.params, describeRun(r)).toEqual({ questions: ['q04'], count: 1 })
    // Under the heading that says figures are compared with the ground truth (Markdown escapes the underscores).
    expect(readFileSync(join(r.reportDir, REPORT_MD), 'utf8')).toContain(
      '- ⚠️ ground truth (VALIDATION\\_GROUND\\_TRUTH): 1 question(s) without expected figures in the file, their answers were not confronted with the truth: q04',
    )
  })

  const cases: Array<[label: string, variable: string, env: () => Record<string, string>]> = [
    ['HARENA_TIMEOUT_MS not a number', 'HARENA_TIMEOUT_MS', () => ({ HARENA_TIMEOUT_MS: 'soon' })],
    ['VALIDATION_CONCURRENCY=0', 'VALIDATION_CONCURRENCY', () => ({ VALIDATION_CONCURRENCY: '0' })],
    ['HARENA_API_CONTRACT unknown', 'HARENA_API_CONTRACT', () => ({ HARENA_API_CONTRACT: 'harena-v9' })],
    ['HARENA_BASE_URL malformed', 'HARENA_BASE_URL', () => ({ HARENA_BASE_URL: 'htp:/127.0.0.1 :8001' })],
    ['VALIDATION_QUESTIONS missing file', 'VALIDATION_QUESTIONS', () => ({ VALIDATION_QUESTIONS: join(tempDir('missing'), 'does-not-exist.json') })],
    ['VALIDATION_QUESTIONS is a directory', 'VALIDATION_QUESTIONS', () => ({ VALIDATION_QUESTIONS: directoryBank })],
    ['VALIDATION_QUESTIONS malformed JSON', 'VALIDATION_QUESTIONS', () => ({ VALIDATION_QUESTIONS: malformedBank })],
    ['VALIDATION_REPORT_DIR is a regular file', 'VALIDATION_REPORT_DIR', () => ({ VALIDATION_REPORT_DIR: fileNotDir })],
    // A JSON file that is not a ground truth: found with the other settings, not after the health check and login.
    ['VALIDATION_GROUND_TRUTH not a ground truth', 'VALIDATION_GROUND_TRUTH', () => ({ VALIDATION_GROUND_TRUTH: 'package.json' })],
    ['VALIDATION_GROUND_TRUTH malformed JSON', 'VALIDATION_GROUND_TRUTH', () => ({ VALIDATION_GROUND_TRUTH: malformedBank })],
    // Keys the question set does not have (another case, another bank): a truth that would confront no answer.
    ['VALIDATION_GROUND_TRUTH ids the set lacks', 'VALIDATION_GROUND_TRUTH', () => ({ VALIDATION_GROUND_TRUTH: unknownIdsTruth })],
    // Another user's figures (account.userId 2, the run asks as user 1): every answer would fail against them.
    ['VALIDATION_GROUND_TRUTH of another user', 'VALIDATION_GROUND_TRUTH', () => ({ VALIDATION_GROUND_TRUTH: otherUserTruth })],
    // A missing baseline outside the report directory: nothing there is the user's evidence, earlier reports go.
    [
      'VALIDATION_BASELINE missing file',
      'VALIDATION_BASELINE',
      () => ({ VALIDATION_BASELINE: join(tempDir('no-baseline'), 'validation-report.json') }),
    ],
  ]

  test('--retry on the command line (it would drop a failed first try) → exit 1, one line in French, the same in the report, no request sent', async () => {
    ref.resetStats()
    // VALIDATION_LOCALE unset: a French run, so a French line.
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: goodBank },
      extraArgs: ['--retry=2'],
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const line = r.stderr.split('\n').find((l) => l.startsWith('harena-validation: ')) ?? ''
    expect(line).toBe(
      "harena-validation: erreur de configuration : --retry=2 n'est pas permis : une nouvelle tentative cacherait un échec ; lancez sans --retry",
    )
    expect(r.stdout + r.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
    // The report says what the terminal said, word for word, and knows it as a configuration error by its code.
    const report = readReport(r.reportDir)
    expect(report.reasons[0]).toBe(line.slice('harena-validation: '.length))
    expect(report.reasonCodes[0]?.code).toBe('verdict.configuration_error')
    expect(report.run.harnessErrors).toEqual([report.reasons[0]])
    // Nothing English in this French report (its target too: the embedded service was never started).
    const markdown = readFileSync(join(r.reportDir, REPORT_MD), 'utf8')
    expect(englishIn(`${markdown}\n${jsonForPeople(readFileSync(join(r.reportDir, REPORT_JSON), 'utf8'))}\n${r.stderr}`)).toEqual([])
    expect(ref.stats().requests).toEqual([])
  })

  test('--retry without HARENA_BASE_URL: the report of a French run names the embedded service it never started in French', async () => {
    const r = await runSuite({ env: { VALIDATION_QUESTIONS: goodBank }, extraArgs: ['--retry=1'], hardTimeoutMs: 60_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const markdown = readFileSync(join(r.reportDir, REPORT_MD), 'utf8')
    expect(markdown).toContain('> Cible : service de référence embarqué (non démarré) — contrat harena-v2')
    expect(englishIn(`${markdown}\n${jsonForPeople(readFileSync(join(r.reportDir, REPORT_JSON), 'utf8'))}`)).toEqual([])
  })

  /** A run with a refused command-line flag into a directory holding an earlier run's GO; the lines it printed. */
  async function refusedFlagRun(prefix: string, args: string[]) {
    ref.resetStats()
    const reportDir = tempDir(prefix)
    for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml']) writeFileSync(join(reportDir, name), 'earlier run: GO')
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: goodBank, VALIDATION_LOCALE: 'en' },
      reportDir,
      extraArgs: args,
      refusedReporter: true,
      hardTimeoutMs: 60_000,
    })
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
    return { r, reportDir, lines }
  }

  test.each([
    ['--reporter=dot'],
    // Vitest's `run` command knows no `--reporters` (it stops on it by itself: "Unknown option"); the other form is this.
    ['--reporter', 'verbose'],
  ])(
    '%s on the command line (it would drop the verdict reporter and its exit code) → exit 1, one line, the earlier report replaced, no request sent',
    async (...args) => {
      // Yesterday's GO sits in the report directory: it must not pass for this run's report.
      const { r, lines } = await refusedFlagRun('stale-reporter', args)
      expect(r.exitCode, describeRun(r)).toBe(1)
      const shown = args.length === 1 ? args[0]! : `--reporter=${args[1]}`
      expect(lines, describeRun(r)).toHaveLength(1)
      expect(lines[0]).toContain(`harena-validation: configuration error: ${shown} is not allowed: it replaces the configured reporters`)
      expect(lines[0]).toMatch(
        /run without --reporter: the reporters are configured and already write the report as Markdown, JSON, HTML and junit.xml/,
      )
      expect(r.stdout + r.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
      // As after a refused --retry: this run's report (incomplete, never GO, exit 1) replaces the earlier one.
      const report = readReport(r.reportDir)
      expect(report.decision).not.toBe('GO')
      expect(report.run.complete).toBe(false)
      expect(report.exitCode).toBe(1)
      // The English run's report says the terminal's English line.
      expect(report.reasons[0]).toBe(lines[0]!.slice('harena-validation: '.length))
      for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml'])
        expect(readFileSync(join(r.reportDir, name), 'utf8'), `${name} is the earlier run's`).not.toBe('earlier run: GO')
      expect(ref.stats().requests).toEqual([])
    },
  )

  // A newcomer's walk (2026-12-05): `--reporter=blob` without --shard exited 0 with no verdict, a NO-GO run included,
  // and left the earlier GO in the report directory. Only a shard writes a blob; this is refused like any --reporter.
  test('--reporter=blob without --shard → exit 1, one line naming the sharded form, the earlier report replaced by a NO-GO stand-in, no request sent', async () => {
    ref.resetStats()
    const reportDir = tempDir('stale-blob-unsharded')
    for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml']) writeFileSync(join(reportDir, name), 'earlier run: GO')
    const blob = join(tempDir('blob-unsharded'), 'blob.json')
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: goodBank, VALIDATION_LOCALE: 'en' },
      reportDir,
      extraArgs: ['--reporter=blob', `--outputFile.blob=${blob}`],
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
    expect(lines, describeRun(r)).toEqual([
      `harena-validation: configuration error: --reporter=blob without --shard is not allowed: it replaces the configured reporters and drops the verdict and its exit code; --reporter=blob is for a shard (--shard=i/n), whose merge (--merge-reports) gives the verdict; otherwise run without --reporter: the report is written as Markdown, JSON, HTML and junit.xml in ${reportDir}`,
    ])
    const report = readReport(reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.exitCode).toBe(1)
    expect(report.reasons[0]).toBe(lines[0]!.slice('harena-validation: '.length))
    for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml'])
      expect(readFileSync(join(reportDir, name), 'utf8'), `${name} is the earlier run's`).not.toBe('earlier run: GO')
    expect(existsSync(blob)).toBe(false)
    expect(ref.stats().requests).toEqual([])
  })

  // A review: `--testTimeout=1000` against answers in ~1.2 s gave a NO-GO of the service (10 questions "not
  // executed", no cause) while the target answered every request. Vitest's time limits are refused like --retry.
  test.each([['--testTimeout=1000'], ['--hookTimeout', '500']])(
    '%s on the command line (Vitest would end questions mid-run) → exit 1, one line naming the flag, the earlier report replaced, no request sent',
    async (...args) => {
      ref.resetStats()
      const reportDir = tempDir('stale-timeout')
      for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml']) writeFileSync(join(reportDir, name), 'earlier run: GO')
      const r = await runSuite({
        env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: goodBank, VALIDATION_LOCALE: 'en' },
        reportDir,
        extraArgs: args,
        hardTimeoutMs: 60_000,
      })
      expect(r.exitCode, describeRun(r)).toBe(1)
      const given = args.length === 1 ? args[0]! : `${args[0]}=${args[1]}`
      const flag = given.split('=')[0]!
      const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
      expect(lines, describeRun(r)).toEqual([
        `harena-validation: configuration error: ${given} is not allowed: Vitest would end a question still waiting its turn or its answer and count it not executed, with no cause, against the service; the request deadline is HARENA_TIMEOUT_MS; run without ${flag}`,
      ])
      expect(r.stdout + r.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
      const report = readReport(r.reportDir)
      expect(report.exitCode).toBe(1)
      expect(report.run.complete).toBe(false)
      expect(report.reasons[0]).toBe(lines[0]!.slice('harena-validation: '.length))
      for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml'])
        expect(readFileSync(join(r.reportDir, name), 'utf8'), `${name} is the earlier run's`).not.toBe('earlier run: GO')
      expect(ref.stats().requests).toEqual([])
    },
  )

  // A review: `-t q07 --reporter=verbose` (or `--testTimeout`) replaced the release report with a configuration-error
  // NO-GO, though an exploratory run leaves the release report untouched (README). Refused alike, the documents kept.
  test.each([
    ['-t', 'q07', '--reporter=verbose'],
    ['-t', 'q07', '--testTimeout=5'],
  ])('an exploratory run (%s %s) with a refused flag → exit 1, one line, the release report untouched', async (...args) => {
    const { r, reportDir, lines } = await refusedFlagRun('stale-exploratory', args)
    expect(r.exitCode, describeRun(r)).toBe(1)
    expect(lines, describeRun(r)).toHaveLength(1)
    expect(lines[0]).toContain(`configuration error: ${args[2]!.split('=')[0]}`)
    for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml'])
      expect(readFileSync(join(reportDir, name), 'utf8'), `${name} is the earlier run's`).toBe('earlier run: GO')
    expect(existsSync(join(reportDir, 'exploratory', REPORT_JSON))).toBe(false)
    expect(ref.stats().requests).toEqual([])
  })

  // The line follows VALIDATION_LOCALE when that variable is valid (its default, French, when unset), and is English
  // when VALIDATION_LOCALE itself is the bad value: no language is known then. Each names the variable and what it accepts.
  test.each([
    [
      'unset (French)',
      { VALIDATION_ITERATIONS: '0' },
      'harena-validation: erreur de configuration : VALIDATION_ITERATIONS="0" est invalide (inférieur à 1) ; attendu : un nombre entier de 1 à 1000.',
    ],
    [
      'en',
      { VALIDATION_ITERATIONS: '0', VALIDATION_LOCALE: 'en' },
      'harena-validation: configuration error: VALIDATION_ITERATIONS="0" is invalid (below 1); expected a whole number from 1 to 1000.',
    ],
    [
      'the bad value (English)',
      { VALIDATION_LOCALE: 'de' },
      'harena-validation: configuration error: VALIDATION_LOCALE="de" is invalid (not one of the accepted values); expected fr | en.',
    ],
  ])('VALIDATION_LOCALE %s: the configuration error line is in that language', async (_label, overrides, expected) => {
    const r = await runSuite({ env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: goodBank, ...overrides }, hardTimeoutMs: 60_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    expect(r.stderr.split('\n').filter((l) => l.startsWith('harena-validation:'))).toEqual([expected])
  })

  // The embedded service's settings are checked with the others (review 2026-12-05: the cost line, promising requests,
  // came first, then the error; REFERENCE_FAULTS's was English in a French run). One line, in the run's language.
  test.each<[Record<string, string>, string]>([
    [{ REFERENCE_NOW: 'yesterday' }, 'REFERENCE_NOW="yesterday" est invalide (pas une date) ; attendu : une date ISO 8601'],
    [{ REFERENCE_FAULTS: 'notjson' }, 'REFERENCE_FAULTS est invalide (pas du JSON : '],
    [{ REFERENCE_FAULTS: 'notjson', VALIDATION_LOCALE: 'en' }, 'REFERENCE_FAULTS is invalid (not JSON: '],
    [{ REFERENCE_TOKEN_MAX_USES: '0' }, 'REFERENCE_TOKEN_MAX_USES="0" est invalide (inférieur à 1) ; attendu : un nombre entier de 1 à 1000000.'],
    [
      { REFERENCE_STREAM_CHUNK_MS: '-5' },
      'REFERENCE_STREAM_CHUNK_MS="-5" est invalide (inférieur à 0) ; attendu : un nombre entier de millisecondes',
    ],
  ])('embedded service %o → exit 1, one line and no cost line before it', async (overrides, expected) => {
    const r = await runSuite({ env: { VALIDATION_QUESTIONS: goodBank, ...overrides }, hardTimeoutMs: 60_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('harena-validation:'))
    expect(lines, describeRun(r)).toHaveLength(1)
    expect(lines[0]).toContain(expected)
    expect(lines[0]).toMatch(overrides.VALIDATION_LOCALE === 'en' ? /; expected a JSON array/ : /\) ; attendu : /)
  })

  // Found 2026-12-06: REFERENCE_CONTRACT=harena-v3 was ignored by the suite (its embedded service speaks
  // HARENA_API_CONTRACT's generation) and the run said GO — of harena-v2, read as one of v3.
  test('REFERENCE_CONTRACT naming another generation than HARENA_API_CONTRACT → exit 1, one line; the same one → a run', async () => {
    const r = await runSuite({ env: { VALIDATION_QUESTIONS: goodBank, REFERENCE_CONTRACT: 'harena-v3' }, hardTimeoutMs: 60_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('harena-validation:'))
    expect(lines, describeRun(r)).toEqual([
      'harena-validation: erreur de configuration : REFERENCE_CONTRACT="harena-v3" n\'est pas la génération validée (HARENA_API_CONTRACT=harena-v2) : le service de référence embarqué parle celle de HARENA_API_CONTRACT ; pour valider une autre génération, réglez HARENA_API_CONTRACT (REFERENCE_CONTRACT ne vaut que pour `npm run reference`).',
    ])
    const same = await runSuite({
      env: { VALIDATION_QUESTIONS: goodBank, REFERENCE_CONTRACT: 'harena-v3', HARENA_API_CONTRACT: 'harena-v3' },
      hardTimeoutMs: 60_000,
    })
    expect(readReport(same.reportDir).target.contract, describeRun(same)).toBe('harena-v3')
    expect(same.exitCode).not.toBe(1)
  })

  test.each(cases)('%s → exit 1, one line naming the variable, no request sent', async (_label, variable, env) => {
    ref.resetStats()
    const overrides = env()
    // Yesterday's GO sits in the report directory: it must not pass for this run's report.
    const reportDir = tempDir('stale')
    for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml']) writeFileSync(join(reportDir, name), 'earlier run: GO')
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: goodBank, ...overrides },
      reportDir,
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes(variable))
    expect(lines.length, `no line names ${variable}\n${describeRun(r)}`).toBeGreaterThanOrEqual(1)
    // One readable line: no stack trace, no dump of the config.
    expect(r.stderr + r.stdout, describeRun(r)).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    expect(lines[0]!.length).toBeLessThan(400)
    // A configuration error is never a verdict on the service: if a report exists at all, it is not GO, says
    // the run is incomplete and carries exit 1 (configuration/harness error), not 0, 2 or 3.
    if (existsSync(join(r.reportDir, REPORT_JSON))) {
      const report = readReport(r.reportDir)
      expect(report.decision).not.toBe('GO')
      expect(report.run.complete).toBe(false)
      expect(report.exitCode).toBe(1)
    }
    if (variable !== 'VALIDATION_REPORT_DIR')
      for (const name of [REPORT_JSON, REPORT_MD, 'samples.ndjson', 'junit.xml'])
        if (existsSync(join(r.reportDir, name)))
          expect(readFileSync(join(r.reportDir, name), 'utf8'), `${name} is the earlier run's`).not.toBe('earlier run: GO')
    // Nothing reached the target.
    expect(ref.stats().requests).toEqual([])
  })
})
