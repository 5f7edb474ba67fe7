// The C4 reason counts every question with a critical bug, not only those among the 50 bugs kept with evidence
// (reporters/aggregate.ts MAX_CRITICAL_ITEMS), and the C5 reason says its evidence as separate sentences.
// Hand-made models (make-model.ts): aggregate → metrics → decide → Markdown/JSON, in both languages.
import { describe, expect, test } from 'vitest'
import { say } from '../../core/locale/index.ts'
import type { Locale } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { aggregate } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { buildReport } from '../../reporters/render-json.ts'
import { renderMarkdown } from '../../reporters/render-markdown.ts'
import { attempt, failure, modelWith, question } from './make-model.ts'

const ITERATIONS = 10
const id = (i: number): string => `q${String(i + 1).padStart(3, '0')}`

/** 150 questions × 10 attempts; questions 31 to 150 (120 of them) answer HTTP 500 to every attempt: 1,200 bugs. */
function serverErrors(locale: Locale): RunModel {
  const base = modelWith([], {}, { locale, iterations: ITERATIONS })
  const questions = Array.from({ length: 150 }, (_, i) =>
    question(
      id(i),
      Array.from({ length: ITERATIONS }, () =>
        i < 30 ? attempt() : attempt({ httpStatus: 500, ok: false, critical: 'http_5xx', failures: [failure('HTTP 500')] }),
      ),
    ),
  )
  return { ...base, questions }
}

const C4_TEXT: Record<Locale, string> = {
  fr: '1200 bug(s) critique(s) (http_5xx: 1200) sur 120 question(s) — q031, q032, q033, q034, q035, q036, q037, q038 et 112 autre(s) question(s) (criticalBugsByQuestion de validation-report.json les compte toutes).',
  en: '1200 critical bug(s) (http_5xx: 1200) in 120 question(s) — q031, q032, q033, q034, q035, q036, q037, q038 and 112 more question(s) (criticalBugsByQuestion in validation-report.json counts them all).',
}

describe('C4 names every question with a critical bug, beyond the 50 kept with evidence', () => {
  for (const locale of ['fr', 'en'] as const)
    test(`${locale}: 120 questions with 5xx, 1,200 bugs: the reason counts 120 questions, names the first 8, "112 more"`, () => {
      const m = serverErrors(locale)
      const agg = aggregate(m)
      const v = decide(m, agg)
      const c4 = v.criteria.find((c) => c.id === 'C4')
      expect(c4?.status).toBe('fail')
      const sentence = say(c4!.reason!, locale)
      expect(sentence).toContain(C4_TEXT[locale])

      // Markdown and JSON agree: the same sentence, and the JSON holds what the sentence points to.
      const generatedAt = '2026-11-24T10:05:00.000Z'
      const md = renderMarkdown(m, agg, v, generatedAt)
      expect(md).toContain(locale === 'fr' ? 'sur 120 question(s)' : 'in 120 question(s)')
      expect(md).toContain(
        locale === 'fr'
          ? '… 1150 autres bugs critiques : criticalBugsByQuestion de validation-report.json les compte par question'
          : '… 1150 more critical bugs: criticalBugsByQuestion in validation-report.json counts them per question',
      )
      const report = buildReport(m, agg, v, generatedAt)
      expect(report.criticalBugs).toHaveLength(50)
      expect(report.criticalBugsByQuestion).toHaveLength(120)
      expect(report.criticalBugsByQuestion.map((q) => q.questionId)).toEqual(Array.from({ length: 120 }, (_, i) => id(i + 30)))
      expect(report.criticalBugsByQuestion.reduce((s, q) => s + q.count, 0)).toBe(report.summary.criticalBugs)
      const jsonC4 = report.criteria.find((c) => c.id === 'C4')
      expect(JSON.stringify(jsonC4)).toContain('"questions":120')

      // The aggregate behind it: the evidence list stays capped, the per-question count does not.
      expect(agg.critical.count).toBe(1200)
      expect(agg.critical.items).toHaveLength(50) // the evidence list stays capped
      expect(agg.critical.byQuestion).toHaveLength(120)
      expect(agg.critical.byQuestion[0]).toEqual({ questionId: 'q031', count: ITERATIONS })
      expect(agg.critical.byQuestion.at(-1)).toEqual({ questionId: 'q150', count: ITERATIONS })

      const ev = agg.metrics.critical_bugs.evidence[0]
      expect(ev?.code).toBe('evidence.critical_bugs')
      expect(ev?.params.questions).toBe(120)
      expect(ev?.params.ids).toEqual(['q031', 'q032', 'q033', 'q034', 'q035', 'q036', 'q037', 'q038'])
      expect(say(ev!, locale)).toBe(C4_TEXT[locale])
    })

  test('a few questions: all named, no "more" clause; a bug on a warm-up counts for its question', () => {
    const bug = { httpStatus: 502, ok: false, critical: 'http_5xx' as const, failures: [failure('HTTP 502')] }
    const m: RunModel = {
      ...modelWith([], {}, { locale: 'en' }),
      questions: [
        question('q01', [attempt(bug), attempt(bug)]),
        question('q02', [attempt()], { warmups: [attempt({ ...bug, warmup: true })] }),
        question('q03', [attempt()]),
      ],
    }
    const agg = aggregate(m)
    expect(say(agg.metrics.critical_bugs.evidence[0]!, 'en')).toBe('3 critical bug(s) (http_5xx: 3) in 2 question(s) — q01, q02.')
    expect(agg.critical.byQuestion).toEqual([
      { questionId: 'q01', count: 2 },
      { questionId: 'q02', count: 1 },
    ])
  })
})

describe('C5 says each cause of an incomplete run as its own sentence', () => {
  const SENTENCE: Record<Locale, string> = {
    fr: 'Identifiants expirés après la tentative 3913. 5 tentative(s) prévue(s) non exécutée(s) (q02).',
    en: 'Credentials expired after attempt 3913. 5 planned attempt(s) not executed (q02).',
  }
  for (const locale of ['fr', 'en'] as const)
    test(`${locale}: credentials expired, then the attempts not executed: a full stop between them`, () => {
      const base = modelWith([1000], {}, { locale, iterations: 5 })
      const m: RunModel = {
        ...base,
        questions: [...base.questions, question('q02', [], { plannedAttempts: 5 })],
        auth: {
          relogins: [],
          expired: {
            at: '2026-11-24T10:03:00.000Z',
            afterAttempts: 3913,
            questionId: 'q02',
            attempt: 0,
            warmup: false,
            cause: 'no_credentials',
            detail: null,
          },
        },
      }
      const agg = aggregate(m)
      const c5 = decide(m, agg).criteria.find((c) => c.id === 'C5')
      expect(c5?.status).not.toBe('pass')
      expect(say(c5!.reason!, locale)).toContain(SENTENCE[locale])
    })
})
