import { createFromDraft } from './internal/intake.js'
import { CONTACT_INTAKE } from './internal/intakeKinds.js'
import type { CreateRecordOptions, NewContact } from './intakeTypes.js'
import type { Contact } from './types.js'

/**
 * Makes a new {@link Contact} from a checked draft (see {@link parseNewContact}): adds `id` (a random GUID, as
 * Dataverse makes, unless `options.id` is given), `createdOn` and `modifiedOn` (`options.now`), `version` 1, the owner
 * (`options.ownerId`) and the initial state (active). The draft is checked again with strict types, so a draft built in
 * code gets the same rules; it is never changed.
 *
 * @param draft - the user-editable fields
 * @param options - `now` (required ISO instant), `id`, `ownerId`
 * @returns the new record, deep-frozen
 * @throws LeadkitError for a bad draft or options (paths under `options` for the options)
 * @example
 * const contact = createContact(parseNewContact({ lastName: 'Lovelace' }), { now: '2026-03-01T09:30:00Z' })
 * contact.state //=> 'active'
 */
export function createContact(draft: NewContact, options: CreateRecordOptions): Contact {
  return createFromDraft<Contact>(CONTACT_INTAKE, draft, options)
}
