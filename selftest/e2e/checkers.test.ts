// The proofs' own checkers must be able to fail: a Markdown/XML checker or a traffic filter that accepts
// everything would make the hostile-content and isolation proofs vacuous. Plain inputs, no child process.
import { describe, expect, test } from 'vitest'
import { trafficViolations, type RequestLogEntry } from './target.ts'
import { CONTROL, markdownTableProblems, RAW_HTML, xmlProblems } from './wellformed.ts'

describe('markdownTableProblems', () => {
  test('accepts escaped pipes, rejects an extra cell and a row cut by a newline', () => {
    expect(markdownTableProblems('| a | b |\n| --- | ---: |\n| x \\| y | z |\n')).toEqual([])
    expect(markdownTableProblems('| a | b |\n| --- | --- |\n| x | y | z |\n')).toHaveLength(1)
    expect(markdownTableProblems('| a | b |\n| --- | --- |\n| x | y\nz |\n').length).toBeGreaterThan(0)
    expect(markdownTableProblems('| a | b |\n| x | y |\n')).toContain('line 2: no separator row')
  })
})

describe('xmlProblems', () => {
  test('accepts escaped text, rejects raw markup, control characters and unbalanced tags', () => {
    expect(xmlProblems('<?xml version="1.0"?><a><b x="1">t &amp; &lt;u&gt;</b><c/></a>')).toEqual([])
    expect(xmlProblems('<a><b>t <script> u</b></a>').length).toBeGreaterThan(0)
    expect(xmlProblems('<a>x & y</a>').length).toBeGreaterThan(0)
    expect(xmlProblems('<a>\u0007</a>')).toContain('control character')
    expect(xmlProblems('<a><b></a>').length).toBeGreaterThan(0)
  })
})

describe('CONTROL and RAW_HTML', () => {
  test('see a bell, a bidi override and live tags; ignore escaped ones', () => {
    expect(CONTROL.test('a\u0007b')).toBe(true)
    expect(CONTROL.test('a\u202eb')).toBe(true)
    expect(CONTROL.test('a\tb\nc')).toBe(false)
    expect(RAW_HTML.test('<SCRIPT src=x>')).toBe(true)
    expect(RAW_HTML.test('<img src=x>')).toBe(true)
    expect(RAW_HTML.test('&lt;script&gt;')).toBe(false)
  })
})

describe('trafficViolations', () => {
  const entry = (method: string, path: string, userId: number | null = 1): RequestLogEntry => ({ method, path, status: 200, userId })
  test('allows chat for the configured user, login and health; flags other users, admin routes and other methods', () => {
    expect(
      trafficViolations(
        [
          entry('POST', '/api/v1/conversation/1'),
          entry('POST', '/api/v1/users/auth/login', null),
          entry('GET', '/health', null),
          entry('GET', '/api/v1/conversation/health', null),
        ],
        1,
      ),
    ).toEqual([])
    expect(trafficViolations([entry('POST', '/api/v1/conversation/2')], 1)).toEqual(['POST /api/v1/conversation/2'])
    expect(trafficViolations([entry('POST', '/api/v1/conversation/1', 2)], 1)).toEqual(['POST /api/v1/conversation/1 as user 2'])
    expect(trafficViolations([entry('DELETE', '/api/v1/conversation/admin/conversations/clear')], 1).join(' ')).toMatch(/admin endpoint/)
    expect(trafficViolations([entry('GET', '/api/v1/conversation/conversations/1')], 1)).toHaveLength(1)
    expect(trafficViolations([entry('POST', '/api/v1/conversation/1/stream')], 1)).toHaveLength(1)
  })
})
