// `Server-Timing` (W3C Server Timing): the only place a target can report stage latencies the suite can see
// (docs/suite-rules.md §5). Real v2 sends none (docs/wire-contracts.md §1.8); the reference service sends the plan's four stages.
// The parser is deliberately forgiving: a malformed entry is skipped, never fatal (stage timings are evidence,
// not part of an attempt's success).
import type { StageName } from '../../../core/model.ts'

export interface ServerTimingMetric {
  name: string
  /** Milliseconds; null when absent or not a finite, non-negative number. */
  dur: number | null
  desc: string | null
}

// RFC 9110 token characters: what a metric or parameter name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Splits on `separator` outside double-quoted strings (backslash escapes honoured inside quotes). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      current += ch
      if (ch === '\\' && i + 1 < text.length) current += text[++i] as string
      else if (ch === '"') quoted = false
    } else if (ch === '"') {
      quoted = true
      current += ch
    } else if (ch === separator) {
      parts.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  parts.push(current)
  return parts
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}

/**
 * Parses a Server-Timing header value (or several, as Node reports repeated headers):
 * `intent_classification;dur=12.3, search;desc="ES";dur=4, cache;desc=hit` → one entry per well-named metric.
 * For a repeated parameter the first occurrence wins (as the W3C spec says).
 */
export function parseServerTiming(header: string | readonly string[] | null | undefined): ServerTimingMetric[] {
  if (header === null || header === undefined) return []
  const text = typeof header === 'string' ? header : header.join(',')
  const metrics: ServerTimingMetric[] = []
  for (const entry of splitOutsideQuotes(text, ',')) {
    const [rawName, ...params] = splitOutsideQuotes(entry, ';')
    const name = (rawName ?? '').trim()
    if (!TOKEN.test(name)) continue
    let dur: number | null = null
    let durSeen = false
    let desc: string | null = null
    for (const param of params) {
      const eq = param.indexOf('=')
      const key = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase()
      const value = eq === -1 ? '' : unquote(param.slice(eq + 1).trim())
      if (key === 'dur' && !durSeen) {
        durSeen = true
        const n = value === '' ? Number.NaN : Number(value)
        dur = Number.isFinite(n) && n >= 0 ? n : null
      } else if (key === 'desc' && desc === null) {
        desc = value
      }
    }
    metrics.push({ name, dur, desc })
  }
  return metrics
}

// Names a service may plausibly use for the plan's four stages. The v2 orchestrator's internal keys
// (docs/wire-contracts.md §1.8) are included: query_execution is the search; query_building and context_analysis are not
// plan stages and stay unmapped rather than being folded into one.
const STAGE_ALIASES: Readonly<Record<string, StageName>> = {
  intent: 'intent_classification',
  intent_classification: 'intent_classification',
  intent_classifier: 'intent_classification',
  intent_detection: 'intent_classification',
  classification: 'intent_classification',
  classify: 'intent_classification',
  search: 'search',
  search_execution: 'search',
  search_service: 'search',
  query_execution: 'search',
  elasticsearch: 'search',
  user_profile: 'user_profile',
  profile: 'user_profile',
  load_profile: 'user_profile',
  profile_load: 'user_profile',
  response_generation: 'response_generation',
  generation: 'response_generation',
  generate: 'response_generation',
  llm: 'response_generation',
  llm_generation: 'response_generation',
  answer_generation: 'response_generation',
}

/** The plan stage a metric name stands for, or null (`total`, `db`, unknown names). Case/separator-insensitive. */
export function stageOf(metricName: string): StageName | null {
  const key = metricName
    .trim()
    .toLowerCase()
    .replace(/[-.\s]+/g, '_')
  return STAGE_ALIASES[key] ?? null
}

/** Plan stage → ms from a Server-Timing header; the first metric naming a stage wins; `total` is ignored. */
export function stagesFromServerTiming(header: string | readonly string[] | null | undefined): Partial<Record<StageName, number>> {
  const stages: Partial<Record<StageName, number>> = {}
  for (const metric of parseServerTiming(header)) {
    const stage = stageOf(metric.name)
    if (stage === null || metric.dur === null || stages[stage] !== undefined) continue
    stages[stage] = metric.dur
  }
  return stages
}
