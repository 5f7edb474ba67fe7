// validation-report.html speaks one language: every label, title, caption and note comes from the catalogue
// (core/locale/html.ts), so the French page carries no English label and the English page no French one. The pages
// are rendered from a run that reaches every section and branch (baseline comparison, streaming, timeouts,
// warm-ups, flaky and unexecuted questions, a body shown twice, strict bounds, an unobservable subtype), and read
// as text, the way a reader sees them.
import { describe, expect, test } from 'vitest'
import type { RunSnapshot } from '../../core/baseline.ts'
import { HTML_CATALOGUE } from '../../core/locale/html.ts'
import { LOCALES, type Locale, say } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { PERCENTILE_METHOD } from '../../core/percentile.ts'
import { reason } from '../../core/reason.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderInProgressHtml } from '../../reporters/render-in-progress.ts'
import { attempt, baselineFor, fellBack, modelWith, question, withAttempt } from './make-model.ts'

/** A run that reaches every section of the page, in `locale`. */
function everySection(locale: Locale, over: Partial<RunModel['settings']> = {}): RunModel {
  let m = modelWith(
    Array.from({ length: 15 }, (_, i) => 1500 + i * 300),
    {},
    { locale, iterations: 3, ...over },
  )
  m = {
    ...m,
    questions: m.questions.map((q, i) => ({
      ...q,
      plannedAttempts: 3,
      attempts: [0, 1, 2].map((k) =>
        attempt({
          index: k,
          latencyMs: 1500 + i * 300 + k * 50,
          startedAt: new Date(Date.parse('2026-11-24T10:00:00Z') + (i * 3 + k) * 1000).toISOString(),
          stages: { intent_classification: 50, search: 200 + i * 60, user_profile: 20, response_generation: 700 },
          stream: { firstEventMs: 20, firstContentMs: 300 + i * 10, endMs: 900, events: 5, contentChunks: 4, completed: true },
        }),
      ),
    })),
  }
  const failed = (over: Parameters<typeof attempt>[0]) => attempt({ ok: false, ...over })
  // A 5xx twice with the same body; a timeout; a fallback; an intent mismatch; a question with many reasons.
  m.questions[1] = {
    ...m.questions[1]!,
    attempts: [0, 1, 2].map((k) =>
      failed({
        index: k,
        httpStatus: 500,
        critical: 'http_5xx',
        intent: null,
        failures: [reason('check.http.server_error', { status: 500, body: 'E42' })],
        evidence: { bodyHead: '{"detail":"E42"}' },
      }),
    ),
  }
  m = withAttempt(m, 2, {
    timedOut: true,
    latencyMs: 60_000,
    httpStatus: null,
    intent: null,
    ok: false,
    failures: [reason('attempt.timeout', { timeoutMs: 60_000, status: null })],
  })
  m = withAttempt(m, 3, fellBack('E43'))
  m.questions[4] = {
    ...m.questions[4]!,
    attempts: m.questions[4]!.attempts.map((a, k) =>
      k === 1
        ? {
            ...a,
            ok: false,
            intent: { group: 'financial_query', subtype: null },
            failures: [reason('check.intent.mismatch', { expected: ['transaction_search.simple'], group: 'financial_query', subtype: null })],
          }
        : a,
    ),
  }
  m.questions[5] = {
    ...m.questions[5]!,
    subtypeObservable: false,
    expectsData: false,
    attempts: m.questions[5]!.attempts.map((a, k) => ({
      ...a,
      ok: false,
      failures: Array.from({ length: 4 }, (_, j) => reason('check.kpi.too_few', { min: 3 + k * 4 + j, valued: 0, total: 0, titles: [] })),
    })),
  }
  m.questions[6] = { ...m.questions[6]!, attempts: m.questions[6]!.attempts.slice(0, 1) } // not executed: 2 of 3
  m.questions[7] = { ...m.questions[7]!, warmups: [attempt({ warmup: true, latencyMs: 9000 })] }
  const baseline: RunSnapshot = baselineFor(
    m,
    Array.from({ length: 45 }, (_, i) => 700 + i * 10),
    (i) => i !== 14,
  )
  return { ...m, interrupted: true, baseline: { run: baseline, maxRegression: 0.2 } }
}

/** What a reader sees: the text of the page, style sheet and tags left out, entities decoded. */
function visibleText(page: string): string[] {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** Words a page may carry in either language: identifiers, units, data labels, names of methods and numbers. */
const EITHER = [
  /\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b/g, // snake_case identifiers (stages, metrics, variables, intents)
  /[a-z_0-9]+(<=|>=|==|<|>)[0-9.]+/g, // threshold expressions
  /Transaction Search Simple|By Category|By Merchant|Analytics & Insights|Edge Cases/g, // the plan's category titles
  /Question q\d\d|\bq\d\d\b/g, // the test's question texts and ids
  /NO-GO|CONDITIONAL|\bGO\b|HTTP \d+|DATA_PRESENTATION|Harena|TTFC|P50|P95|P99|\bmax\b|Server-Timing|Wilson|Newcombe|bootstrap|numpy|k6|type 7|\bkpi\b/gi,
]
const ENGLISH =
  /\b(the|of|and|is|are|was|were|not|with|from|would|been|has|have|this|that|which|when|than|be|or|to|by|its|more|none|no|failed|passed|below|above|samples?|attempts?|incomplete|run|interrupted|weakly|expected|observed|bound|stage|per|answers?|warm-up|missing|reports?|latency|success|criteria|criterion|threshold|needed|body|same|left|out|since|start|category|reasons?|first|self-contained|duration|target|reference|mean|visualizations|presentation|intent|order|statistics|between|dots|ticks|hollow|circles|green|red|faint|true|value|counted|censored|group|only|subtype|contract|compared|level|table|difference|now|metric|allowance|regression|improvement|change|resamples|seed|interval|timeouts?|fallback|streaming|exit|baseline)\b|\(none\)/i
const FRENCH =
  /\b(le|la|les|des|du|une|et|est|sont|sur|pas|aucune?|avec|dans|pour|par|non|échec|étapes?|tentatives?|réussie|référence|durée|cible|critères?|seuil|observé|attendu|échantillons?|exécutions?|intention|catégorie|succès|groupe|sous-type|corps|mesure|rapport|valeur|réelle|comptés|censurés|depuis|début|instable|raisons?|première|autre|prévue|matrice|taille|méthode|autonome|ressource|externe|tolérance|graine|rééchantillonnages|différence|maintenant|statut|nécessaires|intervalle|statistiques|ordre|binomiale|latence|cumulée|empilées|moyenne|budget du plan|échauffement)\b|[àâçéèêëîïôûùœ]/i

function offending(page: string, language: RegExp): string[] {
  return visibleText(page)
    .map((line) => EITHER.reduce((l, re) => l.replace(re, ' '), line))
    .filter((line) => language.test(line))
}

describe('validation-report.html in one language', () => {
  for (const strict of [false, true]) {
    test(`the French page has no English label, the English page no French one${strict ? ' (strict mode)' : ''}`, () => {
      const fr = produce(everySection('fr', { strict }), '2026-11-24T10:00:00.000Z')
      const en = produce(everySection('en', { strict }), '2026-11-24T10:00:00.000Z')
      // The run reaches the sections and branches whose words are checked.
      for (const page of [fr.html, en.html]) {
        for (const id of ['verdict', 'criteria', 'comparison', 'latency', 'categories', 'stages', 'timeline', 'questions', 'confusion', 'notes'])
          expect(page, id).toContain(`id="${id}"`)
        expect(page.match(/data-chart="ecdf"/g)).toHaveLength(2) // latencies and the time to first chunk
      }
      expect(fr.html).toContain('Même corps que la tentative #1.')
      expect(fr.html).toContain('2 tentative(s) prévue(s) non exécutée(s).')
      expect(fr.html).toContain('(échauffement)')
      expect(fr.html).toContain('groupe seulement : sous-type non observable')
      expect(fr.html).toContain('autre(s) : voir chaque tentative ci-dessous')
      expect(en.html).toContain('Same body as attempt #1.')
      expect(en.html).toContain('more: see each attempt below')
      expect(offending(fr.html, ENGLISH)).toEqual([])
      expect(offending(en.html, FRENCH)).toEqual([])
      // The detectors do find the other language when it is there.
      expect(offending(en.html, ENGLISH).length).toBeGreaterThan(20)
      expect(offending(fr.html, FRENCH).length).toBeGreaterThan(20)
    })
  }

  test('a page with no measured attempt and no stage timings, in each language', () => {
    for (const L of LOCALES) {
      const m: RunModel = { ...modelWith([], {}, { locale: L }), questions: [question('q01', [], { plannedAttempts: 1 })] }
      const page = produce(m).html
      expect(page).toContain(say({ code: 'report.html.latency.none', params: {} }, L))
      expect(page).toContain(say({ code: 'report.html.stages.none', params: {} }, L))
      expect(offending(page, L === 'fr' ? ENGLISH : FRENCH)).toEqual([])
    }
  })

  test('the page written while a run is in progress (reporters/render-in-progress.ts), in each language', () => {
    const pages = Object.fromEntries(
      LOCALES.map((L) => [
        L,
        renderInProgressHtml({
          runId: '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f',
          startedAt: '2026-11-24T10:00:00.000Z',
          locale: L,
          target: { baseUrl: 'http://127.0.0.1:8001', contract: 'harena-v2', embedded: false },
        }),
      ]),
    ) as Record<Locale, string>
    expect(offending(pages.fr, ENGLISH)).toEqual([])
    expect(offending(pages.en, FRENCH)).toEqual([])
    expect(offending(pages.en, ENGLISH).length).toBeGreaterThan(2)
    expect(offending(pages.fr, FRENCH).length).toBeGreaterThan(2)
  })

  test('every HTML label has both languages, and they differ unless the word is the same in both', () => {
    const same = new Set([
      'report.html.criteria.note',
      'report.html.comparison.verdict',
      'report.html.categories.questions',
      'report.html.stages.budget',
      'report.html.questions.question',
      'report.html.questions.message',
    ])
    for (const [code, phrase] of Object.entries(HTML_CATALOGUE)) {
      const params = {
        count: 2,
        n: 3,
        index: 1,
        limit: 4000,
        id: 'C1',
        note: 'n',
        name: 'x',
        status: 's',
        decision: 'GO',
        method: 'm',
        ratio: 0.2,
        resamples: 10,
        seed: 1,
        at: '1 s',
        timeoutMs: 1,
        before: 1,
        after: 1,
        executed: 1,
        planned: 1,
        generatedAt: 'g',
        target: 't',
        contract: 'c',
        duration: 'd',
      }
      const fr = phrase.fr(params)
      const en = phrase.en(params)
      expect(fr.trim(), code).not.toBe('')
      expect(en.trim(), code).not.toBe('')
      if (same.has(code)) expect(fr, code).toBe(en)
      else if (code !== 'report.html.interval_method') expect(fr, code).not.toBe(en)
    }
    // The page words the percentile method the reporter uses (core/percentile.ts).
    expect(say({ code: 'report.html.notes.percentiles', params: {} }, 'en')).toContain(PERCENTILE_METHOD)
    expect(say({ code: 'report.html.interval_method', params: { method: 'order statistics (binomial), 95 %' } }, 'fr')).toBe(
      'statistiques d’ordre (binomiale), 95 %',
    )
  })

  test('the renderer holds no sentence of its own: no bilingual pick(), no language test', async () => {
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(new URL('../../reporters/render-html.ts', import.meta.url), 'utf8')
    expect(text).not.toMatch(/\bpick\(/)
    expect(text).not.toMatch(/locale === 'fr'|L === 'fr'/)
  })
})
