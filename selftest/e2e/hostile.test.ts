// Reliability proofs, part 6: hostile content — answers carrying <script>, Markdown/HTML injection, control
// characters and bodies of several MB, and a question file whose message is itself hostile. The reports must
// stay well-formed (valid JSON, intact Markdown tables with escaped cells, well-formed junit XML), bounded in
// size, and the child must end normally (no crash, no out-of-memory).
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  allFiles,
  cleanupTemp,
  describeRun,
  JUNIT,
  pick,
  readReport,
  readSamples,
  REPORT_JSON,
  REPORT_MD,
  runSuite,
  SAMPLES,
  writeBank,
} from './harness.ts'
import { CONTROL, markdownTableProblems, RAW_HTML, xmlProblems } from './wellformed.ts'
import { rawChat, fileTargets, tokenEnv, trafficViolations, type FaultRule } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('hostile content', () => {
  test('script / Markdown / control-character / multi-MB answers and a hostile question: reports stay well-formed and bounded', async () => {
    const [q01, q04, q07, q11, q02] = pick('q01', 'q04', 'q07', 'q11', 'q02')
    const HUGE = 6 * 1024 * 1024 // under the client's body cap: fully read and parsed
    const HUGER = 12 * 1024 * 1024 // over it: reading must stop, memory stays bounded
    const rules: FaultRule[] = [
      { match: q01!.message, fault: { kind: 'hostile', payload: 'script' } },
      { match: q04!.message, fault: { kind: 'hostile', payload: 'markdown' } },
      { match: q07!.message, fault: { kind: 'hostile', payload: 'control' } },
      { match: q11!.message, fault: { kind: 'hostile', payload: 'huge', sizeBytes: HUGE } },
      { match: q02!.message, fault: { kind: 'hostile', payload: 'huge', sizeBytes: HUGER } },
    ]
    const ref = await target(rules)
    // A question file is input too: a message that tries to break the table, inject HTML and a link, and
    // smuggle a control character (the bell and bidi overrides come from the target's 'control' payload, so the
    // terminal check below is about what the TARGET sent).
    const hostileQuestion = {
      id: 'hx1',
      category: 'by_merchant',
      message: 'Mes dépenses | chez `Carrefour` <img src=x onerror=alert(1)> [clic](javascript:alert(1)) **gras**\n| a | b |\u0001',
      expectedIntent: null,
      expectsData: null,
      edgeCase: true,
    }
    // The target echoes the question in its body: with a malformed-JSON fault on this one, the echoed hostile
    // text comes back in the raw evidence (first bytes of the body) that the reports quote.
    const echoedQuestion = {
      id: 'hx2',
      category: 'by_merchant',
      message: 'Mes dépenses chez <img src=x onerror=alert(1)> | `code` **gras** <svg onload=alert(2)> | fin',
      expectedIntent: null,
      expectsData: null,
      edgeCase: true,
    }
    ref.setFaults([...rules, { match: 'svg onload', fault: { kind: 'malformedJson' } }])
    const bank = writeBank([q01!, q04!, q07!, q11!, q02!, hostileQuestion, echoedQuestion])
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '15000',
        VALIDATION_QUESTIONS: bank,
        VALIDATION_ITERATIONS: '1',
        VALIDATION_WARMUP: '0',
        VALIDATION_LOCALE: 'fr',
      },
      hardTimeoutMs: 90_000,
    })

    // The faults are live: the answers really carry what they claim (checked outside the suite).
    const script = await rawChat(ref, q01!.message)
    expect(script.body).toMatch(/<script/i)
    const huge = await rawChat(ref, q11!.message)
    expect(huge.body.length).toBeGreaterThanOrEqual(HUGE)

    // The child ended on its own with a verdict (no crash, no OOM kill): exit 0/2/3, equal to the report's.
    expect(run.killed, describeRun(run)).toBe(false)
    expect(run.signal).toBeNull()
    expect([0, 2, 3], describeRun(run)).toContain(run.exitCode)
    const report = readReport(run.reportDir) // valid JSON and valid against both schemas
    expect(report.exitCode).toBe(run.exitCode)
    expect(report.questions.map((q) => q.id)).toEqual(['q01', 'q04', 'q07', 'q11', 'q02', 'hx1', 'hx2'])
    expect(report.questions.find((q) => q.id === 'hx1')?.message).toBe(hostileQuestion.message) // JSON keeps it, escaped
    expect(readSamples(run.reportDir)).toHaveLength(7)
    // The echoed hostile text really is in the evidence the reports quote (so the checks below are not vacuous).
    const echoed = report.criticalBugs.find((b) => b.questionId === 'hx2')
    expect(echoed?.kind).toBe('invalid_json')
    expect(echoed?.evidence).toContain('<svg onload=alert(2)>')

    // Markdown: every table intact, cells escaped, no live HTML, no control characters.
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(markdownTableProblems(md)).toEqual([])
    expect(md).not.toMatch(RAW_HTML)
    expect(md).not.toMatch(CONTROL)
    // No live javascript: link: an unescaped `](javascript:` would make one (an escaped `\]` is literal text).
    expect(md).not.toMatch(/(?<!\\)\]\(\s*javascript:/i)
    expect(md).toContain('hx1')
    expect(md, 'the echoed evidence of hx2 is quoted in the Markdown, escaped').toMatch(/hx2[^\n]*svg onload/)

    // junit.xml: well-formed (Vitest escapes names and annotation messages).
    expect(xmlProblems(readFileSync(join(run.reportDir, JUNIT), 'utf8'))).toEqual([])

    // Bounded: a 12 MB answer leaves no multi-MB trace in any report file.
    for (const name of [REPORT_JSON, REPORT_MD, SAMPLES, JUNIT]) expect(statSync(join(run.reportDir, name)).size, name).toBeLessThan(1024 * 1024)
    for (const [path, text] of allFiles(run.reportDir)) expect(text.length, path).toBeLessThan(2 * 1024 * 1024)
    // The terminal gets no bell, escape sequence from the target, or bidi override.
    expect(run.stdout + run.stderr).not.toMatch(/[\u0007\u202e]|\u001b\]/)
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })
})
