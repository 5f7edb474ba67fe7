// The HTML report's charts (reporters/charts.ts) measured in headless Chromium: every <text> of every chart, by its
// real bounding box (getBBox, the page's own stylesheet and fonts), lies inside its SVG's viewBox and overlaps no
// other text. The cases are the ones that broke the fixed layout — two thresholds close together on a long axis
// ("GO ≤ 4NO-GO > 5,000 ms"), a timeout label at the left edge (cut, over the "100%" tick), thresholds at the right
// edge, two horizontal threshold lines a pixel apart on the timeline — in both languages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import '../../core/locale/html.ts'
import { fmtMs, fmtPct } from '../../core/locale/format.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import { type ChartText, ecdfChart, stackedChart, stripChart, type Threshold, timelineChart } from '../../reporters/charts.ts'
import type { Html } from '../../reporters/html.ts'
import { PAGE_HEAD } from '../../reporters/render-html.ts'
import { browserForFile } from './chromium.ts'

const chrome = browserForFile()
const dir = mkdtempSync(join(tmpdir(), 'harena-chart-labels-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const word = (L: Locale, code: string, params: Record<string, number | string> = {}) => say({ code, params }, L)

function text(L: Locale): ChartText & { fmtTime: (ms: number) => string; timeLabel: string; timedOutTag: string } {
  return {
    title: 'chart',
    xLabel: word(L, 'report.html.chart.latency_axis'),
    fmtMs: (v) => (v === 0 ? '0' : fmtMs(v, L)),
    fmtPct: (v) => fmtPct(v, L, 0),
    censoredLabel: (count, at) => word(L, 'report.html.chart.censored', { count, at }),
    fmtTime: (ms) => `${Math.round(ms / 1000)} s`,
    timeLabel: 'time',
    timedOutTag: word(L, 'report.html.attempt.timed_out'),
  }
}

/** The report's GO / NO-GO lines, as render-html.ts draws them. */
const goNoGo = (L: Locale, go: number, nogo: number): Threshold[] => [
  { value: go, label: word(L, 'report.html.chart.go', { limit: go }), kind: 'go' },
  { value: nogo, label: word(L, 'report.html.chart.nogo', { limit: nogo }), kind: 'nogo' },
]

const spread = (n: number, from: number, to: number) => Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / Math.max(1, n - 1))

/** Every chart layout that once collided, in one language. */
function charts(L: Locale): Html[] {
  const t = text(L)
  const current = { label: 'run', sorted: true, kind: 'current' }
  return [
    // A long axis (timeouts at 60 s): 4,000 and 5,000 ms are 15 px apart.
    ecdfChart([{ ...current, values: spread(200, 50, 60_000), censored: 3, censoredAt: 60_000 }], goNoGo(L, 4000, 5000), t),
    // The review's to20: a 300 ms timeout at the left edge, the thresholds far right.
    ecdfChart([{ ...current, values: spread(20, 20, 300), censored: 1, censoredAt: 300 }], goNoGo(L, 4000, 5000), t),
    // Thresholds a millisecond apart, with a baseline (legend) and a timeout between them.
    ecdfChart(
      [
        { ...current, values: spread(50, 10, 4000), censored: 2, censoredAt: 4000 },
        { label: 'baseline', values: spread(50, 10, 3000), censored: 0, censoredAt: null, kind: 'baseline' },
      ],
      goNoGo(L, 4000, 4001),
      t,
    ),
    // Thresholds at the right edge, and at the very left.
    ecdfChart([{ ...current, values: spread(30, 1, 5000), censored: 0, censoredAt: null }], goNoGo(L, 4990, 5000), t),
    ecdfChart([{ ...current, values: spread(30, 1, 5000), censored: 1, censoredAt: 2 }], goNoGo(L, 1, 2), t),
    stripChart(
      'categories',
      [
        { label: 'by_merchant', values: [...spread(30, 50, 60_000)], censored: [60_000], p50: 900, p95: 58_000 },
        { label: 'edge_cases', values: [...spread(30, 50, 3000)], censored: [], p50: 400, p95: 2800 },
      ],
      goNoGo(L, 4000, 5000),
      t,
    ),
    stackedChart(
      ['a', 'b', 'c', 'd'],
      [{ label: 'P95', values: [50_000, 3000, 200, 7000] }],
      [...goNoGo(L, 4000, 5000), { value: 4500, label: word(L, 'report.html.stages.total', { limit: 4500 }), kind: 'budget' }],
      t,
    ),
    timelineChart(
      Array.from({ length: 40 }, (_, i) => ({
        t: i * 1000,
        latency: 100 + i * 1500,
        ok: i % 7 !== 0,
        timedOut: i === 39,
        warmup: i === 0,
        label: `q${i}`,
      })),
      goNoGo(L, 4000, 4100),
      t,
    ),
  ]
}

interface Problem {
  chart: number
  what: string
}

/** Browser side: each chart's texts by their real boxes; what lies outside the viewBox or over another text. */
const MEASURE = `(() => {
  const problems = []
  document.querySelectorAll('svg.chart').forEach((svg, chart) => {
    const vb = svg.viewBox.baseVal
    const boxes = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '').map((t) => ({ text: t.textContent, b: t.getBBox() }))
    for (const { text, b } of boxes)
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
        problems.push({ chart, what: 'outside the viewBox: ' + text + ' ' + JSON.stringify([b.x, b.y, b.width, b.height]) })
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, c = boxes[j].b
        const w = Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x)
        const h = Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y)
        if (w > 0.5 && h > 0.5) problems.push({ chart, what: 'overlap: ' + boxes[i].text + ' | ' + boxes[j].text })
      }
  })
  return problems
})()`

describe('chart labels in headless Chromium', () => {
  for (const L of ['en', 'fr'] as const)
    test(`${L}: every text inside its chart, none over another`, async (ctx) => {
      if (chrome.skipReason) return ctx.skip(chrome.skipReason)
      const file = join(dir, `charts-${L}.html`)
      writeFileSync(file, `<!doctype html><html lang="${L}"><head>${PAGE_HEAD}</head><body>${charts(L).join('\n')}</body></html>`)
      const page = await chrome.browser!.newPage()
      try {
        await page.goto(pathToFileURL(file).href)
        const drawn = (await page.evaluate(`document.querySelectorAll('svg.chart').length`)) as number
        expect(drawn).toBe(charts(L).length)
        expect((await page.evaluate(MEASURE)) as Problem[]).toEqual([])
      } finally {
        await page.close()
      }
    })
})
