// validation-report.html in a real browser: the REAL suite runs as a child process against the REAL reference
// service with faults (a failing run, then a hostile one), and the page it wrote is opened from file:// in
// headless Chromium (Debian's chromium driven by puppeteer-core). Proved: no console error, no network request,
// the banner says NO-GO (with JavaScript on and off), every chart has drawn, a failed attempt's body expands on
// click, and hostile bodies execute nothing — even with the page's Content-Security-Policy removed, so the
// escaping alone is what is proved.
//
// HARENA_WRITE_SCREENSHOT=1 also writes the README's screenshot (docs/html-report.png) from the failing run.
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'puppeteer-core'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, ROOT, runSuite, writeBank } from '../e2e/harness.ts'
import { fileTargets, tokenEnv, type FaultRule } from '../e2e/target.ts'
import { browserForFile } from './chromium.ts'

const HTML = 'validation-report.html'
const target = fileTargets()
const chrome = browserForFile()
afterAll(cleanupTemp)

interface Watched {
  page: Page
  requests: string[]
  consoleErrors: string[]
  dialogs: string[]
}

/** A page that records every request, console error, page error and dialog (alert/confirm/prompt). */
async function watchedPage(javaScript = true): Promise<Watched> {
  if (!chrome.browser) throw new Error('no browser')
  const page = await chrome.browser.newPage()
  await page.setJavaScriptEnabled(javaScript)
  const w: Watched = { page, requests: [], consoleErrors: [], dialogs: [] }
  page.on('request', (r) => w.requests.push(r.url()))
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => w.consoleErrors.push(String(e)))
  page.on('dialog', (d) => {
    w.dialogs.push(d.message())
    void d.dismiss()
  })
  return w
}

/** Evaluates a browser-side expression (a string: this project compiles without the DOM library). */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>

const FAST = { HARENA_TIMEOUT_MS: '5000', VALIDATION_WARMUP: '1', VALIDATION_LOCALE: 'fr' }

describe('validation-report.html in headless Chromium', () => {
  test('a failing run: NO-GO banner, charts drawn, a failed body expands; no request, no console error', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    const [q01, q04, q07, q10, q13] = pick('q01', 'q04', 'q07', 'q10', 'q13')
    const rules: FaultRule[] = [
      { match: q04!.message, fault: { kind: 'http5xx', status: 503 } },
      { match: q07!.message, fault: { kind: 'fallback', stage: 'response' } },
      // Latencies spread around the (lowered) thresholds, so the charts have something to show.
      { fault: { kind: 'latency', stage: 'response_generation', lognormal: { medianMs: 250, sigma: 0.5 } } },
      { match: q10!.message, fault: { kind: 'latency', stage: 'search', ms: 300 } },
    ]
    const ref = await target(rules)
    const bank = writeBank([q01!, q04!, q07!, q10!, q13!])
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        ...FAST,
        VALIDATION_QUESTIONS: bank,
        VALIDATION_ITERATIONS: '3',
        VALIDATION_P95_GO_MS: '500',
        VALIDATION_P95_NOGO_MS: '700',
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const file = join(run.reportDir, HTML)
    expect(existsSync(file), describeRun(run)).toBe(true)
    const url = pathToFileURL(file).href

    const w = await watchedPage()
    await w.page.setViewport({ width: 1150, height: 900 })
    await w.page.goto(url, { waitUntil: 'load' })
    expect(await inPage<string>(w.page, `document.querySelector('#verdict .decision').textContent`)).toBe('NO-GO')
    expect(await inPage<string>(w.page, `document.querySelector('#verdict').innerText`)).toMatch(/C1 : taux de succès/)

    // Every chart drew something with a size: the ECDF curve, the category dots, the stacked stages, the timeline.
    const charts = await inPage<Array<{ name: string; width: number; height: number; marks: number }>>(
      w.page,
      `[...document.querySelectorAll('svg.chart')].map((s) => { const r = s.getBoundingClientRect(); return { name: s.dataset.chart, width: r.width, height: r.height, marks: s.querySelectorAll('path.ecdf, circle, rect.seg, path.pt').length } })`,
    )
    expect(charts.map((c) => c.name)).toEqual(expect.arrayContaining(['ecdf', 'categories', 'stages', 'timeline']))
    for (const c of charts) {
      expect(c.width, c.name).toBeGreaterThan(100)
      expect(c.height, c.name).toBeGreaterThan(50)
      expect(c.marks, c.name).toBeGreaterThan(0)
    }
    expect(await inPage<number>(w.page, `document.querySelector('svg[data-chart="ecdf"] path.ecdf').getAttribute('d').length`)).toBeGreaterThan(20)

    // The failed question q04 is open; its first failed attempt's body is hidden until its summary is clicked.
    const bodySelector = `details.question[data-question="q04"] details.attempt.failed pre.body`
    // checkVisibility() also sees the content-visibility Chromium uses to hide a closed <details>' content.
    const visible = `(() => { const e = document.querySelector('${bodySelector}'); return !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0 })()`
    expect(await inPage<boolean>(w.page, `!!document.querySelector('${bodySelector}')`)).toBe(true)
    expect(await inPage<boolean>(w.page, visible)).toBe(false)
    await w.page.click(`details.question[data-question="q04"] details.attempt.failed > summary`)
    expect(await inPage<boolean>(w.page, visible)).toBe(true)
    expect(await inPage<string>(w.page, `document.querySelector('${bodySelector}').textContent`)).not.toBe('')
    // The fallback question shows its reason.
    expect(await inPage<string>(w.page, `document.querySelector('details.question[data-question="q07"]').innerText`)).toMatch(/fallback|difficult/i)

    const shot = join(run.reportDir, 'html-report.png')
    await w.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1150, height: 1400 } })
    if (process.env.HARENA_WRITE_SCREENSHOT === '1') copyFileSync(shot, join(ROOT, 'docs', 'html-report.png'))

    expect(w.requests).toEqual([url])
    expect(w.consoleErrors).toEqual([])
    expect(w.dialogs).toEqual([])
    await w.page.close()

    // Without JavaScript the banner and the tables read the same (the page has no script anyway).
    const noJs = await watchedPage(false)
    await noJs.page.goto(url, { waitUntil: 'load' })
    expect(await noJs.page.$eval('#verdict .decision', (e) => e.textContent)).toBe('NO-GO')
    expect((await noJs.page.$$('#criteria tr.criterion')).length).toBe(5)
    expect(noJs.requests).toEqual([url])
    await noJs.page.close()
  }, 180_000)

  test('hostile bodies (<script>, </script> inside JSON, attribute injection) execute nothing, with or without the CSP', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    const [q01, q04] = pick('q01', 'q04')
    // The reference echoes the question in a malformed body: the hostile message comes back as the body itself.
    const echoed = {
      id: 'hx1',
      category: 'by_merchant',
      message: `Mes dépenses chez <script>alert('x1')</script> {"a":"</script><script>alert('x2')</script>"} " onmouseover="alert('x3')" x=" <img src=x onerror=alert('x4')> <svg onload=alert('x5')>`,
      expectedIntent: null,
      expectsData: null,
      edgeCase: true,
    }
    const rules: FaultRule[] = [
      { match: q01!.message, fault: { kind: 'hostile', payload: 'script' } },
      { match: q04!.message, fault: { kind: 'hostile', payload: 'markdown' } },
      { match: 'onmouseover', fault: { kind: 'malformedJson' } },
    ]
    const ref = await target(rules)
    const bank = writeBank([q01!, q04!, echoed])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank, VALIDATION_ITERATIONS: '1' } })
    const file = join(run.reportDir, HTML)
    expect(existsSync(file), describeRun(run)).toBe(true)
    const page = readFileSync(file, 'utf8')
    expect(page, 'the hostile text is in the page (so the checks below are not vacuous)').toMatch(/onmouseover=(&quot;|")alert\((&#39;|')x3/)

    const url = pathToFileURL(file).href
    const w = await watchedPage()
    await w.page.goto(url, { waitUntil: 'load' })
    await w.page.hover('body')
    const dom = `({ scripts: document.scripts.length, handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length, images: document.images.length, text: document.body.textContent })`
    const seen = await inPage<{ scripts: number; handlers: number; images: number; text: string }>(w.page, dom)
    expect(seen.scripts).toBe(0)
    expect(seen.handlers).toBe(0)
    expect(seen.images).toBe(0)
    expect(seen.text).toContain(`<svg onload=alert('x5')>`) // shown as text, exactly as the service sent it
    expect(w.dialogs).toEqual([])
    expect(w.requests).toEqual([url])
    expect(w.consoleErrors).toEqual([])
    await w.page.close()

    // The same page without its Content-Security-Policy: only the escaping stands between the body and the DOM.
    const bare = await watchedPage()
    const withoutCsp = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    expect(withoutCsp).not.toContain('Content-Security-Policy')
    await bare.page.setContent(withoutCsp, { waitUntil: 'load' })
    await bare.page.hover('body')
    const bareSeen = await inPage<{ scripts: number; handlers: number; images: number; text: string }>(bare.page, dom)
    expect(bareSeen.scripts).toBe(0)
    expect(bareSeen.handlers).toBe(0)
    expect(bareSeen.images).toBe(0)
    expect(bare.dialogs).toEqual([])
    await bare.page.close()
  }, 180_000)
})
