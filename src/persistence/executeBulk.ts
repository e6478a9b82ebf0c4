import { isLeadkitError, LeadkitError } from '../errors.js'
import { asLeadkitError, describe } from '../internal/validate.js'
import type { PlanBase } from '../plan.js'
import { executePlan } from './executePlan.js'
import { checkExecuteOptions, checkRepositories } from './internal/checkExecution.js'
import type { BulkItemResult, ExecutePlanOptions, Repositories } from './types.js'

/**
 * Executes many plans one after another, each atomic on its own (see {@link executePlan}). A plan that fails is
 * reported with its error code and message; it neither undoes the plans before it nor stops the ones after it.
 * A plan that is not a plan (tampered, `null`) is reported like any other failure; `plans` that is not an array,
 * bad `options` or bad `repositories` are refused before any plan runs.
 *
 * @param plans - plans to execute, in order
 * @param repositories - the repositories to write through
 * @param options - `now`, as for {@link executePlan}
 * @returns one outcome per plan, in the order of `plans`
 * @example
 * const outcomes = await executeBulk([planA, blockedPlan], repositories)
 * outcomes.map((outcome) => outcome.ok) //=> [true, false]
 * outcomes[1].error.code //=> 'plan_not_ready'
 */
export async function executeBulk(
  plans: readonly PlanBase[],
  repositories: Repositories,
  options: ExecutePlanOptions = {},
): Promise<readonly BulkItemResult[]> {
  try {
    return await executeBulkUnguarded(plans, repositories, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

async function executeBulkUnguarded(
  plans: readonly PlanBase[],
  repositories: Repositories,
  options: ExecutePlanOptions,
): Promise<readonly BulkItemResult[]> {
  if (!Array.isArray(plans)) {
    const message = `plans must be an array (got ${describe(plans)})`
    throw new LeadkitError({ code: 'invalid_type', path: [], message })
  }
  checkRepositories(repositories)
  checkExecuteOptions(options)
  const outcomes: BulkItemResult[] = []
  for (const plan of plans) {
    try {
      const result = await executePlan(plan, repositories, options)
      outcomes.push(Object.freeze({ planId: result.planId, ok: true as const, result }))
    } catch (error) {
      // Anything else than a LeadkitError means the store itself broke mid-write: report it as write_failed.
      const code = isLeadkitError(error) ? error.code : 'write_failed'
      const message = error instanceof Error ? error.message : String(error)
      const failed = { planId: planIdOf(plan), ok: false as const, error: Object.freeze({ code, message }) }
      outcomes.push(Object.freeze(failed))
    }
  }
  return Object.freeze(outcomes)
}

// A plan refused for its shape may have no id to report it under: it is reported under ''.
function planIdOf(plan: unknown): string {
  try {
    const id = plan !== null && typeof plan === 'object' ? (plan as { readonly id?: unknown }).id : undefined
    return typeof id === 'string' ? id : ''
  } catch {
    // A plan whose id getter or proxy throws has no id to report either; one bad plan must not end the batch.
    return ''
  }
}
