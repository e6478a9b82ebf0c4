/**
 * Types of the qualification, disqualification and reactivation planners.
 */
import type { QualificationDuplicateSources } from '../duplicates/findQualificationDuplicates.js'
import type { QualificationDuplicates } from '../duplicates/types.js'
import type { Issue } from '../errors.js'
import type { MappingSet } from '../mapping/index.js'
import type { PlanBase } from '../plan.js'
import type {
  Account,
  Contact,
  EntityName,
  Lead,
  LeadStatusReason,
  Note,
  PurchaseProcess,
  PurchaseTimeframe,
} from '../records/types.js'
import type { QualifyRecordType, RecordCreation } from '../settings/types.js'
import type { SummaryCard, Summarizer } from '../summary/types.js'

/**
 * What a planner may not look up itself: the caller passes it in. Everything is optional; `now` is required as soon
 * as the plan creates or changes a record.
 *
 * @example
 * const context: QualificationContext = { now: '2026-03-01T09:30:00.000Z', userRoles: ['Salesperson'] }
 */
export interface QualificationContext {
  /** The current instant (ISO-8601); planners never read the clock. */
  readonly now?: string
  /** The account the lead references (`lead.existingAccountId`), so the plan can record its version. */
  readonly existingAccount?: Account
  /** The contact the lead references (`lead.existingContactId`). */
  readonly existingContact?: Contact
  /** The lead's notes (with their attachments). */
  readonly notes?: readonly Note[]
  /** Possible duplicates found by the host or by `leadkit/duplicates`. */
  readonly duplicates?: QualificationDuplicates
  /**
   * Records to search for duplicates with the settings' published rules (the built-in checks where the settings
   * have none), as `findQualificationDuplicates(lead, duplicateSources, { settings })`; instead of `duplicates`.
   */
  readonly duplicateSources?: QualificationDuplicateSources
  /** Whether an opportunity is already associated with the lead (blocks disqualification). */
  readonly hasOpportunity?: boolean
  /** The acting user's security roles; when given, one must be a sales role (see `SALES_ROLES`). */
  readonly userRoles?: readonly string[]
  /**
   * Makes the id of the `index`-th new record of an entity (1-based). By default the RFC 4122 name-based (version-5)
   * GUID of `<lead id>:v<version>:<entity>:<index>` in leadkit's namespace: the same lead and version always give the
   * same ids, so a retried plan creates nothing twice. `newId: () => crypto.randomUUID()` gives random version-4
   * GUIDs; a `newId` that returns that seed text itself keeps the earlier ids (`lead-1:v3:account:1`).
   */
  readonly newId?: (entity: EntityName, index: number) => string
  /** Custom field mappings; the out-of-the-box ones by default. */
  readonly mappingSet?: MappingSet
  /** Writes the lead summary card; `templateSummarizer` by default. */
  readonly summarizer?: Summarizer
  /** The stages of the lead's business process flow, in order; `LEAD_TO_OPPORTUNITY_STAGES` by default. */
  readonly processStages?: readonly string[]
}

/**
 * The seller's choice for one record type in the qualify pane: create a new record, use an existing one, or none.
 *
 * @example
 * const choice: RecordChoice = { action: 'existing', id: 'acc-7' }
 */
export type RecordChoice =
  | { readonly action: 'create' }
  | { readonly action: 'existing'; readonly id: string }
  | { readonly action: 'none' }

/**
 * One opportunity the seller fills in the qualify pane. Only the fields of the configured opportunity form
 * (`settings.opportunityFormFields`) may be set.
 *
 * @example
 * const draft: OpportunityDraft = { topic: 'Support renewal', estimatedRevenue: 12000 }
 */
export interface OpportunityDraft {
  readonly topic?: string
  readonly estimatedRevenue?: number
  /** ISO date `YYYY-MM-DD`. */
  readonly estimatedCloseDate?: string
  readonly description?: string
  /** ISO-4217 code; overrides the request's currency for this opportunity. */
  readonly currency?: string
  readonly budgetAmount?: number
  readonly purchaseTimeframe?: PurchaseTimeframe
  readonly purchaseProcess?: PurchaseProcess
  readonly decisionMaker?: boolean
  /** Further form fields a customised form carries, kept as given. */
  readonly [field: string]: unknown
}

/**
 * How the seller resolved a duplicate warning for one record type: use a matched record, or ignore the warning
 * and create a new one.
 *
 * @example
 * const resolution: DuplicateChoice = { useId: 'acc-3' }
 */
export type DuplicateChoice = { readonly useId: string } | 'create-new'

/**
 * What the seller chose in the qualify pane. Everything is optional: what is missing and needed becomes a decision
 * of a `needs-input` plan.
 *
 * @example
 * const request: QualificationRequest = {
 *   account: { action: 'create' },
 *   contact: { action: 'create' },
 *   opportunity: { action: 'create' },
 *   opportunities: [{ topic: 'Coffee machines' }, { topic: 'Service contract' }],
 *   currency: 'USD',
 * }
 */
export interface QualificationRequest {
  readonly account?: RecordChoice
  readonly contact?: RecordChoice
  readonly opportunity?: RecordChoice
  /** 1 to `settings.maxOpportunities` drafts; the first is the primary opportunity. */
  readonly opportunities?: readonly OpportunityDraft[]
  /** ISO-4217 currency of the opportunities; the lead's currency by default. */
  readonly currency?: string
  readonly duplicateResolution?: {
    readonly account?: DuplicateChoice
    readonly contact?: DuplicateChoice
  }
}

/**
 * A record matched by duplicate detection, with what the seller needs to recognise it.
 *
 * @example
 * const match: MatchedRecord = { entity: 'account', id: 'acc-3', name: 'Contoso', rule: 'Same name', details: { email: 'info@contoso.com' } }
 */
export interface MatchedRecord {
  readonly entity: 'account' | 'contact'
  readonly id: string
  readonly name: string
  readonly rule?: string
  readonly score?: number
  /** Extra facts to tell matches apart: email, phone, city. */
  readonly details: Readonly<Record<string, string>>
}

/**
 * Something the seller still has to decide before the plan can be ready. A decision has the same shape in both
 * experiences: the record types it is about are always `recordTypes` (one type for a `record-creation` decision),
 * and the matches of a duplicate dialog are always `matchedAccounts` and `matchedContacts`.
 *
 * - `choose-records` (legacy, auto-create off): which of account, contact and opportunity to create (yes / no).
 * - `record-creation` (new experience, record type `seller`): create, use an existing record, or none.
 * - `duplicate-warning` (improved duplicate experience off): pick a matching account and/or contact, or continue
 *   without (create new).
 * - `records-may-already-exist` (improved duplicate experience on): the matched accounts and contacts; select one,
 *   or "Ignore and save".
 *
 * @example
 * planQualification(lead, legacyPromptSettings, {}, { now }).decisions[0]
 * //=> { kind: 'choose-records', recordTypes: ['account', 'contact', 'opportunity'], options: ['create', 'none'], … }
 */
export type QualificationDecision =
  | {
      readonly kind: 'choose-records'
      readonly title: string
      readonly message: string
      readonly recordTypes: readonly QualifyRecordType[]
      readonly options: readonly ('create' | 'none')[]
      readonly path: readonly (string | number)[]
    }
  | {
      readonly kind: 'record-creation'
      readonly title: string
      readonly message: string
      /** The one record type this decision is about. */
      readonly recordTypes: readonly QualifyRecordType[]
      readonly options: readonly RecordChoice['action'][]
      /** What the pane pre-selects: `existing` when the lead references a record, else `create`. */
      readonly suggested: RecordChoice
      readonly path: readonly (string | number)[]
    }
  | {
      readonly kind: 'duplicate-warning'
      readonly title: 'Duplicate warning'
      readonly message: string
      readonly matchedAccounts: readonly MatchedRecord[]
      readonly matchedContacts: readonly MatchedRecord[]
      readonly path: readonly (string | number)[]
    }
  | {
      readonly kind: 'records-may-already-exist'
      readonly title: 'Account or Contact may already exist'
      readonly message: string
      readonly matchedAccounts: readonly MatchedRecord[]
      readonly matchedContacts: readonly MatchedRecord[]
      readonly path: readonly (string | number)[]
    }

/**
 * What the plan does with one record: create it, use an existing one, or nothing; and whether the seller may edit
 * it in the qualify pane (`automatic` records are shown for review only).
 *
 * @example
 * const record: PlannedRecord = { recordType: 'account', action: 'create', id: '464a88bb-8327-5712-9922-d13a189bb861', source: 'automatic', editable: false }
 */
export interface PlannedRecord {
  readonly recordType: QualifyRecordType
  readonly action: 'create' | 'existing' | 'none' | 'undecided'
  /** The record's id, when it is created or used. */
  readonly id?: string
  /** Who decides: the organisation's settings (`automatic`) or the seller. */
  readonly source: RecordCreation
  readonly editable: boolean
  /** Why the action was chosen, when it was not the seller's explicit choice. */
  readonly note?: string
}

/**
 * The records qualification creates or uses, by type, like the product's `CreatedEntities`.
 *
 * @example
 * const entities: QualifiedEntities = { accountId: 'a', contactId: 'c', opportunityIds: ['o1', 'o2'], primaryOpportunityId: 'o1' }
 */
export interface QualifiedEntities {
  readonly accountId?: string
  readonly contactId?: string
  readonly opportunityIds: readonly string[]
  readonly primaryOpportunityId?: string
}

/**
 * Whether the lead's business process flow moves on: only when an opportunity is created.
 *
 * @example
 * const outcome: BusinessProcessOutcome = { moves: true, from: 'qualify', to: 'develop', reason: 'an opportunity is created' }
 */
export interface BusinessProcessOutcome {
  readonly moves: boolean
  readonly from?: string
  readonly to?: string
  readonly reason: string
}

/**
 * What qualifying a lead would do. `operations` are what an executor writes; the other fields explain the plan to a
 * seller (decisions still owed, records shown read-only, the business-process outcome, the summary card).
 *
 * @example
 * const plan: QualificationPlan = planQualification(lead, settings, request, { now })
 * plan.entities.primaryOpportunityId //=> '62a5907b-5fc3-58c5-b1ec-540a44fe4901' (lead-1 at version 3)
 */
export interface QualificationPlan extends PlanBase<'qualification'> {
  readonly leadId: string
  readonly experience: 'legacy' | 'new'
  /** One entry per record type, in the order account, contact, opportunity. */
  readonly records: readonly PlannedRecord[]
  /** Decisions the seller still owes; empty unless `status` is `needs-input`. */
  readonly decisions: readonly QualificationDecision[]
  readonly entities: QualifiedEntities
  readonly businessProcess: BusinessProcessOutcome
  /** The lead summary card, when the settings ask for one and the plan is ready. */
  readonly summary?: SummaryCard
  /** Notes made visible on the primary opportunity (they stay regarding the lead). */
  readonly notesShownOn: readonly string[]
}

/**
 * The disqualification status reasons.
 *
 * @example
 * const reason: DisqualifyReason = 'no-longer-interested'
 */
export type DisqualifyReason = Extract<LeadStatusReason, 'lost' | 'cannot-contact' | 'no-longer-interested' | 'canceled'>

/**
 * What disqualifying a lead would do: the lead becomes Disqualified with the reason; its notes stay.
 *
 * @example
 * planDisqualification(lead, 'lost', { now, notes }).notesKept //=> ['note-1']
 */
export interface DisqualificationPlan extends PlanBase<'disqualification'> {
  readonly leadId: string
  readonly statusReason: DisqualifyReason
  /** The lead's notes, kept on it unchanged. */
  readonly notesKept: readonly string[]
}

/**
 * What reactivating a lead would do: it becomes Open / New again; its notes stay.
 *
 * @example
 * planReactivation(disqualifiedLead).status //=> 'ready'
 */
export interface ReactivationPlan extends PlanBase<'reactivation'> {
  readonly leadId: string
  readonly notesKept: readonly string[]
}

/**
 * One lead's outcome in bulk qualification. `invalid` means the lead or its request could not be planned at all
 * (the issues say why); the other statuses are those of the plan.
 *
 * @example
 * const result: BulkQualificationResult = { index: 3, leadId: '', status: 'invalid', issues: [{ code: 'required', path: ['lead'], message: 'lead is required' }] }
 */
export type BulkQualificationResult =
  | {
      readonly index: number
      readonly leadId: string
      readonly status: 'ready' | 'needs-input' | 'blocked'
      readonly plan: QualificationPlan
    }
  | {
      readonly index: number
      readonly leadId: string
      readonly status: 'invalid'
      readonly issues: readonly Issue[]
    }

/**
 * Every lead's outcome in bulk qualification, in input order, with counts by status.
 *
 * @example
 * planBulkQualification(leads, settings, undefined, { now }).counts //=> { ready: 98, 'needs-input': 0, blocked: 1, invalid: 1 }
 */
export interface BulkQualificationPlan {
  readonly results: readonly BulkQualificationResult[]
  readonly counts: Readonly<Record<BulkQualificationResult['status'], number>>
}

/**
 * Context for bulk qualification: shared values plus, optionally, each lead's own notes, duplicates, records.
 *
 * @example
 * const context: BulkQualificationContext = { now, forLead: (lead) => ({ notes: notesByLead.get(lead.id) }) }
 */
export interface BulkQualificationContext extends QualificationContext {
  /** Per-lead context merged over the shared one (notes, duplicates, referenced records…). */
  readonly forLead?: (lead: Lead, index: number) => QualificationContext | undefined
}

