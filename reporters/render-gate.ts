// What the gate prints besides the verdict summary (render-terminal.ts): the terminal of an exploratory run
// (no release decision, where its results went, how to get a verdict) and, under GitHub Actions, one annotation
// carrying the decision, so the run's page shows NO-GO where the job's checks are read.
import '../core/locale/gate.ts'
import '../core/locale/report.ts'
import '../core/locale/run.ts'
import { configurationErrorText } from '../core/configuration-error.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { RunModel } from '../core/model.ts'
import type { Aggregate } from './aggregate.ts'
import { conditionalFailsJob, type Verdict } from './decide.ts'
import { looserLine } from './looser.ts'
import { terminalText } from '../core/terminal-text.ts'
import { statusColumn } from './render-terminal.ts'

const plain = (s: string, max = 200) => terminalText(s, max)

/**
 * The run's configuration and harness errors, one sentence each in the report's language: a configuration error as
 * the terminal said it ("configuration error: …", core/configuration-error.ts), then the others (core/locale/run.ts).
 * The JSON's run.harnessErrors and the Markdown's anomalies list them.
 */
export function harnessLines(model: RunModel): string[] {
  const L = model.settings.locale
  return [...(model.configurationErrors ?? []).map((e) => configurationErrorText(e, L)), ...model.harnessErrors.map((e) => say(e, L))]
}

/**
 * What an exploratory run is, in one line: every output says it the same way (terminal, JSON verdictLine, Markdown,
 * HTML). The questions it asked: security probes are not questions (the model holds them among its questions).
 */
export function exploratoryLine(model: RunModel): string {
  const questions = model.questions.filter((q) => q.probe !== true).length
  return say({ code: 'gate.exploratory.banner', params: { filter: model.filter ?? '', questions } }, model.settings.locale)
}

export function exploratoryTerminal(model: RunModel, agg: Aggregate, where: { dir: string; release: string }): string {
  const L = model.settings.locale
  const lines = ['', `══ Harena validation: ${exploratoryLine(model)} ══`]
  for (const q of agg.perQuestion) {
    const why = q.success
      ? say({ code: 'report.term.question_passed', params: {} }, L)
      : q.failures
          .map((f) => f.reason)
          .slice(0, 2)
          .join(' | ') || say({ code: 'report.term.not_executed', params: {} }, L)
    lines.push(`   ${statusColumn(q.success ? 'pass' : 'fail', L)}  ${q.id} (${q.passed}/${q.planned}) ${plain(why)}`)
  }
  lines.push(`   ${say({ code: 'gate.exploratory.where', params: { dir: where.dir, release: where.release } }, L)}`, '')
  return lines.join('\n')
}

/** A GitHub Actions workflow command (docs.github.com "workflow commands"): data escaped as Actions requires. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** Successes among the attempts the success rate counts (reporters/aggregate.ts `success`). */
export interface Tally {
  successes: number
  n: number
}

/**
 * The sentence of a decision that passes with failed attempts ("GO — 14/15, 1 failure tolerated"), or null when
 * none failed or the decision does not pass. CI outputs say it so that a green job does not hide them.
 */
export function toleratedLine(verdict: Verdict, success: Tally | null, L: Locale): string | null {
  if (success === null || success.successes >= success.n || verdict.exitCode !== 0 || verdict.decision === 'NO-GO') return null
  return say(
    {
      code: 'gate.tolerated',
      params: { decision: verdict.decision, successes: success.successes, n: success.n, failed: success.n - success.successes },
    },
    L,
  )
}

export { conditionalFailsJob }

/**
 * Under GitHub Actions, one annotation with the decision and its reasons; nothing elsewhere. Its level follows the
 * job: `error` whenever the exit code fails it (a NO-GO, a harness error, a CONDITIONAL under
 * VALIDATION_FAIL_ON_CONDITIONAL), `warning` for a CONDITIONAL that passes, `notice` for a GO.
 */
export function githubAnnotation(model: RunModel, verdict: Verdict, success: Tally | null = null, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_ACTIONS !== 'true') return ''
  const L = model.settings.locale
  const level = verdict.exitCode !== 0 ? 'error' : verdict.decision === 'CONDITIONAL' ? 'warning' : 'notice'
  const looser = looserLine(model)
  const title = `Harena validation: ${verdict.decision}${model.target.embedded ? ` (${say({ code: 'gate.reference_only', params: {} }, L)})` : ''}${looser ? ` — ${plain(say(looser, L), 600)}` : ''}`
  const lines = verdict.reasons.map((r) => plain(say(r, L), 400))
  if (conditionalFailsJob(verdict)) lines.push(say({ code: 'gate.fail_on_conditional', params: {} }, L))
  const tolerated = toleratedLine(verdict, success, L)
  if (tolerated !== null) lines.unshift(tolerated)
  const body = lines.join('\n') || verdict.decision
  return `::${level} title=${escapeProperty(title)}::${escapeData(body)}\n`
}
