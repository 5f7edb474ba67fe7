// The run's own sentences follow VALIDATION_LOCALE: configuration errors (core/locale/config.ts), the lines the
// suite prints while it runs and the harness errors the reporter records (core/locale/run.ts). Each code has a French
// and an English sentence and the French one reads French; every variable's line names it and its accepted form in
// the run's language; the language of a configuration error is VALIDATION_LOCALE's, English only when that
// variable is itself the bad value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ConfigurationError, configurationErrorText } from '../../core/configuration-error.ts'
import { loadGroundTruth } from '../../core/ground-truth.ts'
import { loadQuestions } from '../../core/questions.ts'
import { ACCEPTED_VARIABLES, CONFIG_CATALOGUE } from '../../core/locale/config.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/grounding.ts'
import { RUN_CATALOGUE } from '../../core/locale/run.ts'
import { reason } from '../../core/reason.ts'
import { configurationLocale, loadSettings, SETTING_VARIABLES } from '../../core/settings.ts'
import { VARIABLES as PHASE_TWO_VARIABLES } from '../../release/settings.ts'

const dir = mkdtempSync(join(tmpdir(), 'run-locale-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Parameters every sentence can be said with; nested codes name real ones. */
const SAMPLE = {
  variable: 'VALIDATION_ITERATIONS',
  value: '"x"',
  problem: 'config.problem.below',
  bound: 1,
  why: 'baseline.mismatch.contract',
  cause: 'run.stop.silent',
  url: 'http://127.0.0.1:9',
  user: 'demo@harena.test',
  error: 'ECONNREFUSED',
  status: 401,
  timeouts: 3,
  requests: 7,
  variables: ['HARENA_API_TOKEN'],
  values: ['fr', 'en'],
  shards: '1/2',
  contract: 'harena-v2',
  decision: 'NO-GO',
}
// English words a French sentence must not show, once identifiers, variable names and accepted literals are set aside.
const ENGLISH =
  /\b(the|of|and|is|are|not|with|from|would|this|that|than|or|to|by|its|failed|run|stopped|expected|answer|request|found|missing|invalid|below|above)\b/i
const IDENTIFIERS = /[A-Z][A-Z0-9]*_[A-Z0-9_*]+(=\S*)?|`[^`]*`|"[^"]*"|\b(true|false|yes|no|on|off|none|auto|fr|en)\b|--[a-z-]+(=\S*)?/g

describe('the catalogues of the run itself', () => {
  const codes = [...Object.keys(CONFIG_CATALOGUE), ...Object.keys(RUN_CATALOGUE)]
  test.each(codes)('%s: a French and an English sentence, the French one French', (code) => {
    const fr = say(reason(code, SAMPLE), 'fr')
    const en = say(reason(code, SAMPLE), 'en')
    for (const text of [fr, en]) {
      expect(text.trim(), code).not.toBe('')
      expect(text).not.toMatch(/undefined|NaN|\[object/)
      expect(text).not.toContain(code)
    }
    expect(fr.replace(IDENTIFIERS, ' '), fr).not.toMatch(ENGLISH)
  })

  test('every variable the suite and Phase 2 read has its accepted form in both languages', () => {
    const read = [...SETTING_VARIABLES, ...Object.keys(PHASE_TWO_VARIABLES)]
    expect(read.length).toBeGreaterThan(50)
    expect(read.filter((v) => !ACCEPTED_VARIABLES.includes(v))).toEqual([])
  })
})

describe('a bad value: one line naming the variable and its accepted form, in the run’s language', () => {
  const bad: Record<string, string> = {
    HARENA_BASE_URL: 'ftp://x',
    HARENA_API_CONTRACT: 'harena-v9',
    HARENA_USER_ID: '0',
    HARENA_TIMEOUT_MS: 'soon',
    VALIDATION_ITERATIONS: '0',
    VALIDATION_WARMUP: 'per-question',
    VALIDATION_CONCURRENCY: '0',
    VALIDATION_LOCALE: 'de',
    VALIDATION_MIN_SUCCESS_RATE: '95%',
    VALIDATION_STRICT: 'maybe',
    VALIDATION_MAX_RPS: 'fast',
    VALIDATION_MAX_REGRESSION: '-1',
    VALIDATION_BASELINE: '/nonexistent/validation-report.json',
  }
  const errorOf = (name: string, value: string): ConfigurationError => {
    try {
      loadSettings({ VALIDATION_REPORT_DIR: dir, [name]: value }, dir)
    } catch (error) {
      if (error instanceof ConfigurationError) return error
      throw error
    }
    throw new Error(`${name}=${value} was accepted`)
  }
  test.each(Object.entries(bad))('%s', (name, value) => {
    const e = errorOf(name, value)
    expect(e.variable).toBe(name)
    for (const L of ['fr', 'en'] as const) {
      const line = configurationErrorText(e.reason, L)
      expect(line).toContain(name)
      expect(line).toContain(say(reason(`config.accepted.${name}`, e.reason.params), L))
    }
    expect(configurationErrorText(e.reason, 'fr')).toMatch(/^erreur de configuration : .* est invalide \(.*\) ; attendu : /)
    // The English line is the error's message, as before: tools and people reading it see the same sentence.
    expect(configurationErrorText(e.reason, 'en')).toBe(`configuration error: ${e.message}`)
  })

  test('the language: VALIDATION_LOCALE when valid, the default (French) when unset, English when it is the bad value', () => {
    const cases: Array<[Record<string, string | undefined>, Locale]> = [
      [{}, 'fr'],
      [{ VALIDATION_LOCALE: '  ' }, 'fr'],
      [{ VALIDATION_LOCALE: 'en' }, 'en'],
      [{ VALIDATION_LOCALE: 'fr' }, 'fr'],
      [{ VALIDATION_LOCALE: 'de' }, 'en'],
      [{ VALIDATION_LOCALE: 'EN' }, 'en'], // any letter case (review 2026-12-05)
      [{ VALIDATION_LOCALE: 'FR' }, 'fr'],
    ]
    for (const [env, locale] of cases) expect(configurationLocale(env), JSON.stringify(env)).toBe(locale)
  })
})

describe("a question or ground-truth file that is not one: one line, the schema's problem in the run's language", () => {
  const errorOf = (load: () => unknown): ConfigurationError => {
    try {
      load()
    } catch (error) {
      if (error instanceof ConfigurationError) return error
      throw error
    }
    throw new Error('the file was accepted')
  }
  const file = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  test("a duplicate id (the schema's own message) and a wrong type (zod's message, in French by its fr locale)", () => {
    const q = { category: 'x', message: 'm', expectedIntent: null, expectsData: null }
    const questions = file(
      'q.json',
      JSON.stringify({
        questions: [
          { id: 'a', ...q },
          { id: 'a', ...q },
        ],
      }),
    )
    const dup = errorOf(() => loadQuestions(questions))
    expect(configurationErrorText(dup.reason, 'fr')).toBe(
      `erreur de configuration : VALIDATION_QUESTIONS : ${questions} est invalide en .questions[1].id : identifiant en double a ; attendu : le format de fixtures/questions.schema.json`,
    )
    expect(configurationErrorText(dup.reason, 'en')).toBe(
      `configuration error: VALIDATION_QUESTIONS: ${questions} is invalid at .questions[1].id: duplicate id a; expected the format of fixtures/questions.schema.json`,
    )
    const truth = file('gt.json', JSON.stringify({ questions: { q1: { total: 'x' } } }))
    const wrong = errorOf(() => loadGroundTruth(truth))
    expect(configurationErrorText(wrong.reason, 'fr')).toBe(
      `erreur de configuration : VALIDATION_GROUND_TRUTH : ${truth} est invalide en .questions.q1.total : Entrée invalide : nombre attendu, chaîne de caractères reçu ; attendu : le format de fixtures/ground-truth.schema.json`,
    )
  })

  test('not JSON: still one line, though the parser quotes a file that starts with a newline', () => {
    const truth = file('not-json.json', 'v\nm\n')
    const line = configurationErrorText(errorOf(() => loadGroundTruth(truth)).reason, 'fr')
    expect(line).toMatch(new RegExp(`^erreur de configuration : VALIDATION_GROUND_TRUTH : ${truth} n'est pas du JSON valide \\(`))
    expect(line).not.toContain('\n')
  })
})

describe('a security probe names its request and why it was not judged in the run’s language', () => {
  const sent = { method: 'GET', path: 'api/v1/conversation/conversation/3/turns', via: 'token', user: 1, message: null, conversation: 3 }
  test('the request and the cause, in French; the English the JSON keeps, word for word', () => {
    const r = reason('security.turns_not_judged', { ...sent, offset: 50, why: 'list_paging' })
    expect(say(r, 'fr')).toBe(
      "Sonde non jugée : GET /api/v1/conversation/conversation/3/turns (jeton de l'utilisateur 1, conversation 3 hors de sa liste) a renvoyé des données, mais sa liste de conversations n'est pas lisible en entier (aucune nouvelle conversation à l'offset 50, pagination ignorée) : la conversation 3 est peut-être la sienne",
    )
    expect(say(r, 'en')).toBe(
      "probe not judged: GET /api/v1/conversation/conversation/3/turns (token of user 1, conversation 3 not in its list) answered with data, but the user's own conversation list could not be read whole (no new conversation at offset 50 (paging not honoured)): conversation 3 may be its own",
    )
    const none = { method: 'POST', path: 'api/v1/conversation/1', via: 'no_auth', user: null, message: null, conversation: null }
    expect(say(reason('security.request', none), 'fr')).toBe('POST /api/v1/conversation/1 (sans en-tête Authorization)')
    expect(say(reason('security.not_applicable', { probe: 'other_user_path', why: 'no_credentials' }), 'fr')).toBe(
      'Sonde other_user_path non applicable : aucun identifiant',
    )
  })
})
