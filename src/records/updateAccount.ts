import { updateWithPatch } from './internal/intake.js'
import { ACCOUNT_INTAKE } from './internal/intakeKinds.js'
import type { AccountPatch, UpdateRecordOptions } from './intakeTypes.js'
import type { Account } from './types.js'

/**
 * Applies a checked patch (see {@link parseAccountPatch}) to an account: sets the given fields, removes those set to
 * `null`, patches `address` and `extra` key by key; when anything changed, `modifiedOn` becomes `options.now` and
 * `version` grows by one. A patch that changes nothing returns the record as it was. An inactive account is read-only,
 * as in Dynamics 365: editing it is `invalid_value` at `['record', 'state']`.
 *
 * @param record - the stored record; it is never changed
 * @param patch - the edit
 * @param options - `now`, an ISO instant not before the record's `modifiedOn`
 * @returns the updated record, deep-frozen
 * @throws LeadkitError for a bad record (paths under `record`), patch (under `patch`) or options (under `options`)
 * @example
 * const edited = updateAccount(account, parseAccountPatch({ phone: '+1 555 0100' }), { now: '2026-03-02T10:00:00Z' })
 * edited.phone //=> '+1 555 0100'
 */
export function updateAccount(record: Account, patch: AccountPatch, options: UpdateRecordOptions): Account {
  return updateWithPatch<Account>(ACCOUNT_INTAKE, record, patch, options)
}
