// A Vitest watch session (`vitest --watch`: the same startVitest the CLI calls, the project's vitest.config.ts) whose
// reruns a test asks for on stdin: each line "rerun" reruns the session's test files through Vitest's public
// rerunTestSpecifications, as the `r` key or an edited file does (onWatcherRerun, then the run). Without a terminal
// Vitest reads no keys, and a test must not edit the project's files to make a rerun happen.
// Run as `node selftest/e2e/watch-session.mjs --watch` from the project root (the config reads argv like the CLI's).
import { createInterface } from 'node:readline'
import { startVitest } from 'vitest/node'

const vitest = await startVitest('test', [], { watch: true })
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'rerun') return
  void vitest.globTestSpecifications().then((specs) => vitest.rerunTestSpecifications(specs))
})
