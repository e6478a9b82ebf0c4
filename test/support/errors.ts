/** Error helpers the tests share. */
import { LeadkitError } from '../../src/errors.js'

/** Runs `run` and returns the LeadkitError it throws; fails the test when it throws nothing or something else. */
export function catchLeadkitError(run: () => unknown): LeadkitError {
  try {
    run()
  } catch (error) {
    if (error instanceof LeadkitError) return error
    throw error
  }
  throw new Error('expected a LeadkitError')
}
