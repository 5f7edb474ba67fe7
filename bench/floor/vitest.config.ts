// One trivial test file, Vitest's defaults otherwise: the floor the default validation run is compared to.
import { defineConfig } from 'vitest/config'

export default defineConfig({ test: { include: ['bench/floor/one.test.ts'], reporters: ['default'] } })
