import { isSupportedCountry } from 'libphonenumber-js/min'
import type { IssuePath } from '../../errors.js'
import { isFreeMailDomain } from '../../internal/freeMailDomains.js'
import { formatPath, type InputReader } from '../../internal/validate.js'
import { createScoredComparator, readScoredMatcherOptions } from './scoredMatcher.js'
import { emailDomain, normalizeEmail } from '../normalizeEmail.js'
import { normalizePersonName } from '../normalizePersonName.js'
import { normalizeWebsite } from '../normalizeWebsite.js'
import type { FieldComparison, FuzzyComparisonResult, JsonValue, RuleOptions } from '../types.js'
import { freezeResult } from './freezeResult.js'
import { compareNormalizedCompanies, NameComparer, type PartSimilarity, type PreparedNamePart } from './nameComparer.js'
import { readField } from './readField.js'
import type { ComparatorDefinition, NormalizerDefinition, PreparedComparator, ReadOptions } from './ruleDefinitions.js'
import type { RuleMemos } from './ruleMemos.js'

// ---------------------------------------------------------------------------------------------------------------
// Reading options: every key known, every value checked, defaults filled in, so a stored rule says exactly what runs.

type OptionReader = (reader: InputReader, value: unknown, path: IssuePath) => JsonValue | undefined

interface OptionSpec {
  readonly read: OptionReader
  /** Filled in when the key is absent; absent keys without a default stay absent. */
  readonly fallback?: JsonValue
}

function optionsReader(what: string, spec: Readonly<Record<string, OptionSpec>>): ReadOptions {
  const keys = Object.keys(spec)
  return (reader, input, path) => {
    const given = input === undefined ? {} : reader.object(input, path)
    if (given === undefined) return undefined
    const before = reader.issues.length
    reader.knownKeys(given, keys, path, what)
    const out: Record<string, JsonValue> = {}
    for (const key of keys) {
      const entry = spec[key] as OptionSpec
      const value = given[key] === undefined ? undefined : entry.read(reader, given[key], [...path, key])
      if (value !== undefined) out[key] = value
      else if (given[key] === undefined && entry.fallback !== undefined) out[key] = entry.fallback
    }
    return reader.issues.length === before ? Object.freeze(out) : undefined
  }
}

const flag = (fallback: boolean): OptionSpec => ({ read: (reader, value, path) => reader.boolean(value, path), fallback })
const share = (fallback: number): OptionSpec => ({ read: (reader, value, path) => reader.number(value, path, { min: 0, max: 1 }), fallback })

const region: OptionSpec = {
  read: (reader, value, path) => {
    const text = reader.string(value, path, { max: 2 })
    if (text === undefined) return undefined
    const upper = text.toUpperCase()
    if (!isSupportedCountry(upper)) {
      return reader.add('invalid_value', path, `${formatPath(path)} must be an ISO 3166 country code with a phone numbering plan, like "US" or "GB" (got "${text}")`)
    }
    return upper
  },
}

const nicknameTable: OptionSpec = {
  read: (reader, value, path) => {
    const list = reader.array(value, path)
    if (list === undefined) return undefined
    const before = reader.issues.length
    const table = list.map((entry, i) => {
      const names = reader.array(entry, [...path, i])
      if (names !== undefined && names.length === 0) reader.add('invalid_value', [...path, i], `${formatPath([...path, i])} must list a formal name first, then its short forms`)
      return Object.freeze((names ?? []).map((name, j) => reader.string(name, [...path, i, j], { required: true, max: 100 }) ?? ''))
    })
    return reader.issues.length === before ? Object.freeze(table) : undefined
  },
}

const noOptions = (what: string): ReadOptions => optionsReader(what, {})

// ---------------------------------------------------------------------------------------------------------------
// Normalisers of keyed rules.

/** The normalisers every registry knows, by name. */
export const BUILT_IN_NORMALIZERS: Readonly<Record<string, NormalizerDefinition>> = Object.freeze({
  email: {
    method: 'email',
    readOptions: optionsReader('the email normaliser\'s options', { stripPlusTag: flag(false), gmailDots: flag(false) }),
    create: (options) => {
      const emailOptions = { stripPlusTag: options.stripPlusTag === true, gmailDots: options.gmailDots === true }
      return (value) => normalizeEmail(value, emailOptions)
    },
  },
  phone: {
    method: 'e164',
    readOptions: optionsReader('the phone normaliser\'s options', { defaultRegion: region }),
    create: (options, memos) => {
      const defaultRegion = typeof options.defaultRegion === 'string' ? options.defaultRegion : undefined
      return (value) => memos.phone(value, defaultRegion)
    },
  },
  website: {
    method: 'domain',
    readOptions: noOptions('the website normaliser\'s options'),
    create: () => normalizeWebsite,
  },
  'company-name': {
    method: 'exact',
    readOptions: noOptions('the company-name normaliser\'s options'),
    create: (_options, memos) => (value) => {
      const name = memos.companyName(value)
      return name === '' ? undefined : name
    },
  },
  'person-name': {
    method: 'exact',
    readOptions: optionsReader('the person-name normaliser\'s options', { joinParts: flag(false) }),
    create: (options) => {
      const nameOptions = { joinParts: options.joinParts === true }
      return (value) => {
        const name = normalizePersonName(value, nameOptions)
        return name === '' ? undefined : name
      }
    },
  },
  text: {
    method: 'exact',
    readOptions: optionsReader('the text normaliser\'s options', { caseSensitive: flag(false) }),
    create: (options) => {
      const caseSensitive = options.caseSensitive === true
      return (value) => {
        const text = value.trim()
        if (text === '') return undefined
        return caseSensitive ? text : text.toLowerCase()
      }
    },
  },
})

// ---------------------------------------------------------------------------------------------------------------
// Comparators of fuzzy rules: the product's "similar name" rules and the scored matcher.

/** Options shared by the two lead-name comparators (see `DefaultLeadRuleOptions` for what each does). */
const NAME_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  givenNameThreshold: share(0.88),
  surnameThreshold: share(0.9),
  nicknameSimilarity: share(0.95),
  phoneticSimilarity: share(0.9),
  matchSwappedNames: flag(true),
  swappedNameFactor: share(0.97),
  allowMissingGivenName: flag(true),
  nicknames: nicknameTable,
  replaceBuiltInNicknames: flag(false),
}

interface NameRuleOptions {
  readonly givenNameThreshold: number
  readonly surnameThreshold: number
  readonly matchSwappedNames: boolean
  readonly swappedNameFactor: number
  readonly allowMissingGivenName: boolean
}

interface PreparedLead {
  readonly first: PreparedNamePart | undefined
  readonly last: PreparedNamePart | undefined
  readonly company: string
  /** Email domain, `undefined` when absent or free mail. */
  readonly domain: string | undefined
  readonly rawDomain: string | undefined
  /** The whole address, trimmed and lower-cased, when it is at a business (not free-mail) domain. */
  readonly workEmail: string | undefined
  /** The business email's domain, else the website's domain: the company's domain, as the blocking keys read it. */
  readonly companyDomain: string | undefined
}

/** Whether two leads' names are similar, with the comparisons behind it. */
interface LeadNameComparison {
  readonly isSimilar: boolean
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

/**
 * Whether two leads' work email addresses say they are two people, although their names are alike:
 * - addresses whose local parts differ only by digits (`john.smith@`, `john.smith2@` at one domain): mail systems
 *   number namesakes;
 * - with `spelledNames`, two different personal addresses at one company domain (`john.williams2@` for John Willaims
 *   and `joan.williams@` for Joan Williams): a company gives each person a mailbox, so two mailboxes are two people,
 *   unless the names are the same, a nickname aside (`liz@` and `etaylor@` for Liz and Elizabeth Taylor: aliases).
 *   A role address (`info@`, `sales@`) belongs to a team and says nothing;
 * - with `spelledNames`, two addresses at different domains that each spell their own holder's name (`laura.parker@`
 *   for Laura Parker, `lauren.parker@` for Lauren Parker) when those names differ beyond a nickname. An address
 *   that does not spell its holder's name there (`liz@` for Elizabeth Taylor) may be the same person's, and says
 *   nothing.
 */
function workEmailsTellApart(a: PreparedLead, b: PreparedLead, spelledNames: boolean, names: NameComparer): boolean {
  if (a.workEmail === undefined || b.workEmail === undefined || a.workEmail === b.workEmail) return false
  const localA = localPart(a.workEmail)
  const localB = localPart(b.workEmail)
  const sameDomain = a.domain === b.domain
  if (sameDomain && localA.replace(TRAILING_DIGITS, '') === localB.replace(TRAILING_DIGITS, '')) return true
  if (!spelledNames) return false
  // The same name (a nickname aside) may be one person with two addresses.
  const sameName = () => a.last !== undefined && b.last !== undefined && a.last.folded === b.last.folded && sameGivenName(a, b, names)
  if (sameDomain) {
    if (ROLE_ADDRESSES.has(localA.replace(NOT_LETTER, '')) || ROLE_ADDRESSES.has(localB.replace(NOT_LETTER, ''))) return false
    return !sameName()
  }
  return spellsName(localA, a) && spellsName(localB, b) && !sameName()
}

/**
 * Local parts of shared role mailboxes, letters only: an address like these belongs to a team, not a person (the
 * compiled SQL of the name rules reads the same list).
 */
export const ROLE_ADDRESSES: ReadonlySet<string> = new Set([
  'info', 'sales', 'contact', 'contactus', 'office', 'admin', 'hello', 'support', 'help', 'enquiries', 'enquiry',
  'inquiries', 'inquiry', 'team', 'marketing', 'hr', 'jobs', 'careers', 'billing', 'accounts', 'finance', 'mail',
  'webmaster', 'noreply', 'reception', 'service', 'customerservice', 'orders', 'general',
])

const TRAILING_DIGITS = /\d+$/
const NOT_LETTER = /[^a-z]/g

function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf('@'))
}

/** Whether an address's local part is its holder's name: first and last name (either order), or initial and last. */
function spellsName(local: string, lead: PreparedLead): boolean {
  if (lead.first === undefined || lead.last === undefined) return false
  const letters = local.replace(NOT_LETTER, '')
  const first = lead.first.folded
  const last = lead.last.folded
  return letters === first + last || letters === last + first || letters === (first[0] ?? '') + last
}

function sameGivenName(a: PreparedLead, b: PreparedLead, names: NameComparer): boolean {
  if (a.first === undefined || b.first === undefined) return a.first === b.first
  const method = names.given(a.first, b.first).method
  return method === 'exact' || method === 'nickname'
}

/** The comparison an email conflict shows in explanations. */
function emailConflict(base: object, matching: object): FieldComparison {
  return { field: 'email', values: [readField(base, 'email'), readField(matching, 'email')], method: 'exact', similarity: 0 }
}

/** The phone fields `separateByPhone` reads, each compared with the same field of the other lead. */
const PERSONAL_PHONE_FIELDS = ['mobilePhone', 'businessPhone'] as const

/**
 * Whether two leads' own phone numbers say they are two people, although their names are alike: both give a number
 * in the same field and the numbers differ once normalised (a number that cannot be read says nothing). Returns the
 * field that differs. Each record's numbers are read once.
 */
function phoneConflicts(memos: RuleMemos, region: string | undefined): (a: object, b: object) => string | undefined {
  const read = new WeakMap<object, readonly (string | undefined)[]>()
  const numbers = (record: object) => {
    let found = read.get(record)
    if (found === undefined) {
      found = PERSONAL_PHONE_FIELDS.map((field) => {
        const raw = readField(record, field)
        return typeof raw === 'string' ? memos.phone(raw, region) : undefined
      })
      read.set(record, found)
    }
    return found
  }
  return (a, b) => {
    const x = numbers(a)
    const y = numbers(b)
    for (let i = 0; i < PERSONAL_PHONE_FIELDS.length; i += 1) {
      if (x[i] !== undefined && y[i] !== undefined && x[i] !== y[i]) return PERSONAL_PHONE_FIELDS[i]
    }
    return undefined
  }
}

/** The comparison a phone conflict shows in explanations. */
function phoneConflict(base: object, matching: object, field: string): FieldComparison {
  return { field, values: [readField(base, field), readField(matching, field)], method: 'e164', similarity: 0 }
}

const NO_COMPARISONS: readonly FieldComparison[] = Object.freeze([])

/**
 * A decision without its explanation, for the scoring paths (`explain` false), written into one object per
 * comparator: those paths read `isMatch` and `score` at once and keep nothing, and a million-record clustering
 * makes millions of decisions.
 */
interface Decision {
  isMatch: boolean
  score: number
  readonly comparisons: readonly FieldComparison[]
}

function decider(): (isMatch: boolean, score: number) => FuzzyComparisonResult {
  const scratch: Decision = { isMatch: false, score: 0, comparisons: NO_COMPARISONS }
  return (isMatch, score) => {
    scratch.isMatch = isMatch
    scratch.score = score
    return scratch
  }
}

/** Company spellings one {@link LeadNames} remembers similarities to, for one company, at most. */
const COMPANY_PAIRS = 1024

/** The one {@link LeadNames} of a rule set for these name options: the name rules prepare each record once. */
function leadNamesFor(options: RuleOptions, memos: RuleMemos): LeadNames {
  const key = JSON.stringify(Object.keys(NAME_OPTIONS).map((name) => options[name] ?? null))
  return memos.sharedBy(`lead-names:${key}`, () => new LeadNames(options, memos))
}

/** The lead-name part the name comparators share: how each record is prepared, and how two names compare. */
class LeadNames {
  readonly names: NameComparer
  private readonly o: NameRuleOptions
  // Records are compared with many candidates: prepare each once (the cache lets go with the record).
  private readonly prepared = new WeakMap<object, PreparedLead>()

  constructor(
    options: RuleOptions,
    private readonly memos: RuleMemos,
  ) {
    this.names = new NameComparer(
      {
        nicknameSimilarity: options.nicknameSimilarity as number,
        phoneticSimilarity: options.phoneticSimilarity as number,
        ...(options.nicknames === undefined ? {} : { nicknames: options.nicknames as readonly (readonly string[])[] }),
        replaceBuiltInNicknames: options.replaceBuiltInNicknames === true,
      },
      memos,
    )
    this.o = options as unknown as NameRuleOptions
  }

  // The two records prepared last: one record is compared with many candidates in a row, so the base record is
  // nearly always one of them, and a WeakMap lookup per side per comparison is the costliest part of a comparison.
  private newestRecord: object | undefined
  private newestLead: PreparedLead | undefined
  private olderRecord: object | undefined
  private olderLead: PreparedLead | undefined
  // The pair of names compared last: the company and the domain rule compare the same pair one after the other.
  private lastA: PreparedLead | undefined
  private lastB: PreparedLead | undefined
  private lastResult: LeadNameComparison | undefined
  private lastExplained = false

  prepare(record: object): PreparedLead {
    if (record === this.newestRecord) return this.newestLead as PreparedLead
    let lead: PreparedLead
    if (record === this.olderRecord) lead = this.olderLead as PreparedLead
    else lead = this.prepareOnce(record)
    this.olderRecord = this.newestRecord
    this.olderLead = this.newestLead
    this.newestRecord = record
    this.newestLead = lead
    return lead
  }

  private prepareOnce(record: object): PreparedLead {
    let lead = this.prepared.get(record)
    if (lead === undefined) {
      lead = this.read(record)
      this.prepared.set(record, lead)
    }
    return lead
  }

  /** `record` prepared now, remembered by no one: for a caller that keeps preparations itself (see `PreparedComparator`). */
  readonly read = (record: object): PreparedLead => {
    const company = readField(record, 'companyName')
    const email = readField(record, 'email')
    const rawDomain = typeof email === 'string' ? emailDomain(email) : undefined
    const isWork = rawDomain !== undefined && !isFreeMailDomain(rawDomain)
    const website = isWork ? undefined : readField(record, 'website')
    // One object per record, made once: a million-lead clustering prepares a million.
    return {
      first: this.names.prepare(readField(record, 'firstName')),
      last: this.names.prepare(readField(record, 'lastName')),
      company: typeof company === 'string' ? this.memos.companyName(company) : '',
      rawDomain,
      domain: isWork ? rawDomain : undefined,
      workEmail: isWork ? (email as string).trim().toLowerCase() : undefined,
      companyDomain: isWork ? rawDomain : typeof website === 'string' ? normalizeWebsite(website) : undefined,
    }
  }

  // Company similarities from the company compared last: a record is verified against a block of candidates that
  // spell a few companies a few ways, and clustering verifies the records of a block one after another, so the
  // same two spellings are compared again and again (at a million skewed leads, five times each on average).
  private companyFrom = ''
  private readonly companyTo = new Map<string, PartSimilarity | undefined>()

  /** {@link compareNormalizedCompanies}, remembered for the current company (at most {@link COMPANY_PAIRS} others). */
  companies(a: string, b: string): PartSimilarity | undefined {
    if (a === b || a === '' || b === '') return compareNormalizedCompanies(a, b)
    if (a !== this.companyFrom) {
      this.companyFrom = a
      this.companyTo.clear()
    }
    let found = this.companyTo.get(b)
    if (found === undefined) {
      found = compareNormalizedCompanies(a, b)
      if (this.companyTo.size >= COMPANY_PAIRS) this.companyTo.clear()
      this.companyTo.set(b, found)
    }
    return found
  }

  compare(a: PreparedLead, b: PreparedLead, explain = true): LeadNameComparison | undefined {
    if (a === this.lastA && b === this.lastB && (this.lastExplained || !explain)) return this.lastResult
    const result = this.compareNames(a, b, explain)
    this.lastA = a
    this.lastB = b
    this.lastResult = result
    this.lastExplained = explain
    return result
  }

  // The verdict without explanation, rewritten by each such comparison: its callers read it at once and keep nothing.
  private readonly verdict: { isSimilar: boolean; score: number; readonly comparisons: readonly FieldComparison[] } = {
    isSimilar: false,
    score: 0,
    comparisons: NO_COMPARISONS,
  }

  private answer(isSimilar: boolean, score: number): LeadNameComparison {
    this.verdict.isSimilar = isSimilar
    this.verdict.score = score
    return this.verdict
  }

  /** `compareNames` without the explanation, making no object (the path clustering runs millions of times). */
  private similarNames(a: PreparedLead, b: PreparedLead): LeadNameComparison | undefined {
    const o = this.o
    if (a.last === undefined || b.last === undefined) return undefined
    const last = this.names.surnameSimilarity(a.last, b.last)
    if (a.first === undefined || b.first === undefined) {
      if (!o.allowMissingGivenName) return undefined
      return this.answer(last >= o.surnameThreshold, last * 0.9)
    }
    // Surnames that differ rule out the straight reading whatever the given names: then the given names need no
    // comparison, as a non-match's score is not read on this path (see `FuzzyCompare`), and most pairs of a block
    // keyed by a given name's sound are such pairs.
    const first = last >= o.surnameThreshold ? this.names.givenSimilarity(a.first, b.first) : 0
    const isSimilar = first >= o.givenNameThreshold && last >= o.surnameThreshold
    if (isSimilar || !o.matchSwappedNames) return this.answer(isSimilar, (first + last) / 2)
    const ab = this.names.surnameSimilarity(a.first, b.last)
    if (ab < o.givenNameThreshold) return this.answer(false, (first + last) / 2)
    const ba = this.names.surnameSimilarity(a.last, b.first)
    if (ba < o.surnameThreshold) return this.answer(false, (first + last) / 2)
    return this.answer(true, ((ab + ba) / 2) * o.swappedNameFactor)
  }

  private compareNames(a: PreparedLead, b: PreparedLead, explain: boolean): LeadNameComparison | undefined {
    if (!explain) return this.similarNames(a, b)
    const o = this.o
    if (a.last === undefined || b.last === undefined) return undefined
    const last = this.names.surname(a.last, b.last)
    const lastComparison: FieldComparison | undefined = explain
      ? { field: 'lastName', values: [a.last.raw, b.last.raw], method: last.method, similarity: last.similarity }
      : undefined
    if (a.first === undefined || b.first === undefined) {
      if (!o.allowMissingGivenName) return undefined
      return { isSimilar: last.similarity >= o.surnameThreshold, score: last.similarity * 0.9, comparisons: explain ? [lastComparison as FieldComparison] : NO_COMPARISONS }
    }
    const first = this.names.given(a.first, b.first)
    const straight: LeadNameComparison = {
      isSimilar: first.similarity >= o.givenNameThreshold && last.similarity >= o.surnameThreshold,
      score: (first.similarity + last.similarity) / 2,
      comparisons: explain
        ? [{ field: 'firstName', values: [a.first.raw, b.first.raw], method: first.method, similarity: first.similarity }, lastComparison as FieldComparison]
        : NO_COMPARISONS,
    }
    if (straight.isSimilar || !o.matchSwappedNames) return straight
    // Swapped: a's first name against b's last name and the other way round; no nicknames across the two.
    const ab = this.names.surname(a.first, b.last)
    if (ab.similarity < o.givenNameThreshold) return straight
    const ba = this.names.surname(a.last, b.first)
    if (ba.similarity < o.surnameThreshold) return straight
    return {
      isSimilar: true,
      score: ((ab.similarity + ba.similarity) / 2) * o.swappedNameFactor,
      comparisons: explain
        ? [
            { field: 'firstName/lastName', values: [a.first.raw, b.last.raw], method: 'swapped', similarity: ab.similarity },
            { field: 'lastName/firstName', values: [a.last.raw, b.first.raw], method: 'swapped', similarity: ba.similarity },
          ]
        : NO_COMPARISONS,
    }
  }
}

/**
 * A name comparator's decision without its explanation, on two prepared leads (`base` and `matching` are the records,
 * for the phone numbers): what clustering asks millions of times.
 */
type QuickDecision = (a: PreparedLead, b: PreparedLead, base: object, matching: object) => FuzzyComparisonResult | undefined

/**
 * The phone test of the `separateByPhone` option, or `undefined` without it: one per region for the rule set, so a
 * comparator's explained and quick paths, and every rule of the region, read a record's phones once.
 */
function phonesFor(options: RuleOptions, memos: RuleMemos): ((a: object, b: object) => string | undefined) | undefined {
  if (options.separateByPhone !== true) return undefined
  const region = typeof options.phoneRegion === 'string' ? options.phoneRegion : undefined
  return memos.sharedBy(`phone-conflicts:${JSON.stringify(region ?? null)}`, () => phoneConflicts(memos, region))
}

/** Whether two leads with alike names are still two people by their work email or their phones (see the options). */
function separation(options: RuleOptions, memos: RuleMemos, leads: LeadNames): (a: PreparedLead, b: PreparedLead, base: object, matching: object) => boolean {
  const spelledNames = options.separateByWorkEmail === true
  const phones = phonesFor(options, memos)
  return (a, b, base, matching) => workEmailsTellApart(a, b, spelledNames, leads.names) || phones?.(base, matching) !== undefined
}

function nameAndCompanyDecision(options: RuleOptions, memos: RuleMemos): QuickDecision {
  const leads = leadNamesFor(options, memos)
  const companyThreshold = options.companyThreshold as number
  const apart = separation(options, memos, leads)
  const decision = decider()
  return (a, b, base, matching) => {
    const company = leads.companies(a.company, b.company)
    if (company === undefined || a.last === undefined || b.last === undefined) return undefined
    if (company.similarity < companyThreshold) return decision(false, company.similarity / 2)
    const names = leads.compare(a, b, false)
    if (names === undefined) return undefined
    return decision(names.isSimilar && !apart(a, b, base, matching), (names.score + company.similarity) / 2)
  }
}

function nameAndDomainDecision(options: RuleOptions, memos: RuleMemos): QuickDecision {
  const leads = leadNamesFor(options, memos)
  const apart = separation(options, memos, leads)
  const decision = decider()
  return (a, b, base, matching) => {
    if (a.companyDomain === undefined || b.companyDomain === undefined) return undefined
    if (a.companyDomain !== b.companyDomain) return decision(false, 0)
    const names = leads.compare(a, b, false)
    if (names === undefined) return undefined
    return decision(names.isSimilar && !apart(a, b, base, matching), (names.score + 1) / 2)
  }
}

function nameDecision(options: RuleOptions, memos: RuleMemos): QuickDecision {
  const leads = leadNamesFor(options, memos)
  const decision = decider()
  return (a, b) => {
    const names = leads.compare(a, b, false)
    return names === undefined ? undefined : decision(names.isSimilar, names.score)
  }
}

/** A name comparator in two halves: the rule set's one preparation of a lead, and the decision on two. */
function halves(leads: LeadNames, quick: QuickDecision): PreparedComparator {
  return {
    prepare: leads.read,
    score: (a, b, base, matching) => {
      const result = quick(a as PreparedLead, b as PreparedLead, base, matching)
      return result !== undefined && result.isMatch ? result.score : undefined
    },
  }
}

/** The comparators every registry knows, by name. */
export const BUILT_IN_COMPARATORS: Readonly<Record<string, ComparatorDefinition>> = Object.freeze({
  'lead-name-and-company': {
    readOptions: optionsReader('the lead-name-and-company comparator\'s options', {
      ...NAME_OPTIONS,
      companyThreshold: share(0.88),
      separateByWorkEmail: flag(false),
      separateByPhone: flag(false),
      phoneRegion: region,
    }),
    createPrepared: (options, memos) => halves(leadNamesFor(options, memos), nameAndCompanyDecision(options, memos)),
    create: (options, memos) => {
      const leads = leadNamesFor(options, memos)
      const companyThreshold = options.companyThreshold as number
      const spelledNames = options.separateByWorkEmail === true
      const phones = phonesFor(options, memos)
      const quick = nameAndCompanyDecision(options, memos)
      return (base, matching, explain = true): FuzzyComparisonResult | undefined => {
        const a = leads.prepare(base)
        const b = leads.prepare(matching)
        if (!explain) return quick(a, b, base, matching)
        const company = leads.companies(a.company, b.company)
        if (company === undefined || a.last === undefined || b.last === undefined) return undefined
        const companyComparison: FieldComparison = {
          field: 'companyName',
          values: [readField(base, 'companyName'), readField(matching, 'companyName')],
          method: company.method,
          similarity: company.similarity,
        }
        // The company is the cheaper half: when it already fails, the names need not be compared.
        if (company.similarity < companyThreshold) return freezeResult({ isMatch: false, score: company.similarity / 2, comparisons: [companyComparison] })
        const names = leads.compare(a, b)
        if (names === undefined) return undefined
        // Alike names at one company, each with a work address or a phone number of their own, are two people
        // (namesakes).
        const emailApart = names.isSimilar && workEmailsTellApart(a, b, spelledNames, leads.names)
        const phoneApart = names.isSimilar && !emailApart ? phones?.(base, matching) : undefined
        const comparisons = [...names.comparisons, companyComparison]
        if (emailApart) comparisons.push(emailConflict(base, matching))
        if (phoneApart !== undefined) comparisons.push(phoneConflict(base, matching, phoneApart))
        return freezeResult({
          isMatch: names.isSimilar && !emailApart && phoneApart === undefined,
          score: (names.score + company.similarity) / 2,
          comparisons,
        })
      }
    },
  },
  'lead-name-and-email-domain': {
    readOptions: optionsReader('the lead-name-and-email-domain comparator\'s options', {
      ...NAME_OPTIONS,
      separateByWorkEmail: flag(false),
      separateByPhone: flag(false),
      phoneRegion: region,
    }),
    createPrepared: (options, memos) => halves(leadNamesFor(options, memos), nameAndDomainDecision(options, memos)),
    create: (options, memos) => {
      const leads = leadNamesFor(options, memos)
      const spelledNames = options.separateByWorkEmail === true
      const phones = phonesFor(options, memos)
      const quick = nameAndDomainDecision(options, memos)
      return (base, matching, explain = true): FuzzyComparisonResult | undefined => {
        const a = leads.prepare(base)
        const b = leads.prepare(matching)
        if (!explain) return quick(a, b, base, matching)
        // A free-mail domain says nothing about the company: a lead without a business email or a website cannot
        // match under this rule.
        if (a.companyDomain === undefined || b.companyDomain === undefined) return undefined
        const domainComparison: FieldComparison = {
          field: a.domain !== undefined && b.domain !== undefined ? 'email' : 'email/website',
          values: [a.companyDomain, b.companyDomain],
          method: 'domain',
          similarity: a.companyDomain === b.companyDomain ? 1 : 0,
        }
        if (a.companyDomain !== b.companyDomain) return freezeResult({ isMatch: false, score: 0, comparisons: [domainComparison] })
        const names = leads.compare(a, b)
        if (names === undefined) return undefined
        // john.smith@ and john.smith2@: the mail system numbered a second John Smith; laura.parker@ and
        // lauren.parker@ are two people's own addresses.
        const emailApart = names.isSimilar && workEmailsTellApart(a, b, spelledNames, leads.names)
        const phoneApart = names.isSimilar && !emailApart ? phones?.(base, matching) : undefined
        const comparisons = [...names.comparisons, domainComparison]
        if (emailApart) comparisons.push(emailConflict(base, matching))
        if (phoneApart !== undefined) comparisons.push(phoneConflict(base, matching, phoneApart))
        return freezeResult({ isMatch: names.isSimilar && !emailApart && phoneApart === undefined, score: (names.score + 1) / 2, comparisons })
      }
    },
  },
  'lead-name': {
    readOptions: optionsReader('the lead-name comparator\'s options', NAME_OPTIONS),
    createPrepared: (options, memos) => halves(leadNamesFor(options, memos), nameDecision(options, memos)),
    create: (options, memos) => {
      const leads = leadNamesFor(options, memos)
      const quick = nameDecision(options, memos)
      return (base, matching, explain = true): FuzzyComparisonResult | undefined => {
        const a = leads.prepare(base)
        const b = leads.prepare(matching)
        if (!explain) return quick(a, b, base, matching)
        const names = leads.compare(a, b)
        if (names === undefined) return undefined
        return freezeResult({ isMatch: names.isSimilar, score: names.score, comparisons: [...names.comparisons] })
      }
    },
  },
  scored: {
    readOptions: readScoredMatcherOptions,
    create: (options) => createScoredComparator(options),
  },
})
