// A password made of words the answers use, end to end (docs/report-contract.md "Judged as said, written scrubbed"):
// the REAL suite (Vitest as a child process) logs in to the REAL reference service (its today pinned) whose demo
// user's password is the name and year of its current month, or a merchant the plan asks about. The suite scrubbed
// answers before judging them: every v3 answer (« du 1er au 24 *** ») was shorter than the length it states —
// "truncated", NO-GO on a healthy service — and v2's « Mes dépenses chez *** » an answer to another question. Each run
// is compared with the same run under a random password: the same verdict, question by question and failure by
// failure, and no output (report files, evidence, junit, samples, terminal) holds the password — not where the service
// echoed it as the password, and not where an answer spells it as words either (what is written stays scrubbed; the
// judge alone reads the answer as it came).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { groundTruthOf } from '../../fixtures/reference/ground-truth.ts'
import type { ReferenceContract } from '../../fixtures/reference/generations/index.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { adapterFor } from '../../tests/support/adapters/index.ts'
import { HarenaClient } from '../../tests/support/client.ts'
import { leakIn } from '../leaks.ts'
import {
  allFiles,
  attemptsOf,
  cleanupTemp,
  describeRun,
  planQuestions,
  readReport,
  runSuite,
  type SuiteRun,
  tempDir,
  type ValidationReport,
  writeBank,
} from './harness.ts'
import { fileProxies } from './proxy.ts'
import { DEMO, REFERENCE_NOW } from './target.ts'

const RANDOM = 'Xk7QmZp2Lr9vTq'
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})
const proxied = fileProxies()

const capitalized = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1)
/** The reference's current month and year as a person would make a password of them: "Novembre2026!". */
const monthPassword = `${capitalized(new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(REFERENCE_NOW))}${REFERENCE_NOW.getUTCFullYear()}!`
/** A merchant the plan asks about, as a password: "Carrefour!". */
const merchantPassword = `${
  /chez (\p{Lu}\p{Ll}{6,})/u.exec(
    planQuestions()
      .map((q) => q.message)
      .join('\n'),
  )?.[1]
}!`

/** The reference speaking `contract`, its today pinned, whose demo users log in with `password`. */
async function reference(contract: ReferenceContract, password: string) {
  const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, contract, password })
  closers.push(() => ref.close())
  return ref
}

/** A run of the whole plan against `url` as the demo user with `password`, confronted with the reference's own truth. */
async function runAgainst(url: string, password: string, contract: ReferenceContract, truth: unknown): Promise<SuiteRun> {
  const truthPath = join(tempDir('truth'), 'truth.json')
  writeFileSync(truthPath, JSON.stringify(truth))
  return runSuite({
    env: {
      HARENA_BASE_URL: url,
      HARENA_USERNAME: DEMO.user1.username,
      HARENA_PASSWORD: password,
      HARENA_USER_ID: '1',
      HARENA_API_CONTRACT: contract,
      HARENA_TIMEOUT_MS: '15000',
      VALIDATION_QUESTIONS: writeBank(planQuestions()),
      VALIDATION_GROUND_TRUTH: truthPath,
      VALIDATION_WARMUP: '0',
      VALIDATION_LOCALE: 'en',
      // Latency is not what this proof is about: a loaded machine keeps every latency criterion passing.
      VALIDATION_P95_GO_MS: '30000',
      VALIDATION_P95_NOGO_MS: '60000',
    },
    hardTimeoutMs: 150_000,
  })
}

/** The text of what the reference at `url` (v3) answers plan question `id` for the demo user logging in with `password`. */
async function answerText(url: string, password: string, id: string): Promise<string> {
  const adapter = adapterFor('harena-v3')
  const client = new HarenaClient({ baseUrl: url, timeoutMs: 10_000 })
  try {
    const login = await client.request(adapter.loginRequest(DEMO.user1.username, password))
    if (login.kind !== 'response') throw new Error(`login: ${login.kind}`)
    const token = (JSON.parse(login.exchange.bodyText) as { access_token: string }).access_token
    const message = planQuestions().find((q) => q.id === id)?.message as string
    const answer = await client.request(adapter.chatRequest({ message, userId: 1, authorization: `Bearer ${token}` }))
    if (answer.kind !== 'response') throw new Error(`chat: ${answer.kind}`)
    return (JSON.parse(answer.exchange.bodyText) as { response: { message: string } }).response.message
  } finally {
    await client.close()
  }
}

/** What the verdict reads of a run: the decision, and per question and attempt, success and failure codes. */
const verdictOf = (report: ValidationReport) => ({
  decision: report.decision,
  attempts: attemptsOf(report).map((a) => [a.questionId, a.ok, a.failureCodes]),
})

/** Every output of a run that holds the password, with what a reader recovers of it (selftest/leaks.ts). */
function leaksOf(run: SuiteRun, password: string): string[] {
  const places: Array<[string, string]> = [...allFiles(run.reportDir), ['stdout', run.stdout], ['stderr', run.stderr]]
  return places.flatMap(([where, text]) => {
    const leak = leakIn(text, password, 16)
    return leak === null ? [] : [`${where}: ${leak}`]
  })
}

describe('a password made of words the answers use', () => {
  test(`harena-v3, the month and year of the service's today (${monthPassword}): judged as with a random password, written without it`, async () => {
    const runs = []
    let url = ''
    for (const password of [RANDOM, monthPassword]) {
      const ref = await reference('harena-v3', password)
      runs.push(await runAgainst(ref.url, password, 'harena-v3', groundTruthOf(ref.dataset, 1, planQuestions())))
      url = ref.url
    }
    const [random, human] = runs as [SuiteRun, SuiteRun]
    // A healthy service: every answer succeeds under a random password.
    expect(
      attemptsOf(readReport(random.reportDir)).every((a) => a.ok),
      describeRun(random),
    ).toBe(true)
    expect(verdictOf(readReport(human.reportDir)), describeRun(human)).toEqual(verdictOf(readReport(random.reportDir)))
    // The answers really spell it: « (du 1er au 24 novembre 2026) » in nearly every one.
    const spelled = `${monthPassword.slice(0, -5).toLowerCase()} ${REFERENCE_NOW.getUTCFullYear()}`
    for (const id of ['q02', 'q04', 'q08']) expect(await answerText(url, monthPassword, id)).toContain(spelled)
    expect(leaksOf(human, monthPassword)).toEqual([])
  })

  test(`harena-v2, a merchant the plan asks about (${merchantPassword}), the service echoing the password in a cut answer: the same verdict, the echo masked`, async () => {
    const runs = []
    for (const password of [RANDOM, merchantPassword]) {
      const ref = await reference('harena-v2', password)
      // q01's answer echoes the run's password and stops mid-sentence: a real failure, whose evidence and reasons
      // quote the answer — with the password in it.
      const asked = planQuestions().find((q) => q.id === 'q01')?.message as string
      const proxy = await proxied(ref.url, (r) =>
        r.chatIndex === null || !r.body.includes(asked)
          ? { kind: 'forward' }
          : {
              kind: 'rewrite',
              rewrite: (status, body, headers) => {
                const answer = JSON.parse(body) as { response: { message: string } }
                answer.response.message = `Votre mot de passe ${password} est enregistré. ${answer.response.message} Et`
                return { status, body: JSON.stringify(answer), headers }
              },
            },
      )
      runs.push(await runAgainst(proxy.url, password, 'harena-v2', groundTruthOf(ref.dataset, 1, planQuestions())))
    }
    const [random, human] = runs as [SuiteRun, SuiteRun]
    const randomVerdict = verdictOf(readReport(random.reportDir))
    expect(randomVerdict.attempts.find(([id]) => id === 'q01')?.[1], describeRun(random)).toBe(false) // the echo really failed q01
    expect(verdictOf(readReport(human.reportDir)), describeRun(human)).toEqual(randomVerdict)
    // The echo reached the reports (the failure quotes the answer), masked; no output holds the password, the
    // question that names it included.
    expect(allFiles(human.reportDir).some(([, text]) => text.includes('Votre mot de passe *** est'))).toBe(true)
    expect(leaksOf(human, merchantPassword)).toEqual([])
  })
})
