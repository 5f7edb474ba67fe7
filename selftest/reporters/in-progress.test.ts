// The in-progress set (reporters/in-progress.ts) written when a release run starts: the earlier run's page is
// replaced by a small validation-report.html that says the run is in progress — in the run's language, with the run
// id, its start and the target's safe URL, no script, and no decision of any kind (reporters/render-in-progress.ts).
// Someone with the earlier page open who reloads it reads that instead of a file-not-found, and never the old GO.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { LOCALES, type Locale } from '../../core/locale/index.ts'
import { REPORT_FILES } from '../../core/report-files.ts'
import { type InProgress, writeInProgress } from '../../reporters/in-progress.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const RUN_ID = '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f'
const STARTED = '2026-11-24T10:00:00.000Z'
const SECRET = 's3cr3t-pa55'

function run(locale: Locale, over: Partial<InProgress['target']> = {}): InProgress {
  return {
    runId: RUN_ID,
    startedAt: STARTED,
    locale,
    target: { baseUrl: `https://ops:${SECRET}@harena.example.test/api?token=${SECRET}#${SECRET}`, contract: 'harena-v3', embedded: false, ...over },
    criterionIds: ['C1', 'C2', 'C3', 'C4', 'C5'],
  }
}

/** A report directory holding an earlier run's documents, its page a GO. */
function dirWithEarlierGo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'in-progress-'))
  dirs.push(dir)
  for (const name of Object.values(REPORT_FILES)) writeFileSync(join(dir, name), 'earlier run: GO')
  writeFileSync(join(dir, REPORT_FILES.html), '<!doctype html><title>Harena validation report — GO</title><p class="decision">GO</p>')
  return dir
}

const IN_PROGRESS: Record<Locale, { banner: string; title: string; why: string; reload: string; meta: string }> = {
  fr: {
    banner: '<span class="decision">EN COURS</span>',
    title: '<title>Rapport de validation Harena — exécution en cours</title>',
    why: 'validation en cours (ou arrêtée avant d&#39;écrire son verdict) : aucune décision',
    reload: 'Rechargez cette page quand l’exécution sera terminée',
    meta: `campagne ${RUN_ID} · démarrée le ${STARTED} · cible : https://harena.example.test/api (harena-v3)`,
  },
  en: {
    banner: '<span class="decision">IN PROGRESS</span>',
    title: '<title>Harena validation report — run in progress</title>',
    why: 'validation in progress (or stopped before writing its verdict): no decision',
    reload: 'Reload this page when the run has ended',
    meta: `run ${RUN_ID} · started ${STARTED} · target: https://harena.example.test/api (harena-v3)`,
  },
}

describe('validation-report.html while a run is in progress', () => {
  for (const locale of LOCALES)
    test(`${locale}: the earlier page is replaced by one that says the run is in progress, and decides nothing`, () => {
      const dir = dirWithEarlierGo()
      writeInProgress(dir, run(locale))
      const path = join(dir, REPORT_FILES.html)
      expect(existsSync(path)).toBe(true)
      const page = readFileSync(path, 'utf8')
      expect(page).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}">`))
      const words = IN_PROGRESS[locale]
      for (const text of Object.values(words)) expect(page).toContain(text)
      expect(page).toContain('data-state="running"')
      // No verdict: no decision word anywhere on the page (the style sheet's lower-case class names are not words).
      expect(page).not.toMatch(/\b(GO|NO-GO|CONDITIONAL)\b/)
      expect(page).not.toContain('data-decision')
      // The run's page shell: its CSP, no script, no secret of the target's URL.
      expect(page).toContain(`content="default-src 'none';`)
      expect(page).not.toMatch(/<script/i)
      expect(page).not.toContain(SECRET)
      expect(page).not.toContain('ops:')
      // The rest of the in-progress set is written beside it, as before.
      expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8'))).toMatchObject({
        decision: null,
        run: { state: 'running', runId: RUN_ID },
      })
      expect(existsSync(join(dir, REPORT_FILES.comparison))).toBe(false)
    })

  test('the embedded reference service is named in the page’s language, not by a URL', () => {
    for (const [locale, name] of [
      ['fr', 'service de référence embarqué'],
      ['en', 'embedded reference service'],
    ] as const) {
      const dir = dirWithEarlierGo()
      writeInProgress(dir, run(locale, { baseUrl: 'embedded reference service', embedded: true }))
      expect(readFileSync(join(dir, REPORT_FILES.html), 'utf8')).toContain(`${locale === 'fr' ? 'cible : ' : 'target: '}${name} (harena-v3)`)
    }
  })
})

/** Whether a file of dir is the earlier run's (its seed text or its GO page) — anything else this run wrote. */
function earlierOrNew(dir: string): { earlier: string[]; fresh: string[] } {
  const earlier: string[] = []
  const fresh: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (!statSync(path).isFile()) continue
    const text = readFileSync(path, 'utf8')
    ;(text.includes('earlier run') || text.includes('GO</p>') ? earlier : fresh).push(name)
  }
  return { earlier: earlier.sort(), fresh: fresh.sort() }
}

// A run killed while it writes this set (SIGKILL, a CI timeout) stops it between two of its steps. A step made to
// fail stands for that kill, at each step in turn: a report file's name taken by a directory stops the set where that
// name is handled; a run whose junit suite cannot be built stops it among the writes. The review found, killed
// between junit.xml and the JSON, the earlier GO in validation-report.json and .md beside this run's junit.xml.
describe('the in-progress set stopped at any step', () => {
  test.each(Object.values(REPORT_FILES))('%s taken by a directory: the earlier GO is never left beside this run’s files', (name) => {
    const dir = dirWithEarlierGo()
    rmSync(join(dir, name))
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, 'keep'), 'not ours')
    expect(() => writeInProgress(dir, run('en'))).toThrow()
    const { earlier, fresh } = earlierOrNew(dir)
    expect(fresh.length === 0 || earlier.length === 0, `earlier: ${earlier.join(', ')} · this run's: ${fresh.join(', ')}`).toBe(true)
  })

  test('stopped among the writes (the junit suite cannot be built): this run’s verdict documents, none of the earlier run', () => {
    const dir = dirWithEarlierGo()
    const broken = {
      ...run('en'),
      get criterionIds(): string[] {
        throw new Error('no criteria')
      },
    }
    expect(() => writeInProgress(dir, broken)).toThrow('no criteria')
    expect(earlierOrNew(dir)).toEqual({ earlier: [], fresh: [REPORT_FILES.html, REPORT_FILES.json, REPORT_FILES.md].sort() })
  })
})
