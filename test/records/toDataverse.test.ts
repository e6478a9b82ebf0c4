import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { deepFreeze } from '../../src/internal/immer.js'
import type { DataverseTable } from '../../src/records/bridgeTypes.js'
import { fromDataverse } from '../../src/records/fromDataverse.js'
import { parseLead } from '../../src/records/parseLead.js'
import { toDataverse } from '../../src/records/toDataverse.js'
import type { Lead, RecordsByEntity } from '../../src/records/types.js'
import {
  INDUSTRIES,
  LEAD_SOURCES,
  MINIMAL_LEAD,
  accountArbitrary,
  contactArbitrary,
  leadArbitrary,
  noteArbitrary,
  opportunityArbitrary,
} from '../support/records-arbitraries.js'
import { isDeepFrozen } from '../support/records-assertions.js'

const LEAD: Lead = parseLead({
  ...MINIMAL_LEAD,
  ownerId: 'user-7',
  topic: 'Fleet renewal',
  firstName: 'Ada',
  lastName: 'Lovelace',
  jobTitle: 'CTO',
  companyName: 'Analytical Engines Ltd',
  email: 'ada@engines.example',
  businessPhone: '+44 20 7946 0000',
  mobilePhone: '+44 7700 900000',
  website: 'https://engines.example',
  address: { street1: 'Line 1', street2: 'Line 2', street3: 'Line 3', city: 'London', stateOrProvince: 'Greater London', postalCode: 'N1 9GU', country: 'UK' },
  description: 'Met at the trade show',
  leadSource: 'word-of-mouth',
  industry: 'consulting',
  numberOfEmployees: 120,
  preferredContactMethod: 'fax',
  budgetAmount: 25000.5,
  budgetStatus: 'will-buy',
  purchaseTimeframe: 'this-year',
  purchaseProcess: 'committee',
  decisionMaker: true,
  existingAccountId: 'acc-1',
  existingContactId: 'con-1',
  currency: 'GBP',
  state: 'disqualified',
  statusReason: 'no-longer-interested',
  closedOn: '2026-03-05T12:00:00Z',
  qualifyingOpportunityId: 'opp-1',
  processFlow: 'lead-to-opportunity',
  processStage: 'qualify',
  processStatus: 'aborted',
  extra: { new_score: 87 },
})

describe('toDataverse', () => {
  it('writes a lead with the Dataverse logical names and option-set codes', () => {
    expect(toDataverse(LEAD, 'lead')).toEqual({
      leadid: 'lead-1',
      createdon: '2026-03-01T09:30:00.000Z',
      modifiedon: '2026-03-02T10:00:00.000Z',
      versionnumber: 1,
      ownerid: 'user-7',
      subject: 'Fleet renewal',
      firstname: 'Ada',
      lastname: 'Lovelace',
      jobtitle: 'CTO',
      companyname: 'Analytical Engines Ltd',
      emailaddress1: 'ada@engines.example',
      telephone1: '+44 20 7946 0000',
      mobilephone: '+44 7700 900000',
      websiteurl: 'https://engines.example',
      address1_line1: 'Line 1',
      address1_line2: 'Line 2',
      address1_line3: 'Line 3',
      address1_city: 'London',
      address1_stateorprovince: 'Greater London',
      address1_postalcode: 'N1 9GU',
      address1_country: 'UK',
      description: 'Met at the trade show',
      leadsourcecode: 9,
      industrycode: 7,
      numberofemployees: 120,
      preferredcontactmethodcode: 4,
      budgetamount: 25000.5,
      budgetstatus: 3,
      purchasetimeframe: 3,
      purchaseprocess: 1,
      decisionmaker: true,
      parentaccountid: 'acc-1',
      parentcontactid: 'con-1',
      transactioncurrencyid: 'GBP',
      statecode: 2,
      statuscode: 6,
      leadkit_closedon: '2026-03-05T12:00:00Z',
      qualifyingopportunityid: 'opp-1',
      leadkit_processflow: 'lead-to-opportunity',
      leadkit_processstage: 'qualify',
      leadkit_processstatus: 3,
      new_score: 87,
    })
  })

  it.each([
    ...LEAD_SOURCES.map((value, i) => ['leadSource', 'leadsourcecode', value, i + 1] as const),
    ...INDUSTRIES.map((value, i) => ['industry', 'industrycode', value, i + 1] as const),
    ...(['any', 'email', 'phone', 'fax', 'mail'] as const).map((v, i) => ['preferredContactMethod', 'preferredcontactmethodcode', v, i + 1] as const),
    ...(['no-committed-budget', 'may-buy', 'can-buy', 'will-buy'] as const).map((v, i) => ['budgetStatus', 'budgetstatus', v, i] as const),
    ...(['immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown'] as const).map((v, i) => ['purchaseTimeframe', 'purchasetimeframe', v, i] as const),
    ...(['individual', 'committee', 'unknown'] as const).map((v, i) => ['purchaseProcess', 'purchaseprocess', v, i] as const),
  ])('%s %s: "%s" is code %i both ways', (key, column, value, code) => {
    const lead = parseLead({ ...MINIMAL_LEAD, [key]: value })
    const row = toDataverse(lead, 'lead')
    expect(row[column]).toBe(code)
    expect(fromDataverse(row, 'lead')).toEqual(lead)
  })

  it('has industry codes 1 to 33, accounting first and wholesale last', () => {
    expect(INDUSTRIES).toHaveLength(33)
    expect(toDataverse(parseLead({ ...MINIMAL_LEAD, industry: 'accounting' }), 'lead').industrycode).toBe(1)
    expect(toDataverse(parseLead({ ...MINIMAL_LEAD, industry: 'wholesale' }), 'lead').industrycode).toBe(33)
  })

  it('writes account, contact, opportunity and note columns', () => {
    const base = { id: 'r1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 2 }
    expect(
      toDataverse(
        { ...base, name: 'Contoso', phone: '555', website: 'contoso.example', email: 'a@contoso.example', industry: 'financial', primaryContactId: 'c1', originatingLeadId: 'l1', state: 'inactive', masterId: 'a2', numberOfEmployees: 5, address: { city: 'Oslo' } },
        'account',
      ),
    ).toEqual({
      accountid: 'r1', createdon: base.createdOn, modifiedon: base.modifiedOn, versionnumber: 2, name: 'Contoso', telephone1: '555',
      websiteurl: 'contoso.example', emailaddress1: 'a@contoso.example', industrycode: 16, primarycontactid: 'c1', originatingleadid: 'l1',
      statecode: 1, masterid: 'a2', numberofemployees: 5, address1_city: 'Oslo',
    })
    expect(
      toDataverse({ ...base, firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'CTO', businessPhone: '1', mobilePhone: '2', email: 'a@b.co', accountId: 'a1', originatingLeadId: 'l1', state: 'active' }, 'contact'),
    ).toEqual({
      contactid: 'r1', createdon: base.createdOn, modifiedon: base.modifiedOn, versionnumber: 2, firstname: 'Ada', lastname: 'Lovelace',
      jobtitle: 'CTO', telephone1: '1', mobilephone: '2', emailaddress1: 'a@b.co', parentcustomerid: 'a1', originatingleadid: 'l1', statecode: 0,
    })
    expect(
      toDataverse(
        { ...base, topic: 'Renewal', accountId: 'a1', contactId: 'c1', originatingLeadId: 'l1', currency: 'USD', estimatedRevenue: 900, estimatedCloseDate: '2026-06-30', budgetAmount: 1000, purchaseTimeframe: 'immediate', purchaseProcess: 'unknown', decisionMaker: true, state: 'lost' },
        'opportunity',
      ),
    ).toEqual({
      opportunityid: 'r1', createdon: base.createdOn, modifiedon: base.modifiedOn, versionnumber: 2, name: 'Renewal', parentaccountid: 'a1',
      parentcontactid: 'c1', originatingleadid: 'l1', transactioncurrencyid: 'USD', estimatedvalue: 900, estimatedclosedate: '2026-06-30',
      budgetamount: 1000, purchasetimeframe: 0, purchaseprocess: 2, decisionmaker: true, statecode: 2,
    })
    expect(toDataverse({ ...base, regarding: { entity: 'lead', id: 'l1' }, subject: 'Call', text: 'Wants a demo', attachments: [] }, 'note')).toEqual({
      annotationid: 'r1', createdon: base.createdOn, modifiedon: base.modifiedOn, versionnumber: 2, objectid: 'l1', objecttypecode: 'lead',
      subject: 'Call', notetext: 'Wants a demo', leadkit_attachments: [],
    })
  })

  it('returns a deep-frozen row and does not mutate or freeze the record', () => {
    const record = { ...MINIMAL_LEAD, state: 'open', statusReason: 'new', address: { city: 'Leeds' }, extra: { x_tags: ['a'] } } as const
    const copy = structuredClone(record)
    const row = toDataverse(record as Lead, 'lead')
    expect(isDeepFrozen(row)).toBe(true)
    expect(record).toEqual(copy)
    expect(Object.isFrozen(record.extra.x_tags)).toBe(false)
    expect(row.x_tags).not.toBe(record.extra.x_tags)
  })

  it('rejects an extra key that would overwrite a mapped column', () => {
    const lead = parseLead({ ...MINIMAL_LEAD, firstName: 'Ada', extra: { firstname: 'Eve' } })
    expect(() => toDataverse(lead, 'lead')).toThrow(LeadkitError)
    try {
      toDataverse(lead, 'lead')
    } catch (error) {
      expect((error as LeadkitError).code).toBe('invalid_combination')
      expect((error as LeadkitError).path).toEqual(['extra', 'firstname'])
    }
  })

  it('validates a hand-built record before writing it', () => {
    const bad = { ...MINIMAL_LEAD, state: 'open', statusReason: 'qualified' } as unknown as Lead
    expect(() => toDataverse(bad, 'lead')).toThrow('statusReason "qualified" is not a status reason of the open state')
  })
})

describe('fromDataverse(toDataverse(record)) gives the record back (property)', () => {
  const cases: readonly [DataverseTable, fc.Arbitrary<RecordsByEntity[DataverseTable]>][] = [
    ['lead', leadArbitrary],
    ['account', accountArbitrary],
    ['contact', contactArbitrary],
    ['opportunity', opportunityArbitrary],
    ['note', noteArbitrary],
  ]
  it.each(cases)('%s', (table, records) => {
    fc.assert(
      fc.property(records, (record) => {
        const frozen = deepFreeze(structuredClone(record))
        const row = toDataverse(frozen, table)
        // Through JSON as well: a row travels over HTTP.
        expect(fromDataverse(JSON.parse(JSON.stringify(row)), table)).toEqual(record)
        expect(frozen).toEqual(record)
      }),
      { numRuns: 200 },
    )
  })
})
