// The names Vitest gives the suite's tests, in one place: the spec files name their describe blocks and their tests
// with these, and the global setup matches `-t` against them exactly as Vitest does, so that it knows before any
// request which questions and probes a run asks (tests/support/run-plan.ts; docs/vitest-facts.md §1.11).
import type { CategoryId } from '../../core/model.ts'
import type { Question } from '../../core/questions.ts'
import { printable } from './annotate.ts'

/** Each spec file's describe block (tests/*.spec.ts): one per plan category, the catch-all and the security probes. */
export const DESCRIBE_TITLES: Readonly<Record<CategoryId | 'other' | 'security', string>> = {
  transaction_search_simple: 'Catégorie 1 · Recherche simple (transaction_search_simple)',
  by_category: 'Catégorie 2 · Par catégorie (by_category)',
  by_merchant: 'Catégorie 3 · Par marchand (by_merchant)',
  analytics_insights: 'Catégorie 4 · Analytics et insights (analytics_insights)',
  edge_cases: 'Catégorie 5 · Cas limites (edge_cases)',
  other: 'Autres catégories (hors plan)',
  security: 'Sécurité (sondes en lecture seule)',
}

/** "q07 · Mes dépenses chez Carrefour" */
export function titleOf(question: Pick<Question, 'id' | 'message'>): string {
  return `${question.id} · ${printable(question.message, 120)}`
}

/** "no_token · Sans jeton → 401 avec WWW-Authenticate" */
export function probeTitleOf(probe: { id: string; title: string }): string {
  return `${probe.id} · ${probe.title}`
}

/**
 * Whether Vitest 4.1 runs a test of this name under `-t pattern`: it matches the test's full name — its describe
 * blocks' titles and its own, joined by spaces (@vitest/runner `getTaskFullName`, tested with `String#match` in
 * `interpretTaskModes`), the file's name not included. No pattern: every test runs.
 */
export function nameSelected(pattern: RegExp | null, describeTitle: string, title: string): boolean {
  return pattern === null || `${describeTitle} ${title}`.match(pattern) !== null
}
