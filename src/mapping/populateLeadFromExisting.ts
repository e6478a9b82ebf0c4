import { LeadkitError } from '../errors.js'
import { formatPath, asLeadkitError } from '../internal/validate.js'
import type { Account, Contact, Lead } from '../records/types.js'
import { frozenCopy } from './internal/compile.js'
import { isBlank } from '../internal/isBlank.js'
import { LEAD_FIELD_SPECS } from './fieldSpecs.js'

/**
 * A lead being created: any lead fields, all optional. A lead that has been saved has a `version` (every stored
 * record starts at version 1); a draft has none.
 *
 * @example
 * const draft: LeadDraft = { topic: 'New office chairs', existingContactId: 'contact-7' }
 */
export type LeadDraft = { readonly [K in keyof Lead]?: Lead[K] }

/** The existing records selected on a new lead's form. */
export interface ExistingRecords {
  readonly account?: Pick<Account, 'id' | 'name'>
  readonly contact?: Pick<Contact, 'id' | 'firstName' | 'lastName' | 'jobTitle' | 'businessPhone' | 'mobilePhone' | 'email'>
}

/** A lead field auto-population did not fill because the existing record's value does not fit the lead's column. */
export interface SkippedField {
  readonly field: keyof Lead & string
  readonly reason: 'too_long'
}

/**
 * What {@link populateLeadFromExisting} did: the new draft (frozen), the lead fields it filled, and fields it left
 * empty because the value is longer than the lead's column allows.
 *
 * @example
 * const result: PopulatedLead<LeadDraft> = { draft: { companyName: 'Contoso' }, filled: ['companyName'], skipped: [] }
 */
export interface PopulatedLead<T extends LeadDraft> {
  /** The draft with the filled fields; typed so filled fields are readable even when `T` lacks them. */
  readonly draft: T & LeadDraft
  readonly filled: readonly (keyof Lead & string)[]
  readonly skipped: readonly SkippedField[]
}

const FROM_ACCOUNT = [['companyName', 'name']] as const
const FROM_CONTACT = [
  ['firstName', 'firstName'],
  ['lastName', 'lastName'],
  ['jobTitle', 'jobTitle'],
  ['businessPhone', 'businessPhone'],
  ['mobilePhone', 'mobilePhone'],
  ['email', 'email'],
] as const

/**
 * Fills a new lead from the existing account or contact selected on it, as the lead form does: from an account,
 * the company name (the account's name); from a contact, first name, last name, job title, business phone, mobile
 * phone and email. Only empty (blank) fields are filled — values already entered are never overwritten — and the
 * lead's `existingAccountId` / `existingContactId` are set when empty.
 *
 * Auto-population happens only while creating a lead. A lead that has been saved (it has a `version`) is returned
 * unchanged (the same object) with nothing filled — an expected outcome, not an error. A value longer than the
 * lead's column (an account name over 100 characters, a contact mobile phone over 20) is not filled and is listed
 * in `skipped`. The draft is never mutated.
 *
 * @param draft - the lead being created
 * @param existing - the selected existing account and/or contact
 * @returns the new frozen draft and the fields filled
 * @throws LeadkitError `invalid_combination` when the draft already refers to another account or contact than the
 *   one given (path `['account', 'id']` / `['contact', 'id']`)
 * @example
 * const { draft, filled } = populateLeadFromExisting({ firstName: 'Ana' }, { contact: { id: 'c-1', firstName: 'Anna', lastName: 'Lee', email: 'anna@contoso.com' } })
 * draft //=> { firstName: 'Ana', lastName: 'Lee', email: 'anna@contoso.com', existingContactId: 'c-1' }
 * filled //=> ['lastName', 'email', 'existingContactId']
 */
export function populateLeadFromExisting<T extends LeadDraft>(draft: T, existing: ExistingRecords): PopulatedLead<T> {
  try {
    return populateLeadFromExistingUnguarded<T>(draft, existing)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function populateLeadFromExistingUnguarded<T extends LeadDraft>(draft: T, existing: ExistingRecords): PopulatedLead<T> {
  if (draft === null || typeof draft !== 'object' || Array.isArray(draft)) {
    throw new LeadkitError({ code: 'invalid_type', path: ['draft'], message: 'draft must be an object of lead fields' })
  }
  if (existing === null || typeof existing !== 'object') {
    throw new LeadkitError({ code: 'invalid_type', path: ['existing'], message: 'existing must be an object like { account, contact }' })
  }
  if (draft.version !== undefined && draft.version !== null) return Object.freeze({ draft, filled: Object.freeze([]), skipped: Object.freeze([]) })

  const { account, contact } = existing
  if (account !== undefined && !isBlank(draft.existingAccountId) && draft.existingAccountId !== account.id) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['account', 'id'],
      message: `${formatPath(['account', 'id'])} "${account.id}" is not the lead's existing account "${draft.existingAccountId}"; pass the account the lead refers to`,
    })
  }
  if (contact !== undefined && !isBlank(draft.existingContactId) && draft.existingContactId !== contact.id) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['contact', 'id'],
      message: `${formatPath(['contact', 'id'])} "${contact.id}" is not the lead's existing contact "${draft.existingContactId}"; pass the contact the lead refers to`,
    })
  }

  const changes: Record<string, unknown> = {}
  const filled: (keyof Lead & string)[] = []
  const skipped: SkippedField[] = []
  const fill = (field: keyof Lead & string, value: unknown): void => {
    if (!isBlank(draft[field]) || isBlank(value)) return
    const max = LEAD_FIELD_SPECS[field]?.maxLength
    if (typeof value === 'string' && max !== undefined && value.length > max) {
      skipped.push(Object.freeze({ field, reason: 'too_long' as const }))
      return
    }
    changes[field] = frozenCopy(value)
    filled.push(field)
  }
  if (account !== undefined) {
    for (const [field, from] of FROM_ACCOUNT) fill(field, account[from])
    fill('existingAccountId', account.id)
  }
  if (contact !== undefined) {
    for (const [field, from] of FROM_CONTACT) fill(field, contact[from])
    fill('existingContactId', contact.id)
  }
  let next = draft
  if (filled.length > 0 || !Object.isFrozen(draft)) {
    // Copy nested values the caller may still change (an unfrozen address) instead of freezing them in place.
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(draft)) copy[key] = frozenCopy((draft as Record<string, unknown>)[key])
    next = Object.freeze(Object.assign(copy, changes)) as T
  }
  return Object.freeze({ draft: next, filled: Object.freeze(filled), skipped: Object.freeze(skipped) })
}
