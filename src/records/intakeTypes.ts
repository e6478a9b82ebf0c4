/**
 * Types of the intake parsers: what a form or an API may send to create or edit a lead, an account or a contact,
 * the options that say how strict to be, and the Standard Schema v1 shape every intake parser carries.
 */
import type { LeadkitError, Issue } from '../errors.js'
import type { Account, Address, Contact, Lead } from './types.js'

/**
 * What an intake parser does with a key it does not know.
 *
 * - `reject` (the default): each unknown key is an `unknown_key` issue at its path, so a typo or a field the form
 *   may not set never goes unnoticed
 * - `keep`: unknown keys (and an `extra` object in the input) are kept, checked as JSON, under the record's `extra`
 * - `strip`: unknown keys are dropped
 *
 * @example
 * const unknownKeys: UnknownKeys = 'strip'
 */
export type UnknownKeys = 'reject' | 'keep' | 'strip'

/**
 * Options of the intake parsers (`parseNewLead`, `parseLeadPatch`, and the account and contact ones).
 *
 * @example
 * const options: IntakeOptions = { unknownKeys: 'keep', coerce: false }
 */
export interface IntakeOptions {
  /** What to do with keys that are not user-editable fields of the record; `reject` by default. */
  readonly unknownKeys?: UnknownKeys
  /**
   * Read the text a form sends for a number or a yes/no field: `"42"`, `" 12.5 "` for a number, `"true"` /
   * `"false"` (any case) for a yes/no field. On by default (forms send text); `false` for an API whose JSON must
   * carry real numbers and booleans. Blank values (`null`, `''`, only white space) mean "no value" either way.
   */
  readonly coerce?: boolean
}

/**
 * The outcome of a safe intake parser: the parsed value as `data`, or the error with every issue.
 *
 * @example
 * const result: IntakeResult<NewLead> = safeParseNewLead({ lastName: 'Lovelace' })
 * if (result.success) result.data.lastName //=> 'Lovelace'
 */
export type IntakeResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: LeadkitError; readonly issues: readonly Issue[] }

/**
 * One issue as Standard Schema v1 reports it: a message and the path of the offending field.
 *
 * @example
 * const issue: StandardSchemaIssue = { message: 'email must be an email address', path: ['email'] }
 */
export interface StandardSchemaIssue {
  readonly message: string
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined
}

/**
 * The Standard Schema v1 properties (`~standard`) of an intake parser, as https://standardschema.dev defines them,
 * written out here so that leadkit's types depend on no package.
 *
 * @example
 * const result = parseNewLead['~standard'].validate({ lastName: 'Lovelace' })
 * 'value' in result //=> true
 */
export interface StandardSchemaProps<Output> {
  readonly version: 1
  readonly vendor: 'leadkit'
  readonly validate: (
    value: unknown,
  ) => { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly StandardSchemaIssue[] }
  readonly types?: { readonly input: unknown; readonly output: Output } | undefined
}

/**
 * A throwing intake parser that is also a Standard Schema v1 (`parser['~standard']`), so it drops into frameworks
 * that accept any schema (Hono, tRPC, ts-rest, form libraries). The `~standard` validation uses the default options.
 *
 * @example
 * const lead: NewLead = parseNewLead({ lastName: 'Lovelace' })
 * parseNewLead['~standard'].vendor //=> 'leadkit'
 */
export interface IntakeParser<T> {
  (input: unknown, options?: IntakeOptions): T
  readonly '~standard': StandardSchemaProps<T>
}

/**
 * An intake parser bound to options, from {@link createIntakeSchema}: `parse`, `safeParse`, and `~standard`.
 *
 * @example
 * const schema: IntakeSchema<NewLead> = createIntakeSchema('lead', 'new', { unknownKeys: 'strip' })
 * schema.parse({ lastName: 'Lovelace', utm: 'x' }) //=> { lastName: 'Lovelace' }
 */
export interface IntakeSchema<T> {
  readonly parse: (input: unknown) => T
  readonly safeParse: (input: unknown) => IntakeResult<T>
  readonly '~standard': StandardSchemaProps<T>
}

/**
 * The lead fields a person may set on a new lead or edit: everything but the system fields (`id`, `createdOn`,
 * `modifiedOn`, `version`, `ownerId`), the state (`state`, `statusReason`, `closedOn`, `qualifyingOpportunityId`),
 * the business process flow (`processFlow`, `processStage`, `processStatus`) and `masterId`.
 *
 * @example
 * const field: EditableLeadField = 'companyName'
 */
export type EditableLeadField =
  | 'topic'
  | 'firstName'
  | 'lastName'
  | 'jobTitle'
  | 'companyName'
  | 'email'
  | 'businessPhone'
  | 'mobilePhone'
  | 'website'
  | 'address'
  | 'description'
  | 'leadSource'
  | 'industry'
  | 'numberOfEmployees'
  | 'preferredContactMethod'
  | 'budgetAmount'
  | 'budgetStatus'
  | 'purchaseTimeframe'
  | 'purchaseProcess'
  | 'decisionMaker'
  | 'existingAccountId'
  | 'existingContactId'
  | 'currency'

/**
 * The account fields a person may set or edit: not `id`, timestamps, `version`, `ownerId`, `state`,
 * `originatingLeadId` (qualification sets it) or `masterId` (a merge sets it).
 *
 * @example
 * const field: EditableAccountField = 'website'
 */
export type EditableAccountField =
  | 'name'
  | 'website'
  | 'phone'
  | 'email'
  | 'address'
  | 'industry'
  | 'numberOfEmployees'
  | 'primaryContactId'

/**
 * The contact fields a person may set or edit: not `id`, timestamps, `version`, `ownerId`, `state`,
 * `originatingLeadId` or `masterId`.
 *
 * @example
 * const field: EditableContactField = 'jobTitle'
 */
export type EditableContactField =
  | 'firstName'
  | 'lastName'
  | 'jobTitle'
  | 'businessPhone'
  | 'mobilePhone'
  | 'email'
  | 'address'
  | 'accountId'

/**
 * Unknown fields kept with `unknownKeys: 'keep'`, part of every new record's type.
 *
 * @example
 * const kept: WithExtra = { extra: { utm_campaign: 'spring' } }
 */
export interface WithExtra {
  readonly extra?: Readonly<Record<string, unknown>>
}

/**
 * A new lead as a form sends it, checked: only user-editable fields (see {@link EditableLeadField}).
 *
 * @example
 * const draft: NewLead = { firstName: 'Ada', lastName: 'Lovelace', companyName: 'Analytical Engines' }
 */
export type NewLead = Pick<Lead, EditableLeadField> & WithExtra

/**
 * A new account as a form sends it, checked: `name` and the other user-editable fields.
 *
 * @example
 * const draft: NewAccount = { name: 'Contoso', website: 'contoso.example' }
 */
export type NewAccount = Pick<Account, EditableAccountField> & WithExtra

/**
 * A new contact as a form sends it, checked: `lastName` and the other user-editable fields.
 *
 * @example
 * const draft: NewContact = { firstName: 'Ada', lastName: 'Lovelace' }
 */
export type NewContact = Pick<Contact, EditableContactField> & WithExtra

/**
 * `T` with every field optional and `null` allowed: `null` clears a field; an absent key leaves it as it is.
 *
 * @example
 * const change: AddressPatch = { city: null } // AddressPatch is Clearable of Address
 */
export type Clearable<T> = { readonly [K in keyof T]?: Exclude<T[K], undefined> | null }

/**
 * An address in a patch: each part set, cleared (`null`) or left out (unchanged).
 *
 * @example
 * const address: AddressPatch = { city: 'Paris', postalCode: null }
 */
export type AddressPatch = Clearable<Address>

/**
 * A patch of `T`'s editable fields `K`, an address patch, and `extra` keys to set or clear: the shape of
 * {@link LeadPatch}, {@link AccountPatch} and {@link ContactPatch}.
 *
 * @example
 * const patch: LeadPatch = { jobTitle: null } // LeadPatch is RecordPatchOf of Lead and its editable fields
 */
export type RecordPatchOf<T, K extends keyof T> = Clearable<Omit<Pick<T, K>, 'address' & K>> & {
  readonly address?: AddressPatch | null
  readonly extra?: Readonly<Record<string, unknown>>
}

/**
 * An edit to a lead: the user-editable fields to set, `null` for each field to clear, absent fields unchanged.
 *
 * @example
 * const patch: LeadPatch = { jobTitle: 'CTO', mobilePhone: null, address: { city: 'Paris' } }
 */
export type LeadPatch = RecordPatchOf<Lead, EditableLeadField>

/**
 * An edit to an account; `name` cannot be cleared.
 *
 * @example
 * const patch: AccountPatch = { website: 'contoso.example', phone: null }
 */
export type AccountPatch = RecordPatchOf<Account, EditableAccountField>

/**
 * An edit to a contact; `lastName` cannot be cleared.
 *
 * @example
 * const patch: ContactPatch = { jobTitle: 'Head of IT' }
 */
export type ContactPatch = RecordPatchOf<Contact, EditableContactField>

/**
 * What `createLead`, `createAccount` and `createContact` add to a checked draft.
 *
 * @example
 * const options: CreateRecordOptions = { now: '2026-03-01T09:30:00Z', ownerId: 'user-7' }
 */
export interface CreateRecordOptions {
  /** The instant of creation (ISO-8601 with a zone): both `createdOn` and `modifiedOn`. */
  readonly now: string
  /** The new record's id; a random GUID (as Dataverse makes) when absent. */
  readonly id?: string
  /** The owner, from your authenticated user, never from the form. */
  readonly ownerId?: string
}

/**
 * What `updateLead`, `updateAccount` and `updateContact` need besides the record and the patch.
 *
 * @example
 * const options: UpdateRecordOptions = { now: '2026-03-02T10:00:00Z' }
 */
export interface UpdateRecordOptions {
  /** The instant of the edit (ISO-8601 with a zone), not before the record's `modifiedOn`: the new `modifiedOn`. */
  readonly now: string
}

/**
 * Whether intake input is a new record (a blank value means absent) or an edit (a blank value clears the field).
 *
 * @example
 * const mode: IntakeMode = 'patch'
 */
export type IntakeMode = 'new' | 'patch'
