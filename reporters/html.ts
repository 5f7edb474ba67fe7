// Escaping HTML by construction: every document fragment is built with the html`` tagged template, which escapes
// each interpolated value unless it is itself a fragment built the same way. Text from the target (bodies, intents,
// failure reasons) can therefore only ever land in the page as text. See docs/html-report.md.
//
// Rules the tag enforces (it throws, so a mistake fails the renderer's tests instead of shipping):
// - an interpolation right after `=` (an unquoted attribute value) is refused: quoted values cannot be broken out
//   of once " and ' are escaped, unquoted ones can (a space starts a new attribute);
// - an interpolation inside <script> or <style> is refused: HTML escaping does not protect those contexts.
import { INVISIBLE_CHARS } from '../core/terminal-text.ts'

/** Control characters but tab and line feed (text keeps its lines), and the invisible format ones. */
const HIDDEN_CHARS = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE_CHARS}]`, 'g')

/** A trusted fragment of HTML (built by html`` or from a constant via trustedConstant). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

/**
 * Text → HTML text: the five markup characters (and the backtick, which old browsers honoured as a quote) become
 * entities; C0/C1 control characters other than tab and newline, and bidi overrides (which can disguise text), go.
 */
export function escapeHtml(text: string): string {
  return text.replace(HIDDEN_CHARS, '').replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string)
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return escapeHtml(String(value))
}

const UNQUOTED_ATTRIBUTE = /=\s*$/
const OPEN_RAW_TEXT = /<(script|style)\b[^>]*>(?![\s\S]*<\/\1\s*>)[\s\S]*$/i

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  // Only the template's own (static) text can open an attribute or a raw-text element: values are escaped.
  let out = strings[0] as string
  let template = out
  for (let i = 0; i < values.length; i++) {
    if (UNQUOTED_ATTRIBUTE.test(template) && template.lastIndexOf('<') > template.lastIndexOf('>'))
      throw new Error(`html\`\`: unquoted attribute value before interpolation ${i}; write attr="\${…}"`)
    if (OPEN_RAW_TEXT.test(template)) throw new Error(`html\`\`: interpolation ${i} inside <script> or <style> is not escapable`)
    out += render(values[i] as HtmlValue) + (strings[i + 1] as string)
    template += strings[i + 1] as string
  }
  return new Html(out)
}

/** A constant of this code base (the style sheet), never anything derived from input. */
export function trustedConstant(text: string): Html {
  return new Html(text)
}

/** Joins fragments with an optional separator fragment. */
export function join(parts: readonly HtmlValue[], separator: Html = new Html('')): Html {
  return new Html(parts.map(render).join(separator.value))
}
