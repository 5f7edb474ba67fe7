// Phase 2 settings: the plan's thresholds by default, durations in every documented form, one line per bad
// value (all of them, not only the first), commands never echoed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from '../../core/duration.ts'
import { loadPhaseTwoSettings, SettingsError, VARIABLES } from '../../release/settings.ts'
import { CRITICAL_REPEAT_MIN, criticalRepeatFor, criticalRepeatLine } from '../../release/triggers.ts'
import { mulberry32 } from '../../core/random.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { ROOT } from './harness.ts'

const dir = mkdtempSync(join(tmpdir(), 'release-settings-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const base = { VALIDATION_REPORT_DIR: dir }

function errorsOf(env: Record<string, string>, locale: Locale = 'en'): string[] {
  try {
    loadPhaseTwoSettings({ ...base, ...env }, dir)
  } catch (error) {
    if (error instanceof SettingsError) return error.lines(locale)
    throw error
  }
  return []
}

describe('durations', () => {
  it('accepts 90s, 5m, 2h, 250ms and whole milliseconds', () => {
    expect(parseDuration('90s')).toBe(90_000)
    expect(parseDuration('5m')).toBe(300_000)
    expect(parseDuration('2h')).toBe(7_200_000)
    expect(parseDuration('250ms')).toBe(250)
    expect(parseDuration('1500')).toBe(1500)
    expect(parseDuration(' 5M ')).toBe(300_000)
  })
  it('refuses fractions, negative values, unknown units and words', () => {
    for (const bad of ['1.5m', '-5s', '5d', 'five minutes', '', 'm', '5 m']) expect(parseDuration(bad)).toBeNull()
  })
  it('prints the shortest exact form', () => {
    expect(formatDuration(300_000, { form: 'setting' })).toBe('5m')
    expect(formatDuration(90_000, { form: 'setting' })).toBe('90s')
    expect(formatDuration(1500, { form: 'setting' })).toBe('1500ms')
    expect(formatDuration(7_200_000, { form: 'setting' })).toBe('2h')
  })
})

// Review 2026-12-05: a fixed N = 3 rolled back healthy services with rare random 5xx on long watches (24 h at 2 %:
// about half of them), the chance growing with the asks (≈ asks × pᴺ). N is now derived from the watch.
describe('the repeated-critical rule: N from the watch, unless set', () => {
  const monitor = (env: Record<string, string>) => loadPhaseTwoSettings({ ...base, ...env }, dir).monitor

  it.each([
    ['30m', '1', 1800, 5],
    ['2h', '1', 7200, 5],
    ['24h', '1', 86_400, 6],
    ['8s', '20', 160, 4],
    ['10s', '2', 20, 3],
  ])('a %s watch at %s ask/s plans %i asks: N = %i, a chance rollback at most 1 in 100 at the tolerated rate', (duration, rps, asks, n) => {
    const m = monitor({ MONITOR_DURATION: duration, MONITOR_WINDOW: duration, MONITOR_RPS: rps })
    expect(m.rollbackCriticalRepeat).toBe(n)
    expect(m.criticalRepeatDerived?.plannedAsks).toBe(asks)
    expect(m.criticalRepeatDerived?.chance).toBeLessThanOrEqual(0.01)
  })

  it('N is the least (from 3) with asks × rateᴺ ≤ 1 %, for any watch and tolerated rate', () => {
    const rng = mulberry32(42)
    for (let k = 0; k < 300; k++) {
      const asks = Math.ceil(10 ** (1 + rng() * 6))
      const rate = 0.005 + rng() * 0.3
      const n = criticalRepeatFor(asks, rate)
      expect(asks * rate ** n, `${asks} asks at ${rate}`).toBeLessThanOrEqual(0.01 * (1 + 1e-9))
      if (n > CRITICAL_REPEAT_MIN) expect(asks * rate ** (n - 1), `${asks} asks at ${rate}`).toBeGreaterThan(0.01)
    }
  })

  it('MONITOR_ROLLBACK_CRITICAL_RATE is the rate tolerated: a stricter one needs fewer in a row', () => {
    expect(monitor({ MONITOR_DURATION: '24h', MONITOR_ROLLBACK_CRITICAL_RATE: '0.01' }).rollbackCriticalRepeat).toBe(4)
    expect(monitor({ MONITOR_DURATION: '24h', MONITOR_ROLLBACK_CRITICAL_RATE: '0.10' }).rollbackCriticalRepeat).toBe(7)
  })

  it('an explicit MONITOR_ROLLBACK_CRITICAL_REPEAT wins (1: the plan read literally), and nothing is derived', () => {
    for (const set of ['1', '3', '12']) {
      const m = monitor({ MONITOR_DURATION: '24h', MONITOR_ROLLBACK_CRITICAL_REPEAT: set })
      expect(m.rollbackCriticalRepeat).toBe(Number(set))
      expect(m.criticalRepeatDerived).toBeUndefined()
    }
  })

  it('the N used is said, derived or set', () => {
    expect(say(criticalRepeatLine(monitor({ MONITOR_DURATION: '24h' })), 'en')).toBe(
      'monitor: rollback when one question gets the same critical bug 6 times in a row (derived from 86400 planned asks: at most 0.135% chance of a rollback over the watch at a critical rate of 5.0%; MONITOR_ROLLBACK_CRITICAL_REPEAT sets it)',
    )
    expect(say(criticalRepeatLine(monitor({ MONITOR_ROLLBACK_CRITICAL_REPEAT: '1' })), 'fr')).toBe(
      "surveillance : retour arrière si une question reçoit 1 fois d'affilée le même bug critique (MONITOR_ROLLBACK_CRITICAL_REPEAT)",
    )
  })
})

describe('Phase 2 settings', () => {
  it('defaults are the plan thresholds (T4.7) and a 30 min watch over 5 min windows', () => {
    const s = loadPhaseTwoSettings(base, dir)
    expect(s.monitor).toMatchObject({
      durationMs: 30 * 60_000,
      windowMs: 5 * 60_000,
      stepMs: 60_000,
      alertErrorRate: 0.1,
      alertP95Ms: 5000,
      rollbackErrorRate: 0.2,
      rollbackConsecutiveFailures: 3,
      // Derived from the 1800 asks a 30 min watch at 1 ask/s plans (release/triggers.ts criticalRepeatFor).
      rollbackCriticalRepeat: 5,
      criticalRepeatDerived: { plannedAsks: 1800 },
      minSamples: 20,
      confidence: 0.95,
    })
    expect(s.monitor.rps).toBeLessThan(10) // below nginx's 10 r/s per IP
    expect(s.release).toMatchObject({ gate: true, deployCommand: null, rollbackCommand: null, allowConditional: false, monitor: true })
  })

  it('RELEASE_READY_TIMEOUT: 60s by default, 0 (verify at once) allowed, a wrong value named with its accepted form', () => {
    expect(loadPhaseTwoSettings(base, dir).release.readyTimeoutMs).toBe(60_000)
    expect(loadPhaseTwoSettings({ ...base, RELEASE_READY_TIMEOUT: '0' }, dir).release.readyTimeoutMs).toBe(0)
    expect(loadPhaseTwoSettings({ ...base, RELEASE_READY_TIMEOUT: '2m' }, dir).release.readyTimeoutMs).toBe(120_000)
    expect(errorsOf({ RELEASE_READY_TIMEOUT: 'soon' })).toEqual([
      'RELEASE_READY_TIMEOUT="soon" is invalid (not a duration); expected a duration such as 60s (90s, 5m, 30m or whole milliseconds), from 0 (no wait) to 1h.',
    ])
    expect(errorsOf({ RELEASE_READY_TIMEOUT: '2h' })[0]).toMatch(/^RELEASE_READY_TIMEOUT="2h" is invalid \(above 1h\)/)
    // The examples fit the bounds: a line refusing 2h does not offer 2h (a review, 2026-12-05); so for the other 1h caps.
    expect(errorsOf({ RELEASE_READY_TIMEOUT: '2h' })[0]).not.toMatch(/\b2h\b.*\b2h\b/)
    for (const name of ['RELEASE_READY_TIMEOUT', 'MONITOR_STATUS_EVERY', 'MONITOR_HEALTH_EVERY'])
      expect(errorsOf({ [name]: '2h' })[0], name).toMatch(/is invalid \(above 1h\); expected a duration such as \S+ \((?!.*\b2h\b)[^)]*\)/)
  })

  it('MONITOR_DOWN_GRACE: 5s by default, 0s (at once) allowed, a wrong value named with its accepted form', () => {
    expect(loadPhaseTwoSettings(base, dir).monitor.downGraceMs).toBe(5000)
    expect(loadPhaseTwoSettings({ ...base, MONITOR_DOWN_GRACE: '0s' }, dir).monitor.downGraceMs).toBe(0)
    expect(errorsOf({ MONITOR_DOWN_GRACE: 'soon' })).toEqual([
      'MONITOR_DOWN_GRACE="soon" is invalid (not a duration); expected a duration such as 5s (0s, 5s, 30s or whole milliseconds), from 0s (at once) to 10m, at most MONITOR_DURATION.',
    ])
    expect(errorsOf({ MONITOR_DOWN_GRACE: '1h' })[0]).toMatch(/^MONITOR_DOWN_GRACE="1h" is invalid \(above 10m\)/)
  })

  it('reports every bad value, one line each, naming the variable and the accepted form', () => {
    const lines = errorsOf({ MONITOR_WINDOW: 'five', MONITOR_RPS: '0', MONITOR_ROLLBACK_ERROR_RATE: '20%', RELEASE_ALLOW_CONDITIONAL: 'maybe' })
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^MONITOR_WINDOW="five" is invalid \(not a duration\); expected a duration such as 5m/)
    expect(lines.some((l) => l.startsWith('MONITOR_RPS="0" is invalid'))).toBe(true)
    expect(lines.some((l) => l.startsWith('MONITOR_ROLLBACK_ERROR_RATE="20%" is invalid (not a fraction'))).toBe(true)
    expect(lines.some((l) => l.startsWith('RELEASE_ALLOW_CONDITIONAL="maybe" is invalid'))).toBe(true)
    for (const l of lines) expect(l).not.toContain('\n')
  })

  it('says the same lines in French when the run is French: the variable, the value and the accepted form stay', () => {
    const lines = errorsOf({ MONITOR_WINDOW: 'five', MONITOR_DURATION: '25h' }, 'fr')
    expect(lines).toEqual([
      'MONITOR_DURATION="25h" est invalide (supérieur à 24h) ; attendu : une durée telle que 30m (90s, 5m, 2h ou un nombre entier de millisecondes), de 1s à 24h.',
      'MONITOR_WINDOW="five" est invalide (pas une durée) ; attendu : une durée telle que 5m (90s, 5m, 2h ou un nombre entier de millisecondes), de 1s à 24h.',
    ])
  })

  it("reports the suite's own bad value beside ours", () => {
    const lines = errorsOf({ MONITOR_DURATION: '25h', HARENA_TIMEOUT_MS: 'soon' })
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^MONITOR_DURATION="25h" is invalid \(above 24h\)/)
    expect(lines[1]).toMatch(/^HARENA_TIMEOUT_MS="soon" is invalid/)
  })

  it('never echoes a command (it may carry a secret)', () => {
    expect(errorsOf({ RELEASE_DEPLOY_COMMAND: '', RELEASE_ROLLBACK_COMMAND: '' })).toEqual([]) // empty = unset
    const target = { HARENA_BASE_URL: 'http://127.0.0.1:9', HARENA_AUTH: 'none' }
    const s = loadPhaseTwoSettings({ ...base, ...target, RELEASE_DEPLOY_COMMAND: 'deploy --token=s3cr3t-value' }, dir)
    expect(s.release.deployCommand).toBe('deploy --token=s3cr3t-value')
  })

  it('a whitespace-only command is refused, one line naming the variable (not silently "no command")', () => {
    const target = { HARENA_BASE_URL: 'http://127.0.0.1:9', HARENA_AUTH: 'none' }
    const lines = errorsOf({ ...target, RELEASE_DEPLOY_COMMAND: '   ', RELEASE_ROLLBACK_COMMAND: ' \t' })
    expect(lines).toEqual([
      expect.stringMatching(/^RELEASE_DEPLOY_COMMAND=\(value hidden\) is invalid \(empty\); expected a shell command/),
      expect.stringMatching(/^RELEASE_ROLLBACK_COMMAND=\(value hidden\) is invalid \(empty\); expected a shell command/),
    ])
    expect(errorsOf({ RELEASE_ROLLBACK_COMMAND: ' ' })).toEqual([
      expect.stringMatching(/^RELEASE_ROLLBACK_COMMAND=\(value hidden\) is invalid \(empty\)/),
    ])
  })

  it('a deploy or rollback command without HARENA_BASE_URL is refused: the embedded reference service would stand in for the release', () => {
    const lines = errorsOf({ RELEASE_DEPLOY_COMMAND: 'deploy --token=s3cr3t-value', RELEASE_ROLLBACK_COMMAND: 'rollback' })
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^RELEASE_DEPLOY_COMMAND is set but HARENA_BASE_URL is not: .*embedded reference service/)
    expect(lines[1]).toMatch(/^RELEASE_ROLLBACK_COMMAND is set but HARENA_BASE_URL is not/)
    expect(lines.join(' ')).not.toContain('s3cr3t')
  })

  it('a backup command is hidden like the others, refused without HARENA_BASE_URL, and without a deploy command (it would never run)', () => {
    const target = { HARENA_BASE_URL: 'http://127.0.0.1:9', HARENA_AUTH: 'none' }
    const s = loadPhaseTwoSettings(
      { ...base, ...target, RELEASE_BACKUP_COMMAND: 'backup --password=s3cr3t-value', RELEASE_DEPLOY_COMMAND: 'deploy' },
      dir,
    )
    expect(s.release.backupCommand).toBe('backup --password=s3cr3t-value')
    expect(loadPhaseTwoSettings({ ...base, ...target, RELEASE_DEPLOY_COMMAND: 'deploy' }, dir).release.backupCommand).toBeNull()
    const alone = errorsOf({ ...target, RELEASE_BACKUP_COMMAND: 'backup --password=s3cr3t-value' })
    expect(alone).toEqual([
      expect.stringMatching(/^RELEASE_BACKUP_COMMAND is set but RELEASE_DEPLOY_COMMAND is not: the backup runs only before a deployment/),
    ])
    expect(errorsOf({ ...target, RELEASE_BACKUP_COMMAND: ' ', RELEASE_DEPLOY_COMMAND: 'deploy' })).toEqual([
      expect.stringMatching(/^RELEASE_BACKUP_COMMAND=\(value hidden\) is invalid \(empty\)/),
    ])
    const embedded = errorsOf({ RELEASE_BACKUP_COMMAND: 'backup --password=s3cr3t-value', RELEASE_DEPLOY_COMMAND: 'deploy' })
    expect(embedded[0]).toMatch(/^RELEASE_BACKUP_COMMAND is set but HARENA_BASE_URL is not/)
    expect([...alone, ...embedded].join(' ')).not.toContain('s3cr3t')
  })

  // A review, 2026-12-05: a grace longer than the watch let "service down" wait past its planned end, unsaid.
  it('refuses a MONITOR_DOWN_GRACE longer than MONITOR_DURATION in one line naming both; unset, the grace is 5 s within the watch', () => {
    const lines = errorsOf({ MONITOR_DURATION: '10s', MONITOR_WINDOW: '5s', MONITOR_RPS: '10', MONITOR_DOWN_GRACE: '30s' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^MONITOR_DOWN_GRACE=30s is invalid \(longer than MONITOR_DURATION=10s\)/)
    expect(errorsOf({ MONITOR_DURATION: '10s', MONITOR_WINDOW: '5s', MONITOR_RPS: '10', MONITOR_DOWN_GRACE: '10s' })).toEqual([])
    const grace = (env: Record<string, string>) => loadPhaseTwoSettings({ ...base, ...env }, dir).monitor.downGraceMs
    expect(grace({})).toBe(5000)
    expect(grace({ MONITOR_DURATION: '3s', MONITOR_WINDOW: '3s', MONITOR_RPS: '10' })).toBe(3000)
  })

  it('checks that the window fits the duration, the step fits the window, and alert ≤ rollback', () => {
    expect(errorsOf({ MONITOR_DURATION: '1m', MONITOR_WINDOW: '5m' })[0]).toMatch(/^MONITOR_WINDOW=5m is invalid \(longer than MONITOR_DURATION=1m\)/)
    expect(errorsOf({ MONITOR_WINDOW: '10s', MONITOR_STEP: '20s' })[0]).toMatch(/^MONITOR_STEP=20s is invalid/)
    expect(errorsOf({ MONITOR_WINDOW: '2h', MONITOR_STEP: '1s', MONITOR_DURATION: '2h' })[0]).toMatch(/more than 120 steps/)
    expect(errorsOf({ MONITOR_DURATION: '24h', MONITOR_WINDOW: '10s' })[0]).toMatch(/more than 2000 windows/)
    expect(errorsOf({ MONITOR_ALERT_ERROR_RATE: '0.3' })[0]).toMatch(
      /^MONITOR_ALERT_ERROR_RATE=0.3 is invalid \(above MONITOR_ROLLBACK_ERROR_RATE=0.2\)/,
    )
  })

  it('takes the deployer from RELEASE_DEPLOYER, else the CI actor', () => {
    expect(loadPhaseTwoSettings({ ...base, GITHUB_ACTOR: 'octocat' }, dir).release.deployer).toBe('octocat')
    expect(loadPhaseTwoSettings({ ...base, GITHUB_ACTOR: 'octocat', RELEASE_DEPLOYER: 'alice' }, dir).release.deployer).toBe('alice')
  })

  it('a misspelled MONITOR_* / RELEASE_* variable is refused with the closest name, its value never shown', () => {
    const lines = errorsOf({ MONITOR_ROLBACK_ERROR_RATE: '0.5', RELEASE_DEPLOY_COMAND: 'deploy --token s3cr3t-value' })
    expect(lines).toEqual([
      'MONITOR_ROLBACK_ERROR_RATE is not a known variable — did you mean MONITOR_ROLLBACK_ERROR_RATE?; expected one of the MONITOR_* / RELEASE_* variables documented in docs/release.md.',
      'RELEASE_DEPLOY_COMAND is not a known variable — did you mean RELEASE_DEPLOY_COMMAND?; expected one of the MONITOR_* / RELEASE_* variables documented in docs/release.md.',
    ])
    expect(lines.join(' ')).not.toContain('s3cr3t')
    expect(errorsOf({ MONITOR_SOMETHING_ELSE_ENTIRELY: '1' })[0]).toMatch(/^MONITOR_SOMETHING_ELSE_ENTIRELY is not a known variable; expected/)
  })

  it("the health route defaults to the contract's own; RELEASE_HEALTH_PATH still wins", () => {
    expect(loadPhaseTwoSettings(base, dir).release.healthPath).toBe('api/v1/conversation/health')
    expect(loadPhaseTwoSettings({ ...base, HARENA_API_CONTRACT: 'harena-v3' }, dir).release.healthPath).toBe('api/v3/conversation/health')
    expect(loadPhaseTwoSettings({ ...base, HARENA_API_CONTRACT: 'harena-v3', RELEASE_HEALTH_PATH: '/health' }, dir).release.healthPath).toBe('health')
  })

  it('a URL with credentials in a bad value is shown without them, whatever its shape', () => {
    for (const url of ['http://user:secret/pw@host', 'http://user:secret pw@host:8000', 'http:/user:s3cret@host', 'http://u:s3cret@x@host']) {
      const lines = errorsOf({ RELEASE_GATE_BASE_URL: `${url} nope` })
      expect(lines.join(' ')).toMatch(/RELEASE_GATE_BASE_URL/)
      expect(lines.join(' ')).not.toMatch(/secret|s3cret/)
    }
  })

  it('every variable it accepts is in the settings table of docs/release.md, the page its errors point to', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'release.md'), 'utf8')
    const rows = new Set([...doc.matchAll(/^\| `((?:MONITOR|RELEASE)_[A-Z0-9_]+)` +\|/gm)].map((m) => m[1] ?? ''))
    expect(Object.keys(VARIABLES).filter((name) => !rows.has(name))).toEqual([])
    expect([...rows].filter((name) => !(name in VARIABLES))).toEqual([])
  })

  it('a negative number is named as such, not as "not a number"', () => {
    expect(errorsOf({ MONITOR_RPS: '-1' }).join(' ')).toMatch(/MONITOR_RPS.*must be above 0/)
    expect(errorsOf({ MONITOR_RPS: 'fast' }).join(' ')).toMatch(/MONITOR_RPS.*not a number/)
  })

  it('a window that can never hold MONITOR_MIN_SAMPLES requests at MONITOR_RPS is refused in one line (no rule could ever fire)', () => {
    const lines = errorsOf({ MONITOR_DURATION: '10s', MONITOR_WINDOW: '5s' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^MONITOR_RPS="1" is invalid \(MONITOR_WINDOW=5s at this pace holds only 5 request\(s\), fewer than MONITOR_MIN_SAMPLES=20/,
    )
    expect(lines[0]).toContain('MONITOR_RPS × MONITOR_WINDOW ≥ MONITOR_MIN_SAMPLES: at least 4 r/s')
    expect(errorsOf({ MONITOR_DURATION: '10s', MONITOR_WINDOW: '5s', MONITOR_RPS: '4' })).toEqual([])
    expect(errorsOf({ MONITOR_DURATION: '10s', MONITOR_WINDOW: '5s', MONITOR_MIN_SAMPLES: '5' })).toEqual([])
  })

  it("on harena-v3 the watch stays within nginx's 10 r/s per IP, health checks included, as MONITOR_RPS's line says", () => {
    const v3 = { HARENA_API_CONTRACT: 'harena-v3' }
    expect(errorsOf({ ...v3, MONITOR_RPS: '10' }).join(' ')).toMatch(
      /^MONITOR_RPS="10" is invalid \(with the health checks \(MONITOR_HEALTH_EVERY=10s\), more than nginx's 10 r\/s.*expected at most 9\.9\.$/,
    )
    expect(errorsOf({ ...v3, MONITOR_RPS: '9.9' })).toEqual([])
    expect(errorsOf({ MONITOR_RPS: '12' })).toEqual([]) // no limiter in front of harena-v2
    expect(errorsOf({ MONITOR_RPS: '51' }).join(' ')).toMatch(
      /MONITOR_RPS="51" is invalid \(above 50\); expected requests per second above 0 and at most 50, e\.g\. 1; on harena-v3 \(behind nginx, 10 r\/s per IP\) at most 10 r\/s with the health checks/,
    )
  })
})
