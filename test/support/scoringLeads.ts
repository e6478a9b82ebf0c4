// Small hand-made leads for scoring tests, dated relative to one fixed `now` so no test depends on the time zone.
import type { Lead } from '../../src/records/types.js'

export const NOW = '2026-06-15T12:00:00.000Z'
const NOW_MS = Date.parse(NOW)
const DAY = 86_400_000

/** An ISO instant `days` days before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW_MS - days * DAY).toISOString()
}

/** An open lead created 10 days ago, with every scoring attribute filled. */
export function openLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'open-1',
    createdOn: daysAgo(10),
    modifiedOn: daysAgo(10),
    version: 1,
    lastName: 'Doe',
    companyName: 'Contoso',
    email: 'jane@contoso.com',
    businessPhone: '+1 425 555 0100',
    website: 'https://contoso.com',
    jobTitle: 'CEO',
    address: { country: 'United States' },
    leadSource: 'partner',
    industry: 'consulting',
    numberOfEmployees: 500,
    budgetStatus: 'will-buy',
    budgetAmount: 50000,
    purchaseTimeframe: 'immediate',
    purchaseProcess: 'individual',
    decisionMaker: true,
    processFlow: 'lead-to-opportunity',
    processStatus: 'active',
    state: 'open',
    statusReason: 'new',
    ...overrides,
  }
}

/** A closed lead created 30 days ago and closed 20 days ago. */
export function closedLead(id: string, qualified: boolean, overrides: Partial<Lead> = {}): Lead {
  return openLead({
    id,
    createdOn: daysAgo(30),
    modifiedOn: daysAgo(20),
    closedOn: daysAgo(20),
    state: qualified ? 'qualified' : 'disqualified',
    statusReason: qualified ? 'qualified' : 'lost',
    processStatus: 'finished',
    ...overrides,
  })
}

/** `qualified` qualified and `disqualified` disqualified leads, all usable with default options. */
export function closedLeads(qualified: number, disqualified: number, overrides: Partial<Lead> = {}): Lead[] {
  const leads: Lead[] = []
  for (let i = 0; i < qualified; i++) leads.push(closedLead(`q-${i}`, true, overrides))
  for (let i = 0; i < disqualified; i++) leads.push(closedLead(`d-${i}`, false, overrides))
  return leads
}

/** Deep-freezes test input so any mutation by the code under test throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) frozen((value as Record<string, unknown>)[key])
  }
  return value
}
