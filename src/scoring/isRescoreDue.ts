import { addHours } from 'date-fns/addHours'
import { isAfter } from 'date-fns/isAfter'
import { isBefore } from 'date-fns/isBefore'
import { LeadkitError } from '../errors.js'
import { isIsoInstant } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import type { RescoreDecision } from './types.js'

/**
 * Whether a lead is due for scoring: a new lead (never scored) at once; an updated lead (changed after its last
 * score) once 24 hours have passed since that score. A lead not changed since its last score keeps it.
 *
 * @param lead - the lead; its `modifiedOn` says when it last changed
 * @param lastScoredAt - when it was last scored (ISO instant), or undefined if never
 * @param now - the current instant (ISO)
 * @returns `{ due, reason }`, reason one of `new-lead`, `updated`, `updated-within-24-hours`, `not-updated`
 * @example
 * isRescoreDue(lead, '2026-06-01T09:00:00Z', '2026-06-02T09:00:00Z') //=> { due: true, reason: 'updated' }
 */
export function isRescoreDue(lead: Pick<Lead, 'modifiedOn'>, lastScoredAt: string | undefined, now: string): RescoreDecision {
  for (const [value, path] of [
    [now, 'now'],
    [lastScoredAt, 'lastScoredAt'],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !isIsoInstant(value))) {
      throw new LeadkitError({ code: 'invalid_format', path: [path], message: `${path} must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z` })
    }
  }
  if (typeof now !== 'string') throw new LeadkitError({ code: 'required', path: ['now'], message: 'now is required' })
  if (lastScoredAt === undefined) return Object.freeze({ due: true, reason: 'new-lead' })
  // A lead without a readable modifiedOn counts as not changed, as an unreadable date compares as no date.
  if (!isAfter(lead.modifiedOn, lastScoredAt)) return Object.freeze({ due: false, reason: 'not-updated' })
  // 24 hours of elapsed time, not a calendar day: a local day across a DST change lasts 23 or 25 hours.
  return isBefore(now, addHours(lastScoredAt, 24))
    ? Object.freeze({ due: false, reason: 'updated-within-24-hours' })
    : Object.freeze({ due: true, reason: 'updated' })
}
