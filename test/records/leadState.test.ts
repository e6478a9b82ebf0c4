import { describe, expect, it } from 'vitest'
import { fromDataverse } from '../../src/records/fromDataverse.js'
import {
  LEAD_STATE_CODES,
  LEAD_STATUS_REASON_CODES,
  LEAD_STATUS_REASONS,
  isClosedLead,
  isOpenLead,
  isStatusReasonOf,
  leadStateOf,
} from '../../src/records/leadState.js'
import { parseLead, safeParseLead } from '../../src/records/parseLead.js'
import { toDataverse } from '../../src/records/toDataverse.js'
import type { LeadState, LeadStatusReason } from '../../src/records/types.js'
import { MINIMAL_LEAD, STATUS_REASONS } from '../support/records-arbitraries.js'

// The product's codes, written out independently of src.
const STATE_CODES: Readonly<Record<LeadState, number>> = { open: 0, qualified: 1, disqualified: 2 }
const REASON_CODES: Readonly<Record<LeadStatusReason, number>> = {
  new: 1,
  contacted: 2,
  qualified: 3,
  lost: 4,
  'cannot-contact': 5,
  'no-longer-interested': 6,
  canceled: 7,
}
const STATES = Object.keys(STATE_CODES) as LeadState[]
const REASONS = Object.keys(REASON_CODES) as LeadStatusReason[]
const MATRIX = STATES.flatMap((state) => REASONS.map((reason) => [state, reason, STATUS_REASONS[reason] === state] as const))

describe('lead state and status reason', () => {
  it('has the Dataverse codes exactly', () => {
    expect(LEAD_STATE_CODES).toEqual(STATE_CODES)
    expect(LEAD_STATUS_REASON_CODES).toEqual(REASON_CODES)
    expect(LEAD_STATUS_REASONS).toEqual({
      open: ['new', 'contacted'],
      qualified: ['qualified'],
      disqualified: ['lost', 'cannot-contact', 'no-longer-interested', 'canceled'],
    })
  })

  it('has 21 state × reason pairs, 7 of them valid', () => {
    expect(MATRIX).toHaveLength(21)
    expect(MATRIX.filter(([, , valid]) => valid)).toHaveLength(7)
  })

  it.each(MATRIX)('state %s with reason %s is valid: %s', (state, reason, valid) => {
    expect(isStatusReasonOf(state, reason)).toBe(valid)
    const result = safeParseLead({ ...MINIMAL_LEAD, state, statusReason: reason })
    if (valid) {
      expect(result).toEqual({ success: true, value: { ...MINIMAL_LEAD, state, statusReason: reason } })
      const row = toDataverse(parseLead({ ...MINIMAL_LEAD, state, statusReason: reason }), 'lead')
      expect([row.statecode, row.statuscode]).toEqual([STATE_CODES[state], REASON_CODES[reason]])
    } else {
      expect(result.success || result.issues).toEqual([expect.objectContaining({ code: 'invalid_combination', path: ['statusReason'] })])
    }
    const fromRow = (() => {
      try {
        return fromDataverse({ leadid: 'l', createdon: MINIMAL_LEAD.createdOn, modifiedon: MINIMAL_LEAD.modifiedOn, versionnumber: 1, statecode: STATE_CODES[state], statuscode: REASON_CODES[reason] }, 'lead')
      } catch (error) {
        return error as { code: string; path: readonly string[] }
      }
    })()
    if (valid) expect(fromRow).toMatchObject({ state, statusReason: reason })
    else expect(fromRow).toMatchObject({ code: 'invalid_combination', path: ['statuscode'] })
  })

  it('tells the state of each reason and whether a lead is open or closed', () => {
    for (const reason of REASONS) expect(leadStateOf(reason)).toBe(STATUS_REASONS[reason])
    expect(isOpenLead({ state: 'open' })).toBe(true)
    expect(isClosedLead({ state: 'open' })).toBe(false)
    expect(isClosedLead({ state: 'qualified' })).toBe(true)
    expect(isClosedLead({ state: 'disqualified' })).toBe(true)
  })
})
