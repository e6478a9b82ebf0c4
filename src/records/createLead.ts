import { createFromDraft } from './internal/intake.js'
import { LEAD_INTAKE } from './internal/intakeKinds.js'
import type { CreateRecordOptions, NewLead } from './intakeTypes.js'
import type { Lead } from './types.js'

/**
 * Makes a new {@link Lead} from a checked draft (see {@link parseNewLead}): adds `id` (a random GUID, as Dataverse
 * makes, unless `options.id` is given), `createdOn` and `modifiedOn` (`options.now`), `version` 1, the owner
 * (`options.ownerId`) and the initial state (open / new). The draft is checked again with strict types, so a draft
 * built in code gets the same rules; it is never changed.
 *
 * @param draft - the user-editable fields
 * @param options - `now` (required ISO instant), `id`, `ownerId`
 * @returns the new record, deep-frozen
 * @throws LeadkitError for a bad draft or options (paths under `options` for the options)
 * @example
 * const lead = createLead(parseNewLead(form), { now: '2026-03-01T09:30:00Z', ownerId: 'user-7' })
 * lead.state //=> 'open'
 * lead.statusReason //=> 'new'
 * lead.version //=> 1
 */
export function createLead(draft: NewLead, options: CreateRecordOptions): Lead {
  return createFromDraft<Lead>(LEAD_INTAKE, draft, options)
}
