/**
 * fast-check arbitraries of valid leadkit records, for property tests in any folder. Every generated record is
 * already in the shape the parsers return (absent fields have no key, no empty address, no empty `extra`), so
 * `parseX(JSON.parse(JSON.stringify(record)))` must deep-equal it.
 */
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import type { Account, Contact, EntityName, Lead, LeadStatusReason, Note, Opportunity } from '../../src/records/types.js'

// Written out here rather than imported from src so a wrong table in src cannot make its own tests pass.
export const LEAD_SOURCES = ['advertisement', 'employee-referral', 'external-referral', 'partner', 'public-relations', 'seminar', 'trade-show', 'web', 'word-of-mouth', 'other'] as const
export const INDUSTRIES = [
  'accounting', 'agriculture', 'broadcasting-printing-publishing', 'brokers', 'building-supply-retail', 'business-services',
  'consulting', 'consumer-services', 'design-creative-management', 'distributors-dispatchers-processors', 'doctors-offices-clinics',
  'durable-manufacturing', 'eating-drinking-places', 'entertainment-retail', 'equipment-rental-leasing', 'financial',
  'food-tobacco-processing', 'inbound-capital-intensive-processing', 'inbound-repair-services', 'insurance', 'legal-services',
  'non-durable-merchandise-retail', 'outbound-consumer-service', 'petrochemical-extraction-distribution', 'service-retail',
  'sig-affiliations', 'social-services', 'special-outbound-trade-contractors', 'specialty-realty', 'transportation',
  'utility-creation-distribution', 'vehicle-retail', 'wholesale',
] as const
export const STATUS_REASONS: Readonly<Record<LeadStatusReason, 'open' | 'qualified' | 'disqualified'>> = {
  new: 'open',
  contacted: 'open',
  qualified: 'qualified',
  lost: 'disqualified',
  'cannot-contact': 'disqualified',
  'no-longer-interested': 'disqualified',
  canceled: 'disqualified',
}
const ENTITIES: readonly EntityName[] = ['lead', 'account', 'contact', 'opportunity', 'note', 'timelineEntry']

/** A non-blank string of at most `max` characters. */
export const text = (max: number): fc.Arbitrary<string> => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '')

export const instant: fc.Arbitrary<string> = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString())

export const isoDate: fc.Arbitrary<string> = instant.map((s) => s.slice(0, 10))

export const email: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,19}$/), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,19}$/), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)

export const currency: fc.Arbitrary<string> = fc.stringMatching(/^[A-Z]{3}$/)

/** A non-negative amount; `+ 0` turns -0 into 0, which JSON cannot tell apart anyway. */
export const amount: fc.Arbitrary<number> = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)

// Prototype-polluting keys, and keys with "@" or "." (OData annotation syntax), which extra refuses at every depth.
function hasForbiddenKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  const refused = (key: string): boolean =>
    key === '__proto__' || key === 'constructor' || key === 'prototype' || /[@.]/.test(key)
  return Object.keys(value).some((key) => refused(key) || hasForbiddenKey((value as Record<string, unknown>)[key]))
}

/** JSON values that survive `JSON.stringify`/`JSON.parse` unchanged and carry no key `extra` refuses. */
export const jsonValue: fc.Arbitrary<unknown> = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !hasForbiddenKey(v) && isDeepStrictEqual(JSON.parse(JSON.stringify(v)), v))

/** A non-empty `extra` whose keys can be neither a leadkit field nor a Dataverse column (`x_…`). */
export const extra: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(fc.stringMatching(/^x_[a-z0-9]{1,8}$/), jsonValue, {
  minKeys: 1,
  maxKeys: 3,
})

export const address = fc
  .record(
    {
      street1: text(250),
      street2: text(250),
      street3: text(250),
      city: text(80),
      stateOrProvince: text(50),
      postalCode: text(20),
      country: text(80),
    },
    { requiredKeys: [] },
  )
  .filter((a) => Object.keys(a).length > 0)

export const entityRef = fc.record({ entity: fc.constantFrom(...ENTITIES), id: text(36) })

const base = {
  id: text(36),
  createdOn: instant,
  modifiedOn: instant,
  version: fc.integer({ min: 1, max: 1_000_000 }),
  ownerId: text(36),
  extra,
}
const BASE_KEYS = ['id', 'createdOn', 'modifiedOn', 'version'] as const

/** Any valid lead. */
export const leadArbitrary: fc.Arbitrary<Lead> = fc
  .tuple(
    fc.record(
      {
        ...base,
        topic: text(300),
        firstName: text(50),
        lastName: text(50),
        jobTitle: text(100),
        companyName: text(100),
        email,
        businessPhone: text(50),
        mobilePhone: text(20),
        website: text(200),
        address,
        description: text(2000),
        leadSource: fc.constantFrom(...LEAD_SOURCES),
        industry: fc.constantFrom(...INDUSTRIES),
        numberOfEmployees: fc.integer({ min: 0, max: 1_000_000 }),
        preferredContactMethod: fc.constantFrom('any', 'email', 'phone', 'fax', 'mail' as const),
        budgetAmount: amount,
        budgetStatus: fc.constantFrom('no-committed-budget', 'may-buy', 'can-buy', 'will-buy' as const),
        purchaseTimeframe: fc.constantFrom('immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown' as const),
        purchaseProcess: fc.constantFrom('individual', 'committee', 'unknown' as const),
        decisionMaker: fc.boolean(),
        existingAccountId: text(36),
        existingContactId: text(36),
        currency,
        closedOn: instant,
        qualifyingOpportunityId: text(36),
        processFlow: text(100),
        processStage: text(100),
        processStatus: fc.constantFrom('active', 'finished', 'aborted' as const),
      },
      { requiredKeys: [...BASE_KEYS] },
    ),
    fc.constantFrom(...(Object.keys(STATUS_REASONS) as LeadStatusReason[])),
  )
  .map(([fields, statusReason]) => ({ ...fields, state: STATUS_REASONS[statusReason], statusReason }))

/** Any valid account. */
export const accountArbitrary: fc.Arbitrary<Account> = fc.record(
  {
    ...base,
    name: text(160),
    website: text(200),
    phone: text(50),
    email,
    address,
    industry: fc.constantFrom(...INDUSTRIES),
    numberOfEmployees: fc.integer({ min: 0, max: 1_000_000 }),
    primaryContactId: text(36),
    originatingLeadId: text(36),
    state: fc.constantFrom('active', 'inactive' as const),
    masterId: text(36),
  },
  { requiredKeys: [...BASE_KEYS, 'name', 'state'] },
)

/** Any valid contact. */
export const contactArbitrary: fc.Arbitrary<Contact> = fc.record(
  {
    ...base,
    firstName: text(50),
    lastName: text(50),
    jobTitle: text(100),
    businessPhone: text(50),
    mobilePhone: text(20),
    email,
    address,
    accountId: text(36),
    originatingLeadId: text(36),
    state: fc.constantFrom('active', 'inactive' as const),
    masterId: text(36),
  },
  { requiredKeys: [...BASE_KEYS, 'lastName', 'state'] },
)

/** Any valid opportunity. */
export const opportunityArbitrary: fc.Arbitrary<Opportunity> = fc.record(
  {
    ...base,
    topic: text(300),
    accountId: text(36),
    contactId: text(36),
    originatingLeadId: text(36),
    currency,
    estimatedRevenue: amount,
    estimatedCloseDate: isoDate,
    description: text(2000),
    budgetAmount: amount,
    purchaseTimeframe: fc.constantFrom('immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown' as const),
    purchaseProcess: fc.constantFrom('individual', 'committee', 'unknown' as const),
    decisionMaker: fc.boolean(),
    state: fc.constantFrom('open', 'won', 'lost' as const),
    processStage: text(100),
  },
  { requiredKeys: [...BASE_KEYS, 'topic', 'state'] },
)

/** Any valid note. */
export const noteArbitrary: fc.Arbitrary<Note> = fc.record(
  {
    ...base,
    regarding: entityRef,
    visibleOn: fc.array(entityRef, { maxLength: 3 }),
    subject: text(500),
    text: text(3000),
    attachments: fc.array(
      fc.record({ id: text(36), fileName: text(255), mimeType: text(100), sizeBytes: fc.integer({ min: 0, max: 2 ** 31 }) }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [...BASE_KEYS, 'regarding', 'attachments'] },
)

/** A minimal valid lead input, for example-based tests to override. */
export const MINIMAL_LEAD = Object.freeze({
  id: 'lead-1',
  createdOn: '2026-03-01T09:30:00.000Z',
  modifiedOn: '2026-03-02T10:00:00.000Z',
  version: 1,
})
