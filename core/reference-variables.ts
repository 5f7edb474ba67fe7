// The REFERENCE_* variables the reference service reads (fixtures/reference/main.ts; REFERENCE_NOW, REFERENCE_FAULTS,
// REFERENCE_STREAM_CHUNK_MS and REFERENCE_TOKEN_MAX_USES also when the suite or Phase 2 starts it itself,
// tests/support/embedded-options.ts). The suite's settings loader reads this list to tell a known REFERENCE_* variable
// from a misspelled one: a variable added to the reference service is added here (core/ so that the settings loader may read it).
export const REFERENCE_VARIABLES = [
  'REFERENCE_PORT',
  'REFERENCE_NOW',
  'REFERENCE_SEED',
  'REFERENCE_FAULTS',
  'REFERENCE_FAULT_SEED',
  'REFERENCE_LOG',
  'REFERENCE_VERSION',
  'REFERENCE_CONTRACT',
  'REFERENCE_STREAM_CHUNK_MS',
  'REFERENCE_TOKEN_MAX_USES',
] as const
