// What a reader could recover of a secret from an output, decoded independently of core/secret-view.ts: the
// letters and digits left once escapes, entities and invisible characters are decoded or removed, and every
// base64 run decoded at its 4 offsets. Used by the unit fuzz (selftest/core/secrets.test.ts) and the e2e proofs.

/** The letters and digits a reader gets back from a text (an independent decoder: escapes, entities, invisibles). */
function readerView(text: string): string {
  const decoded = percentDecoded(text)
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/\\[nrt]/g, ' ')
    // Compatibility forms read as the letters they are: fullwidth ｈＴ９, mathematical 𝐡𝐓𝟗, circled ①.
    .normalize('NFKC')
  return decoded.replace(/[^\p{L}\p{N}]|\p{Default_Ignorable_Code_Point}|\p{M}/gu, '').toLowerCase()
}

/** Percent escapes decoded as a reader would, again while a layer remains (%2541 → %41 → A), at most 4 times. */
function percentDecoded(text: string): string {
  let out = text
  for (let layer = 0; layer < 4; layer++) {
    const next = out.replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m)
      } catch {
        return m
      }
    })
    if (next === out) break
    out = next
  }
  return out
}

/** Every JSON string value of a text (a string not followed by a colon), in order, joined. */
function stringValuesJoined(text: string): string {
  // Every string in order (each match consumes both its quotes, so keys and values never swap), then only values.
  const strings = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
  return strings
    .filter((m) => !/^\s*:/.test(text.slice((m.index ?? 0) + m[0].length)))
    .map((m) => m[1] ?? '')
    .join('')
}

/** Every base64 run of a text, decoded at its 4 character offsets (with separators and invisibles removed). */
function base64Readings(text: string): string[] {
  const runs =
    readerView(text.replace(/[+/=_-]/g, 'A')).length > 0
      ? (text.replace(/\p{Default_Ignorable_Code_Point}/gu, '').match(/[A-Za-z0-9+/_-]{6,}/g) ?? [])
      : []
  return runs.flatMap((run) => [0, 1, 2, 3].map((o) => Buffer.from(run.slice(o), 'base64').toString('latin1')))
}

/** What a reader could recover from `out` about `secret` (a JWT: its payload and signature): a leak, or null. */
export function leakIn(out: string, secret: string, minPiece: number): string | null {
  const segments = secret.split('.')
  if (segments.length === 3 && secret.startsWith('eyJ'))
    return leakIn(out, segments[1] as string, minPiece) ?? leakIn(out, segments[2] as string, minPiece)
  // A reader joins what a JSON text spreads over its string values too (pieces under consecutive keys).
  const view = `${readerView(out)}\u0000${readerView(stringValuesJoined(out))}`
  const secretView = readerView(secret)
  const size = Math.min(minPiece, secretView.length)
  for (let i = 0; i + size <= secretView.length; i++)
    if (view.includes(secretView.slice(i, i + size))) return `view holds "${secretView.slice(i, i + size)}"`
  const bytes = Buffer.from(secret, 'utf8').toString('latin1')
  const byteSize = Math.min(minPiece, bytes.length)
  for (const reading of base64Readings(out))
    for (let i = 0; i + byteSize <= bytes.length; i++)
      if (reading.includes(bytes.slice(i, i + byteSize))) return `base64 decodes to "${bytes.slice(i, i + byteSize)}"`
  return null
}

/**
 * What a reader of a header dump gets from a text, wherever the dump stands (raw lines, a JSON string's content at
 * any depth, a JSON array of lines, a log line's quoted message, HTML-escaped): escapes and entities decoded, lines
 * split at line breaks and quotes, each `name: value`, `name = value` or `name=value` line's value (after any
 * indentation), all joined without the names between them — where a secret cut over two header lines shows whole.
 * Independent of core/secret-view.ts (headerGroups): regular expressions over the decoded text.
 */
export function headerValuesRead(text: string): string {
  let decoded = text
    .replace(/&(quot|#34|#x22);/gi, '"')
    .replace(/&(#10|#xa);/gi, '\n')
    .replace(/&amp;/g, '&')
  for (let depth = 0; depth < 3; depth++)
    decoded = decoded.replace(/\\(u[0-9a-fA-F]{4}|[nrt"\\/])/g, (_, e: string) =>
      e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' }[e] ?? e),
    )
  return decoded
    .split(/[\r\n"]/)
    .map((line) => /^\s*[\w.-]+\s*[:=]\s*(.*)$/.exec(line)?.[1] ?? '')
    .join('')
}
