// The names Vitest gives the suite's tests, in one place: the spec files name their describe blocks and their tests
// with these, and the global setup matches `-t` against them exactly as Vitest does, so that it knows before any
// request which questions and probes a run asks (tests/support/run-plan.ts; docs/vitest-facts.md §1.11).
import type { CategoryId } from '../../core/model.ts'
import type { Question } from '../../core/questions.ts'
import { redact } from '../../core/secrets.ts'
import { runSecrets, type Settings } from '../../core/settings.ts'
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

/** The credentials a title is masked of: the configured ones (null: none known, the title as written). */
export type TitleSecrets = Pick<Settings, 'apiToken' | 'password'> | null

/**
 * "q07 · Mes dépenses chez Carrefour", masked of the configured credentials: "q07 · Mes dépenses chez ***" when the
 * password is « Carrefour! ». Vitest's own reporter prints a failing or slow test's title (docs/vitest-facts.md §1.5),
 * and a password that is also a word of a question reached stdout through it. Vitest matches `-t` against the title
 * as masked: the spec files name their tests with this function (tests/support/validate.ts) and the global setup
 * matches `-t` with it too (run-plan.ts `questionsNamed`), so the plan keeps exactly the questions Vitest runs.
 */
export function titleOf(question: Pick<Question, 'id' | 'message'>, configured: TitleSecrets): string {
  return masked(`${question.id} · ${printable(question.message, 120)}`, configured)
}

/** "no_token · Sans jeton → 401 avec WWW-Authenticate", masked like a question's title (a password can be any word). */
export function probeTitleOf(probe: { id: string; title: string }, configured: TitleSecrets): string {
  return masked(`${probe.id} · ${probe.title}`, configured)
}

/** Only the configured secrets: a login's token is not known when the spec files name their tests. */
function masked(title: string, configured: TitleSecrets): string {
  return configured === null ? title : redact(title, runSecrets(configured, []))
}

/**
 * Whether Vitest 4.1 runs a test of this name under `-t pattern`: it matches the test's full name — its describe
 * blocks' titles and its own, joined by spaces (@vitest/runner `getTaskFullName`, tested with `String#match` in
 * `interpretTaskModes`), the file's name not included. No pattern: every test runs.
 */
export function nameSelected(pattern: RegExp | null, describeTitle: string, title: string): boolean {
  return pattern === null || `${describeTitle} ${title}`.match(pattern) !== null
}
