// The question set's editor schema is generated from the zod schema and must not drift; a malformed question
// file is rejected with the path of the bad field (real files in a temp dir).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { loadQuestions, QuestionsError } from '../../../core/questions.ts'
import { QUESTIONS_SCHEMA_FILE, questionsSchemaText } from '../../../tests/support/write-questions-schema.ts'

const dir = mkdtempSync(join(tmpdir(), 'harena-questions-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fileWith(content: unknown): string {
  const path = join(dir, `q-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const good = {
  id: 'z1',
  category: 'by_merchant',
  message: 'Mes dépenses chez Lidl',
  expectedIntent: 'transaction_search.by_merchant',
  expectsData: true,
}

describe('fixtures/questions.schema.json', () => {
  test('is up to date with the zod schema (run: npx tsx tests/support/write-questions-schema.ts)', () => {
    expect(readFileSync(QUESTIONS_SCHEMA_FILE, 'utf8')).toBe(questionsSchemaText())
  })

  test('describes the fields an editor needs (strict objects, the expectation kinds)', () => {
    const schema = JSON.parse(questionsSchemaText()) as {
      properties: { questions: { items: { additionalProperties: boolean; properties: Record<string, unknown>; required: string[] } } }
    }
    const item = schema.properties.questions.items
    expect(item.additionalProperties).toBe(false)
    expect(item.required).toEqual(expect.arrayContaining(['id', 'category', 'message', 'expectedIntent', 'expectsData']))
    expect(item.required).not.toContain('edgeCase')
    const kinds = JSON.stringify(item.properties['expectations'])
    for (const k of ['kpi_cards', 'pie', 'bar', 'line', 'chart_any', 'insight', 'change_percent', 'clarification_or_fallback'])
      expect(kinds).toContain(`"${k}"`)
  })
})

describe('loadQuestions', () => {
  test('the default question set loads: 15 plan questions', () => {
    const questions = loadQuestions(join(import.meta.dirname, '../../../fixtures/questions.json'))
    expect(questions.map((q) => q.id)).toEqual(Array.from({ length: 15 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`))
    expect(questions.find((q) => q.id === 'q06')?.expectations).toContainEqual({
      kind: 'pie',
      maxSlices: 6,
      othersLabel: 'Autres',
      sumsToTotal: true,
    })
  })

  test('a bad expectation names its path', () => {
    const path = fileWith({ questions: [good, { ...good, id: 'z2', expectations: [{ kind: 'pie', maxSlices: 'six' }] }] })
    expect(() => loadQuestions(path)).toThrow(QuestionsError)
    expect(() => loadQuestions(path)).toThrow(/is invalid at \.questions\[1\]\.expectations\[0\]\.maxSlices: /)
  })

  test('an unknown kind, an unknown field, a missing field and a duplicate id are each located', () => {
    expect(() => loadQuestions(fileWith({ questions: [{ ...good, expectations: [{ kind: 'radar' }] }] }))).toThrow(
      /\.questions\[0\]\.expectations\[0\]\.kind/,
    )
    expect(() => loadQuestions(fileWith({ questions: [{ ...good, expectedIntnet: 'x' }] }))).toThrow(/\.questions\[0\]: .*expectedIntnet/)
    const { expectsData: _, ...missing } = good
    expect(() => loadQuestions(fileWith({ questions: [missing] }))).toThrow(/\.questions\[0\]\.expectsData/)
    expect(() => loadQuestions(fileWith({ questions: [good, good] }))).toThrow(/\.questions\[1\]\.id: duplicate id z1/)
  })

  test("an empty set or an array alone: said in words, with the format expected (not zod's own text)", () => {
    expect(() => loadQuestions(fileWith({ questions: [] }))).toThrow(
      /is invalid at \.questions: no question \(at least one is needed\); expected the format of fixtures\/questions\.schema\.json/,
    )
    expect(() => loadQuestions(fileWith([]))).toThrow(/is invalid at \(root\): .*; expected the format of fixtures\/questions\.schema\.json/)
  })

  test('not JSON and a missing file are reported with the file name', () => {
    const bad = fileWith('{ "questions": [')
    expect(() => loadQuestions(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`))
    expect(() => loadQuestions(join(dir, 'absent.json'))).toThrow(/cannot read .*absent\.json \(ENOENT\)/)
  })
})
