// An answer is judged on what the service said; what is written of it is scrubbed of the run's secrets
// (docs/report-contract.md "Judged as said, written scrubbed"). The recorder (record.ts) builds the record from the
// scrubbed answer, as every output is; when the scrubbing masked something, it judges the answer as it came too, and
// this file joins the two: the judgment as said decides (success, critical bug, fallback, charts, stages, which
// failures and notes), and the texts come from the scrubbed one. A password made of words the answers use
// ("Octobre2026!", « du 1er au 31 octobre 2026 ») had the suite's own mask failed as the service's defect: a stated
// length longer than the text, a question's merchant or period "never mentioned", an echo of "another question".
//
// Nothing written is taken from the answer as said but numbers, booleans and codes. A failure or note the scrubbed
// answer has too (same code) is written with its texts; one only the answer as said has (the mask hid a real defect
// there) is written with its texts scrubbed as quotes cut from that answer (core/secret-quotes.ts redactQuote): a
// check may have cut its quote inside the secret, leaving a piece too short for redact() to know.
import type { AttemptRecord } from '../../core/model.ts'
import type { Reason, ReasonParam } from '../../core/reason.ts'
import { quotedParam, redactQuote } from '../../core/secret-quotes.ts'

/**
 * The record of an answer as judged on what it said (`said`), with the texts of the record of the same answer
 * scrubbed (`shown`). `bodyHead`: the scrubbed answer's first characters, the evidence of a failure the scrubbed
 * judgment did not see.
 */
export function judgedAsSaid(said: AttemptRecord, shown: AttemptRecord, bodyHead: string, secrets: readonly string[]): AttemptRecord {
  const {
    grounding: _grounding,
    notes: _notes,
    truthPeriod: _truthPeriod,
    chartExpected: _chartExpected,
    visualizationsNotOnWire: _notOnWire,
    rateLimited: _rateLimited,
    evidence: _evidence,
    ...texts
  } = shown
  const notes = reconciled(said.notes ?? [], shown.notes ?? [], secrets)
  const evidence = evidenceOf(said, shown, bodyHead, secrets)
  return {
    ...texts,
    ok: said.ok,
    critical: said.critical,
    fallback: said.fallback,
    dataPresentation: said.dataPresentation,
    visualizations: [...said.visualizations],
    stages: { ...said.stages },
    intent: shown.intent ?? quotedIntent(said.intent, secrets),
    failures: reconciled(said.failures, shown.failures, secrets),
    ...(notes.length > 0 ? { notes } : {}),
    ...(said.grounding === undefined ? {} : { grounding: said.grounding }),
    ...(said.truthPeriod === undefined ? {} : { truthPeriod: { ...said.truthPeriod } }),
    ...(said.chartExpected === undefined ? {} : { chartExpected: { ...said.chartExpected } }),
    ...(said.visualizationsNotOnWire === undefined ? {} : { visualizationsNotOnWire: said.visualizationsNotOnWire }),
    ...(said.rateLimited === undefined ? {} : { rateLimited: said.rateLimited }),
    ...(evidence === undefined ? {} : { evidence }),
  }
}

/**
 * The failures (or notes) of the answer as said, each written with the texts of the scrubbed answer's reason of the
 * same code (taken in order, each once), its numbers as said; without one, its texts scrubbed as quotes. A reason
 * only the scrubbed answer has came from the suite's mask: dropped.
 */
function reconciled(said: readonly Reason[], shown: readonly Reason[], secrets: readonly string[]): Reason[] {
  const unused = [...shown]
  return said.map((r) => {
    const at = unused.findIndex((s) => s.code === r.code)
    const counterpart = at === -1 ? undefined : unused.splice(at, 1)[0]
    const params: Record<string, ReasonParam> = {}
    for (const [key, value] of Object.entries(r.params)) params[key] = paramAsShown(value, counterpart?.params[key], secrets)
    return { code: r.code, params }
  })
}

const isTexts = (v: ReasonParam | undefined): v is readonly string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')

/** A parameter as written: a number, a boolean or null as said; a text the scrubbed reason's, else quoted. */
function paramAsShown(said: ReasonParam, shown: ReasonParam | undefined, secrets: readonly string[]): ReasonParam {
  if (typeof said === 'string' && typeof shown === 'string') return shown
  if (isTexts(said) && isTexts(shown) && said.length > 0) return shown
  return quotedParam(said, secrets)
}

function quotedIntent(intent: AttemptRecord['intent'], secrets: readonly string[]): AttemptRecord['intent'] {
  if (intent === null) return null
  return { group: redactQuote(intent.group, secrets), subtype: intent.subtype === null ? null : redactQuote(intent.subtype, secrets) }
}

/**
 * A failed answer's evidence: the scrubbed answer's (its body's first characters, a contract's issues), the issues as
 * said quoted when only that judgment found them. A successful answer carries none (its trailers are added after).
 */
function evidenceOf(said: AttemptRecord, shown: AttemptRecord, bodyHead: string, secrets: readonly string[]): AttemptRecord['evidence'] {
  if (said.ok) return undefined
  const issues = shown.evidence?.issues ?? said.evidence?.issues?.map((i) => redactQuote(i, secrets))
  return { ...shown.evidence, bodyHead: shown.evidence?.bodyHead ?? bodyHead, ...(issues === undefined ? {} : { issues }) }
}
