import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { FORBIDDEN_KEYS } from '../../internal/keys.js'
import { asLeadkitError, describe } from '../../internal/validate.js'
import type { DataverseTable } from '../../records/bridgeTypes.js'
import { columnsOf } from '../../records/internal/fieldSpecs.js'
import { readRecord } from '../../records/internal/readRecord.js'
import type { EntityName, RecordsByEntity } from '../../records/types.js'
import {
  LOGICAL_NAME_OF,
  regardingColumnOf,
  webApiTable,
  type LookupSpec,
  type WebApiTable,
} from './internal/tables.js'
import type { FromWebApiRowOptions, WebApiRecord } from './types.js'

const FORMATTED = '@OData.Community.Display.V1.FormattedValue'
const LOGICAL_NAME = '@Microsoft.Dynamics.CRM.lookuplogicalname'
/** More columns than any Dataverse table has (the platform's limit is about 1,000): refuse before copying. */
const MAX_ROW_KEYS = 5_000
const LOOKUP_VALUE = /^_([a-z0-9_]+)_value$/
const ETAG_VERSION = /^W\/"(\d+)"$/

function entityOfLogicalName(name: unknown): EntityName | undefined {
  for (const [entity, logical] of Object.entries(LOGICAL_NAME_OF)) if (logical === name) return entity as EntityName
  return undefined
}

function lookupByColumn(table: WebApiTable, column: string): LookupSpec | undefined {
  for (const lookup of table.lookups) if (lookup.column === column) return lookup
  return undefined
}

function currencyCodeOf(id: unknown, options: FromWebApiRowOptions): string | undefined {
  if (typeof id !== 'string' || options.currencyIds === undefined) return undefined
  for (const [code, currencyId] of Object.entries(options.currencyIds)) {
    if (currencyId.toLowerCase() === id.toLowerCase()) return code
  }
  return undefined
}

/**
 * Reads a row as the Dataverse Web API returns it into a leadkit record: lookups from their `_<column>_value`
 * properties (a note's regarding record by the `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation, a contact's
 * account from `_parentcustomerid_value` when it names an account, the currency back to its ISO code through
 * `options.currencyIds`), option sets from their codes, the version from `versionnumber` or the `@odata.etag`.
 *
 * Formatted values are returned beside the record, for display. Columns leadkit does not map are reported in
 * `unknownColumns` — never hidden in `extra`, where they would be written back — unless `options.extraColumns`
 * names them. Ask the Web API for the annotations with `Prefer: odata.include-annotations="*"`.
 *
 * @param row - one row (`value[i]` of a collection, or a single retrieve); it is never changed
 * @param table - the row's table
 * @param options - `extraColumns` to keep under `extra`, `currencyIds` to read the currency back
 * @returns the frozen record, its ETag, formatted values and unknown columns
 * @throws LeadkitError `invalid_type` for a row that is not an object, `invalid_format` for a JSON column that is not
 * JSON, `required` for a regarding lookup without its logical name, and every issue of the record's `parse…` rules
 * with the path of the logical column (`['statuscode']`)
 * @example
 * fromWebApiRow({ '@odata.etag': 'W/"1204"', contactid: '2f6d…', lastname: 'Ruiz', createdon, modifiedon,
 *   _parentcustomerid_value: '7d5c…', '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
 *   fullname: 'Ana Ruiz' }, 'contact')
 * //=> { record: { id: '2f6d…', version: 1204, lastName: 'Ruiz', accountId: '7d5c…', state: 'active', … },
 * //     etag: 'W/"1204"', formattedValues: {}, unknownColumns: { fullname: 'Ana Ruiz' } }
 */
export function fromWebApiRow<T extends DataverseTable>(
  row: unknown,
  table: T,
  options: FromWebApiRowOptions = {},
): WebApiRecord<RecordsByEntity[T]> {
  try {
    return fromWebApiRowUnguarded(row, table, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function fromWebApiRowUnguarded<T extends DataverseTable>(
  row: unknown,
  table: T,
  options: FromWebApiRowOptions,
): WebApiRecord<RecordsByEntity[T]> {
  const webTable = webApiTable(table, ['table'])
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    const message = `a Web API row must be a JSON object (got ${describe(row)})`
    throw new LeadkitError({ code: 'invalid_type', path: [], message })
  }
  const keys = Object.keys(row)
  if (keys.length > MAX_ROW_KEYS) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: [],
      message: `a Web API row has at most ${MAX_ROW_KEYS} properties (got ${keys.length}): select the columns you need`,
    })
  }
  const source = row as Readonly<Record<string, unknown>>
  let etag: string | undefined
  const formatted: Record<string, string> = {}
  const logicalNames: Record<string, unknown> = {}
  const columns: [string, unknown][] = []
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) {
      const message = `a Web API row cannot carry the key ${key}`
      throw new LeadkitError({ code: 'forbidden_key', path: [key], message })
    }
    const value = source[key]
    const at = key.indexOf('@')
    if (at === 0) {
      if (key === '@odata.etag' && typeof value === 'string') etag = value
    } else if (at > 0) {
      const column = key.slice(0, at)
      const term = key.slice(at)
      if (term === FORMATTED && typeof value === 'string') formatted[column] = value
      else if (term === LOGICAL_NAME) logicalNames[column] = value
    } else {
      columns.push([key, value])
    }
  }

  const spec = webTable.spec
  const known = columnsOf(spec)
  const keep = new Set(options.extraColumns ?? [])
  const regarding = regardingColumnOf(webTable.entity)
  const bridge: Record<string, unknown> = {}
  const unknown: Record<string, unknown> = {}
  for (const [key, value] of columns) {
    const lookupColumn = LOOKUP_VALUE.exec(key)?.[1]
    if (lookupColumn !== undefined) {
      if (value === null) continue
      if ((webTable.entity === 'note' || webTable.entity === 'timelineEntry') && lookupColumn === regarding) {
        const entity = entityOfLogicalName(logicalNames[key] ?? source.objecttypecode)
        if (entity === undefined) {
          throw new LeadkitError({
            code: 'required',
            path: [`${key}${LOGICAL_NAME}`],
            message:
              `the ${webTable.entity}'s regarding record needs its table: request the row with ` +
              'Prefer: odata.include-annotations="*" (or select objecttypecode)',
          })
        }
        bridge[spec.fields.find((field) => field.kind === 'ref')?.column ?? 'objectid'] = value
        bridge.objecttypecode = entity
        continue
      }
      const lookup = lookupByColumn(webTable, lookupColumn)
      const logicalName = logicalNames[key]
      // A polymorphic lookup naming another table (a contact's parent that is a contact) is not leadkit's field.
      const named = lookup?.logicalName
      const otherTable = named !== undefined && logicalName !== undefined && logicalName !== named
      if (lookup === undefined || otherTable) {
        unknown[key] = value
      } else if (lookup.target === 'currency') {
        const code = currencyCodeOf(value, options)
        if (code === undefined) unknown[key] = value
        else bridge[lookup.column] = code
      } else {
        bridge[lookup.column] = value
      }
    } else if (key === webTable.primaryKey || (known.has(key) && key !== 'objecttypecode' && key !== regarding)) {
      bridge[key] = webTable.jsonColumns.has(key) ? parseJsonColumn(key, value) : value
    } else if (keep.has(key)) {
      bridge[key] = value
    } else if (key !== 'objecttypecode') {
      unknown[key] = value
    }
  }
  if (bridge.versionnumber === undefined && etag !== undefined) {
    const version = ETAG_VERSION.exec(etag)?.[1]
    if (version !== undefined) bridge.versionnumber = Number(version)
  }
  const record = readRecord<RecordsByEntity[T]>(spec, bridge, 'dataverse')
  return deepFreeze({
    record,
    ...(etag === undefined ? {} : { etag }),
    formattedValues: formatted,
    unknownColumns: unknown,
  })
}

function parseJsonColumn(column: string, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    throw new LeadkitError({
      code: 'invalid_format',
      path: [column],
      message:
        `${column} holds leadkit's JSON text, but "${value.slice(0, 30)}" is not JSON: ` +
        'fix the row or clear the column',
    })
  }
}
