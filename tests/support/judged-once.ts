// Judging an answer is a pure function of what it is judged on: the question, what the adapter read from the wire
// (its AdapterResult) and what that wire can carry. The checks (checks/, grounding/, ground-truth/) read no clock,
// no stage timing and no state of their own. A deterministic service answers a question with the same text,
// figures and charts every time — only its request id, timestamp, conversation id and timings change, and those
// never reach a check — so the verdict of a reading already judged is taken again instead of recomputed: same
// inputs, same reasons. This was most of an attempt's worker CPU (the French text and figure analyses of
// grounding/ and checks/question-asked.ts), and a busy worker delays the timestamps of the answers it receives
// (issue 14). Every answer is still read, schema-checked and scrubbed by its adapter and the recorder
// (tests/support/record.ts); only the judging of an identical reading is shared. An LLM's answers differ from one
// attempt to the next and are judged one by one, as before.
//
// The key is the full input, serialized: the question (its id and expectations as asked), the observes
// declaration, and the result with the turn's stage timings left out (checks never read them; they change on
// every answer). JSON is exact for what an adapter produces (values parsed from JSON text; -0 and 0 compare the
// same everywhere a check looks).
import type { Observes } from '../../core/observes.ts'
import type { Question } from '../../core/questions.ts'
import type { CheckFn, ObserveFn } from './record.ts'
import type { AdapterResult } from './turn.ts'

/** Readings remembered per judge: a question's answers take a handful of shapes; a bounded map keeps memory flat. */
const MAX_REMEMBERED = 64

/** A bounded map: the oldest entry goes when it is full (insertion order). */
class Remembered<V> {
  private readonly map = new Map<string, V>()
  get(key: string): V | undefined {
    return this.map.get(key)
  }
  set(key: string, value: V): V {
    if (this.map.size >= MAX_REMEMBERED) {
      const oldest = this.map.keys().next()
      if (oldest.done !== true) this.map.delete(oldest.value)
    }
    this.map.set(key, value)
    return value
  }
}

// A question or an observes object is the same object for every attempt of a question: serialized once.
const serialized = new WeakMap<object, string>()
function once(value: object): string {
  let text = serialized.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    serialized.set(value, text)
  }
  return text
}

/** The result as judged: a turn without its stage timings and their reading (per-answer figures a check never reads). */
function readingOf(result: AdapterResult): string {
  if (result.kind !== 'turn') return JSON.stringify(result)
  const { stages: _timings, stageReading: _reading, ...judged } = result.turn
  return JSON.stringify({ kind: result.kind, turn: judged })
}

/**
 * The same check and observe, each remembering its verdicts by their full input. The returned values are shared
 * between attempts with the same reading: callers copy what they keep (record.ts builds fresh reasons from them).
 */
export function judgedOnce(judge: { check: CheckFn; observe: ObserveFn }): { check: CheckFn; observe: ObserveFn } {
  const checks = new Remembered<ReturnType<CheckFn>>()
  const observations = new Remembered<ReturnType<ObserveFn>>()
  // The reading of the last result is serialized once for both (the recorder checks, then observes, the same result).
  let last: { result: AdapterResult; reading: string } | null = null
  const reading = (result: AdapterResult): string => {
    if (last === null || last.result !== result) last = { result, reading: readingOf(result) }
    return last.reading
  }
  return {
    check: (question: Question, result: AdapterResult, observes: Observes) => {
      const key = `${once(question)}\u0000${once(observes)}\u0000${reading(result)}`
      return checks.get(key) ?? checks.set(key, judge.check(question, result, observes))
    },
    observe: (question: Question, result: AdapterResult) => {
      const key = `${once(question)}\u0000${reading(result)}`
      const known = observations.get(key)
      return known !== undefined ? known : observations.set(key, judge.observe(question, result))
    },
  }
}
