/**
 * What input may set on a lead, an account and a contact, and what sets everything else: the tables behind the
 * intake parsers and the create / update steps.
 */
import { ACCOUNT_SPEC, CONTACT_SPEC, LEAD_SPEC } from './fieldSpecs.js'
import { SYSTEM_FIELDS, type IntakeKind } from './intake.js'

const STATE = 'its state changes only through planQualification, planDisqualification or planReactivation'
const ACTIVE_STATE = 'a new record is active; deactivating it is not an edit of its fields'
const PROCESS = 'the business process flow moves it (nextProcessStage), not a form'
const MERGE = 'a merge sets it (planMerge)'
const QUALIFICATION = 'qualification sets it (planQualification)'

/**
 * The lead's intake table.
 *
 * @example
 * LEAD_INTAKE.editable.includes('state') //=> false
 */
export const LEAD_INTAKE: IntakeKind = {
  noun: 'a lead',
  spec: LEAD_SPEC,
  editable: [
    'topic',
    'firstName',
    'lastName',
    'jobTitle',
    'companyName',
    'email',
    'businessPhone',
    'mobilePhone',
    'website',
    'address',
    'description',
    'leadSource',
    'industry',
    'numberOfEmployees',
    'preferredContactMethod',
    'budgetAmount',
    'budgetStatus',
    'purchaseTimeframe',
    'purchaseProcess',
    'decisionMaker',
    'existingAccountId',
    'existingContactId',
    'currency',
  ],
  system: {
    ...SYSTEM_FIELDS,
    state: STATE,
    statusReason: STATE,
    closedOn: STATE,
    qualifyingOpportunityId: QUALIFICATION,
    processFlow: PROCESS,
    processStage: PROCESS,
    processStatus: PROCESS,
    masterId: MERGE,
  },
  initialState: { state: 'open', statusReason: 'new' },
  editableState: 'open',
  specs: {},
}

/**
 * The account's intake table.
 *
 * @example
 * ACCOUNT_INTAKE.editable[0] //=> 'name'
 */
export const ACCOUNT_INTAKE: IntakeKind = {
  noun: 'an account',
  spec: ACCOUNT_SPEC,
  editable: ['name', 'website', 'phone', 'email', 'address', 'industry', 'numberOfEmployees', 'primaryContactId'],
  system: { ...SYSTEM_FIELDS, state: ACTIVE_STATE, originatingLeadId: QUALIFICATION, masterId: MERGE },
  initialState: { state: 'active' },
  editableState: 'active',
  specs: {},
}

/**
 * The contact's intake table.
 *
 * @example
 * CONTACT_INTAKE.editable.includes('lastName') //=> true
 */
export const CONTACT_INTAKE: IntakeKind = {
  noun: 'a contact',
  spec: CONTACT_SPEC,
  editable: ['firstName', 'lastName', 'jobTitle', 'businessPhone', 'mobilePhone', 'email', 'address', 'accountId'],
  system: { ...SYSTEM_FIELDS, state: ACTIVE_STATE, originatingLeadId: QUALIFICATION, masterId: MERGE },
  initialState: { state: 'active' },
  editableState: 'active',
  specs: {},
}
