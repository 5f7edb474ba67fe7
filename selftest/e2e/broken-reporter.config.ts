// The validation suite's own configuration (vitest.config.ts) with one defect injected, for
// selftest/e2e/no-verdict.test.ts: the verdict reporter's model cannot be built when the run ends, and the error
// quotes the run's token (as an error quoting a header or a body might). Everything else is the real run.
import type ValidationReporter from '../../reporters/validation-reporter.ts'
import base from '../../vitest.config.ts'

// Found by its shape: vitest.config.ts loads the configuration from its cached bundle
// (tests/support/cached-bundle.ts), whose ValidationReporter class is not the one this file would import.
const isValidationReporter = (r: unknown): r is ValidationReporter => typeof r === 'object' && r !== null && 'buildModel' in r && 'junitPlan' in r
const reporters: readonly unknown[] = Array.isArray(base.test?.reporters) ? base.test.reporters : []
const validation = reporters.find(isValidationReporter)
if (validation === undefined) throw new Error('vitest.config.ts has no ValidationReporter instance')
validation.buildModel = () => {
  throw new Error(`injected defect: cannot build the model (Authorization: Bearer ${process.env.HARENA_API_TOKEN ?? ''})`)
}
export default base
