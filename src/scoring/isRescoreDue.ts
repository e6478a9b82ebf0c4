import { addHours } from 'date-fns/addHours'
import { isAfter } from 'date-fns/isAfter'
import { isBefore } from 'date-fns/isBefore'
import { LeadkitError } from '../errors.js'
import { asLeadkitError, isIsoInstant } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import type { RescoreDecision } from './types.js'

/**
 * The two instants {@link isRescoreDue} compares, named so they cannot be swapped unnoticed.
 *
 * @example
 * const options: RescoreDueOptions = { lastScoredAt: '2026-06-01T09:00:00Z', now: '2026-06-02T09:00:00Z' }
 */
export interface RescoreDueOptions {
  /** When the lead was last scored (ISO instant); absent when it never was. Never after `now`. */
  readonly lastScoredAt?: string
  /** The current instant (ISO). */
  readonly now: string
}

/**
 * Whether a lead is due for scoring: a new lead (never scored) at once; an updated lead (changed after its last
 * score) once 24 hours have passed since that score. A lead not changed since its last score keeps it.
 *
 * @param lead - the lead; its `modifiedOn` says when it last changed
 * @param options - `lastScoredAt` (absent if never scored) and `now`, both ISO instants
 * @returns `{ due, reason }`, reason one of `new-lead`, `updated`, `updated-within-24-hours`, `not-updated`
 * @throws LeadkitError `invalid_format` for an instant that is not ISO, `required` without `now`,
 *   `invalid_combination` for a `lastScoredAt` after `now` (the two swapped, or a clock that is off), `invalid_type`
 *   for a lead or options that are not objects (the old `isRescoreDue(lead, lastScoredAt, now)` form included)
 * @example
 * isRescoreDue(lead, { lastScoredAt: '2026-06-01T09:00:00Z', now: '2026-06-02T09:00:00Z' })
 * //=> { due: true, reason: 'updated' }
 */
export function isRescoreDue(lead: Pick<Lead, 'modifiedOn'>, options: RescoreDueOptions): RescoreDecision {
  try {
    return isRescoreDueUnguarded(lead, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function isRescoreDueUnguarded(lead: Pick<Lead, 'modifiedOn'>, options: RescoreDueOptions): RescoreDecision {
  if (lead === null || typeof lead !== 'object') {
    const message = 'lead must be a lead record (its modifiedOn is read)'
    throw new LeadkitError({ code: 'invalid_type', path: ['lead'], message })
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: ['options'],
      message:
        'isRescoreDue takes named instants: isRescoreDue(lead, { lastScoredAt, now }) ' +
        '(the form isRescoreDue(lead, lastScoredAt, now) was replaced, so the two cannot be swapped)',
    })
  }
  const { lastScoredAt, now } = options
  for (const [value, key] of [
    [now, 'now'],
    [lastScoredAt, 'lastScoredAt'],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !isIsoInstant(value))) {
      throw new LeadkitError({
        code: 'invalid_format',
        path: ['options', key],
        message: `${key} must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z`,
      })
    }
  }
  if (typeof now !== 'string') {
    const message = 'now is required: the current instant'
    throw new LeadkitError({ code: 'required', path: ['options', 'now'], message })
  }
  if (lastScoredAt === undefined) return Object.freeze({ due: true, reason: 'new-lead' })
  if (isAfter(lastScoredAt, now)) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['options', 'lastScoredAt'],
      message:
        `lastScoredAt ${lastScoredAt} is after now ${now}: a lead cannot have been scored in the future; ` +
        'check that the two are not swapped',
    })
  }
  // A lead without a readable modifiedOn counts as not changed, as an unreadable date compares as no date.
  if (!isAfter(lead.modifiedOn, lastScoredAt)) return Object.freeze({ due: false, reason: 'not-updated' })
  // 24 hours of elapsed time, not a calendar day: a local day across a DST change lasts 23 or 25 hours.
  return isBefore(now, addHours(lastScoredAt, 24))
    ? Object.freeze({ due: false, reason: 'updated-within-24-hours' })
    : Object.freeze({ due: true, reason: 'updated' })
}
