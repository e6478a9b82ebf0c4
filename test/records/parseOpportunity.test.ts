import { describe, expect, it } from 'vitest'
import { parseOpportunity } from '../../src/records/parseOpportunity.js'
import { MINIMAL_LEAD, opportunityArbitrary } from '../support/records-arbitraries.js'
import { expectJsonRoundTrip, expectPureParse } from '../support/records-assertions.js'

describe('parseOpportunity', () => {
  it('defaults the state to open', () => {
    expect(parseOpportunity({ ...MINIMAL_LEAD, topic: 'Renewal' })).toEqual({ ...MINIMAL_LEAD, topic: 'Renewal', state: 'open' })
  })

  it('keeps every field of a won opportunity, with a close date that exists (29 February of a leap year)', () => {
    const input = {
      ...MINIMAL_LEAD,
      topic: 'Renewal',
      accountId: 'acc-1',
      contactId: 'con-1',
      originatingLeadId: 'lead-1',
      currency: 'EUR',
      estimatedRevenue: 0,
      estimatedCloseDate: '2028-02-29',
      description: 'Three-year renewal',
      budgetAmount: 1200.5,
      purchaseTimeframe: 'next-quarter',
      purchaseProcess: 'individual',
      decisionMaker: false,
      state: 'won',
      processStage: 'close',
    }
    expect(expectPureParse(parseOpportunity, input)).toEqual(input)
  })

  it('round-trips any valid opportunity through JSON without mutating it (property)', () => {
    expectJsonRoundTrip(parseOpportunity, opportunityArbitrary)
  })
})
