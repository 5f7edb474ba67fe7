// Bench: the reporter end to end at scale — aggregate + decide + every document written to disk (the path the
// Vitest reporter takes at the end of a run: reporters/pipeline.ts produce + reporters/documents.ts
// writeDocuments), with a bearer token and a password to scrub. As in a run, the workers' share comes first: one
// child process scrubs each question and writes its fragments (core/fragments.ts), as a worker does when the
// question ends, and prints that CPU time; then another times the reporter, in a process of its own so that its peak
// RSS is its own. BENCH_FRAGMENTS=0: no fragments, every attempt serialized by the reporter (as before them).
// Figures only, no assertion. Issue 14 goal: ≤ 5 s and ≤ 1 GiB at 1,000,000 attempts, cost linear in attempts. On
// this repository's 2 shared cores at 1,000,000 with the fragments (~11-14 µs per attempt in the workers): CPU
// 5.7-6.1 s, peak RSS 763-788 MiB, wall 5.7-6.8 s at load 4-5.7 (the wall follows the load; CPU 7.7 s and 4.7-5.8 s
// wall at load 1.2-2 before the in-place series and the HTML's single walk); on the merged main 4.6-4.9 s wall (CPU
// 6.2-7.3 s, 776-794 MiB) at load 1.5-3.4; 11.1-12.0 s and 788 MiB without.
// docs/report-contract.md, "Serialized at the source" and "Cost at scale".
// Run: `npx tsx bench/reporter-scale.ts` (sizes from BENCH_REPORTER_SIZES, default 10000,100000,1000000).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { appliedLoadOf } from '../core/applied-load.ts'
import { REPORT_FILES } from '../core/report-files.ts'
import { DOCUMENTS, writeDocuments } from '../reporters/documents.ts'
import { Fragments, writeFragment } from '../core/fragments.ts'
import { scrubbedAtSource } from '../core/scrub.ts'
import { produce } from '../reporters/pipeline.ts'
import { syntheticModel } from './reporter.ts'
import { line, load, removeDir, runChild, tempDir } from './support.ts'

const SECRETS = [
  'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiZXhwIjoxOTk5OTk5OTk5fQ.c2lnbmF0dXJlLW9mLXRoZS1iZW5jaA',
  'harena-demo-password',
]

/**
 * In a child of its own, as a run's workers do each as its question ends (core/fragments.ts): the same model's
 * questions serialized at the source into `fragmentsDir`. Prints its CPU time: spread over the run and over the
 * workers, not waited for at its end.
 */
function source(size: number, fragmentsDir: string): void {
  const model = syntheticModel(size, 100)
  const f0 = process.cpuUsage()
  for (const q of model.questions) writeFragment(fragmentsDir, scrubbedAtSource(q, SECRETS), SECRETS)
  process.stdout.write(`${JSON.stringify({ sourceCpuMs: cpuMsSince(f0) })}\n`)
}

/**
 * In the child: build the model (not timed), then time the real end-of-run path and print one JSON line.
 * `fragmentsDir`: what source() wrote for the same model, or null (every attempt serialized here).
 */
async function child(size: number, fragmentsDir: string | null, sourceCpuMs: number | null): Promise<void> {
  const model = syntheticModel(size, 100)
  const dir = tempDir('reporter')
  try {
    // As the reporter reads them at the end of a run: each file removed once read (core/fragments.ts).
    const fragments = fragmentsDir === null ? undefined : new Fragments(fragmentsDir, SECRETS, { removeOnRead: true })
    // With fragments, the records come from the workers scrubbed at the source (their CPU is in source()'s figure).
    if (fragments) model.questions = model.questions.map((q) => scrubbedAtSource(q, SECRETS))
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    // As reporters/validation-reporter.ts does: the applied load swept from the attempts' send times when the model
    // is built, values scrubbed once in produce(), then every document written (one document at a time here, so
    // that each one's share of the wall time is printed).
    model.appliedLoad = appliedLoadOf(model.questions, 16)
    const stagesMs: Record<string, number> = { 'applied load': performance.now() - t0 }
    // CPU per stage too: on a shared machine the wall time of a stage moves with the load, its CPU time much less.
    const stagesCpuMs: Record<string, number> = { 'applied load': cpuMsSince(c0) }
    const p0 = performance.now()
    const pc = process.cpuUsage()
    const produced = produce(model, undefined, undefined, SECRETS, fragments)
    stagesMs.produce = performance.now() - p0
    stagesCpuMs.produce = cpuMsSince(pc)
    for (const doc of DOCUMENTS) {
      const s0 = performance.now()
      const sc = process.cpuUsage()
      writeDocuments(dir, produced, SECRETS, undefined, [doc])
      stagesMs[doc.file] = performance.now() - s0
      stagesCpuMs[doc.file] = cpuMsSince(sc)
    }
    const wallMs = performance.now() - t0
    const bytes = [REPORT_FILES.json, REPORT_FILES.md, REPORT_FILES.samples].reduce((n, f) => n + statSync(join(dir, f)).size, 0)
    process.stdout.write(
      `${JSON.stringify({ ok: true, wallMs, stagesMs, stagesCpuMs, cpuMs: cpuMsSince(c0), kernelMs: process.cpuUsage(c0).system / 1000, bytes, maxRssMiB: process.resourceUsage().maxRSS / 1024, sourceCpuMs, fragmentsUsed: fragments?.used ?? null })}\n`,
    )
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error).split('\n')[0], maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`)
  } finally {
    removeDir(dir)
  }
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** "produce 1234 ms (CPU 1200), samples.ndjson 2345 ms (CPU 2300), …": where the wall time and the CPU went. */
const stageText = (stages: Record<string, number>, cpu: Record<string, number>): string =>
  Object.entries(stages)
    .filter(([, ms]) => ms >= 1)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms${cpu[name] === undefined ? '' : ` (CPU ${(cpu[name] as number).toFixed(0)})`}`)
    .join(', ')

/** What the workers serialized during the run, and how many questions the reporter copied instead of serializing. */
const sourceText = (cpuMs: number | null | undefined, used: { samples: number; rows: number } | null | undefined, size: number): string =>
  used == null || cpuMs == null
    ? 'no fragments (BENCH_FRAGMENTS=0): every attempt serialized by the reporter'
    : `serialized at the source by the workers during the run: CPU ${cpuMs.toFixed(0)} ms (${((cpuMs * 1000) / size).toFixed(1)} µs per attempt), copied for ${used.samples} questions' samples and ${used.rows} questions' rows`

export async function main(): Promise<void> {
  const sizes = (process.env.BENCH_REPORTER_SIZES ?? '10000,100000,1000000').split(',').map(Number)
  process.stdout.write('reporter end to end (aggregate + decide + render + scrub + write every document), one child process per size\n')
  for (const size of sizes) {
    // BENCH_FRAGMENTS=0: without the workers' fragments, every attempt serialized by the reporter.
    const fragmentsDir = process.env.BENCH_FRAGMENTS === '0' ? null : tempDir('fragments')
    let sourceCpuMs: number | null = null
    if (fragmentsDir !== null) {
      const made = await runChild(['--import', 'tsx', 'bench/reporter-scale.ts', String(size), 'source', fragmentsDir], {})
      try {
        sourceCpuMs = (JSON.parse(made.stdout.trim().split('\n').pop() ?? '') as { sourceCpuMs: number }).sourceCpuMs
      } catch {
        line(
          `${size.toLocaleString('en-US')} attempts`,
          `FAILED to write the fragments (exit ${made.exitCode}): ${made.stderr.trim().split('\n').slice(-3).join(' / ')}`,
        )
        removeDir(fragmentsDir)
        continue
      }
    }
    const run = await runChild(
      ['--import', 'tsx', 'bench/reporter-scale.ts', String(size), 'report', fragmentsDir ?? '-', String(sourceCpuMs ?? '-')],
      {},
    )
    if (fragmentsDir !== null) removeDir(fragmentsDir)
    const last = run.stdout.trim().split('\n').pop() ?? ''
    let text: string
    try {
      const r = JSON.parse(last) as {
        ok: boolean
        wallMs?: number
        stagesMs?: Record<string, number>
        stagesCpuMs?: Record<string, number>
        cpuMs?: number
        kernelMs?: number
        bytes?: number
        error?: string
        maxRssMiB: number
        sourceCpuMs?: number | null
        fragmentsUsed?: { samples: number; rows: number } | null
      }
      text = r.ok
        ? `${(r.wallMs as number).toFixed(0)} ms wall (CPU ${(r.cpuMs as number).toFixed(0)} ms, of it ${(r.kernelMs ?? 0).toFixed(0)} ms in the kernel), ${((r.bytes as number) / 1048576).toFixed(0)} MiB written, peak RSS ${r.maxRssMiB.toFixed(0)} MiB; ${stageText(r.stagesMs ?? {}, r.stagesCpuMs ?? {})}; ${sourceText(r.sourceCpuMs, r.fragmentsUsed, size)}`
        : `FAILED: ${r.error}, peak RSS ${r.maxRssMiB.toFixed(0)} MiB`
    } catch {
      text = `FAILED (exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`
    }
    line(`${size.toLocaleString('en-US')} attempts`, `${text} (goal ≤ 5 s, ≤ 1 GiB at 1M) — ${load()}`)
  }
}

const arg = process.argv[2]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, dir, cpu] = process.argv.slice(3)
  if (arg !== undefined && mode === 'source' && dir !== undefined) source(Number(arg), dir)
  else if (arg !== undefined)
    await child(Number(arg), dir === undefined || dir === '-' ? null : dir, cpu === undefined || cpu === '-' ? null : Number(cpu))
  else await main()
}
