// The release decision in Vitest UI (`vitest --ui --watch`, README). The UI draws its green bar from the tests alone:
// a NO-GO whose questions all passed (a latency criterion, say) reads as all green there, and the verdict the
// terminal prints reaches no UI page. Two surfaces the UI draws (docs/vitest-facts.md §4):
// - the run's unhandled errors (its dashboard's red "Unhandled Errors" panel) carry a decision that is not GO and its
//   reasons: recorded in Vitest's state (a page opened later asks for them) and added to the errors the run's end
//   hands every reporter, which the UI's own reporter forwards to the open pages after ours has run;
// - every decision, GO included, goes to the Console tab of the run's first validation file (by path, as the explorer lists them), as one console line.
// Nothing here runs outside a UI session: the documents and exit codes of `vitest run` are untouched.
import type { SerializedError, TestModule, Vitest } from 'vitest/node'
import type { RunModel } from '../core/model.ts'
import { say } from '../core/locale/index.ts'
import type { Verdict } from './decide.ts'
import { verdictLine } from './render-json.ts'

/** The error type the UI's panel shows for the entry (Vitest's own are "Unhandled Error", "Unhandled Rejection"). */
export const UI_DECISION_TYPE = 'Harena release decision'

/** The decision as the UI shows it: a title ("Harena validation: NO-GO — …") and its reasons, one per line. */
export function uiDecision(model: RunModel, verdict: Verdict): { title: string; reasons: string[] } {
  const L = model.settings.locale
  return { title: `Harena validation: ${verdictLine(model, verdict)}`, reasons: verdict.reasons.map((r) => say(r, L)) }
}

/** Whether this Vitest session serves the UI: `--ui` in watch mode (the UI needs it, docs/vitest-facts.md §4). */
export function servesUi(vitest: Vitest | undefined): vitest is Vitest {
  return vitest?.config.ui === true && vitest.config.watch === true
}

/**
 * Shows the decision in the UI. `unhandledErrors` is the array onTestRunEnd received: Vitest hands the same one to
 * every reporter, in the order of its reporters list, each called before the previous one's promise settles; the
 * UI's reporter is pushed last when the UI server starts and copies the array when called. So this must run
 * synchronously inside our onTestRunEnd, before its first await.
 */
export function showInUi(
  vitest: Vitest,
  project: string,
  model: RunModel,
  verdict: Verdict,
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): void {
  const { title, reasons } = uiDecision(model, verdict)
  // The first validation file by path: the first the UI's explorer lists.
  const first = modules.filter((m) => m.project.name === project).sort((a, b) => a.moduleId.localeCompare(b.moduleId))[0]
  if (first) {
    const content = `${[title, ...reasons.map((r) => `  • ${r}`)].join('\n')}\n`
    const log = { content, type: 'stdout' as const, taskId: first.id, time: Date.now(), size: 1 }
    // Kept in the state (a page opened later reads the file's logs) and sent to the reporters, the UI's included,
    // the way a test's console line is (Vitest's `report`, not in its typings: checked on 4.1.12).
    vitest.state.updateUserLog(log)
    void (vitest as unknown as { report?: (hook: string, ...args: unknown[]) => Promise<void> }).report?.('onUserConsoleLog', log)
  }
  if (verdict.decision === 'GO') return
  const entry = { name: title, message: reasons.join(' · ') || verdict.decision, stack: '' } as SerializedError
  vitest.state.catchError(entry, UI_DECISION_TYPE)
  ;(unhandledErrors as SerializedError[]).push(entry)
}
