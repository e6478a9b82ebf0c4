import type { Lead } from '../../src/records/types.js'

/** A fully filled, frozen open lead for mapping tests. */
export function makeLead(overrides: Partial<Record<keyof Lead, unknown>> = {}): Lead {
  const lead = {
    id: 'lead-1',
    createdOn: '2026-03-01T09:30:00.000Z',
    modifiedOn: '2026-03-01T09:30:00.000Z',
    version: 1,
    state: 'open',
    statusReason: 'new',
    topic: 'New office chairs',
    firstName: 'Ana',
    lastName: 'Lee',
    jobTitle: 'Buyer',
    companyName: 'Contoso',
    email: 'ana@contoso.com',
    businessPhone: '+47 22 00 00 00',
    mobilePhone: '+47 900 00 000',
    website: 'https://contoso.com',
    address: {
      street1: 'Storgata 1',
      street2: 'Floor 2',
      street3: 'Desk 3',
      city: 'Oslo',
      stateOrProvince: 'Oslo',
      postalCode: '0155',
      country: 'Norway',
    },
    existingAccountId: 'account-9',
    existingContactId: 'contact-9',
    industry: 'consulting',
    budgetAmount: 1200,
    decisionMaker: true,
    description: 'Wants 40 chairs',
    extra: { region: 'EMEA', tier: 2 },
    ...overrides,
  }
  return lead as unknown as Lead
}
