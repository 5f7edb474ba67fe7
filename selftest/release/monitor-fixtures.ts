// What the tests that judge the monitor's windows directly start from, each overriding only what it varies: the
// plan's Phase 2 thresholds as monitor settings (docs/release.md; the defaults of release/settings.ts), and a judged
// attempt that succeeded.
import type { JudgedAttempt } from '../../release/probe.ts'
import type { MonitorSettings } from '../../release/settings.ts'

export function planMonitorSettings(overrides: Partial<MonitorSettings> = {}): MonitorSettings {
  return {
    durationMs: 1_800_000,
    windowMs: 300_000,
    stepMs: 60_000,
    rps: 1,
    maxInFlight: 8,
    statusEveryMs: 5000,
    healthEveryMs: 10_000,
    minSamples: 20,
    confidence: 0.95,
    alertErrorRate: 0.1,
    alertP95Ms: 5000,
    rollbackErrorRate: 0.2,
    rollbackCriticalRate: 0.05,
    rollbackConsecutiveFailures: 3,
    downGraceMs: 5000,
    rollbackCriticalRepeat: 3,
    ...overrides,
  }
}

export function judgedAttempt(over: Partial<JudgedAttempt> = {}): JudgedAttempt {
  return {
    questionId: 'q01',
    category: 'transaction_search_simple',
    startedAt: new Date(0).toISOString(),
    latencyMs: 1200,
    timedOut: false,
    httpStatus: 200,
    ok: true,
    critical: null,
    leak: false,
    fallback: false,
    transport: false,
    noAnswer: false,
    rateLimited: false,
    credentialsRefused: false,
    credentialsLost: null,
    unavailable: null,
    build: null,
    visualizations: ['kpi'],
    reasons: [],
    evidence: null,
    ...over,
  }
}
