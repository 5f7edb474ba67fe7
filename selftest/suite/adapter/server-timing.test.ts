// Server-Timing parsing: the W3C grammar (quoted strings, parameters in any order), and forgiveness for what
// real services send (missing or bad dur, odd case, stray separators).
import { describe, expect, test } from 'vitest'
import {
  MAX_READING_ENTRIES,
  parseServerTiming,
  readServerTiming,
  stageOf,
  stagesFromServerTiming,
} from '../../../tests/support/adapters/server-timing.ts'

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

  test('bad durations become null, with why; the first dur wins; case and spaces are tolerated', () => {
    expect(parseServerTiming(' a ; DUR = 5 ; dur=9 , b;dur=abc, c;dur=-3, d;dur=, e;dur=1e2, f;dur=250ms, g;dur=1.2 s, h;dur=Infinity')).toEqual([
      { name: 'a', dur: 5, desc: null },
      { name: 'b', dur: null, durProblem: 'not_a_number', desc: null },
      { name: 'c', dur: null, durProblem: 'negative', desc: null },
      { name: 'd', dur: null, desc: null },
      { name: 'e', dur: 100, desc: null },
      { name: 'f', dur: null, durProblem: 'unit', desc: null },
      { name: 'g', dur: null, durProblem: 'unit', desc: null },
      { name: 'h', dur: null, durProblem: 'not_a_number', desc: null },
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

  test('the parts of response generation (insights, charts, LLM) map to it; total, unknown and v2-internal names do not', () => {
    expect(['insights', 'charts', 'Visualization-Service', 'llm', 'analytics_agent'].map(stageOf)).toEqual(Array(5).fill('response_generation'))
  })
})

// docs/suite-rules.md §5 "Stage figures": every entry that does not become a stage figure is said, with why.
describe('readServerTiming: what is used, what is not, and why', () => {
  test('a stage named several times is the sum of its entries (W3C: separate metrics), listed as repeated', () => {
    expect(readServerTiming('llm;dur=1200, llm;dur=7800, search;dur=40')).toEqual({
      stages: { response_generation: 9000, search: 40 },
      reading: { repeated: ['llm'] },
    })
    expect(readServerTiming('response_generation;dur=100, generation;dur=50').reading).toEqual({ repeated: ['response_generation'] })
    // Two names of one stage are two entries of it too.
    expect(readServerTiming('intent;dur=3, intent_classification;dur=99').stages).toEqual({ intent_classification: 102 })
  })

  test('the whole stage wins over its parts (they are inside it): the parts are dropped as inside_stage', () => {
    expect(readServerTiming('response_generation;dur=4000, insights;dur=2500, charts;dur=1000, total;dur=4100')).toEqual({
      stages: { response_generation: 4000 },
      reading: {
        totalMs: 4100,
        dropped: [
          { name: 'insights', stage: 'response_generation', why: 'inside_stage' },
          { name: 'charts', stage: 'response_generation', why: 'inside_stage' },
        ],
      },
    })
  })

  test('without the whole stage, its parts add up to it', () => {
    expect(readServerTiming('intent;dur=30, search;dur=50, insights;dur=2500, charts;dur=1500, llm;dur=1200, total;dur=5300')).toEqual({
      stages: { intent_classification: 30, search: 50, response_generation: 5200 },
      reading: { totalMs: 5300 },
    })
  })

  test('negative, unit-bearing, non-numeric and missing durations are dropped with the stage they named', () => {
    const { stages, reading } = readServerTiming(
      'intent_classification;dur=-3, search;dur=250ms, response_generation;dur=1.2s, user_profile;dur=n/a, generation;desc="no dur", total;dur=-1',
    )
    expect(stages).toEqual({})
    expect(reading?.dropped).toEqual([
      { name: 'intent_classification', stage: 'intent_classification', why: 'negative' },
      { name: 'search', stage: 'search', why: 'unit' },
      { name: 'response_generation', stage: 'response_generation', why: 'unit' },
      { name: 'user_profile', stage: 'user_profile', why: 'not_a_number' },
      { name: 'generation', stage: 'response_generation', why: 'no_duration' },
      { name: 'total', stage: null, why: 'negative' },
    ])
  })

  test('names of no plan stage are listed; total is the largest of its entries, listed as repeated', () => {
    expect(readServerTiming('db;dur=3, cache;desc=hit, query_building;dur=2, search;dur=5, total;dur=20, total;dur=30')).toEqual({
      stages: { search: 5 },
      reading: { totalMs: 30, repeated: ['total'], unmapped: ['db', 'cache', 'query_building'] },
    })
  })

  test('nothing to say: no reading; no header: no stages', () => {
    expect(readServerTiming('intent_classification;dur=0.12, search;dur=0.4')).toEqual({ stages: { intent_classification: 0.12, search: 0.4 } })
    expect(readServerTiming(undefined)).toEqual({ stages: {} })
    expect(stagesFromServerTiming('search;dur=4')).toEqual({ search: 4 })
  })

  test('a hostile header is bounded: at most MAX_READING_ENTRIES dropped entries and unmapped names kept', () => {
    const header = Array.from({ length: 500 }, (_, i) => `x${i};dur=1, search;dur=-${i + 1}`).join(', ')
    const { reading } = readServerTiming(header)
    expect(reading?.dropped).toHaveLength(MAX_READING_ENTRIES)
    expect(reading?.unmapped).toHaveLength(MAX_READING_ENTRIES)
  })
})
