// Versions that name no build. Harena's health routes report a version written in their code, the same on every
// build (the v2 route "2.0", the standalone /health "2.0.0", the v3 routes "3.0.0"; the reference service copies
// them, fixtures/reference/health.ts). Compared with an expected version, such a value rolled back healthy
// deployments ("expected 2.1.4, reports 2.0"), and compared with the version a rollback must bring back it proved
// nothing. A check of such a version says it cannot judge (a warning), never passes nor fails on it.
const FIXED_BY_ROUTE: Record<string, readonly string[]> = {
  'api/v1/conversation/health': ['2.0'],
  'api/v1/conversation/status': ['2.0'],
  health: ['2.0.0', '3.0.0'],
  'api/v3/conversation/health': ['3.0.0'],
  'api/v3/conversation/status': ['3.0.0'],
}

/** Whether `version`, read from the health route `healthPath`, can tell one build from another. */
export function identifiesBuild(healthPath: string, version: string): boolean {
  const route = healthPath.replace(/^\/+/, '').replace(/[?#].*$/, '')
  return !(FIXED_BY_ROUTE[route] ?? []).some((fixed) => sameVersion(fixed, version))
}

/**
 * A version as the build it names: a tag's "v" prefix ("v2.1.4", "V2.1.4") and surrounding blanks dropped, as semver
 * tools and image tags read it. A RELEASE_EXPECTED_VERSION of "2.1.4" against a service saying "v2.1.4" is the same
 * build, not an unexpected version; nothing else is loosened ("2.1.4+b7" and "2.1.4" stay two builds).
 */
const canonicalVersion = (version: string): string => version.trim().replace(/^[vV](?=\d)/, '')

/** Whether two versions name the same build (canonicalVersion). */
export function sameVersion(a: string, b: string): boolean {
  return canonicalVersion(a) === canonicalVersion(b)
}
