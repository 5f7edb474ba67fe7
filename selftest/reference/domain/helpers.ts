// Shared by the domain unit tests: pinned "now"s chosen to hit calendar edge cases, the 15 plan questions from the
// real question file, and a one-call pipeline. Independent re-computations live in the tests themselves.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  generate,
  generateDataset,
  loadProfile,
  search,
  understand,
  type Dataset,
  type GeneratedAnswer,
  type SearchOutcome,
  type Understanding,
} from '../../../fixtures/reference/domain/index.ts'

/** 1st of a month on a Sunday; an ordinary Tuesday; Jan 1st; a Monday; a leap day; the 31st (a Monday). */
export const PINNED_NOWS = [
  '2026-03-01T10:00:00Z',
  '2026-11-24T12:00:00Z',
  '2027-01-01T00:00:00Z',
  '2026-06-15T23:59:59Z',
  '2028-02-29T12:00:00Z',
  '2026-08-31T08:00:00Z',
] as const

export interface PlanQuestion {
  id: string
  message: string
  expectedIntent: string | null
  expectsData: boolean | null
}

const questionsPath = fileURLToPath(new URL('../../../fixtures/questions.json', import.meta.url))
export const QUESTIONS: PlanQuestion[] = (JSON.parse(readFileSync(questionsPath, 'utf8')) as { questions: PlanQuestion[] }).questions

export function question(id: string): PlanQuestion {
  const q = QUESTIONS.find((x) => x.id === id)
  if (q === undefined) throw new Error(`no question ${id}`)
  return q
}

export interface Run {
  u: Understanding
  s: SearchOutcome
  a: GeneratedAnswer
}

export function run(ds: Dataset, userId: number, message: string, now: Date): Run {
  const u = understand(message, now)
  const s = search(ds, userId, u, now)
  const a = generate(u, s, loadProfile(ds, userId), now)
  return { u, s, a }
}

const datasets = new Map<string, Dataset>()
/** One dataset per pinned now (generation is deterministic, so sharing it between tests is safe). */
export function datasetFor(now: string): Dataset {
  let ds = datasets.get(now)
  if (ds === undefined) datasets.set(now, (ds = generateDataset({ now: new Date(now) })))
  return ds
}

/** Independent fr-FR euro formatter (built here, not imported from the domain). */
const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
export function eur(value: number): string {
  return EUR.format(value)
}

/** Every "1 234,56 €" amount in a text, as numbers. */
export function amountsIn(text: string): number[] {
  const re = /(\d{1,3}(?:[\u00a0\u202f ]\d{3})*,\d{2})[\u00a0 ]?€/g
  const out: number[] = []
  for (const m of text.matchAll(re)) out.push(Number((m[1] ?? '').replace(/[\u00a0\u202f ]/g, '').replace(',', '.')))
  return out
}

export const PLACEHOLDER_RE = /undefined|NaN|\bnull\b|\bNone\b|[{}]|\[object/

/** Calendar helpers written independently of the domain's dates.ts. */
export function iso(d: Date): string {
  return d.toISOString().slice(0, 10)
}
export function addDaysIso(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return iso(d)
}
export function monthBounds(year: number, month1: number): [string, string] {
  const first = new Date(Date.UTC(year, month1 - 1, 1))
  const last = new Date(Date.UTC(year, month1, 0))
  return [iso(first), iso(last)]
}
