// An app that never writes a key function: its repositories key records by the duplicate rules, and it finds the
// records to check through findCandidates. Run on any store; the in-memory and PGlite tests compare the outcomes.
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { findQualificationDuplicates } from '../../src/duplicates/findQualificationDuplicates.js'
import { resolveDuplicateRules } from '../../src/duplicates/resolveDuplicateRules.js'
import type { QualificationDuplicates } from '../../src/duplicates/types.js'
import { createPrng } from '../../src/internal/prng.js'
import { duplicateKeysFromRules } from '../../src/persistence/duplicateKeysFromRules.js'
import type { Repositories, RepositorySet } from '../../src/persistence/types.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { Account, Contact, Lead } from '../../src/records/types.js'
import type { QualificationSettings } from '../../src/settings/types.js'
import { TEST_SEED } from './seed.js'

const base = { createdOn: '2026-01-01T00:00:00.000Z', modifiedOn: '2026-01-01T00:00:00.000Z', version: 1 }
export const SCENARIO_NOW = '2026-03-01T10:00:00.000Z'

// Noise: names and companies that duplicate neither Ana Ruiz (Contoso Coffee) nor Bob Murphy, whatever the seed.
const FIRST = ['Chen', 'Dana', 'Eve', 'Farid', 'Grace', 'Hugo']
const LAST = ['Smith', 'Okafor', 'Lee', 'Novak', 'Berg']
const COMPANIES = ['Contoso Coffee', 'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Litware', 'Adventure Works']
// (Contoso Coffee accounts in the noise are more of what Ana's qualification warns about, never a block.)

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T
}

export function scenarioLead(id: string, fields: Partial<Lead> = {}): Lead {
  return { ...base, id, state: 'open', statusReason: 'new', topic: 'Coffee machines', lastName: 'Doe', ...fields }
}

function scenarioAccount(id: string, fields: Partial<Account>): Account {
  return { ...base, id, name: 'Unnamed', state: 'active', ...fields }
}

function scenarioContact(id: string, fields: Partial<Contact>): Contact {
  return { ...base, id, lastName: 'Doe', state: 'active', ...fields }
}

/** The lead the seller qualifies: Ana Ruiz of Contoso Coffee. */
export const QUALIFIED_LEAD = scenarioLead('lead-ana', {
  firstName: 'Ana',
  lastName: 'Ruiz',
  companyName: 'Contoso Coffee',
  email: 'ana.ruiz@contoso.example',
  businessPhone: '+1 425 555 0100',
  website: 'https://www.contoso.example',
})

/**
 * The records in the store: the account and contact Ana would become already exist (warnings on qualify), another
 * lead has Bob's phone (a block when Bob's lead is created or qualified), and seeded noise around them.
 */
export function scenarioRecords(seed = TEST_SEED): { leads: Lead[]; accounts: Account[]; contacts: Contact[] } {
  const random = createPrng(seed)
  const leads: Lead[] = [
    scenarioLead('lead-bob', { firstName: 'Bob', lastName: 'Murphy', companyName: 'Fabrikam', businessPhone: '+1 206 555 0142' }),
  ]
  const accounts: Account[] = [
    scenarioAccount('acc-contoso', { name: 'Contoso Coffee Ltd', website: 'contoso.example' }),
  ]
  const contacts: Contact[] = [
    scenarioContact('con-ana', { firstName: 'Ana', lastName: 'Ruiz', email: 'ANA.RUIZ@contoso.example' }),
  ]
  for (let i = 0; i < 40; i += 1) {
    const first = pick(FIRST, random)
    const last = pick(LAST, random)
    const company = pick(COMPANIES, random)
    const domain = `${company.toLowerCase().replaceAll(' ', '')}.example`
    const phone = `+1 425 555 ${String(1000 + Math.floor(random() * 9000))}`
    if (i % 3 === 0) leads.push(scenarioLead(`lead-${i}`, { firstName: first, lastName: last, companyName: company, email: `${first}.${last}@${domain}`.toLowerCase(), mobilePhone: phone }))
    else if (i % 3 === 1) accounts.push(scenarioAccount(`acc-${i}`, { name: company, website: random() < 0.5 ? domain : undefined, phone }))
    else contacts.push(scenarioContact(`con-${i}`, { firstName: first, lastName: last, email: `${first}@${domain}`.toLowerCase(), businessPhone: phone }))
  }
  // JSON round trip: no undefined values (a database would drop them).
  return JSON.parse(JSON.stringify({ leads, accounts, contacts })) as { leads: Lead[]; accounts: Account[]; contacts: Contact[] }
}

/** Stores the scenario's records through the repositories, in one transaction. */
export async function seedScenario(repositories: Repositories, seed = TEST_SEED): Promise<void> {
  const { leads, accounts, contacts } = scenarioRecords(seed)
  await repositories.transaction(async (tx) => {
    for (const record of leads) await tx.leads.insert(record)
    for (const record of accounts) await tx.accounts.insert(record)
    for (const record of contacts) await tx.contacts.insert(record)
  })
}

const ids = (records: readonly { readonly id: string }[]): string[] => records.map((r) => r.id).sort()
const matchIds = (duplicates: QualificationDuplicates) => ({
  leads: ids((duplicates.leads ?? []).map((d) => d.record)),
  accounts: ids((duplicates.accounts ?? []).map((d) => d.record)),
  contacts: ids((duplicates.contacts ?? []).map((d) => d.record)),
})

/** The records the store returns as candidates of `lead`, under keys derived from `settings`. */
export async function candidatesOf(repositories: RepositorySet, settings: QualificationSettings, lead: Lead) {
  const lookup = duplicateKeysFromRules(settings).candidateKeys('lead', lead)
  return {
    leads: await repositories.leads.findCandidates(lookup.lead),
    accounts: await repositories.accounts.findCandidates(lookup.account),
    contacts: await repositories.contacts.findCandidates(lookup.contact),
  }
}

/**
 * What the app sees: the candidates found by key, the warnings and blocks of qualifying Ana's and Bob's leads with
 * them as `duplicateSources`, the block of creating a copy of Bob's lead, and what the same checks find when given
 * every stored record (the keys must miss none of those).
 */
export async function runScenario(repositories: Repositories, settings: QualificationSettings) {
  const everything = scenarioRecords()
  const all = { leads: everything.leads, accounts: everything.accounts, contacts: everything.contacts }
  const qualify = async (lead: Lead) => {
    const duplicateSources = await candidatesOf(repositories, settings, lead)
    const plan = planQualification(lead, settings, {}, { now: SCENARIO_NOW, duplicateSources })
    return {
      candidates: { leads: ids(duplicateSources.leads), accounts: ids(duplicateSources.accounts), contacts: ids(duplicateSources.contacts) },
      found: matchIds(findQualificationDuplicates(lead, duplicateSources, { settings })),
      foundInAll: matchIds(findQualificationDuplicates(lead, all, { settings })),
      status: plan.status,
      decisions: plan.decisions.map((decision) => decision.kind),
      blockers: plan.blockers.map((blocker) => blocker.code),
    }
  }
  // Creating a lead with Bob's phone, written another way: the create check runs the lead rules on the candidates.
  const copyOfBob = scenarioLead('lead-new', { firstName: 'Robert', lastName: 'Murphy', mobilePhone: '+1 (206) 555-0142' })
  const createCandidates = await repositories.leads.findCandidates(duplicateKeysFromRules(settings).candidateKeys('lead', copyOfBob).lead)
  const createMatches = findDuplicates(copyOfBob, createCandidates, resolveDuplicateRules(settings, 'lead'))
  return {
    ana: await qualify(QUALIFIED_LEAD),
    bob: await qualify(scenarioLead('lead-bob-2', { firstName: 'Bob', lastName: 'Murphy', companyName: 'Fabrikam', businessPhone: '+1.206.555.0142' })),
    create: { candidates: ids(createCandidates), blockedBy: ids(createMatches.map((m) => m.record)) },
  }
}
