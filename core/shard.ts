// What each shard of a sharded run records for the merge (issue 9, "sharding that holds"; docs/sharding.md).
// `vitest run --shard=i/n --reporter=blob` runs without the validation reporter; `vitest run --merge-reports` runs
// it on the blobs, in another process, often on another machine, without the shards' environment. So each shard
// writes into its spec files' task meta (kept in the blob, docs/vitest-facts.md §2.1, §5) the target it asked (base
// URL without credentials), the run settings, the whole question set and its position i/n; the merge judges with
// those, refuses shards that differ, and names the shards that are missing. What the target's health route said
// and what happened to the shard's credentials travel the same way, scrubbed of the shard's secrets at the source.
import { createHash } from 'node:crypto'
import type {} from 'vitest' // makes the TaskMeta augmentation below resolve
import type { AuthExpiry, AuthRefusal, HealthRecord, RunAuth, RunSettings, ShardSpan, TargetInfo } from './model.ts'
import type { Question } from './questions.ts'
import { type Reason, reason } from './reason.ts'
import { redactDeep } from './secrets.ts'
import { RUN_SETTING_VARIABLES } from './settings.ts'

/** A question of the plan, as the merge needs it to count a question nobody asked (core/model.ts emptyQuestionRecord). */
export type PlannedQuestion = Pick<Question, PlannedQuestionKey> & Partial<Pick<Question, 'edgeCase' | 'expectations'>>
export type PlannedQuestionKey = 'id' | 'category' | 'message' | 'expectedIntent' | 'expectsData' | 'visualizationExpected'

export interface ShardRecord {
  /** `--shard=i/n`; null when the run was not sharded (one blob). */
  shard: { index: number; count: number } | null
  /** The target this shard asked; never credentials (core/safe-url.ts). */
  target: TargetInfo
  settings: RunSettings
  /** The run's WHOLE question set (every shard's), in file order. */
  questions: PlannedQuestion[]
  /**
   * sha256 of the whole question set as the shard judged it (every field: expectations, edge cases, contracts,
   * notes), which `questions` leaves out: two commits of the question file differing only there judge differently.
   * Absent in blobs of older versions.
   */
  questionsDigest?: string
  /**
   * The ground truth this shard checked the answers' figures against (VALIDATION_GROUND_TRUTH's file, or the embedded
   * service's own): where it came from and a sha256 of its content; null: none. Absent in blobs of older versions.
   */
  groundTruth?: ShardTruth | null
  /** When this shard started (ISO). */
  startedAt: string
  /**
   * The CI run every shard of one campaign shares (GITHUB_RUN_ID, GitLab's CI_PIPELINE_ID…, campaignOf); null: none
   * known (a local run). Absent in blobs of older versions. Shards of different campaigns are refused (otherCampaign).
   */
  campaign?: string | null
  /**
   * What the target's health route said before this shard's first question (tests/support/health.ts); null: not
   * asked (unreachable target). Absent in blobs of older versions. Never part of the shards' agreement: each shard
   * asked it at its own moment.
   */
  health?: HealthRecord | null
  /**
   * What happened to this shard's credentials mid-run (tests/support/auth-broker.ts: a re-login, an expiry), scrubbed
   * of the shard's secrets (shardAuth); null: nothing. Absent in blobs of older versions. The events happen in the
   * shard's main process while its spec files run: globalSetup puts the state after the warm-ups here, and a worker
   * learns each later one from the broker's answer to its refused request (tests/support/shard-meta.ts). So the
   * spec files of one shard may carry different stages of the same history: the merge takes the furthest.
   */
  auth?: RunAuth | null
  /** How this shard's run was shaped (absent in blobs of older versions): the merge judges whole, alike shards only. */
  run?: ShardRun
  /**
   * Why this shard could not use the target at all (globalSetup's `harenaPreflightError`), scrubbed of its secrets;
   * null or absent: it could. The merged report names it, as a single run does, instead of only failed questions.
   */
  preflightError?: Reason | null
}

/**
 * The ground truth a shard used: `source` the truth file's name, or `target` with `embedded` (the embedded service's
 * own). The kind is its own field: a truth file named "target" once passed for the embedded truth (a review, 2026-12-05).
 */
export interface ShardTruth {
  source: string
  digest: string
  embedded?: true
  /**
   * A truth file: the question set's ids it gives no figures for (core/ground-truth.ts questionsWithoutTruth), whose
   * answers are not confronted with the truth — every document says so. Absent for the embedded truth and in blobs of
   * older versions.
   */
  unconfronted?: string[]
}

/** sha256 (hex) of a value's JSON: what two shards compare instead of the value itself. */
export function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
}

/** What a shard's record says of its ground truth: null when it checked figures against none. */
export function shardTruth(truth: unknown, file: string | null, unconfronted: readonly string[] = []): ShardTruth | null {
  if (truth === null || truth === undefined) return null
  return file === null
    ? { source: 'target', digest: digestOf(truth), embedded: true }
    : { source: file, digest: digestOf(truth), unconfronted: [...unconfronted] }
}

/** What else a shard's run must share with the others, and whether it was narrowed on its command line. */
export interface ShardRun {
  /** The configured spec files (file names), the security probes' file included when VALIDATION_SECURITY is on. */
  specFiles: string[]
  /** `-t` of this shard, as given; null: none. A merge of filtered shards would judge questions nobody asked. */
  namePattern: string | null
  security: boolean
  userId: number
  stopAfterTimeouts: number
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on every validation spec file (a File task): what the merge of a sharded run reads. */
    validationShard?: ShardRecord
  }
}

/** "2/3", or null for the blob of a run that was not sharded (core/locale/config.ts words both). */
const label = (r: ShardRecord): string | null => (r.shard ? `${r.shard.index}/${r.shard.count}` : null)
const show = (v: unknown): string => JSON.stringify(v) ?? 'unset'

/** The target as it must agree between shards: an embedded service runs on each shard's own port. */
function targetKey(t: TargetInfo): string {
  return t.embedded ? `embedded reference service (${t.contract})` : `${t.baseUrl} (${t.contract})`
}

/** A shard's record without what its spec files may see at different stages (auth): equal for every file of one shard run. */
function runKey(r: ShardRecord): string {
  const { auth: _auth, ...rest } = r
  return JSON.stringify(rest)
}

/** One record per shard run (the spec files of a shard repeat it), in shard order. */
export function distinctShards(records: readonly ShardRecord[]): ShardRecord[] {
  return [...new Map(records.map((r) => [runKey(r), r])).values()].sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1))
}

/**
 * Why these shards cannot be merged into one verdict (a configuration error of the merge, core/locale/config.ts
 * `config.merge.*`), or null when they agree. `records`: one per blob run.
 */
export function shardDisagreement(records: readonly ShardRecord[]): Reason | null {
  const first = records[0]
  if (first === undefined) return null
  for (const r of records.slice(1)) {
    const why = disagreement(first, r)
    if (why !== null) return reason('config.merge.unlike', { ...why.params, why: why.code })
  }
  // Two blobs of one shard (an old blob left beside the new ones): their attempts would be counted twice.
  const byIndex = new Map<number, ShardRecord>()
  for (const r of records) {
    const twin = byIndex.get(r.shard?.index ?? 1)
    if (twin !== undefined && runKey(twin) !== runKey(r)) {
      const [first, second] = [twin.startedAt, r.startedAt].sort()
      return reason('config.merge.twins', { shard: label(r), first: first ?? null, second: second ?? null })
    }
    byIndex.set(r.shard?.index ?? 1, r)
  }
  return null
}

/**
 * The shard whose blob the merge was given twice, or null. A spec file runs in one shard only, so one file in two
 * blobs of the same run is a copied blob (twins of different runs are shardDisagreement's): Vitest keeps one module
 * per file for the report, but its summary and junit.xml count the copy's tests again. `files`: each spec file of
 * each blob the merge read, with its record.
 */
export function copiedBlob(files: ReadonlyArray<{ file: string | null; record: ShardRecord }>): Reason | null {
  const seen = new Set<string>()
  for (const { file, record } of files) {
    if (file === null) continue // a file Vitest gave no id: nothing to compare
    if (seen.has(file)) return reason('config.merge.copy', { shard: label(record) })
    seen.add(file)
  }
  return null
}

function disagreement(a: ShardRecord, b: ShardRecord): Reason | null {
  const which = { a: label(a), b: label(b) }
  if ((a.shard?.count ?? 1) !== (b.shard?.count ?? 1))
    return reason('shard.unlike.split', { ...which, countA: a.shard?.count ?? 1, countB: b.shard?.count ?? 1 })
  if (targetKey(a.target) !== targetKey(b.target))
    return reason('shard.unlike.target', {
      ...which,
      urlA: a.target.embedded ? null : a.target.baseUrl,
      contractA: a.target.contract,
      urlB: b.target.embedded ? null : b.target.baseUrl,
      contractB: b.target.contract,
    })
  for (const key of Object.keys(RUN_SETTING_VARIABLES) as Array<keyof RunSettings>) {
    if (show(a.settings[key]) !== show(b.settings[key]))
      return reason('shard.unlike.setting', {
        ...which,
        variable: RUN_SETTING_VARIABLES[key] ?? key,
        valueA: show(a.settings[key]),
        valueB: show(b.settings[key]),
      })
  }
  if (JSON.stringify(a.questions) !== JSON.stringify(b.questions) || show(a.questionsDigest) !== show(b.questionsDigest))
    return reason('shard.unlike.questions', which)
  // The figures each shard checked (a truth file in one, the embedded truth or another file in the other). A shard
  // that could not use the target checked nothing: its missing truth is not a difference (it is named otherwise).
  if (!a.preflightError && !b.preflightError && show(truthKey(a.groundTruth)) !== show(truthKey(b.groundTruth)))
    return reason('shard.unlike.setting', {
      ...which,
      variable: 'VALIDATION_GROUND_TRUTH',
      valueA: showTruth(a.groundTruth),
      valueB: showTruth(b.groundTruth),
    })
  // Another build answered one of the shards (a blob of an earlier run left at its path, a deployment in between).
  const versionA = a.target.version ?? null
  const versionB = b.target.version ?? null
  if (versionA !== null && versionB !== null && versionA !== versionB) return reason('shard.unlike.version', { ...which, versionA, versionB })
  for (const [key, variable] of SHARD_RUN_VARIABLES) {
    const valueA = show(a.run?.[key])
    const valueB = show(b.run?.[key])
    if (valueA !== valueB) return reason('shard.unlike.setting', { ...which, variable, valueA, valueB })
  }
  return null
}

/**
 * A ground truth as it must agree between shards: a file's content only (one file copied elsewhere is the same
 * truth); the embedded service's own, whatever its content — each shard's service generates its data at its start
 * (dates from that moment), and each shard checks its answers against its own service's.
 */
const truthKey = (t: ShardTruth | null | undefined): string | null | undefined => (t ? (t.embedded === true ? 'target' : `file:${t.digest}`) : t)
/** As VALIDATION_GROUND_TRUTH was: a file (its name and content's digest), or unset (the target's own truth, or none). */
const showTruth = (t: ShardTruth | null | undefined): string => (t && t.embedded !== true ? `${t.source} (sha256 ${t.digest.slice(0, 12)})` : 'unset')

/** What a shard's run shares with the others beyond the run settings, and the variable (or flag) that sets it. */
const SHARD_RUN_VARIABLES: ReadonlyArray<[keyof ShardRun, string]> = [
  ['security', 'VALIDATION_SECURITY'],
  ['userId', 'HARENA_USER_ID'],
  ['stopAfterTimeouts', 'VALIDATION_STOP_AFTER_TIMEOUTS'],
  ['specFiles', 'VALIDATION_QUESTIONS (spec files)'],
]

/**
 * Why these agreeing shards still make no release verdict together: one was filtered by name (`-t`), or the spec
 * files they ran together are not all the configured ones (`--exclude`, a file filter) — the merge would judge a
 * part of the plan as the whole. `presentFiles`: the file names of the validation spec files in the blobs. null: whole.
 */
export function partialShards(records: readonly ShardRecord[], presentFiles: readonly string[]): Reason | null {
  for (const r of records) if (r.run?.namePattern) return reason('config.merge.filtered', { shard: label(r), pattern: r.run.namePattern })
  const expected = records[0]?.run?.specFiles ?? []
  const present = new Set(presentFiles)
  const absent = expected.filter((f) => !present.has(f))
  return absent.length > 0 ? reason('config.merge.files', { files: absent.join(', ') }) : null
}

/**
 * The first shard's reason for not using the target (in shard order), or null when every shard could. A shard of a
 * split is named (`shard.preflight`): the other shards may have asked their questions.
 */
export function mergedPreflightError(records: readonly ShardRecord[]): Reason | null {
  const r = records.find((x) => x.preflightError)
  const error = r?.preflightError
  if (!r || !error) return null
  return r.shard ? reason('shard.preflight', { ...error.params, cause: error.code, shard: label(r) }) : error
}

/** A shard's preflight error as its blob carries it: scrubbed of the shard's secrets at the source. */
export function shardPreflightError(error: Reason | null, secrets: readonly string[]): Reason | null {
  return error === null ? null : redactDeep(error, secrets)
}

/** The shards of the split that left no blob (1-based), e.g. [2] of 3. */
export function missingShards(records: readonly ShardRecord[]): { missing: number[]; count: number } {
  const count = records[0]?.shard?.count ?? 1
  const seen = new Set(records.map((r) => r.shard?.index ?? 1))
  return { missing: Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i)), count }
}

/**
 * The merged run's health record: each shard asked the health route before its own first question, so a finding of
 * any shard is a finding of the run. The first shard's answer (status, version) stands for the run, with every
 * shard's findings, each once, in shard order; null when no shard asked.
 */
export function mergedHealth(records: readonly ShardRecord[]): HealthRecord | null {
  const asked = records.flatMap((r) => (r.health ? [r.health] : []))
  const first = asked[0]
  if (first === undefined) return null
  const findings = new Map<string, HealthRecord['findings'][number]>()
  for (const h of asked) for (const f of h.findings) findings.set(JSON.stringify(f), f)
  return { ...first, findings: [...findings.values()] }
}

/**
 * A health record as a shard's blob carries it: the strings the target wrote (status, version, what a finding
 * quotes) scrubbed of the shard's secrets here, at the source — the merge, on another machine, knows none of them.
 */
export function shardHealth(health: HealthRecord | null, secrets: readonly string[]): HealthRecord | null {
  return health === null ? null : redactDeep(health, secrets)
}

/**
 * A shard's credentials history as its blob carries it: what the target or a failed login wrote (a login failure's
 * detail may quote the target's answer) scrubbed of the shard's secrets here, at the source; null when nothing
 * happened.
 */
export function shardAuth(auth: RunAuth | null, secrets: readonly string[]): RunAuth | null {
  if (auth === null || (auth.relogins.length === 0 && auth.expired === null)) return null
  return redactDeep({ relogins: auth.relogins, expired: auth.expired }, secrets)
}

/**
 * The further of two stages of one shard's credentials history. It only grows (each re-login is appended; an expiry
 * is set once and ends it), so the stage with more events is the later one.
 */
export function furthestAuth(a: RunAuth | null | undefined, b: RunAuth | null | undefined): RunAuth | null {
  const events = (x: RunAuth | null | undefined): number => (x ? x.relogins.length + (x.expired ? 1 : 0) : -1)
  return (events(b) > events(a) ? b : a) ?? null
}

/**
 * The merged run's credentials history. Each shard logged in, re-logged in and stopped on its own: every shard's
 * re-login, tagged with its shard, in shard order; every shard's expiry in `expiries` (each stopped that shard's
 * remaining attempts, each with its own cause), and `expired` the earliest of them (by time; the first shard on a
 * tie). null when no shard recorded anything (blobs of older versions carry no auth).
 */
export function mergedAuth(records: readonly ShardRecord[]): RunAuth | null {
  const byShard = new Map<number, { shard: ShardRecord['shard']; auth: RunAuth | null }>()
  for (const r of records) {
    const index = r.shard?.index ?? 1
    byShard.set(index, { shard: r.shard, auth: furthestAuth(byShard.get(index)?.auth, r.auth) })
  }
  const relogins: AuthRefusal[] = []
  const expiries: AuthExpiry[] = []
  for (const [, { shard, auth }] of [...byShard].sort(([a], [b]) => a - b)) {
    if (!auth) continue
    const tag = shard ? { shard: { index: shard.index, count: shard.count } } : {}
    for (const r of auth.relogins) relogins.push({ ...r, ...tag })
    if (auth.expired) expiries.push({ ...auth.expired, ...tag })
  }
  if (relogins.length === 0 && expiries.length === 0) return null
  const earliest = expiries.reduce<AuthExpiry | null>((first, e) => (first === null || Date.parse(e.at) < Date.parse(first.at) ? e : first), null)
  return { relogins, expired: earliest, expiries }
}

/** The CI variables naming one run of a pipeline, shared by all its jobs (every shard of one campaign). */
const CAMPAIGN_VARIABLES = ['GITHUB_RUN_ID', 'CI_PIPELINE_ID', 'BUILD_BUILDID', 'CIRCLE_WORKFLOW_ID', 'BUILDKITE_BUILD_ID'] as const

/** This shard's campaign: `GITHUB_RUN_ID=42`, or null outside CI. */
export function campaignOf(env: NodeJS.ProcessEnv): string | null {
  const name = CAMPAIGN_VARIABLES.find((v) => (env[v] ?? '') !== '')
  return name === undefined ? null : `${name}=${env[name]}`
}

export type { ShardSpan }

/** A blob's spec file as the merge reads it: its shard record and Vitest's result times (ms since the epoch). */
export interface BlobFileTimes {
  record: ShardRecord
  startTime?: number
  durationMs?: number
}

/** Each shard's span, in shard order: one per shard run (the files of one shard share its record's start). */
export function shardSpans(files: readonly BlobFileTimes[]): ShardSpan[] {
  const byRun = new Map<string, { record: ShardRecord; end: number | null }>()
  for (const f of files) {
    const key = `${f.record.shard?.index ?? 1}@${f.record.startedAt}`
    const end = f.startTime !== undefined && f.durationMs !== undefined ? f.startTime + f.durationMs : null
    const known = byRun.get(key)
    const latest = known?.end ?? null
    byRun.set(key, { record: f.record, end: end === null ? latest : latest === null ? end : Math.max(latest, end) })
  }
  return [...byRun.values()]
    .sort((a, b) => (a.record.shard?.index ?? 1) - (b.record.shard?.index ?? 1) || a.record.startedAt.localeCompare(b.record.startedAt))
    .map(({ record, end }) => ({ shard: label(record), startedAt: record.startedAt, endedAt: end === null ? null : new Date(end).toISOString() }))
}

/**
 * The longest a shard may start after the shards before it ended and still be of their campaign, at the least: a CI
 * job waiting for a runner, or shards run one after the other with a machine's start between them.
 */
export const CAMPAIGN_GAP_FLOOR_MS = 15 * 60 * 1000

/**
 * Why these blobs are not of one campaign, or null. A blob of an earlier run kept under another name (an artifact
 * of the previous build) would stand in for a shard that left none: the merge must not judge today's build on it.
 * Two signs: their CI run ids differ (campaignOf; the same id on every blob is one campaign, whatever the times); or,
 * without them, one shard started after every earlier one had
 * ended by more than the longest shard took (at least CAMPAIGN_GAP_FLOOR_MS) — the shards of one campaign run
 * together, or one after the other. The target's version cannot tell: a real service's stays the same across builds.
 */
export function otherCampaign(records: readonly ShardRecord[], spans: readonly ShardSpan[]): Reason | null {
  const ids = [...new Map(records.filter((r) => r.campaign).map((r) => [r.campaign, r])).values()]
  if (ids.length > 1) return reason('config.merge.campaigns', { shards: ids.map((r) => `${label(r) ?? '1/1'} (${r.campaign})`).join(', ') })
  // Every blob of one CI run: one campaign, whenever each shard ran — a failed shard re-run later keeps the run's id
  // (GitHub's "Re-run failed jobs": GITHUB_RUN_ATTEMPT grows) and machines' clocks may disagree (a review: both refused).
  if (ids.length === 1 && records.every((r) => r.campaign === ids[0]?.campaign)) return null
  const timed = spans.map((s) => ({ ...s, start: Date.parse(s.startedAt), end: s.endedAt === null ? null : Date.parse(s.endedAt) }))
  const longest = Math.max(0, ...timed.map((s) => (s.end === null ? 0 : s.end - s.start)))
  const bound = Math.max(longest, CAMPAIGN_GAP_FLOOR_MS)
  const byStart = [...timed].sort((a, b) => a.start - b.start)
  let ended = byStart[0]?.end ?? byStart[0]?.start ?? 0
  for (const s of byStart.slice(1)) {
    if (s.start - ended > bound)
      return reason('config.merge.apart', {
        shards: byStart.map((x) => `${x.shard ?? '1/1'} ${x.startedAt}`).join(', '),
        gapMinutes: Math.round((s.start - ended) / 60_000),
        boundMinutes: Math.round(bound / 60_000),
      })
    ended = Math.max(ended, s.end ?? s.start)
  }
  return null
}
