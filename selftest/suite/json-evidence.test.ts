// Duplicate JSON keys (tests/support/json-evidence.ts): the same value twice is a warning; different values are an
// ambiguous answer, named with the key path and both values.
import { describe, expect, test } from 'vitest'
import { conflictingDuplicates, duplicateKeys, MAX_CONFLICT_VALUE_CHARS } from '../../tests/support/json-evidence.ts'

describe('conflictingDuplicates', () => {
  test('"status":"error" then "status":"completed" is a conflict at the top level, both values quoted', () => {
    const body = '{"status":"error","response":{"message":"ok"},"status":"completed"}'
    expect(duplicateKeys(body).count).toBe(1)
    expect(conflictingDuplicates(body)).toEqual([{ path: 'status', first: '"error"', last: '"completed"' }])
  })

  test('equal values are no conflict: same string, 1 and 1.0, the same object with other spacing and key order kept', () => {
    expect(conflictingDuplicates('{"a":"x","a":"x"}')).toEqual([])
    expect(conflictingDuplicates('{"n":1,"n":1.0}')).toEqual([])
    expect(conflictingDuplicates('{"o":{"k":[1, 2]},"o":{ "k" : [1,2] }}')).toEqual([])
    expect(duplicateKeys('{"a":"x","a":"x"}').count).toBe(1) // still the warning
  })

  test('nested paths and array indexes; true vs "true"; null vs 0; an escaped key', () => {
    const body = '{"data":[{"id":1},{"id":2,"id":3}],"r":{"ok":true,"ok":"true"},"z":{"v":null,"v":0},"\\u0071":1,"q":2}'
    expect(conflictingDuplicates(body)).toEqual([
      { path: 'data[1].id', first: '2', last: '3' },
      { path: 'r.ok', first: 'true', last: '"true"' },
      { path: 'z.v', first: 'null', last: '0' },
      { path: 'q', first: '1', last: '2' },
    ])
  })

  test('a long value is cut to a bounded excerpt', () => {
    const long = 'é'.repeat(200)
    const found = conflictingDuplicates(`{"m":"${long}","m":"court"}`)
    expect(found[0]?.first.length).toBe(MAX_CONFLICT_VALUE_CHARS + 1) // 80 characters of the JSON value, then the ellipsis
    expect(found[0]?.first.endsWith('…')).toBe(true)
    expect(found[0]?.last).toBe('"court"')
  })

  test('deep nesting does not throw', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`
    expect(() => conflictingDuplicates(`{"a":${deep},"a":1}`)).not.toThrow()
  })
})
