// The ground-truth file (VALIDATION_GROUND_TRUTH, issue 10; in core/ because the runtime provides it to the workers): for a known test account, the figures each question's
// answer must show — total, count, average, top merchant and category, anomaly ids — with a tolerance. The embedded
// reference service exports its own (fixtures/reference/ground-truth.ts), so the default run checks exact figures;
// a user writes one for their staging account. JSON Schema: fixtures/ground-truth.schema.json (`npm run schemas`).
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigurationError } from './configuration-error.ts'
import { reason } from './reason.ts'
import { jsonErrorText, schemaProblem } from './schema-problem.ts'

export const TruthAnomaly = z
  .object({
    /** The transaction id the service reports (v2 `data_support.transaction_id`). */
    id: z.union([z.number().int(), z.string().min(1)]),
    /** Merchant and ISO date, to recognise the anomaly in a chart label "Fnac (2026-11-18)". */
    merchant: z.string().min(1).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'schema.iso_date')
      .optional(),
  })
  .strict()

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'schema.iso_date')
/** A day of the calendar ("2026-02-30" is not: Date would roll it over to March 2nd). */
const realDay = (day: string): boolean => {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number]
  const at = new Date(Date.UTC(y, m - 1, d))
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d
}

/** The days a question's figures cover, both included: the range a service asked that day searches for it. */
export const TruthPeriod = z
  .object({ from: isoDay.refine(realDay, 'schema.iso_date'), to: isoDay.refine(realDay, 'schema.iso_date') })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'schema.period_order', path: ['to'] })
export type TruthPeriod = z.infer<typeof TruthPeriod>

export const TruthQuestion = z
  .object({
    /**
     * The days these figures cover (ISO, both included): an answer that searched other days is not confronted with
     * them (tests/support/ground-truth/period.ts). Without it, `account.asOf` places the question's period.
     */
    period: TruthPeriod.optional(),
    /** Total spent (euros, debits). */
    total: z.number().min(0).optional(),
    /** Number of transactions found. */
    count: z.number().int().min(0).optional(),
    /** Average amount (euros). */
    average: z.number().min(0).optional(),
    /** Comparison questions: total spent over the previous period compared with (euros, debits). */
    previousTotal: z.number().min(0).optional(),
    topMerchant: z.string().min(1).optional(),
    topCategory: z.string().min(1).optional(),
    /** Anomaly questions: the transactions that really are unusual. */
    anomalies: z.array(TruthAnomaly).optional(),
    /** Anomalies: least share of the reported ones that must be true (default 1: no false positive). */
    minPrecision: z.number().min(0).max(1).optional(),
    /** Anomalies: least share of the true ones that must be reported (default 0.5). */
    minRecall: z.number().min(0).max(1).optional(),
    /** Euros of slack for this question's amounts (default: the file's tolerance). */
    tolerance: z.number().min(0).optional(),
  })
  .strict()
export type TruthQuestion = z.infer<typeof TruthQuestion>

export const GroundTruth = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /**
     * Which account and day the figures hold for. `userId`: a file for another user than HARENA_USER_ID is refused
     * before any request. `asOf`: the day the figures were taken (ISO date, or date and time: its written date
     * counts); an answer whose searched days a service could not have searched that day is not confronted with them.
     */
    account: z
      .object({
        userId: z.number().int().min(1).optional(),
        asOf: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'schema.iso_date_time')
          .refine(realDay, 'schema.iso_date_time')
          .optional(),
      })
      .strict()
      .optional(),
    /** Euros of slack for amounts (default 0.01: exact to the cent). */
    tolerance: z.number().min(0).default(0.01),
    /** Question id (fixtures/questions.json) → expected figures. */
    questions: z.record(z.string().regex(/^[\w.-]+$/, 'schema.truth_question_id'), TruthQuestion),
  })
  .strict()
export type GroundTruth = z.infer<typeof GroundTruth>

/** A ground-truth file that is not one (core/locale/config.ts `config.file.*`): a configuration error of VALIDATION_GROUND_TRUTH. */
export class GroundTruthError extends ConfigurationError {
  override name = 'GroundTruthError'
}

const truthError = (code: string, params: Parameters<typeof reason>[1]): GroundTruthError =>
  new GroundTruthError('VALIDATION_GROUND_TRUTH', reason(code, { variable: 'VALIDATION_GROUND_TRUTH', ...params }))

/** Unknown ids named in the refusal line: a few, then how many more (a file keyed by another bank can hold hundreds). */
const SHOWN_IDS = 5

/** What the run asks, that a ground-truth file must be made for. */
export interface TruthRun {
  /** The run's question ids: a key naming none of them is refused. */
  questionIds?: readonly string[]
  /** HARENA_USER_ID: a file whose `account.userId` names another user is refused. */
  userId?: number
}

/**
 * Loads and validates a ground-truth file; the error names the variable, the file and the bad field. With the run's
 * question ids, a key that names none of them is refused too: a file keyed "Q01" or "q1" for a set whose ids are
 * "q01" confronts no answer with any figure, yet the run would still pass for one checked against the truth. With
 * the run's user, a file made for another user is refused: its figures are another account's, and every answer
 * would fail against them (a false NO-GO).
 */
export function loadGroundTruth(path: string, run: TruthRun = {}): GroundTruth {
  const truth = parseGroundTruth(path)
  if (run.userId !== undefined) refuseOtherUser(path, truth, run.userId)
  if (run.questionIds !== undefined) refuseUnknownIds(path, truth, run.questionIds)
  return truth
}

function refuseOtherUser(path: string, truth: GroundTruth, userId: number): void {
  const fileUser = truth.account?.userId
  if (fileUser === undefined || fileUser === userId) return
  throw truthError('config.truth.other_user', { path, fileUser, userId })
}

/** The day `account.asOf` names, as written (its time and zone left out), or null when the file says none. */
export function truthDay(truth: Pick<GroundTruth, 'account'>): string | null {
  return truth.account?.asOf?.slice(0, 10) ?? null
}

function refuseUnknownIds(path: string, truth: GroundTruth, questionIds: readonly string[]): void {
  const known = new Set(questionIds)
  const unknown = Object.keys(truth.questions).filter((id) => !known.has(id))
  if (unknown.length === 0) return
  throw truthError('config.truth.unknown_ids', {
    path,
    unknown: unknown.slice(0, SHOWN_IDS),
    more: Math.max(0, unknown.length - SHOWN_IDS),
    accepted: questionIds.slice(0, SHOWN_IDS * 3),
    acceptedMore: Math.max(0, questionIds.length - SHOWN_IDS * 3),
  })
}

/** The question ids of the set the file does not cover: their answers are not confronted with the truth. */
export function questionsWithoutTruth(truth: Pick<GroundTruth, 'questions'>, questionIds: readonly string[]): string[] {
  return questionIds.filter((id) => !Object.hasOwn(truth.questions, id))
}

function parseGroundTruth(path: string): GroundTruth {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw truthError('config.file.unreadable', { path, error: (error as NodeJS.ErrnoException).code ?? 'error' })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw truthError('config.file.not_json', { path, error: jsonErrorText(error) })
  }
  const parsed = GroundTruth.safeParse(json)
  if (!parsed.success)
    throw truthError('config.file.schema', { path, ...schemaProblem(GroundTruth, json), format: 'fixtures/ground-truth.schema.json' })
  return parsed.data
}
