// Credentials in URLs are removed by STRUCTURE, never by guessing what a password looks like: a password may
// contain '/', ' ', '@', ':', '#', '?' (http://user:secret/pw@host, http://user:secret pw@host,
// http://user:s@cret@host, http:/user:pw@host), and a regex over the text misses exactly those.
//  1. WHATWG URL parsing: when the text parses, username and password are cleared.
//  2. When it does not parse (or parses into something surprising), a tolerant cut: everything between the
//     scheme (with its slashes, if any) and the LAST '@' is replaced by ***; with no '@' at all, anything after
//     a ':' in the would-be authority that is not a port is replaced too (http://user:secret → http://user:***).
// Both paths err on the side of hiding: a host or path is sometimes masked with the secret, never the reverse.

const SCHEME = /^([a-z][a-z\d+.-]*:)([/\\]*)/i
const MASK = '***'
const HIDDEN = '… (hidden: a query or fragment, or credentials)'

/** The text of one URL-like value without its userinfo. Never throws. */
export function withoutUrlCredentials(raw: string): string {
  const text = raw.trim()
  const parsed = parseStrictly(text)
  if (parsed !== null) return parsed
  return tolerantCut(text)
}

/** WHATWG parse; only trusted when the result keeps no '@' (a surviving '@' means the parse split it oddly). */
function parseStrictly(text: string): string | null {
  if (!SCHEME.test(text) || /\s/.test(text)) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (!/^https?:$|^wss?:$|^ftp:$/.test(url.protocol)) return null // opaque schemes keep "user:pw@" in the path
  url.username = ''
  url.password = ''
  const out = url.toString()
  return out.includes('@') ? null : out
}

/**
 * A URL-like setting as an error line may show it: no userinfo, and no query or fragment either — gateways carry
 * credentials there too (`?api_key=…`, `#access_token=…`). Which '?' or '#' starts the query is itself ambiguous
 * when a password holds one (http://u@x:pa?ss@host), so with a '?' or '#' anywhere only a URL that parses cleanly,
 * without userinfo, keeps its origin and path ("…?…" says a query was there); anything else keeps its scheme alone.
 */
export function shownUrlValue(raw: string): string {
  const marker = /[?#]/.exec(raw)
  if (marker === null) return withoutUrlCredentials(raw)
  const text = raw.trim()
  try {
    const url = new URL(text)
    if (/^https?:$/.test(url.protocol) && url.username === '' && url.password === '' && SCHEME.test(text))
      return `${url.origin}${url.pathname}${marker[0]}…`
  } catch {
    // not a URL: hidden below
  }
  return `${SCHEME.exec(text)?.[0] ?? ''}${HIDDEN}`
}

/**
 * A Location a target answered with, as a line may show it (a redirect the client does not follow): the target
 * chose it, so it may carry what it was sent or what it issued (`/retry?pw=…`, `/cb?code=…&access_token=…`). An
 * absolute or scheme-relative one is shown as shownUrlValue shows a setting; a relative one keeps its path alone,
 * "?…" or "#…" saying a query or fragment followed. Userinfo is removed either way.
 */
export function shownLocation(raw: string): string {
  const text = raw.trim()
  if (SCHEME.test(text)) return shownAbsolute(text)
  if (text.startsWith('//')) return shownAbsolute(`http:${text}`).replace(/^http:/, '')
  // An '@' in a relative reference can only be a mangled userinfo, and which '?' or '#' ends it is ambiguous: all hidden.
  if (text.includes('@')) return HIDDEN
  const marker = /[?#]/.exec(text)
  return marker === null ? text : `${text.slice(0, marker.index)}${marker[0]}…`
}

/**
 * Userinfo removed first when the URL parses cleanly (its host and path then stay readable); otherwise a '?' or '#'
 * may sit inside the password, and shownUrlValue keeps the scheme alone.
 */
function shownAbsolute(text: string): string {
  return shownUrlValue(parseStrictly(text) ?? text)
}

/** A port, possibly followed by the punctuation of the sentence around it ("http://host:8001: no route"). */
const PORT = /^\d*[.,:;)\]'"]*$/

function tolerantCut(text: string): string {
  const scheme = SCHEME.exec(text)
  const head = scheme ? `${scheme[1]}${scheme[2]}` : text.startsWith('//') ? '//' : ''
  const rest = text.slice(head.length)
  const at = rest.lastIndexOf('@')
  if (at !== -1) return `${head}${MASK}${rest.slice(at)}`
  // No '@': "user:secret" or "host:port". A port is digits; anything else after the colon may be a password.
  const end = rest.search(/[/?#\s]/)
  const authority = end === -1 ? rest : rest.slice(0, end)
  const colon = authority.indexOf(':')
  if (colon !== -1 && !PORT.test(authority.slice(colon + 1))) return `${head}${authority.slice(0, colon + 1)}${MASK}`
  return text
}

/**
 * Every URL inside a longer text (an error message, a header value) with its credentials removed:
 *  - from each scheme ("http:/", "https://", "x:\\", or a word starting with "//") to the last '@' on the same line is masked, so a password
 *    with spaces, slashes or '@' in it is covered (it may hide more than the userinfo, never less);
 *  - a word with a ':' before its last '@' ("user:pw@host", "//u:pw@h") is userinfo without a scheme;
 *  - a scheme URL without '@' whose "port" is not a number ("http://user:secret") hides what follows the ':'.
 * An e-mail address ("demo@harena.test") has no ':' before its '@' and stays readable.
 */
export function stripUrlCredentials(text: string): string {
  return text.split('\n').map(stripLine).join('\n')
}

/** A scheme or "//" anywhere; where it sits inside a word, the whole word is treated as the URL. */
const SCHEME_IN_TEXT = /[a-z][a-z\d+.-]*:[/\\]|\/\//i

/** An assignment or an opening quote before a URL stays readable: HARENA_BASE_URL="http://… */
const LEAD = /^(?:[A-Za-z_][A-Za-z\d_]*=)?["'(<]*/

function stripLine(line: string): string {
  const found = line.search(SCHEME_IN_TEXT)
  const lastAt = line.lastIndexOf('@')
  if (found !== -1 && lastAt > found) {
    // The URL starts at the beginning of the word holding the scheme ("u@x:pw'g:\\pw@host" is one URL).
    const wordStart = line.slice(0, found).search(/\S*$/)
    const lead = LEAD.exec(line.slice(wordStart))?.[0] ?? ''
    const from = wordStart + lead.length
    const scheme = /^(?:[a-z][a-z\d+.-]*:)?[/\\]+/i.exec(line.slice(from))?.[0] ?? ''
    return `${stripWords(line.slice(0, from))}${scheme}${MASK}${line.slice(lastAt)}`
  }
  return stripWords(line)
}

function stripWords(text: string): string {
  return text.replace(/\S+/g, (whole) => {
    const lead = LEAD.exec(whole)?.[0] ?? ''
    const word = whole.slice(lead.length)
    return `${lead}${stripWord(word)}`
  })
}

function stripWord(word: string): string {
  const at = word.lastIndexOf('@')
  if (at !== -1 && (word.slice(0, at).includes(':') || word.startsWith('//'))) return tolerantCut(word)
  if (at === -1 && SCHEME_IN_TEXT.test(word)) return tolerantCut(word)
  return word
}
