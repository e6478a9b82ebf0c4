import { isLeadkitError } from '../errors.js'
import { asLeadkitError, requireArray } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import { checkParsedSettings } from '../settings/internal/parsedSettings.js'
import type { QualificationSettings } from '../settings/types.js'
import { createPlanning } from './internal/planning.js'
import { qualifyLead } from './internal/qualifyLead.js'
import type {
  BulkQualificationContext,
  BulkQualificationPlan,
  BulkQualificationResult,
  QualificationContext,
  QualificationRequest,
} from './types.js'

/**
 * Plans qualifying many leads at once, as the product's list view does when several leads are selected. Each lead
 * gets its own result — `ready`, `needs-input`, `blocked`, or `invalid` when the lead or its request is malformed —
 * so one bad lead never spoils the others. Memory grows linearly: one frozen plan per lead.
 *
 * @param leads - the leads to qualify
 * @param settings - the organisation's qualification settings
 * @param requests - each lead's request, by position (missing entries plan with no seller input)
 * @param context - shared context (`now`, `userRoles`, `mappingSet`, …) plus `forLead` for each lead's own notes,
 *   duplicates and referenced records; `newId`, when given, must give ids unique across leads
 * @returns every lead's result in input order, with counts by status
 * @example
 * const bulk = planBulkQualification([lead, closedLead, { id: '' }], automaticSettings, undefined, { now })
 * bulk.results.map((result) => result.status) //=> ['ready', 'blocked', 'invalid']
 * bulk.counts //=> { ready: 1, 'needs-input': 0, blocked: 1, invalid: 1 }
 */
export function planBulkQualification(
  leads: readonly Lead[],
  settings: QualificationSettings,
  requests?: readonly (QualificationRequest | undefined)[],
  context: BulkQualificationContext = {},
): BulkQualificationPlan {
  requireArray(leads, ['leads'], 'planBulkQualification')
  try {
    return planBulkUnguarded(leads, settings, requests, context)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function planBulkUnguarded(
  leads: readonly Lead[],
  settings: QualificationSettings,
  requests: readonly (QualificationRequest | undefined)[] | undefined,
  context: BulkQualificationContext,
): BulkQualificationPlan {
  // Settings are the call's, not one lead's: settings the parser did not make fail the call, not every lead.
  checkParsedSettings(settings)
  const counts = { ready: 0, 'needs-input': 0, blocked: 0, invalid: 0 }
  const results: BulkQualificationResult[] = new Array(leads.length)
  const { forLead, ...shared } = context
  // One planning memo for the whole call: the shared `now` is checked once and equal parts of the plans are shared.
  const planning = createPlanning(true)
  for (let index = 0; index < leads.length; index++) {
    const lead = leads[index] as Lead
    const leadId = typeof lead?.id === 'string' ? lead.id : ''
    let result: BulkQualificationResult
    try {
      const own: QualificationContext | undefined = forLead?.(lead, index)
      const request = requests?.[index]
      const leadContext = own === undefined ? shared : { ...shared, ...own }
      const plan = qualifyLead(planning, lead, settings, request === undefined ? {} : request, leadContext)
      result = Object.freeze({ index, leadId, status: plan.status, plan })
    } catch (error) {
      // Only leadkit's own input errors become a lead's result; a bug must still surface.
      if (!isLeadkitError(error)) throw error
      result = Object.freeze({ index, leadId, status: 'invalid' as const, issues: error.issues })
    }
    counts[result.status]++
    results[index] = result
  }
  return Object.freeze({ results: Object.freeze(results), counts: Object.freeze(counts) })
}
