// What a question can be judged on over a given wire (docs/generations.md): an expectation whose evidence the
// contract cannot carry is taken out of the checks and named "not observable on <contract>" in the record and
// the report — never checked (it would fail a healthy service), never passed silently.
import type { Expectation, Question, ResolvedQuestion } from '../../core/questions.ts'
import type { Observes } from '../../core/observes.ts'

/** The evidence each expectation kind reads. */
const EVIDENCE: Readonly<Record<Expectation['kind'], keyof Observes | null>> = {
  kpi_cards: 'kpiCards',
  change_percent: 'kpiCards',
  pie: 'visualizations',
  bar: 'visualizations',
  line: 'visualizations',
  chart_any: 'visualizations',
  insight: 'insights',
  clarification_or_fallback: null,
}

export interface ObservableQuestion {
  /** The question with only what the wire can show. */
  question: Question
  /** What was taken out: expectation kinds, and "intent" when the wire states none. Empty: everything is checked. */
  notObservable: string[]
}

/**
 * What an answer without a visualizations field can show, on a wire that carries charts and KPI cards only
 * optionally (real v2): those become absent for that answer. One rule for the recorder (per answer) and askQuestion
 * (the question's "not observable" list).
 */
export function withoutOptionalVisualizations(observes: Observes): Observes {
  return {
    ...observes,
    visualizations: observes.visualizations === 'optional' ? 'absent' : observes.visualizations,
    kpiCards: observes.kpiCards === 'optional' ? 'absent' : observes.kpiCards,
  }
}

export function observableQuestion(question: ResolvedQuestion, observes: Observes): ObservableQuestion {
  // What the question set took out for this contract comes first, in the plan's order (core/questions.ts).
  const notObservable: string[] = [...(question.withdrawn ?? [])]
  const expectations = question.expectations.filter((e) => {
    const needs = EVIDENCE[e.kind]
    if (needs === null || observes[needs] !== 'absent') return true
    if (!notObservable.includes(e.kind)) notObservable.push(e.kind)
    return false
  })
  let expectedIntent = question.expectedIntent
  if (expectedIntent !== null && observes.intent === 'absent') {
    notObservable.push('intent')
    expectedIntent = null
  }
  return { question: { ...question, expectations, expectedIntent }, notObservable }
}
