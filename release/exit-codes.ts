// Exit codes of `npm run verify`, `npm run monitor` and `npm run release` (README "Phase 2"). Distinct codes for
// "the service is bad" and "we could not judge", never a count of failures.
export const EXIT = {
  /** Stable (release, monitor) or verified (verify). */
  stable: 0,
  /** Configuration or harness error: nothing was judged. */
  config: 1,
  /** verify: the service failed the checks. release: not deployed (NO-GO, CONDITIONAL refused, gate broken). */
  failed: 2,
  /** A rollback trigger fired; RELEASE_ROLLBACK_COMMAND ran and the rolled-back service verifies. */
  rolledBack: 3,
  /** A rollback trigger fired; the rollback command failed or the service does not verify after it. */
  rollbackFailed: 4,
  /** A rollback trigger fired; no RELEASE_ROLLBACK_COMMAND: a person must roll back. */
  rollbackRecommended: 5,
  /**
   * No trigger fired, but the health route reported another version during the watch (someone else deployed or
   * rolled back): the watch judged no one version, so neither "stable" nor a rollback of ours.
   */
  versionChanged: 6,
  SIGINT: 130,
  SIGTERM: 143,
} as const
