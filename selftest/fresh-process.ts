// Runs before each self-test file (vitest.self.config.ts setupFiles). The files share their worker (isolate: false),
// and the suite keeps a little state per process, on globalThis under `Symbol.for('harena-validation.…')`, because
// its parts meet there across module instances (core/invoker.ts, core/configuration-error.ts, core/auth-state.ts,
// core/run-end.ts): a configuration error, a stop, credentials, an armed watch. Each file starts as in a fresh
// process: none of it is left from a file that ran before in the same worker.
const holder = globalThis as typeof globalThis & Record<symbol, unknown>

for (const key of Object.getOwnPropertySymbols(holder)) {
  if (!key.description?.startsWith('harena-validation.')) continue
  const value = holder[key]
  // The invoker's watch holds an interval (unref'd): it stops with its state.
  if (typeof value === 'object' && value !== null && 'timer' in value && value.timer !== null) clearInterval(value.timer as NodeJS.Timeout)
  delete holder[key]
}
