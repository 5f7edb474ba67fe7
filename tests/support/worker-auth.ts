// The run's credentials as one worker knows them (tests/support/auth-broker.ts): a 401 goes to the broker in the
// main process, and the new token of a re-login serves this worker's later requests. The questions
// (tests/support/validate.ts) and the security probes (tests/support/security/run.ts) share it: a probe sent with the
// run's first token after the questions renewed it was refused for its own stale credentials, never for the guard
// it tests.
import { AuthSession, askBroker, proveToBroker } from './auth-broker.ts'
import { learningFrom } from './shard-meta.ts'

let session: AuthSession | null = null

/** This worker's session, or undefined when the run sends no credentials or has no broker. */
export function authSession(authorization: string | null, brokerUrl: string | null | undefined): AuthSession | undefined {
  if (authorization === null || !brokerUrl) return undefined
  // Its answers also carry the shard's credentials history to this worker's spec files (tests/support/shard-meta.ts).
  session ??= new AuthSession(authorization, learningFrom(askBroker(brokerUrl)), proveToBroker(brokerUrl))
  return session
}
