// Internal: step 8 of qualification planning, the lead summary card and its timeline entries. Not exported.
import type { PotentialDuplicate } from '../../duplicates/types.js'
import type { PlanOperation } from '../../plan.js'
import type { Account, Contact, EntityName, EntityRef, Lead } from '../../records/types.js'
import { templateSummarizer } from '../../summary/templateSummarizer.js'
import type { SummaryCard, SummaryLink } from '../../summary/types.js'
import type { QualificationContext } from '../types.js'
import { compact } from './buildCreates.js'
import type { Resolution } from './resolveRecords.js'

/** The records the summary card links to: the customer the lead was qualified into and its opportunities. */
export interface SummarizedRecords {
  readonly account: Resolution
  readonly contact: Resolution
  readonly accountId: string | undefined
  readonly contactId: string | undefined
  readonly opportunityIds: readonly string[]
  readonly topics: readonly string[]
}

/**
 * Writes the lead summary card (the context's summariser, or the template one) and places it on the timelines of
 * the lead and of the primary opportunity.
 */
export function summarizeLead(
  lead: Lead,
  records: SummarizedRecords,
  context: QualificationContext,
  now: string,
  newId: (entity: EntityName, index: number) => string,
  operations: PlanOperation[],
): SummaryCard {
  const links = summaryLinks(lead, records, context)
  const card = (context.summarizer ?? templateSummarizer).summarize({ lead, links })
  // A host summariser returns its own object: copy it through JSON so the plan stays plain data it does not share.
  const summary = context.summarizer === undefined ? card : (JSON.parse(JSON.stringify(card)) as SummaryCard)
  const primaryOpportunityId = records.opportunityIds[0]
  const targets: EntityRef[] = [{ entity: 'lead', id: lead.id }]
  if (primaryOpportunityId !== undefined) targets.push({ entity: 'opportunity', id: primaryOpportunityId })
  targets.forEach((regarding, i) => {
    const id = newId('timelineEntry', i + 1)
    operations.push({
      op: 'create',
      entity: 'timelineEntry',
      id,
      record: compact({
        id,
        version: 1,
        createdOn: now,
        modifiedOn: now,
        ...(lead.ownerId === undefined ? {} : { ownerId: lead.ownerId }),
        regarding,
        kind: 'lead-summary',
        title: summary.title,
        body: summary.text,
        data: summary,
      }),
      reason: `the lead summary card on the ${regarding.entity}'s timeline`,
    })
  })
  return summary
}

function summaryLinks(lead: Lead, records: SummarizedRecords, context: QualificationContext): SummaryLink[] {
  const { account, contact, accountId, contactId, opportunityIds, topics } = records
  const links: SummaryLink[] = []
  if (accountId !== undefined) {
    const name =
      account.action === 'create'
        ? lead.companyName
        : knownName(accountId, context.existingAccount, context.duplicates?.accounts)
    links.push({ entity: 'account', id: accountId, label: `Account: ${name ?? accountId}` })
  }
  if (contactId !== undefined) {
    const name =
      contact.action === 'create'
        ? [lead.firstName, lead.lastName].filter(Boolean).join(' ')
        : knownName(contactId, context.existingContact, context.duplicates?.contacts)
    const label = `Contact: ${name === undefined || name === '' ? contactId : name}`
    links.push({ entity: 'contact', id: contactId, label })
  }
  opportunityIds.forEach((id, i) => {
    const label = `${i === 0 ? 'Primary opportunity' : 'Opportunity'}: ${topics[i] ?? id}`
    links.push({ entity: 'opportunity', id, label })
  })
  return links
}

/** The display name of an existing account or contact the plan uses, when the context carries the record. */
function knownName(
  id: string,
  known: Account | Contact | undefined,
  matches: readonly PotentialDuplicate<Account | Contact>[] | undefined,
): string | undefined {
  const record = known?.id === id ? known : matches?.find((m) => m.record.id === id)?.record
  if (record === undefined) return undefined
  return 'name' in record ? record.name : [record.firstName, record.lastName].filter(Boolean).join(' ')
}
