// Security category (issue 10): read-only probes a healthy Harena refuses — no token, another user's path, user id
// ≤ 0, <script> and SQL messages, another user's conversations and turns. A probe that is not refused is a critical
// bug (NO-GO) with the request and the answer as evidence. On by default; VALIDATION_SECURITY=false skips it.
import { afterAll, describe, test } from 'vitest'
import { closeProbeClient, PROBES, runProbe } from './support/security/run.ts'
import { DESCRIBE_TITLES, probeTitleOf } from './support/titles.ts'
import { workerSettings } from './support/worker-settings.ts'

describe(DESCRIBE_TITLES.security, () => {
  afterAll(closeProbeClient)
  for (const probe of PROBES) {
    test(probeTitleOf(probe, workerSettings()), (ctx) => runProbe(probe, ctx))
  }
})
