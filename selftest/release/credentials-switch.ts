// A loopback Harena whose credentials stop working mid-watch: in front of the reference service, it forwards
// everything until it has forwarded `acceptChats` chat requests, then refuses with Harena's 401 (docs/wire-contracts.md:
// a JSON `detail`/`error_code` body and `WWW-Authenticate: Bearer`) or 403:
//  - 'everything': every authenticated request — chat, conversation list, login — as a revoked user or a rotated
//    signing key with a changed password;
//  - 'every token': every chat and conversation list, whatever the token, while the login still answers (a service
//    that refuses every valid token);
//  - 'old tokens': only the tokens it accepted before the switch (an expiry): a new login and its token work.
// The health route stays healthy throughout. Its refusal repeats the token it refused (a gateway that echoes its
// input), so a test sees whether the monitor ever prints or writes what it was sent.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

export interface CredentialsSwitch {
  url: string
  /**
   * Requests seen per route, before and after the switch (after: refused, or forwarded in 'old tokens' mode), and the
   * chat requests that came once it had answered a login after the switch (`chatAfterLoginAnswered`): what the
   * monitor sent after it could know how its new login went, whatever that login took.
   */
  counts: { chatBefore: number; chatAfter: number; loginBefore: number; loginAfter: number; refused: number; chatAfterLoginAnswered: number }
  /** Every token and login field it was sent: none may appear in what the monitor prints or writes. */
  credentials: Set<string>
  close: () => Promise<void>
}

export interface SwitchOptions {
  port: number
  acceptChats: number
  refuse: 'everything' | 'every token' | 'old tokens'
  status?: 401 | 403
}

const CHAT = /^\/api\/v1\/conversation\/\d+$/
const LOGIN = '/api/v1/users/auth/login'
const LIST = /^\/api\/v1\/conversation\/conversations\//

export async function credentialsSwitch(upstream: string, o: SwitchOptions): Promise<CredentialsSwitch> {
  const counts = { chatBefore: 0, chatAfter: 0, loginBefore: 0, loginAfter: 0, refused: 0, chatAfterLoginAnswered: 0 }
  let loginAnswered = false
  const credentials = new Set<string>()
  const before = new Set<string>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] as string
      const body = Buffer.concat(chunks)
      const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
      if (token !== '') credentials.add(token)
      const chat = req.method === 'POST' && CHAT.test(path)
      const login = req.method === 'POST' && path === LOGIN
      if (login) credentials.add(new URLSearchParams(body.toString('utf8')).get('password') ?? '')
      const switched = counts.chatBefore >= o.acceptChats
      if (!switched) {
        if (token !== '') before.add(token)
        if (chat) counts.chatBefore++
        if (login) counts.loginBefore++
        return forward(upstream, req, body, res)
      }
      if (chat) counts.chatAfter++
      if (chat && loginAnswered) counts.chatAfterLoginAnswered++
      if (login) {
        counts.loginAfter++
        res.once('finish', () => {
          loginAnswered = true
        })
      }
      const asked = chat || LIST.test(path)
      const refused = o.refuse === 'everything' ? asked || login : o.refuse === 'every token' ? asked : asked && before.has(token)
      if (!refused) return forward(upstream, req, body, res)
      counts.refused++
      refuse(res, o.status ?? 401, token)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    url: `http://127.0.0.1:${o.port}`,
    counts,
    credentials,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

function refuse(res: ServerResponse, status: 401 | 403, token: string): void {
  const detail = status === 401 ? `Token invalide: ${token}` : { error: "user_id dans l'URL ne correspond pas au token", token }
  const body = JSON.stringify({ detail, error_code: 'TOKEN_BLACKLISTED', timestamp: Date.now() / 1000 })
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="Harena API"' } : {}),
  })
  res.end(body)
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const out = httpRequest(`${upstream}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers)
    up.pipe(res)
  })
  out.on('error', () => req.socket.destroy())
  out.end(body)
}
