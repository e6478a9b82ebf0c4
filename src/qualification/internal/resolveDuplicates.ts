// Internal: step 3 of qualification planning, duplicate detection and the seller's answers to it. Not exported.
import { LeadkitError } from '../../errors.js'
import { findQualificationDuplicates } from '../../duplicates/findQualificationDuplicates.js'
import type { PotentialDuplicate, QualificationDuplicates } from '../../duplicates/types.js'
import type { BlockReason } from '../../plan.js'
import type { Account, Contact, Lead } from '../../records/types.js'
import type { DuplicateDetectionSettings, QualificationSettings } from '../../settings/types.js'
import type {
  DuplicateChoice,
  MatchedRecord,
  QualificationContext,
  QualificationDecision,
  QualificationRequest,
} from '../types.js'
import { MESSAGES, NONE } from './common.js'
import type { Resolution } from './resolveRecords.js'

/**
 * The possible duplicates the plan considers: none when duplicate detection is off; those the host found, or those
 * the settings' rules find in the records the host gave (`duplicateSources`).
 */
export function duplicatesOf(
  lead: Lead,
  settings: QualificationSettings,
  context: QualificationContext,
): QualificationDuplicates {
  if (!settings.duplicateDetection.enabled) return {}
  if (context.duplicateSources === undefined) return context.duplicates ?? {}
  if (context.duplicates !== undefined) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['context', 'duplicateSources'],
      message:
        'give context.duplicates (matches found already) or context.duplicateSources (records to search with the ' +
        "settings' rules), not both",
    })
  }
  const mapping = context.mappingSet === undefined ? {} : { mappingSet: context.mappingSet }
  return findQualificationDuplicates(lead, context.duplicateSources, { settings, ...mapping })
}

/** Blocks qualification when another lead matches this one. */
export function checkDuplicateLead(lead: Lead, duplicates: QualificationDuplicates, blockers: BlockReason[]): void {
  if ((duplicates.leads ?? []).some((match) => match.record.id !== lead.id)) {
    blockers.push({ code: 'duplicate_lead', message: MESSAGES.duplicate_lead })
  }
}

/**
 * Applies duplicate detection to the account and contact the plan would create, automatic ones included: a match
 * the seller picked becomes the existing record, "create new" keeps the new one, and matches still awaiting an
 * answer become the product's duplicate dialog (which one depends on the improved experience).
 */
export function resolveDuplicates(
  account: Resolution,
  contact: Resolution,
  duplicates: QualificationDuplicates,
  request: QualificationRequest,
  settings: DuplicateDetectionSettings,
  decisions: QualificationDecision[],
): void {
  const matchedAccounts = account.action === 'create' ? matches('account', duplicates.accounts) : []
  const matchedContacts = contact.action === 'create' ? matches('contact', duplicates.contacts) : []
  const resolution = request.duplicateResolution ?? {}
  const openAccounts = applyDuplicateChoice(account, matchedAccounts, duplicates.accounts, resolution.account)
  const openContacts = applyDuplicateChoice(contact, matchedContacts, duplicates.contacts, resolution.contact)
  if (openAccounts.length === 0 && openContacts.length === 0) return
  decisions.push(
    settings.improvedExperience
      ? {
          kind: 'records-may-already-exist',
          title: 'Account or Contact may already exist',
          message:
            'Select a matching record and Continue to link the lead to it, ' +
            'or select Ignore and save to create a new one.',
          matchedAccounts: openAccounts,
          matchedContacts: openContacts,
          path: ['duplicateResolution'],
        }
      : {
          kind: 'duplicate-warning',
          title: 'Duplicate warning',
          message:
            'Select the matching account and contact and Continue, ' +
            'or leave them blank and Continue to create new records.',
          matchedAccounts: openAccounts,
          matchedContacts: openContacts,
          path: ['duplicateResolution'],
        },
  )
}

/** Applies the seller's duplicate resolution; returns the matches still awaiting one. */
function applyDuplicateChoice(
  resolution: Resolution,
  matched: readonly MatchedRecord[],
  candidates: readonly PotentialDuplicate<Account | Contact>[] | undefined,
  choice: DuplicateChoice | undefined,
): readonly MatchedRecord[] {
  if (matched.length === 0) return NONE
  if (choice === undefined) return matched
  if (choice === 'create-new') {
    resolution.note = 'created new although duplicate detection found matches (the seller chose to ignore them)'
    return NONE
  }
  const picked = (candidates ?? []).find((c) => c.record.id === choice.useId)
  if (picked === undefined) {
    throw new LeadkitError({
      code: 'not_found',
      path: ['duplicateResolution', resolution.recordType, 'useId'],
      message:
        `duplicateResolution.${resolution.recordType}.useId "${choice.useId}" is not one of the matched ` +
        `${resolution.recordType}s: pick one of ${matched.map((m) => m.id).join(', ')}`,
    })
  }
  resolution.action = 'existing'
  resolution.id = picked.record.id
  resolution.read = { id: picked.record.id, version: picked.record.version }
  resolution.note = 'the matching record the seller picked in the duplicate warning'
  return []
}

function matches(
  entity: 'account' | 'contact',
  list: readonly PotentialDuplicate<Account | Contact>[] | undefined,
): readonly MatchedRecord[] {
  if (list === undefined || list.length === 0) return NONE
  return list
    .filter((match) => match.record.state !== 'inactive')
    .map((match) => {
      const record = match.record as Account & Contact
      const details: Record<string, string> = {}
      if (record.email !== undefined) details.email = record.email
      const phone = entity === 'account' ? record.phone : (record.businessPhone ?? record.mobilePhone)
      if (phone !== undefined) details.phone = phone
      if (record.address?.city !== undefined) details.city = record.address.city
      const name = entity === 'account' ? record.name : [record.firstName, record.lastName].filter(Boolean).join(' ')
      return {
        entity,
        id: record.id,
        name,
        ...(match.rule === undefined ? {} : { rule: match.rule }),
        ...(match.score === undefined ? {} : { score: match.score }),
        details,
      }
    })
}
