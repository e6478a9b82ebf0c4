import { deepFreeze } from '../../internal/immer.js'
import type { DataverseTable } from '../../records/bridgeTypes.js'
import type { RecordsByEntity } from '../../records/types.js'
import { bindByGuid, toPayload } from './internal/columns.js'
import { createEntries, readLeadkitRecord } from './internal/payloads.js'
import { requireGuid, webApiTable } from './internal/tables.js'
import type { WebApiOptions, WebApiPayload } from './types.js'

/**
 * Builds the body of a Web API create (`POST [org]/api/data/v9.2/<entity set>`) for a leadkit record: the primary
 * key, option sets as integers, lookups as `navigation@odata.bind` (`parentcustomerid_account` for a contact's
 * account, `objectid_<entity>` for a note's regarding record, `transactioncurrencyid` by `options.currencyIds`),
 * JSON lists (a note's `visibleOn`, `attachments`) as JSON text. Columns the platform owns (`createdon`,
 * `modifiedon`, `versionnumber`) and the initial `statecode` are left out; `extra` keys go out as columns.
 *
 * @param record - the record; it is validated by its `parse…` rules and never changed
 * @param table - its table: `lead`, `account`, `contact`, `opportunity` or `note`
 * @param options - `currencyIds` (ISO code → `transactioncurrencyid`), `ownerEntitySet`
 * @returns a deep-frozen JSON body
 * @throws LeadkitError `invalid_format` for an id or lookup that is not a GUID, `invalid_value` for a currency not in
 * `currencyIds`, `invalid_combination` for a record not in its table's initial state, and any parse issue
 * @example
 * const contact = { id: '2f6d…', createdOn, modifiedOn, version: 1, lastName: 'Ruiz', accountId: '7d5c…' }
 * toWebApiCreate(contact, 'contact')
 * //=> { contactid: '2f6d…', lastname: 'Ruiz', 'parentcustomerid_account@odata.bind': '/accounts(7d5c…)' }
 */
export function toWebApiCreate<T extends DataverseTable>(
  record: RecordsByEntity[T],
  table: T,
  options: WebApiOptions = {},
): WebApiPayload {
  const ctx = { table: webApiTable(table, ['table']), options, resolve: bindByGuid }
  const source = readLeadkitRecord(ctx, record)
  const id = requireGuid(source.id, ['id'], `the ${ctx.table.entity} id`)
  return deepFreeze(toPayload(createEntries(ctx, source, id)))
}
