import { isLeadkitError } from '../errors.js'
import type { PlanBase } from '../plan.js'
import { executePlan } from './executePlan.js'
import type { BulkItemResult, ExecutePlanOptions, Repositories } from './types.js'

/**
 * Executes many plans one after another, each atomic on its own (see {@link executePlan}). A plan that fails is
 * reported with its error code and message; it neither undoes the plans before it nor stops the ones after it.
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
  const outcomes: BulkItemResult[] = []
  for (const plan of plans) {
    try {
      const result = await executePlan(plan, repositories, options)
      outcomes.push(Object.freeze({ planId: plan.id, ok: true as const, result }))
    } catch (error) {
      // Anything else than a LeadkitError means the store itself broke mid-write: report it as write_failed.
      const code = isLeadkitError(error) ? error.code : 'write_failed'
      const message = error instanceof Error ? error.message : String(error)
      outcomes.push(Object.freeze({ planId: plan.id, ok: false as const, error: Object.freeze({ code, message }) }))
    }
  }
  return Object.freeze(outcomes)
}
