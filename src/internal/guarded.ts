// Internal: the boundary of functions that read whatever the caller passes (a duplicate index's changes, the keys
// from the rules, the public testing fixtures). Not exported.
import { asLeadkitError } from './validate.js'

/**
 * Runs `build`, letting a getter or proxy of the caller's that throws, or input too deep to read, leave as a
 * LeadkitError (issue 13); a LeadkitError leaves as it is.
 *
 * @example
 * guarded(() => ({ ...overrides })) // a throwing getter in overrides → LeadkitError invalid_type
 */
export function guarded<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    throw asLeadkitError(error)
  }
}

/**
 * Like {@link guarded}, for work that awaits.
 *
 * @example
 * await guardedAsync(() => repositories.leads.insert(lead))
 */
export async function guardedAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw asLeadkitError(error)
  }
}
