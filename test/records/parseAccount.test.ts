import { describe, expect, it } from 'vitest'
import { parseAccount } from '../../src/records/parseAccount.js'
import { accountArbitrary, MINIMAL_LEAD } from '../support/records-arbitraries.js'
import { expectJsonRoundTrip, expectPureParse } from '../support/records-assertions.js'

describe('parseAccount', () => {
  it('defaults the state to active and keeps unknown fields under extra', () => {
    expect(parseAccount({ ...MINIMAL_LEAD, name: 'Contoso', sic: '7372' })).toEqual({
      ...MINIMAL_LEAD,
      name: 'Contoso',
      state: 'active',
      extra: { sic: '7372' },
    })
  })

  it('keeps every field of a merged, inactive account', () => {
    const input = {
      ...MINIMAL_LEAD,
      name: 'n'.repeat(160),
      website: 'https://contoso.example',
      phone: '+1 555 0100',
      email: 'info@contoso.example',
      address: { street1: '1 Main St', city: 'Redmond', stateOrProvince: 'WA', postalCode: '98052', country: 'US' },
      industry: 'wholesale',
      numberOfEmployees: 0,
      primaryContactId: 'con-1',
      originatingLeadId: 'lead-1',
      state: 'inactive',
      masterId: 'acc-2',
    }
    expect(expectPureParse(parseAccount, input)).toEqual(input)
  })

  it('round-trips any valid account through JSON without mutating it (property)', () => {
    expectJsonRoundTrip(parseAccount, accountArbitrary)
  })
})
