/**
 * What an executor checks of its own arguments before it looks at a plan: the repositories and the options.
 * Internal to persistence: not exported from the folder's barrel. The plan itself is checked by
 * `internal/checkPlan.ts`, shared with the planners.
 */
import { isObject, refuse } from '../../internal/checkPlan.js'
import { describe, isIsoInstant } from '../../internal/validate.js'
import type { ExecutePlanOptions, Repositories } from '../types.js'

/**
 * Checks `options` of `executePlan` / `executeBulk`: an object or nothing, `now` an ISO instant that exists.
 *
 * @example
 * checkExecuteOptions({ now: 'garbage' }) // throws invalid_format at ['now']
 */
export function checkExecuteOptions(options: unknown): asserts options is ExecutePlanOptions | undefined {
  if (options === undefined) return
  if (!isObject(options)) {
    refuse('invalid_type', [], `options must be an object like { now } (got ${describe(options)})`)
  }
  const now = options.now
  if (now !== undefined && (typeof now !== 'string' || !isIsoInstant(now))) {
    refuse(
      'invalid_format',
      ['now'],
      `options.now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z (got ${describe(now)})`,
    )
  }
}

/**
 * Checks the repositories an executor is given have a `transaction` to run the plan in.
 *
 * @example
 * checkRepositories(null) // throws invalid_type
 */
export function checkRepositories(repositories: unknown): asserts repositories is Repositories {
  const ok =
    repositories !== null &&
    typeof repositories === 'object' &&
    typeof (repositories as { transaction?: unknown }).transaction === 'function' &&
    isObject((repositories as { executedPlans?: unknown }).executedPlans)
  if (!ok) {
    const got = describe(repositories)
    refuse('invalid_type', [], `repositories must be a repository set with transaction() (got ${got})`)
  }
}

