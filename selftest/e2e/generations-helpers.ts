// Shared by the generation proofs: a reference server speaking one Harena generation (with fault rules), and
// question banks that keep the plan's per-contract sections (fixtures/questions.json `contracts`).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import type { FaultRule } from '../../fixtures/reference/faults.ts'
import type { ReferenceContract } from '../../fixtures/reference/generations/index.ts'
import { ROOT, tempDir, type ValidationReport } from './harness.ts'
import { REFERENCE_NOW, tokenFor, type Reference } from './target.ts'

/** Starts references for one test file; all are closed after its tests. */
export function generationTargets(): (contract: ReferenceContract, faults?: FaultRule[], streamChunkMs?: number) => Promise<Reference> {
  const started: Reference[] = []
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()))
  })
  return async (contract, faults = [], streamChunkMs = 1) => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faults, faultSeed: 7, contract, streamChunkMs })
    started.push(ref)
    return ref
  }
}

/** A bank of plan questions by id, with the plan's set-level `contracts` defaults. */
export function writeGenerationBank(...ids: string[]): string {
  const plan = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'questions.json'), 'utf8')) as {
    contracts: unknown
    questions: Array<{ id: string }>
  }
  const questions = ids.map((id) => {
    const q = plan.questions.find((x) => x.id === id)
    if (!q) throw new Error(`no plan question ${id}`)
    return q
  })
  const path = join(tempDir('gen-bank'), 'questions.json')
  writeFileSync(path, JSON.stringify({ contracts: plan.contracts, questions }, null, 2))
  return path
}

/** Env of a run against `ref` in a generation, one measured attempt per question, no warm-up. */
export function generationEnv(ref: Reference, contract: ReferenceContract, bank: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HARENA_BASE_URL: ref.url,
    HARENA_API_TOKEN: tokenFor(1),
    HARENA_USER_ID: '1',
    HARENA_API_CONTRACT: contract,
    HARENA_TIMEOUT_MS: '8000',
    VALIDATION_ITERATIONS: '1',
    VALIDATION_WARMUP: '0',
    VALIDATION_QUESTIONS: bank,
    ...extra,
  }
}

export function criterionOf(report: ValidationReport, id: string) {
  const c = report.criteria.find((x) => x.id === id)
  if (!c) throw new Error(`criterion ${id} missing from the report (has ${report.criteria.map((x) => x.id).join(', ')})`)
  return c
}

/** The paths the reference saw, without the query string. */
export function pathsSeen(ref: Reference): string[] {
  return ref.stats().requests.map((r) => r.path.split('?')[0] ?? r.path)
}
