/**
 * One field-spec table per record type. The parsers, `toDataverse` and `fromDataverse` all run off these tables, so a
 * field's leadkit name, Dataverse logical name, column length and option codes are written down exactly once.
 */
import { LeadkitError } from '../../errors.js'
import type { StringOptions } from '../../internal/validate.js'
import { LEAD_STATE_CODES, LEAD_STATUS_REASON_CODES } from '../leadState.js'
import type { EntityName, Industry } from '../types.js'

interface FieldBase {
  /** leadkit field name. */
  readonly key: string
  /** Dataverse logical name. */
  readonly column: string
}

/**
 * A text column.
 *
 * @example
 * const field: StringField = { kind: 'string', key: 'firstName', column: 'firstname', max: 50 }
 */
export interface StringField extends FieldBase {
  readonly kind: 'string'
  readonly max?: number
  readonly required?: boolean
  readonly format?: StringOptions['format']
}

/**
 * An option set: readable keys in leadkit, integer codes in Dataverse.
 *
 * @example
 * const field: OptionField = { kind: 'option', key: 'state', column: 'statecode', codes: { active: 0, inactive: 1 }, fallback: 'active' }
 */
export interface OptionField extends FieldBase {
  readonly kind: 'option'
  readonly codes: Readonly<Record<string, number>>
  /** Value used when the input has none. */
  readonly fallback?: string
}

/**
 * A number column.
 *
 * @example
 * const field: NumberField = { kind: 'number', key: 'budgetAmount', column: 'budgetamount', min: 0 }
 */
export interface NumberField extends FieldBase {
  readonly kind: 'number'
  readonly min?: number
  readonly integer?: boolean
  readonly required?: boolean
}

/**
 * A yes/no column, or a field whose shape differs from a single column.
 *
 * @example
 * const field: OtherField = { kind: 'address', key: 'address', column: 'address1_' }
 */
export interface OtherField extends FieldBase {
  /**
   * `address`: the nested {@link Address}, flattened to `address1_*` columns in Dataverse.
   * `attachments` / `refs`: lists kept in the same shape in both namings.
   * `json`: any JSON value, copied.
   */
  readonly kind: 'boolean' | 'address' | 'attachments' | 'refs' | 'json'
}

/**
 * A required {@link EntityRef}: two columns in Dataverse, `column` for the id and `typeColumn` for the entity.
 *
 * @example
 * const field: RefField = { kind: 'ref', key: 'regarding', column: 'objectid', typeColumn: 'objecttypecode' }
 */
export interface RefField extends FieldBase {
  readonly kind: 'ref'
  readonly typeColumn: string
}

/**
 * One field of a record type: its leadkit name, its Dataverse logical name and how to read it.
 *
 * @example
 * const field: FieldSpec = { kind: 'boolean', key: 'decisionMaker', column: 'decisionmaker' }
 */
export type FieldSpec = StringField | OptionField | NumberField | RefField | OtherField

/**
 * The field-spec table of one record type.
 *
 * @example
 * LEAD_SPEC.fields.find((field) => field.key === 'email')?.column //=> 'emailaddress1'
 */
export interface RecordSpec {
  readonly entity: EntityName
  readonly fields: readonly FieldSpec[]
  /** Whether the lead's state / status-reason rules apply. */
  readonly hasLeadStatus?: boolean
  /** The name sets derived from `fields` the first time they are needed (see {@link columnsOf}, {@link keysOf}). */
  readonly names: { columns?: ReadonlySet<string>; keys?: ReadonlySet<string> }
}

/**
 * The sub-fields of an address and their Dataverse `address1_*` columns and lengths.
 *
 * @example
 * ADDRESS_FIELDS[3] //=> { kind: 'string', key: 'city', column: 'address1_city', max: 80 }
 */
export const ADDRESS_FIELDS: readonly StringField[] = [
  { kind: 'string', key: 'street1', column: 'address1_line1', max: 250 },
  { kind: 'string', key: 'street2', column: 'address1_line2', max: 250 },
  { kind: 'string', key: 'street3', column: 'address1_line3', max: 250 },
  { kind: 'string', key: 'city', column: 'address1_city', max: 80 },
  { kind: 'string', key: 'stateOrProvince', column: 'address1_stateorprovince', max: 50 },
  { kind: 'string', key: 'postalCode', column: 'address1_postalcode', max: 20 },
  { kind: 'string', key: 'country', column: 'address1_country', max: 80 },
]

/**
 * Entity names a reference may point at.
 *
 * @example
 * ENTITY_NAMES.includes('note') //=> true
 */
export const ENTITY_NAMES: readonly EntityName[] = ['lead', 'account', 'contact', 'opportunity', 'note', 'timelineEntry']

const INDUSTRIES: readonly Industry[] = [
  'accounting',
  'agriculture',
  'broadcasting-printing-publishing',
  'brokers',
  'building-supply-retail',
  'business-services',
  'consulting',
  'consumer-services',
  'design-creative-management',
  'distributors-dispatchers-processors',
  'doctors-offices-clinics',
  'durable-manufacturing',
  'eating-drinking-places',
  'entertainment-retail',
  'equipment-rental-leasing',
  'financial',
  'food-tobacco-processing',
  'inbound-capital-intensive-processing',
  'inbound-repair-services',
  'insurance',
  'legal-services',
  'non-durable-merchandise-retail',
  'outbound-consumer-service',
  'petrochemical-extraction-distribution',
  'service-retail',
  'sig-affiliations',
  'social-services',
  'special-outbound-trade-contractors',
  'specialty-realty',
  'transportation',
  'utility-creation-distribution',
  'vehicle-retail',
  'wholesale',
]

/** Codes counted from `first` in the order given. */
function codesInOrder(values: readonly string[], first: number): Readonly<Record<string, number>> {
  return Object.freeze(Object.fromEntries(values.map((value, index) => [value, first + index])))
}

/**
 * Dataverse option-set codes of every leadkit option set.
 *
 * @example
 * OPTION_CODES.leadSource.web //=> 8
 */
export const OPTION_CODES = Object.freeze({
  leadSource: codesInOrder(
    ['advertisement', 'employee-referral', 'external-referral', 'partner', 'public-relations', 'seminar', 'trade-show', 'web', 'word-of-mouth', 'other'],
    1,
  ),
  industry: codesInOrder(INDUSTRIES, 1),
  preferredContactMethod: codesInOrder(['any', 'email', 'phone', 'fax', 'mail'], 1),
  budgetStatus: codesInOrder(['no-committed-budget', 'may-buy', 'can-buy', 'will-buy'], 0),
  purchaseTimeframe: codesInOrder(['immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown'], 0),
  purchaseProcess: codesInOrder(['individual', 'committee', 'unknown'], 0),
  // Business-process-flow instances use statuscode Active 1, Finished 2, Aborted 3.
  processStatus: codesInOrder(['active', 'finished', 'aborted'], 1),
  leadState: LEAD_STATE_CODES,
  leadStatusReason: LEAD_STATUS_REASON_CODES,
  activeState: codesInOrder(['active', 'inactive'], 0),
  opportunityState: codesInOrder(['open', 'won', 'lost'], 0),
})

/**
 * The longest id leadkit accepts, for every record id and every reference to one (`ownerId`, `existingAccountId`,
 * a note's `regarding.id`, an attachment's id, …). Dataverse ids are 36-character GUIDs; hosts use their own keys
 * (a URL-safe slug, a compound key), and 256 leaves room for those while keeping an id a key, not a payload.
 *
 * @example
 * ID_MAX_LENGTH //=> 256
 */
export const ID_MAX_LENGTH = 256

function str(key: string, column: string, max?: number, extra: Partial<StringField> = {}): StringField {
  return { kind: 'string', key, column, ...(max === undefined ? {} : { max }), ...extra }
}

function id(key: string, column: string, required = false): StringField {
  return { kind: 'string', key, column, max: ID_MAX_LENGTH, ...(required ? { required } : {}) }
}

function option(key: string, column: string, codes: Readonly<Record<string, number>>, fallback?: string): OptionField {
  return { kind: 'option', key, column, codes, ...(fallback === undefined ? {} : { fallback }) }
}

function amount(key: string, column: string, integer = false): NumberField {
  return { kind: 'number', key, column, min: 0, integer }
}

/** The fields every stored record has; only the id column differs per table. */
function base(idColumn: string): readonly FieldSpec[] {
  return [
    id('id', idColumn, true),
    str('createdOn', 'createdon', undefined, { required: true, format: 'iso-instant' }),
    str('modifiedOn', 'modifiedon', undefined, { required: true, format: 'iso-instant' }),
    { kind: 'number', key: 'version', column: 'versionnumber', required: true, integer: true, min: 1 },
    id('ownerId', 'ownerid'),
  ]
}

const ADDRESS: OtherField = { kind: 'address', key: 'address', column: 'address1_' }
const EMAIL = str('email', 'emailaddress1', 100, { format: 'email' })
const WEBSITE = str('website', 'websiteurl', 200)
const MOBILE = str('mobilePhone', 'mobilephone', 20)
const JOB_TITLE = str('jobTitle', 'jobtitle', 100)
const DESCRIPTION = str('description', 'description', 2000)
const CURRENCY = str('currency', 'transactioncurrencyid', undefined, { format: 'currency' })
const ORIGINATING_LEAD = id('originatingLeadId', 'originatingleadid')
const MASTER = id('masterId', 'masterid')
const INDUSTRY = option('industry', 'industrycode', OPTION_CODES.industry)
const EMPLOYEES = amount('numberOfEmployees', 'numberofemployees', true)
const BUDGET = amount('budgetAmount', 'budgetamount')
const TIMEFRAME = option('purchaseTimeframe', 'purchasetimeframe', OPTION_CODES.purchaseTimeframe)
const PROCESS = option('purchaseProcess', 'purchaseprocess', OPTION_CODES.purchaseProcess)
const DECISION_MAKER: OtherField = { kind: 'boolean', key: 'decisionMaker', column: 'decisionmaker' }
const PROCESS_STAGE = str('processStage', 'leadkit_processstage', 100)

/**
 * The fields of a lead record.
 *
 * @example
 * LEAD_SPEC.entity //=> 'lead'
 */
export const LEAD_SPEC: RecordSpec = {
  entity: 'lead',
  names: {},
  hasLeadStatus: true,
  fields: [
    ...base('leadid'),
    str('topic', 'subject', 300),
    str('firstName', 'firstname', 50),
    str('lastName', 'lastname', 50),
    JOB_TITLE,
    str('companyName', 'companyname', 100),
    EMAIL,
    str('businessPhone', 'telephone1', 50),
    MOBILE,
    WEBSITE,
    ADDRESS,
    DESCRIPTION,
    option('leadSource', 'leadsourcecode', OPTION_CODES.leadSource),
    INDUSTRY,
    EMPLOYEES,
    option('preferredContactMethod', 'preferredcontactmethodcode', OPTION_CODES.preferredContactMethod),
    BUDGET,
    option('budgetStatus', 'budgetstatus', OPTION_CODES.budgetStatus),
    TIMEFRAME,
    PROCESS,
    DECISION_MAKER,
    id('existingAccountId', 'parentaccountid'),
    id('existingContactId', 'parentcontactid'),
    CURRENCY,
    option('state', 'statecode', OPTION_CODES.leadState),
    option('statusReason', 'statuscode', OPTION_CODES.leadStatusReason),
    str('closedOn', 'leadkit_closedon', undefined, { format: 'iso-instant' }),
    id('qualifyingOpportunityId', 'qualifyingopportunityid'),
    str('processFlow', 'leadkit_processflow', 100),
    PROCESS_STAGE,
    option('processStatus', 'leadkit_processstatus', OPTION_CODES.processStatus),
    MASTER,
  ],
}

/**
 * The fields of a account record.
 *
 * @example
 * ACCOUNT_SPEC.entity //=> 'account'
 */
export const ACCOUNT_SPEC: RecordSpec = {
  entity: 'account',
  names: {},
  fields: [
    ...base('accountid'),
    str('name', 'name', 160, { required: true }),
    WEBSITE,
    str('phone', 'telephone1', 50),
    EMAIL,
    ADDRESS,
    INDUSTRY,
    EMPLOYEES,
    id('primaryContactId', 'primarycontactid'),
    ORIGINATING_LEAD,
    option('state', 'statecode', OPTION_CODES.activeState, 'active'),
    MASTER,
  ],
}

/**
 * The fields of a contact record.
 *
 * @example
 * CONTACT_SPEC.entity //=> 'contact'
 */
export const CONTACT_SPEC: RecordSpec = {
  entity: 'contact',
  names: {},
  fields: [
    ...base('contactid'),
    str('firstName', 'firstname', 50),
    str('lastName', 'lastname', 50, { required: true }),
    JOB_TITLE,
    str('businessPhone', 'telephone1', 50),
    MOBILE,
    EMAIL,
    ADDRESS,
    id('accountId', 'parentcustomerid'),
    ORIGINATING_LEAD,
    option('state', 'statecode', OPTION_CODES.activeState, 'active'),
    MASTER,
  ],
}

/**
 * The fields of a opportunity record.
 *
 * @example
 * OPPORTUNITY_SPEC.entity //=> 'opportunity'
 */
export const OPPORTUNITY_SPEC: RecordSpec = {
  entity: 'opportunity',
  names: {},
  fields: [
    ...base('opportunityid'),
    str('topic', 'name', 300, { required: true }),
    id('accountId', 'parentaccountid'),
    id('contactId', 'parentcontactid'),
    ORIGINATING_LEAD,
    CURRENCY,
    amount('estimatedRevenue', 'estimatedvalue'),
    str('estimatedCloseDate', 'estimatedclosedate', undefined, { format: 'iso-date' }),
    DESCRIPTION,
    BUDGET,
    TIMEFRAME,
    PROCESS,
    DECISION_MAKER,
    option('state', 'statecode', OPTION_CODES.opportunityState, 'open'),
    PROCESS_STAGE,
  ],
}

const REGARDING: RefField = { kind: 'ref', key: 'regarding', column: 'objectid', typeColumn: 'objecttypecode' }

/**
 * The fields of a note record.
 *
 * @example
 * NOTE_SPEC.entity //=> 'note'
 */
export const NOTE_SPEC: RecordSpec = {
  entity: 'note',
  names: {},
  fields: [
    ...base('annotationid'),
    REGARDING,
    { kind: 'refs', key: 'visibleOn', column: 'leadkit_visibleon' },
    str('subject', 'subject', 500),
    str('text', 'notetext', 100_000),
    { kind: 'attachments', key: 'attachments', column: 'leadkit_attachments' },
  ],
}

/**
 * The fields of a timeline entry record.
 *
 * @example
 * TIMELINE_ENTRY_SPEC.entity //=> 'timelineEntry'
 */
export const TIMELINE_ENTRY_SPEC: RecordSpec = {
  entity: 'timelineEntry',
  names: {},
  fields: [
    ...base('leadkit_timelineentryid'),
    REGARDING,
    str('kind', 'leadkit_kind', 100, { required: true }),
    str('title', 'leadkit_title', 200, { required: true }),
    str('body', 'leadkit_body', 100_000, { required: true }),
    { kind: 'json', key: 'data', column: 'leadkit_data' },
  ],
}

/**
 * The specs of the tables the Dataverse bridge converts.
 *
 * @example
 * DATAVERSE_SPECS.note === NOTE_SPEC //=> true
 */
export const DATAVERSE_SPECS = Object.freeze({
  lead: LEAD_SPEC,
  account: ACCOUNT_SPEC,
  contact: CONTACT_SPEC,
  opportunity: OPPORTUNITY_SPEC,
  note: NOTE_SPEC,
})

/**
 * The spec of a Dataverse table the bridge converts, or `invalid_value` at `['table']` for any other value.
 *
 * @example
 * dataverseSpec('note') === NOTE_SPEC //=> true
 */
export function dataverseSpec(table: unknown): RecordSpec {
  if (typeof table === 'string' && Object.hasOwn(DATAVERSE_SPECS, table)) {
    return DATAVERSE_SPECS[table as keyof typeof DATAVERSE_SPECS]
  }
  const known = Object.keys(DATAVERSE_SPECS).join(', ')
  const got = typeof table === 'string' ? JSON.stringify(table.slice(0, 40)) : typeof table
  const message = `table must be one of ${known} (got ${got})`
  throw new LeadkitError({ code: 'invalid_value', path: ['table'], message })
}

const PLAIN_COLUMN = /^[a-z_][a-z0-9_]*$/

/**
 * Whether `name` can be a Dataverse column of its own: lower-case letters, digits and `_`, not starting with a
 * digit, as every logical name is (`new_score`, `address2_city`, `leadkit_closedon`). Annotations (`…@odata.bind`),
 * dotted names and anything else a host might put under `extra` are not.
 *
 * @example
 * isPlainColumnName('new_score') //=> true
 * isPlainColumnName('ownerid@odata.bind') //=> false
 */
export function isPlainColumnName(name: string): boolean {
  return PLAIN_COLUMN.test(name)
}

/**
 * Every column name a spec reads in Dataverse naming; any other column of a row goes to `extra`. Built the first
 * time it is needed and kept on the spec: a fixed set of at most a few dozen names per record type.
 *
 * @example
 * columnsOf(NOTE_SPEC).has('objecttypecode') //=> true
 */
export function columnsOf(spec: RecordSpec): ReadonlySet<string> {
  let columns = spec.names.columns
  if (columns === undefined) {
    const names = new Set<string>()
    for (const field of spec.fields) {
      if (field.kind === 'address') for (const part of ADDRESS_FIELDS) names.add(part.column)
      else names.add(field.column)
      if (field.kind === 'ref') names.add(field.typeColumn)
    }
    columns = spec.names.columns = names
  }
  return columns
}

/**
 * Every field name a spec reads in leadkit naming, plus `extra`; any other key of the input goes to `extra`. Built
 * the first time it is needed and kept on the spec, like {@link columnsOf}.
 *
 * @example
 * keysOf(LEAD_SPEC).has('firstName') //=> true
 */
export function keysOf(spec: RecordSpec): ReadonlySet<string> {
  return (spec.names.keys ??= new Set([...spec.fields.map((field) => field.key), 'extra']))
}
