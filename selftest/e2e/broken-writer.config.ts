// The validation suite's own configuration (vitest.config.ts) with one defect injected, for
// selftest/e2e/no-verdict.test.ts: the end of the run cannot put its HTML page in place (a full disk, a renderer's
// bug): the second rename onto validation-report.html throws — the first is the in-progress page written at start.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import base from '../../vitest.config.ts'

const rename = fs.renameSync
let htmlRenames = 0
fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
  if (String(to).endsWith('validation-report.html') && ++htmlRenames === 2) throw new Error('injected defect: ENOSPC, no space left on device')
  rename(from, to)
}) as typeof fs.renameSync
syncBuiltinESMExports()
export default base
