import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { deepFreeze } from '../../src/internal/immer.js'
import {
  createAccount,
  createContact,
  createIntakeSchema,
  createLead,
  parseAccountPatch,
  parseContactPatch,
  parseLead,
  parseLeadPatch,
  parseNewAccount,
  parseNewContact,
  parseNewLead,
  safeParseLeadPatch,
  safeParseNewLead,
  updateAccount,
  updateContact,
  updateLead,
} from '../../src/records/index.js'
import type { Lead } from '../../src/records/index.js'
import { catchLeadkitError } from '../support/errors.js'
import { leadArbitrary } from '../support/records-arbitraries.js'
import { isDeepFrozen } from '../support/records-assertions.js'

const NOW = '2026-03-01T09:30:00Z'
const LATER = '2026-03-02T10:00:00Z'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** What a web form posts: every value text, blanks as empty strings. */
const FORM = {
  topic: 'Coffee machines for 3 offices',
  firstName: 'Ada',
  lastName: 'Lovelace',
  jobTitle: '',
  companyName: 'Analytical Engines Ltd',
  email: 'ada@engines.example',
  businessPhone: '+44 20 7946 0000',
  mobilePhone: '   ',
  numberOfEmployees: '120',
  budgetAmount: '25000.50',
  decisionMaker: 'true',
  leadSource: 'web',
  currency: 'GBP',
  address: { city: 'London', postalCode: '', country: 'UK' },
}

describe('parseNewLead', () => {
  it('reads what a form posts: number text, yes/no text, blanks as no value', () => {
    expect(parseNewLead(FORM)).toEqual({
      topic: 'Coffee machines for 3 offices',
      firstName: 'Ada',
      lastName: 'Lovelace',
      companyName: 'Analytical Engines Ltd',
      email: 'ada@engines.example',
      businessPhone: '+44 20 7946 0000',
      numberOfEmployees: 120,
      budgetAmount: 25000.5,
      decisionMaker: true,
      leadSource: 'web',
      currency: 'GBP',
      address: { city: 'London', country: 'UK' },
    })
  })

  it('returns a deep-frozen copy and leaves the input as it was', () => {
    const input = structuredClone(FORM)
    const draft = parseNewLead(input)
    expect(input).toEqual(FORM)
    expect(Object.isFrozen(input)).toBe(false)
    expect(Object.isFrozen(input.address)).toBe(false)
    expect(isDeepFrozen(draft)).toBe(true)
    expect(draft.address).not.toBe(input.address)
  })

  it('takes a deep-frozen input', () => {
    expect(parseNewLead(deepFreeze(structuredClone(FORM))).lastName).toBe('Lovelace')
  })

  it.each([
    ['id', 'x1'],
    ['createdOn', NOW],
    ['modifiedOn', NOW],
    ['version', 1],
    ['ownerId', 'user-7'],
    ['state', 'qualified'],
    ['statusReason', 'qualified'],
    ['closedOn', NOW],
    ['qualifyingOpportunityId', 'opp-1'],
    ['processFlow', 'lead-to-opportunity'],
    ['processStage', 'close'],
    ['processStatus', 'finished'],
    ['masterId', 'lead-0'],
  ])('refuses the system field %s with forbidden_key at its path, whatever unknownKeys says', (key, value) => {
    for (const unknownKeys of ['reject', 'keep', 'strip'] as const) {
      const error = catchLeadkitError(() => parseNewLead({ lastName: 'Lovelace', [key]: value }, { unknownKeys }))
      expect(error.code).toBe('forbidden_key')
      expect(error.path).toEqual([key])
      expect(error.message).toMatch(/cannot be set from input/)
    }
  })

  it('refuses unknown keys by default, naming the field a typo was meant to be', () => {
    const error = catchLeadkitError(() => parseNewLead({ lastName: 'Lovelace', firstname: 'Ada', utm_campaign: 'x' }))
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['unknown_key', ['firstname']],
      ['unknown_key', ['utm_campaign']],
    ])
    expect(error.message).toContain('did you mean "firstName"?')
    expect(error.message).toContain("unknownKeys: 'keep'")
  })

  it('keeps unknown keys under extra, or strips them, when asked', () => {
    const input = { lastName: 'Lovelace', utm_campaign: 'spring', extra: { new_score: 3 } }
    expect(parseNewLead(input, { unknownKeys: 'keep' }).extra).toEqual({ new_score: 3, utm_campaign: 'spring' })
    expect(parseNewLead(input, { unknownKeys: 'strip' })).toEqual({ lastName: 'Lovelace' })
    expect(catchLeadkitError(() => parseNewLead(input)).path).toEqual(['utm_campaign'])
  })

  it('never keeps a Dataverse column or an OData annotation under extra', () => {
    const column = catchLeadkitError(() => parseNewLead({ lastName: 'L', ownerid: 'u1' }, { unknownKeys: 'keep' }))
    expect([column.code, column.path]).toEqual(['forbidden_key', ['ownerid']])
    const annotated = { lastName: 'L', 'ownerid@odata.bind': '/x' }
    const bind = catchLeadkitError(() => parseNewLead(annotated, { unknownKeys: 'keep' }))
    expect(bind.code).toBe('forbidden_key')
  })

  it('reports 30,000 unknown keys as at most 21 issues', () => {
    const input: Record<string, unknown> = { lastName: 'L' }
    for (let i = 0; i < 30_000; i++) input[`k${i}`] = i
    const error = catchLeadkitError(() => parseNewLead(input))
    expect(error.issues).toHaveLength(21)
    expect(error.issues[20]?.message).toContain('29980 more unknown keys')
  })

  it('checks values as parseLead does', () => {
    const error = catchLeadkitError(() =>
      parseNewLead({ firstName: 'A'.repeat(51), email: 'nope', numberOfEmployees: '-3', leadSource: 'radio' }),
    )
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['too_long', ['firstName']],
      ['invalid_format', ['email']],
      ['invalid_value', ['leadSource']],
      ['invalid_value', ['numberOfEmployees']],
    ])
  })

  it('wants real numbers and booleans with coerce: false', () => {
    const text = { numberOfEmployees: '120', decisionMaker: 'true' }
    const error = catchLeadkitError(() => parseNewLead(text, { coerce: false }))
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_type', ['numberOfEmployees']],
      ['invalid_type', ['decisionMaker']],
    ])
    expect(parseNewLead({ numberOfEmployees: 120 }, { coerce: false })).toEqual({ numberOfEmployees: 120 })
  })

  it('refuses input that is not a plain object, and bad options, with a LeadkitError', () => {
    for (const input of [null, undefined, 'lead', 42, [], new Date(0), new Map()]) {
      expect(catchLeadkitError(() => parseNewLead(input)).path).toEqual([])
    }
    expect(catchLeadkitError(() => parseNewLead({}, { unknownKeys: 'drop' as never })).path).toEqual([
      'options',
      'unknownKeys',
    ])
    expect(catchLeadkitError(() => parseNewLead({}, 'strict' as never)).path).toEqual(['options'])
    expect(parseNewLead({}, null as never)).toEqual({})
  })

  it('turns a throwing getter or a revoked proxy into a LeadkitError, and the safe form never throws', () => {
    const getter = Object.defineProperty({}, 'firstName', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    for (const input of [getter, proxy]) {
      const error = catchLeadkitError(() => parseNewLead(input))
      expect(error.code).toBe('invalid_type')
      const result = safeParseNewLead(input)
      expect(result.success).toBe(false)
    }
  })

  it('refuses prototype-polluting keys', () => {
    const input = JSON.parse('{"lastName":"L","__proto__":{"admin":true}}')
    expect(catchLeadkitError(() => parseNewLead(input)).code).toBe('forbidden_key')
  })
})

describe('createLead', () => {
  it('adds a GUID, the timestamps, version 1, the owner and the Open / New state', () => {
    const lead = createLead(parseNewLead(FORM), { now: NOW, ownerId: 'user-7' })
    expect(lead.id).toMatch(GUID)
    expect(lead).toMatchObject({ createdOn: NOW, modifiedOn: NOW, version: 1, ownerId: 'user-7' })
    expect([lead.state, lead.statusReason]).toEqual(['open', 'new'])
    expect(isDeepFrozen(lead)).toBe(true)
    expect(parseLead(lead)).toEqual(lead)
  })

  it('uses the id it is given, and makes a new GUID for each lead otherwise', () => {
    expect(createLead({ lastName: 'L' }, { now: NOW, id: 'lead-1' }).id).toBe('lead-1')
    const ids = new Set(Array.from({ length: 50 }, () => createLead({}, { now: NOW }).id))
    expect(ids.size).toBe(50)
  })

  it('checks a draft built in code with strict types, and refuses system fields and typos in it', () => {
    const error = catchLeadkitError(() =>
      createLead({ lastName: 'L', numberOfEmployees: '12', state: 'qualified', lastname: 'x' } as never, { now: NOW }),
    )
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['forbidden_key', ['state']],
      ['unknown_key', ['lastname']],
      ['invalid_type', ['numberOfEmployees']],
    ])
    expect(createLead({ lastName: 'L', extra: { new_score: 3 } }, { now: NOW }).extra).toEqual({ new_score: 3 })
  })

  it('refuses missing or bad options at their path', () => {
    const cases: [unknown, (string | number)[]][] = [
      [undefined, ['options']],
      [{}, ['options', 'now']],
      [{ now: '2026-03-01' }, ['options', 'now']],
      [{ now: NOW, id: '  ' }, ['options', 'id']],
      [{ now: NOW, id: 'x'.repeat(257) }, ['options', 'id']],
      [{ now: NOW, owner: 'u' }, ['options', 'owner']],
    ]
    for (const [options, path] of cases) {
      expect(catchLeadkitError(() => createLead({}, options as never)).path).toEqual(path)
    }
  })

  it('keeps every editable field of any valid lead (property)', () => {
    fc.assert(
      fc.property(leadArbitrary, (lead) => {
        const { id, createdOn, modifiedOn, version, ownerId, state, statusReason, closedOn, extra, ...rest } = lead
        const { qualifyingOpportunityId, processFlow, processStage, processStatus, masterId, ...editable } = rest
        const created = createLead(parseNewLead(editable), { now: NOW, id: 'lead-1' })
        const stamped = { id: 'lead-1', createdOn: NOW, modifiedOn: NOW, version: 1 }
        expect(created).toEqual({ ...editable, ...stamped, state: 'open', statusReason: 'new' })
      }),
      { numRuns: 100 },
    )
  })
})

describe('parseLeadPatch and updateLead', () => {
  const lead = createLead(parseNewLead(FORM), { now: NOW, id: 'lead-1' })

  it('reads a blank value as "clear", an absent one as "unchanged", and an address part by part', () => {
    const input = { jobTitle: 'CTO', firstName: '', email: null, address: { city: 'Paris', country: '' } }
    const patch = parseLeadPatch(input)
    expect(patch).toEqual({ jobTitle: 'CTO', firstName: null, email: null, address: { city: 'Paris', country: null } })
    const updated = updateLead(lead, patch, { now: LATER })
    expect(updated).toMatchObject({ jobTitle: 'CTO', address: { city: 'Paris' }, modifiedOn: LATER, version: 2 })
    expect(updated.firstName).toBeUndefined()
    expect(updated.email).toBeUndefined()
    expect(updated.lastName).toBe('Lovelace')
    expect(lead.firstName).toBe('Ada')
    expect(isDeepFrozen(updated)).toBe(true)
  })

  it('clears the whole address with null, and extra keys one by one', () => {
    const withExtra = createLead({ lastName: 'L', address: { city: 'Rome' }, extra: { a: 1, b: 2 } }, { now: NOW })
    const patch = parseLeadPatch({ address: null, extra: { a: null, c: 3 } }, { unknownKeys: 'keep' })
    const updated = updateLead(withExtra, patch, { now: LATER })
    expect(updated.address).toBeUndefined()
    expect(updated.extra).toEqual({ b: 2, c: 3 })
  })

  it('returns the record unchanged for a patch that changes nothing', () => {
    expect(updateLead(lead, parseLeadPatch({ firstName: 'Ada' }), { now: LATER })).toEqual(lead)
    expect(updateLead(lead, {}, { now: LATER }).version).toBe(1)
  })

  it('refuses state and system fields in a patch', () => {
    for (const key of ['state', 'statusReason', 'version', 'id', 'ownerId', 'modifiedOn']) {
      const result = safeParseLeadPatch({ [key]: 'x' })
      expect(result.success || [result.error.code, result.error.path]).toEqual(['forbidden_key', [key]])
    }
  })

  it('refuses to edit a qualified lead, to go back in time, and a bad record', () => {
    const qualified = parseLead({ ...lead, state: 'qualified', statusReason: 'qualified' })
    const closed = catchLeadkitError(() => updateLead(qualified, { jobTitle: 'CTO' }, { now: LATER }))
    expect([closed.code, closed.path]).toEqual(['invalid_value', ['record', 'state']])
    const early = catchLeadkitError(() => updateLead(lead, { jobTitle: 'CTO' }, { now: '2026-02-01T00:00:00Z' }))
    expect(early.path).toEqual(['options', 'now'])
    const bad = catchLeadkitError(() => updateLead({ ...lead, version: 0 } as Lead, { jobTitle: 'x' }, { now: LATER }))
    expect(bad.path).toEqual(['record', 'version'])
    const badPatch = catchLeadkitError(() => updateLead(lead, { state: 'open' } as never, { now: LATER }))
    expect(badPatch.path).toEqual(['patch', 'state'])
  })
})

describe('accounts and contacts', () => {
  it('create an active account and contact with their required fields', () => {
    const account = createAccount(parseNewAccount({ name: 'Contoso', numberOfEmployees: '250', website: '' }), {
      now: NOW,
    })
    expect(account).toMatchObject({ name: 'Contoso', numberOfEmployees: 250, state: 'active', version: 1 })
    expect(account).not.toHaveProperty('website')
    const contact = createContact(parseNewContact({ firstName: 'Ada', lastName: 'Lovelace', accountId: account.id }), {
      now: NOW,
    })
    expect(contact).toMatchObject({ lastName: 'Lovelace', accountId: account.id, state: 'active' })
    expect(catchLeadkitError(() => parseNewAccount({ website: 'x.example' })).path).toEqual(['name'])
    expect(catchLeadkitError(() => parseNewContact({ firstName: 'Ada' })).path).toEqual(['lastName'])
    expect(catchLeadkitError(() => parseNewAccount({ name: 'C', originatingLeadId: 'l1' })).code).toBe('forbidden_key')
  })

  it('patch them, but never clear a required field or edit an inactive one', () => {
    const account = createAccount({ name: 'Contoso' }, { now: NOW })
    const phone = '+1 555 0100'
    expect(updateAccount(account, parseAccountPatch({ phone }), { now: LATER }).phone).toBe(phone)
    const cleared = catchLeadkitError(() => parseAccountPatch({ name: '' }))
    expect([cleared.code, cleared.path]).toEqual(['required', ['name']])
    expect(parseAccountPatch({})).toEqual({})
    const contact = createContact({ lastName: 'Lovelace' }, { now: NOW })
    expect(catchLeadkitError(() => parseContactPatch({ lastName: null })).code).toBe('required')
    const inactive = { ...contact, state: 'inactive' as const }
    expect(catchLeadkitError(() => updateContact(inactive, { jobTitle: 'CTO' }, { now: LATER })).path).toEqual([
      'record',
      'state',
    ])
  })
})

describe('createIntakeSchema', () => {
  it('binds options, and checks them when the schema is made', () => {
    const schema = createIntakeSchema('lead', 'new', { unknownKeys: 'strip' })
    expect(schema.parse({ lastName: 'L', utm: 'x' })).toEqual({ lastName: 'L' })
    expect(schema.safeParse({ state: 'open' }).success).toBe(false)
    expect(schema['~standard'].validate({ lastName: 'L', utm: 'x' })).toEqual({ value: { lastName: 'L' } })
    expect(catchLeadkitError(() => createIntakeSchema('lead', 'new', { coerce: 'yes' as never })).path).toEqual([
      'options',
      'coerce',
    ])
    expect(catchLeadkitError(() => createIntakeSchema('opportunity' as never, 'new')).path).toEqual(['entity'])
    expect(catchLeadkitError(() => createIntakeSchema('lead', 'edit' as never)).path).toEqual(['mode'])
  })

  it('is a LeadkitError-only surface: no other error class escapes', () => {
    expect(() => createIntakeSchema('contact', 'patch').parse(1)).toThrow(LeadkitError)
  })
})
