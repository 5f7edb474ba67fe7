// The plan's Phase 2 thresholds as monitor settings (docs/release.md; the defaults of release/settings.ts): the
// starting point of the tests that judge windows directly, each overriding only what it varies.
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
    ...overrides,
  }
}
