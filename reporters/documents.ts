// The documents a run writes, as a registry (docs/report-contract.md): each entry names its file, renders it
// from the produced run (a whole string, or chunks for a streaming renderer) and says how a secret looks once
// escaped in its format. One loop writes them all, each atomically and scrubbed of secrets in its own escaping.
// Adding a format = one entry here (+ its file name in core/report-files.ts, so a stale copy is removed).
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { REPORT_FILES, writeAtomic } from '../core/report-files.ts'
import { redact } from '../core/secrets.ts'
import { escapeHtml } from './html.ts'
import { mdText } from './markdown.ts'
import { comparisonMarkdown } from './render-comparison.ts'
import { limitsOf } from './figures.ts'
import type { Produced } from './pipeline.ts'
import { sampleLines } from './render-json.ts'
import { releaseCriteriaSuite, withSuite } from './release-junit.ts'
import { renderFallbackJunit, xmlText } from './render-junit.ts'
import { EVIDENCE_DIR, renderEvidence } from './evidence.ts'

export interface WriteContext {
  /** The run ends before Vitest's own end (signal, exit, configuration error): stand-ins are needed. */
  early: boolean
}

export interface ReportDocument {
  file: string
  /**
   * The document's text, or its chunks in order. Chunks are scrubbed in blocks cut at chunk boundaries, so a
   * streaming renderer yields whole records (a line, an element): a secret then never straddles two blocks.
   */
  render: (produced: Produced) => string | Iterable<string | Uint8Array>
  /** The forms a secret takes once escaped in this format (the raw, URL- and JSON-encoded forms are always masked). */
  escapeForSecrets: (secret: string) => string[]
  /** Written only when this holds (default: always). */
  when?: (context: WriteContext, produced: Produced) => boolean
  /**
   * Rendered from the produced model and report values only: when `produce` scrubbed every value of the secrets
   * at the source (Produced.scrubbedOf), the rendered text is not scanned again — at 1,000,000 attempts that scan
   * was most of the reporter's time. Otherwise (a model produced without secrets) it is scrubbed like the rest.
   */
  fromValuesOnly?: boolean
}

const jsonEscaped = (secret: string): string[] => [JSON.stringify(secret).slice(1, -1)]

/** In writing order: the JSON report last, so its presence means the others are there. */
export const DOCUMENTS: readonly ReportDocument[] = [
  { file: REPORT_FILES.samples, render: (p) => sampleLines(p.model, p.fragments), escapeForSecrets: jsonEscaped, fromValuesOnly: true },
  { file: REPORT_FILES.md, render: (p) => p.markdown, escapeForSecrets: (s) => [mdText(s, Infinity)] },
  { file: REPORT_FILES.html, render: (p) => p.html, escapeForSecrets: (s) => [escapeHtml(s)] },
  { file: REPORT_FILES.json, render: (p) => p.jsonChunks(), escapeForSecrets: jsonEscaped, fromValuesOnly: true },
  // The comparison alone, for a pull-request comment (.github/workflows/validation.yml): only with a baseline.
  {
    file: REPORT_FILES.comparison,
    render: (p) =>
      p.aggregate.comparison
        ? comparisonMarkdown(p.aggregate.comparison, p.model.settings.locale, '###', {
            rate: limitsOf(p.verdict.criteria, 'success_rate'),
            p95: limitsOf(p.verdict.criteria, 'p95_ms'),
          })
        : '',
    escapeForSecrets: (s) => [mdText(s, Infinity)],
    when: (_, p) => p.aggregate.comparison !== undefined,
  },
  // Vitest's JUnit reporter writes junit.xml at the end of a normal run; a run that ends early gets a stand-in.
  {
    file: REPORT_FILES.junit,
    render: (p) => withSuite(renderFallbackJunit(p.model, p.aggregate, p.verdict), releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success)),
    escapeForSecrets: (s) => [xmlText(s, Infinity)],
    when: (c) => c.early,
  },
]

/** Replaces every form and fragment of every secret with *** (core/secrets.ts), and the format's escaped forms. */
export function scrub(text: string, secrets: readonly string[], escapedForms: (secret: string) => string[] = (s) => [mdText(s, Infinity)]): string {
  if (secrets.length === 0) return text
  // Renderers escapedForms before this runs, so a secret with _ or & would otherwise slip by in its escaped form.
  return redact(text, [...secrets, ...secrets.flatMap(escapedForms)])
}

const BLOCK = 1 << 20

/** Chunks joined into ~1 MiB blocks at chunk boundaries, each block scrubbed: redaction stays linear and cheap. */
function* scrubbed(
  content: string | Iterable<string | Uint8Array>,
  secrets: readonly string[],
  escapedForms: (secret: string) => string[],
): Iterable<string> {
  if (typeof content === 'string') {
    yield scrub(content, secrets, escapedForms)
    return
  }
  let block: string[] = []
  let size = 0
  for (const bytesOrText of content) {
    const chunk = typeof bytesOrText === 'string' ? bytesOrText : Buffer.from(bytesOrText).toString('utf8')
    block.push(chunk)
    size += chunk.length
    if (size >= BLOCK) {
      yield scrub(block.join(''), secrets, escapedForms)
      block = []
      size = 0
    }
  }
  if (block.length) yield scrub(block.join(''), secrets, escapedForms)
}

/**
 * One file per failed attempt (reporters/evidence.ts), each atomically and scrubbed of every secret; an earlier
 * run's files go first, so a link never points at another run's evidence.
 */
export function writeEvidence(dir: string, produced: Produced, secrets: readonly string[]): string[] {
  rmSync(join(dir, EVIDENCE_DIR), { recursive: true, force: true })
  const { files } = produced.evidence
  if (files.length === 0) return []
  mkdirSync(join(dir, EVIDENCE_DIR), { recursive: true })
  return files.map((f) => {
    const path = join(dir, ...f.path.split('/'))
    writeAtomic(
      path,
      scrub(renderEvidence(f, produced.model.settings.locale), secrets, (s) => [s]),
    )
    return path
  })
}

/** A document that could not be written: which one (the run's last line names it), with its cause's name and message. */
export class DocumentWriteError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = cause instanceof Error ? cause.name : 'Error'
  }
}

/**
 * Writes every document of the registry that applies into dir (created if needed); returns the paths written. A
 * document that cannot be written throws a DocumentWriteError naming it.
 */
export function writeDocuments(
  dir: string,
  produced: Produced,
  secrets: readonly string[],
  context: WriteContext = { early: false },
  documents: readonly ReportDocument[] = DOCUMENTS,
): string[] {
  mkdirSync(dir, { recursive: true })
  // The evidence files the Markdown links to, before the documents that link to them (JSON last, as ever).
  const written: string[] = documents.some((d) => d.file === REPORT_FILES.md) ? writeEvidence(dir, produced, secrets) : []
  for (const doc of documents) {
    if (doc.when && !doc.when(context, produced)) continue
    const path = join(dir, doc.file)
    const clean = doc.fromValuesOnly === true && secrets.every((s) => produced.scrubbedOf.includes(s))
    try {
      writeAtomic(path, clean ? doc.render(produced) : scrubbed(doc.render(produced), secrets, doc.escapeForSecrets))
    } catch (error) {
      throw new DocumentWriteError(doc.file, error)
    }
    written.push(path)
  }
  return written
}
