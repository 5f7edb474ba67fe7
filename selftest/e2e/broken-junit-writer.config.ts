// The validation suite's own configuration (vitest.config.ts) with one defect injected, for
// selftest/e2e/no-verdict.test.ts: the end of the run cannot put junit.xml in place (a full disk after the other
// documents were written): the second rename onto junit.xml throws — the first is the in-progress set written at start.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import base from '../../vitest.config.ts'

const rename = fs.renameSync
let junitRenames = 0
fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
  if (String(to).endsWith('junit.xml') && ++junitRenames === 2) throw new Error('injected defect: ENOSPC, no space left on device')
  rename(from, to)
}) as typeof fs.renameSync
syncBuiltinESMExports()
export default base
