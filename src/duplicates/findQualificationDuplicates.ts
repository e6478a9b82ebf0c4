import { LeadkitError } from '../errors.js'
import type { Account, Contact, Lead, Opportunity } from '../records/types.js'
import { compareNormalizedCompanies, NameComparer, type PreparedNamePart } from './internal/nameComparer.js'
import { RuleMemos } from './internal/ruleMemos.js'
import type { DuplicateIndex } from './createDuplicateIndex.js'
import { findDuplicates } from './findDuplicates.js'
import { isFreeMailDomain } from '../internal/freeMailDomains.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import { emailDomain, normalizeEmail } from './normalizeEmail.js'
import { normalizeWebsite } from './normalizeWebsite.js'
import type { AnyDuplicateRule, PotentialDuplicate, QualificationDuplicates } from './types.js'

/** Where {@link findQualificationDuplicates} looks: records, or a duplicate index of them. */
export interface QualificationDuplicateSources {
  readonly accounts?: readonly Account[] | DuplicateIndex<Account>
  readonly contacts?: readonly Contact[] | DuplicateIndex<Contact>
  readonly leads?: readonly Lead[] | DuplicateIndex<Lead>
  readonly opportunities?: readonly Opportunity[]
}

/** Options of {@link findQualificationDuplicates}. */
export interface QualificationDuplicateOptions {
  /** Skip inactive accounts and contacts and closed leads and opportunities (the rules' "exclude inactive matching records"). Default `true`. */
  readonly excludeInactiveMatchingRecords?: boolean
  /** Region of phone numbers written without a country code, e.g. `US`. */
  readonly defaultRegion?: string
  /** Rules for duplicate leads (default: the product's duplicate-lead rules). */
  readonly leadRules?: readonly AnyDuplicateRule[]
  /** Least similarity of each name part for "similar name" (default 0.88). */
  readonly nameThreshold?: number
  /** Least company-name similarity for "similar company" (default 0.92). */
  readonly companyThreshold?: number
}

/**
 * Rule names {@link findQualificationDuplicates} reports, stable for hosts that branch on them.
 *
 * @example
 * const found = findQualificationDuplicates(lead, { accounts })
 * found.accounts?.[0]?.rule === QUALIFICATION_DUPLICATE_RULES.accountDomain //=> true when only the website domain matched
 */
export const QUALIFICATION_DUPLICATE_RULES = Object.freeze({
  accountName: 'Account with the same name',
  accountSimilarName: 'Account with a similar name',
  accountDomain: 'Account with the same website domain',
  accountPhone: 'Account with the same phone number',
  contactEmail: 'Contact with the same email address',
  contactNameCompany: 'Contact with a similar name at the same company',
  contactPhone: 'Contact with the same phone number',
  opportunityLead: 'Opportunity from the same lead',
  opportunityTopic: 'Opportunity with the same topic for the same account',
} as const)

/**
 * Finds, for a lead about to be qualified, the records qualification should warn about, as the `duplicates` of the
 * context `planQualification` takes:
 *
 * - accounts with the same (normalised) company name, a similar one, the same website domain (the lead's website, or
 *   its email domain unless it is a free-mail domain) or the same phone (E.164);
 * - contacts with the same email, a similar name at a similar company (the company is the name of the contact's
 *   `accountId` account, looked up in `sources.accounts`) or the same phone (business or mobile);
 * - duplicate leads, by the duplicate-lead rules;
 * - opportunities created from this lead (`originatingLeadId`), or with the lead's topic for the lead's existing
 *   account or a matched account.
 *
 * Inactive accounts and contacts and closed leads and opportunities are skipped unless
 * `excludeInactiveMatchingRecords` is `false`. Each record appears once, with its best rule; lists are sorted by
 * score, then id, and absent when empty.
 *
 * @param lead - the lead about to be qualified
 * @param sources - accounts, contacts, leads (arrays or duplicate indexes) and opportunities to search
 * @param options - inactive handling, phone region, lead rules and similarity thresholds
 * @returns a frozen `QualificationDuplicates` for `planQualification`'s context
 * @example
 * const duplicates = findQualificationDuplicates(lead, { accounts, contacts })
 * duplicates.accounts?.[0] //=> { record: contoso, rule: 'Account with the same name', score: 1 }
 * const plan = planQualification(lead, settings, request, { now, duplicates })
 */
export function findQualificationDuplicates(
  lead: Lead,
  sources: QualificationDuplicateSources,
  options: QualificationDuplicateOptions = {},
): QualificationDuplicates {
  if (lead === null || typeof lead !== 'object' || typeof lead.id !== 'string') {
    throw new LeadkitError({ code: 'invalid_type', path: ['lead'], message: 'lead must be a lead record with an id' })
  }
  const excludeInactive = options.excludeInactiveMatchingRecords ?? true
  const nameThreshold = options.nameThreshold ?? 0.88
  const companyThreshold = options.companyThreshold ?? 0.92
  // One call compares the lead with every source record: spellings met twice are normalised once.
  const memos = new RuleMemos()
  const names = new NameComparer(undefined, memos)
  const region = options.defaultRegion?.toUpperCase()
  const companyOf = (name: string | undefined): string => (name === undefined ? '' : memos.companyName(name))
  const phonesOf = (...values: (string | undefined)[]): string[] => {
    const out: string[] = []
    for (const value of values) {
      const phone = value === undefined ? undefined : memos.phone(value, region)
      if (phone !== undefined && !out.includes(phone)) out.push(phone)
    }
    return out
  }
  const leadPhones = phonesOf(lead.businessPhone, lead.mobilePhone)
  const leadCompany = companyOf(lead.companyName)
  const leadDomains = domainsOf(lead.website, lead.email)
  const leadEmail = lead.email === undefined ? undefined : normalizeEmail(lead.email)
  const leadFirst = names.prepare(lead.firstName)
  const leadLast = names.prepare(lead.lastName)

  const result: { -readonly [K in keyof QualificationDuplicates]: PotentialDuplicate<never>[] } = {}

  // Accounts.
  const accountList = toList(sources.accounts)
  const accounts = new Best<Account>()
  for (const account of accountList) {
    if (excludeInactive && isInactiveRecord('account', account)) continue
    const name = companyOf(account.name)
    if (leadCompany !== '' && name !== '') {
      if (name === leadCompany) accounts.offer(account, QUALIFICATION_DUPLICATE_RULES.accountName, 1)
      else {
        const similar = compareNormalizedCompanies(leadCompany, name)
        if (similar !== undefined && similar.similarity >= companyThreshold) accounts.offer(account, QUALIFICATION_DUPLICATE_RULES.accountSimilarName, similar.similarity)
      }
    }
    if (leadDomains.length > 0 && domainsOf(account.website, account.email).some((d) => leadDomains.includes(d))) {
      accounts.offer(account, QUALIFICATION_DUPLICATE_RULES.accountDomain, 1)
    }
    if (leadPhones.length > 0 && account.phone !== undefined && phonesOf(account.phone).some((p) => leadPhones.includes(p))) {
      accounts.offer(account, QUALIFICATION_DUPLICATE_RULES.accountPhone, 1)
    }
  }
  if (sources.accounts !== undefined && !Array.isArray(sources.accounts)) {
    for (const match of (sources.accounts as DuplicateIndex<Account>).match(lead)) {
      if (!(excludeInactive && isInactiveRecord('account', match.record))) accounts.offer(match.record, match.rule, match.score)
    }
  }
  if (accounts.size > 0) result.accounts = accounts.list() as never

  // Contacts: their company is their account's name.
  const accountNames = new Map<string, string>()
  for (const account of accountList) accountNames.set(account.id, companyOf(account.name))
  const contacts = new Best<Contact>()
  for (const contact of toList(sources.contacts)) {
    if (excludeInactive && isInactiveRecord('contact', contact)) continue
    const email = contact.email === undefined ? undefined : normalizeEmail(contact.email)
    if (leadEmail !== undefined && email === leadEmail) contacts.offer(contact, QUALIFICATION_DUPLICATE_RULES.contactEmail, 1)
    if (leadPhones.length > 0 && phonesOf(contact.businessPhone, contact.mobilePhone).some((p) => leadPhones.includes(p))) {
      contacts.offer(contact, QUALIFICATION_DUPLICATE_RULES.contactPhone, 1)
    }
    const company = contact.accountId === undefined ? undefined : accountNames.get(contact.accountId)
    if (leadCompany !== '' && company !== undefined && company !== '') {
      const companySimilarity = company === leadCompany ? 1 : (compareNormalizedCompanies(leadCompany, company)?.similarity ?? 0)
      const nameSimilarity = similarName(names, leadFirst, leadLast, names.prepare(contact.firstName), names.prepare(contact.lastName))
      if (companySimilarity >= companyThreshold && nameSimilarity >= nameThreshold) {
        contacts.offer(contact, QUALIFICATION_DUPLICATE_RULES.contactNameCompany, (companySimilarity + nameSimilarity) / 2)
      }
    }
  }
  if (sources.contacts !== undefined && !Array.isArray(sources.contacts)) {
    for (const match of (sources.contacts as DuplicateIndex<Contact>).match(lead)) {
      if (!(excludeInactive && isInactiveRecord('contact', match.record))) contacts.offer(match.record, match.rule, match.score)
    }
  }
  if (contacts.size > 0) result.contacts = contacts.list() as never

  // Leads: the duplicate-lead rules, by index or over the list.
  const leads = new Best<Lead>()
  if (sources.leads !== undefined) {
    const matches = Array.isArray(sources.leads)
      ? findDuplicates(lead, (sources.leads as readonly Lead[]).filter((other) => other.id !== lead.id), options.leadRules)
      : (sources.leads as DuplicateIndex<Lead>).match(lead)
    for (const match of matches) {
      const other = match.record as Lead
      if (other.id === lead.id || (excludeInactive && isInactiveRecord('lead', other))) continue
      leads.offer(other, match.rule, match.score)
    }
  }
  if (leads.size > 0) result.leads = leads.list() as never

  // Opportunities: from this lead, or the same topic for an account the lead is (or may be) for.
  const opportunities = new Best<Opportunity>()
  const accountIds = new Set<string>(accounts.ids())
  if (lead.existingAccountId !== undefined) accountIds.add(lead.existingAccountId)
  const topic = lead.topic === undefined ? '' : lead.topic.trim().toLowerCase().replace(/\s+/g, ' ')
  for (const opportunity of sources.opportunities ?? []) {
    if (excludeInactive && isInactiveRecord('opportunity', opportunity)) continue
    if (opportunity.originatingLeadId === lead.id) opportunities.offer(opportunity, QUALIFICATION_DUPLICATE_RULES.opportunityLead, 1)
    else if (
      topic !== '' &&
      opportunity.accountId !== undefined &&
      accountIds.has(opportunity.accountId) &&
      opportunity.topic.trim().toLowerCase().replace(/\s+/g, ' ') === topic
    ) {
      opportunities.offer(opportunity, QUALIFICATION_DUPLICATE_RULES.opportunityTopic, 1)
    }
  }
  if (opportunities.size > 0) result.opportunities = opportunities.list() as never

  return deepFreezeShallowRecords(result)
}

/** The best (rule, score) per record id, in first-seen order until listed. */
class Best<T extends { readonly id: string }> {
  private readonly found = new Map<string, { record: T; rule: string; score: number }>()
  get size(): number {
    return this.found.size
  }
  offer(record: T, rule: string, score: number): void {
    const current = this.found.get(record.id)
    if (current === undefined || score > current.score) this.found.set(record.id, { record, rule, score })
  }
  ids(): string[] {
    return [...this.found.keys()]
  }
  list(): PotentialDuplicate<T>[] {
    return [...this.found.values()]
      .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
      .map(({ record, rule, score }) => ({ record, rule, score }))
  }
}

/** The records of a list source; an index is searched with `match` instead. */
function toList<T extends { readonly id: string }>(source: readonly T[] | DuplicateIndex<T> | undefined): readonly T[] {
  return source !== undefined && Array.isArray(source) ? (source as readonly T[]) : []
}

function domainsOf(website: string | undefined, email: string | undefined): string[] {
  const out: string[] = []
  const site = website === undefined ? undefined : normalizeWebsite(website)
  if (site !== undefined) out.push(site)
  const domain = email === undefined ? undefined : emailDomain(email)
  if (domain !== undefined && !isFreeMailDomain(domain) && !out.includes(domain)) out.push(domain)
  return out
}

/** The lower of the two name-part similarities, trying first/last swapped too; 0 when a part is missing. */
function similarName(
  names: NameComparer,
  first: PreparedNamePart | undefined,
  last: PreparedNamePart | undefined,
  otherFirst: PreparedNamePart | undefined,
  otherLast: PreparedNamePart | undefined,
): number {
  if (last === undefined || otherLast === undefined) return 0
  const surname = names.surname(last, otherLast).similarity
  const given = first === undefined || otherFirst === undefined ? 0 : names.given(first, otherFirst).similarity
  let best = first === undefined || otherFirst === undefined ? 0 : Math.min(surname, given)
  if (first !== undefined && otherFirst !== undefined) {
    const swapped = Math.min(names.surname(first, otherLast).similarity, names.given(last, otherFirst).similarity)
    if (swapped > best) best = swapped
  }
  return best
}

/** Freezes the result lists without freezing the caller's records inside them. */
function deepFreezeShallowRecords<T extends object>(result: T): T {
  for (const list of Object.values(result) as PotentialDuplicate<unknown>[][]) {
    for (const item of list) Object.freeze(item)
    Object.freeze(list)
  }
  return Object.freeze(result)
}
