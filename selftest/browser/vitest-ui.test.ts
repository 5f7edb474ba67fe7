// Vitest UI (`npx vitest --ui --watch`, README) in a real browser: the REAL suite runs in watch mode with the UI as a
// child process against the REAL reference service, one question made to fail; headless Chromium opens the UI, clicks
// a question's test and reads its Report tab. Proved: each question's test shows the annotations the suite recorded for
// it (the same messages junit.xml carries as <property>: intent, visualizations, latency, and the failure reasons of
// the failed question), the failed question is marked failed, and no secret of the run appears anywhere in the UI's
// text, test metadata included. And the release decision is on the UI's pages (reporters/ui-decision.ts): a NO-GO
// whose tests all passed (a latency criterion) shows in the dashboard's unhandled-errors panel with its reason, on the
// page that watched the run and on one opened after it, and in the Console of a validation file; a GO shows there as
// GO and puts nothing in the errors panel.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, REPORT_JSON, ROOT, readReport, runSuite, tempDir, writeBank } from '../e2e/harness.ts'
import { closedPort, fileTargets, tokenEnv } from '../e2e/target.ts'
import { readJunit } from '../suite/runtime/junit.ts'
import { browserForFile } from './chromium.ts'

const VITEST_BIN = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
const target = fileTargets()
const chrome = browserForFile()
afterAll(cleanupTemp)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The decision of the first (whole) run, once its report is written; null while in progress. */
function decisionIn(reportDir: string): string | null {
  try {
    const json = JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8')) as { decision?: string | null }
    return json.decision ?? null
  } catch {
    return null
  }
}

/** junit.xml's annotations of the question `id`: [type, message] in order. */
function junitAnnotations(reportDir: string, id: string): Array<[string, string]> {
  const found = readJunit(reportDir).find((c) => c.name.includes(`> ${id} · `))
  if (!found) throw new Error(`no testcase ${id} in junit.xml`)
  return found.properties.map((p) => [p.name, p.value])
}

/** Clicks the test whose title starts with `title` in the UI's explorer; returns the page's visible text after. */
async function openTest(page: Page, title: string): Promise<string> {
  const entry = await page.waitForSelector(`::-p-text(${title})`, { timeout: 30_000 })
  if (!entry) throw new Error(`${title} not in the UI`)
  await entry.click()
  await page.waitForFunction(`document.body.innerText.includes('${title}') && location.hash.includes('test=')`, { timeout: 30_000 })
  // The Report tab renders the annotations once the test's result has reached the page.
  await page.waitForFunction(`/intent/.test(document.body.innerText)`, { timeout: 30_000 })
  return (await page.evaluate('document.body.innerText')) as string
}

describe('Vitest UI in headless Chromium', () => {
  test("each question's test shows its annotations and failure reasons; no secret in the UI", async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    if (!chrome.browser) throw new Error('no browser')
    const [q01, q07] = pick('q01', 'q07')
    const ref = await target([{ match: q07!.message, fault: { kind: 'fallback', stage: 'response' } }])
    const env = tokenEnv(ref)
    const port = await closedPort() // free: bound, then released
    const reportDir = tempDir('ui-report')
    let uiRead = false
    let texts: { passed: string; failed: string } | null = null
    let failure: unknown = null

    const run = runSuite({
      env: { ...env, VALIDATION_QUESTIONS: writeBank([q01!, q07!]), VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0' },
      reportDir,
      nodeArgs: [VITEST_BIN, '--ui', '--watch', '--open=false', `--api.port=${port}`, '--api.host=127.0.0.1'],
      // The UI server stays up until told: the proof reads it, then stops it like Ctrl-C.
      interrupt: { when: () => uiRead, signal: 'SIGINT' },
      hardTimeoutMs: 150_000,
    })
    try {
      const deadline = Date.now() + 120_000
      while (decisionIn(reportDir) === null && Date.now() < deadline) await sleep(200)
      expect(decisionIn(reportDir), 'the watch run wrote no decision').toBe('NO-GO')
      const page = await chrome.browser.newPage()
      await page.setViewport({ width: 1400, height: 1000 })
      // Fonts from the network fail offline; nothing the proof reads depends on them.
      await page.goto(`http://127.0.0.1:${port}/__vitest__/`, { waitUntil: 'domcontentloaded' })
      const passed = await openTest(page, q01!.id)
      const failed = await openTest(page, q07!.id)
      texts = { passed, failed }
      await page.close()
    } catch (error) {
      failure = error
    } finally {
      uiRead = true
    }
    const done = await run
    if (failure) throw new Error(`${String(failure)}\n${describeRun(done)}`)
    if (!texts) throw new Error('the UI was not read')

    for (const [id, text] of [
      [q01!.id, texts.passed],
      [q07!.id, texts.failed],
    ] as const) {
      const annotations = junitAnnotations(reportDir, id)
      const types = annotations.map(([type]) => type)
      expect(types, id).toEqual(expect.arrayContaining(['intent', 'visualizations', 'latency']))
      for (const [type, message] of annotations) {
        expect(text, `${id}: the UI lacks its ${type} annotation`).toContain(type)
        expect(text, `${id}: the UI lacks its ${type} annotation`).toContain(message)
      }
    }
    // The explorer counts the failed question's spec file as failed, the other as passed.
    expect(texts.failed).toMatch(/FAIL \(1\)/)
    expect(texts.failed).toMatch(/PASS \(1\)/)
    // The failed question's reasons are there, and they are the report's own.
    const failedAnnotations = junitAnnotations(reportDir, q07!.id).filter(([type]) => type === 'failure')
    expect(failedAnnotations.length).toBeGreaterThan(0)
    const report = readReport(reportDir)
    const q07Report = report.questions.find((q) => q.id === q07!.id)
    expect(q07Report?.attempts.some((a) => !a.ok)).toBe(true)
    expect(junitAnnotations(reportDir, q01!.id).some(([type]) => type === 'failure')).toBe(false)

    // No secret: the bearer token and its signature never appear in what the UI shows (its test metadata included).
    const token = env.HARENA_API_TOKEN as string
    const signature = token.split('.').at(-1) as string
    for (const text of [texts.passed, texts.failed]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(signature)
    }
  }, 240_000)
})

/** Opens the UI as soon as its server answers (the run is then still going: every answer is slowed down). */
async function openUi(page: Page, port: number): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      await page.goto(`http://127.0.0.1:${port}/__vitest__/`, { waitUntil: 'domcontentloaded' })
      // Connected: the explorer lists the spec files it got over the websocket.
      await page.waitForFunction(`document.body.innerText.includes('.spec.ts')`, { timeout: 30_000 })
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(200)
    }
  }
}

/** The dashboard's text with its folded parts (the errors list is a closed <details>) unfolded. */
async function dashboardText(page: Page): Promise<string> {
  await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true })')
  return (await page.evaluate('document.body.innerText')) as string
}

/** The Console tab of the explorer's first file (its "open details" button): where the decision's console line goes. */
async function firstFileConsole(page: Page): Promise<string> {
  const item = await page.waitForSelector('[data-testid=explorer-item]', { timeout: 30_000 })
  await item!.hover()
  const details = await page.waitForSelector('[data-testid=btn-open-details]', { timeout: 30_000 })
  await details!.click()
  const tab = await page.waitForSelector('::-p-text(Console)', { timeout: 30_000 })
  await tab!.click()
  await page.waitForFunction(`document.body.innerText.includes('Harena validation:')`, { timeout: 30_000 })
  return (await page.evaluate('document.body.innerText')) as string
}

interface UiSession {
  decision: string | null
  /** The UI page was connected before the run's decision was written: it learnt the end over its websocket. */
  watchedTheEnd: boolean
  live: string
  reloaded: string
  console: string
}

/** One UI session of the real suite over `ids`, every answer slowed by `latencyMs`; the UI read live and reloaded. */
async function uiSession(ids: string[], latencyMs: number, env: Record<string, string>): Promise<UiSession> {
  if (!chrome.browser) throw new Error('no browser')
  const questions = pick(...ids)
  const ref = await target([{ fault: { kind: 'latency', ms: latencyMs } }])
  const port = await closedPort()
  const reportDir = tempDir('ui-decision')
  let done = false
  const run = runSuite({
    env: {
      ...tokenEnv(ref),
      ...env,
      VALIDATION_QUESTIONS: writeBank(questions.map((q) => q!)),
      VALIDATION_ITERATIONS: '1',
      VALIDATION_WARMUP: '0',
      VALIDATION_LOCALE: 'en',
    },
    reportDir,
    nodeArgs: [VITEST_BIN, '--ui', '--watch', '--open=false', `--api.port=${port}`, '--api.host=127.0.0.1'],
    interrupt: { when: () => done, signal: 'SIGINT' },
    hardTimeoutMs: 150_000,
  })
  let session: UiSession | null = null
  let failure: unknown = null
  try {
    const page = await chrome.browser.newPage()
    await page.setViewport({ width: 1400, height: 1000 })
    await openUi(page, port)
    const watchedTheEnd = decisionIn(reportDir) === null
    const deadline = Date.now() + 120_000
    while (decisionIn(reportDir) === null && Date.now() < deadline) await sleep(200)
    // The run's end reached the page: the dashboard shows its time once finished.
    await page.waitForFunction(`!/RUNNING \\([1-9]/.test(document.body.innerText) && /Time/.test(document.body.innerText)`, { timeout: 30_000 })
    await sleep(500)
    const live = await dashboardText(page)
    await page.reload({ waitUntil: 'domcontentloaded' })
    await page.waitForFunction(`document.body.innerText.includes('.spec.ts') && /Time/.test(document.body.innerText)`, { timeout: 30_000 })
    const reloaded = await dashboardText(page)
    const console = await firstFileConsole(page)
    session = { decision: decisionIn(reportDir), watchedTheEnd, live, reloaded, console }
    await page.close()
  } catch (error) {
    failure = error
  } finally {
    done = true
  }
  const ended = await run
  if (failure) throw new Error(`${String(failure)}\n${describeRun(ended)}`)
  if (!session) throw new Error('the UI was not read')
  return session
}

describe('the release decision in Vitest UI', () => {
  test('a NO-GO whose tests all passed: the errors panel and the Console say NO-GO and why, live and after a reload', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    // Every answer takes 1.5 s, over the 1 s NO-GO threshold of the latency criterion: every test passes.
    const ui = await uiSession(['q01', 'q02'], 1500, { VALIDATION_P95_GO_MS: '500', VALIDATION_P95_NOGO_MS: '1000' })
    expect(ui.decision).toBe('NO-GO')
    expect(ui.watchedTheEnd, 'the page connected after the run ended: the live path was not exercised').toBe(true)
    for (const text of [ui.live, ui.reloaded]) {
      expect(text).toMatch(/0\s*Fail/)
      expect(text).toContain('Unhandled Errors')
      expect(text).toContain('Harena validation: NO-GO')
      expect(text).toMatch(/C2: P95 .* \(NO-GO threshold\)/)
    }
    expect(ui.console).toContain('Harena validation: NO-GO')
    expect(ui.console).toMatch(/C2: P95 .*\(NO-GO threshold\)/)
  }, 240_000)

  test('a GO: the Console says GO, the errors panel stays empty', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    const ui = await uiSession(['q01', 'q02'], 1500, {})
    expect(ui.decision).toBe('GO')
    expect(ui.watchedTheEnd).toBe(true)
    for (const text of [ui.live, ui.reloaded]) {
      expect(text).not.toContain('Unhandled Errors')
      expect(text).not.toContain('NO-GO')
    }
    expect(ui.console).toMatch(/Harena validation: GO\b/)
    expect(ui.console).not.toContain('NO-GO')
  }, 240_000)
})
