import { loginToken, REFERENCE_NOW, runChild, startReferenceChild, tempDir, VITEST_BIN } from '/work/main/bench/support.ts'
const ref = await startReferenceChild()
try {
  const token = await loginToken(ref.url)
  for (const it of (process.argv[2] ?? '100,1000').split(',')) {
    const dir = `/tmp/wprof-${it}`
    const run = await runChild([VITEST_BIN, 'run', '--config', 'bench/vitest.cpu.config.ts', '--execArgv=--cpu-prof', `--execArgv=--cpu-prof-dir=${dir}`], {
      HARENA_BASE_URL: ref.url, HARENA_API_TOKEN: token, HARENA_USER_ID: '1', HARENA_TIMEOUT_MS: '60000',
      VALIDATION_ITERATIONS: it, VALIDATION_WARMUP: '1', VALIDATION_CONCURRENCY: '16', VALIDATION_REPORT_DIR: tempDir('r'), BENCH_CPU_DIR: tempDir('c'), REFERENCE_NOW,
    })
    console.log(it, 'exit', run.exitCode, Math.round(run.wallMs), 'ms')
  }
} finally { await ref.close() }
