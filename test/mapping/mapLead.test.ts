import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { createMappingSet, mapLead, OUT_OF_THE_BOX_MAPS, type MappingSet, type MappingTarget } from '../../src/mapping/index.js'
import { DEFAULT_MAPPING_SET } from '../../src/mapping/mapLead.js'
import type { Lead } from '../../src/records/types.js'
import { makeLead } from './fixtures.js'

const ADDRESS = {
  street1: 'Storgata 1',
  street2: 'Floor 2',
  street3: 'Desk 3',
  city: 'Oslo',
  stateOrProvince: 'Oslo',
  postalCode: '0155',
  country: 'Norway',
}

describe('mapLead with the out-of-the-box maps', () => {
  it('maps a lead to an account', () => {
    expect(mapLead(makeLead(), 'account')).toEqual({
      target: 'account',
      fields: {
        name: 'Contoso',
        website: 'https://contoso.com',
        phone: '+47 22 00 00 00',
        address: ADDRESS,
        originatingLeadId: 'lead-1',
      },
      originatingLeadId: 'lead-1',
    })
  })

  it('maps a lead to a contact', () => {
    expect(mapLead(makeLead(), 'contact').fields).toEqual({
      firstName: 'Ana',
      lastName: 'Lee',
      jobTitle: 'Buyer',
      businessPhone: '+47 22 00 00 00',
      mobilePhone: '+47 900 00 000',
      email: 'ana@contoso.com',
      address: ADDRESS,
      originatingLeadId: 'lead-1',
    })
  })

  it('maps a lead to an opportunity: topic, contact and account', () => {
    expect(mapLead(makeLead(), 'opportunity').fields).toEqual({
      topic: 'New office chairs',
      contactId: 'contact-9',
      accountId: 'account-9',
      originatingLeadId: 'lead-1',
    })
  })

  it('does not copy blank values: undefined, null, empty or whitespace-only', () => {
    const lead = makeLead({
      companyName: '   ',
      website: '',
      businessPhone: null,
      address: { city: '\t', country: 'Norway' },
    })
    expect(mapLead(lead, 'account').fields).toEqual({ address: { country: 'Norway' }, originatingLeadId: 'lead-1' })
  })

  it('leaves out address when every address value is blank', () => {
    const lead = makeLead({ address: { city: ' ' } })
    expect(mapLead(lead, 'contact').fields).not.toHaveProperty('address')
    expect(mapLead(makeLead({ address: undefined }), 'account').fields).not.toHaveProperty('address')
  })

  it('copies values as they are (no trimming)', () => {
    expect(mapLead(makeLead({ firstName: ' Ana ' }), 'contact').fields.firstName).toBe(' Ana ')
  })

  it('returns frozen fields, including the nested address', () => {
    const mapped = mapLead(makeLead(), 'account')
    expect(Object.isFrozen(mapped)).toBe(true)
    expect(Object.isFrozen(mapped.fields)).toBe(true)
    expect(Object.isFrozen(mapped.fields.address)).toBe(true)
  })

  it('does not change or freeze the lead', () => {
    const lead = makeLead()
    const before = structuredClone(lead)
    mapLead(lead, 'account')
    mapLead(lead, 'contact')
    mapLead(lead, 'opportunity')
    expect(lead).toEqual(before)
    expect(Object.isFrozen(lead)).toBe(false)
    expect(Object.isFrozen(lead.address)).toBe(false)
  })

  it('rejects an unknown target', () => {
    expect(() => mapLead(makeLead(), 'lead' as MappingTarget)).toThrow(LeadkitError)
    try {
      mapLead(makeLead(), 'override' as MappingTarget)
    } catch (error) {
      expect((error as LeadkitError).path).toEqual(['target'])
    }
  })

  it.each([
    ['without an id', { ...makeLead(), id: undefined }],
    ['with an empty id', makeLead({ id: '' })],
    ['that is null', null],
  ])('rejects a lead %s', (_name, lead) => {
    try {
      mapLead(lead as unknown as Lead, 'account')
      expect.unreachable('mapLead should throw')
    } catch (error) {
      expect((error as LeadkitError).code).toBe('required')
      expect((error as LeadkitError).path).toEqual(['lead', 'id'])
    }
  })

  it('uses the default set when none is given', () => {
    const lead = makeLead()
    expect(mapLead(lead, 'contact', DEFAULT_MAPPING_SET)).toEqual(mapLead(lead, 'contact'))
  })
})

describe('mapLead with custom maps', () => {
  const set = createMappingSet({
    custom: [
      { source: 'extra.region', target: 'extra.region', targetType: 'opportunity' },
      { source: 'budgetAmount', target: 'budgetAmount', targetType: 'opportunity' },
      { source: 'decisionMaker', target: 'decisionMaker', targetType: 'opportunity' },
      { source: 'industry', target: 'industry', targetType: 'account' },
      { source: 'companyName', target: 'extra.employer', targetType: 'contact' },
    ],
  })

  it('copies custom fields, under extra for custom targets', () => {
    expect(mapLead(makeLead(), 'opportunity', set).fields).toEqual({
      topic: 'New office chairs',
      contactId: 'contact-9',
      accountId: 'account-9',
      budgetAmount: 1200,
      decisionMaker: true,
      extra: { region: 'EMEA' },
      originatingLeadId: 'lead-1',
    })
    expect(mapLead(makeLead(), 'account', set).fields.industry).toBe('consulting')
    expect(mapLead(makeLead(), 'contact', set).fields.extra).toEqual({ employer: 'Contoso' })
  })

  it('copies false and 0 (they are not blank)', () => {
    const fields = mapLead(makeLead({ decisionMaker: false, budgetAmount: 0 }), 'opportunity', set).fields
    expect(fields.decisionMaker).toBe(false)
    expect(fields.budgetAmount).toBe(0)
  })

  it('skips a blank custom source', () => {
    expect(mapLead(makeLead({ extra: { region: '' } }), 'opportunity', set).fields).not.toHaveProperty('extra')
    expect(mapLead(makeLead({ extra: undefined }), 'opportunity', set).fields).not.toHaveProperty('extra')
  })

  it('copies an object-valued custom field without sharing or freezing the lead`s object', () => {
    const region = { code: 'EMEA', countries: ['NO'] }
    const lead = makeLead({ extra: { region } })
    const fields = mapLead(lead, 'opportunity', set).fields as { extra: { region: typeof region } }
    expect(fields.extra.region).toEqual(region)
    expect(fields.extra.region).not.toBe(region)
    expect(Object.isFrozen(fields.extra.region.countries)).toBe(true)
    expect(Object.isFrozen(region)).toBe(false)
  })
})

describe('mapLead with an override', () => {
  it('lets the override replace a value an out-of-the-box map produced', () => {
    const set = createMappingSet({
      override: (target, mapped, lead) => (target === 'account' ? { ...mapped, name: `${lead.companyName} AS` } : mapped),
    })
    expect(mapLead(makeLead(), 'account', set).fields.name).toBe('Contoso AS')
    expect(mapLead(makeLead(), 'contact', set).fields.firstName).toBe('Ana')
  })

  it('passes the target, the frozen mapped fields and the lead', () => {
    const calls: unknown[][] = []
    const lead = makeLead()
    const set = createMappingSet({
      override: (target, mapped, l) => {
        calls.push([target, mapped, l, Object.isFrozen(mapped)])
        return mapped
      },
    })
    const mapped = mapLead(lead, 'opportunity', set)
    expect(calls).toEqual([['opportunity', mapped.fields, lead, true]])
  })

  it('freezes the override result without freezing what the override still owns', () => {
    const tags = ['a']
    const set = createMappingSet({ override: (_t, mapped) => ({ ...mapped, tags }) })
    const fields = mapLead(makeLead(), 'contact', set).fields
    expect(Object.isFrozen(fields)).toBe(true)
    expect(Object.isFrozen(fields.tags)).toBe(true)
    expect(Object.isFrozen(tags)).toBe(false)
  })

  it.each([
    ['drops originatingLeadId', (_t: MappingTarget, m: Readonly<Record<string, unknown>>) => {
      const { originatingLeadId: _drop, ...rest } = m
      return rest
    }, 'invalid_mapping', ['override', 'originatingLeadId']],
    ['changes originatingLeadId', (_t: MappingTarget, m: Readonly<Record<string, unknown>>) => ({ ...m, originatingLeadId: 'other' }), 'invalid_mapping', ['override', 'originatingLeadId']],
    ['returns undefined', () => undefined as unknown as Record<string, unknown>, 'invalid_mapping', ['override']],
    ['returns an array', () => [] as unknown as Record<string, unknown>, 'invalid_mapping', ['override']],
    ['returns a class instance', () => new Map() as unknown as Record<string, unknown>, 'invalid_mapping', ['override']],
    ['returns a forbidden key', (_t: MappingTarget, m: Readonly<Record<string, unknown>>) => ({ ...m, ...JSON.parse('{"__proto__": 1}') }), 'forbidden_key', ['override', '__proto__']],
    ['returns a function value', (_t: MappingTarget, m: Readonly<Record<string, unknown>>) => ({ ...m, f: { g: () => 1 } }), 'invalid_mapping', ['override']],
  ])('rejects an override that %s', (_name, override, code, path) => {
    const set = createMappingSet({ override })
    try {
      mapLead(makeLead(), 'account', set)
      expect.unreachable('mapLead should throw')
    } catch (error) {
      expect(error).toBeInstanceOf(LeadkitError)
      expect({ code: (error as LeadkitError).code, path: (error as LeadkitError).path }).toEqual({ code, path })
    }
  })
})

describe('mapLead with a hand-built set', () => {
  it('accepts a set that keeps the out-of-the-box maps', () => {
    const set: MappingSet = {
      account: [...OUT_OF_THE_BOX_MAPS.account, { source: 'industry', target: 'industry', outOfTheBox: false }],
      contact: OUT_OF_THE_BOX_MAPS.contact,
      opportunity: OUT_OF_THE_BOX_MAPS.opportunity,
    }
    expect(mapLead(makeLead(), 'account', set).fields.industry).toBe('consulting')
  })

  it.each([
    ['deletes an out-of-the-box map', { account: OUT_OF_THE_BOX_MAPS.account.slice(1) }, ['account', 0]],
    ['changes an out-of-the-box map', { opportunity: [{ source: 'description', target: 'topic', outOfTheBox: true }, ...OUT_OF_THE_BOX_MAPS.opportunity.slice(1)] }, ['opportunity', 0]],
    ['claims a custom map is out of the box', { contact: [...OUT_OF_THE_BOX_MAPS.contact, { source: 'description', target: 'extra.notes', outOfTheBox: true }] }, ['contact', 13, 'outOfTheBox']],
    ['maps onto an out-of-the-box target', { account: [...OUT_OF_THE_BOX_MAPS.account, { source: 'lastName', target: 'name', outOfTheBox: false }] }, ['account', 10, 'target']],
  ])('rejects a set that %s', (_name, change, path) => {
    const set = { ...OUT_OF_THE_BOX_MAPS, ...change } as MappingSet
    try {
      mapLead(makeLead(), 'contact', set)
      expect.unreachable('mapLead should throw')
    } catch (error) {
      expect((error as LeadkitError).code).toBe('invalid_mapping')
      expect((error as LeadkitError).path).toEqual(path)
    }
  })
})

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\t\n'), fc.constant(undefined), fc.constant(null))
const arbitraryLead = fc
  .record({
    topic: text,
    firstName: text,
    lastName: text,
    jobTitle: text,
    companyName: text,
    email: text,
    businessPhone: text,
    mobilePhone: text,
    website: text,
    existingAccountId: text,
    existingContactId: text,
    budgetAmount: fc.option(fc.integer(), { nil: undefined }),
    decisionMaker: fc.option(fc.boolean(), { nil: undefined }),
    address: fc.option(fc.record({ street1: text, city: text, postalCode: text, country: text }, { requiredKeys: [] }), { nil: undefined }),
    extra: fc.option(fc.record({ region: fc.oneof(text, fc.array(fc.string())) }, { requiredKeys: [] }), { nil: undefined }),
  }, { requiredKeys: [] })
  .map((fields) => ({ id: 'lead-p', createdOn: '2026-03-01T09:30:00.000Z', modifiedOn: '2026-03-01T09:30:00.000Z', version: 1, state: 'open', statusReason: 'new', ...fields }) as unknown as Lead)

const customSet = createMappingSet({
  custom: [
    { source: 'extra.region', target: 'extra.region', targetType: 'opportunity' },
    { source: 'budgetAmount', target: 'budgetAmount', targetType: 'opportunity' },
    { source: 'decisionMaker', target: 'decisionMaker', targetType: 'opportunity' },
    { source: 'email', target: 'email', targetType: 'account' },
  ],
})

function read(record: unknown, path: string): unknown {
  const [head, key] = path.split('.') as [string, string | undefined]
  const value = (record as Record<string, unknown> | undefined)?.[head]
  return key === undefined ? value : (value as Record<string, unknown> | undefined)?.[key]
}

describe('mapLead properties', () => {
  it('never mutates the lead', () => {
    fc.assert(
      fc.property(arbitraryLead, fc.constantFrom<MappingTarget>('account', 'contact', 'opportunity'), (lead, target) => {
        const before = structuredClone(lead)
        mapLead(lead, target, customSet)
        expect(lead).toEqual(before)
        expect(Object.isFrozen(lead)).toBe(false)
      }),
    )
  })

  it('copies every non-blank mapped source value and nothing blank', () => {
    fc.assert(
      fc.property(arbitraryLead, fc.constantFrom<MappingTarget>('account', 'contact', 'opportunity'), (lead, target) => {
        const { fields } = mapLead(lead, target, customSet)
        for (const map of customSet[target]) {
          const value = read(lead, map.source)
          const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
          if (blank) expect(read(fields, map.target)).toBeUndefined()
          else expect(read(fields, map.target)).toEqual(value)
        }
        expect(fields.originatingLeadId).toBe('lead-p')
      }),
    )
  })
})
