// Server-Timing parsing: the W3C grammar (quoted strings, parameters in any order), and forgiveness for what
// real services send (missing or bad dur, odd case, stray separators).
import { describe, expect, test } from 'vitest'
import { parseServerTiming, stageOf, stagesFromServerTiming } from '../../../tests/support/adapters/server-timing.ts'

describe('parseServerTiming', () => {
  test('names, durations and descriptions, in any parameter order', () => {
    expect(parseServerTiming('name;dur=12.3, other;desc="x";dur=4, cache;desc=hit, miss')).toEqual([
      { name: 'name', dur: 12.3, desc: null },
      { name: 'other', dur: 4, desc: 'x' },
      { name: 'cache', dur: null, desc: 'hit' },
      { name: 'miss', dur: null, desc: null },
    ])
  })

  test('quoted descriptions may hold commas, semicolons, equals and escaped quotes', () => {
    expect(parseServerTiming('db;desc="a, b; c=d \\"q\\"";dur=7,app;dur=1')).toEqual([
      { name: 'db', dur: 7, desc: 'a, b; c=d "q"' },
      { name: 'app', dur: 1, desc: null },
    ])
  })

  test('bad durations become null; the first dur wins; case and spaces are tolerated', () => {
    expect(parseServerTiming(' a ; DUR = 5 ; dur=9 , b;dur=abc, c;dur=-3, d;dur=, e;dur=1e2')).toEqual([
      { name: 'a', dur: 5, desc: null },
      { name: 'b', dur: null, desc: null },
      { name: 'c', dur: null, desc: null },
      { name: 'd', dur: null, desc: null },
      { name: 'e', dur: 100, desc: null },
    ])
  })

  test('empty entries and invalid names are skipped; nothing or an array is fine', () => {
    expect(parseServerTiming(',, ;dur=3, bad name;dur=2, "quoted";dur=1, ok;dur=2,')).toEqual([{ name: 'ok', dur: 2, desc: null }])
    expect(parseServerTiming(undefined)).toEqual([])
    expect(parseServerTiming('')).toEqual([])
    expect(parseServerTiming(['a;dur=1', 'b;dur=2'])).toEqual([
      { name: 'a', dur: 1, desc: null },
      { name: 'b', dur: 2, desc: null },
    ])
  })

  test('an unterminated quote does not throw', () => {
    expect(parseServerTiming('a;desc="oops, b;dur=2')).toEqual([{ name: 'a', dur: null, desc: '"oops, b;dur=2' }])
  })
})

describe('stages', () => {
  test('plan stage names and obvious aliases map; total, unknown and v2-internal non-plan stages do not', () => {
    expect(['intent', 'Intent-Classification', 'classification'].map(stageOf)).toEqual([
      'intent_classification',
      'intent_classification',
      'intent_classification',
    ])
    expect(['search', 'query_execution', 'search.execution'].map(stageOf)).toEqual(['search', 'search', 'search'])
    expect(['user_profile', 'profile'].map(stageOf)).toEqual(['user_profile', 'user_profile'])
    expect(['generation', 'response_generation', 'LLM'].map(stageOf)).toEqual(['response_generation', 'response_generation', 'response_generation'])
    expect(['total', 'db', 'query_building', 'context_analysis'].map(stageOf)).toEqual([null, null, null, null])
  })

  test('first metric per stage wins; metrics without a duration are not reported', () => {
    expect(stagesFromServerTiming('intent;dur=3, intent_classification;dur=99, search;desc="es", generation;dur=1200, total;dur=1300')).toEqual({
      intent_classification: 3,
      response_generation: 1200,
    })
    expect(stagesFromServerTiming(undefined)).toEqual({})
  })
})
