// The locale catalogue: code → sentence, one function per language. Each domain (checks, verdict, transport,
// monitor, …) keeps its own catalogue file and registers it here, so two features never edit the same table.
// A code with no sentence renders as the code and its parameters (visible, never silently dropped); a test
// checks that every code used has both languages.
import type { Reason, ReasonParam } from '../reason.ts'

export type Locale = 'fr' | 'en'
export const LOCALES: readonly Locale[] = ['fr', 'en']

type Params = Record<string, ReasonParam>
/** One sentence per language. */
export type Phrase = { [L in Locale]: (p: Params) => string }
export type Catalogue = Record<string, Phrase>

const registry = new Map<string, Phrase>()

/** Adds a domain's catalogue. A code registered twice is a programming error. */
export function registerCatalogue(catalogue: Catalogue): void {
  for (const [code, phrase] of Object.entries(catalogue)) {
    if (registry.has(code) && registry.get(code) !== phrase) throw new Error(`reason code registered twice: ${code}`)
    registry.set(code, phrase)
  }
}

export function hasPhrase(code: string): boolean {
  return registry.has(code)
}

export function registeredCodes(): string[] {
  return [...registry.keys()].sort()
}

/**
 * The sentence of a code that a parameter names, said with the caller's parameters: how a catalogue sentence embeds
 * another one chosen by data (a configuration error's `problem`, a stop's cause) without a nested object in params.
 */
export function sayCode(code: ReasonParam | undefined, params: Params, locale: Locale): string {
  return typeof code === 'string' ? say({ code, params }, locale) : ''
}

/** The sentence of a reason in a language, followed by the sentences of its details. */
export function say(r: Reason, locale: Locale): string {
  const phrase = registry.get(r.code)
  const text = phrase === undefined ? `${r.code} ${JSON.stringify(r.params)}` : phrase[locale](r.params)
  return r.details?.length ? [text, ...r.details.map((d) => say(d, locale))].join(' ') : text
}
