import { createFromDraft } from './internal/intake.js'
import { ACCOUNT_INTAKE } from './internal/intakeKinds.js'
import type { CreateRecordOptions, NewAccount } from './intakeTypes.js'
import type { Account } from './types.js'

/**
 * Makes a new {@link Account} from a checked draft (see {@link parseNewAccount}): adds `id` (a random GUID, as
 * Dataverse makes, unless `options.id` is given), `createdOn` and `modifiedOn` (`options.now`), `version` 1, the owner
 * (`options.ownerId`) and the initial state (active). The draft is checked again with strict types, so a draft built in
 * code gets the same rules; it is never changed.
 *
 * @param draft - the user-editable fields
 * @param options - `now` (required ISO instant), `id`, `ownerId`
 * @returns the new record, deep-frozen
 * @throws LeadkitError for a bad draft or options (paths under `options` for the options)
 * @example
 * const account = createAccount(parseNewAccount({ name: 'Contoso' }), { now: '2026-03-01T09:30:00Z' })
 * account.state //=> 'active'
 */
export function createAccount(draft: NewAccount, options: CreateRecordOptions): Account {
  return createFromDraft<Account>(ACCOUNT_INTAKE, draft, options)
}
