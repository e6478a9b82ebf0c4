import { asLeadkitError, requireArray } from '../internal/validate.js'

/**
 * The stages of the out-of-the-box "Lead to Opportunity Sales Process" business process flow, in order.
 *
 * @example
 * LEAD_TO_OPPORTUNITY_STAGES[0] //=> 'qualify'
 */
export const LEAD_TO_OPPORTUNITY_STAGES: readonly string[] = Object.freeze(['qualify', 'develop', 'propose', 'close'])

/**
 * The stage after `stage` in a business process flow, or `undefined` when it is the last or unknown.
 *
 * @example
 * nextProcessStage('qualify') //=> 'develop'
 * nextProcessStage('close') //=> undefined
 */
export function nextProcessStage(stage: string, stages: readonly string[] = LEAD_TO_OPPORTUNITY_STAGES): string | undefined {
  requireArray(stages, ['stages'], 'nextProcessStage')
  try {
    const index = stages.indexOf(stage)
    return index < 0 ? undefined : stages[index + 1]
  } catch (error) {
    // A proxy or getter in the list that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['stages'])
  }
}
