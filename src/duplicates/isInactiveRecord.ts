import type { DuplicateEntity } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

/**
 * Whether a record counts as inactive for "exclude inactive matching records": a lead when it is qualified or
 * disqualified, an opportunity when it is won or lost, an account or contact when its state is not `active`.
 * A record without a `state` counts as active.
 *
 * @example
 * isInactiveRecord('lead', { state: 'qualified' }) //=> true
 * isInactiveRecord('account', { state: 'active' }) //=> false
 */
export function isInactiveRecord(entity: DuplicateEntity, record: object): boolean {
  try {
    return isInactiveRecordUnguarded(entity, record)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function isInactiveRecordUnguarded(entity: DuplicateEntity, record: object): boolean {
  const state = (record as { readonly state?: unknown }).state
  if (state === undefined || state === null) return false
  if (entity === 'lead' || entity === 'opportunity') return state !== 'open'
  return state !== 'active'
}
