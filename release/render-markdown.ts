// Markdown of the post-deployment report (the plan's template, T4.7: its blocks, release/sections.ts) and of the
// verify report. Formatting only.
import { say, type Locale } from '../core/locale/index.ts'
import { reason } from '../core/reason.ts'
import { fmtMs } from '../core/locale/format.ts'
import { mdTable, mdText } from '../reporters/markdown.ts'
import { labels, versionText } from './labels.ts'
import type { PostDeploymentReport } from './report.ts'
import { type Block, type Line, type Piece, reportSections } from './sections.ts'
import { utcText } from '../core/utc-text.ts'
import type { VerifyCheck, VerifyResult } from './verify.ts'

/** A piece of a line: our own words as they are, text from outside escaped (reporters/markdown.ts), bold runs in **. */
function piece(p: Piece): string {
  if (typeof p === 'string') return p
  return 'strong' in p ? `**${p.strong}**` : mdText(p.outside, p.max)
}
const line = (l: Line): string => l.map(piece).join('')

function block(b: Block): string | null {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${line(b.line)}`
    case 'status':
    case 'paragraph':
      return line(b.line)
    case 'list':
      return b.items.map((i) => `- ${line(i)}`).join('\n')
    case 'table':
      return mdTable(
        [...b.head],
        b.rows.map((r) => r.map(line)),
        b.align ? [...b.align] : undefined,
      )
    case 'code':
      return ['```text', b.text.replace(/```/g, "'''"), '```'].join('\n')
    case 'chart':
      return null
  }
}

export function renderReportMarkdown(r: PostDeploymentReport): string {
  const out = reportSections(r).flatMap((b) => block(b) ?? [])
  return `${out.join('\n\n')}\n`
}

/** The health line: what the route answered, or that it was not asked (a signal came first, or a target that gave no answer at all). */
function healthText(v: VerifyResult, L: ReturnType<typeof labels>): string {
  const h = v.health
  if (h === null) return v.interrupted ? L.healthInterrupted : L.healthNotAsked
  return `${h.ok ? L.ok : L.failed} (HTTP ${h.httpStatus ?? '—'}${h.status ? `, "${mdText(h.status)}"` : ''})`
}

/** Stopped by a signal: interrupted, never OK nor FAILED (its first reason says it is a partial report). */
const verdictWord = (v: VerifyResult, L: ReturnType<typeof labels>): string =>
  v.interrupted ? L.stepInterrupted.toUpperCase() : v.ok ? L.ok : L.failed

/**
 * `check`: which check this is — the deployment's verify (and `npm run verify`), or the rollback's own check.
 * `deploymentVerify` (a rollback's check): whether this run wrote a deployment verify (verify-report.md) for its note
 * to point to — `npm run monitor`, or a release whose deploy command failed, has none.
 */
export function renderVerifyMarkdown(v: VerifyResult, l: Locale, check: VerifyCheck = 'deployment', deploymentVerify = true): string {
  const L = labels(l)
  const title = check === 'rollback' ? L.rollbackVerifyTitle : L.verifyTitle
  // The embedded reference service verified no deployment: said in the title and beside the target, as the
  // post-deployment report and the terminal say it (release/labels.ts statusLine, release/cli/verify.ts).
  const reference = v.embedded ? ` — ${say(reason('release.reference_only'), l)}` : ''
  const rows = v.attempts.map((a) => [
    mdText(a.questionId),
    mdText(a.category),
    a.ok ? L.ok : L.failed,
    a.httpStatus === null ? '—' : String(a.httpStatus),
    fmtMs(a.latencyMs, l),
    mdText(a.visualizations.join(', ') || '—'),
    mdText(a.reasons.join(' ; ') || '—', 400),
  ])
  // The questions a silent target was not asked (release/verify.ts SilentStreak): named, never a measured failure.
  const unasked = v.notAsked.map((q) => [mdText(q.questionId), mdText(q.category), L.notAsked, '—', '—', '—', mdText(L.notAskedWhy)])
  return [
    `# ${title} — ${verdictWord(v, L)}${reference}`,
    '',
    ...(check === 'rollback' ? [`> ${mdText(deploymentVerify ? L.rollbackVerifyNote : L.rollbackVerifyNoteAlone)}`, ''] : []),
    `- ${L.date} : ${utcText(v.at)}`,
    `- ${L.target} : ${mdText(v.baseUrl)}${reference}`,
    `- ${L.health} : ${healthText(v, L)}`,
    `- ${L.version} : ${mdText(versionText(v.health?.version ?? null, l))}${v.expectedVersion ? ` (${L.expected} ${mdText(v.expectedVersion)})` : ''}`,
    ...(v.readiness ? [`- ${L.readyWait} : ${fmtMs(v.readiness.waitedMs, l)} (${v.readiness.ready ? L.readyOk : L.readyNot})`] : []),
    '',
    `## ${L.questions}`,
    '',
    mdTable([L.question, L.category, L.result, 'HTTP', L.latencyShort, L.vizShort, L.errors], [...rows, ...unasked]),
    '',
    `## ${L.issues}`,
    '',
    ...(v.reasons.length + v.warnings.length > 0 ? [...v.reasons, ...v.warnings].map((r) => `- ${mdText(say(r, l), 600)}`) : [`- ${L.none}`]),
    '',
  ].join('\n')
}
