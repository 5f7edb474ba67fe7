// Escaping for text that comes from the target or the question file (hostile or just odd): it must not break a
// table, open a code span, inject HTML or a link, or smuggle control characters into the document.
import { CONTROL_CHARS, INVISIBLE_CHARS } from '../core/terminal-text.ts'

const UNSAFE_CHARS = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}]`, 'g')

/** Escapes text for a Markdown table cell or inline text: one line, no active syntax. */
export function mdText(input: unknown, maxLength = 300): string {
  let s = String(input ?? '')
  // Line breaks become spaces (a newline would end the table row); other control chars and bidi overrides go.
  s = s.replace(/\r\n|[\n\r\u2028\u2029\u0085]/g, ' ')
  s = s.replace(UNSAFE_CHARS, '')
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1)}…`
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // Backslash first, then every character that can start inline syntax: code, emphasis, links/images (no "["
  // → no link; "(" alone is inert), table cells, strike-through. Line-start syntax (#, -, >) cannot occur: every
  // value is placed after our own prefix.
  s = s.replace(/\\/g, '\\\\').replace(/([`*_[\]|~])/g, '\\$1')
  return s
}

/**
 * A code span around untrusted text: one line, no control characters, cut to length, and no escaping — CommonMark
 * reads neither backslash escapes nor entities inside a code span, so mdText's `\_` and `&lt;` would show as typed.
 * The fence is one backtick longer than the longest run of backticks inside, so none closes it; a space pads a
 * content that starts or ends with a backtick (the parser strips one space from each side). For inline text, not a
 * table cell (GFM splits cells at `|` before it reads spans).
 */
export function mdCode(input: unknown, maxLength = 300): string {
  let s = String(input ?? '')
  s = s.replace(/\r\n|[\n\r\u2028\u2029\u0085]/g, ' ')
  s = s.replace(UNSAFE_CHARS, '')
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1)}…`
  if (s.trim() === '') return '—'
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ')) ? ' ' : ''
  return `${fence}${pad}${s}${pad}${fence}`
}

/** A Markdown table; every cell is already escaped (renderers call mdText on untrusted values). */
export function mdTable(header: string[], rows: string[][], align?: Array<'l' | 'r' | 'c'>): string {
  const sep = header.map((_, i) => {
    const a = align?.[i] ?? 'l'
    return a === 'r' ? '---:' : a === 'c' ? ':---:' : '---'
  })
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(sep), ...rows.map(line)].join('\n')
}
