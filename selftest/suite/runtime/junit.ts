// Reads Vitest's junit.xml (written by the suite into VALIDATION_REPORT_DIR): one entry per test with its
// failure text and its annotations (<property name="{type}" value="{message}">). Enough XML for this file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface JunitCase {
  file: string
  name: string
  failed: boolean
  skipped: boolean
  /** Failure message + body text, unescaped. */
  failure: string
  properties: Array<{ name: string; value: string }>
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')

const attr = (tag: string, name: string): string => unescapeXml(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '')

/** Vitest's per-question cases; the release-criteria suite (one case per criterion) is read by its own proofs. */
export function readJunit(reportDir: string): JunitCase[] {
  const xml = readFileSync(join(reportDir, 'junit.xml'), 'utf8').replace(/<testsuite name="release-criteria"[\s\S]*?<\/testsuite>/, '')
  const cases: JunitCase[] = []
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const head = `<testcase${m[1]}>`
    const inner = m[3] ?? ''
    const failureTag = /<failure\b([^>]*)>([\s\S]*?)<\/failure>|<failure\b([^>]*)\/>/.exec(inner)
    const properties = [...inner.matchAll(/<property\b([^>]*?)\/?>/g)].map((p) => ({ name: attr(p[0], 'name'), value: attr(p[0], 'value') }))
    cases.push({
      file: attr(head, 'classname'),
      name: attr(head, 'name'),
      failed: failureTag !== null,
      skipped: /<skipped\b/.test(inner),
      failure: failureTag ? `${attr(failureTag[0], 'message')}\n${unescapeXml(failureTag[2] ?? '')}` : '',
      properties,
    })
  }
  return cases
}

/** The junit case of a question id (titles are "qNN · message", possibly under a describe). */
export function caseOf(cases: readonly JunitCase[], id: string): JunitCase {
  const found = cases.filter((c) => new RegExp(`(^|> )${id} · `).test(c.name))
  if (found.length !== 1) throw new Error(`${found.length} junit cases for ${id}: ${cases.map((c) => c.name).join(' | ')}`)
  return found[0]!
}
