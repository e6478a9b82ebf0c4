import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { InputReader, formatPath } from '../internal/validate.js'
import { mapLead } from '../mapping/index.js'
import type { BlockReason, PlanOperation } from '../plan.js'
import type { Account, Contact, EntityName, EntityRef, Lead, Note } from '../records/types.js'
import { DEFAULT_OPPORTUNITY_FORM_FIELDS, resolveRecordCreation } from '../settings/index.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from '../settings/types.js'
import { templateSummarizer } from '../summary/templateSummarizer.js'
import type { SummaryCard, SummaryLink } from '../summary/types.js'
import {
  MESSAGES,
  NONE,
  checkLead,
  flat,
  lacksSalesRole,
  leadNotes,
  leadReads,
  leadUpdate,
  patchesOf,
  readOf,
  tooManyOpportunitiesMessage,
  type FieldChanges,
  type Mutable,
} from './internal/common.js'
import { Planning } from './internal/planning.js'
import { nextProcessStage } from './processStages.js'
import type {
  DuplicateChoice,
  MatchedRecord,
  OpportunityDraft,
  PlannedRecord,
  QualificationContext,
  QualificationDecision,
  QualificationPlan,
  QualificationRequest,
  QualifiedEntities,
  RecordChoice,
} from './types.js'
import { isBlank } from '../internal/isBlank.js'
import type { PotentialDuplicate } from '../duplicates/types.js'

const RECORD_TYPES: readonly QualifyRecordType[] = ['account', 'contact', 'opportunity']
/** The product never lets a seller create more than five opportunities from one lead. */
const PRODUCT_MAX_OPPORTUNITIES = 5
const TIMEFRAMES = ['immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown'] as const
const PROCESSES = ['individual', 'committee', 'unknown'] as const

/** The one opportunity drafted from the lead alone when the request drafts none. */
const ONE_DRAFT: readonly OpportunityDraft[] = Object.freeze([Object.freeze({})])

/** The lead fields qualification changes, in the order their patches come; every other field stays as it is. */
const LEAD_FIELDS: readonly (keyof Lead & string)[] = [
  'state',
  'statusReason',
  'closedOn',
  'modifiedOn',
  'qualifyingOpportunityId',
  'processStage',
  'existingAccountId',
  'existingContactId',
]

/** What the planner decided for one record type before any record is built. */
interface Resolution {
  readonly recordType: QualifyRecordType
  readonly source: RecordCreation
  action: PlannedRecord['action']
  id?: string
  note?: string
  /** The existing record, when the plan uses one it was given (so its version is read). */
  read?: { readonly id: string; readonly version: number }
}

/**
 * Plans what qualifying a lead would create, link and change, without writing anything.
 *
 * The plan follows the organisation's settings: in the legacy experience auto-create on creates an account, a
 * contact and an opportunity with no prompt, off asks the seller which of the three to create; in the new experience
 * each record type is created by the seller (create, use existing, none) or automatically (shown read-only).
 * Duplicate detection applies to every new account and contact, automatic ones included.
 *
 * @param lead - the lead to qualify; it must be open
 * @param settings - the organisation's qualification settings (see `parseQualificationSettings`)
 * @param request - what the seller chose in the qualify pane
 * @param context - what the planner cannot look up: `now`, the lead's notes, possible duplicates, the user's roles
 * @returns a frozen plan whose `status` says whether it is ready, needs the seller's input, or is blocked
 * @throws LeadkitError when the lead, the request or the context is malformed (code and path say where)
 * @example
 * const settings = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
 * const plan = planQualification(lead, settings, {}, { now: '2026-03-02T10:00:00Z' })
 * plan.status //=> 'ready'
 * plan.operations.map((step) => `${step.op} ${step.entity}`)
 * //=> ['create account', 'create contact', 'create opportunity', 'update lead']
 */
export function planQualification(
  lead: Lead,
  settings: QualificationSettings,
  request: QualificationRequest = {},
  context: QualificationContext = {},
): QualificationPlan {
  // A call of its own: nothing it remembers while planning outlives it.
  return qualifyLead(new Planning(), lead, settings, request, context)
}

/** Plans qualifying one lead with a planning memo; `planBulkQualification` passes one for all its leads. */
export function qualifyLead(
  planning: Planning,
  lead: Lead,
  settings: QualificationSettings,
  request: QualificationRequest,
  context: QualificationContext,
): QualificationPlan {
  checkLead(lead)
  const creation = resolveRecordCreation(settings)
  checkRequest(request, settings, creation)
  planning.checkNow(context.now, false)
  const notes = leadNotes(lead, context)
  const newId = context.newId ?? ((entity: EntityName, index: number) => flat(`${lead.id}:v${lead.version}:${entity}:${index}`))

  const blockers: BlockReason[] = []
  const decisions: QualificationDecision[] = []
  if (lacksSalesRole(context)) blockers.push({ code: 'sales_role_required', message: MESSAGES.sales_role_required, path: ['context', 'userRoles'] })
  if (lead.state !== 'open') blockers.push({ code: 'lead_closed', message: MESSAGES.lead_closed, path: ['lead', 'state'] })

  const dd = settings.duplicateDetection
  const duplicates = dd.enabled ? (context.duplicates ?? {}) : {}
  if ((duplicates.leads ?? []).some((match) => match.record.id !== lead.id)) {
    blockers.push({ code: 'duplicate_lead', message: MESSAGES.duplicate_lead })
  }

  // Decide each record type: the seller's choice, or the settings' automatic creation.
  const [account, contact, opportunity] = RECORD_TYPES.map((type) => resolve(type, lead, creation[type], request, context)) as [
    Resolution,
    Resolution,
    Resolution,
  ]
  const undecided = [account, contact, opportunity].filter((r) => r.action === 'undecided')
  if (undecided.length > 0) {
    if (settings.experience === 'legacy') {
      decisions.push({
        kind: 'choose-records',
        title: 'Qualify lead',
        message: 'Select Yes for the records you want to create when the lead is qualified.',
        recordTypes: undecided.map((r) => r.recordType),
        options: ['create', 'none'],
        path: [],
      })
    } else {
      for (const r of undecided) {
        const referenced = referencedId(lead, r.recordType)
        decisions.push({
          kind: 'record-creation',
          title: `${capitalise(r.recordType)}`,
          message: `Choose whether to create a new ${r.recordType}, use an existing one, or create none.`,
          recordType: r.recordType,
          options: ['create', 'existing', 'none'],
          suggested: referenced === undefined ? { action: 'create' } : { action: 'existing', id: referenced },
          path: [r.recordType],
        })
      }
    }
  }

  // Duplicate detection applies to every new account and contact, whoever creates them.
  const matchedAccounts = account.action === 'create' ? matches('account', duplicates.accounts) : []
  const matchedContacts = contact.action === 'create' ? matches('contact', duplicates.contacts) : []
  const resolution = request.duplicateResolution ?? {}
  const openAccounts = applyDuplicateChoice(account, matchedAccounts, duplicates.accounts, resolution.account)
  const openContacts = applyDuplicateChoice(contact, matchedContacts, duplicates.contacts, resolution.contact)
  if (openAccounts.length > 0 || openContacts.length > 0) {
    decisions.push(
      dd.improvedExperience
        ? {
            kind: 'records-may-already-exist',
            title: 'Account or Contact may already exist',
            message:
              'Select a matching record and Continue to link the lead to it, or select Ignore and save to create a new one.',
            matchedAccounts: openAccounts,
            matchedContacts: openContacts,
            path: ['duplicateResolution'],
          }
        : {
            kind: 'duplicate-warning',
            title: 'Duplicate warning',
            message:
              'Select the matching account and contact and Continue, or leave them blank and Continue to create new records.',
            accounts: openAccounts,
            contacts: openContacts,
            path: ['duplicateResolution'],
          },
    )
  }

  // Skip, with a reason, what cannot be created from this lead; wire ids of what will be.
  if (account.action === 'create' && isBlank(lead.companyName)) {
    Object.assign(account, { action: 'none', note: 'the lead has no company name, so no account is created' })
  }
  if (contact.action === 'create' && isBlank(lead.lastName) && isBlank(lead.firstName)) {
    Object.assign(contact, { action: 'none', note: 'the lead has no name, so no contact is created' })
  }
  if (account.action === 'create') account.id = newId('account', 1)
  if (contact.action === 'create') contact.id = newId('contact', 1)

  const drafts: readonly OpportunityDraft[] =
    opportunity.action === 'create' ? (request.opportunities ?? ONE_DRAFT) : NONE
  const opportunityIds: string[] =
    opportunity.action === 'existing' && opportunity.id !== undefined ? [opportunity.id] : drafts.map((_, i) => newId('opportunity', i + 1))
  if (opportunity.action === 'create') opportunity.id = opportunityIds[0]
  if (drafts.length > 1) {
    const multipleAllowed = settings.experience === 'new' && creation.opportunity === 'seller' && settings.allowMultipleOpportunities
    const max = Math.min(settings.maxOpportunities, PRODUCT_MAX_OPPORTUNITIES)
    if (!multipleAllowed) {
      blockers.push({ code: 'multiple_opportunities_not_allowed', message: MESSAGES.multiple_opportunities_not_allowed, path: ['opportunities'] })
    } else if (drafts.length > max) {
      blockers.push({ code: 'too_many_opportunities', message: tooManyOpportunitiesMessage(max, drafts.length), path: ['opportunities'] })
    }
  }
  if (drafts.length > 0 && (duplicates.opportunities ?? []).length > 0) {
    blockers.push({ code: 'duplicate_opportunity', message: MESSAGES.duplicate_opportunity })
  }
  const currencies = drafts.map((draft) => (draft.currency as string | undefined) ?? request.currency ?? lead.currency)
  currencies.forEach((currency, i) => {
    if (currency === undefined) {
      blockers.push({
        code: 'opportunity_currency_required',
        message: MESSAGES.opportunity_currency_required,
        path: request.opportunities === undefined ? ['currency'] : ['opportunities', i, 'currency'],
      })
    }
  })

  const primaryOpportunityId = opportunityIds[0]
  const stageFrom = lead.processStage
  const stageTo = drafts.length > 0 && stageFrom !== undefined ? nextProcessStage(stageFrom, context.processStages) : undefined
  const businessProcess = planning.businessProcess(stageFrom, stageTo, drafts.length > 0)

  const status: QualificationPlan['status'] = blockers.length > 0 ? 'blocked' : decisions.length > 0 ? 'needs-input' : 'ready'
  const records: PlannedRecord[] = [plannedRecord(account), plannedRecord(contact), plannedRecord(opportunity)]
  // Built by assignment: spreads of conditional objects gave every plan's entities a hidden class of its own.
  const entities = {} as Mutable<QualifiedEntities>
  if (account.id !== undefined && account.action !== 'none') entities.accountId = account.id
  if (contact.id !== undefined && contact.action !== 'none') entities.contactId = contact.id
  entities.opportunityIds = status === 'blocked' ? [] : opportunityIds
  if (primaryOpportunityId !== undefined) entities.primaryOpportunityId = primaryOpportunityId

  const reads = leadReads(lead, notes)
  for (const r of [account, contact]) if (r.read !== undefined) reads.push(readOf(r.recordType, r.read))

  const plan: Mutable<QualificationPlan> = {
    id: planning.planId('qualification', lead.id, lead.version, request),
    kind: 'qualification',
    status,
    leadId: lead.id,
    experience: settings.experience,
    reads,
    operations: NONE,
    blockers: status === 'blocked' ? blockers : NONE,
    decisions: status === 'needs-input' ? decisions : NONE,
    records,
    entities: status === 'blocked' ? { opportunityIds: NONE } : entities,
    businessProcess,
    notesShownOn: NONE,
  }
  if (status !== 'ready') return deepFreeze(plan)

  const now = planning.checkNow(context.now, true) as string
  const operations: PlanOperation[] = []
  const accountId = account.action === 'none' ? undefined : account.id
  const contactId = contact.action === 'none' ? undefined : contact.id
  // Records are built by assignment rather than spreads of small objects: bulk planning builds 300,000 of them.
  const start = (fields: Readonly<Record<string, unknown>>, id: string): Record<string, unknown> => {
    const record: Record<string, unknown> = { ...fields }
    record.id = id
    record.version = 1
    record.createdOn = now
    record.modifiedOn = now
    if (lead.ownerId !== undefined) record.ownerId = lead.ownerId
    return record
  }

  // The account and the contact are created from the lead's mapped fields, or the existing record is linked.
  type Wire = (record: Record<string, unknown>, fields: Readonly<Record<string, unknown>>) => void
  const createOrLink = (r: Resolution, id: string | undefined, wire: Wire): void => {
    if (id === undefined) return
    const entity = r.recordType as 'account' | 'contact'
    if (r.action === 'create') {
      const fields = mapLead(lead, entity, context.mappingSet).fields as Readonly<Record<string, unknown>>
      const record = start(fields, id)
      wire(record, fields)
      record.originatingLeadId = lead.id
      record.state = 'active'
      compact(record)
      operations.push({ op: 'create', entity, id, record, reason: reasonOf(r) })
    } else if (r.action === 'existing') {
      operations.push({ op: 'link', entity, id, reason: reasonOf(r) })
    }
  }
  createOrLink(account, accountId, (record) => {
    if (contactId !== undefined) record.primaryContactId = contactId
  })
  createOrLink(contact, contactId, (record, fields) => {
    // A contact needs a last name; a lead with only a first name still becomes a contact.
    if (isBlank(fields.lastName)) record.lastName = lead.lastName ?? lead.firstName
    if (accountId !== undefined) record.accountId = accountId
  })
  const topics: string[] = []
  if (drafts.length > 0) {
    const fields = mapLead(lead, 'opportunity', context.mappingSet).fields as Readonly<Record<string, unknown>>
    const primaryReason = planning.primaryReason(opportunity.note)
    drafts.forEach((draft, i) => {
      const id = opportunityIds[i] as string
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
  } else if (opportunity.action === 'existing' && primaryOpportunityId !== undefined) {
    operations.push({ op: 'link', entity: 'opportunity', id: primaryOpportunityId, reason: reasonOf(opportunity) })
  }

  const changes: FieldChanges<Lead> = { state: 'qualified', statusReason: 'qualified', closedOn: now, modifiedOn: now }
  if (primaryOpportunityId !== undefined) changes.qualifyingOpportunityId = primaryOpportunityId
  if (stageTo !== undefined) changes.processStage = stageTo
  // Like Dataverse's parentaccountid/parentcontactid, the lead points at the customer it was qualified into, but
  // only when it pointed at none: a reference the lead already has is never overwritten.
  if (isBlank(lead.existingAccountId) && accountId !== undefined) changes.existingAccountId = accountId
  if (isBlank(lead.existingContactId) && contactId !== undefined) changes.existingContactId = contactId
  operations.push(leadUpdate(lead, LEAD_FIELDS, changes, leadUpdateReason(lead, accountId, contactId), planning))

  // Notes stay regarding the lead; they are only shown on the primary opportunity too.
  const shownOn: string[] = []
  if (primaryOpportunityId !== undefined) {
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
  }

  let summary: SummaryCard | undefined
  if (settings.experience === 'new' && settings.summarizeLead) {
    const links = summaryLinks(lead, accountId, contactId, account, contact, opportunityIds, topics, context)
    const card = (context.summarizer ?? templateSummarizer).summarize({ lead, links })
    // A host summariser returns its own object: copy it through JSON so the plan stays plain data it does not share.
    summary = context.summarizer === undefined ? card : (JSON.parse(JSON.stringify(card)) as SummaryCard)
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
          title: (summary as SummaryCard).title,
          body: (summary as SummaryCard).text,
          data: summary,
        }),
        reason: `the lead summary card on the ${regarding.entity}'s timeline`,
      })
    })
  }

  plan.operations = operations
  plan.notesShownOn = shownOn.length === 0 ? NONE : shownOn
  if (summary !== undefined) plan.summary = summary
  return freezePlan(plan)
}

/**
 * Freezes a ready plan. Its records and patch paths are frozen as they are built, so only the plan's own frames are
 * left: freezing them by name saves walking every key of every record, a fifth of bulk planning's time.
 */
function freezePlan(plan: Mutable<QualificationPlan>): QualificationPlan {
  for (const read of plan.reads) Object.freeze(read)
  Object.freeze(plan.reads)
  for (const operation of plan.operations) {
    if (operation.op === 'update') {
      for (const patch of operation.patches) deepFreeze(patch)
      Object.freeze(operation.patches)
    } else if (operation.op === 'create' && !Object.isFrozen(operation.record)) {
      deepFreeze(operation.record)
    }
    Object.freeze(operation)
  }
  Object.freeze(plan.operations)
  for (const record of plan.records) Object.freeze(record)
  Object.freeze(plan.records)
  Object.freeze(plan.entities.opportunityIds)
  Object.freeze(plan.entities)
  Object.freeze(plan.businessProcess)
  Object.freeze(plan.notesShownOn)
  if (plan.summary !== undefined) deepFreeze(plan.summary)
  return Object.freeze(plan)
}

/** What the plan shows for one record type. */
function plannedRecord(r: Resolution): PlannedRecord {
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

function resolve(
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
      return { recordType: type, source, action: 'existing', id: referenced, note: `the lead's existing ${type}`, ...readIf(known, referenced) }
    }
    return { recordType: type, source, action: 'create', note: 'created automatically by the organisation settings' }
  }
  if (choice === undefined) return { recordType: type, source, action: 'undecided' }
  if (choice.action === 'existing') return { recordType: type, source, action: 'existing', id: choice.id, ...readIf(known, choice.id) }
  return { recordType: type, source, action: choice.action }
}

function readIf(known: Account | Contact | undefined, id: string): Pick<Resolution, 'read'> {
  return known !== undefined && known.id === id ? { read: { id: known.id, version: known.version } } : {}
}

function referencedId(lead: Lead, type: QualifyRecordType): string | undefined {
  return type === 'account' ? lead.existingAccountId : type === 'contact' ? lead.existingContactId : undefined
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
      message: `duplicateResolution.${resolution.recordType}.useId "${choice.useId}" is not one of the matched ${resolution.recordType}s: pick one of ${matched.map((m) => m.id).join(', ')}`,
    })
  }
  resolution.action = 'existing'
  resolution.id = picked.record.id
  resolution.read = { id: picked.record.id, version: picked.record.version }
  resolution.note = 'the matching record the seller picked in the duplicate warning'
  return []
}

function matches(entity: 'account' | 'contact', list: readonly PotentialDuplicate<Account | Contact>[] | undefined): readonly MatchedRecord[] {
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

function summaryLinks(
  lead: Lead,
  accountId: string | undefined,
  contactId: string | undefined,
  account: Resolution,
  contact: Resolution,
  opportunityIds: readonly string[],
  topics: readonly string[],
  context: QualificationContext,
): SummaryLink[] {
  const links: SummaryLink[] = []
  if (accountId !== undefined) {
    const name = account.action === 'create' ? lead.companyName : knownName(accountId, context.existingAccount, context.duplicates?.accounts)
    links.push({ entity: 'account', id: accountId, label: `Account: ${name ?? accountId}` })
  }
  if (contactId !== undefined) {
    const name =
      contact.action === 'create'
        ? [lead.firstName, lead.lastName].filter(Boolean).join(' ')
        : knownName(contactId, context.existingContact, context.duplicates?.contacts)
    links.push({ entity: 'contact', id: contactId, label: `Contact: ${name === undefined || name === '' ? contactId : name}` })
  }
  opportunityIds.forEach((id, i) =>
    links.push({ entity: 'opportunity', id, label: `${i === 0 ? 'Primary opportunity' : 'Opportunity'}: ${topics[i] ?? id}` }),
  )
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

function topicOf(draft: OpportunityDraft, fields: Readonly<Record<string, unknown>>, lead: Lead, index: number): string {
  const topic = [draft.topic, fields.topic, lead.topic, lead.companyName].find((t) => typeof t === 'string' && t.trim() !== '')
  const base = (topic as string | undefined) ?? `Opportunity from lead ${lead.id}`
  // Only drafts without a topic of their own get a numbered fallback, so two such opportunities stay apart.
  return draft.topic === undefined && index > 0 ? `${base} (${index + 1})` : base
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

function reasonOf(r: Resolution): string {
  if (r.note !== undefined) return r.note
  return r.action === 'existing' ? `the existing ${r.recordType} the seller chose` : `created by the seller`
}


function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Drops undefined values and freezes the record deeply, in one pass (records are built fresh by the planner). */
function compact(record: Record<string, unknown>): Readonly<Record<string, unknown>> {
  for (const key in record) {
    const value = record[key]
    if (value === undefined) delete record[key]
    else if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) deepFreeze(value)
  }
  return Object.freeze(record)
}

/** Checks the request's shape and what the settings let the seller change; throws every issue at once. */
function checkRequest(
  request: QualificationRequest,
  settings: QualificationSettings,
  creation: Readonly<Record<QualifyRecordType, RecordCreation>>,
): void {
  // Nothing to check in the empty request bulk planning uses for most leads.
  if (request !== null && typeof request === 'object' && Object.getPrototypeOf(request) === Object.prototype && Object.keys(request).length === 0) return
  const reader = new InputReader()
  const value = reader.object(request, ['request'])
  if (value === undefined) return reader.throwIfAny()
  for (const type of RECORD_TYPES) {
    const choice = reader.object(value[type], [type], false)
    if (choice === undefined) continue
    const action = reader.enumeration(choice.action, [type, 'action'], ['create', 'existing', 'none'], true)
    if (action === 'existing') reader.string(choice.id, [type, 'id'], { required: true })
    if (creation[type] === 'automatic' && action !== undefined && action !== 'create') {
      reader.add(
        'invalid_combination',
        [type, 'action'],
        `${type} is created automatically by the organisation's settings, so the seller cannot choose "${action}"; ` +
          `edit the lead instead, or ask the admin to set ${type} creation to Seller`,
      )
    }
  }
  reader.string(value.currency, ['currency'], { format: 'currency' })
  const drafts = reader.array(value.opportunities, ['opportunities'])
  if (drafts !== undefined) {
    const opportunityAction = (value.opportunity as RecordChoice | undefined)?.action
    if (drafts.length === 0) reader.add('invalid_value', ['opportunities'], 'opportunities must list at least one opportunity; leave it out to create one from the lead')
    if (creation.opportunity === 'automatic') {
      reader.add(
        'invalid_combination',
        ['opportunities'],
        "opportunities are created automatically by the organisation's settings and cannot be edited; leave opportunities out",
      )
    } else if (opportunityAction === 'existing' || opportunityAction === 'none') {
      reader.add('invalid_combination', ['opportunities'], `opportunities cannot be given when opportunity.action is "${opportunityAction}"`)
    }
    const allowed = new Set(settings.opportunityFormFields.length > 0 ? settings.opportunityFormFields : DEFAULT_OPPORTUNITY_FORM_FIELDS)
    drafts.forEach((draft, i) => checkDraft(reader, draft, ['opportunities', i], allowed))
  }
  const resolution = reader.object(value.duplicateResolution, ['duplicateResolution'], false)
  if (resolution !== undefined) {
    for (const type of ['account', 'contact'] as const) {
      const choice = resolution[type]
      if (choice === undefined || choice === 'create-new') continue
      const picked = reader.object(choice, ['duplicateResolution', type])
      if (picked !== undefined) reader.string(picked.useId, ['duplicateResolution', type, 'useId'], { required: true })
    }
  }
  reader.throwIfAny()
}

function checkDraft(reader: InputReader, input: unknown, path: readonly (string | number)[], allowed: ReadonlySet<string>): void {
  const draft = reader.object(input, path)
  if (draft === undefined) return
  for (const field of Object.keys(draft)) {
    const at = [...path, field]
    if (field === 'extra') {
      // A host's own form fields are configured as `extra.<name>` and drafted under `extra`.
      const extra = reader.object(draft.extra, at)
      for (const key of Object.keys(extra ?? {})) {
        if (!allowed.has(`extra.${key}`)) {
          reader.add('invalid_value', [...at, key], `${formatPath([...at, key])} is not on the opportunity form your admin configured; remove it or ask the admin to add extra.${key}`)
        }
      }
      continue
    }
    if (!allowed.has(field)) {
      reader.add(
        'invalid_value',
        at,
        `${formatPath(at)} is not on the opportunity form your admin configured (fields: ${[...allowed].join(', ')}); remove it or ask the admin to add it`,
      )
      continue
    }
    const value = draft[field]
    switch (field) {
      case 'topic':
      case 'description':
        reader.string(value, at, { max: field === 'topic' ? 300 : 2000 })
        break
      case 'estimatedRevenue':
      case 'budgetAmount':
        reader.number(value, at, { min: 0 })
        break
      case 'estimatedCloseDate':
        reader.string(value, at, { format: 'iso-date' })
        break
      case 'currency':
        reader.string(value, at, { format: 'currency' })
        break
      case 'purchaseTimeframe':
        reader.enumeration(value, at, TIMEFRAMES)
        break
      case 'purchaseProcess':
        reader.enumeration(value, at, PROCESSES)
        break
      case 'decisionMaker':
        reader.boolean(value, at)
        break
      default:
        if (value !== null && typeof value === 'object') {
          reader.add('invalid_type', at, `${formatPath(at)} must be a string, number or boolean`)
        }
    }
  }
}
