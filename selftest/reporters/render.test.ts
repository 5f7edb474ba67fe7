// Rendering: Markdown (fr/en, the plan's sections, escaping of hostile text), the JSON contract and its schema
// file, samples.ndjson, secrets, atomic writes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { schemaText, SCHEMA_FILE } from '../../reporters/generate-schema.ts'
import { mdText } from '../../reporters/markdown.ts'
import type { RunModel } from '../../core/model.ts'
import { MAX_WRITE_BYTES, writeAtomic } from '../../core/report-files.ts'
import { scrub, writeDocuments } from '../../reporters/documents.ts'
import { appendStepSummary } from '../../reporters/output.ts'
import { produce } from '../../reporters/pipeline.ts'
import { safeBaseUrl } from '../../core/safe-url.ts'
import { ValidationReportSchema } from '../../reporters/report-schema.ts'
import { SpecReport as HarnessContract } from '../e2e/harness.ts'
import { attempt, modelWith, question, withAttempt, failure } from './make-model.ts'
import '../../core/locale/checks.ts'
import { say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'

const dirs: string[] = []
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'reporter-render-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function mixedModel(locale: 'fr' | 'en'): RunModel {
  let m = modelWith(
    Array.from({ length: 15 }, (_, i) => 800 + i * 100),
    {},
    { locale },
  )
  m.questions[3] = { ...m.questions[3]!, category: 'by_category', expectedIntent: 'transaction_search.by_category' }
  m = withAttempt(m, 6, {
    ok: false,
    httpStatus: 500,
    critical: 'http_5xx',
    intent: null,
    failures: [failure('HTTP 500 Internal Server Error')],
    evidence: { bodyHead: 'Traceback…' },
  })
  m = withAttempt(m, 8, { fallback: true, ok: false, failures: [failure('pipeline fallback sentence')] })
  return m
}

describe('validation-report.md', () => {
  test('French: the plan template sections, the table header and the ticked decision', () => {
    const { markdown, verdict } = produce(mixedModel('fr'), '2026-11-24T10:00:00.000Z')
    expect(verdict.decision).toBe('NO-GO')
    for (const h of [
      '# Sprint 1.4 - Phase 1 - Rapport de Validation',
      '## Résumé Exécutif',
      '## Résultats par Catégorie',
      '## Anomalies Détectées',
      '## Métriques Globales',
      '## Recommandations',
    ])
      expect(markdown).toContain(h)
    expect(markdown).toContain('| Question | Intent | Success | Viz Count | Latency |')
    expect(markdown).toContain('### Transaction Search Simple (14 questions)')
    expect(markdown).toContain('### By Category (1 question)')
    expect(markdown).toContain('- [x] NO-GO - Corrections nécessaires')
    expect(markdown).toContain('- [ ] GO pour production')
    expect(markdown).toMatch(/type 7/)
    expect(markdown).toMatch(/q07 : bug critique http\\_5xx \(tentative 1, HTTP 500\) — corps : Traceback/)
    expect(markdown).toContain('Latency P95:')
    expect(markdown).toMatch(/faiblement étayé/) // 15 samples < 20 for P95
    // The stage table with budgets.
    expect(markdown).toMatch(/\| response_generation \| .* \| 3\s?000 ms \|/)
    // The expected intent is shown only where the observed one differs (decided in aggregate, not here).
    expect(markdown).toMatch(/\| q07 « Question q07 » \| sans réponse \(attendu transaction\\_search\.simple\) \|/)
    expect(markdown).toMatch(/\| q01 « Question q01 » \| transaction\\_search\.simple \|/)
    // Confusion matrix with the fallback class, in French.
    expect(markdown).toMatch(/\| repli \|/)
  })

  test('English rendering and "not reported by the service" for stages without data', () => {
    const m = modelWith([1000, 1100, 1200], {}, { locale: 'en' })
    for (const q of m.questions) q.attempts = q.attempts.map((a) => ({ ...a, stages: {} }))
    const { markdown } = produce(m)
    expect(markdown).toContain('# Sprint 1.4 - Phase 1 - Validation Report')
    expect(markdown).toContain('## Executive Summary')
    expect(markdown).toContain('- [x] GO for production')
    expect(markdown).toContain('not reported by the service')
    expect(markdown).not.toContain('Résumé Exécutif')
  })

  test('hostile target text cannot break the table or inject markup', () => {
    const hostile = 'a | b `code` <script>alert(1)</script>\n| injected | row |\r\n[link](http://evil) \u0007\u202e'
    let m = modelWith([1000, 1000], {}, { locale: 'en' })
    m.questions[0] = { ...m.questions[0]!, message: hostile }
    m = withAttempt(m, 0, { ok: false, failures: [failure(hostile)], intent: { group: 'x|y', subtype: '<b>' } })
    const { markdown } = produce(m)
    expect(markdown).not.toContain('<script>')
    expect(markdown).not.toContain('| injected | row |')
    expect(markdown).not.toContain('[link](http://evil)')
    expect(markdown).not.toMatch(/[\u0007\u202e]/)
    // Every table row of the category section still has exactly 5 unescaped cells.
    const rows = markdown.split('\n').filter((l) => l.startsWith('| q0'))
    expect(rows).toHaveLength(2)
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length - 2).toBe(5)
  })

  test('mdText escapes every active character', () => {
    expect(mdText('a|b')).toBe('a\\|b')
    expect(mdText('`x`')).toBe('\\`x\\`')
    expect(mdText('<i>&')).toBe('&lt;i&gt;&amp;')
    expect(mdText('l1\nl2\r\nl3')).toBe('l1 l2 l3')
    expect(mdText('*b* _i_ [l](u) ![x](y)')).toBe('\\*b\\* \\_i\\_ \\[l\\](u) !\\[x\\](y)')
    expect(mdText('x'.repeat(500)).length).toBe(300)
  })
})

describe('validation-report.json', () => {
  test('validates against the zod schema and the independent docs/report-contract.md contract used by the e2e proofs', () => {
    for (const locale of ['fr', 'en'] as const) {
      const { json } = produce(mixedModel(locale))
      const parsed = JSON.parse(json)
      expect(ValidationReportSchema.safeParse(parsed).success).toBe(true)
      expect(HarnessContract.safeParse(parsed).success).toBe(true)
      expect(parsed.schemaVersion).toBe(3)
      expect(parsed.summary.latencyMs.method).toMatch(/type 7/)
      expect(parsed.questions[6].attempts[0].critical).toBe('http_5xx')
      expect(parsed.criteria.map((c: { id: string }) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5'])
    }
  })

  test('a French report: attempt and probe failures are English in the JSON (a machine format) with their codes beside; French in the Markdown and HTML', () => {
    const empty = reason('check.message.empty')
    let m = withAttempt(modelWith([900, 1000], {}, { locale: 'fr' }), 1, { ok: false, failures: [empty] })
    m = { ...m, questions: [...m.questions, question('security.no_token', [attempt({ ok: false, failures: [empty] })], { probe: true })] }
    const { json, markdown, html } = produce(m)
    const parsed = ValidationReportSchema.parse(JSON.parse(json))
    expect(parsed.locale).toBe('fr')
    const english = say(empty, 'en')
    const french = say(empty, 'fr')
    expect(french).not.toBe(english)
    expect(parsed.questions[1]?.attempts[0]?.failures).toEqual([english])
    expect(parsed.questions[1]?.attempts[0]?.failureCodes).toEqual(['check.message.empty'])
    expect(parsed.security?.[0]?.failures).toEqual([english])
    expect(parsed.security?.[0]?.failureCodes).toEqual(['check.message.empty'])
    // The verdict's own reasons follow the locale in the JSON too.
    expect(parsed.reasons[0]).toMatch(/^C1 : taux de succès/)
    for (const doc of [markdown, html]) {
      expect(doc).toContain(french)
      expect(doc).not.toContain(english)
    }
  })

  test('an empty or interrupted run still produces a valid report', () => {
    const { json } = produce({ ...modelWith([]), interrupted: true, harnessErrors: [reason('harness.setup_failed')] })
    const parsed = ValidationReportSchema.parse(JSON.parse(json))
    expect(parsed.decision).toBe('NO-GO')
    expect(parsed.run.complete).toBe(false)
    expect(parsed.summary.latencyMs.p95).toBeNull()
  })

  test('the committed JSON Schema file is up to date (npx tsx reporters/generate-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText())
  })

  test('the target never carries credentials', () => {
    expect(safeBaseUrl('https://alice:s3cret@gw.example/harena?token=abc#x')).toBe('https://gw.example/harena')
    const m = { ...modelWith([1000]), target: { baseUrl: 'https://alice:s3cret@gw.example/harena', contract: 'harena-v2', embedded: false } }
    const { json, markdown } = produce(m)
    expect(json).not.toContain('s3cret')
    expect(markdown).not.toContain('s3cret')
  })
})

describe('samples.ndjson', () => {
  test('one line per request, warm-ups included and marked', () => {
    const m = modelWith([1000, 2000])
    m.questions[0] = { ...m.questions[0]!, warmups: [attempt({ warmup: true, latencyMs: 5000 })] }
    const lines = produce(m)
      .samples.trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatchObject({ questionId: 'q01', warmup: true, latencyMs: 5000 })
    expect(lines.filter((l) => !l.warmup).map((l) => l.latencyMs)).toEqual([1000, 2000])
    for (const l of lines)
      for (const k of ['questionId', 'category', 'attempt', 'warmup', 'ok', 'httpStatus', 'latencyMs', 'ttfbMs', 'timedOut', 'stages'])
        expect(l).toHaveProperty(k)
  })
})

describe('writing', () => {
  test('scrub removes secrets in plain, URL-encoded and JSON-escaped forms', () => {
    const secret = 'p@ss"word/1'
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)}`
    const out = scrub(text, [secret])
    expect(out).not.toContain('p@ss')
    expect(out).not.toContain(encodeURIComponent(secret))
    // A password with Markdown-special characters is still caught after escaping.
    expect(scrub(`x ${mdText('my_pass*1')} y`, ['my_pass*1'])).toBe('x *** y')
  })

  test('writeDocuments creates the directory, writes the four files atomically and scrubs them', () => {
    const dir = join(temp(), 'nested', 'reports')
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    const m = withAttempt(modelWith([1000, 1000]), 0, { ok: false, failures: [failure(`echoed ${token}`)] })
    const p = produce(m)
    const written = writeDocuments(dir, p, [token])
    expect(written.map((f) => f.split('/').pop()).sort()).toEqual([
      // The failed attempt's evidence file (reporters/evidence.ts), scrubbed like the rest below.
      'q01-1.txt',
      'samples.ndjson',
      'validation-report.html',
      'validation-report.json',
      'validation-report.md',
    ])
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    for (const f of written) expect(readFileSync(f, 'utf8')).not.toContain(token)
    expect(readFileSync(join(dir, 'validation-report.md'), 'utf8')).toContain('echoed ***')
    expect(readFileSync(join(dir, 'validation-report.html'), 'utf8')).toContain('echoed ***')
    expect(readFileSync(join(dir, 'evidence', 'q01-1.txt'), 'utf8')).toContain('echoed ***')
  })

  test('writeAtomic replaces a file whole and leaves no temp file; a failed write leaves the old file intact', () => {
    const dir = temp()
    const path = join(dir, 'r.json')
    writeFileSync(path, 'old')
    writeAtomic(path, 'new content')
    expect(readFileSync(path, 'utf8')).toBe('new content')
    expect(readdirSync(dir)).toEqual(['r.json'])
    // Writing into a path whose parent is a file fails before touching anything.
    expect(() => writeAtomic(join(path, 'x'), 'y')).toThrow()
    expect(readFileSync(path, 'utf8')).toBe('new content')
  })

  test('writeAtomic in chunks: multi-byte text across block boundaries and a chunk larger than a block, and encoded bytes larger than one write, are written byte for byte', () => {
    const path = join(temp(), 'chunks.json')
    const chunks: string[] = []
    // Lines of accents and astral emoji (2- and 4-byte UTF-8) until well past several blocks, then one 3 MiB chunk.
    for (let i = 0; chunks.length < 40_000; i++) chunks.push(`{"q":"Dépenses 🍞 n°${i}","é":"${'ü'.repeat(i % 50)}"}\n`)
    chunks.push('€'.repeat(1 << 20), '\n', 'fin')
    // Bytes already encoded (a worker's fragment), larger than one write(2) (MAX_WRITE_BYTES), between text chunks.
    const fragment = Buffer.from(`${'{"ok":true,"note":"é🍞"}\n'.repeat(20_000)}`, 'utf8')
    expect(fragment.length).toBeGreaterThan(2 * MAX_WRITE_BYTES)
    const parts: Array<string | Uint8Array> = [...chunks.slice(0, 100), fragment, ...chunks.slice(100)]
    writeAtomic(path, parts)
    expect(readFileSync(path, 'utf8')).toBe(`${chunks.slice(0, 100).join('')}${fragment.toString('utf8')}${chunks.slice(100).join('')}`)
  })

  test('GitHub step summary is appended only when GITHUB_STEP_SUMMARY is set', () => {
    const file = join(temp(), 'summary.md')
    writeFileSync(file, 'previous step\n')
    expect(appendStepSummary('# report secretvalue', ['secretvalue'], { GITHUB_STEP_SUMMARY: file })).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe('previous step\n# report ***\n')
    expect(appendStepSummary('# report', [], {})).toBe(false)
    // Relative links (evidence files) would 404 on the run's page: plain paths there; URLs and anchors stay links.
    appendStepSummary('- q07 — [attempt 1](evidence/q07-1.txt) · [doc](https://example.org/x) · [top](#verdict)', [], { GITHUB_STEP_SUMMARY: file })
    expect(readFileSync(file, 'utf8').split('\n').at(-2)).toBe(
      '- q07 — attempt 1 (`evidence/q07-1.txt`) · [doc](https://example.org/x) · [top](#verdict)',
    )
    expect(existsSync(join(dirs[0]!, 'nope'))).toBe(false)
  })
})

describe('per-question figures', () => {
  test('pass rate across iterations and flaky detection', () => {
    const m = {
      ...modelWith([]),
      questions: [question('q01', [attempt(), attempt({ ok: false, failures: [failure('x')] }), attempt()]), question('q02', [attempt(), attempt()])],
    }
    const p = produce(m)
    const q1 = p.aggregate.perQuestion[0]!
    expect(q1).toMatchObject({ passed: 2, planned: 3, flaky: true, success: false })
    expect(q1.passRate).toBeCloseTo(2 / 3, 12)
    expect(p.aggregate.flaky).toEqual(['q01'])
    expect(p.markdown).toContain('⚠️ 2/3 (instable)')
  })
})
