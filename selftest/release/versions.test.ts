// The one comparison of versions (release/versions.ts sameVersion), read by verify, the rollback's verify and the
// monitor's expected-version check (release/verify.ts versionFindings).
import { describe, expect, test } from 'vitest'
import { versionFindings } from '../../release/verify.ts'
import { identifiesBuild, sameVersion } from '../../release/versions.ts'

describe('sameVersion', () => {
  test.for([
    ['2.1.4', 'v2.1.4'],
    ['V2.1.4', '2.1.4'],
    [' 2.1.4\n', 'v2.1.4'],
    ['2.1.4-rc.1', 'v2.1.4-rc.1'],
  ])('%s and %s name one build', ([a, b]) => {
    expect(sameVersion(a as string, b as string)).toBe(true)
  })
  test.for([
    ['2.1.4', '2.1.5'],
    ['2.1.4', '2.1.4+b7'],
    ['2.1.4', 'vv2.1.4'],
    ['version2', 'ersion2'],
    ['v', ''],
  ])('%s and %s are two builds', ([a, b]) => {
    expect(sameVersion(a as string, b as string)).toBe(false)
  })
})

describe('versionFindings reads a "v" prefix as the same build', () => {
  const path = '/api/v3/health-build'
  test('expected 2.1.4, the service says v2.1.4: passes', () => {
    expect(versionFindings(path, 'v2.1.4', { expected: '2.1.4' })).toBeNull()
  })
  test('expected v2.1.4, the service says 2.1.5: a mismatch naming both as written', () => {
    const found = versionFindings(path, '2.1.5', { expected: 'v2.1.4' })
    expect(found?.warning).toBe(false)
    expect(found?.reason.code).toBe('verify.version.mismatch')
    expect(found?.reason.params).toMatchObject({ expected: 'v2.1.4', observed: '2.1.5' })
  })
  test('the replaced version still running, written with a "v": still running', () => {
    const found = versionFindings(path, 'v3.2.7', { expected: null, replaced: '3.2.7' })
    expect(found?.reason.code).toBe('verify.version.still_running')
  })
  test('no version reported against an expected one: a mismatch', () => {
    expect(versionFindings(path, null, { expected: '2.1.4' })?.reason.code).toBe('verify.version.mismatch')
  })
  test("a route's fixed version with a 'v' still names no build", () => {
    expect(identifiesBuild('/api/v3/conversation/health', 'v3.0.0')).toBe(false)
    expect(identifiesBuild('/api/v3/conversation/health', '3.0.1')).toBe(true)
  })
})
