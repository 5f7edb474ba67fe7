// The duplicate-key scan of every buffered answer (tests/support/json-evidence.ts): the same key written twice in
// one object, however it is escaped, named by its path; strings that hold braces, commas or escaped quotes are text.
import { describe, expect, test } from 'vitest'
import { duplicateKeys, parseJson } from '../../../tests/support/json-evidence.ts'

describe('duplicateKeys', () => {
  test('paths through objects and arrays, in order of appearance, with the count beyond the listed ones', () => {
    const text = '{"a":1,"list":[{"x":1},{"x":2,"x":3}],"r":{"m":{"k":1,"k":2}},"a":2}'
    expect(duplicateKeys(text)).toEqual({ paths: ['list[1].x', 'r.m.k', 'a'], count: 3 })
    expect(duplicateKeys(text, 1)).toEqual({ paths: ['list[1].x'], count: 3 })
  })

  test('a key is compared decoded: "\\u0061" repeats "a"; a key with an escaped quote is one key', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}').paths).toEqual(['a'])
    expect(duplicateKeys('{"a\\"b":1,"c":{"a\\"b":2},"a\\"b":3}').paths).toEqual(['a"b'])
  })

  test('braces, brackets, commas and quotes inside strings are not structure', () => {
    const text = JSON.stringify({ m: 'a { "b": [1, 2], } \\"', n: ['x,y', '}{'], o: { p: 1 } })
    expect(duplicateKeys(text)).toEqual({ paths: [], count: 0 })
    expect(duplicateKeys(`${text.slice(0, -1)},"o":2}`).paths).toEqual(['o'])
  })

  test('keys of sibling objects do not collide; the same key in a nested object is not a duplicate', () => {
    expect(duplicateKeys('[{"id":1},{"id":2},{"a":{"id":3},"id":4}]').count).toBe(0)
  })
})

describe('parseJson', () => {
  test('the value of the text given, parsed again when the text changes; invalid JSON throws like JSON.parse', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 })
    expect(parseJson('{"a":2}')).toEqual({ a: 2 })
    expect(() => parseJson('{"a":')).toThrow(SyntaxError)
    expect(parseJson('{"a":2}')).toEqual({ a: 2 })
  })
})
