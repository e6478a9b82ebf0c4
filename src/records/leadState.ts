import type { LeadState, LeadStatusReason } from './types.js'

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
  return LEAD_STATUS_REASONS[state].includes(reason)
}

/**
 * Whether a lead is closed (qualified or disqualified), as the product's "Closed Leads" view lists them.
 *
 * @example
 * isClosedLead({ state: 'qualified' }) //=> true
 */
export function isClosedLead(lead: { readonly state: LeadState }): boolean {
  return lead.state !== 'open'
}

/**
 * Whether a lead is open (New or Contacted).
 *
 * @example
 * isOpenLead({ state: 'open' }) //=> true
 */
export function isOpenLead(lead: { readonly state: LeadState }): boolean {
  return lead.state === 'open'
}
