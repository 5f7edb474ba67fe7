// A Markdown table row is a statement: « | Évolution | +45 % | » says « Évolution : +45 % », « | Total | 320 € | » says
// « Total : 320 € » (docs/grounding.md "Tables"). Grounding reads prose: a cell alone in its clause ("|" ends one,
// figures.ts CLAUSE_END) had no label, so a wrong change, total or direction written in a table passed where the
// same claim in a sentence failed, and a right part's change ("| Shopping | +741 % |") was held to the whole's. Every
// text grounding reads (the message, an insight) is first rewritten here, rows to lines, the rest untouched — so each
// rule reads a row as it reads « label : value », and a reason quotes the row as that line:
// - a row of a label and one value: « label : value »;
// - a row of a label and several values, under a header: one line per value, « column, label : value »
//   (« | Shopping | 1 270,40 € | 151,00 € | +741 % | » under « Catégorie | Ce mois | Mois dernier | Évolution » gives
//   « Mois dernier, Shopping : 151,00 € », « Évolution, Shopping : +741 % »): the column opens the line as a label does
//   in prose (« Mois dernier : … » is the previous period's, « Évolution : … » a change), the row's label follows in the
//   same clause and names its subject (« Total », a category);
// - a whole number under a column that names a count (« Transactions », « Nombre d'opérations ») keeps its noun
//   (« Total : 76 transactions »), as the column said it.
// What is no statement stays as written: the header and rule lines, a row whose first cell is a figure (« | 2 661,93 €
// | 63 | », read by figures.ts tableCounts under its header), a row of several values without a header to name them.
import type { NormalizedTurn } from '../turn.ts'

// GitHub's delimiter row: hyphens (one or more, a colon at either end) between pipes.
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/
/** A cell that is only a figure (a label is words: « Total », « Ce mois-ci », « Novembre 2026 »). */
const FIGURE_ONLY = /^[\s*_+\-\u2212−€$%.,\d\u00a0\u202f]*$/u
const HAS_LETTER = /\p{L}/u
/** An empty cell or a dash: no value stated. */
const NO_VALUE = /^[\s*_\-–—/]*$/u
const WHOLE = /^\**\s*(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*\**$/u
/** A column header that names a count, and the noun the count keeps (figures.ts COUNT_HEADER reads the same headers). */
const COUNT_COLUMN = /^(?:(?:nombre|nb)(?:\s+total)?(?:\s+(?:de\s+|d['’]))?\s*)?(transactions?|op[ée]rations?|achats?|paiements?|d[ée]penses?)$/iu

/** The cells of a row, trimmed (a pipe escaped as `\|` stays in its cell). */
function cellsOf(line: string): string[] {
  const cells = line.split(/(?<!\\)\|/).map((c) => c.trim())
  if (line.trimStart().startsWith('|')) cells.shift()
  if (line.trimEnd().endsWith('|')) cells.pop()
  return cells
}

/** A line that is a table row on its own: between pipes, at least two cells. */
const isLoneRow = (line: string): boolean => /^\s*\|.*\|\s*$/.test(line) && cellsOf(line).length >= 2

/** The value as the column states it: a whole number under a count column keeps its noun. */
function cellValue(value: string, column: string | undefined): string {
  const noun = column === undefined ? null : COUNT_COLUMN.exec(column.replace(/[*_]/g, '').trim())?.[1]
  return noun !== undefined && noun !== null && WHOLE.test(value) ? `${value} ${noun.toLowerCase()}` : value
}

/** A row as lines « label : value », or null when it states nothing so (see the header). */
function rowStatements(cells: readonly string[], header: readonly string[] | null): string[] | null {
  const label = (cells[0] ?? '').replace(/\s*:\s*$/, '')
  if (!HAS_LETTER.test(label) || FIGURE_ONLY.test(label)) return null
  const values = cells.slice(1).map((value, k) => ({ value, column: header?.[k + 1] }))
  const stated = values.filter((v) => !NO_VALUE.test(v.value))
  if (stated.length === 0) return null
  if (values.length === 1) return stated.map((v) => `${label} : ${cellValue(v.value, v.column)}`)
  if (header === null) return null
  return stated.map((v) => {
    const column = (v.column ?? '').trim()
    return `${column === '' ? label : `${column}, ${label}`} : ${cellValue(v.value, v.column)}`
  })
}

/** The text with each table row that states « label : value » written as such, line for line (see the header). */
export function tableRowsAsStatements(text: string): string {
  if (!text.includes('|')) return text
  const lines = text.split('\n')
  const out: string[] = []
  let header: string[] | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const next = lines[i + 1] ?? ''
    if (line.includes('|') && TABLE_RULE.test(next) && !TABLE_RULE.test(line)) {
      // A header and its rule open a table: kept as written; the rows below are read under it.
      header = cellsOf(line)
      out.push(line, next)
      i++
      continue
    }
    const inTable = header !== null && line.includes('|')
    if (!inTable) header = null
    const statements = inTable || isLoneRow(line) ? rowStatements(cellsOf(line), header) : null
    out.push(...(statements ?? [line]))
  }
  return out.join('\n')
}

const readings = new WeakMap<NormalizedTurn, string>()

/** The answer's message as grounding reads it (tableRowsAsStatements), once per turn: a turn is never modified after parsing. */
export function statedMessage(turn: NormalizedTurn): string {
  let text = readings.get(turn)
  if (text === undefined) {
    text = tableRowsAsStatements(turn.message)
    readings.set(turn, text)
  }
  return text
}
