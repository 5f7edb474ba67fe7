// A Vitest watch session (`vitest --watch`: the same startVitest the CLI calls, the project's vitest.config.ts) whose
// reruns a test asks for on stdin: each line "rerun" reruns the session's test files through Vitest's public
// rerunTestSpecifications, as the `r` key or an edited file does (onWatcherRerun, then the run). A line
// "pattern <regexp>" sets the session's test name filter first (Vitest's public setGlobalTestNamePattern, what the `t`
// key's prompt changes), then reruns them. Without a terminal Vitest reads no keys, and a test must not edit the
// project's files to make a rerun happen.
// Run as `node selftest/e2e/watch-session.mjs --watch [-t <regexp>]` from the project root (the config reads argv like
// the CLI's; `-t` is the session's starting filter, as `npx vitest --watch -t <regexp>`).
import { createInterface } from 'node:readline'
import { startVitest } from 'vitest/node'

const t = process.argv.indexOf('-t')
const vitest = await startVitest('test', [], { watch: true, ...(t === -1 ? {} : { testNamePattern: process.argv[t + 1] }) })
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...rest] = line.trim().split(' ')
  if (command === 'pattern') vitest.setGlobalTestNamePattern(rest.join(' '))
  else if (command !== 'rerun') return
  void vitest.globTestSpecifications().then((specs) => vitest.rerunTestSpecifications(specs))
})
