// Regenerates fixtures/questions.schema.json (editor completion/validation for question files, docs/suite-rules.md §3) from
// the zod schema in questions.ts: `npx tsx tests/support/write-questions-schema.ts`. A self test regenerates it in
// memory and fails when the committed file is stale.
import { renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { QuestionSet } from '../../core/questions.ts'

export const QUESTIONS_SCHEMA_FILE = fileURLToPath(new URL('../../fixtures/questions.schema.json', import.meta.url))

/** The JSON Schema text, as written to disk. io "input": fields with defaults (edgeCase, maxSlices…) are optional. */
export function questionsSchemaText(): string {
  const schema = z.toJSONSchema(QuestionSet, { io: 'input' }) as Record<string, unknown>
  // Refinements (unique ids) have no JSON Schema form; loadQuestions still enforces them.
  const withTitle = {
    $schema: schema['$schema'],
    title: 'Harena validation question set',
    description: 'Generated from core/questions.ts by tests/support/write-questions-schema.ts; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  }
  return `${JSON.stringify(withTitle, null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const temp = `${QUESTIONS_SCHEMA_FILE}.${process.pid}.tmp`
  writeFileSync(temp, questionsSchemaText())
  renameSync(temp, QUESTIONS_SCHEMA_FILE)
  process.stdout.write(`wrote ${QUESTIONS_SCHEMA_FILE}\n`)
}
