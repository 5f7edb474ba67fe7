// Content negotiation like a browser (issue 9): the client sends `Accept-Encoding: gzip, deflate, br` and decodes
// what comes back. A target (or the proxy in front of it) may compress whether asked or not; before, a gzip answer
// was read as text and judged "invalid JSON" — a false critical bug. A body whose encoding cannot be decoded is
// named as such (which encoding, why), never mistaken for the service's JSON.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'

export const ACCEPT_ENCODING = 'gzip, deflate, br'

/** The request headers with Accept-Encoding added (an explicit one from the caller wins). */
export function negotiatedHeaders(headers: Record<string, string>): Record<string, string> {
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding')) return headers
  return { ...headers, 'accept-encoding': ACCEPT_ENCODING }
}

/** Why a body could not be decoded: the header as sent, the coding that failed and zlib's words (or "unsupported"). */
export interface Undecodable {
  header: string
  coding: string
  error: string
}

export interface Decoded {
  body: Buffer
  /** Why the body could not be decoded; null when it was (or needed nothing). */
  problem: Undecodable | null
  /** The decoded body would exceed the cap: decoding stopped (a compression bomb is refused, not inflated). */
  tooLarge: boolean
}

function decodeOne(body: Buffer, coding: string, maxOutputLength: number): Buffer {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body, { maxOutputLength })
    case 'deflate':
      // "deflate" is zlib-wrapped by the RFC; some servers send raw deflate: accept both, as browsers do.
      try {
        return inflateSync(body, { maxOutputLength })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw error
        return inflateRawSync(body, { maxOutputLength })
      }
    case 'br':
      return brotliDecompressSync(body, { maxOutputLength })
    default:
      throw new Error('unsupported coding')
  }
}

/**
 * Decodes a body by its Content-Encoding header (codings applied in order, so they are undone in reverse).
 * `identity` and an absent header leave it as is.
 */
export function decodeBody(body: Buffer, header: string | string[] | undefined, maxBytes: number): Decoded {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '')
  const codings = raw
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  let out = body
  for (const coding of codings.reverse()) {
    try {
      out = decodeOne(out, coding, maxBytes)
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      const problem = { header: raw.slice(0, 60), coding: coding.slice(0, 40), error: String(e.message).slice(0, 200) }
      if (e.code === 'ERR_BUFFER_TOO_LARGE') return { body: out, problem, tooLarge: true }
      return { body, problem, tooLarge: false }
    }
  }
  return { body: out, problem: null, tooLarge: false }
}
