// Fixtures and generators for the qualification tests and benchmark.
import type { Account, Contact, Lead, Note, Opportunity } from '../../src/records/types.js'
import { parseQualificationSettings } from '../../src/settings/index.js'
import type { QualificationSettings } from '../../src/settings/types.js'
import { createPrng } from '../../src/internal/prng.js'
import { nameBasedGuid } from '../../src/internal/nameBasedGuid.js'

export const NOW = '2026-03-02T10:00:00.000Z'
export const CREATED = '2026-02-01T09:00:00.000Z'

/**
 * The id the planners give by default to the `index`-th new `entity` of a lead at `version`: the name-based GUID of
 * `<lead id>:v<version>:<entity>:<index>`. Computed here rather than pasted, so a test reads which record it means.
 */
export function plannedId(entity: string, index = 1, leadId = 'lead-1', version = 3): string {
  return nameBasedGuid(`${leadId}:v${version}:${entity}:${index}`)
}

/** A complete open lead in the Qualify stage of the lead-to-opportunity process. */
export function makeLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'lead-1',
    version: 3,
    createdOn: CREATED,
    modifiedOn: CREATED,
    topic: 'Coffee machines for 3 offices',
    firstName: 'Ana',
    lastName: 'Ruiz',
    jobTitle: 'Office manager',
    companyName: 'Contoso Coffee',
    email: 'ana@contoso.example',
    businessPhone: '+1 425 555 0100',
    website: 'https://contoso.example',
    address: { street1: '1 Main St', city: 'Seattle', stateOrProvince: 'WA', postalCode: '98101', country: 'United States' },
    currency: 'USD',
    budgetAmount: 25000,
    purchaseTimeframe: 'this-quarter',
    state: 'open',
    statusReason: 'new',
    processFlow: 'lead-to-opportunity',
    processStage: 'qualify',
    ownerId: 'user-7',
    ...overrides,
  }
}

export function makeNote(id: string, leadId = 'lead-1', overrides: Partial<Note> = {}): Note {
  return {
    id,
    version: 1,
    createdOn: CREATED,
    modifiedOn: CREATED,
    regarding: { entity: 'lead', id: leadId },
    subject: `Research ${id}`,
    text: 'Current vendor contract ends in June.',
    attachments: [{ id: `${id}-file`, fileName: 'contract.pdf', mimeType: 'application/pdf', sizeBytes: 2048 }],
    ...overrides,
  }
}

export function makeAccount(id: string, name = 'Contoso Coffee'): Account {
  return { id, version: 4, createdOn: CREATED, modifiedOn: CREATED, name, email: `info@${id}.example`, phone: '+1 425 555 0199', address: { city: 'Seattle' }, state: 'active' }
}

export function makeContact(id: string, lastName = 'Ruiz'): Contact {
  return { id, version: 2, createdOn: CREATED, modifiedOn: CREATED, firstName: 'Ana', lastName, email: `ana@${id}.example`, state: 'active' }
}

export function makeOpportunity(id: string): Opportunity {
  return { id, version: 1, createdOn: CREATED, modifiedOn: CREATED, topic: 'Coffee machines for 3 offices', state: 'open', currency: 'USD' }
}

/** Settings through the real parser, so every combination a test uses is one the product allows. */
export function settingsOf(input: Record<string, unknown>): QualificationSettings {
  return parseQualificationSettings(input)
}

export const LEGACY_AUTO = (): QualificationSettings => settingsOf({ experience: 'legacy', autoCreateRecords: true })
export const LEGACY_PROMPT = (): QualificationSettings => settingsOf({ experience: 'legacy', autoCreateRecords: false })
export const ALL_AUTOMATIC = (extra: Record<string, unknown> = {}): QualificationSettings =>
  settingsOf({ recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }, ...extra })
export const ALL_SELLER = (extra: Record<string, unknown> = {}): QualificationSettings => settingsOf({ ...extra })

/** A deterministic pseudo-random generator, so generated data is the same on every run. */
export const random = createPrng

const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jun']
const LAST = ['Ruiz', 'Smith', 'Li', 'Okafor', 'Novak', 'Haddad', 'Berg', 'Sato', 'Costa', 'Weber']
const COMPANIES = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Litware', 'Adatum', 'Wingtip', 'Proseware']
const CITIES = ['Seattle', 'Austin', 'Berlin', 'Lyon', 'Osaka', 'Lagos', 'Porto', 'Toronto']

/** `count` distinct open leads, the same for the same seed. */
export function generateLeads(count: number, seed = 1): Lead[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  const leads: Lead[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST)
    const last = pick(LAST)
    const company = `${pick(COMPANIES)} ${i}`
    leads[i] = {
      id: `lead-${seed}-${i}`,
      version: 1,
      createdOn: CREATED,
      modifiedOn: CREATED,
      topic: `${company} expansion`,
      firstName: first,
      lastName: last,
      companyName: company,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      businessPhone: `+1 425 555 ${String(i % 10000).padStart(4, '0')}`,
      address: { city: pick(CITIES), country: 'United States' },
      currency: 'USD',
      budgetAmount: Math.round(next() * 100000),
      state: 'open',
      statusReason: 'new',
      processStage: 'qualify',
    }
  }
  return leads
}
