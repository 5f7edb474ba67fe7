// What this run will cost, known before its first request (issue 9: "a run's cost is known"): which questions this
// process asks (all of them, or this shard's share), how many requests that is, and how long it can take when every
// answer takes the whole HARENA_TIMEOUT_MS. globalSetup prints it before the preflight; the progress line
// (tests/support/progress.ts) counts against it.
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { type DurationForm, formatDuration } from '../../core/duration.ts'
import '../../core/locale/run.ts'
import type { Question } from '../../core/questions.ts'
import { type Reason, reason } from '../../core/reason.ts'
import type { Settings } from '../../core/settings.ts'
import { isPlanCategory } from './categories.ts'
import { DESCRIBE_TITLES, nameSelected, probeTitleOf, type TitleSecrets, titleOf } from './titles.ts'

export interface ShardPosition {
  index: number
  count: number
}

export interface RunPlan {
  /** This process's questions (a shard asks only the questions of its spec files). */
  questions: Question[]
  /** Measured attempts: questions × VALIDATION_ITERATIONS. */
  attempts: number
  /** Warm-up requests of the whole run (VALIDATION_WARMUP), never more than there are questions to ask. */
  warmups: number
  /** Security probes in this run (each is one test). */
  probes: number
  /** The most requests they send: the sum of each probe's maxRequests (tests/support/security/probes.ts). */
  probeRequests: number
  /**
   * attempts + warm-ups + probeRequests (login and health checks aside): exact without probes, an upper bound with
   * them (the cost line then says "at most").
   */
  requests: number
  /** Upper bound: warm-ups one after the other, then the rest VALIDATION_CONCURRENCY at a time, each at the timeout. */
  worstCaseMs: number
  shard: ShardPosition | null
}

export function planRun(
  settings: Pick<Settings, 'iterations' | 'warmup' | 'concurrency' | 'timeoutMs' | 'maxRps'>,
  questions: Question[],
  probes: ReadonlyArray<{ maxRequests: number }>,
  shard: ShardPosition | null,
): RunPlan {
  const attempts = questions.length * settings.iterations
  const warmups = questions.length === 0 ? 0 : settings.warmup
  // Each probe's requests one after the other, each at the timeout at worst: counted like as many attempts.
  const probeRequests = probes.reduce((sum, p) => sum + p.maxRequests, 0)
  const requests = attempts + warmups + probeRequests
  const waves = Math.ceil((attempts + probeRequests) / Math.max(1, settings.concurrency))
  const byTimeout = (warmups + waves) * settings.timeoutMs
  // A paced run (VALIDATION_MAX_RPS) cannot go faster than its pace, whatever the answers take.
  const byPace = settings.maxRps > 0 ? (requests / settings.maxRps) * 1000 : 0
  return { questions, attempts, warmups, probes: probes.length, probeRequests, requests, worstCaseMs: Math.max(byTimeout, byPace), shard }
}

/** How a worst case is written ("45 s", "16 min", "2 h 05 min"): rounded up, never understated (core/duration.ts). */
export const WORST_CASE: DurationForm = { form: 'words', rounding: 'up' }

/** The line printed before the first request (core/locale/run.ts `run.cost`). */
export function costLine(plan: RunPlan, settings: Pick<Settings, 'iterations' | 'concurrency' | 'timeoutMs'>): Reason {
  return reason('run.cost', {
    shard: plan.shard ? `${plan.shard.index}/${plan.shard.count}` : null,
    requests: plan.requests,
    questions: plan.questions.length,
    iterations: settings.iterations,
    warmups: plan.warmups,
    probes: plan.probes,
    probeRequests: plan.probeRequests,
    concurrency: settings.concurrency,
    worst: formatDuration(plan.worstCaseMs, WORST_CASE),
    timeoutMs: settings.timeoutMs,
  })
}

/**
 * The spec files this process runs: the configured ones the command line's file filters keep, and with
 * `--shard=i/n` this shard's share, picked by Vitest's own sequencer (the call Vitest makes before running them),
 * so a run plans only what it asks. `namePattern`: `-t`, which keeps only the tests whose name it matches.
 */
export async function specFilesOfThisRun(
  project: TestProject,
): Promise<{ files: string[]; shard: ShardPosition | null; namePattern: RegExp | null }> {
  const config = project.vitest.config
  const namePattern = config.testNamePattern ?? null
  // `vitest run tests/by-merchant`: Vitest keeps the files whose path contains a filter (its filenamePattern).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? []
  const files = project.config.include
    .map((f) => resolve(config.root, f))
    .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p) || f.includes(resolve(config.root, p))))
  const shard = config.shard ? { index: config.shard.index, count: config.shard.count } : null
  if (shard === null) return { files, shard, namePattern }
  const Sequencer = config.sequence.sequencer
  const specs = await new Sequencer(project.vitest).shard(files.map((f) => project.createSpecification(f)))
  return { files: specs.map((s) => s.moduleId), shard, namePattern }
}

/**
 * The questions `-t` keeps, matched as Vitest matches it: against each test's full name, its spec file's describe
 * title and its own title as the spec file names it — masked of the configured credentials (tests/support/titles.ts
 * `titleOf`): a pattern naming a word of the password would otherwise keep a question Vitest does not run, and the
 * run would count it not executed. None when it matches no test: such a run asks nothing.
 */
export function questionsNamed(questions: Question[], pattern: RegExp | null, configured: TitleSecrets): Question[] {
  if (pattern === null) return questions
  return questions.filter((q) => nameSelected(pattern, DESCRIBE_TITLES[isPlanCategory(q.category) ? q.category : 'other'], titleOf(q, configured)))
}

/** The security probes `-t` keeps (all of them without a pattern), matched the same way. */
export function probesNamed<P extends { id: string; title: string }>(probes: readonly P[], pattern: RegExp | null, configured: TitleSecrets): P[] {
  return probes.filter((p) => nameSelected(pattern, DESCRIBE_TITLES.security, probeTitleOf(p, configured)))
}
