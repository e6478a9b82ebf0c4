// Internal: step 6 of qualification planning, the account, contact and opportunity records a ready plan creates
// from the lead's mapped fields, or the existing ones it links. Not exported from the package.
import { deepFreeze } from '../../internal/immer.js'
import { isBlank } from '../../internal/isBlank.js'
import { mapLead } from '../../mapping/mapLead.js'
import type { PlanOperation } from '../../plan.js'
import type { Lead } from '../../records/types.js'
import type { OpportunityDraft, QualificationContext } from '../types.js'
import { primaryReasonOf, type Planning } from './planning.js'
import type { PlannedOpportunities } from './planOpportunities.js'
import { reasonOf, type Resolution } from './resolveRecords.js'

/** Sets the fields that tie a new customer record to the others the plan creates. */
type Wire = (record: Record<string, unknown>, fields: Readonly<Record<string, unknown>>) => void

/**
 * The account and the contact: each is created from the lead's mapped fields (and wired to the other), or the
 * existing record is linked; nothing when the plan uses none.
 */
export function createCustomers(
  account: Resolution,
  contact: Resolution,
  accountId: string | undefined,
  contactId: string | undefined,
  lead: Lead,
  context: QualificationContext,
  now: string,
  operations: PlanOperation[],
): void {
  createOrLink(account, accountId, lead, context, now, operations, (record) => {
    if (contactId !== undefined) record.primaryContactId = contactId
  })
  createOrLink(contact, contactId, lead, context, now, operations, (record, fields) => {
    // A contact needs a last name; a lead with only a first name still becomes a contact.
    if (isBlank(fields.lastName)) record.lastName = lead.lastName ?? lead.firstName
    if (accountId !== undefined) record.accountId = accountId
  })
}

function createOrLink(
  r: Resolution,
  id: string | undefined,
  lead: Lead,
  context: QualificationContext,
  now: string,
  operations: PlanOperation[],
  wire: Wire,
): void {
  if (id === undefined) return
  const entity = r.recordType as 'account' | 'contact'
  if (r.action === 'create') {
    const fields = mapLead(lead, entity, context.mappingSet).fields as Readonly<Record<string, unknown>>
    // Built by assignment rather than spreads of small objects: bulk planning builds 300,000 records.
    const record: Record<string, unknown> = { ...fields }
    record.id = id
    record.version = 1
    record.createdOn = now
    record.modifiedOn = now
    if (lead.ownerId !== undefined) record.ownerId = lead.ownerId
    wire(record, fields)
    record.originatingLeadId = lead.id
    record.state = 'active'
    compact(record)
    operations.push({ op: 'create', entity, id, record, reason: reasonOf(r) })
  } else if (r.action === 'existing') {
    operations.push({ op: 'link', entity, id, reason: reasonOf(r) })
  }
}

/**
 * The opportunities: each draft becomes a record of the lead's mapped fields, the customer ids, the next process
 * stage and the seller's form values, in that order of precedence; or the existing opportunity is linked. Returns
 * the topics of the new opportunities, for the summary card.
 */
export function createOpportunities(
  opportunity: Resolution,
  opportunities: PlannedOpportunities,
  accountId: string | undefined,
  contactId: string | undefined,
  stageTo: string | undefined,
  lead: Lead,
  context: QualificationContext,
  now: string,
  planning: Planning,
  operations: PlanOperation[],
): string[] {
  const { drafts, ids, currencies } = opportunities
  const topics: string[] = []
  if (drafts.length > 0) {
    const fields = mapLead(lead, 'opportunity', context.mappingSet).fields as Readonly<Record<string, unknown>>
    const primaryReason = primaryReasonOf(planning, opportunity.note)
    drafts.forEach((draft, i) => {
      const id = ids[i] as string
      const topic = topicOf(draft, fields, lead, i)
      topics.push(topic)
      const record: Record<string, unknown> = { ...fields }
      if (lead.ownerId !== undefined) record.ownerId = lead.ownerId
      if (accountId !== undefined) record.accountId = accountId
      if (contactId !== undefined) record.contactId = contactId
      if (stageTo !== undefined) record.processStage = stageTo
      // The seller's form values win over mapped and wired ones; system fields win over the form.
      Object.assign(record, draft)
      record.topic = topic
      record.id = id
      record.version = 1
      record.createdOn = now
      record.modifiedOn = now
      record.currency = currencies[i]
      record.originatingLeadId = lead.id
      record.state = 'open'
      compact(record)
      operations.push({
        op: 'create',
        entity: 'opportunity',
        id,
        record,
        reason: i === 0 ? primaryReason : 'created by the seller (additional opportunity)',
      })
    })
  } else if (opportunity.action === 'existing' && ids[0] !== undefined) {
    operations.push({ op: 'link', entity: 'opportunity', id: ids[0], reason: reasonOf(opportunity) })
  }
  return topics
}

function topicOf(
  draft: OpportunityDraft,
  fields: Readonly<Record<string, unknown>>,
  lead: Lead,
  index: number,
): string {
  const candidates = [draft.topic, fields.topic, lead.topic, lead.companyName]
  const topic = candidates.find((t) => typeof t === 'string' && !isBlank(t))
  const base = (topic as string | undefined) ?? `Opportunity from lead ${lead.id}`
  // Only drafts without a topic of their own get a numbered fallback, so two such opportunities stay apart.
  return draft.topic === undefined && index > 0 ? `${base} (${index + 1})` : base
}

/** Drops undefined values and freezes the record deeply, in one pass (records are built fresh by the planner). */
export function compact(record: Record<string, unknown>): Readonly<Record<string, unknown>> {
  for (const key in record) {
    const value = record[key]
    if (value === undefined) delete record[key]
    else if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) deepFreeze(value)
  }
  return Object.freeze(record)
}
