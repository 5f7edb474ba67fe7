// Whatever fails while a release run starts, the earlier run's verdict never survives it (reporters/validation-reporter.ts
// replaceEarlierReport): the in-progress set replaces it; if that set cannot be written, the earlier documents are
// removed and the run goes on; if they cannot be removed either, the run stops before any request (one line, exit 1).
// Real failures on a real directory, provoked two ways: a criterion the in-progress set cannot build, and a report
// file's name taken by a directory. (The whole gate, as a child process: selftest/e2e/earlier-verdict.test.ts.)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { configurationErrorOf, configurationErrorText } from '../../core/configuration-error.ts'
import type { Reason } from '../../core/reason.ts'
import { EVIDENCE_FOLDER, REPORT_FILES } from '../../core/report-files.ts'
import { loadSettings, type Settings } from '../../core/settings.ts'
import type { TestSpecification } from 'vitest/node'
import ValidationReporter, { VALIDATION_PROJECT } from '../../reporters/validation-reporter.ts'

const roots: string[] = []
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})
// The configuration-error mark is process-wide (core/configuration-error.ts): cleared between tests.
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('harena-validation.configuration-error')]
})

const EARLIER_GO = `${JSON.stringify({ schemaVersion: 2, decision: 'GO', run: { state: 'finished' } })}\n`

/** A report directory holding yesterday's GO in every document, and the settings that write there. */
function earlierGo(): { dir: string; settings: Settings } {
  const root = mkdtempSync(join(tmpdir(), 'harena-earlier-'))
  roots.push(root)
  const settings = loadSettings({ VALIDATION_REPORT_DIR: 'reports' }, root)
  mkdirSync(settings.reportDir, { recursive: true })
  for (const name of Object.values(REPORT_FILES))
    writeFileSync(join(settings.reportDir, name), name === REPORT_FILES.json ? EARLIER_GO : 'earlier run: GO')
  mkdirSync(join(settings.reportDir, EVIDENCE_FOLDER))
  writeFileSync(join(settings.reportDir, EVIDENCE_FOLDER, 'q01-0.json'), EARLIER_GO)
  return { dir: settings.reportDir, settings }
}

/** One question file of the validation project, as Vitest queues it (a run with none leaves the report alone). */
const questionFile = { project: { name: VALIDATION_PROJECT }, moduleId: '/project/tests/by-merchant.spec.ts' } as unknown as TestSpecification

/** The reporter as the suite builds it, its exit recorded instead of ending this process. */
function reporter(settings: Settings): { start: () => void; exits: number[] } {
  const exits: number[] = []
  const r = new ValidationReporter({ settings, handleSignals: false, out: () => undefined, exit: (code) => exits.push(code) })
  return { start: () => r.onTestRunStart([questionFile]), exits }
}

const documents = (dir: string) => readdirSync(dir).filter((n) => n !== 'exploratory')

describe('the earlier verdict never survives the start of a release run', () => {
  test('normal start: every earlier document is replaced or removed, the JSON says running', () => {
    const { dir, settings } = earlierGo()
    const r = reporter(settings)
    r.start()
    expect(r.exits).toEqual([])
    const json = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as { decision: unknown; run: { state: string } }
    expect(json).toMatchObject({ decision: null, run: { state: 'running' } })
    for (const name of documents(dir)) expect(readFileSync(join(dir, name), 'utf8'), name).not.toMatch(/earlier run|"GO"/)
  })

  test.each([
    ['a success-rate threshold no expression can carry', { minSuccessRate: Number.NaN }],
    ['a P95 threshold no expression can carry', { p95GoMs: Number.POSITIVE_INFINITY }],
    ['a TTFC threshold no expression can carry (streaming)', { stream: true, ttfcNoGoMs: Number.NaN }],
  ])('the in-progress set cannot be built (%s): the earlier documents are removed, the run goes on', (_, over) => {
    const { dir, settings } = earlierGo()
    const r = reporter({ ...settings, ...over })
    r.start()
    expect(r.exits).toEqual([])
    expect(documents(dir)).toEqual([])
    expect(configurationErrorOf()).toBeNull()
  })

  test.each([...Object.values(REPORT_FILES)])(
    '%s is a directory (the in-progress set cannot be written, nor that name removed): stop before any request, exit 1',
    (name) => {
      const { dir, settings } = earlierGo()
      rmSync(join(dir, name))
      mkdirSync(join(dir, name))
      writeFileSync(join(dir, name, 'keep'), 'not ours')
      const r = reporter(settings)
      r.start()
      expect(r.exits).toEqual([1])
      const why = configurationErrorOf()
      expect(why?.code).toBe('config.report_dir.unreplaceable')
      expect(configurationErrorText(why as Reason, 'en')).toMatch(
        new RegExp(`^configuration error: VALIDATION_REPORT_DIR=.* cannot take this run's report .*${name.replace('.', '\\.')} \\(`),
      )
      expect(configurationErrorText(why as Reason, 'fr')).toMatch(/^erreur de configuration : VALIDATION_REPORT_DIR=.* ne peut pas recevoir/)
      // What could go went: no earlier GO is left beside the directory in the way.
      for (const other of documents(dir).filter((n) => n !== name))
        expect(readFileSync(join(dir, other), 'utf8'), other).not.toMatch(/earlier run|"GO"/)
      expect(existsSync(join(dir, name, 'keep'))).toBe(true)
    },
  )
})
