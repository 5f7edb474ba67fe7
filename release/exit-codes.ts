// Exit codes of `npm run verify`, `npm run monitor` and `npm run release` (README "Phase 2"). Distinct codes for
// "the service is bad" and "we could not judge", never a count of failures.
export const EXIT = {
  /** Stable (release, monitor) or verified (verify). */
  stable: 0,
  /**
   * Nothing was judged: a configuration or harness error, a monitor that could not start (target never reached,
   * credentials refused), or a watch that judged too little (inconclusive: too few requests, most of them refused
   * by a rate limiter the monitor asked faster than it declares, the monitor's credentials lost during the watch, requests unanswered at the end, sends skipped for a full in-flight cap or the monitor itself stalled: the service was not seen answering).
   */
  config: 1,
  /** verify: the service failed the checks. release: not deployed (NO-GO, CONDITIONAL refused, gate broken, backup failed). */
  failed: 2,
  /** A rollback trigger fired; RELEASE_ROLLBACK_COMMAND ran and the rolled-back service verifies. */
  rolledBack: 3,
  /** A rollback trigger fired; the rollback command failed or the service does not verify after it. */
  rollbackFailed: 4,
  /** A rollback trigger fired; no RELEASE_ROLLBACK_COMMAND: a person must roll back. */
  rollbackRecommended: 5,
  /**
   * No rollback trigger, but a person must investigate (plan T4.7): the whole watch is clearly above an alert
   * threshold, even when it also is inconclusive (a proven alert is never dropped for an unproven rollback estimate);
   * or, enough judged, the whole watch's estimate is above a rollback threshold its bound does not prove (7 % HTTP
   * 500 read exit 1 where 5 % read exit 6: more critical answers never read weaker); or the watch was stable by every rule but saw critical answers that reached none ("Stable — critical answers
   * seen": the plan's "critical bug detected" without the proof our rules ask for), or health checks that failed short
   * of the streak ("Stable — failed health checks": the plan's "Health check OK (200 status)"), or an objective of the
   * plan the whole watch proves missed, a question failing at every ask or slow at most, a window alert confirmed (stable with findings).
   */
  investigate: 6,
  /**
   * No trigger fired, but the health route reported another version during the watch (someone else deployed or
   * rolled back; a version that disappears included): the watch judged no one version, so neither "stable" nor a
   * rollback of ours. Also `npm run monitor` watching another version than RELEASE_EXPECTED_VERSION (unexpected_version):
   * no verdict on the expected one.
   */
  versionChanged: 7,
  SIGINT: 130,
  SIGTERM: 143,
} as const
