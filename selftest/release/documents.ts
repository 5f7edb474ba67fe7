// Reading a run's post-deployment documents back as a person sees them: the Markdown and the HTML cut into their
// sections (by heading), each section's text unescaped, so a test can compare what the two say section by section.

export interface Section {
  heading: string
  /** The Markdown's items, table cells, paragraphs and code lines of the section; the HTML's whole text. */
  atoms: string[]
  text: string
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Markdown text as it reads: escapes (reporters/markdown.ts mdText) and bold markers removed. */
function mdPlain(s: string): string {
  return squash(
    s
      .replace(/(?<!\\)\*\*/g, '')
      .replace(/\\([\\`*_[\]|~])/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  )
}

/** A Markdown line → what it says: list item text, table cells (not the separator row), a paragraph. */
function mdAtoms(line: string): string[] {
  if (/^\|(\s*:?-+:?\s*\|)+$/.test(line)) return []
  if (line.startsWith('|'))
    return line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map(mdPlain)
      .filter((c) => c !== '')
  return [mdPlain(line.replace(/^- /, ''))]
}

export function markdownSections(md: string): Section[] {
  const sections: Section[] = []
  let fence = false
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) {
      fence = !fence
      continue
    }
    const heading = fence ? null : /^#{1,3} (.*)$/.exec(line)
    if (heading) sections.push({ heading: mdPlain(heading[1] ?? ''), atoms: [], text: '' })
    else if (line.trim() !== '' && sections.length > 0) {
      const last = sections[sections.length - 1] as Section
      last.atoms.push(...(fence ? [squash(line)] : mdAtoms(line)).filter((a) => a !== ''))
    }
  }
  for (const s of sections) s.text = s.atoms.join(' ')
  return sections
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' }
const htmlPlain = (s: string): string =>
  squash(
    s
      .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39|#96);/g, (e) => ENTITIES[e] as string),
  )

/** The HTML body cut at each h1/h2/h3: the heading's text and everything after it up to the next heading. */
export function htmlSections(html: string): Section[] {
  const body = html.slice(html.indexOf('<body>'))
  const parts = body.split(/(?=<h[123]>)/).slice(1)
  return parts.map((part) => {
    const m = /^<h[123]>([\s\S]*?)<\/h[123]>([\s\S]*)$/.exec(part)
    const text = htmlPlain(m?.[2] ?? '')
    return { heading: htmlPlain(m?.[1] ?? ''), atoms: [text], text }
  })
}

/** Every way a Markdown section's words are missing from the HTML's same section (empty: the HTML says all of it). */
export function missingFromHtml(md: string, html: string): string[] {
  const a = markdownSections(md)
  const b = htmlSections(html)
  const missing: string[] = []
  if (a.map((s) => s.heading).join('\n') !== b.map((s) => s.heading).join('\n'))
    missing.push(`headings differ:\n  md:   ${a.map((s) => s.heading).join(' | ')}\n  html: ${b.map((s) => s.heading).join(' | ')}`)
  a.forEach((section, i) => {
    const other = b.find((s, j) => j === i && s.heading === section.heading)
    for (const atom of section.atoms) if (!other?.text.includes(atom)) missing.push(`${section.heading}: ${atom}`)
  })
  return missing
}
