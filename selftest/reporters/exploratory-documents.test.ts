// An exploratory run (-t, a file filter, a watch/UI re-run) decides nothing (core/model.ts RunScope): every
// document it writes says what the terminal says (reporters/render-gate.ts exploratoryTerminal) — exploration,
// the filter, no release decision — and none poses as a release verdict (no GO title or banner, no "every
// criterion passes", no ticked GO recommendation), in both languages.
import { describe, expect, test } from 'vitest'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { exploratoryTerminal } from '../../reporters/render-gate.ts'
import { modelWith } from './make-model.ts'

const AT = '2026-11-24T10:00:00.000Z'
/** A run every criterion of which passes, against a real target: as a release it would be GO. */
const passing = (locale: 'fr' | 'en', over: Partial<RunModel> = {}): RunModel => {
  const m = modelWith([900, 900, 900], over, { locale })
  return { ...m, target: { ...m.target, embedded: false } }
}
const exploratory = (locale: 'fr' | 'en', filter = '-t /q07/'): RunModel => passing(locale, { scope: 'exploratory', filter })
const release = (locale: 'fr' | 'en'): RunModel => passing(locale)

const WORDS = {
  fr: { banner: 'exploration (-t /q07/) : 3 question(s), aucune décision de mise en production', allPass: 'Tous les critères sont satisfaits.' },
  en: { banner: 'exploratory run (-t /q07/): 3 question(s), no release decision', allPass: 'Every criterion passes.' },
} as const

describe('an exploratory run in every document', () => {
  test('the same model as a release run is GO (the contrast the exploratory tests rely on)', () => {
    const p = produce(release('fr'), AT)
    expect(p.verdict.decision).toBe('GO')
    expect(p.html).toContain('<title>Rapport de validation Harena — GO</title>')
    expect(p.markdown).toMatch(/- \[x\] GO pour production/)
  })

  for (const L of ['fr', 'en'] as const) {
    test(`${L}: the JSON verdictLine names the filter, as the terminal does`, () => {
      const p = produce(exploratory(L), AT)
      expect(p.report.decision).toBeNull()
      expect(p.report.verdictLine).toBe(WORDS[L].banner)
      const terminal = exploratoryTerminal(p.model, p.aggregate, { dir: 'reports/exploratory', release: 'reports' })
      expect(terminal).toContain(`Harena validation: ${WORDS[L].banner}`)
      expect(JSON.parse(p.json).verdictLine).toBe(WORDS[L].banner)
    })

    test(`${L}: the HTML has no GO title, no GO banner, no exit code and no "every criterion passes"`, () => {
      const p = produce(exploratory(L), AT)
      const title = /<title>([^<]*)<\/title>/.exec(p.html)?.[1] ?? ''
      expect(title).toContain(L === 'fr' ? 'exploration (-t /q07/)' : 'exploratory run (-t /q07/)')
      expect(title).not.toMatch(/\b(GO|NO-GO|CONDITIONAL)\b/)
      const banner = /<section class="banner[^"]*" id="verdict"[\s\S]*?<\/section>/.exec(p.html)?.[0] ?? ''
      expect(banner).toContain('class="banner exploratory"')
      expect(banner).toContain(WORDS[L].banner)
      expect(banner).not.toMatch(/data-decision|class="banner go"|>GO<|exit \d/)
      expect(p.html).not.toContain(WORDS[L].allPass)
    })

    test(`${L}: the Markdown ticks no recommendation and names the filter`, () => {
      const p = produce(exploratory(L), AT)
      expect(p.markdown).not.toMatch(/- \[[x ]\] (GO|CONDITIONAL|NO-GO)/)
      const recommendations = p.markdown.split(L === 'fr' ? '## Recommandations' : '## Recommendations')[1]?.split('\n## ')[0] ?? ''
      expect(recommendations).toContain(`- ${WORDS[L].banner}`)
      expect(recommendations).toContain('npx vitest run')
      expect(p.markdown).not.toMatch(/exploration \(\)|exploratory run \(\)/)
      expect(p.markdown).not.toMatch(/code de sortie|exit code/)
    })
  }

  test('a file filter is carried as it is (the Markdown escapes it)', () => {
    const p = produce(exploratory('en', 'files: tests/by-merchant.spec.ts'), AT)
    expect(p.report.verdictLine).toBe('exploratory run (files: tests/by-merchant.spec.ts): 3 question(s), no release decision')
    expect(p.html).toContain('exploratory run (files: tests/by-merchant.spec.ts)')
    expect(p.markdown).toContain('exploratory run (files: tests/by-merchant.spec.ts)')
  })

  test('security probes are not counted as questions, in every output alike', () => {
    const m = exploratory('en')
    const probe = { ...(m.questions[0] as RunModel['questions'][number]), id: 'security.no_token', category: 'security', probe: true }
    const p = produce({ ...m, questions: [...m.questions, probe] }, AT)
    const line = 'exploratory run (-t /q07/): 3 question(s), no release decision'
    expect(p.report.verdictLine).toBe(line)
    expect(exploratoryTerminal(p.model, p.aggregate, { dir: 'd', release: 'r' })).toContain(line)
    expect(p.html).toContain(line)
    expect(p.markdown).toContain(line)
  })
})
