// Preloaded with NODE_OPTIONS=--import (selftest/release/startup-window.test.ts): registers hooks.mjs, which holds the
// loading of release/pipeline.ts until the test says go.
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
