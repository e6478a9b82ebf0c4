import { LeadkitError } from '../errors.js'
import { sealPlan } from '../internal/checkPlan.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError, describe } from '../internal/validate.js'
import type { BlockReason, PlanOperation } from '../plan.js'
import type { Lead } from '../records/types.js'
import { CLOSE_FIELDS, MESSAGES, checkLead, lacksSalesRole, leadNotes, leadReads, leadUpdate } from './internal/common.js'
import { checkNow, createPlanning, planIdOf } from './internal/planning.js'
import type { DisqualificationPlan, DisqualifyReason, QualificationContext } from './types.js'

/**
 * The status reasons a lead can be disqualified with, in the product's order.
 *
 * @example
 * DISQUALIFY_REASONS[0] //=> 'lost'
 */
export const DISQUALIFY_REASONS: readonly DisqualifyReason[] = Object.freeze(['lost', 'cannot-contact', 'no-longer-interested', 'canceled'])

/**
 * Plans disqualifying a lead: it becomes Disqualified with the given status reason, keeping its notes and
 * attachments for the audit trail (it can be reactivated later).
 *
 * Blocked (`opportunity_associated`) when an opportunity is associated with the lead (`lead.qualifyingOpportunityId`
 * or `context.hasOpportunity`), `lead_closed` when it is already qualified or disqualified, `sales_role_required`
 * when the user's roles are given and none is a sales role.
 *
 * @param lead - the open lead to disqualify
 * @param statusReason - `lost`, `cannot-contact`, `no-longer-interested` or `canceled`
 * @param context - `now` (required when the plan is ready), the lead's notes, `hasOpportunity`, `userRoles`
 * @returns a frozen plan
 * @throws LeadkitError `invalid_value` at `['statusReason']` for any other reason
 * @example
 * const plan = planDisqualification(lead, 'no-longer-interested', { now })
 * plan.status //=> 'ready'
 * plan.operations[0]?.op //=> 'update'
 */
export function planDisqualification(
  lead: Lead,
  statusReason: DisqualifyReason,
  context: QualificationContext = {},
): DisqualificationPlan {
  try {
    return planDisqualificationUnguarded(lead, statusReason, context)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function planDisqualificationUnguarded(
  lead: Lead,
  statusReason: DisqualifyReason,
  context: QualificationContext,
): DisqualificationPlan {
  checkLead(lead)
  if (!DISQUALIFY_REASONS.includes(statusReason)) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['statusReason'],
      message: `statusReason must be one of ${DISQUALIFY_REASONS.map((r) => `"${r}"`).join(', ')} (got ${describe(statusReason)})`,
    })
  }
  const planning = createPlanning()
  checkNow(planning, context.now, false)
  const notes = leadNotes(lead, context)
  const blockers: BlockReason[] = []
  if (lacksSalesRole(context)) blockers.push({ code: 'sales_role_required', message: MESSAGES.sales_role_required, path: ['context', 'userRoles'] })
  if (lead.state !== 'open') blockers.push({ code: 'lead_closed', message: MESSAGES.lead_closed, path: ['lead', 'state'] })
  if (context.hasOpportunity === true || lead.qualifyingOpportunityId !== undefined) {
    blockers.push({ code: 'opportunity_associated', message: MESSAGES.opportunity_associated })
  }
  const operations: PlanOperation[] = []
  if (blockers.length === 0) {
    const now = checkNow(planning, context.now, true) as string
    operations.push(
      leadUpdate(
        lead,
        CLOSE_FIELDS,
        { state: 'disqualified', statusReason, closedOn: now, modifiedOn: now },
        `the lead becomes Disqualified (${statusReason}); its notes and attachments stay on it`,
        planning,
      ),
    )
  }
  return sealPlan(
    deepFreeze({
      id: planIdOf(planning, 'disqualification', lead.id, lead.version, { statusReason }),
      kind: 'disqualification',
      status: blockers.length === 0 ? 'ready' : 'blocked',
      leadId: lead.id,
      statusReason,
      reads: leadReads(lead, notes),
      operations,
      blockers,
      notesKept: notes.map((note) => note.id),
    }),
  )
}
