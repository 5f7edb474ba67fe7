// The question set (docs/suite-rules.md §3): a zod schema, the loader, and the expectation vocabulary.
// fixtures/questions.json holds the plan's 15 questions verbatim; VALIDATION_QUESTIONS may name another bank.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigurationError } from './configuration-error.ts'
import { reason } from './reason.ts'
import { jsonErrorText, schemaProblem } from './schema-problem.ts'
import { CONTRACTS, type ContractName } from './settings.ts'

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

/** "group.subtype", "group", or alternatives "a|b" (any of them is right: v3's search categories overlap). */
const ExpectedIntent = z
  .string()
  .regex(/^[A-Za-z_]+(\.[A-Za-z_]+)?(\|[A-Za-z_]+(\.[A-Za-z_]+)?)*$/, 'schema.intent')
  .nullable()

/**
 * What a question expects on one wire generation (docs/generations.md), replacing the plan's defaults field by
 * field: v3 intents are lower-case categories (`financial_query`, `trend_analysis`…), v3.2.9 pies have up to 9
 * slices, v3 carries no chart. `visualizationExpected: false` says a DATA_PRESENTATION answer of this question is
 * not expected to carry a visualization on that generation (the viz_coverage criterion does not count it, and says so).
 */
export const ContractExpectations = z
  .object({
    expectedIntent: ExpectedIntent.optional(),
    expectsData: z.boolean().nullable().optional(),
    expectations: z.array(Expectation).optional(),
    visualizationExpected: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict()
export type ContractExpectations = z.infer<typeof ContractExpectations>

const ByContract = z.partialRecord(z.enum(CONTRACTS), ContractExpectations)

export const Question = z
  .object({
    id: z.string().regex(/^[\w.-]+$/, 'schema.question_id'),
    category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'schema.category_id'),
    message: z.string().min(1).max(1000),
    /** "group.subtype", "group" or alternatives "a|b"; null: no intent expectation. */
    expectedIntent: ExpectedIntent,
    /** true: must be DATA_PRESENTATION; false: must not be (no invented figures); null: either. */
    expectsData: z.boolean().nullable(),
    /**
     * Edge cases: a 4xx with a readable JSON message is acceptable in place of an answer. A pipeline fallback is
     * not, here either (issue 10: docs/suite-rules.md §4).
     */
    edgeCase: z.boolean().default(false),
    expectations: z.array(Expectation).default([]),
    note: z.string().optional(),
    /** Per generation: what replaces the fields above on that contract (HARENA_API_CONTRACT). */
    contracts: ByContract.optional(),
    /** Resolved for the run's contract (see resolveForContract); true unless a contract entry says otherwise. */
    visualizationExpected: z.boolean().default(true),
  })
  .strict()
export type Question = z.infer<typeof Question>

export const QuestionSet = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** Defaults for every question on a generation (a question's own `contracts` entry wins field by field). */
    contracts: ByContract.optional(),
    questions: z.array(Question).min(1, 'schema.no_questions'),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>()
    set.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'schema.duplicate_id', params: { id: q.id } })
      seen.add(q.id)
    })
  })
export type QuestionSet = z.infer<typeof QuestionSet>

/** A question file that is not one (core/locale/config.ts `config.file.*`): a configuration error of VALIDATION_QUESTIONS. */
export class QuestionsError extends ConfigurationError {
  override name = 'QuestionsError'
}

const questionsError = (code: string, params: Parameters<typeof reason>[1]): QuestionsError =>
  new QuestionsError('VALIDATION_QUESTIONS', reason(code, { variable: 'VALIDATION_QUESTIONS', ...params }))

/** Loads and validates a question file; errors name the file and the path of the bad field. */
export function loadQuestions(path: string): Question[] {
  return loadQuestionSet(path).questions
}

function loadQuestionSet(path: string): { questions: Question[]; defaults: Partial<Record<ContractName, ContractExpectations>> } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw questionsError('config.file.unreadable', { path, error: (error as NodeJS.ErrnoException).code ?? 'error' })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw questionsError('config.file.not_json', { path, error: jsonErrorText(error) })
  }
  const parsed = QuestionSet.safeParse(json)
  if (!parsed.success)
    throw questionsError('config.file.schema', { path, ...schemaProblem(QuestionSet, json), format: 'fixtures/questions.schema.json' })
  return { questions: parsed.data.questions, defaults: parsed.data.contracts ?? {} }
}

/**
 * A question as one contract sees it. `withdrawn`: the kinds of the plan's expectations its contract entry took out
 * (v3 carries no KPI card, v3.2.9 draws no pie for one category): never silently dropped, they are named "not
 * observable on <contract>" with what the wire cannot carry (tests/support/observability.ts). Absent: none.
 */
export type ResolvedQuestion = Question & {
  withdrawn?: Expectation['kind'][]
  /**
   * The plan's expected intent when the contract's entry replaced it (v3 asks `financial_analysis|financial_query`
   * of the anomalies question): the question's kind, which the analysis its text must state follows
   * (tests/support/checks/analysis-stated.ts). Absent when the contract kept the plan's.
   */
  planIntent?: string | null
}

/** The question as the run's contract sees it: the set's and the question's entries for it, over the plan's fields. */
export function resolveQuestion(question: Question, contract: ContractName, setDefaults: ContractExpectations = {}): ResolvedQuestion {
  const own = question.contracts?.[contract] ?? {}
  const pick = <K extends keyof ContractExpectations>(key: K): ContractExpectations[K] => (own[key] !== undefined ? own[key] : setDefaults[key])
  const { contracts: _all, ...plain } = question
  const expectedIntent = pick('expectedIntent')
  const expectsData = pick('expectsData')
  const expectations = pick('expectations')
  const note = pick('note')
  // A plan expectation whose kind the entry no longer asks for; an adapted one (q06's pie of 9 slices) is kept.
  const kept = new Set((expectations ?? []).map((e) => e.kind))
  const withdrawn = expectations === undefined ? [] : [...new Set(question.expectations.map((e) => e.kind).filter((k) => !kept.has(k)))]
  return {
    ...plain,
    ...(withdrawn.length > 0 ? { withdrawn } : {}),
    ...(expectedIntent !== undefined ? { expectedIntent } : {}),
    ...(expectedIntent !== undefined && expectedIntent !== question.expectedIntent ? { planIntent: question.expectedIntent } : {}),
    ...(expectsData !== undefined ? { expectsData } : {}),
    ...(expectations !== undefined ? { expectations } : {}),
    ...(note !== undefined ? { note } : {}),
    visualizationExpected: pick('visualizationExpected') ?? question.visualizationExpected,
  }
}

/** Loads a question file and resolves every question for `contract`. */
export function loadQuestionsFor(path: string, contract: ContractName): ResolvedQuestion[] {
  const { questions, defaults } = loadQuestionSet(path)
  return questions.map((q) => resolveQuestion(q, contract, defaults[contract] ?? {}))
}
