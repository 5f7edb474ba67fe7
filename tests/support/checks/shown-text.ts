// Everything the answer shows is checked (issue 10), not only `response.message`: insight titles and descriptions,
// chart titles, labels, legends, descriptions, subtitles, headings and axis titles, KPI titles and comparison texts. A user sees `None €`, `{merchant_name}`, `nan€` or `DÃ©penses`
// in an insight card as surely as in the text. The message itself keeps its own rules (checks/message.ts); here it
// is only read for mojibake, which the U+FFFD check (checks/encoding.ts) cannot see: UTF-8 decoded as latin-1.
import { reason, type Reason } from '../../../core/reason.ts'
import type { NormalizedTurn } from '../turn.ts'
import { leakedPlaceholder } from './message.ts'
import { quoted } from './text.ts'

// UTF-8 bytes of French letters read as latin-1/cp1252: "Ã©" (é), "Ã¨" (è), "Ã " (à), "Ã§" (ç), "â‚¬" (€), "Ã´"…
const MOJIBAKE = /Ã[\u0080-\u00bf©¨ §´®ª¢«¹¼»¯®]|â‚¬|â€[™œ\u009d“”˜¦]|Â[\u00a0 °«»]/

export interface ShownField {
  /** "insight 1 title", "visualization 2 label", … */
  field: string
  text: string
}

/** The texts an answer shows besides its message, each named. */
export function shownFields(turn: NormalizedTurn): ShownField[] {
  const fields: ShownField[] = []
  turn.insights.forEach((i, n) => {
    fields.push({ field: `insight ${n + 1} title`, text: i.title }, { field: `insight ${n + 1} description`, text: i.description })
  })
  turn.visualizations.forEach((v, n) => {
    const what = v.kind === 'kpi' ? `KPI card ${n + 1}` : `visualization ${n + 1}`
    fields.push({ field: `${what} title`, text: v.title })
    for (const label of v.labels) fields.push({ field: `${what} label`, text: label })
    v.datasets.forEach((d) => {
      if (d.label !== null) fields.push({ field: `${what} legend`, text: d.label })
    })
    for (const caption of v.captions ?? []) fields.push({ field: `${what} ${caption.part}`, text: caption.text })
  })
  return fields
}

function excerpt(text: string, at: number, length: number): string {
  const from = Math.max(0, at - 30)
  const to = Math.min(text.length, at + length + 30)
  return quoted(`${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`, 100)
}

// Fields are read from their start: a multi-megabyte label is a defect of its own (bounded elsewhere), not a
// reason to spend seconds here.
const READ_CHARS = 100_000

/** One reason per shown field with a leaked placeholder or mojibake (and the message's mojibake). */
export function checkShownText(turn: NormalizedTurn): Reason[] {
  const reasons: Reason[] = []
  const seen = new Set<string>()
  const mojibake = (field: string, full: string): void => {
    const text = full.slice(0, READ_CHARS)
    const m = MOJIBAKE.exec(text)
    if (m !== null) reasons.push(reason('check.shown.mojibake', { field, excerpt: excerpt(text, m.index, m[0].length) }))
  }
  mojibake('message', turn.message)
  for (const { field, text: full } of shownFields(turn)) {
    const text = full.slice(0, READ_CHARS)
    const leak = leakedPlaceholder(text)
    // One reason per field kind and leak: twenty labels "None" are one defect, not twenty.
    if (leak !== null && !seen.has(`${field}|${leak.name}`)) {
      seen.add(`${field}|${leak.name}`)
      reasons.push(reason('check.shown.placeholder', { field, placeholder: leak.name, excerpt: quoted(leak.excerpt, 100) }))
    }
    mojibake(field, text)
  }
  return reasons
}
