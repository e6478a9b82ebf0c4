import { asLeadkitError } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import type { QualificationSettings } from '../settings/types.js'
import { createPlanning } from './internal/planning.js'
import { qualifyLead } from './internal/qualifyLead.js'
import type { QualificationContext, QualificationPlan, QualificationRequest } from './types.js'

/**
 * Plans what qualifying a lead would create, link and change, without writing anything.
 *
 * The plan follows the organisation's settings: in the legacy experience auto-create on creates an account, a
 * contact and an opportunity with no prompt, off asks the seller which of the three to create; in the new experience
 * each record type is created by the seller (create, use existing, none) or automatically (shown read-only).
 * Duplicate detection applies to every new account and contact, automatic ones included.
 *
 * @param lead - the lead to qualify; it must be open
 * @param settings - the organisation's qualification settings (see `parseQualificationSettings`)
 * @param request - what the seller chose in the qualify pane
 * @param context - what the planner cannot look up: `now`, the lead's notes, possible duplicates, the user's roles
 * @returns a frozen plan whose `status` says whether it is ready, needs the seller's input, or is blocked
 * @throws LeadkitError when the lead, the request or the context is malformed (code and path say where)
 * @example
 * const settings = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
 * const plan = planQualification(lead, settings, {}, { now: '2026-03-02T10:00:00Z' })
 * plan.status //=> 'ready'
 * plan.operations.map((step) => `${step.op} ${step.entity}`)
 * //=> ['create account', 'create contact', 'create opportunity', 'update lead']
 */
export function planQualification(
  lead: Lead,
  settings: QualificationSettings,
  request: QualificationRequest = {},
  context: QualificationContext = {},
): QualificationPlan {
  try {
    // A call of its own: nothing it remembers while planning outlives it (see docs/qualification.md).
    return qualifyLead(createPlanning(), lead, settings, request, context)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}
