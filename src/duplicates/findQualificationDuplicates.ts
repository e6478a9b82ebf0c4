import { LeadkitError } from '../errors.js'
import { asLeadkitError, requireObject } from '../internal/validate.js'
import { mapLead } from '../mapping/mapLead.js'
import type { MappingSet } from '../mapping/types.js'
import type { Account, Contact, Lead, Opportunity } from '../records/types.js'
import { checkParsedSettings } from '../settings/internal/parsedSettings.js'
import type { QualificationSettings } from '../settings/types.js'
import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { createDefaultLeadRules, DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { compareNormalizedCompanies, NameComparer, type PreparedNamePart } from './internal/nameComparer.js'
import { RuleMemos } from './internal/ruleMemos.js'
import type { DuplicateIndex } from './createDuplicateIndex.js'
import { findDuplicates } from './findDuplicates.js'
import { isFreeMailDomain } from '../internal/freeMailDomains.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import { emailDomain, normalizeEmail } from './normalizeEmail.js'
import { normalizeWebsite } from './normalizeWebsite.js'
import type { AnyDuplicateRule, DuplicateEntity, PotentialDuplicate, QualificationDuplicates } from './types.js'

/** Where {@link findQualificationDuplicates} looks: records, or a duplicate index of them. */
export interface QualificationDuplicateSources {
  readonly accounts?: readonly Account[] | DuplicateIndex<Account>
  readonly contacts?: readonly Contact[] | DuplicateIndex<Contact>
  readonly leads?: readonly Lead[] | DuplicateIndex<Lead>
  readonly opportunities?: readonly Opportunity[]
}

/**
 * Options of {@link findQualificationDuplicates}. The organisation's `settings` decide which rules run, as in
 * Dynamics 365; the `override…` options replace what the settings say for one call (a test, a bulk import that
 * wants every record), and are named so a reader sees the settings are bypassed.
 *
 * @example
 * findQualificationDuplicates(lead, { accounts, contacts, leads }, { settings })
 * findQualificationDuplicates(lead, { accounts }, { settings, overrideExcludeInactiveMatchingRecords: false })
 */
export interface QualificationDuplicateOptions {
  /**
   * The organisation's settings (see `parseQualificationSettings`): for leads, accounts and contacts, the published
   * rules of `duplicateDetection.rules` that match that record type run; where the settings have no rule for a
   * record type, the built-in checks do. Detection off (`duplicateDetection.enabled: false`) finds nothing.
   * `defaultPhoneRegion` is the region of phone numbers written without a country code.
   */
  readonly settings?: QualificationSettings
  /** Run these rules instead of the settings' and the built-in ones (each for the record type it matches). */
  readonly overrideRules?: readonly AnyDuplicateRule[]
  /** Skip (`true`) or keep (`false`) inactive matches whatever each rule says. Default: each rule decides. */
  readonly overrideExcludeInactiveMatchingRecords?: boolean
  /** Region of phone numbers written without a country code, instead of the settings' `defaultPhoneRegion`. */
  readonly overridePhoneRegion?: string
  /** Where the rules' normaliser and comparator names come from (as given to `parseQualificationSettings`). */
  readonly registry?: DuplicateRuleRegistry
  /** The field maps that make the account and contact a lead would become (for rules on accounts and contacts). */
  readonly mappingSet?: MappingSet
  /** Built-in checks: least similarity of each name part for "similar name" (default 0.88). */
  readonly nameThreshold?: number
  /** Built-in checks: least company-name similarity for "similar company" (default 0.92). */
  readonly companyThreshold?: number
}

// Options renamed when the settings' rules started to decide: a caller still passing one would silently get the
// settings' behaviour, so the old names are refused with the new one.
const RENAMED_OPTIONS: Readonly<Record<string, string>> = {
  excludeInactiveMatchingRecords: 'overrideExcludeInactiveMatchingRecords',
  defaultRegion: 'overridePhoneRegion (or settings.defaultPhoneRegion)',
  leadRules: 'overrideRules (or settings.duplicateDetection.rules)',
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
 * context `planQualification` takes.
 *
 * The admin's rules decide, as Dynamics 365 does: for each of leads, accounts and contacts, when
 * `options.settings` holds rules matching that record type, its published ones run — with their own "exclude
 * inactive matching records", case sensitivity and "ignore blank values"; an unpublished rule is off. A rule whose
 * base is an account or a contact compares the account or contact the lead would become (`mapLead`). Where the
 * settings have no rule for a record type, the built-in checks run:
 *
 * - accounts with the same (normalised) company name, a similar one, the same website domain (the lead's website, or
 *   its email domain unless it is a free-mail domain) or the same phone (E.164);
 * - contacts with the same email, a similar name at a similar company (the company is the name of the contact's
 *   `accountId` account, looked up in `sources.accounts`) or the same phone (business or mobile);
 * - duplicate leads, by the default duplicate-lead rules (with the organisation's phone region);
 * - opportunities created from this lead (`originatingLeadId`), or with the lead's topic for the lead's existing
 *   account or a matched account.
 *
 * The built-in checks skip inactive accounts and contacts and closed leads and opportunities. A source given as a
 * duplicate index is searched with the index's own rules (build it with {@link resolveDuplicateRules}). Each record
 * appears once, with its best rule; lists are sorted by score, then id, and absent when empty.
 *
 * @param lead - the lead about to be qualified
 * @param sources - accounts, contacts, leads (arrays or duplicate indexes) and opportunities to search
 * @param options - the organisation's `settings`, explicit overrides, and the built-in checks' thresholds
 * @throws LeadkitError `invalid_type` for settings the parser did not make, `invalid_value` for a renamed option
 * @returns a frozen `QualificationDuplicates` for `planQualification`'s context
 * @example
 * const duplicates = findQualificationDuplicates(lead, { accounts, contacts }, { settings })
 * duplicates.accounts?.[0] //=> { record: contoso, rule: 'Account with the same name', score: 1 }
 * const plan = planQualification(lead, settings, request, { now, duplicates })
 */
export function findQualificationDuplicates(
  lead: Lead,
  sources: QualificationDuplicateSources,
  options: QualificationDuplicateOptions = {},
): QualificationDuplicates {
  try {
    return findQualificationDuplicatesUnguarded(lead, sources, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function findQualificationDuplicatesUnguarded(
  lead: Lead,
  sources: QualificationDuplicateSources,
  options: QualificationDuplicateOptions,
): QualificationDuplicates {
  if (lead === null || typeof lead !== 'object' || typeof lead.id !== 'string') {
    throw new LeadkitError({ code: 'invalid_type', path: ['lead'], message: 'lead must be a lead record with an id' })
  }
  requireObject(sources, ['sources'], 'findQualificationDuplicates')
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const message = 'options must be an object, e.g. { settings }'
    throw new LeadkitError({ code: 'invalid_type', path: ['options'], message })
  }
  if (options.overrideRules !== undefined && !Array.isArray(options.overrideRules)) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: ['options', 'overrideRules'],
      message: 'overrideRules must be an array of duplicate rules (see parseDuplicateRules)',
    })
  }
  for (const key of Object.keys(options)) {
    const renamed = RENAMED_OPTIONS[key]
    if (renamed !== undefined) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: ['options', key],
        message: `options.${key} was renamed ${renamed}: the settings' rules decide unless an override is named`,
      })
    }
  }
  const settings =
    options.settings === undefined ? undefined : checkParsedSettings(options.settings, ['options', 'settings'])
  if (settings !== undefined && !settings.duplicateDetection.enabled) return Object.freeze({})
  const override = options.overrideExcludeInactiveMatchingRecords
  // The built-in checks skip inactive records, as the product's default rules do.
  const excludeInactive = override ?? true
  const rulesFor = (entity: 'lead' | 'account' | 'contact'): readonly AnyDuplicateRule[] | undefined =>
    ruleSetFor(entity, options.overrideRules, settings, override)
  const nameThreshold = options.nameThreshold ?? 0.88
  const companyThreshold = options.companyThreshold ?? 0.92
  // One call compares the lead with every source record: spellings met twice are normalised once.
  const memos = new RuleMemos()
  const names = new NameComparer(undefined, memos)
  const region = (options.overridePhoneRegion ?? settings?.defaultPhoneRegion)?.toUpperCase()
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
  const accountRules = rulesFor('account')
  if (accountRules !== undefined) {
    offerRuleMatches(accounts, 'account', lead, accountList, accountRules, options)
  }
  for (const account of accountRules === undefined ? accountList : []) {
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
      if (override === true && isInactiveRecord('account', match.record)) continue
      accounts.offer(match.record, match.rule, match.score)
    }
  }
  if (accounts.size > 0) result.accounts = accounts.list() as never

  // Contacts: their company is their account's name.
  const accountNames = new Map<string, string>()
  for (const account of accountList) accountNames.set(account.id, companyOf(account.name))
  const contacts = new Best<Contact>()
  const contactRules = rulesFor('contact')
  if (contactRules !== undefined) {
    offerRuleMatches(contacts, 'contact', lead, toList(sources.contacts), contactRules, options)
  }
  for (const contact of contactRules === undefined ? toList(sources.contacts) : []) {
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
      if (override === true && isInactiveRecord('contact', match.record)) continue
      contacts.offer(match.record, match.rule, match.score)
    }
  }
  if (contacts.size > 0) result.contacts = contacts.list() as never

  // Leads: the settings' rules or the default duplicate-lead rules over the list; an index by its own rules.
  const leads = new Best<Lead>()
  if (sources.leads !== undefined && Array.isArray(sources.leads)) {
    const rules = rulesFor('lead') ?? defaultLeadRules(region, override)
    offerRuleMatches(leads, 'lead', lead, sources.leads as readonly Lead[], rules, options)
  } else if (sources.leads !== undefined) {
    for (const match of (sources.leads as DuplicateIndex<Lead>).match(lead)) {
      const other = match.record
      if (other.id === lead.id || (override === true && isInactiveRecord('lead', other))) continue
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

/**
 * The rules that find duplicates of `matching` records: the override's, else the settings' (when they hold any
 * rule for that record type, published or not), each with the inactive override applied; `undefined` when the
 * built-in checks decide.
 */
function ruleSetFor(
  matching: 'lead' | 'account' | 'contact',
  overrideRules: readonly AnyDuplicateRule[] | undefined,
  settings: QualificationSettings | undefined,
  override: boolean | undefined,
): readonly AnyDuplicateRule[] | undefined {
  const source = overrideRules ?? settings?.duplicateDetection.rules ?? []
  const rules = source.filter((rule) => rule.matchingEntity === matching)
  if (rules.length === 0) return overrideRules === undefined ? undefined : rules
  return withInactiveOverride(rules, override)
}

/** The default duplicate-lead rules, with the organisation's phone region and the inactive override. */
function defaultLeadRules(region: string | undefined, override: boolean | undefined): readonly AnyDuplicateRule[] {
  if (region === undefined && override === undefined) return DEFAULT_LEAD_DUPLICATE_RULES
  return createDefaultLeadRules({
    ...(region === undefined ? {} : { defaultRegion: region }),
    ...(override === undefined ? {} : { excludeInactiveMatchingRecords: override }),
  })
}

/** Copies of `rules` with "exclude inactive matching records" set by the caller (the engines re-read copies). */
function withInactiveOverride(
  rules: readonly AnyDuplicateRule[],
  override: boolean | undefined,
): readonly AnyDuplicateRule[] {
  if (override === undefined) return rules
  return rules.map((rule) => ({ ...rule, excludeInactiveMatchingRecords: override }) as AnyDuplicateRule)
}

/**
 * Runs `rules` (all matching `entity`) with the record each rule's base stands for: the lead itself, or the
 * account or contact it would become. Rules on another base (an opportunity) cannot describe a lead and are skipped.
 */
function offerRuleMatches<T extends Lead | Account | Contact>(
  best: Best<T>,
  entity: DuplicateEntity,
  lead: Lead,
  candidates: readonly T[],
  rules: readonly AnyDuplicateRule[],
  options: QualificationDuplicateOptions,
): void {
  if (candidates.length === 0) return
  const others = candidates.filter((candidate) => candidate.id !== lead.id)
  const registry = options.registry === undefined ? {} : { registry: options.registry }
  const findOptions = { matchingEntity: entity, ...registry }
  for (const base of ['lead', 'account', 'contact'] as const) {
    const own = rules.filter((rule) => rule.baseEntity === base)
    if (own.length === 0) continue
    const record = base === 'lead' ? lead : { id: lead.id, ...mapLead(lead, base, options.mappingSet).fields }
    for (const match of findDuplicates(record, others, own, { ...findOptions, baseEntity: base })) {
      best.offer(match.record, match.rule, match.score)
    }
  }
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
