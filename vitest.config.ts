import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

// `npm test` runs the suite twice, under UTC and under America/New_York, for the code that reads dates. The SQL
// compiler's tests compare SQL text and engines' results with the JS normalisers and the JS engine; none of it reads
// the process's time zone (the compiler refuses the date operators), and they take minutes, so they run in the UTC
// pass only.
const secondTimeZone = process.env.TZ !== undefined && process.env.TZ !== 'UTC'
const utcOnly = ['test/sql/**']

export default defineConfig({
  test: {
    // Every property test runs with a pinned seed (LEADKIT_SEED overrides it for exploratory runs).
    setupFiles: ['test/support/seed.ts'],
    // Tests assert on counts, never on wall time; vitest's 5-second default is a wall-time assertion that fails on a
    // busy machine (a shared CI runner) although nothing is wrong. A test that hangs still fails, after 2 minutes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One test file per core: vitest's default leaves one core to its own process (one worker on a 2-core runner),
    // which sits idle while the workers run. The UTC pass took 509 s with one worker and 310 s with two here.
    maxWorkers: availableParallelism(),
    exclude: secondTimeZone ? [...configDefaults.exclude, ...utcOnly] : configDefaults.exclude,
  },
})
