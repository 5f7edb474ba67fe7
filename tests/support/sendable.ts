// What an HTTP request can carry, checked before it is handed to undici (tests/support/client.ts).
// Why before: undici builds the request when a pooled connection takes it, and a value it refuses there (a header value
// with a CR, an LF or a NUL, a path with a space…) is thrown synchronously from that connection's dispatch. The Pool
// then takes the connection for a busy one waiting to drain, and it never drains (it has nothing to send): with one
// connection every later request waits in the Pool's queue until its timeout, forever (review 2026-12-05: a login
// token ending in "\n" hung the gate at 0/15 attempts). Checked here, such a request never reaches the Pool: its
// attempt fails at once with the reason, and the connections stay usable.
// Mirrors undici 7's own checks (lib/core/request.js: invalidPathRegex, isValidHTTPToken, isValidHeaderValue) on the
// parts a target can put into a request (a token from its login answer in Authorization), and on the rest of each
// header line and the path.

/** Leading and trailing HTTP whitespace (tab, space, CR, LF): what a browser's fetch strips from a header value. */
const HTTP_WHITESPACE_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g
/** A character a header value cannot carry (a field-vchar, space or tab only; node's and undici's rule). */
const NOT_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/
/** A header name is an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** A request path: no control character, no space, nothing beyond latin1 (undici's invalidPathRegex). */
const NOT_PATH = /[^\u0021-\u00ff]/

/** A header value as the Fetch standard normalizes it: leading and trailing HTTP whitespace removed. */
export function normalizedHeaderValue(value: string): string {
  return value.replace(HTTP_WHITESPACE_EDGES, '')
}

/** Whether a header can carry this value as it is (no CR, LF, NUL or other control character, nothing beyond latin1). */
export function isHeaderValue(value: string): boolean {
  return !NOT_HEADER_VALUE.test(value)
}

/**
 * Why undici would refuse this request before sending it, in undici's own words (`invalid <name> header`): the
 * header's name, never its value (a value may be a secret, even a broken one). null: it can be sent.
 */
export function unsendable(path: string, headers: Record<string, string>): string | null {
  if (!path.startsWith('/') || NOT_PATH.test(path)) return 'invalid request path'
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return 'invalid header key'
    if (!isHeaderValue(value)) return `invalid ${name} header`
  }
  return null
}
