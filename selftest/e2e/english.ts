// English in a French run, found from the catalogues themselves (core/locale/), not from a list of sentences
// written here: every registered code is said in English with a marker for each parameter, the text between the
// markers is kept when it has three words or more, and what also appears in some French sentence (a label the plan
// keeps in both languages, an identifier, an accepted value) is set aside. What is left is English only: none of it
// may appear in what a French run prints or writes.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { registeredCodes, say, type Locale } from '../../core/locale/index.ts'
import { allFiles, REPORT_JSON, ROOT, type SuiteRun } from './harness.ts'

for (const f of readdirSync(join(ROOT, 'core/locale'))) if (f.endsWith('.ts')) await import(join(ROOT, 'core/locale', f))

const MARK = '\u0001'
/** Parameters that name another code are left out (the nested sentence is a code of its own); every other one is the marker. */
const NESTED = new Set(['cause', 'problem', 'why', 'expected'])
const MARKED = new Proxy({}, { get: (_t, key) => (typeof key === 'string' && NESTED.has(key) ? undefined : MARK) })

function fragments(locale: Locale): Set<string> {
  const out = new Set<string>()
  for (const code of registeredCodes()) {
    let text: string
    try {
      text = say({ code, params: MARKED }, locale)
    } catch {
      continue // a sentence that needs a real value (a number to format) is checked by the catalogue tests
    }
    for (const part of text.split(MARK)) {
      const fragment = part.trim().replace(/^[\s:;,.()—–-]+|[\s:;,.()—–-]+$/g, '')
      if (fragment.split(/\s+/).filter((w) => /[a-z]{2,}/i.test(w)).length >= 3) out.add(fragment)
    }
  }
  return out
}

let cached: string[] | null = null
/** The English-only fragments of every catalogue. */
export function englishFragments(): string[] {
  if (cached === null) {
    const french = [...fragments('fr')].join('\n')
    cached = [...fragments('en')].filter((f) => !french.includes(f))
  }
  return cached
}

/** The entities of XML and HTML text, decoded, so a sentence reads as it was said. */
function decoded(text: string): string {
  return text
    .replace(/&apos;|&#39;|&#x27;/g, "'")
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The English-only fragments found in a text (empty: none). */
export function englishIn(text: string): string[] {
  const plain = decoded(text)
  return englishFragments().filter((f) => plain.includes(f))
}

/**
 * validation-report.json without what is English by design: the `failures` and `notes` of every attempt and probe,
 * and a probe's `request` label beside them (docs/reasons.md, FAILURE_LOCALE), with their codes beside them. The
 * verdict's own notes stay.
 */
export function jsonForPeople(json: string): string {
  return JSON.stringify(JSON.parse(json), function (this: Record<string, unknown>, key, value: unknown) {
    const failing = typeof this === 'object' && this !== null && 'failureCodes' in this
    return key === 'failures' || ((key === 'notes' || key === 'request') && failing) ? undefined : value
  })
}

/** What a person reads of a run: the terminal, every report file (evidence included), the JSON without its English. */
export function everythingRead(run: SuiteRun): string {
  const files = allFiles(run.reportDir).map(([path]) =>
    path.endsWith(REPORT_JSON) ? jsonForPeople(readFileSync(path, 'utf8')) : readFileSync(path, 'utf8'),
  )
  return [run.stdout, run.stderr, ...files].join('\n')
}
