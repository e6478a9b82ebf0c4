import { LeadkitError } from '../errors.js'
import { asLeadkitError, requireObject } from '../internal/validate.js'
import type { LeadState, LeadStatusReason } from './types.js'

function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, what: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value
  const message = `${what} needs ${path} to be one of ${allowed.join(', ')} (got ${got})`
  throw new LeadkitError({ code: 'invalid_value', path: [path], message })
}

const STATES: readonly LeadState[] = ['open', 'qualified', 'disqualified']

/** A lead's state, checked; a getter that throws on the way is the input's fault and leaves as a LeadkitError. */
function stateOf(lead: unknown, what: string): LeadState {
  requireObject(lead, ['lead'], what)
  let state: unknown
  try {
    state = (lead as { readonly state?: unknown }).state
  } catch (error) {
    throw asLeadkitError(error, ['lead', 'state'])
  }
  return requireOneOf(state, STATES, 'state', what)
}

/**
 * The status reasons each lead state allows, in the product's order; the first is the default.
 *
 * @example
 * LEAD_STATUS_REASONS.disqualified //=> ['lost', 'cannot-contact', 'no-longer-interested', 'canceled']
 */
export const LEAD_STATUS_REASONS: Readonly<Record<LeadState, readonly LeadStatusReason[]>> = Object.freeze({
  open: Object.freeze(['new', 'contacted'] as const),
  qualified: Object.freeze(['qualified'] as const),
  disqualified: Object.freeze(['lost', 'cannot-contact', 'no-longer-interested', 'canceled'] as const),
})

/**
 * Dataverse `statecode` of each lead state.
 *
 * @example
 * LEAD_STATE_CODES.qualified //=> 1
 */
export const LEAD_STATE_CODES: Readonly<Record<LeadState, number>> = Object.freeze({ open: 0, qualified: 1, disqualified: 2 })

/**
 * Dataverse `statuscode` of each lead status reason.
 *
 * @example
 * LEAD_STATUS_REASON_CODES['cannot-contact'] //=> 5
 */
export const LEAD_STATUS_REASON_CODES: Readonly<Record<LeadStatusReason, number>> = Object.freeze({
  new: 1,
  contacted: 2,
  qualified: 3,
  lost: 4,
  'cannot-contact': 5,
  'no-longer-interested': 6,
  canceled: 7,
})

/**
 * The state a status reason belongs to.
 *
 * @example
 * leadStateOf('canceled') //=> 'disqualified'
 */
export function leadStateOf(reason: LeadStatusReason): LeadState {
  requireOneOf(reason, Object.keys(LEAD_STATUS_REASON_CODES) as LeadStatusReason[], 'reason', 'leadStateOf')
  if (reason === 'new' || reason === 'contacted') return 'open'
  return reason === 'qualified' ? 'qualified' : 'disqualified'
}

/**
 * Whether a status reason belongs to a state.
 *
 * @example
 * isStatusReasonOf('qualified', 'lost') //=> false
 */
export function isStatusReasonOf(state: LeadState, reason: LeadStatusReason): boolean {
  requireOneOf(state, STATES, 'state', 'isStatusReasonOf')
  return LEAD_STATUS_REASONS[state].includes(reason)
}

/**
 * Whether a lead is closed (qualified or disqualified), as the product's "Closed Leads" view lists them.
 *
 * @example
 * isClosedLead({ state: 'qualified' }) //=> true
 */
export function isClosedLead(lead: { readonly state: LeadState }): boolean {
  return stateOf(lead, 'isClosedLead') !== 'open'
}

/**
 * Whether a lead is open (New or Contacted).
 *
 * @example
 * isOpenLead({ state: 'open' }) //=> true
 */
export function isOpenLead(lead: { readonly state: LeadState }): boolean {
  return stateOf(lead, 'isOpenLead') === 'open'
}
