// Well-formedness checks for the report documents (used by the hostile-content proof): Markdown tables,
// XML, control characters, live HTML. Deliberately small and strict; they report problems as readable lines.

/** Control characters a document must not carry (tab, LF, CR allowed), plus bidi overrides / isolates. */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/
export const RAW_HTML = /<\s*(script|img|iframe|svg|a\s|style|object|embed)/i

/** Markdown tables: every row has the header's cell count (unescaped pipes), the 2nd row is the separator. */
export function markdownTableProblems(md: string): string[] {
  const problems: string[] = []
  const lines = md.split('\n')
  let i = 0
  while (i < lines.length) {
    if (!lines[i]!.startsWith('|')) {
      i++
      continue
    }
    const start = i
    const table: string[] = []
    while (i < lines.length && lines[i]!.startsWith('|')) table.push(lines[i++]!)
    const cells = (l: string) => l.trim().split(/(?<!\\)\|/).length - 2
    const width = cells(table[0]!)
    if (table.length < 2 || !/^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(table[1]!)) problems.push(`line ${start + 2}: no separator row`)
    table.forEach((row, k) => {
      if (!row.trimEnd().endsWith('|') || row.trimEnd().endsWith('\\|'))
        problems.push(`line ${start + k + 1}: row does not end with a pipe: ${row.slice(0, 120)}`)
      if (cells(row) !== width) problems.push(`line ${start + k + 1}: ${cells(row)} cells, header has ${width}: ${row.slice(0, 120)}`)
    })
  }
  return problems
}

/** A minimal well-formedness check of XML: balanced tags, no raw '<' or '&' in text, no forbidden characters. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  if (CONTROL.test(xml.replace(/[\u202a-\u202e\u2066-\u2069]/g, ''))) problems.push('control character')
  const body = xml
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
  const stack: string[] = []
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g
  let last = 0
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index)
    if (text.includes('<')) problems.push(`raw '<' in text near: ${text.slice(text.indexOf('<'), text.indexOf('<') + 60)}`)
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) problems.push(`raw '&' in text near: ${text.slice(0, 60)}`)
    last = tag.lastIndex
    if (m[4] === '/') continue
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}>`)
    } else stack.push(m[2]!)
  }
  if (body.slice(last).includes('<')) problems.push('raw < after the last tag')
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`)
  return problems.slice(0, 10)
}
