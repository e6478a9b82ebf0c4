// Internal: step 7 of qualification planning, what a ready plan changes on the lead and its notes. Not exported.
import { isBlank } from '../../internal/isBlank.js'
import type { PlanOperation, UpdateOperation } from '../../plan.js'
import type { EntityRef, Lead, Note } from '../../records/types.js'
import { leadUpdate, patchesOf, type FieldChanges, type Mutable } from './common.js'
import type { Planning } from './planning.js'

/** The lead fields qualification changes, in the order their patches come; every other field stays as it is. */
const LEAD_FIELDS: readonly (keyof Lead & string)[] = Object.freeze([
  'state',
  'statusReason',
  'closedOn',
  'modifiedOn',
  'qualifyingOpportunityId',
  'processStage',
  'existingAccountId',
  'existingContactId',
])

/**
 * The lead becomes Qualified, points at its primary opportunity, moves to the next process stage when one was
 * created, and points at the customer it was qualified into when it pointed at none.
 */
export function qualifyLeadUpdate(
  lead: Lead,
  now: string,
  primaryOpportunityId: string | undefined,
  stageTo: string | undefined,
  accountId: string | undefined,
  contactId: string | undefined,
  planning: Planning,
): UpdateOperation {
  const changes: FieldChanges<Lead> = { state: 'qualified', statusReason: 'qualified', closedOn: now, modifiedOn: now }
  if (primaryOpportunityId !== undefined) changes.qualifyingOpportunityId = primaryOpportunityId
  if (stageTo !== undefined) changes.processStage = stageTo
  // Like Dataverse's parentaccountid/parentcontactid, the lead points at the customer it was qualified into, but
  // only when it pointed at none: a reference the lead already has is never overwritten.
  if (isBlank(lead.existingAccountId) && accountId !== undefined) changes.existingAccountId = accountId
  if (isBlank(lead.existingContactId) && contactId !== undefined) changes.existingContactId = contactId
  return leadUpdate(lead, LEAD_FIELDS, changes, leadUpdateReason(lead, accountId, contactId), planning)
}

/**
 * Notes stay regarding the lead; each is only shown on the primary opportunity too. Returns the ids of the notes
 * the plan changes (those not shown there already).
 */
export function showNotesOnOpportunity(
  notes: readonly Note[],
  primaryOpportunityId: string | undefined,
  operations: PlanOperation[],
): string[] {
  const shownOn: string[] = []
  if (primaryOpportunityId === undefined) return shownOn
  const ref: EntityRef = { entity: 'opportunity', id: primaryOpportunityId }
  for (const note of notes) {
    if ((note.visibleOn ?? []).some((r) => r.entity === ref.entity && r.id === ref.id)) continue
    shownOn.push(note.id)
    operations.push({
      op: 'update',
      entity: 'note',
      id: note.id,
      expectedVersion: note.version,
      patches: patchesOf(note, ['visibleOn'], (draft: Mutable<Note>) => {
        if (draft.visibleOn === undefined) draft.visibleOn = [ref]
        else (draft.visibleOn as EntityRef[]).push(ref)
      }),
      reason: 'the note stays on the lead and is shown on the primary opportunity',
    })
  }
  return shownOn
}

/** Why the lead changes, and which of its customer references it keeps although the plan uses another record. */
function leadUpdateReason(lead: Lead, accountId: string | undefined, contactId: string | undefined): string {
  const kept: string[] = []
  const { existingAccountId, existingContactId } = lead
  if (!isBlank(existingAccountId) && accountId !== undefined && accountId !== existingAccountId) {
    kept.push(`existing account ${existingAccountId}`)
  }
  if (!isBlank(existingContactId) && contactId !== undefined && contactId !== existingContactId) {
    kept.push(`existing contact ${existingContactId}`)
  }
  return kept.length === 0
    ? 'the lead becomes Qualified'
    : `the lead becomes Qualified; it keeps its ${kept.join(' and ')}, which the seller did not use`
}
