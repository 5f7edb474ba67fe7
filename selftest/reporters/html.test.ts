// validation-report.html as a string: escaping by construction (the html`` tag), hostile text stays text, the
// sections are there in the report's language, and 15 questions × 100 failed attempts with hostile bodies stay
// under 2 MB. The browser checks (rendering, no script, no request) are in selftest/browser/.
import { describe, expect, test } from 'vitest'
import { say } from '../../core/locale/index.ts'
import { escapeHtml, html, trustedConstant } from '../../reporters/html.ts'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { attempt, modelWith, question, SETTINGS, withAttempt, failure } from './make-model.ts'

const HOSTILE = [
  '<script>alert(1)</script>',
  '{"message":"</script><script>alert(2)</script>"}',
  '" onmouseover="alert(3)" x="',
  "' onfocus='alert(4)' autofocus '",
  '<img src=x onerror=alert(5)>',
  '<svg onload=alert(6)>',
  'javascript:alert(7)',
  '<!-- --><style>body{display:none}</style>',
].join(' ')

describe('html`` escapes by construction', () => {
  test('interpolated text is escaped; fragments built with html`` are not escaped twice', () => {
    const inner = html`<b>${'<i>'}</b>`
    expect(html`<p>${inner}${'&'}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&amp;</p>')
    expect(html`<p title="${'" onclick="x'}">`.value).toBe('<p title="&quot; onclick=&quot;x">')
    expect(html`<p title="${"' x='"}">`.value).toBe('<p title="&#39; x=&#39;">')
    expect(html`${['<a>', html`<b></b>`, null, undefined, false, 3]}`.value).toBe('&lt;a&gt;<b></b>3')
  })

  test('an unquoted attribute value or an interpolation inside <script>/<style> is refused', () => {
    expect(() => html`<p title=${'x'}>`).toThrow(/unquoted attribute/)
    expect(() => html`<script>var x = ${'1'}</script>`).toThrow(/inside <script>/)
    expect(() => html`<style>p{color:${'red'}}</style>`).toThrow(/inside <script> or <style>/)
    // "=" in text content is not an attribute; a closed <style> before the value is fine.
    expect(html`<p>n = ${2}</p><style>p{}</style><i>${'x'}</i>`.value).toBe('<p>n = 2</p><style>p{}</style><i>x</i>')
  })

  test('control characters and bidi overrides are dropped, tab and newline kept', () => {
    expect(escapeHtml('a\u0000b\u0007c\u001b[31md\u202ee\tf\ng')).toBe('abc[31mde\tf\ng')
    expect(trustedConstant('<b>').value).toBe('<b>')
  })
})

function hostileModel(locale: 'fr' | 'en'): RunModel {
  let m = modelWith(
    Array.from({ length: 15 }, (_, i) => 900 + i * 250),
    {},
    { locale },
  )
  m = withAttempt(m, 2, {
    ok: false,
    httpStatus: 500,
    critical: 'http_5xx',
    intent: { group: HOSTILE, subtype: null },
    failures: [failure(`HTTP 500: ${HOSTILE}`)],
    evidence: { bodyHead: `Traceback ${HOSTILE}`, issues: [HOSTILE] },
  })
  m = withAttempt(m, 5, {
    ok: false,
    fallback: true,
    failures: [failure(`fallback ${HOSTILE}`)],
    evidence: { bodyHead: `{"status":"error","message":${JSON.stringify(HOSTILE)}}` },
  })
  m.questions[7] = { ...(m.questions[7] as RunModel['questions'][number]), message: `Question ${HOSTILE}`, id: `q08${HOSTILE}` }
  return m
}

/** Every tag the page may contain: anything else would be markup that came from the data. */
const OUR_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p section div span ul li table thead tbody tr th td code strong a details summary pre footer svg g line text path rect circle'.split(
    ' ',
  ),
)

describe('validation-report.html', () => {
  test('hostile target text is only ever text: no foreign tag, attribute or script', () => {
    const { html: page, verdict } = produce(hostileModel('fr'), '2026-11-24T10:00:00.000Z')
    expect(verdict.decision).toBe('NO-GO')
    const tags = [...page.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase())
    expect(tags.filter((t) => !OUR_TAGS.has(t))).toEqual([])
    // No event-handler attribute in any tag (quoted values blanked first: escaped text inside them is inert).
    const tagTexts = [...page.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'))
    expect(tagTexts.filter((t) => /\son[a-z]+\s*=/i.test(t) || t.includes("'"))).toEqual([])
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toMatch(/href="(?!#)/) // only in-page anchors
    // The hostile text is there, escaped, where the evidence goes.
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(page).toContain('&quot; onmouseover=&quot;alert(3)&quot;')
    // The Content-Security-Policy forbids any script and any request, should escaping ever fail.
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:`)
  })

  test('sections in order, banner first, in French; English when the report is English', () => {
    const fr = produce(hostileModel('fr'), '2026-11-24T10:00:00.000Z').html
    const order = [
      'id="verdict"',
      'id="criteria"',
      'id="latency"',
      'id="categories"',
      'id="stages"',
      'id="timeline"',
      'id="questions"',
      'id="confusion"',
      'id="notes"',
    ]
    const positions = order.map((s) => fr.indexOf(s))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(fr).toContain('<html lang="fr">')
    expect(fr).toContain('service de référence')
    expect(fr).toContain('Latence de bout en bout')
    for (const english of ['Per question', 'Failure reasons', 'Criteria</h2>', 'reference service']) expect(fr).not.toContain(english)
    const en = produce(hostileModel('en'), '2026-11-24T10:00:00.000Z').html
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Per question')
    expect(en).toContain('reference service')
  })

  test('the banner names each failing criterion; the GO/NO-GO thresholds are drawn; timeouts appear as censored', () => {
    let m = hostileModel('en')
    m = withAttempt(m, 9, {
      timedOut: true,
      latencyMs: 60_000,
      ok: false,
      httpStatus: null,
      intent: null,
      failures: [failure('timed out after 60000 ms')],
    })
    const { html: page, verdict } = produce(m)
    const banner = page.slice(page.indexOf('id="verdict"'), page.indexOf('</section>'))
    for (const r of verdict.reasons) expect(banner).toContain(escapeHtml(say(r, 'en')))
    expect(banner).toContain('NO-GO')
    expect(page).toMatch(/class="threshold go"[\s\S]*GO ≤ 4,000 ms/)
    expect(page).toMatch(/class="threshold nogo"[\s\S]*NO-GO &gt; 5,000 ms/)
    expect(page).toContain('1 timeout(s), true value ≥ 60,000 ms')
    expect(page).toContain('data-chart="ecdf"')
    expect(page).toContain('data-chart="categories"')
    expect(page).toContain('data-chart="stages"')
    expect(page).toContain('data-chart="timeline"')
  })

  test('each failed attempt has its body in a closed <details>; identical bodies are shown once', () => {
    const q = question(
      'q01',
      Array.from({ length: 3 }, () =>
        attempt({ ok: false, httpStatus: 502, critical: 'http_5xx', failures: [failure('bad gateway')], evidence: { bodyHead: 'same body' } }),
      ),
    )
    const m = { ...modelWith([1000]), questions: [q] }
    const page = produce(m).html
    expect(page.match(/<details class="attempt failed"/g)).toHaveLength(3)
    expect(page.match(/<pre class="body">same body<\/pre>/g)).toHaveLength(1)
    expect(page).toContain('Même corps que la tentative #1.')
  })

  test('15 questions × 100 failed attempts with hostile 8 KB bodies: under 2 MB', () => {
    const body = `{"message":${JSON.stringify(HOSTILE.repeat(200))}}`.slice(0, 8192)
    const questions = Array.from({ length: 15 }, (_, i) =>
      question(
        `q${String(i + 1).padStart(2, '0')}`,
        Array.from({ length: 100 }, (_, k) =>
          attempt({
            ok: false,
            latencyMs: 1000 + ((k * 37 + i * 11) % 4000),
            startedAt: new Date(Date.parse('2026-11-24T10:00:00Z') + (i * 100 + k) * 1000).toISOString(),
            fallback: true,
            failures: [failure(`fallback ${k} ${HOSTILE}`)],
            evidence: { bodyHead: `${k} ${body}` },
          }),
        ),
      ),
    )
    const m: RunModel = { ...modelWith([]), settings: { ...SETTINGS, iterations: 100 }, questions }
    const page = produce(m).html
    expect(Buffer.byteLength(page)).toBeLessThan(2 * 1024 * 1024)
    expect(page.match(/<details class="attempt failed"/g)).toHaveLength(1500)
    // Bodies are shown until the page's body budget is spent, then left out with a note.
    expect(page.match(/<pre class="body">/g)?.length).toBeGreaterThanOrEqual(15)
    expect(page).toContain('Corps omis (limite de taille du rapport).')
  })

  test('streamed answers: the time to first chunk gets its own distribution; buffered runs have none', () => {
    const buffered = produce(hostileModel('en')).html
    expect(buffered).not.toContain('Time to first chunk')
    let m = hostileModel('en')
    m = {
      ...m,
      questions: m.questions.map((q, i) => ({
        ...q,
        attempts: q.attempts.map((a) => ({
          ...a,
          stream: { firstEventMs: 20, firstContentMs: 300 + i * 10, endMs: 900, events: 5, contentChunks: 4, completed: true },
        })),
      })),
    }
    const page = produce(m).html
    expect(page).toContain('Time to first chunk (streaming)')
    expect(/first chunk \(streaming\)<\/h3><p>([^<]*)</.exec(page)?.[1]).toBe('P50 370 ms · P95 433 ms · P99 439 ms · n = 15')
    expect(page.match(/data-chart="ecdf"/g)).toHaveLength(2)
  })
})

describe('the charts’ population is the summary’s (core/measured.ts)', () => {
  test('a security probe and a rate limiter’s refusal are neither in the latency distribution nor among the category dots', () => {
    const m = modelWith(Array.from({ length: 10 }, () => 1000))
    m.questions[0]!.plannedAttempts = 2
    m.questions[0]!.attempts.push(
      attempt({ index: 1, latencyMs: 3, httpStatus: 429, ok: false, rateLimited: true, intent: null, failures: [failure('rate limited')] }),
    )
    m.questions.push(question('security.probe_1', [attempt({ latencyMs: 2 })], { category: 'security', probe: true, plannedAttempts: 0 }))
    const p = produce(m)
    expect(p.report.summary.latencyMs.n).toBe(10)
    const section = (id: string) =>
      p.html.slice(p.html.indexOf(`<section id="${id}"`), p.html.indexOf('</section>', p.html.indexOf(`<section id="${id}"`)))
    expect(section('latency')).toMatch(/<path class="ecdf current"[^>]*><title>[^<]*\(n = 10\)<\/title>/)
    expect(section('categories').match(/<circle class="dot"/g)).toHaveLength(10)
  })
})
