// Shared by the reference HTTP tests: a real server on 127.0.0.1 (port 0), the real login route, and plain fetch
// calls that return status, headers and the raw text (parsed when it is JSON).
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../../fixtures/reference/server.ts'

/** Pinned so the seeded data, and thus every answer, is the same in every run. */
export const NOW = new Date('2026-11-24T12:00:00Z')

export const DEMO = {
  1: { username: 'demo@harena.test', password: 'harena-demo' },
  2: { username: 'other@harena.test', password: 'harena-demo' },
} as const

export async function start(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  return startReferenceServer({ now: NOW, ...options })
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** JSON.parse(text), or undefined when the body is not JSON. */
  json: unknown
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export async function call(
  ref: ReferenceServer,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
): Promise<Reply> {
  const res = await fetch(`${ref.url}${path}`, { method, headers: init.headers ?? {}, body: init.body ?? null, signal: init.signal ?? null })
  return reply(res)
}

/** Logs in through POST /api/v1/users/auth/login (form-encoded) and returns the bearer token. */
export async function login(ref: ReferenceServer, userId: 1 | 2 = 1): Promise<string> {
  const r = await call(ref, 'POST', '/api/v1/users/auth/login', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(DEMO[userId]).toString(),
  })
  const token = (r.json as { access_token?: unknown } | undefined)?.access_token
  if (r.status !== 200 || typeof token !== 'string') throw new Error(`login failed: HTTP ${r.status}`)
  return token
}

/** The body the suite's harena-v2 adapter sends (docs/wire-contracts.md §1.4). */
export function chatBody(message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' }, ...extra })
}

export async function chat(
  ref: ReferenceServer,
  token: string | null,
  message: string,
  opts: { userId?: number; extra?: Record<string, unknown>; signal?: AbortSignal } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== null) headers['authorization'] = `Bearer ${token}`
  return call(ref, 'POST', `/api/v1/conversation/${opts.userId ?? 1}`, {
    headers,
    body: chatBody(message, opts.extra),
    ...(opts.signal ? { signal: opts.signal } : {}),
  })
}

/** Server-Timing → { name: dur }. */
export function timings(headers: Headers): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of (headers.get('server-timing') ?? '').split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part)
    if (m) out[m[1]!] = Number(m[2])
  }
  return out
}

/** Nothing that looks like a stack trace, an exception or a source path. */
export const STACK_LIKE = /\n\s+at\s|node:internal|\.ts:\d+|\.js:\d+|Traceback|TypeError|ReferenceError|SyntaxError/

export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

// Minimal wire views used by the assertions (the suite's own schema is checked separately).
export interface WireViz {
  type: string
  title: string
  value?: number
  data?: { labels: string[]; datasets: Array<{ label: string; data: number[] }> }
}
export interface WireBody {
  user_id: number
  message: string
  timestamp: string
  request_id: string
  processing_time_ms: number
  status: string
  intent: null | { type: unknown; subtype?: string; confidence: number; supported: boolean; entities: unknown[] }
  query: unknown
  response?: { message: string; structured_data: Array<{ type: string }>; visualizations: WireViz[] }
  search_summary: { found_results: boolean; total_results: number }
  performance: { overall_success: boolean; pipeline_stages: number }
  architecture: string
  conversation_id?: number
}
