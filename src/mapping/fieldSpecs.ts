import type { FieldSpec, MappingTarget } from './types.js'

const str = (maxLength: number): FieldSpec => Object.freeze({ type: 'string', maxLength })
const option = (optionSet: string): FieldSpec => Object.freeze({ type: 'option', optionSet })
const lookup = (table: string): FieldSpec => Object.freeze({ type: 'lookup', lookup: table })
const NUMBER: FieldSpec = Object.freeze({ type: 'number' })
const BOOLEAN: FieldSpec = Object.freeze({ type: 'boolean' })
const CURRENCY: FieldSpec = Object.freeze({ type: 'currency' })
const DATE: FieldSpec = Object.freeze({ type: 'date' })

// Dataverse `address1_*` column lengths, the same on lead, account and contact.
const ADDRESS: Readonly<Record<string, FieldSpec>> = {
  'address.street1': str(250),
  'address.street2': str(250),
  'address.street3': str(250),
  'address.city': str(80),
  'address.stateOrProvince': str(50),
  'address.postalCode': str(20),
  'address.country': str(80),
}

/**
 * The lead fields a map may read, with their kind and Dataverse column length (`subject` 300, `firstname` 50,
 * `companyname` 100, `emailaddress1` 100, `mobilephone` 20, …). A host's own fields are read as `extra.<key>`.
 *
 * @example
 * LEAD_FIELD_SPECS.companyName //=> { type: 'string', maxLength: 100 }
 * LEAD_FIELD_SPECS['address.city'] //=> { type: 'string', maxLength: 80 }
 */
export const LEAD_FIELD_SPECS: Readonly<Record<string, FieldSpec>> = Object.freeze({
  topic: str(300),
  firstName: str(50),
  lastName: str(50),
  jobTitle: str(100),
  companyName: str(100),
  email: str(100),
  businessPhone: str(50),
  mobilePhone: str(20),
  website: str(200),
  ...ADDRESS,
  description: str(2000),
  leadSource: option('leadSource'),
  industry: option('industry'),
  numberOfEmployees: NUMBER,
  preferredContactMethod: option('preferredContactMethod'),
  budgetAmount: NUMBER,
  budgetStatus: option('budgetStatus'),
  purchaseTimeframe: option('purchaseTimeframe'),
  purchaseProcess: option('purchaseProcess'),
  decisionMaker: BOOLEAN,
  existingAccountId: lookup('account'),
  existingContactId: lookup('contact'),
  currency: CURRENCY,
  ownerId: lookup('user'),
})

/**
 * The fields of each target record a map may write, with their kind and Dataverse column length (account `name`
 * 160, contact `telephone1` 50, opportunity `name` 300, …). System fields (`id`, `version`, `state`,
 * `originatingLeadId`, …) are not mappable. A host's own fields are written as `extra.<key>`.
 *
 * @example
 * TARGET_FIELD_SPECS.account.name //=> { type: 'string', maxLength: 160 }
 * TARGET_FIELD_SPECS.opportunity.accountId //=> { type: 'lookup', lookup: 'account' }
 */
export const TARGET_FIELD_SPECS: Readonly<Record<MappingTarget, Readonly<Record<string, FieldSpec>>>> = Object.freeze({
  account: Object.freeze({
    name: str(160),
    website: str(200),
    phone: str(50),
    email: str(100),
    ...ADDRESS,
    industry: option('industry'),
    numberOfEmployees: NUMBER,
    ownerId: lookup('user'),
  }),
  contact: Object.freeze({
    firstName: str(50),
    lastName: str(50),
    jobTitle: str(100),
    businessPhone: str(50),
    mobilePhone: str(20),
    email: str(100),
    ...ADDRESS,
    ownerId: lookup('user'),
  }),
  opportunity: Object.freeze({
    topic: str(300),
    accountId: lookup('account'),
    contactId: lookup('contact'),
    currency: CURRENCY,
    estimatedRevenue: NUMBER,
    estimatedCloseDate: DATE,
    description: str(2000),
    budgetAmount: NUMBER,
    purchaseTimeframe: option('purchaseTimeframe'),
    purchaseProcess: option('purchaseProcess'),
    decisionMaker: BOOLEAN,
    ownerId: lookup('user'),
  }),
})
