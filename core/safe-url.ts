// How a target URL is shown anywhere (reports, terminal, errors): never with credentials, a query or a fragment.
import { withoutUrlCredentials } from './url-credentials.ts'

/** The service root without user:password@, query or fragment (credentials never reach a report). */
export function safeBaseUrl(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    u.search = ''
    u.hash = ''
    return u.toString().replace(/\/+$/, '')
  } catch {
    // Not a URL (e.g. a note about the embedded service): userinfo removed by structure (core/url-credentials.ts).
    return withoutUrlCredentials(url)
  }
}
