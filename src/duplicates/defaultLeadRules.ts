import { compareGivenNames, compareNormalizedCompanies, compareSurnames, prepareNamePart, type PreparedNamePart } from './compareNames.js'
import { isFreeMailDomain } from '../internal/freeMailDomains.js'
import { freezeResult } from './internal/freezeResult.js'
import type { NicknameTable } from './nicknames.js'
import { normalizeCompanyName } from './normalizeCompanyName.js'
import { emailDomain, normalizeEmail, type NormalizeEmailOptions } from './normalizeEmail.js'
import { normalizePhone } from './normalizePhone.js'
import { readField } from './internal/readField.js'
import type { AnyDuplicateRule, FieldComparison, FuzzyComparisonResult, FuzzyDuplicateRule, KeyedDuplicateRule } from './types.js'

/**
 * Names of the product's default duplicate-lead rules.
 *
 * @example
 * DEFAULT_LEAD_RULE_NAMES.samePhone //=> 'Leads with the same phone number'
 */
export const DEFAULT_LEAD_RULE_NAMES = Object.freeze({
  sameEmail: 'Leads with the same email address',
  samePhone: 'Leads with the same phone number',
  similarNameAndCompany: 'Leads with a similar name and a similar company name',
  similarNameAndEmailDomain: 'Leads with a similar name and the same email domain',
} as const)

/**
 * Thresholds and switches of the default duplicate-lead rules; every one has a documented default.
 *
 * @example
 * createDefaultLeadRules({ defaultRegion: 'US', givenNameThreshold: 0.9, email: { stripPlusTag: true } })
 */
export interface DefaultLeadRuleOptions {
  /** Least similarity of two given names (after nicknames and phonetics) to call them similar. Default 0.88. */
  readonly givenNameThreshold?: number
  /** Least similarity of two surnames to call them similar. Default 0.9. */
  readonly surnameThreshold?: number
  /** Least similarity of two company names (after {@link normalizeCompanyName}) to call them similar. Default 0.88. */
  readonly companyThreshold?: number
  /** Similarity of nickname-equivalent given names (Bob ~ Robert). Default 0.95. */
  readonly nicknameSimilarity?: number
  /** Least similarity of names with the same Metaphone key (Murphy ~ Merphy); 0 turns it off. Default 0.9. */
  readonly phoneticSimilarity?: number
  /** Also try first ↔ last swapped (Smith John ~ John Smith). Default true. */
  readonly matchSwappedNames?: boolean
  /** Score factor of a swapped-name match, so a straight match ranks first. Default 0.97. */
  readonly swappedNameFactor?: number
  /**
   * When a given name is missing on either side, decide on the surname alone (and the company or domain);
   * the name part of the score is then multiplied by 0.9. Default true.
   */
  readonly allowMissingGivenName?: boolean
  /** Extra nickname entries `[formal, ...shortForms]`. */
  readonly nicknames?: NicknameTable
  readonly replaceBuiltInNicknames?: boolean
  /** Region of phone numbers written without `+`, e.g. `US`. Without it such numbers only match after E.164 input. */
  readonly defaultRegion?: string
  /** Email normalisation (plus tags, Gmail dots); default off. */
  readonly email?: NormalizeEmailOptions
  /** Skip qualified and disqualified leads as matches. Default true: only open leads are duplicates to resolve. */
  readonly excludeInactiveMatchingRecords?: boolean
}

/**
 * The defaults of {@link DefaultLeadRuleOptions}.
 *
 * @example
 * DEFAULT_LEAD_RULE_OPTIONS.companyThreshold //=> 0.88
 */
export const DEFAULT_LEAD_RULE_OPTIONS = Object.freeze({
  givenNameThreshold: 0.88,
  surnameThreshold: 0.9,
  companyThreshold: 0.88,
  nicknameSimilarity: 0.95,
  phoneticSimilarity: 0.9,
  matchSwappedNames: true,
  swappedNameFactor: 0.97,
  allowMissingGivenName: true,
  excludeInactiveMatchingRecords: true,
})

interface PreparedLead {
  readonly first: PreparedNamePart | undefined
  readonly last: PreparedNamePart | undefined
  readonly company: string
  /** Email domain, `undefined` when absent or free mail. */
  readonly domain: string | undefined
  readonly rawDomain: string | undefined
}

/** Whether two leads' names are similar, with the comparisons behind it. */
interface LeadNameComparison {
  readonly isSimilar: boolean
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

type Resolved = typeof DEFAULT_LEAD_RULE_OPTIONS & DefaultLeadRuleOptions

function compareLeadNames(a: PreparedLead, b: PreparedLead, o: Resolved): LeadNameComparison | undefined {
  if (a.last === undefined || b.last === undefined) return undefined
  const last = compareSurnames(a.last, b.last, o)
  const lastComparison: FieldComparison = { field: 'lastName', values: [a.last.raw, b.last.raw], method: last.method, similarity: last.similarity }
  if (a.first === undefined || b.first === undefined) {
    if (!o.allowMissingGivenName) return undefined
    return { isSimilar: last.similarity >= o.surnameThreshold, score: last.similarity * 0.9, comparisons: [lastComparison] }
  }
  const first = compareGivenNames(a.first, b.first, o)
  const straight: LeadNameComparison = {
    isSimilar: first.similarity >= o.givenNameThreshold && last.similarity >= o.surnameThreshold,
    score: (first.similarity + last.similarity) / 2,
    comparisons: [{ field: 'firstName', values: [a.first.raw, b.first.raw], method: first.method, similarity: first.similarity }, lastComparison],
  }
  if (straight.isSimilar || !o.matchSwappedNames) return straight
  // Swapped: a's first name against b's last name and the other way round; no nicknames across the two.
  const ab = compareSurnames(a.first, b.last, o)
  if (ab.similarity < o.givenNameThreshold) return straight
  const ba = compareSurnames(a.last, b.first, o)
  if (ba.similarity < o.surnameThreshold) return straight
  return {
    isSimilar: true,
    score: ((ab.similarity + ba.similarity) / 2) * o.swappedNameFactor,
    comparisons: [
      { field: 'firstName/lastName', values: [a.first.raw, b.last.raw], method: 'swapped', similarity: ab.similarity },
      { field: 'lastName/firstName', values: [a.last.raw, b.first.raw], method: 'swapped', similarity: ba.similarity },
    ],
  }
}

/**
 * Builds the product's default duplicate-lead rules, with tunable thresholds:
 * 1. same email address (matchcode on the normalised address);
 * 2. same phone number (matchcode on E.164 of business or mobile phone, any format on either side);
 * 3. similar lead name and similar company name (fuzzy);
 * 4. similar lead name and the same email domain, where free-mail domains never count (fuzzy).
 *
 * "Similar name" covers typos (Jaro-Winkler), nicknames (Bob ~ Robert), names that sound alike (Metaphone:
 * Murphy ~ Merphy) and swapped first and last names; "similar company" covers case, punctuation, legal suffixes
 * (Contoso Ltd ~ CONTOSO Limited) and small typos.
 *
 * @example
 * const rules = createDefaultLeadRules({ defaultRegion: 'US', companyThreshold: 0.9 })
 * rules.map((rule) => rule.kind) //=> ['keyed', 'keyed', 'fuzzy', 'fuzzy']
 */
export function createDefaultLeadRules(options?: DefaultLeadRuleOptions): readonly AnyDuplicateRule[] {
  const o = { ...DEFAULT_LEAD_RULE_OPTIONS, ...dropUndefined(options ?? {}) } as Resolved
  const emailOptions = o.email
  const region = o.defaultRegion === undefined ? undefined : { defaultRegion: o.defaultRegion }
  const exclude = o.excludeInactiveMatchingRecords

  // Records are compared with many candidates: prepare each once (the cache lets go with the record).
  const prepared = new WeakMap<object, PreparedLead>()
  const prepare = (record: object): PreparedLead => {
    let lead = prepared.get(record)
    if (lead === undefined) {
      const company = readField(record, 'companyName')
      const email = readField(record, 'email')
      const rawDomain = typeof email === 'string' ? emailDomain(email) : undefined
      lead = {
        first: prepareNamePart(readField(record, 'firstName')),
        last: prepareNamePart(readField(record, 'lastName')),
        company: typeof company === 'string' ? normalizeCompanyName(company) : '',
        rawDomain,
        domain: rawDomain === undefined || isFreeMailDomain(rawDomain) ? undefined : rawDomain,
      }
      prepared.set(record, lead)
    }
    return lead
  }

  const sameEmail: KeyedDuplicateRule = {
    kind: 'keyed',
    name: DEFAULT_LEAD_RULE_NAMES.sameEmail,
    baseEntity: 'lead',
    matchingEntity: 'lead',
    baseFields: ['email'],
    matchingFields: ['email'],
    method: 'email',
    normalize: (value) => normalizeEmail(value, emailOptions),
    excludeInactiveMatchingRecords: exclude,
    published: true,
  }
  const samePhone: KeyedDuplicateRule = {
    kind: 'keyed',
    name: DEFAULT_LEAD_RULE_NAMES.samePhone,
    baseEntity: 'lead',
    matchingEntity: 'lead',
    baseFields: ['businessPhone', 'mobilePhone'],
    matchingFields: ['businessPhone', 'mobilePhone'],
    method: 'e164',
    normalize: (value) => normalizePhone(value, region),
    excludeInactiveMatchingRecords: exclude,
    published: true,
  }
  const similarNameAndCompany: FuzzyDuplicateRule = {
    kind: 'fuzzy',
    name: DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany,
    baseEntity: 'lead',
    matchingEntity: 'lead',
    excludeInactiveMatchingRecords: exclude,
    published: true,
    compare: (base, matching): FuzzyComparisonResult | undefined => {
      const a = prepare(base)
      const b = prepare(matching)
      const company = compareNormalizedCompanies(a.company, b.company)
      if (company === undefined || a.last === undefined || b.last === undefined) return undefined
      const companyComparison: FieldComparison = {
        field: 'companyName',
        values: [readField(base, 'companyName'), readField(matching, 'companyName')],
        method: company.method,
        similarity: company.similarity,
      }
      // The company is the cheaper half: when it already fails, the names need not be compared.
      if (company.similarity < o.companyThreshold) return freezeResult({ isMatch: false, score: company.similarity / 2, comparisons: [companyComparison] })
      const names = compareLeadNames(a, b, o)
      if (names === undefined) return undefined
      return freezeResult({
        isMatch: names.isSimilar && company.similarity >= o.companyThreshold,
        score: (names.score + company.similarity) / 2,
        comparisons: [...names.comparisons, companyComparison],
      })
    },
  }
  const similarNameAndEmailDomain: FuzzyDuplicateRule = {
    kind: 'fuzzy',
    name: DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain,
    baseEntity: 'lead',
    matchingEntity: 'lead',
    excludeInactiveMatchingRecords: exclude,
    published: true,
    compare: (base, matching): FuzzyComparisonResult | undefined => {
      const a = prepare(base)
      const b = prepare(matching)
      // A free-mail domain says nothing about the company: such pairs cannot match under this rule.
      if (a.domain === undefined || b.domain === undefined) return undefined
      const domainComparison: FieldComparison = {
        field: 'email',
        values: [a.rawDomain, b.rawDomain],
        method: 'domain',
        similarity: a.domain === b.domain ? 1 : 0,
      }
      if (a.domain !== b.domain) return freezeResult({ isMatch: false, score: 0, comparisons: [domainComparison] })
      const names = compareLeadNames(a, b, o)
      if (names === undefined) return undefined
      return freezeResult({ isMatch: names.isSimilar, score: (names.score + 1) / 2, comparisons: [...names.comparisons, domainComparison] })
    },
  }
  return Object.freeze([sameEmail, samePhone, similarNameAndCompany, similarNameAndEmailDomain].map((rule) => Object.freeze(rule)))
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key]
  return out
}

/**
 * The product's default duplicate-lead rules with their default thresholds (see {@link createDefaultLeadRules}).
 *
 * @example
 * DEFAULT_LEAD_DUPLICATE_RULES.map((rule) => rule.name)[0] //=> 'Leads with the same email address'
 */
export const DEFAULT_LEAD_DUPLICATE_RULES: readonly AnyDuplicateRule[] = createDefaultLeadRules()
