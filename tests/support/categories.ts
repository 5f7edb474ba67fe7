// Which spec file runs which questions: one file per plan category (docs/suite-rules.md §3), plus a catch-all so that a
// question bank with other categories never drops a question silently. validation.config.ts includes only the
// files that have questions (Vitest fails a spec file that registers no test).
import { CATEGORY_IDS, type CategoryId } from '../../core/model.ts'
import { loadQuestions, QuestionsError, type Question } from '../../core/questions.ts'
import { exitWithConfigurationError } from './settings-or-exit.ts'

export const SPEC_FILES: Record<CategoryId, string> = {
  transaction_search_simple: 'tests/transaction-search-simple.spec.ts',
  by_category: 'tests/by-category.spec.ts',
  by_merchant: 'tests/by-merchant.spec.ts',
  analytics_insights: 'tests/analytics-insights.spec.ts',
  edge_cases: 'tests/edge-cases.spec.ts',
}
export const OTHER_SPEC_FILE = 'tests/other-categories.spec.ts'
/** The security probes (issue 10), included unless VALIDATION_SECURITY=false. */
export const SECURITY_SPEC_FILE = 'tests/security.spec.ts'

export function isPlanCategory(category: string): category is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(category)
}

/** The questions a spec file runs: one plan category, or 'other' = every category outside the plan's five. */
export function questionsOf(questions: readonly Question[], category: CategoryId | 'other'): Question[] {
  return questions.filter((q) => (category === 'other' ? !isPlanCategory(q.category) : q.category === category))
}

/** Spec files (relative to the project root) that have at least one question, in plan order. */
export function specFilesFor(questions: readonly Question[]): string[] {
  const files = CATEGORY_IDS.filter((c) => questionsOf(questions, c).length > 0).map((c) => SPEC_FILES[c])
  if (questionsOf(questions, 'other').length > 0) files.push(OTHER_SPEC_FILE)
  return files
}

/**
 * For validation.config.ts: the spec files to include for the question file at `path`, and how many questions each
 * runs (tests/support/workers.ts sizes the workers by them). A question file that cannot
 * be loaded ends the process here, before Vitest starts anything, with one line and exit 1 — like a bad .env
 * value (globalSetup checks again, in case the file changes in between).
 */
export function specFilesOrExit(path: string): { specFiles: string[]; questionsPerFile: number[] } {
  try {
    const questions = loadQuestions(path)
    const specFiles = specFilesFor(questions)
    return { specFiles, questionsPerFile: specFiles.map((file) => questionsOfFiles(questions, [file]).length) }
  } catch (error) {
    if (error instanceof QuestionsError) exitWithConfigurationError(error.reason, 'VALIDATION_QUESTIONS')
    throw error
  }
}

/** The questions the given spec files run (relative or absolute paths; the security file runs none), in file order. */
export function questionsOfFiles(questions: readonly Question[], files: readonly string[]): Question[] {
  const runs = (file: string) => files.some((f) => f === file || f.endsWith(`/${file}`) || f.endsWith(`\\${file.replace(/\//g, '\\')}`))
  return questions.filter((q) => runs(isPlanCategory(q.category) ? SPEC_FILES[q.category] : OTHER_SPEC_FILE))
}
