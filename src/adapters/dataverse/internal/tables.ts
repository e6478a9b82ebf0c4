/**
 * What the Web API needs beyond the bridge's field specs: each table's entity set and primary key, which fields are
 * lookups (and through which navigation property, to which entity set), which columns the platform owns, and which
 * leadkit columns hold JSON text. The field specs stay the one place for names, lengths and option codes.
 */
import { LeadkitError } from '../../../errors.js'
import { describe } from '../../../internal/validate.js'
import {
  DATAVERSE_SPECS,
  TIMELINE_ENTRY_SPEC,
  type RecordSpec,
} from '../../../records/internal/fieldSpecs.js'
import type { EntityName } from '../../../records/types.js'

/** A single-valued lookup: one leadkit id field, bound through `navigation` to a row of `entitySet`. */
export interface LookupSpec {
  readonly key: string
  /** The lookup column's logical name; the Web API returns it as `_<column>_value`. */
  readonly column: string
  /** The navigation property to bind (`parentcustomerid_account`); `owner` and `currency` are resolved by options. */
  readonly navigation: string
  readonly target: EntityName | 'owner' | 'currency'
  /** For a polymorphic lookup, the logical name the row's `lookuplogicalname` annotation must carry. */
  readonly logicalName?: string
}

/** One table as the Web API sees it. */
export interface WebApiTable {
  readonly entity: EntityName
  readonly spec: RecordSpec
  readonly entitySet: string
  readonly primaryKey: string
  readonly lookups: readonly LookupSpec[]
  /** Columns a record carries that hold a JSON value, written as JSON text. */
  readonly jsonColumns: ReadonlySet<string>
  /** The table's initial state code: a record is created in it, and any other state is set by an update. */
  readonly initialState?: string
}

const OWNER: LookupSpec = { key: 'ownerId', column: 'ownerid', navigation: 'ownerid', target: 'owner' }
const CURRENCY: LookupSpec = {
  key: 'currency',
  column: 'transactioncurrencyid',
  navigation: 'transactioncurrencyid',
  target: 'currency',
}

function lookup(key: string, column: string, target: EntityName): LookupSpec {
  return { key, column, navigation: column, target }
}

function originatingLead(): LookupSpec {
  return lookup('originatingLeadId', 'originatingleadid', 'lead')
}

/**
 * Entity sets of the tables leadkit writes. `timelineEntry` is leadkit's own table (`leadkit_timelineentry`), which
 * a host creates in its solution; the others are the platform's.
 */
export const ENTITY_SET_OF: Readonly<Record<EntityName, string>> = Object.freeze({
  lead: 'leads',
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'opportunities',
  note: 'annotations',
  timelineEntry: 'leadkit_timelineentries',
})

/** Dataverse logical names of leadkit's entities, as `lookuplogicalname` and `@odata.type` carry them. */
export const LOGICAL_NAME_OF: Readonly<Record<EntityName, string>> = Object.freeze({
  lead: 'lead',
  account: 'account',
  contact: 'contact',
  opportunity: 'opportunity',
  note: 'annotation',
  timelineEntry: 'leadkit_timelineentry',
})

/** Entities a note (`objectid`) or a timeline entry (`regardingobjectid`) may be regarding. */
export const REGARDING_ENTITIES: readonly EntityName[] = ['lead', 'account', 'contact', 'opportunity']

/** Columns the platform sets: never sent on create or update. */
export const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['createdon', 'modifiedon', 'versionnumber'])

const TABLES: Readonly<Record<EntityName, WebApiTable>> = Object.freeze({
  lead: {
    entity: 'lead',
    spec: DATAVERSE_SPECS.lead,
    entitySet: 'leads',
    primaryKey: 'leadid',
    initialState: 'open',
    jsonColumns: new Set<string>(),
    lookups: [
      OWNER,
      lookup('existingAccountId', 'parentaccountid', 'account'),
      lookup('existingContactId', 'parentcontactid', 'contact'),
      CURRENCY,
      lookup('qualifyingOpportunityId', 'qualifyingopportunityid', 'opportunity'),
      lookup('masterId', 'masterid', 'lead'),
    ],
  },
  account: {
    entity: 'account',
    spec: DATAVERSE_SPECS.account,
    entitySet: 'accounts',
    primaryKey: 'accountid',
    initialState: 'active',
    jsonColumns: new Set<string>(),
    lookups: [
      OWNER,
      lookup('primaryContactId', 'primarycontactid', 'contact'),
      originatingLead(),
      lookup('masterId', 'masterid', 'account'),
    ],
  },
  contact: {
    entity: 'contact',
    spec: DATAVERSE_SPECS.contact,
    entitySet: 'contacts',
    primaryKey: 'contactid',
    initialState: 'active',
    jsonColumns: new Set<string>(),
    lookups: [
      OWNER,
      // Polymorphic: a contact's parent customer may be an account or a contact; leadkit's accountId is an account.
      {
        key: 'accountId',
        column: 'parentcustomerid',
        navigation: 'parentcustomerid_account',
        target: 'account',
        logicalName: 'account',
      },
      originatingLead(),
      lookup('masterId', 'masterid', 'contact'),
    ],
  },
  opportunity: {
    entity: 'opportunity',
    spec: DATAVERSE_SPECS.opportunity,
    entitySet: 'opportunities',
    primaryKey: 'opportunityid',
    initialState: 'open',
    jsonColumns: new Set<string>(),
    lookups: [
      OWNER,
      lookup('accountId', 'parentaccountid', 'account'),
      lookup('contactId', 'parentcontactid', 'contact'),
      originatingLead(),
      CURRENCY,
    ],
  },
  note: {
    entity: 'note',
    spec: DATAVERSE_SPECS.note,
    entitySet: 'annotations',
    primaryKey: 'annotationid',
    jsonColumns: new Set(['leadkit_visibleon', 'leadkit_attachments']),
    lookups: [OWNER],
  },
  timelineEntry: {
    entity: 'timelineEntry',
    spec: TIMELINE_ENTRY_SPEC,
    entitySet: 'leadkit_timelineentries',
    primaryKey: 'leadkit_timelineentryid',
    jsonColumns: new Set(['leadkit_data']),
    lookups: [OWNER],
  },
})

/** The regarding lookup of notes (`objectid`) and timeline entries (`regardingobjectid`). */
export function regardingColumnOf(entity: EntityName): string {
  return entity === 'note' ? 'objectid' : 'regardingobjectid'
}

/**
 * The Web API description of a table, or `invalid_value` at `path` for a name leadkit does not write.
 */
export function webApiTable(entity: unknown, path: readonly (string | number)[]): WebApiTable {
  if (typeof entity === 'string' && Object.hasOwn(TABLES, entity)) return TABLES[entity as EntityName]
  throw new LeadkitError({
    code: 'invalid_value',
    path,
    message:
      `${describe(entity)} is not a table the Dataverse adapter writes: ` +
      `use one of ${Object.keys(TABLES).join(', ')}`,
  })
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `value` is a GUID as Dataverse writes row ids (`8-4-4-4-12` hex digits, any case, no braces). */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value)
}

/** Checks that `id` is a GUID, else `invalid_format` at `path`, saying what to do. */
export function requireGuid(id: unknown, path: readonly (string | number)[], what: string): string {
  if (isGuid(id)) return id.toLowerCase()
  const shown = typeof id === 'string' ? `"${id.slice(0, 40)}${id.length > 40 ? '…' : ''}"` : describe(id)
  throw new LeadkitError({
    code: 'invalid_format',
    path,
    message:
      `${what} must be a Dataverse id, a GUID such as 7d5c3b9e-1f2a-4c3b-9d8e-0a1b2c3d4e5f (got ${shown}): ` +
      'read records through fromWebApiRow, or make new ids with crypto.randomUUID()',
  })
}
