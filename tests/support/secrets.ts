// Secrets (the bearer token, the password, the token a login returns) must never reach any output. Two rules:
//  - every form a secret can take is masked: as given, without "Bearer ", URL-encoded, JSON-escaped, and for a
//    JWT its payload and signature segments on their own (the header segment is the same for every HS256 token);
//  - fragments are masked too: texts are cut to length in many places (failure reasons, body excerpts), and a
//    cut token is no longer equal to the token. Any run of 16+ token characters found inside a secret is masked.
const MIN_SECRET = 4
const MIN_FRAGMENT = 16
const TOKEN_CHAR = /[A-Za-z0-9_\-.~+/=]/

/** The maximal runs of token characters (a hand-written scan: a regex over a multi-MB run overflows V8's stack). */
function tokenRuns(text: string): Array<[start: number, end: number]> {
  const runs: Array<[number, number]> = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const inRun = i < text.length && TOKEN_CHAR.test(text[i] as string)
    if (inRun && start < 0) start = i
    else if (!inRun && start >= 0) {
      if (i - start >= MIN_FRAGMENT) runs.push([start, i])
      start = -1
    }
  }
  return runs
}

/** The secret values as they may appear, longest first (a longer form is masked before its parts). */
export function secretForms(values: ReadonlyArray<string | null | undefined>): string[] {
  const forms = new Set<string>()
  for (const raw of values) {
    if (typeof raw !== 'string') continue
    const value = raw.replace(/^Bearer\s+/i, '')
    for (const v of [raw, value]) {
      forms.add(v)
      forms.add(encodeURIComponent(v))
      forms.add(JSON.stringify(v).slice(1, -1))
    }
    const segments = value.split('.')
    if (segments.length === 3) for (const segment of segments.slice(1)) if (segment.length >= MIN_FRAGMENT) forms.add(segment)
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

/** Every 16-character window of every long secret: a fragment of 16+ characters contains one. */
function windowsOf(secrets: readonly string[]): Set<string> {
  const windows = new Set<string>()
  for (const s of secrets) for (let i = 0; i + MIN_FRAGMENT <= s.length; i++) windows.add(s.slice(i, i + MIN_FRAGMENT))
  return windows
}

/** Masks every secret form and every 16+ character fragment of a secret with ***. Linear in the text. */
export function redact(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text
  let out = text
  for (const form of secretForms(secrets)) if (out.includes(form)) out = out.split(form).join('***')
  const windows = windowsOf(secrets.map((s) => s.replace(/^Bearer\s+/i, '')))
  if (windows.size === 0) return out
  // Mark the characters covered by a window that belongs to a secret, then collapse each marked span.
  const masked = new Uint8Array(out.length)
  let any = false
  for (const [start, end] of tokenRuns(out)) {
    for (let i = start; i + MIN_FRAGMENT <= end; i++) {
      if (windows.has(out.slice(i, i + MIN_FRAGMENT))) {
        masked.fill(1, i, i + MIN_FRAGMENT)
        any = true
      }
    }
  }
  if (!any) return out
  const parts: string[] = []
  let from = 0
  for (let i = 0; i < out.length; i++) {
    if (masked[i] === 1 && (i === 0 || masked[i - 1] === 0)) parts.push(out.slice(from, i), '***')
    if (masked[i] === 1) from = i + 1
  }
  parts.push(out.slice(from))
  return parts.join('')
}
