import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { populateLeadFromExisting, type LeadDraft } from '../../src/mapping/index.js'
import { makeLead } from './fixtures.js'

const account = { id: 'account-1', name: 'Contoso Ltd' }
const contact = {
  id: 'contact-1',
  firstName: 'Anna',
  lastName: 'Lee',
  jobTitle: 'Purchasing manager',
  businessPhone: '+47 22 11 11 11',
  mobilePhone: '+47 911 11 111',
  email: 'anna@contoso.com',
}

describe('populateLeadFromExisting', () => {
  it('fills the company name from an existing account and links it', () => {
    const result = populateLeadFromExisting({ topic: 'Chairs' }, { account })
    expect(result).toEqual({
      draft: { topic: 'Chairs', companyName: 'Contoso Ltd', existingAccountId: 'account-1' },
      filled: ['companyName', 'existingAccountId'],
      skipped: [],
    })
  })

  it('fills name, job title, phones and email from an existing contact and links it', () => {
    const result = populateLeadFromExisting({}, { contact })
    expect(result.draft).toEqual({
      firstName: 'Anna',
      lastName: 'Lee',
      jobTitle: 'Purchasing manager',
      businessPhone: '+47 22 11 11 11',
      mobilePhone: '+47 911 11 111',
      email: 'anna@contoso.com',
      existingContactId: 'contact-1',
    })
    expect(result.filled).toEqual(['firstName', 'lastName', 'jobTitle', 'businessPhone', 'mobilePhone', 'email', 'existingContactId'])
  })

  it('fills from both at once', () => {
    const result = populateLeadFromExisting({}, { account, contact })
    expect(result.draft.companyName).toBe('Contoso Ltd')
    expect(result.draft.lastName).toBe('Lee')
    expect(result.filled).toHaveLength(9)
  })

  it('never overwrites a value already entered, and fills blank ones', () => {
    const result = populateLeadFromExisting({ firstName: 'Ana', lastName: '  ', email: '' }, { contact })
    expect(result.draft.firstName).toBe('Ana')
    expect(result.draft.lastName).toBe('Lee')
    expect(result.draft.email).toBe('anna@contoso.com')
    expect(result.filled).not.toContain('firstName')
  })

  it('does not fill from blank values of the existing record', () => {
    const result = populateLeadFromExisting({}, { contact: { id: 'contact-2', lastName: 'Lee', jobTitle: ' ', email: '' } })
    expect(result.draft).toEqual({ lastName: 'Lee', existingContactId: 'contact-2' })
  })

  it('keeps an existing reference to the same record', () => {
    const result = populateLeadFromExisting({ existingAccountId: 'account-1' }, { account })
    expect(result.filled).toEqual(['companyName'])
  })

  it('skips values longer than the lead column', () => {
    const result = populateLeadFromExisting({}, { account: { id: 'a', name: 'x'.repeat(101) }, contact: { ...contact, mobilePhone: '1'.repeat(21) } })
    expect(result.draft.companyName).toBeUndefined()
    expect(result.draft.mobilePhone).toBeUndefined()
    expect(result.skipped).toEqual([
      { field: 'companyName', reason: 'too_long' },
      { field: 'mobilePhone', reason: 'too_long' },
    ])
  })

  it('returns a saved lead unchanged, filling nothing', () => {
    const lead = makeLead({ companyName: undefined, firstName: undefined })
    const result = populateLeadFromExisting(lead, { account, contact })
    expect(result.draft).toBe(lead)
    expect(result.filled).toEqual([])
  })

  it('treats a draft with version 0 as saved too (any version means stored)', () => {
    const draft = { version: 0 } as LeadDraft
    expect(populateLeadFromExisting(draft, { account }).filled).toEqual([])
  })

  it('returns a frozen copy even when nothing is filled', () => {
    const draft = { firstName: 'Ana', address: { city: 'Oslo' } }
    const result = populateLeadFromExisting(draft, {})
    expect(result.draft).toEqual(draft)
    expect(result.draft).not.toBe(draft)
    expect(Object.isFrozen(result.draft)).toBe(true)
    expect(Object.isFrozen(result.draft.address)).toBe(true)
    expect(Object.isFrozen(draft)).toBe(false)
    expect(Object.isFrozen(draft.address)).toBe(false)
  })

  it('returns an already frozen draft itself when nothing is filled', () => {
    const draft = Object.freeze({ firstName: 'Ana' })
    expect(populateLeadFromExisting(draft, {}).draft).toBe(draft)
  })

  it.each([
    ['another account', { existingAccountId: 'account-2' }, { account }, ['account', 'id']],
    ['another contact', { existingContactId: 'contact-2' }, { contact }, ['contact', 'id']],
  ])('rejects %s than the draft refers to', (_name, draft, existing, path) => {
    try {
      populateLeadFromExisting(draft, existing)
      expect.unreachable('should throw')
    } catch (error) {
      expect(error).toBeInstanceOf(LeadkitError)
      expect((error as LeadkitError).code).toBe('invalid_combination')
      expect((error as LeadkitError).path).toEqual(path)
    }
  })

  it.each([
    ['a draft that is null', null, {}, ['draft']],
    ['a draft that is a string', 'lead', {}, ['draft']],
    ['existing records that are null', {}, null, ['existing']],
  ])('rejects %s', (_name, draft, existing, path) => {
    try {
      populateLeadFromExisting(draft as unknown as LeadDraft, existing as unknown as { account?: undefined })
      expect.unreachable('should throw')
    } catch (error) {
      expect((error as LeadkitError).code).toBe('invalid_type')
      expect((error as LeadkitError).path).toEqual(path)
    }
  })

  it('never mutates the draft or the existing records', () => {
    const blank = fc.constantFrom(undefined, '', ' ')
    fc.assert(
      fc.property(
        fc.record({ firstName: fc.oneof(blank, fc.string()), companyName: fc.oneof(blank, fc.string()), email: fc.oneof(blank, fc.string()) }, { requiredKeys: [] }),
        (draft) => {
          const existing = { account: { ...account }, contact: { ...contact } }
          const before = JSON.stringify([draft, existing])
          const result = populateLeadFromExisting(draft, existing)
          expect(JSON.stringify([draft, existing])).toBe(before)
          for (const field of result.filled) {
            const old = (draft as Record<string, unknown>)[field]
            expect(old === undefined || (typeof old === 'string' && old.trim() === '')).toBe(true)
          }
        },
      ),
    )
  })
})
