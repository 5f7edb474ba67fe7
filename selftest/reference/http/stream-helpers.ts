// Reading a stream route of the reference the way a client does: every `data: <json>` frame with the time it
// arrived (ms after the request was sent), and how the stream ended.
import { createParser } from 'eventsource-parser'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { chatBody } from './helpers.ts'

export interface Frame {
  atMs: number
  /** The parsed JSON, or the raw text when it is not JSON. */
  event: Record<string, unknown> | string
}

export interface StreamRead {
  status: number
  contentType: string | null
  frames: Frame[]
  /** true: the server ended the body; false: still open when `waitMs` ran out (a stalled stream). */
  ended: boolean
  text: string
}

export async function readStream(
  ref: ReferenceServer,
  token: string,
  message: string,
  opts: { prefix?: string; userId?: number; waitMs?: number } = {},
): Promise<StreamRead> {
  const prefix = opts.prefix ?? '/api/v1/conversation/'
  const controller = new AbortController()
  const t0 = performance.now()
  const res = await fetch(`${ref.url}${prefix}${opts.userId ?? 1}/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: chatBody(message),
    signal: controller.signal,
  })
  const frames: Frame[] = []
  let text = ''
  const parser = createParser({
    onEvent: (e) => {
      let event: Record<string, unknown> | string = e.data
      try {
        event = JSON.parse(e.data) as Record<string, unknown>
      } catch {
        // kept as text
      }
      frames.push({ atMs: performance.now() - t0, event })
    },
  })
  const timer = setTimeout(() => controller.abort(), opts.waitMs ?? 15_000)
  let ended = false
  try {
    const decoder = new TextDecoder()
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const piece = decoder.decode(chunk, { stream: true })
      text += piece
      parser.feed(piece)
    }
    ended = true
  } catch {
    ended = false
  } finally {
    clearTimeout(timer)
  }
  return { status: res.status, contentType: res.headers.get('content-type'), frames, ended, text }
}

export const typeOf = (f: Frame): string => (typeof f.event === 'string' ? '(text)' : String(f.event['type'] ?? '(none)'))
export const chunksOf = (r: StreamRead): Frame[] => r.frames.filter((f) => typeOf(f) === 'response_chunk')
export const assembled = (r: StreamRead): string =>
  chunksOf(r)
    .map((f) => (typeof f.event === 'string' ? '' : String(f.event['content'] ?? '')))
    .join('')
