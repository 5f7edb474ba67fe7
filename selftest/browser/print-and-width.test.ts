// Both HTML reports (validation-report.html, reporters/render-html.ts; monitor-report.html, release/render-html.ts)
// printed and on narrow screens, in headless Chromium. Printed to PDF with Chromium's own print path (backgrounds
// off, as the print dialog's default), then read back with poppler's pdftotext / pdftoppm: the banner keeps its
// colour and says its decision in words, a folded <details> prints its content (JavaScript off: the page has no
// script), and in print layout no table is wider than the page. On screen at 375 and 1280 px, no table widens the
// page: each scrolls in its own box.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { produce } from '../../reporters/pipeline.ts'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { FALLBACK_40, fallbackWatch, readText, removeTempDirs } from '../release/harness.ts'
import { attempt, failure, modelWith, question } from '../reporters/make-model.ts'
import { browserForFile } from './chromium.ts'

const chrome = browserForFile()
const target = fileTargets()
const work = mkdtempSync(join(tmpdir(), 'harena-print-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  removeTempDirs()
})
const poppler = spawnSync('pdftotext', ['-v']).error === undefined

/** A NO-GO page: P95 over the NO-GO threshold, one failed question (open) and passed ones (folded). */
function validationPage(): string {
  const m = modelWith([6000, 6200, 6400, 6600], {}, { locale: 'en' })
  const failed = question('q05', [attempt({ ok: false, latencyMs: 7000, failures: [failure('no visualization')] })])
  const html = produce({ ...m, questions: [...m.questions, failed] }).html
  const file = join(work, 'validation-report.html')
  writeFileSync(file, html)
  return file
}

let monitorFile = ''
beforeAll(async () => {
  const { dir } = await fallbackWatch(tokenEnv(await target(FALLBACK_40)), 'print-monitor-')
  monitorFile = join(work, 'monitor-report.html')
  writeFileSync(monitorFile, readText(dir, 'monitor-report.html'))
}, 90_000)

/** Share of the pixels of the PDF's first page (rendered at 40 dpi) close to `rgb`. */
function colourShare(pdf: string, rgb: [number, number, number]): number {
  const ppm = execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', pdf])
  // Binary PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
  const header = ppm
    .subarray(0, 40)
    .toString('latin1')
    .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)
  if (!header) throw new Error('not a binary PPM')
  const [w, h] = [Number(header[1]), Number(header[2])]
  const data = ppm.subarray(header[0].length)
  let near = 0
  for (let i = 0; i < w * h * 3; i += 3)
    if (Math.abs(data[i]! - rgb[0]) + Math.abs(data[i + 1]! - rgb[1]) + Math.abs(data[i + 2]! - rgb[2]) < 60) near++
  return near / (w * h)
}

interface Printed {
  text: string
  pdf: string
  /** Text that sits inside a folded <details> on screen (textContent, not shown). */
  folded: string[]
  /** The widest table's right edge minus the page width, in print layout at the A4 text width (px). */
  printOverflow: number
}

async function print(file: string, name: string): Promise<Printed> {
  if (!chrome.browser) throw new Error('no browser')
  const page = await chrome.browser.newPage()
  await page.setJavaScriptEnabled(false)
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  const folded = (await page.evaluate(
    `[...document.querySelectorAll('details:not([open])')].map((d) => [...d.children].filter((c) => c.tagName !== 'SUMMARY').map((c) => c.textContent.trim()).join(' ').slice(0, 40)).filter((t) => t.length > 5)`,
  )) as string[]
  const pdf = join(work, `${name}.pdf`)
  await page.pdf({ path: pdf, format: 'A4', printBackground: false, margin: { top: '10mm', bottom: '10mm', left: '10mm', right: '10mm' } })
  // A4 less its margins: 190 mm ≈ 718 CSS px.
  await page.emulateMediaType('print')
  await page.setViewport({ width: 718, height: 1000 })
  const printOverflow = (await page.evaluate(
    `Math.max(0, ...[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right)) - document.documentElement.clientWidth`,
  )) as number
  await page.close()
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  return { text, pdf, folded, printOverflow }
}

/** document.scrollingElement.scrollWidth - innerWidth on screen at `width` px (0 when the page fits). */
async function screenOverflow(file: string, width: number): Promise<number> {
  if (!chrome.browser) throw new Error('no browser')
  const page = await chrome.browser.newPage()
  await page.setViewport({ width, height: 800 })
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  const over = (await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')) as number
  await page.close()
  return over
}

const squash = (s: string) => s.replace(/\s+/g, '')

describe('the HTML reports printed and on narrow screens', () => {
  test('validation-report.html: the banner prints in colour with its decision in words, folded details print, tables fit', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    if (!poppler) return ctx.skip('pdftotext/pdftoppm (poppler-utils) not installed')
    const file = validationPage()
    const p = await print(file, 'validation')
    expect(p.text).toMatch(/Decision\s+NO-GO/i)
    // The NO-GO banner's red (#cf222e) fills a good part of the first page, backgrounds off in the print settings.
    expect(colourShare(p.pdf, [0xcf, 0x22, 0x2e])).toBeGreaterThan(0.01)
    expect(p.folded.length).toBeGreaterThan(0)
    for (const t of p.folded) expect(squash(p.text), `folded text not printed: ${t}`).toContain(squash(t).slice(0, 25))
    expect(p.printOverflow).toBeLessThanOrEqual(0)
    for (const width of [375, 1280]) expect(await screenOverflow(file, width), `${width} px`).toBeLessThanOrEqual(0)
  }, 60_000)

  test('monitor-report.html: the banner prints in colour, tables fit the page and the screen', async (ctx) => {
    if (chrome.skipReason) return ctx.skip(chrome.skipReason)
    if (!poppler) return ctx.skip('pdftotext/pdftoppm (poppler-utils) not installed')
    expect(readFileSync(monitorFile, 'utf8')).toMatch(/^<!doctype html>/)
    const p = await print(monitorFile, 'monitor')
    // A rollback: the banner's red.
    expect(colourShare(p.pdf, [0xcf, 0x22, 0x2e])).toBeGreaterThan(0.01)
    expect(p.printOverflow).toBeLessThanOrEqual(0)
    for (const width of [375, 1280]) expect(await screenOverflow(monitorFile, width), `${width} px`).toBeLessThanOrEqual(0)
  }, 60_000)
})
