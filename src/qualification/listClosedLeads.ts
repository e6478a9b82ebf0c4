import { asLeadkitError, requireArray } from '../internal/validate.js'
import { isClosedLead } from '../records/leadState.js'
import type { Lead } from '../records/types.js'

/**
 * The leads of the product's "Closed Leads" view: those qualified or disqualified, in input order. Use
 * `isClosedLead` (from `leadkit/records`) for one lead.
 *
 * @param leads - any leads
 * @returns a frozen array of the closed ones (the same objects, not copies)
 * @example
 * listClosedLeads([openLead, qualifiedLead, disqualifiedLead]).map((lead) => lead.state)
 * //=> ['qualified', 'disqualified']
 */
export function listClosedLeads<T extends Pick<Lead, 'state'>>(leads: readonly T[]): readonly T[] {
  requireArray(leads, ['leads'], 'listClosedLeads')
  try {
    return Object.freeze(leads.filter(isClosedLead))
  } catch (error) {
    // A proxy or getter in the list that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['leads'])
  }
}
