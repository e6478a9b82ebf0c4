import { describe, expect, it } from 'vitest'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { findQualificationDuplicates, QUALIFICATION_DUPLICATE_RULES as R } from '../../src/duplicates/findQualificationDuplicates.js'
import { LeadkitError } from '../../src/errors.js'
import type { Account, Contact, Lead, Opportunity } from '../../src/records/types.js'

const base = { createdOn: '2026-01-01T00:00:00Z', modifiedOn: '2026-01-01T00:00:00Z', version: 1 }

const lead: Lead = {
  ...base,
  id: 'lead-1',
  state: 'open',
  statusReason: 'new',
  topic: 'Coffee machines',
  firstName: 'Bob',
  lastName: 'Murphy',
  companyName: 'Contoso Ltd',
  email: 'bob.murphy@contoso.com',
  businessPhone: '+1 (425) 555-0100',
  website: 'https://www.contoso.com/shop',
}

const account = (id: string, fields: Partial<Account>): Account => ({ ...base, id, name: 'Other', state: 'active', ...fields })
const contact = (id: string, fields: Partial<Contact>): Contact => ({ ...base, id, lastName: 'Other', state: 'active', ...fields })
const opportunity = (id: string, fields: Partial<Opportunity>): Opportunity => ({ ...base, id, topic: 'Other', state: 'open', ...fields })

describe('findQualificationDuplicates', () => {
  const accounts = [
    account('a-name', { name: 'CONTOSO Limited' }),
    account('a-similar', { name: 'Contosso' }),
    account('a-domain', { name: 'Blue Yonder', website: 'contoso.com' }),
    account('a-phone', { name: 'Northwind', phone: '425.555.0100' }),
    account('a-none', { name: 'Fabrikam', website: 'fabrikam.com', phone: '+1 206 555 0199' }),
    account('a-inactive', { name: 'Contoso', state: 'inactive' }),
  ]

  it('finds accounts by company name, similar name, website or email domain and phone', () => {
    const found = findQualificationDuplicates(lead, { accounts }, { overridePhoneRegion: 'US' })
    expect(found.accounts?.map((d) => [d.record.id, d.rule])).toEqual([
      ['a-domain', R.accountDomain],
      ['a-name', R.accountName],
      ['a-phone', R.accountPhone],
      ['a-similar', R.accountSimilarName],
    ])
    expect(found.accounts?.find((d) => d.record.id === 'a-similar')?.score).toBeGreaterThanOrEqual(0.92)
    expect(found.contacts).toBeUndefined()
  })

  it('uses the email domain for accounts unless it is free mail', () => {
    const withoutSite = { ...lead, website: undefined, companyName: undefined, businessPhone: undefined }
    expect(findQualificationDuplicates(withoutSite, { accounts }).accounts?.map((d) => d.record.id)).toEqual(['a-domain'])
    expect(findQualificationDuplicates({ ...withoutSite, email: 'bob@gmail.com' }, { accounts: [account('g', { name: 'G', website: 'gmail.com' })] }).accounts).toBeUndefined()
  })

  it('finds contacts by email, phone, and similar name at the same company', () => {
    const contacts = [
      contact('c-email', { lastName: 'X', email: 'BOB.MURPHY@contoso.com ' }),
      contact('c-phone', { lastName: 'Y', mobilePhone: '(425) 555-0100' }),
      contact('c-name', { firstName: 'Robert', lastName: 'Merphy', accountId: 'a-name' }),
      contact('c-swapped', { firstName: 'Murphy', lastName: 'Bob', accountId: 'a-name' }),
      contact('c-other-company', { firstName: 'Robert', lastName: 'Murphy', accountId: 'a-none' }),
      contact('c-no-account', { firstName: 'Robert', lastName: 'Murphy' }),
      contact('c-inactive', { lastName: 'Z', email: 'bob.murphy@contoso.com', state: 'inactive' }),
    ]
    const found = findQualificationDuplicates(lead, { accounts, contacts }, { overridePhoneRegion: 'US' })
    expect(found.contacts?.map((d) => [d.record.id, d.rule]).sort()).toEqual([
      ['c-email', R.contactEmail],
      ['c-name', R.contactNameCompany],
      ['c-phone', R.contactPhone],
      ['c-swapped', R.contactNameCompany],
    ])
    const keepInactive = { overridePhoneRegion: 'US', overrideExcludeInactiveMatchingRecords: false }
    const withInactive = findQualificationDuplicates(lead, { accounts, contacts }, keepInactive)
    expect(withInactive.contacts?.map((d) => d.record.id)).toContain('c-inactive')
    expect(withInactive.accounts?.map((d) => d.record.id)).toContain('a-inactive')
  })

  it('finds duplicate leads from a list or an index, skipping the lead itself and closed leads', () => {
    const leads: Lead[] = [
      lead,
      { ...lead, id: 'lead-2', firstName: 'Robert', email: undefined, businessPhone: undefined, companyName: 'CONTOSO' },
      { ...lead, id: 'lead-3', state: 'disqualified', statusReason: 'canceled' },
      { ...lead, id: 'lead-4', firstName: 'Alice', lastName: 'Jones', email: 'alice@fabrikam.com', businessPhone: undefined, companyName: 'Fabrikam' },
    ]
    expect(findQualificationDuplicates(lead, { leads }).leads?.map((d) => d.record.id)).toEqual(['lead-2'])
    const index = createDuplicateIndex<Lead>()
    for (const l of leads) index.add(l)
    expect(findQualificationDuplicates(lead, { leads: index }).leads?.map((d) => d.record.id)).toEqual(['lead-2'])
  })

  it('accepts indexes of accounts', () => {
    const index = createDuplicateIndex<Account>(undefined, {})
    for (const a of accounts) index.add(a)
    // The default rules are lead rules: an account index needs account rules to find anything.
    expect(findQualificationDuplicates(lead, { accounts: index }).accounts).toBeUndefined()
  })

  it('finds opportunities from the lead, or with its topic for a matched or existing account', () => {
    const opportunities = [
      opportunity('o-lead', { originatingLeadId: 'lead-1' }),
      opportunity('o-topic', { topic: 'coffee  Machines', accountId: 'a-name' }),
      opportunity('o-existing', { topic: 'Coffee machines', accountId: 'acc-9' }),
      opportunity('o-other-account', { topic: 'Coffee machines', accountId: 'a-none' }),
      opportunity('o-lost', { originatingLeadId: 'lead-1', state: 'lost' }),
    ]
    const found = findQualificationDuplicates({ ...lead, existingAccountId: 'acc-9' }, { accounts, opportunities })
    expect(found.opportunities?.map((d) => [d.record.id, d.rule])).toEqual([
      ['o-existing', R.opportunityTopic],
      ['o-lead', R.opportunityLead],
      ['o-topic', R.opportunityTopic],
    ])
  })

  it('returns an empty, frozen result when nothing matches, without touching its inputs', () => {
    const before = JSON.stringify(accounts)
    const found = findQualificationDuplicates({ ...base, id: 'x', state: 'open', statusReason: 'new' }, { accounts })
    expect(found).toEqual({})
    expect(Object.isFrozen(found)).toBe(true)
    expect(JSON.stringify(accounts)).toBe(before)
    const some = findQualificationDuplicates(lead, { accounts })
    expect(Object.isFrozen(some.accounts)).toBe(true)
    expect(Object.isFrozen(accounts[0])).toBe(false)
  })

  it('rejects a lead without an id', () => {
    expect(() => findQualificationDuplicates({} as Lead, {})).toThrowError(LeadkitError)
    expect(() => findQualificationDuplicates(null as unknown as Lead, {})).toThrowError(expect.objectContaining({ code: 'invalid_type', path: ['lead'] }))
  })
})
