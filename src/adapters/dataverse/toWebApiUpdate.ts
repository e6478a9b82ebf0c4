import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import type { DataverseTable } from '../../records/bridgeTypes.js'
import type { RecordsByEntity } from '../../records/types.js'
import { bindByGuid, recordEntries, toPayload } from './internal/columns.js'
import { diffEntries, readLeadkitRecord } from './internal/payloads.js'
import { webApiTable } from './internal/tables.js'
import type { WebApiOptions, WebApiPayload } from './types.js'

/**
 * Builds the body of a Web API update (`PATCH [org]/api/data/v9.2/<entity set>(<id>)`) with only the columns that
 * differ between two versions of a record: a changed value as it is, a cleared value as `null`, a cleared lookup as
 * `navigation@odata.bind: null` (how the Web API disassociates it), a moved polymorphic lookup as its new binding.
 * Send it with `If-Match: W/"<before.version>"` so Dataverse refuses it when the row changed since it was read.
 *
 * @param before - the record as read (its `version` is the row's `versionnumber`)
 * @param after - the record as it should be; same id
 * @param table - their table
 * @param options - `currencyIds`, `ownerEntitySet`
 * @returns a deep-frozen JSON body; `{}` when nothing changed
 * @throws LeadkitError `invalid_combination` at `['id']` when the ids differ, and the errors of {@link toWebApiCreate}
 * @example
 * toWebApiUpdate(lead, { ...lead, jobTitle: 'CTO', existingAccountId: undefined }, 'lead')
 * //=> { jobtitle: 'CTO', 'parentaccountid@odata.bind': null }
 */
export function toWebApiUpdate<T extends DataverseTable>(
  before: RecordsByEntity[T],
  after: RecordsByEntity[T],
  table: T,
  options: WebApiOptions = {},
): WebApiPayload {
  const ctx = { table: webApiTable(table, ['table']), options, resolve: bindByGuid }
  const old = readLeadkitRecord(ctx, before)
  const now = readLeadkitRecord(ctx, after)
  if (old.id !== now.id) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['id'],
      message:
        `before and after are different records (${String(old.id)} and ${String(now.id)}): ` +
        'pass two versions of one record',
    })
  }
  return deepFreeze(toPayload(diffEntries(recordEntries(ctx, old), recordEntries(ctx, now))))
}
