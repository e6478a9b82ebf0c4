import { sealPlan } from '../internal/checkPlan.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError } from '../internal/validate.js'
import type { BlockReason, PlanOperation } from '../plan.js'
import type { Lead } from '../records/types.js'
import { CLOSE_FIELDS, MESSAGES, REMOVE, checkLead, lacksSalesRole, leadNotes, leadReads, leadUpdate } from './internal/common.js'
import { checkNow, createPlanning, planIdOf } from './internal/planning.js'
import type { QualificationContext, ReactivationPlan } from './types.js'

/**
 * Plans reactivating a qualified or disqualified lead: it becomes Open / New again with its notes and attachments,
 * and `closedOn` is cleared, so it can be qualified again. The opportunity it was qualified into (if any) stays
 * linked through `qualifyingOpportunityId`.
 *
 * Blocked (`lead_open`) when the lead is already open.
 *
 * @param lead - a closed lead (see the Closed Leads view, {@link listClosedLeads})
 * @param context - the lead's notes; `now` stamps `modifiedOn` when given
 * @returns a frozen plan
 * @example
 * const plan = planReactivation({ ...lead, state: 'disqualified', statusReason: 'lost', closedOn: '2026-01-05T10:00:00Z' })
 * plan.status //=> 'ready'
 * plan.operations[0]
 * //=> { op: 'update', entity: 'lead', …, patches: [{ op: 'replace', path: ['state'], value: 'open' }, …] }
 */
export function planReactivation(lead: Lead, context: QualificationContext = {}): ReactivationPlan {
  try {
    return planReactivationUnguarded(lead, context)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function planReactivationUnguarded(lead: Lead, context: QualificationContext): ReactivationPlan {
  checkLead(lead)
  const planning = createPlanning()
  const now = checkNow(planning, context.now, false)
  const notes = leadNotes(lead, context)
  const blockers: BlockReason[] = []
  if (lacksSalesRole(context)) blockers.push({ code: 'sales_role_required', message: MESSAGES.sales_role_required, path: ['context', 'userRoles'] })
  if (lead.state === 'open') blockers.push({ code: 'lead_open', message: MESSAGES.lead_open, path: ['lead', 'state'] })
  const operations: PlanOperation[] = []
  if (blockers.length === 0) {
    operations.push(
      leadUpdate(
        lead,
        CLOSE_FIELDS,
        { state: 'open', statusReason: 'new', closedOn: REMOVE, ...(now === undefined ? {} : { modifiedOn: now }) },
        'the lead becomes Open again, with its notes and attachments',
        planning,
      ),
    )
  }
  return sealPlan(
    deepFreeze({
      id: planIdOf(planning, 'reactivation', lead.id, lead.version, null),
      kind: 'reactivation',
      status: blockers.length === 0 ? 'ready' : 'blocked',
      leadId: lead.id,
      reads: leadReads(lead, notes),
      operations,
      blockers,
      notesKept: notes.map((note) => note.id),
    }),
  )
}
