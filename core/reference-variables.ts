// The REFERENCE_* variables the reference service reads (fixtures/reference/main.ts; REFERENCE_NOW and REFERENCE_FAULTS also when
// the suite starts it itself). The suite's settings loader reads this list to tell a known REFERENCE_* variable
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
