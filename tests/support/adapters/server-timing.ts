// `Server-Timing` (W3C Server Timing): the only place a target can report stage latencies the suite can see
// (docs/suite-rules.md §5). Real v2 sends none (docs/wire-contracts.md §1.8); the reference service sends the plan's four stages.
// The parser is deliberately forgiving: a malformed entry is never fatal (stage timings are evidence, not part of an
// attempt's success), but never silent either: readServerTiming says what it did not use and why.
import type { StageEntryDrop, StageName, StageReading } from '../../../core/model.ts'

export interface ServerTimingMetric {
  name: string
  /** Milliseconds; null when absent or not a finite, non-negative number. */
  dur: number | null
  /** Why a `dur` that was written is not used (absent when it is, or when there was no `dur` at all). */
  durProblem?: DurProblem
  desc: string | null
}

/** A written `dur` that is no duration: negative, with a unit (`250ms`, `1.2s`), or no number at all. */
export type DurProblem = 'negative' | 'unit' | 'not_a_number'

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

// A number followed by a unit: `250ms`, `1.2s`, `300 µs` (the spec's `dur` is a bare number of milliseconds).
const WITH_UNIT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*[a-zµμ]+$/i

function problemOf(value: string, n: number): DurProblem {
  if (Number.isFinite(n) && n < 0) return 'negative'
  return WITH_UNIT.test(value) ? 'unit' : 'not_a_number'
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
    let durProblem: DurProblem | undefined
    let desc: string | null = null
    for (const param of params) {
      const eq = param.indexOf('=')
      const key = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase()
      const value = eq === -1 ? '' : unquote(param.slice(eq + 1).trim())
      if (key === 'dur' && !durSeen) {
        durSeen = true
        const n = value === '' ? Number.NaN : Number(value)
        dur = Number.isFinite(n) && n >= 0 ? n : null
        if (dur === null && value !== '') durProblem = problemOf(value, n)
      } else if (key === 'desc' && desc === null) {
        desc = value
      }
    }
    metrics.push(durProblem === undefined ? { name, dur, desc } : { name, dur, durProblem, desc })
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
  answer_generation: 'response_generation',
}

// Parts of a stage: the plan's response generator runs the analytics agent (insights), the visualization service
// (charts) and the LLM (plan T4.3, "Response Generator ├── Analytics Agent / VisualizationService / LLM"). An
// answer that times the whole stage has its parts inside it; one that times only the parts has the stage as their sum.
const STAGE_PARTS: Readonly<Record<string, StageName>> = {
  llm: 'response_generation',
  llm_generation: 'response_generation',
  llm_call: 'response_generation',
  insights: 'response_generation',
  insight_generation: 'response_generation',
  analytics: 'response_generation',
  analytics_agent: 'response_generation',
  charts: 'response_generation',
  chart_generation: 'response_generation',
  visualizations: 'response_generation',
  visualization: 'response_generation',
  visualization_service: 'response_generation',
}

const TOTAL = 'total'

const keyOf = (metricName: string): string =>
  metricName
    .trim()
    .toLowerCase()
    .replace(/[-.\s]+/g, '_')

/** The plan stage a metric name stands for, whole or as a part, or null (`total`, `db`, unknown names). Case/separator-insensitive. */
export function stageOf(metricName: string): StageName | null {
  const key = keyOf(metricName)
  return STAGE_ALIASES[key] ?? STAGE_PARTS[key] ?? null
}

/** What a record keeps of one answer's names: bounded, as a hostile header could send thousands. */
export const MAX_READING_ENTRIES = 20
const MAX_NAME_CHARS = 64
const clipName = (name: string): string => (name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name)

/** One answer's stages (ms) and what else its header said (core/model.ts StageReading). */
export interface ServerTimingStages {
  stages: Partial<Record<StageName, number>>
  /** Absent when the header had nothing but used stage entries. */
  reading?: StageReading
}

/** The entries of one plan stage: those naming the whole stage, and those naming a part of it. */
interface StageEntries {
  whole: ServerTimingMetric[]
  parts: ServerTimingMetric[]
}

/**
 * Plan stage → ms from a Server-Timing header, and what was not used (docs/suite-rules.md §5 "Stage figures"):
 * - every entry is a separate metric (W3C Server Timing: several entries may share a name), so a stage named by
 *   several entries is their sum (a stage run twice took both times), listed as repeated (a part named twice: the part);
 * - an entry naming the whole stage wins over entries naming its parts (they are inside it): those parts are dropped
 *   as `inside_stage`; without one, the stage is the sum of its parts;
 * - `total` is the service's own total (the largest when repeated), never a stage;
 * - an entry with a negative `dur`, a `dur` with a unit, no number or no `dur` at all is dropped with its reason;
 * - a name that stands for no plan stage is listed as unmapped.
 */
export function readServerTiming(header: string | readonly string[] | null | undefined): ServerTimingStages {
  const byStage = new Map<StageName, StageEntries>()
  const dropped: NonNullable<StageReading['dropped']> = []
  const unmapped = new Set<string>()
  let totalMs: number | undefined
  let totals = 0
  const drop = (name: string, stage: StageName | null, why: StageEntryDrop) => {
    if (dropped.length < MAX_READING_ENTRIES) dropped.push({ name: clipName(name), stage, why })
  }
  for (const metric of parseServerTiming(header)) {
    const key = keyOf(metric.name)
    const whole = STAGE_ALIASES[key]
    const stage = key === TOTAL ? null : (whole ?? STAGE_PARTS[key] ?? null)
    if (key !== TOTAL && stage === null) {
      if (unmapped.size < MAX_READING_ENTRIES) unmapped.add(clipName(metric.name))
      continue
    }
    if (metric.dur === null) {
      drop(metric.name, stage, metric.durProblem ?? 'no_duration')
      continue
    }
    if (stage === null) {
      totals++
      totalMs = Math.max(totalMs ?? 0, metric.dur)
      continue
    }
    const entries = byStage.get(stage) ?? { whole: [], parts: [] }
    ;(whole === undefined ? entries.parts : entries.whole).push(metric)
    byStage.set(stage, entries)
  }
  const stages: Partial<Record<StageName, number>> = {}
  const repeated = new Set<string>()
  for (const [stage, { whole, parts }] of byStage) {
    const used = whole.length > 0 ? whole : parts
    if (whole.length > 0) for (const part of parts) drop(part.name, stage, 'inside_stage')
    // Repeated: the whole stage timed twice (under one name or two), or one part twice; distinct parts are no repeat.
    if (whole.length > 1) repeated.add(stage)
    else if (whole.length === 0) for (const key of repeatedKeys(parts)) repeated.add(key)
    stages[stage] = used.reduce((sum, m) => sum + (m.dur as number), 0)
  }
  if (totals > 1) repeated.add(TOTAL)
  const reading: StageReading = {
    ...(totalMs === undefined ? {} : { totalMs }),
    ...(dropped.length > 0 ? { dropped } : {}),
    ...(repeated.size > 0 ? { repeated: [...repeated] } : {}),
    ...(unmapped.size > 0 ? { unmapped: [...unmapped] } : {}),
  }
  return Object.keys(reading).length > 0 ? { stages, reading } : { stages }
}

/** The names (normalized) that more than one of these entries carries. */
function repeatedKeys(metrics: readonly ServerTimingMetric[]): string[] {
  const counts = new Map<string, number>()
  for (const m of metrics) counts.set(keyOf(m.name), (counts.get(keyOf(m.name)) ?? 0) + 1)
  return [...counts].filter(([, n]) => n > 1).map(([key]) => clipName(key))
}

/** Plan stage → ms from a Server-Timing header (readServerTiming, without what was not used). */
export function stagesFromServerTiming(header: string | readonly string[] | null | undefined): Partial<Record<StageName, number>> {
  return readServerTiming(header).stages
}
