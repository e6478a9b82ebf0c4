/** Named regressions of what the "only LeadkitError escapes" fuzzer and issue 13 found, one test per leak fixed. */
import { describe, expect, it } from 'vitest'
import {
  createLead,
  fromDataverse,
  isLeadkitError,
  isOpenLead,
  jaroWinkler,
  normalizeCompanyName,
  normalizeEmail,
  parseLead,
  parseQualificationSettings,
  planQualification,
  recordNotFound,
  safeParseLead,
  toDataverse,
  versionConflict,
  type OpportunityDraft,
} from '../../src/index.js'
import { catchLeadkitError } from '../support/errors.js'
import { deepObject, throwingGetters } from '../support/hostile.js'

const NOW = '2026-03-01T09:30:00Z'
const STORED = { id: 'l1', createdOn: NOW, modifiedOn: NOW, version: 1 }

describe('issue 13 regressions: only LeadkitError escapes', () => {
  it('safeParseLead(x, null) reads null options as none instead of throwing a TypeError', () => {
    expect(safeParseLead(STORED, null as never).success).toBe(true)
    expect(catchLeadkitError(() => parseLead(STORED, 'coerce' as never)).path).toEqual(['options'])
  })

  it('a record parser given a throwing getter or a revoked proxy throws invalid_type', () => {
    expect(catchLeadkitError(() => parseLead(throwingGetters(['firstName'], STORED))).code).toBe('invalid_type')
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(safeParseLead(proxy).success).toBe(false)
    expect(catchLeadkitError(() => toDataverse(throwingGetters(['id']) as never, 'lead')).code).toBe('invalid_type')
  })

  it('a 5,000-deep object anywhere in a record is a LeadkitError, not a stack overflow', () => {
    const deep = deepObject(5_000)
    for (const input of [deep, { ...STORED, extra: deep }, { ...STORED, x: deep }]) {
      expect(safeParseLead(input).success).toBe(false)
    }
  })

  it('the Dataverse bridge refuses an unknown table at ["table"]', () => {
    expect(catchLeadkitError(() => fromDataverse({}, 'invoice' as never)).path).toEqual(['table'])
    expect(catchLeadkitError(() => toDataverse({} as never, undefined as never)).path).toEqual(['table'])
  })

  it('messages quote at most a short prefix of a 1 MB value', () => {
    const huge = 'y'.repeat(1_000_000)
    expect(catchLeadkitError(() => parseLead({ ...STORED, firstName: huge })).message.length).toBeLessThan(200)
    expect(catchLeadkitError(() => parseLead({ ...STORED, version: huge })).message.length).toBeLessThan(200)
    expect(catchLeadkitError(() => fromDataverse({}, huge as never)).message.length).toBeLessThan(200)
    expect(recordNotFound('lead', huge).message.length).toBeLessThan(200)
  })

  it("normalizeCompanyName('x' + ' ltd' x 100,000) strips every legal form without overflowing the stack", () => {
    expect(normalizeCompanyName(`x${' ltd'.repeat(100_000)}`)).toBe('x')
  })

  it('text functions refuse a value that is not text with invalid_type at its parameter', () => {
    expect(catchLeadkitError(() => normalizeEmail(undefined as never)).path).toEqual(['email'])
    expect(catchLeadkitError(() => jaroWinkler('a', 42 as never)).path).toEqual(['right'])
    expect(catchLeadkitError(() => isOpenLead(undefined as never)).path).toEqual(['lead'])
    expect(catchLeadkitError(() => isOpenLead({ state: 'closed' } as never)).path).toEqual(['state'])
  })

  it('the repository error helpers and isLeadkitError cope with hostile values', () => {
    const nullProto = Object.create(null)
    expect(recordNotFound(nullProto, nullProto).code).toBe('not_found')
    expect(versionConflict('lead', nullProto, 1, 2).code).toBe('conflict')
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(isLeadkitError(proxy)).toBe(false)
  })
})

describe('issue 13 regressions: nothing the caller passed is frozen', () => {
  it("planQualification leaves the seller's opportunity drafts and their extra unfrozen", () => {
    const lead = createLead({ lastName: 'L', companyName: 'Contoso', currency: 'USD' }, { now: NOW, id: 'l1' })
    const settings = parseQualificationSettings({
      experience: 'new',
      recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'seller' },
      allowMultipleOpportunities: true,
      opportunityFormFields: ['topic', 'extra.region'],
    })
    const draft: OpportunityDraft = { topic: 'Coffee', extra: { region: { name: 'EMEA' } } }
    const request = { opportunities: [draft], currency: 'USD' }
    const plan = planQualification(lead, settings, request, { now: '2026-03-02T09:30:00Z' })
    expect(plan.status).toBe('ready')
    const frozen = [request, draft, draft.extra].map((object) => Object.isFrozen(object))
    expect(frozen).toEqual([false, false, false])
    expect(Object.isFrozen((draft.extra as { region: object }).region)).toBe(false)
    const created = plan.operations.find((operation) => operation.op === 'create' && operation.entity === 'opportunity')
    expect(JSON.stringify(created)).toContain('EMEA')
  })
})
