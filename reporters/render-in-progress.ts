// validation-report.html while a run is in progress: reporters/in-progress.ts replaces the earlier run's documents
// when a release run starts, and this small page takes the HTML report's place, so that someone who had it open and
// reloads it reads "in progress" instead of a file-not-found (and never the earlier verdict). The same shell as the
// run's own page (reporters/render-html.ts: style sheet, CSP, no script, escaping by construction), with what is known
// before any answer: the run id, its start, the target's safe URL. No decision, no figure: there is none yet.
import '../core/locale/gate.ts'
import '../core/locale/html.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { ReasonParam } from '../core/reason.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import type { TargetInfo } from '../core/model.ts'
import { type Html, html } from './html.ts'
import { PAGE_HEAD } from './render-html.ts'

export interface InProgressPage {
  runId: string
  startedAt: string
  locale: Locale
  target: TargetInfo
}

const word = (L: Locale, code: string, params: Record<string, ReasonParam> = {}): string => say({ code, params }, L)

/** `failure`: the run ended without a verdict, what it says instead (reporters/in-progress.ts); null: in progress. */
export function renderInProgressHtml(run: InProgressPage, failure: string | null = null): string {
  const L = run.locale
  if (failure !== null)
    // The page of a run that ended without a verdict: NO-GO and why, nothing else (there is no figure to show).
    return page(
      run,
      word(L, 'report.html.title.no_verdict'),
      html`<section class="banner nogo" id="verdict" data-state="finished" data-decision="NO-GO">
<div><span class="decision">NO-GO</span></div>
<p>${failure}</p>
</section>`,
    )
  return page(
    run,
    word(L, 'report.html.title.in_progress'),
    html`<section class="banner running" id="verdict" data-state="running">
<div><span class="decision">${word(L, 'report.html.banner.in_progress')}</span></div>
<p>${say({ code: 'gate.in_progress', params: {} }, L)}</p>
<p>${word(L, 'report.html.in_progress.reload')}</p>
</section>`,
  )
}

/** The shell both pages share: what is known of the run before any figure, the banner, the footer. */
function page(run: InProgressPage, title: string, banner: Html): string {
  const L = run.locale
  const meta = {
    runId: run.runId,
    startedAt: run.startedAt,
    target: run.target.embedded ? word(L, 'report.html.embedded_target') : safeBaseUrl(run.target.baseUrl),
    contract: run.target.contract,
  }
  return html`<!doctype html>
<html lang="${L}"><head>${PAGE_HEAD}<title>${title}</title></head>
<body>
<header><h1>${word(L, 'report.html.heading')}</h1>
<p class="meta">${word(L, 'report.html.in_progress.meta', meta)}</p></header>
${banner}
<footer class="meta"><p>${word(L, 'report.html.footer')}</p></footer>
</body></html>
`.value
}
