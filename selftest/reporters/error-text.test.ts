// A harness error's one line (reporters/error-text.ts): what the error says, never "[object Object]".
import { describe, expect, test } from 'vitest'
import { errorText } from '../../reporters/error-text.ts'

describe('errorText', () => {
  test('an Error: its name and the first line of its message', () => {
    expect(errorText(new TypeError('bad value\nat line 2'))).toBe('TypeError: bad value')
  })

  test('an error that lost its message (a blob keeps only its type): what it still carries, as JSON', () => {
    expect(errorText({ type: 'Unhandled Error' })).toBe('{"type":"Unhandled Error"}')
    expect(errorText({ type: 'Unhandled Error', stacks: ['x'.repeat(500)] })).toHaveLength(201)
  })

  test('a value JSON cannot write (a cycle, a BigInt) or a primitive: never "[object Object]"', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(errorText(cycle)).toBe('Object { self }')
    expect(errorText({ n: 1n, type: 'x' })).toBe('Object { n, type }')
    expect(errorText('plain\nsecond')).toBe('plain')
    expect(errorText(undefined)).toBe('undefined')
  })
})
