import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { deepFreeze } from '../../src/internal/immer.js'
import { parseLead, safeParseLead } from '../../src/records/parseLead.js'
import { MINIMAL_LEAD, leadArbitrary } from '../support/records-arbitraries.js'
import { isDeepFrozen } from '../support/records-assertions.js'


const FULL = {
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
  address: { street1: '1 Babbage Row', city: 'London', postalCode: 'N1 9GU', country: 'UK' },
  description: 'Met at the trade show',
  leadSource: 'trade-show',
  industry: 'consulting',
  numberOfEmployees: 120,
  preferredContactMethod: 'email',
  budgetAmount: 25000.5,
  budgetStatus: 'can-buy',
  purchaseTimeframe: 'this-quarter',
  purchaseProcess: 'committee',
  decisionMaker: true,
  existingAccountId: 'acc-1',
  existingContactId: 'con-1',
  currency: 'GBP',
  state: 'qualified',
  statusReason: 'qualified',
  closedOn: '2026-03-05T12:00:00+01:00',
  qualifyingOpportunityId: 'opp-1',
  processFlow: 'lead-to-opportunity',
  processStage: 'develop',
  processStatus: 'active',
} as const

describe('parseLead', () => {
  it('keeps every known field exactly as given', () => {
    expect(parseLead(FULL)).toEqual(FULL)
  })

  it('adds no key for an absent field and defaults a lead with no state to Open / New', () => {
    const lead = parseLead({ ...MINIMAL_LEAD, firstName: 'Ada', lastName: null, email: '' })
    expect(lead).toEqual({ ...MINIMAL_LEAD, firstName: 'Ada', state: 'open', statusReason: 'new' })
    expect(Object.keys(lead)).not.toContain('lastName')
    expect(Object.keys(lead)).not.toContain('email')
    expect(Object.keys(lead)).not.toContain('extra')
  })

  it("defaults a missing status reason to the state's first reason", () => {
    expect(parseLead({ ...MINIMAL_LEAD, state: 'open' }).statusReason).toBe('new')
    expect(parseLead({ ...MINIMAL_LEAD, state: 'qualified' }).statusReason).toBe('qualified')
    expect(parseLead({ ...MINIMAL_LEAD, state: 'disqualified' }).statusReason).toBe('lost')
  })

  it('derives a missing state from the status reason', () => {
    expect(parseLead({ ...MINIMAL_LEAD, statusReason: 'contacted' }).state).toBe('open')
    expect(parseLead({ ...MINIMAL_LEAD, statusReason: 'qualified' }).state).toBe('qualified')
    expect(parseLead({ ...MINIMAL_LEAD, statusReason: 'canceled' }).state).toBe('disqualified')
  })

  it('keeps unknown top-level fields under extra, merged with a given extra object', () => {
    const lead = parseLead({ ...MINIMAL_LEAD, utm_campaign: 'spring', score: { a: [1, null] }, extra: { legacyId: 'L-9' } })
    expect(lead.extra).toEqual({ legacyId: 'L-9', utm_campaign: 'spring', score: { a: [1, null] } })
  })

  it('accepts the longest strings the Dataverse columns hold', () => {
    const lead = parseLead({
      ...MINIMAL_LEAD,
      firstName: 'a'.repeat(50),
      lastName: 'b'.repeat(50),
      topic: 't'.repeat(300),
      email: `${'e'.repeat(88)}@example.com`,
      mobilePhone: '1'.repeat(20),
      description: 'd'.repeat(2000),
      address: { street1: 's'.repeat(250), postalCode: 'p'.repeat(20) },
    })
    expect(lead.firstName).toHaveLength(50)
    expect(lead.email).toHaveLength(100)
    expect(lead.address?.street1).toHaveLength(250)
  })

  it('accepts instants with an offset and fractional seconds, and rejects local times and impossible dates', () => {
    expect(parseLead({ ...MINIMAL_LEAD, createdOn: '2026-03-01T09:30:00.123456+05:30' }).createdOn).toBe('2026-03-01T09:30:00.123456+05:30')
    expect(safeParseLead({ ...MINIMAL_LEAD, createdOn: '2026-03-01T09:30:00' }).success).toBe(false)
    expect(safeParseLead({ ...MINIMAL_LEAD, createdOn: '2025-02-29T09:30:00Z' }).success).toBe(false)
    expect(parseLead({ ...MINIMAL_LEAD, createdOn: '2024-02-29T09:30:00Z' }).createdOn).toBe('2024-02-29T09:30:00Z')
  })

  it('returns a deep-frozen record', () => {
    const lead = parseLead({ ...FULL, extra: { nested: { list: [1, 2] } } })
    expect(isDeepFrozen(lead)).toBe(true)
    expect(() => {
      ;(lead.address as { city?: string }).city = 'Paris'
    }).toThrow(TypeError)
  })

  it('does not mutate its input and shares no object with it', () => {
    const input = deepFreeze({ ...structuredClone(FULL), surplus: { deep: [{ x: 1 }] }, extra: { kept: { y: 2 } } })
    const before = structuredClone(input)
    const lead = parseLead(input)
    expect(input).toEqual(before)
    expect(lead.address).not.toBe(input.address)
    expect(lead.extra?.surplus).not.toBe(input.surplus)
    expect(lead.extra?.kept).not.toBe(input.extra.kept)
  })

  it('does not freeze or touch an unfrozen input', () => {
    const input = { ...MINIMAL_LEAD, address: { city: 'Leeds' }, extra: { a: { b: 1 } } }
    parseLead(input)
    expect(Object.isFrozen(input.address)).toBe(false)
    expect(Object.isFrozen(input.extra.a)).toBe(false)
  })

  it('collects every issue at once, in one LeadkitError', () => {
    const input = { ...MINIMAL_LEAD, firstName: 42, email: 'nope', version: 0, address: { city: 'c'.repeat(81) } }
    let caught: unknown
    try {
      parseLead(input)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(LeadkitError)
    const error = caught as LeadkitError
    expect(error.code).toBe('invalid_value')
    expect(error.path).toEqual(['version'])
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_value', ['version']],
      ['invalid_type', ['firstName']],
      ['invalid_format', ['email']],
      ['too_long', ['address', 'city']],
    ])
    expect(error.issues[3]?.message).toBe('address.city must be at most 80 characters (got 81); shorten it')
  })

  it('safeParseLead returns the value or the issues instead of throwing', () => {
    const ok = safeParseLead(MINIMAL_LEAD)
    expect(ok).toEqual({ success: true, value: { ...MINIMAL_LEAD, state: 'open', statusReason: 'new' } })
    const bad = safeParseLead({ ...MINIMAL_LEAD, state: 'open', statusReason: 'lost' })
    expect(bad.success).toBe(false)
    if (!bad.success) {
      expect(bad.issues).toEqual([
        {
          code: 'invalid_combination',
          path: ['statusReason'],
          message: 'statusReason "lost" is not a status reason of the open state: use one of "new", "contacted", or change the state',
        },
      ])
      expect(bad.error).toBeInstanceOf(LeadkitError)
    }
  })

  it('safeParseLead never throws, whatever the input', () => {
    for (const input of [undefined, null, 0, 'lead', [], new Date(0), new Map(), () => 1, Symbol('x')]) {
      expect(safeParseLead(input).success).toBe(false)
    }
  })

  it('round-trips any valid lead through JSON (property)', () => {
    fc.assert(
      fc.property(leadArbitrary, (lead) => {
        expect(parseLead(JSON.parse(JSON.stringify(lead)))).toEqual(lead)
      }),
      { numRuns: 300 },
    )
  })

  it('never mutates a valid input (property)', () => {
    fc.assert(
      fc.property(leadArbitrary, (lead) => {
        const input = deepFreeze(structuredClone(lead))
        const before = structuredClone(input)
        parseLead(input)
        expect(input).toEqual(before)
      }),
      { numRuns: 100 },
    )
  })
})

describe('parseLead with { coerce: true } (CSV rows)', () => {
  const row = {
    id: 'lead-9',
    createdOn: '2026-03-01T09:30:00Z',
    modifiedOn: '2026-03-01T09:30:00Z',
    version: '3',
    firstName: '007',
    numberOfEmployees: ' 120 ',
    budgetAmount: '2500.75',
    decisionMaker: 'TRUE',
    leadSource: 'web',
    email: '',
    mobilePhone: '',
  }

  it('turns number and yes/no text into values, keeps string fields as text, treats blank cells as absent', () => {
    expect(parseLead(row, { coerce: true })).toEqual({
      id: 'lead-9',
      createdOn: '2026-03-01T09:30:00Z',
      modifiedOn: '2026-03-01T09:30:00Z',
      version: 3,
      firstName: '007',
      numberOfEmployees: 120,
      budgetAmount: 2500.75,
      decisionMaker: true,
      leadSource: 'web',
      state: 'open',
      statusReason: 'new',
    })
    expect(parseLead({ ...row, decisionMaker: 'false', budgetAmount: '' }, { coerce: true })).toMatchObject({ decisionMaker: false })
    expect(parseLead({ ...row, budgetAmount: ' ' }, { coerce: true })).not.toHaveProperty('budgetAmount')
  })

  it('still rejects text that is not a number or a yes/no value', () => {
    const result = safeParseLead({ ...row, numberOfEmployees: '12 people', budgetAmount: '1e3', decisionMaker: 'yes' }, { coerce: true })
    expect(result.success || result.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['numberOfEmployees']],
      ['invalid_type', ['budgetAmount']],
      ['invalid_type', ['decisionMaker']],
    ])
  })

  it('is off by default: strict parsing rejects the same row', () => {
    const result = safeParseLead(row)
    expect(result.success || result.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['version']],
      ['invalid_type', ['numberOfEmployees']],
      ['invalid_type', ['budgetAmount']],
      ['invalid_type', ['decisionMaker']],
    ])
  })
})
