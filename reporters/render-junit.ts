// A stand-in junit.xml for runs that never reach Vitest's own JUnit reporter (Ctrl-C, SIGTERM, a configuration
// error in global setup): that reporter truncates its file when the run starts and writes it only at the end,
// so without this a CI would find an empty, unparsable junit.xml. Normal runs keep Vitest's file
// (docs/report-contract.md).
import '../core/locale/report.ts'
import '../core/locale/verdict.ts'
import { say } from '../core/locale/index.ts'
import type { Aggregate } from './aggregate.ts'
import type { Verdict } from './decide.ts'
import type { RunModel } from '../core/model.ts'

const MAX_MESSAGE = 2000

/** XML 1.0 text/attribute escaping; characters XML cannot carry at all (most C0 controls) are dropped. */
export function xmlText(text: string, max = MAX_MESSAGE): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text
  return cut
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

export function renderFallbackJunit(model: RunModel, agg: Aggregate, verdict: Verdict): string {
  const L = model.settings.locale
  const t = (code: string, params = {}) => say({ code, params }, L)
  const why = verdict.reasons.map((r) => say(r, L)).join(' ') || t('report.junit.incomplete')
  const cases = agg.perQuestion.map((q) => {
    const name = `${q.id} · ${q.message}`
    const time = ((q.latency.mean ?? 0) * q.executed) / 1000
    const open = `    <testcase classname="${xmlText(q.category, 200)}" name="${xmlText(name, 300)}" time="${time.toFixed(3)}"`
    if (q.outcome === 'not_executed')
      return `${open}>\n      <skipped message="${xmlText(t('report.junit.not_executed', { missing: q.planned - q.executed, planned: q.planned }))}"/>\n    </testcase>`
    if (q.outcome === 'failed') {
      const reasons = q.failures.map((f) => `${f.count}× ${f.reason}`).join('\n') || t('report.junit.failed')
      return `${open}>\n      <failure message="${xmlText(reasons.split('\n')[0] ?? '', 500)}">${xmlText(reasons)}</failure>\n    </testcase>`
    }
    return `${open}/>`
  })
  const failures = agg.perQuestion.filter((q) => q.outcome === 'failed').length
  const skipped = agg.perQuestion.filter((q) => q.outcome === 'not_executed').length
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<testsuites name="harena-validation" tests="${agg.perQuestion.length + 1}" failures="${failures}" errors="1" skipped="${skipped}" time="${(model.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="harena-validation (incomplete run)" tests="${agg.perQuestion.length + 1}" failures="${failures}" errors="1" skipped="${skipped}" time="${(model.durationMs / 1000).toFixed(3)}" timestamp="${xmlText(model.startedAt, 40)}">`,
    `    <testcase classname="harena-validation" name="run complete" time="0">\n      <error message="${xmlText(`${verdict.decision}: ${why}`, 500)}">${xmlText(why)}</error>\n    </testcase>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
