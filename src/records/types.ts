/**
 * Record types. Every record is a frozen plain object: instants are ISO-8601 strings, money is a number in the
 * record's currency, option sets are readable string keys (the Dataverse bridge converts them to their codes).
 * Unknown fields a host sends along are kept under `extra`, never dropped.
 */

/** The tables leadkit knows. */
export type EntityName = 'lead' | 'account' | 'contact' | 'opportunity' | 'note' | 'timelineEntry'

/** A reference to another record. */
export interface EntityRef {
  readonly entity: EntityName
  readonly id: string
}

/** A postal address, as the product's `address1_*` columns hold it. */
export interface Address {
  readonly street1?: string
  readonly street2?: string
  readonly street3?: string
  readonly city?: string
  readonly stateOrProvince?: string
  readonly postalCode?: string
  readonly country?: string
}

/** Fields every stored record has. */
export interface RecordBase {
  readonly id: string
  /** ISO-8601 instant, e.g. `2026-03-01T09:30:00.000Z`. */
  readonly createdOn: string
  /** ISO-8601 instant. */
  readonly modifiedOn: string
  /** Optimistic-concurrency version: starts at 1 and grows by one with every stored change. */
  readonly version: number
  readonly ownerId?: string
  /** Fields leadkit does not know, kept exactly as received. */
  readonly extra?: Readonly<Record<string, unknown>>
}

/** Lead state (Dataverse `statecode`): Open 0, Qualified 1, Disqualified 2. */
export type LeadState = 'open' | 'qualified' | 'disqualified'

/**
 * Lead status reason (Dataverse `statuscode`): New 1, Contacted 2 (Open); Qualified 3 (Qualified);
 * Lost 4, Cannot Contact 5, No Longer Interested 6, Canceled 7 (Disqualified).
 */
export type LeadStatusReason =
  | 'new'
  | 'contacted'
  | 'qualified'
  | 'lost'
  | 'cannot-contact'
  | 'no-longer-interested'
  | 'canceled'

/** Where a lead came from (Dataverse `leadsourcecode`). */
export type LeadSource =
  | 'advertisement'
  | 'employee-referral'
  | 'external-referral'
  | 'partner'
  | 'public-relations'
  | 'seminar'
  | 'trade-show'
  | 'web'
  | 'word-of-mouth'
  | 'other'

/** When the customer means to buy (Dataverse `purchasetimeframe`). */
export type PurchaseTimeframe = 'immediate' | 'this-quarter' | 'next-quarter' | 'this-year' | 'unknown'

/** How the customer decides (Dataverse `purchaseprocess`). */
export type PurchaseProcess = 'individual' | 'committee' | 'unknown'

/** Whether the customer has a budget (Dataverse `budgetstatus`). */
export type BudgetStatus = 'no-committed-budget' | 'may-buy' | 'can-buy' | 'will-buy'

/** How the customer prefers to be reached (Dataverse `preferredcontactmethodcode`). */
export type PreferredContactMethod = 'any' | 'email' | 'phone' | 'fax' | 'mail'

/** Industry (Dataverse `industrycode`). */
export type Industry =
  | 'accounting'
  | 'agriculture'
  | 'broadcasting-printing-publishing'
  | 'brokers'
  | 'building-supply-retail'
  | 'business-services'
  | 'consulting'
  | 'consumer-services'
  | 'design-creative-management'
  | 'distributors-dispatchers-processors'
  | 'doctors-offices-clinics'
  | 'durable-manufacturing'
  | 'eating-drinking-places'
  | 'entertainment-retail'
  | 'equipment-rental-leasing'
  | 'financial'
  | 'food-tobacco-processing'
  | 'inbound-capital-intensive-processing'
  | 'inbound-repair-services'
  | 'insurance'
  | 'legal-services'
  | 'non-durable-merchandise-retail'
  | 'outbound-consumer-service'
  | 'petrochemical-extraction-distribution'
  | 'service-retail'
  | 'sig-affiliations'
  | 'social-services'
  | 'special-outbound-trade-contractors'
  | 'specialty-realty'
  | 'transportation'
  | 'utility-creation-distribution'
  | 'vehicle-retail'
  | 'wholesale'

/** Status of a lead's business-process-flow instance; `aborted` instances are not used to train scoring models. */
export type ProcessStatus = 'active' | 'finished' | 'aborted'

/** A lead: a potential customer to qualify or disqualify. */
export interface Lead extends RecordBase {
  /** Topic (Dataverse `subject`). */
  readonly topic?: string
  readonly firstName?: string
  readonly lastName?: string
  readonly jobTitle?: string
  /** Company (Dataverse `companyname`). */
  readonly companyName?: string
  readonly email?: string
  readonly businessPhone?: string
  readonly mobilePhone?: string
  readonly website?: string
  readonly address?: Address
  readonly description?: string
  readonly leadSource?: LeadSource
  readonly industry?: Industry
  readonly numberOfEmployees?: number
  readonly preferredContactMethod?: PreferredContactMethod
  // Qualify-stage facts.
  readonly budgetAmount?: number
  readonly budgetStatus?: BudgetStatus
  readonly purchaseTimeframe?: PurchaseTimeframe
  readonly purchaseProcess?: PurchaseProcess
  readonly decisionMaker?: boolean
  /** Existing account the lead is for (Dataverse `parentaccountid`). */
  readonly existingAccountId?: string
  /** Existing contact the lead is for (Dataverse `parentcontactid`). */
  readonly existingContactId?: string
  /** ISO-4217 code of the lead's currency, e.g. `USD`. */
  readonly currency?: string
  readonly state: LeadState
  readonly statusReason: LeadStatusReason
  /** When the lead was qualified or disqualified (ISO instant). */
  readonly closedOn?: string
  /** The opportunity created when the lead was qualified (Dataverse `qualifyingopportunityid`). */
  readonly qualifyingOpportunityId?: string
  /** Business process flow the lead runs in, e.g. `lead-to-opportunity`. */
  readonly processFlow?: string
  /** Current stage of that flow, e.g. `qualify`. */
  readonly processStage?: string
  readonly processStatus?: ProcessStatus
  /** For a merged lead: the lead it was merged into (Dataverse `masterid`). */
  readonly masterId?: string
}

/** Account state (Dataverse `statecode`): Active 0, Inactive 1. */
export type ActiveState = 'active' | 'inactive'

/** An organisation a lead may become. */
export interface Account extends RecordBase {
  /** Account name (Dataverse `name`). */
  readonly name: string
  readonly website?: string
  /** Main phone (Dataverse `telephone1`). */
  readonly phone?: string
  readonly email?: string
  readonly address?: Address
  readonly industry?: Industry
  readonly numberOfEmployees?: number
  readonly primaryContactId?: string
  readonly originatingLeadId?: string
  readonly state: ActiveState
  /** For a deactivated (merged) record: the record it was merged into. */
  readonly masterId?: string
}

/** A person a lead may become. */
export interface Contact extends RecordBase {
  readonly firstName?: string
  readonly lastName: string
  readonly jobTitle?: string
  /** Business phone (Dataverse `telephone1`). */
  readonly businessPhone?: string
  readonly mobilePhone?: string
  readonly email?: string
  readonly address?: Address
  /** Company the contact works for (Dataverse `parentcustomerid`). */
  readonly accountId?: string
  readonly originatingLeadId?: string
  readonly state: ActiveState
  readonly masterId?: string
}

/** Opportunity state (Dataverse `statecode`): Open 0, Won 1, Lost 2. */
export type OpportunityState = 'open' | 'won' | 'lost'

/** A potential sale created from a qualified lead. */
export interface Opportunity extends RecordBase {
  /** Topic (Dataverse `name`). */
  readonly topic: string
  readonly accountId?: string
  readonly contactId?: string
  readonly originatingLeadId?: string
  /** ISO-4217 code; an opportunity cannot be created without one. */
  readonly currency?: string
  readonly estimatedRevenue?: number
  /** ISO date `YYYY-MM-DD`. */
  readonly estimatedCloseDate?: string
  readonly description?: string
  readonly budgetAmount?: number
  readonly purchaseTimeframe?: PurchaseTimeframe
  readonly purchaseProcess?: PurchaseProcess
  readonly decisionMaker?: boolean
  readonly state: OpportunityState
  readonly processStage?: string
}

/** File metadata of a note's attachment; the bytes stay in the host's store. */
export interface Attachment {
  readonly id: string
  readonly fileName: string
  readonly mimeType: string
  readonly sizeBytes: number
}

/** A note (annotation) on a record, with its attachments. */
export interface Note extends RecordBase {
  /** The record the note belongs to (Dataverse `objectid`). Qualification never changes it; a merge may. */
  readonly regarding: EntityRef
  /** Other records on whose timeline the note is shown, e.g. the opportunity a lead was qualified into. */
  readonly visibleOn?: readonly EntityRef[]
  readonly subject?: string
  readonly text?: string
  readonly attachments: readonly Attachment[]
}

/** An entry on a record's timeline, e.g. the lead summary card. */
export interface TimelineEntry extends RecordBase {
  readonly regarding: EntityRef
  readonly kind: string
  readonly title: string
  readonly body: string
  /** Structured content, JSON-serialisable. */
  readonly data?: unknown
}

/** The record types, by entity name. */
export interface RecordsByEntity {
  readonly lead: Lead
  readonly account: Account
  readonly contact: Contact
  readonly opportunity: Opportunity
  readonly note: Note
  readonly timelineEntry: TimelineEntry
}
