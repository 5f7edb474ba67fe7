// `npm run schemas`: writes fixtures/ground-truth.schema.json from the zod schema (a self test fails when stale).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { GroundTruth } from '../../../core/ground-truth.ts'

export const GROUND_TRUTH_SCHEMA_PATH = fileURLToPath(new URL('../../../fixtures/ground-truth.schema.json', import.meta.url))

/** The JSON Schema text, as written to disk (io "input": `tolerance` has a default, so it is optional). */
export function groundTruthSchemaText(): string {
  const schema = z.toJSONSchema(GroundTruth, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>
  return `${JSON.stringify({ ...schema, $id: 'https://harena.test/schemas/ground-truth.json', title: 'Harena validation ground truth' }, null, 2)}\n`
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GROUND_TRUTH_SCHEMA_PATH, groundTruthSchemaText())
  process.stdout.write(`wrote ${GROUND_TRUTH_SCHEMA_PATH}\n`)
}
