// Internal: qualification planning as its named steps, in order (docs/qualification.md, "How a plan is made").
// `planQualification` runs it with a fresh planning memo, `planBulkQualification` with one for all its leads.
import { sealPlan } from '../../internal/checkPlan.js'
import { deepFreeze } from '../../internal/immer.js'
import { nameBasedGuid } from '../../internal/nameBasedGuid.js'
import type { BlockReason, PlanOperation } from '../../plan.js'
import type { EntityName, Lead } from '../../records/types.js'
import { resolveRecordCreation } from '../../settings/resolveRecordCreation.js'
import type { QualificationSettings } from '../../settings/types.js'
import type { SummaryCard } from '../../summary/types.js'
import { nextProcessStage } from '../processStages.js'
import type { QualificationContext, QualificationDecision, QualificationPlan, QualificationRequest } from '../types.js'
import { assemblePlan, completePlan, freezePlan } from './assemblePlan.js'
import { createCustomers, createOpportunities } from './buildCreates.js'
import { checkRequest } from './checkRequest.js'
import { MESSAGES, checkLead, flat, lacksSalesRole, leadNotes } from './common.js'
import { businessProcessOf, checkNow, type Planning } from './planning.js'
import { planOpportunities } from './planOpportunities.js'
import { checkDuplicateLead, duplicatesOf, resolveDuplicates } from './resolveDuplicates.js'
import { recordChoiceDecisions, resolveRecord, settleCustomerCreation } from './resolveRecords.js'
import { summarizeLead } from './summarizeLead.js'
import { qualifyLeadUpdate, showNotesOnOpportunity } from './updateLead.js'

/** Plans qualifying one lead; see `planQualification` for what the plan says. */
export function qualifyLead(
  planning: Planning,
  lead: Lead,
  settings: QualificationSettings,
  request: QualificationRequest,
  context: QualificationContext,
): QualificationPlan {
  // 1. Read and check the inputs: a malformed lead, request, `now` or note is an input error, thrown at once.
  checkLead(lead)
  const creation = resolveRecordCreation(settings)
  checkRequest(request, settings, creation)
  checkNow(planning, context.now, false)
  const notes = leadNotes(lead, context)
  // By default a name-based GUID of the lead's id and version: planning the same lead again gives the same ids, so a
  // retried qualification cannot create its records twice.
  const newId =
    context.newId ??
    ((entity: EntityName, index: number) => flat(nameBasedGuid(`${lead.id}:v${lead.version}:${entity}:${index}`)))

  // 2. What stops qualification whatever the seller chooses.
  const blockers: BlockReason[] = []
  const decisions: QualificationDecision[] = []
  if (lacksSalesRole(context)) {
    const path = ['context', 'userRoles']
    blockers.push({ code: 'sales_role_required', message: MESSAGES.sales_role_required, path })
  }
  if (lead.state !== 'open') {
    blockers.push({ code: 'lead_closed', message: MESSAGES.lead_closed, path: ['lead', 'state'] })
  }
  const duplicates = duplicatesOf(lead, settings, context)
  checkDuplicateLead(lead, duplicates, blockers)

  // 3. Record creation: each record type from the seller's choice or the settings (legacy or new experience).
  const account = resolveRecord('account', lead, creation.account, request, context)
  const contact = resolveRecord('contact', lead, creation.contact, request, context)
  const opportunity = resolveRecord('opportunity', lead, creation.opportunity, request, context)
  recordChoiceDecisions(settings, lead, [account, contact, opportunity], decisions)

  // 4. Duplicates of the new account and contact, and the seller's answers to them.
  resolveDuplicates(account, contact, duplicates, request, settings.duplicateDetection, decisions)

  // 5. Ids of what will be created; what cannot be created from this lead is skipped with a reason.
  settleCustomerCreation(lead, account, contact, newId)
  const opportunities = planOpportunities(opportunity, lead, settings, creation, request, duplicates, newId, blockers)

  // 6. The business process moves on only when an opportunity is created.
  const createsOpportunity = opportunities.drafts.length > 0
  const stageFrom = lead.processStage
  const stageTo =
    createsOpportunity && stageFrom !== undefined ? nextProcessStage(stageFrom, context.processStages) : undefined
  const businessProcess = businessProcessOf(planning, stageFrom, stageTo, createsOpportunity)

  // 7. The plan; only a ready one goes on to say what it writes.
  const opportunityIds = opportunities.ids
  const plan = assemblePlan(
    { lead, settings, request, notes, account, contact, opportunity, opportunityIds, blockers, decisions },
    businessProcess,
    planning,
  )
  if (plan.status !== 'ready') return deepFreeze(plan)

  // 8. The writes, in the order an executor applies them: account and contact, opportunities, the lead, its notes,
  // the summary card's timeline entries.
  const now = checkNow(planning, context.now, true) as string
  const operations: PlanOperation[] = []
  const accountId = account.action === 'none' ? undefined : account.id
  const contactId = contact.action === 'none' ? undefined : contact.id
  const primaryOpportunityId = opportunities.ids[0]
  createCustomers(account, contact, accountId, contactId, lead, context, now, operations)
  const topics = createOpportunities(
    opportunity,
    opportunities,
    accountId,
    contactId,
    stageTo,
    lead,
    context,
    now,
    planning,
    operations,
  )
  operations.push(qualifyLeadUpdate(lead, now, primaryOpportunityId, stageTo, accountId, contactId, planning))
  const shownOn = showNotesOnOpportunity(notes, primaryOpportunityId, operations)
  let summary: SummaryCard | undefined
  if (settings.experience === 'new' && settings.summarizeLead) {
    const records = { account, contact, accountId, contactId, opportunityIds: opportunities.ids, topics }
    summary = summarizeLead(lead, records, context, now, newId, operations)
  }
  completePlan(plan, operations, shownOn, summary)
  return sealPlan(freezePlan(plan))
}
