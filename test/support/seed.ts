/**
 * Pins the seed of every fast-check property in the suite, so a run is repeatable: a property that fails prints
 * `seed` and the shrunk counterexample in its message, and `LEADKIT_SEED=<n> npm test` replays it (or explores
 * another seed). Loaded by vitest before every test file (see vitest.config.ts).
 */
import fc from 'fast-check'

const DEFAULT_SEED = 20_261_202
const fromEnv = process.env.LEADKIT_SEED

/** The seed every property of this run uses. */
export const TEST_SEED = fromEnv === undefined || fromEnv === '' ? DEFAULT_SEED : Number.parseInt(fromEnv, 10)

if (!Number.isSafeInteger(TEST_SEED)) throw new Error(`LEADKIT_SEED must be an integer (got ${String(fromEnv)})`)

fc.configureGlobal({ seed: TEST_SEED })
