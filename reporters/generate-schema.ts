// Regenerates reporters/validation-report.schema.json from the zod schema: `npx tsx reporters/generate-schema.ts`.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { reportJsonSchema } from './report-schema.ts'

export const SCHEMA_FILE = fileURLToPath(new URL('./validation-report.schema.json', import.meta.url))

export function schemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText())
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`)
}
