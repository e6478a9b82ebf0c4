import type { ParseRecordOptions, DataverseTable } from './bridgeTypes.js'
import { dataverseSpec } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { RecordsByEntity } from './types.js'

/**
 * Converts a Dataverse row (logical column names, option-set codes) into a frozen leadkit record, validating it by
 * the same rules as the `parse…` functions.
 *
 * Option sets come as their integer codes (`statecode` 0, `statuscode` 1, `leadsourcecode` 8, …), the address as
 * `address1_*` columns, a note's regarding record as `objectid` + `objecttypecode`. Columns leadkit does not know
 * (custom columns, `_x_value` lookups) are kept under `extra`, so `fromDataverse(toDataverse(record, table), table)`
 * deep-equals `record`. Annotations of the response (any key with "@": `@odata.etag`, formatted values), at any
 * depth, are metadata and left out, so none can travel back to Dataverse; any other column must be a plain
 * column name (a dotted link-entity alias such as `account1.name` is `forbidden_key`).
 *
 * @param row - the row as the Dataverse Web API returns it; `null` columns count as empty; it is never changed
 * @param table - which table the row comes from
 * @param options - `{ coerce: true }` when the row comes from a CSV export whose cells are strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue, each `path` naming the logical column, e.g. `['statuscode']`
 * @example
 * fromDataverse({ leadid: 'l1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z',
 *   versionnumber: 3, firstname: 'Ada', address1_city: 'Leeds', statecode: 2, statuscode: 5, new_score: 7,
 *   '@odata.etag': 'W/"3"' }, 'lead')
 * //=> { id: 'l1', …, version: 3, firstName: 'Ada', address: { city: 'Leeds' }, state: 'disqualified',
 * //     statusReason: 'cannot-contact', extra: { new_score: 7 } }
 */
export function fromDataverse<T extends DataverseTable>(row: unknown, table: T, options?: ParseRecordOptions): RecordsByEntity[T] {
  return readRecord<RecordsByEntity[T]>(dataverseSpec(table), row, 'dataverse', options)
}
