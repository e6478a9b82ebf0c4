// Internal: step 2 of qualification planning, deciding per record type what the plan does. Not exported.
import type { Account, Contact, EntityName, Lead } from '../../records/types.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from '../../settings/types.js'
import { isBlank } from '../../internal/isBlank.js'
import type {
  PlannedRecord,
  QualificationContext,
  QualificationDecision,
  QualificationRequest,
  RecordChoice,
} from '../types.js'

export const RECORD_TYPES: readonly QualifyRecordType[] = Object.freeze(['account', 'contact', 'opportunity'])

/** What the planner decided for one record type before any record is built; later steps refine it. */
export interface Resolution {
  readonly recordType: QualifyRecordType
  readonly source: RecordCreation
  action: PlannedRecord['action']
  id?: string
  note?: string
  /** The existing record, when the plan uses one it was given (so its version is read). */
  read?: { readonly id: string; readonly version: number }
}

/**
 * Decides one record type from the seller's choice, or from the settings when the type is created automatically: a
 * lead for an existing customer keeps that customer; a seller's type without a choice stays `undecided`.
 */
export function resolveRecord(
  type: QualifyRecordType,
  lead: Lead,
  source: RecordCreation,
  request: QualificationRequest,
  context: QualificationContext,
): Resolution {
  const choice: RecordChoice | undefined =
    request[type] ?? (type === 'opportunity' && request.opportunities !== undefined ? { action: 'create' } : undefined)
  const referenced = referencedId(lead, type)
  const known = type === 'account' ? context.existingAccount : type === 'contact' ? context.existingContact : undefined
  if (source === 'automatic') {
    // A lead for an existing customer keeps that customer instead of creating a second one.
    if (referenced !== undefined) {
      const note = `the lead's existing ${type}`
      return { recordType: type, source, action: 'existing', id: referenced, note, ...readIf(known, referenced) }
    }
    return { recordType: type, source, action: 'create', note: 'created automatically by the organisation settings' }
  }
  if (choice === undefined) return { recordType: type, source, action: 'undecided' }
  if (choice.action === 'existing') {
    return { recordType: type, source, action: 'existing', id: choice.id, ...readIf(known, choice.id) }
  }
  return { recordType: type, source, action: choice.action }
}

/** The decisions the seller owes for the record types still undecided: one prompt in legacy, one per type in new. */
export function recordChoiceDecisions(
  settings: QualificationSettings,
  lead: Lead,
  resolutions: readonly Resolution[],
  decisions: QualificationDecision[],
): void {
  const undecided = resolutions.filter((r) => r.action === 'undecided')
  if (undecided.length === 0) return
  if (settings.experience === 'legacy') {
    decisions.push({
      kind: 'choose-records',
      title: 'Qualify lead',
      message: 'Select Yes for the records you want to create when the lead is qualified.',
      recordTypes: undecided.map((r) => r.recordType),
      options: ['create', 'none'],
      path: [],
    })
    return
  }
  for (const r of undecided) {
    const referenced = referencedId(lead, r.recordType)
    decisions.push({
      kind: 'record-creation',
      title: `${capitalise(r.recordType)}`,
      message: `Choose whether to create a new ${r.recordType}, use an existing one, or create none.`,
      recordTypes: [r.recordType],
      options: ['create', 'existing', 'none'],
      suggested: referenced === undefined ? { action: 'create' } : { action: 'existing', id: referenced },
      path: [r.recordType],
    })
  }
}

/**
 * Skips, with a reason, the account and contact that cannot be created from this lead (no company name, no name),
 * and gives those that will be created their ids.
 */
export function settleCustomerCreation(
  lead: Lead,
  account: Resolution,
  contact: Resolution,
  newId: (entity: EntityName, index: number) => string,
): void {
  if (account.action === 'create' && isBlank(lead.companyName)) {
    Object.assign(account, { action: 'none', note: 'the lead has no company name, so no account is created' })
  }
  if (contact.action === 'create' && isBlank(lead.lastName) && isBlank(lead.firstName)) {
    Object.assign(contact, { action: 'none', note: 'the lead has no name, so no contact is created' })
  }
  if (account.action === 'create') account.id = newId('account', 1)
  if (contact.action === 'create') contact.id = newId('contact', 1)
}

/** What the plan shows for one record type. */
export function plannedRecord(r: Resolution): PlannedRecord {
  // One literal, so the fields sit inside the object rather than in a second array as assigned ones would.
  return {
    recordType: r.recordType,
    action: r.action,
    ...(r.id === undefined ? {} : { id: r.id }),
    source: r.source,
    editable: r.source === 'seller',
    ...(r.note === undefined ? {} : { note: r.note }),
  }
}

/** Why the plan creates or links a record, when the resolution carries no note of its own. */
export function reasonOf(r: Resolution): string {
  if (r.note !== undefined) return r.note
  return r.action === 'existing' ? `the existing ${r.recordType} the seller chose` : `created by the seller`
}

function readIf(known: Account | Contact | undefined, id: string): Pick<Resolution, 'read'> {
  return known !== undefined && known.id === id ? { read: { id: known.id, version: known.version } } : {}
}

function referencedId(lead: Lead, type: QualifyRecordType): string | undefined {
  return type === 'account' ? lead.existingAccountId : type === 'contact' ? lead.existingContactId : undefined
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
