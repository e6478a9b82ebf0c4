import { updateWithPatch } from './internal/intake.js'
import { LEAD_INTAKE } from './internal/intakeKinds.js'
import type { LeadPatch, UpdateRecordOptions } from './intakeTypes.js'
import type { Lead } from './types.js'

/**
 * Applies a checked patch (see {@link parseLeadPatch}) to a lead: sets the given fields, removes those set to `null`,
 * patches `address` and `extra` key by key; when anything changed, `modifiedOn` becomes `options.now` and `version`
 * grows by one. A patch that changes nothing returns the record as it was. A qualified or disqualified lead is
 * read-only, as in Dynamics 365 (reactivate it first): editing it is `invalid_value` at `['record', 'state']`.
 *
 * @param record - the stored record; it is never changed
 * @param patch - the edit
 * @param options - `now`, an ISO instant not before the record's `modifiedOn`
 * @returns the updated record, deep-frozen
 * @throws LeadkitError for a bad record (paths under `record`), patch (under `patch`) or options (under `options`)
 * @example
 * const edited = updateLead(lead, parseLeadPatch({ jobTitle: 'CTO' }), { now: '2026-03-02T10:00:00Z' })
 * edited.version //=> lead.version + 1
 */
export function updateLead(record: Lead, patch: LeadPatch, options: UpdateRecordOptions): Lead {
  return updateWithPatch<Lead>(LEAD_INTAKE, record, patch, options)
}
