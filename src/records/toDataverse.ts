import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import type { DataverseRow, DataverseTable } from './bridgeTypes.js'
import { ADDRESS_FIELDS, columnsOf, dataverseSpec, isPlainColumnName } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { RecordsByEntity } from './types.js'

/**
 * Converts a leadkit record into a Dataverse row: logical column names, option sets as their integer codes, the
 * address as `address1_*` columns, a note's regarding record as `objectid` + `objecttypecode`.
 *
 * The record is validated first (by the rules of its `parse…` function), so a hand-built record with a bad value
 * is rejected rather than written. Each `extra` key goes out as a column of its own, which is what lets
 * {@link fromDataverse} give the record back unchanged; it must be a plain column name (lower-case letters, digits
 * and `_`), so nothing under `extra` can become an OData annotation such as `ownerid@odata.bind`. Absent fields
 * produce no column.
 *
 * @param record - the record to convert; it is never changed
 * @param table - the record's table
 * @returns a new, deep-frozen row
 * @throws LeadkitError `invalid_combination` at `['extra', key]` when an `extra` key is the name of a column the
 * table already maps (it would overwrite that column), `invalid_value` there when it is not a plain column name,
 * and any parse issue of an invalid record (`forbidden_key` for a key with "@" or ".")
 * @example
 * toDataverse(parseLead({ id: 'l1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z',
 *   version: 3, firstName: 'Ada', leadSource: 'web', state: 'qualified' }), 'lead')
 * //=> { leadid: 'l1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 3,
 * //     firstname: 'Ada', leadsourcecode: 8, statecode: 1, statuscode: 3 }
 */
export function toDataverse<T extends DataverseTable>(record: RecordsByEntity[T], table: T): DataverseRow {
  const spec = dataverseSpec(table)
  // Parsing also gives a private deep copy, so freezing the row can never freeze a part of the caller's record.
  const source = readRecord<Readonly<Record<string, unknown>>>(spec, record, 'leadkit')
  const row: Record<string, unknown> = {}
  for (const field of spec.fields) {
    const value = source[field.key]
    if (value === undefined) continue
    if (field.kind === 'option') {
      row[field.column] = field.codes[value as string]
    } else if (field.kind === 'address') {
      const address = value as Readonly<Record<string, unknown>>
      for (const part of ADDRESS_FIELDS) if (address[part.key] !== undefined) row[part.column] = address[part.key]
    } else if (field.kind === 'ref') {
      const ref = value as { readonly entity: string; readonly id: string }
      row[field.column] = ref.id
      row[field.typeColumn] = ref.entity
    } else {
      row[field.column] = value
    }
  }
  const extra = (source.extra ?? {}) as Readonly<Record<string, unknown>>
  const columns = columnsOf(spec)
  for (const key of Object.keys(extra)) {
    if (columns.has(key)) {
      throw new LeadkitError({
        code: 'invalid_combination',
        path: ['extra', key],
        message: `extra.${key} would overwrite the ${table} column "${key}": set the field itself, or rename the extra key`,
      })
    }
    // Only the bridge decides what is not a plain column: a key the Web API would read as anything else (an
    // annotation, an operator) never reaches the row.
    if (!isPlainColumnName(key)) {
      const example = `new_${key.toLowerCase().replace(/[^a-z0-9_]/g, '')}`
      throw new LeadkitError({
        code: 'invalid_value',
        path: ['extra', key],
        message:
          `extra.${key} cannot be a Dataverse column: logical names are lower-case letters, digits and _ ` +
          `(e.g. ${example}); rename the extra key`,
      })
    }
    row[key] = extra[key]
  }
  return deepFreeze(row)
}
