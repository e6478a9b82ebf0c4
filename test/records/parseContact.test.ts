import { describe, expect, it } from 'vitest'
import { parseContact } from '../../src/records/parseContact.js'
import { contactArbitrary, MINIMAL_LEAD } from '../support/records-arbitraries.js'
import { expectJsonRoundTrip, expectPureParse } from '../support/records-assertions.js'

describe('parseContact', () => {
  it('needs only a last name besides the stored-record fields, and defaults the state to active', () => {
    expect(parseContact({ ...MINIMAL_LEAD, lastName: 'Lovelace' })).toEqual({ ...MINIMAL_LEAD, lastName: 'Lovelace', state: 'active' })
  })

  it('keeps every field of a contact', () => {
    const input = {
      ...MINIMAL_LEAD,
      firstName: 'Ada',
      lastName: 'Lovelace',
      jobTitle: 'CTO',
      businessPhone: '+44 20 7946 0000',
      mobilePhone: '+44 7700 900000',
      email: 'ada@engines.example',
      address: { city: 'London' },
      accountId: 'acc-1',
      originatingLeadId: 'lead-1',
      state: 'inactive',
      masterId: 'con-2',
      extra: { nickname: 'Countess' },
    }
    expect(expectPureParse(parseContact, input)).toEqual(input)
  })

  it('round-trips any valid contact through JSON without mutating it (property)', () => {
    expectJsonRoundTrip(parseContact, contactArbitrary)
  })
})
