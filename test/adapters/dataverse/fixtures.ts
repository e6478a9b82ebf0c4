// Shared fixtures of the Dataverse adapter tests: GUID ids, and a lead, account, contact, opportunity and note that
// use them. Row shapes follow Microsoft's Web API documentation, cited where each is used.
import type { Account, Contact, Lead, Note, Opportunity } from '../../../src/records/types.js'

export const ORG = 'https://contoso.crm.dynamics.com/api/data/v9.2/'
export const NOW = '2026-03-02T10:00:00.000Z'
export const CREATED = '2026-02-01T09:00:00Z'

export const LEAD_ID = '9f0e3b5c-2a41-4d7e-8b6a-1c2d3e4f5a60'
export const ACCOUNT_ID = '7d5c3b9e-1f2a-4c3b-9d8e-0a1b2c3d4e5f'
export const CONTACT_ID = '2f6d8a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'
export const OPPORTUNITY_ID = '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d'
export const NOTE_ID = 'c0ffee00-1234-4abc-9def-0123456789ab'
export const USER_ID = '3d1a9f2e-8b7c-4d6e-a5f4-e3d2c1b0a998'
export const USD_ID = '5f2a1d7e-2b1e-ed11-b83e-000d3a4f1e10'
export const CURRENCIES = { USD: USD_ID } as const

export const LEAD: Lead = {
  id: LEAD_ID,
  version: 3150291,
  createdOn: CREATED,
  modifiedOn: CREATED,
  ownerId: USER_ID,
  topic: 'Coffee machines for 3 offices',
  firstName: 'Ana',
  lastName: 'Ruiz',
  companyName: 'Contoso Coffee',
  email: 'ana@contoso.example',
  businessPhone: '+1 425 555 0100',
  address: { street1: '1 Main St', city: 'Seattle', postalCode: '98101' },
  leadSource: 'web',
  budgetAmount: 25000,
  purchaseTimeframe: 'this-quarter',
  currency: 'USD',
  existingAccountId: ACCOUNT_ID,
  state: 'open',
  statusReason: 'new',
}

export const ACCOUNT: Account = {
  id: ACCOUNT_ID,
  version: 4,
  createdOn: CREATED,
  modifiedOn: CREATED,
  name: 'Contoso Coffee',
  phone: '+1 425 555 0199',
  address: { city: 'Seattle' },
  state: 'active',
}

export const CONTACT: Contact = {
  id: CONTACT_ID,
  version: 2,
  createdOn: CREATED,
  modifiedOn: CREATED,
  firstName: 'Ana',
  lastName: 'Ruiz',
  email: 'ana@contoso.example',
  accountId: ACCOUNT_ID,
  state: 'active',
}

export const OPPORTUNITY: Opportunity = {
  id: OPPORTUNITY_ID,
  version: 1,
  createdOn: CREATED,
  modifiedOn: CREATED,
  topic: 'Coffee machines',
  accountId: ACCOUNT_ID,
  contactId: CONTACT_ID,
  originatingLeadId: LEAD_ID,
  currency: 'USD',
  estimatedRevenue: 12000,
  estimatedCloseDate: '2026-06-30',
  state: 'open',
}

export const NOTE: Note = {
  id: NOTE_ID,
  version: 1,
  createdOn: CREATED,
  modifiedOn: CREATED,
  regarding: { entity: 'lead', id: LEAD_ID },
  subject: 'Research',
  text: 'Current vendor contract ends in June.',
  attachments: [],
}
