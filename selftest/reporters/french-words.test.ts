// The English words the French catalogues used to borrow ("timeout", "fallback", "pts", "streaming", "exit 3", "pas
// une release", the PASS/FAIL column…) have French ones: a French run that hits every one of them (timeouts, pipeline
// fallbacks, answers without an intent, a question with no expected intent, a streamed run, a baseline comparison, a
// CONDITIONAL that fails the job, an exploratory run) reads French in every output a reader sees — Markdown, HTML,
// terminal summary, junit messages — and so does every French sentence of every catalogue (core/locale/), whichever
// parameters it is said with. What stays: identifiers (variables, codes, snake_case, flags), text quoted from elsewhere
// and the terminal banner scripts look for (reporters/render-terminal.ts).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { registeredCodes, say } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { reason } from '../../core/reason.ts'
import { produce } from '../../reporters/pipeline.ts'
import { releaseCriteriaSuite } from '../../reporters/release-junit.ts'
import { exploratoryTerminal } from '../../reporters/render-gate.ts'
import { renderFallbackJunit } from '../../reporters/render-junit.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { baselineOf, fellBack, modelWith, timedOutAt, withAttempt } from './make-model.ts'

const LOCALE_DIR = join(import.meta.dirname, '../../core/locale')
for (const f of readdirSync(LOCALE_DIR)) if (f.endsWith('.ts')) await import(join(LOCALE_DIR, f))

/** English a French reader was shown, each with the French that replaced it (docs: core/locale/*.ts). */
const BORROWED: ReadonlyArray<[RegExp, string]> = [
  [/\btimeouts?\b/i, 'délai dépassé'],
  [/\bfallbacks?\b/i, 'repli'],
  [/\bno answer\b/i, 'sans réponse'],
  [/\(none\)/, '(aucune)'],
  [/\d\s?pts\b/, 'pt'],
  [/\bstreaming\b/i, 'en flux'],
  [/\bexit \d/, 'code de sortie'],
  [/\b(une|la|de|cette|des) releases?\b/i, 'mise en production'],
  [/\bwatch\b/, '--watch'],
  [/\bjob\b/, 'tâche CI'],
  [/\bbaseline\b/i, 'référence'],
  [/(?<!\p{L})(PASS|FAIL|WARN)(?!\p{L})/u, 'OK / ÉCHEC / AVERT'],
  [/\bwarm-?ups?\b/i, 'échauffement'],
]

/** What a French text may carry untranslated: identifiers, flags, commands and text quoted from elsewhere. */
const NOT_WORDS: readonly RegExp[] = [
  /«[^»]*»|`[^`]*`|"[^"]*"/g, // quoted: the target's words, the plan's, a command
  /══ Harena validation: .*? ══ \(exit \d+\)/g, // the terminal banner, the same in both languages (scripts look for it)
  /(?<!\S)--?[a-z][\w-]*(=\S*)?/g, // command-line flags
  /\b[\w-]+(?:[._/=:][\w./=<>*-]+)+/g, // identifiers: VARIABLE=value, snake_case, dotted codes, paths
]

function borrowedIn(text: string): string[] {
  const decoded = text
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
  return decoded
    .split('\n')
    .map((line) => NOT_WORDS.reduce((l, re) => l.replace(re, ' '), line))
    .filter((line) => BORROWED.some(([english]) => english.test(line)))
}

const AT = '2026-12-02T06:00:00Z'

/** A French run with every situation whose words were borrowed. */
function frenchRun(over: Partial<RunModel['settings']> = {}): RunModel {
  let m = modelWith(
    Array.from({ length: 15 }, (_, i) => 3000 + i * 150),
    {},
    { locale: 'fr', stream: true, ...over },
  )
  m = {
    ...m,
    questions: m.questions.map((q) => ({
      ...q,
      attempts: q.attempts.map((a) => ({
        ...a,
        stream: { firstEventMs: 20, firstContentMs: 400, endMs: a.latencyMs, events: 5, contentChunks: 4, completed: true },
      })),
    })),
  }
  m = withAttempt(m, 2, {
    ...timedOutAt(60_000),
    intent: null,
    stream: { firstEventMs: 20, firstContentMs: null, endMs: 60_000, events: 1, contentChunks: 0, completed: false },
    failures: [reason('attempt.timeout', { timeoutMs: 60_000, status: null })],
  })
  m = withAttempt(m, 4, { ...fellBack('Désolé, une erreur est survenue.'), evidence: { bodyHead: '{"status":"error"}' } })
  m = withAttempt(m, 6, { ok: false, intent: null, failures: [reason('check.message.empty')] })
  m.questions[8] = { ...m.questions[8]!, category: 'edge_cases', expectedIntent: null }
  return { ...m, baseline: { run: baselineOf(m), maxRegression: 0.2 } }
}

/** Every output of a run a reader sees, by name. */
function outputs(m: RunModel): Record<string, string> {
  const p = produce(m, AT)
  const success = { successes: p.aggregate.success.successes, n: p.aggregate.success.n }
  return {
    markdown: p.markdown,
    html: p.html,
    terminal: renderTerminal(p.model, p.aggregate, p.verdict, { dir: '/tmp/rapports', written: true }),
    junit: renderFallbackJunit(p.model, p.aggregate, p.verdict),
    criteriaSuite: releaseCriteriaSuite(p.model, p.verdict, success).xml,
  }
}

describe('the words a French reader sees', () => {
  test('a failing French run (timeouts, fallbacks, no intent, no expectation, a stream, a baseline): no borrowed English in any output', () => {
    const out = outputs(frenchRun())
    for (const [name, text] of Object.entries(out)) expect(borrowedIn(text), name).toEqual([])
    // The situations are there, in French.
    expect(out.markdown).toMatch(/≥ 60\s000 ms \(1 délai dépassé\)/)
    expect(out.markdown).toContain('Censure par des délais dépassés (P95)')
    expect(out.markdown).toMatch(/\| transaction\\_search\.simple \| \d+ \| 1 \| 2 \|/) // the confusion row: hits, repli, sans réponse
    expect(out.markdown).toMatch(/\| attendu \\\\ observé \| transaction\\_search\.simple \| repli \| sans réponse \|/)
    expect(out.markdown).toContain('« repli » = réponse de repli du pipeline ; « sans réponse » = aucune intention dans la réponse')
    expect(out.markdown).toMatch(/\| \(aucune\) \|/)
    expect(out.markdown).toMatch(/[−+]\d+,\d pt\b/) // the success-rate difference in percentage points
    expect(out.markdown).toContain('- Réponse en flux — TTFC')
    expect(out.html).toMatch(/60\s000 ms \(délai dépassé\)/)
    expect(out.html).toContain('<span class="tag">code de sortie 2</span>')
    expect(out.html).toMatch(/<th>repli<\/th><th>sans réponse<\/th>/)
    expect(out.terminal).toMatch(/ÉCHEC {2}C1 Taux de succès/)
    expect(out.terminal).toMatch(/OK {5}C3 /)
    expect(out.terminal).toContain('(n = 15, en flux)')
  })

  test('a CONDITIONAL that fails the job and an exploratory run: French too', () => {
    // P95 between the GO and NO-GO objectives, every answer right: CONDITIONAL, exit 3 under VALIDATION_FAIL_ON_CONDITIONAL.
    const conditional = modelWith(
      Array.from({ length: 15 }, () => 4500),
      {},
      { locale: 'fr', failOnConditional: true },
    )
    const out = outputs(conditional)
    expect(produce(conditional, AT).verdict.exitCode).toBe(3)
    for (const [name, text] of Object.entries(out)) expect(borrowedIn(text), name).toEqual([])
    expect(out.criteriaSuite).toContain('un CONDITIONAL fait échouer la tâche CI (code de sortie 3)')
    expect(out.terminal).toMatch(/AVERT {2}C2 /)

    const exploring = { ...modelWith([900, 900], {}, { locale: 'fr' as const }), scope: 'exploratory' as const, filter: '-t /q01/' }
    const p = produce(exploring, AT)
    const terminal = exploratoryTerminal(p.model, p.aggregate, { dir: 'reports/exploratory', release: 'reports' })
    for (const text of [p.markdown, p.html, terminal]) expect(borrowedIn(text)).toEqual([])
    expect(terminal).toContain('aucune décision de mise en production')
    expect(terminal).toMatch(/OK {5}q01 \(1\/1\) réussie/)
  })

  test('every French sentence of every catalogue, said with text, numbers, true and false', () => {
    const paramSets = ['X', 7, true, false].map(
      (value) =>
        new Proxy(
          {},
          // Parameters that name another code are left out: the nested sentence is a code of its own.
          { get: (_t, key) => (typeof key === 'string' && !['cause', 'problem', 'why', 'expected'].includes(key) ? value : undefined) },
        ),
    )
    const found: string[] = []
    for (const code of registeredCodes()) {
      for (const params of paramSets) {
        let text: string
        try {
          text = say({ code, params }, 'fr')
        } catch {
          continue // a sentence that needs a real value (an array, a number to format) is said by the documents above
        }
        for (const line of borrowedIn(text)) found.push(`${code}: ${line}`)
      }
    }
    expect([...new Set(found)]).toEqual([])
    // The detector sees the English sentences.
    const english = registeredCodes().flatMap((code) => {
      try {
        return borrowedIn(say({ code, params: paramSets[0]! }, 'en'))
      } catch {
        return []
      }
    })
    expect(english.length).toBeGreaterThan(20)
  })
})
