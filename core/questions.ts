// The question set (spec §3): a zod schema, the loader, and the expectation vocabulary.
// fixtures/questions.json holds the plan's 15 questions verbatim; VALIDATION_QUESTIONS may name another bank.
import { readFileSync } from 'node:fs'
import { z } from 'zod'

export const KpiAspect = z.enum(['total', 'count', 'average'])

/** One expectation kind per entry; checks live in tests/support/checks/, one module per kind. */
export const Expectation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kpi_cards'), min: z.number().int().min(1), cover: z.array(KpiAspect).min(1) }).strict(),
  z
    .object({
      kind: z.literal('pie'),
      maxSlices: z.number().int().min(1).default(6),
      othersLabel: z.string().default('Autres'),
      sumsToTotal: z.boolean().default(true),
    })
    .strict(),
  z.object({ kind: z.literal('bar'), minDatasets: z.number().int().min(1).default(1) }).strict(),
  z.object({ kind: z.literal('line') }).strict(),
  z.object({ kind: z.literal('chart_any'), of: z.array(z.enum(['pie', 'bar', 'line'])).min(1) }).strict(),
  z.object({ kind: z.literal('insight'), type: z.string().min(1), min: z.number().int().min(1).default(1) }).strict(),
  z.object({ kind: z.literal('change_percent') }).strict(),
  z.object({ kind: z.literal('clarification_or_fallback') }).strict(),
])
export type Expectation = z.infer<typeof Expectation>

export const Question = z
  .object({
    id: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . - only'),
    category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case category id'),
    message: z.string().min(1).max(1000),
    /** "group.subtype" or "group"; null: no intent expectation. */
    expectedIntent: z
      .string()
      .regex(/^[A-Za-z_]+(\.[A-Za-z_]+)?$/)
      .nullable(),
    /** true: must be DATA_PRESENTATION; false: must not be (no invented figures); null: either. */
    expectsData: z.boolean().nullable(),
    /** Edge cases: a 4xx with a readable JSON message, or a graceful pipeline fallback, is acceptable. */
    edgeCase: z.boolean().default(false),
    expectations: z.array(Expectation).default([]),
    note: z.string().optional(),
  })
  .strict()
export type Question = z.infer<typeof Question>

export const QuestionSet = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    questions: z.array(Question).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>()
    set.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate id ${q.id}` })
      seen.add(q.id)
    })
  })
export type QuestionSet = z.infer<typeof QuestionSet>

export class QuestionsError extends Error {
  override name = 'QuestionsError'
}

/** Loads and validates a question file; errors name the file and the path of the bad field. */
export function loadQuestions(path: string): Question[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new QuestionsError(`VALIDATION_QUESTIONS: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new QuestionsError(`VALIDATION_QUESTIONS: ${path} is not valid JSON (${(error as Error).message})`)
  }
  const parsed = QuestionSet.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : ''
    throw new QuestionsError(`VALIDATION_QUESTIONS: ${path} is invalid at ${where || '(root)'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data.questions
}
