// The validation suite's own configuration (vitest.config.ts) with one defect injected, for
// selftest/e2e/no-verdict.test.ts: the verdict reporter's model cannot be built when the run ends, and the error
// quotes the run's token (as an error quoting a header or a body might). Everything else is the real run.
import ValidationReporter from '../../reporters/validation-reporter.ts'
import base from '../../vitest.config.ts'

const reporters: readonly unknown[] = Array.isArray(base.test?.reporters) ? base.test.reporters : []
const validation = reporters.find((r): r is ValidationReporter => r instanceof ValidationReporter)
if (validation === undefined) throw new Error('vitest.config.ts has no ValidationReporter instance')
validation.buildModel = () => {
  throw new Error(`injected defect: cannot build the model (Authorization: Bearer ${process.env.HARENA_API_TOKEN ?? ''})`)
}
export default base
