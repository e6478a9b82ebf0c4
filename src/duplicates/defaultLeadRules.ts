import { trustedRule } from './internal/parsedRule.js'
import type { NicknameTable } from './nicknames.js'
import type { NormalizeEmailOptions } from './normalizeEmail.js'
import { parseDuplicateRules } from './parseDuplicateRule.js'
import type { AnyDuplicateRule } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

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
  /**
   * An email address or phone number carried by more leads than this identifies nobody — a company's switchboard,
   * `info@`, a junk value typed into thousands of forms — and matches nothing under the same-email and same-phone
   * rules (the name rules still compare those leads). Default 10.
   */
  readonly maxSharedBy?: number
  /**
   * Two leads with the same phone number are duplicates only when their names are not unlike (or a name is
   * missing): one small company's switchboard does not make its people one person. Default true. (An email address
   * is personal enough to stand alone, as in the product's rule; `maxSharedBy` takes care of `info@` and junk.)
   */
  readonly confirmByName?: boolean
  /**
   * Alike names are two people when each lead has a work address that spells its own holder's name and the names
   * differ beyond a nickname (`laura.parker@` and `lauren.parker@` at one company): a large company has people with
   * alike names, each with an address of their own. Default true. (Whatever this says, `john.smith@` and
   * `john.smith2@` are two people: mail systems number namesakes.)
   */
  readonly separateByWorkEmail?: boolean
  /**
   * Alike names at one company are two people when both leads give a mobile phone, or both a business phone, and
   * the numbers differ (numbers that cannot be read say nothing): a big company has namesakes, each with a number of
   * their own. Default true.
   */
  readonly separateByPhone?: boolean
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
  maxSharedBy: 10,
  confirmByName: true,
  separateByWorkEmail: true,
  separateByPhone: true,
})

type Resolved = typeof DEFAULT_LEAD_RULE_OPTIONS & DefaultLeadRuleOptions

/**
 * Builds the product's default duplicate-lead rules, with tunable thresholds, as plain JSON rules:
 * 1. same email address (keyed: the `email` normaliser);
 * 2. same phone number (keyed: the `phone` normaliser on the business or mobile phone, any format on either side);
 * 3. similar lead name and similar company name (fuzzy: the `lead-name-and-company` comparator);
 * 4. similar lead name and the same email domain, where free-mail domains never count (fuzzy:
 *    `lead-name-and-email-domain`).
 *
 * "Similar name" covers typos (Jaro-Winkler), nicknames (Bob ~ Robert), names that sound alike (Metaphone:
 * Murphy ~ Merphy) and swapped first and last names; "similar company" covers case, punctuation, legal suffixes
 * (Contoso Ltd ~ CONTOSO Limited) and small typos. Every threshold is written into the rules' options, so
 * `JSON.stringify(rules)` shows exactly what runs and `parseDuplicateRules(JSON.parse(...))` gives the same rules.
 *
 * @example
 * const rules = createDefaultLeadRules({ defaultRegion: 'US', companyThreshold: 0.9 })
 * rules.map((rule) => rule.kind) //=> ['keyed', 'keyed', 'fuzzy', 'fuzzy']
 */
export function createDefaultLeadRules(options?: DefaultLeadRuleOptions): readonly AnyDuplicateRule[] {
  try {
    return createDefaultLeadRulesUnguarded(options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function createDefaultLeadRulesUnguarded(options?: DefaultLeadRuleOptions): readonly AnyDuplicateRule[] {
  return parseDuplicateRules(defaultRulesJson({ ...DEFAULT_LEAD_RULE_OPTIONS, ...dropUndefined(options ?? {}) } as Resolved))
}

/** The four rules as complete JSON (every field the parser would fill in is written out). */
function defaultRulesJson(o: Resolved): AnyDuplicateRule[] {
  const head = { baseEntity: 'lead', matchingEntity: 'lead', excludeInactiveMatchingRecords: o.excludeInactiveMatchingRecords, published: true } as const
  const names = {
    givenNameThreshold: o.givenNameThreshold,
    surnameThreshold: o.surnameThreshold,
    nicknameSimilarity: o.nicknameSimilarity,
    phoneticSimilarity: o.phoneticSimilarity,
    matchSwappedNames: o.matchSwappedNames,
    swappedNameFactor: o.swappedNameFactor,
    allowMissingGivenName: o.allowMissingGivenName,
    ...(o.nicknames === undefined ? {} : { nicknames: o.nicknames }),
    replaceBuiltInNicknames: o.replaceBuiltInNicknames ?? false,
  }
  const phones = ['businessPhone', 'mobilePhone']
  const confirm = o.confirmByName ? { confirm: { comparator: 'lead-name', options: names } } : {}
  return [
    {
      kind: 'keyed',
      name: DEFAULT_LEAD_RULE_NAMES.sameEmail,
      ...head,
      baseFields: ['email'],
      matchingFields: ['email'],
      normalizer: 'email',
      normalizerOptions: { stripPlusTag: o.email?.stripPlusTag ?? false, gmailDots: o.email?.gmailDots ?? false },
      method: 'email',
      maxSharedBy: o.maxSharedBy,
    },
    {
      kind: 'keyed',
      name: DEFAULT_LEAD_RULE_NAMES.samePhone,
      ...head,
      baseFields: phones,
      matchingFields: phones,
      normalizer: 'phone',
      ...(o.defaultRegion === undefined ? {} : { normalizerOptions: { defaultRegion: o.defaultRegion } }),
      method: 'e164',
      maxSharedBy: o.maxSharedBy,
      ...confirm,
    },
    {
      kind: 'fuzzy',
      name: DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany,
      ...head,
      comparator: 'lead-name-and-company',
      options: {
        ...names,
        companyThreshold: o.companyThreshold,
        separateByWorkEmail: o.separateByWorkEmail,
        separateByPhone: o.separateByPhone,
        ...(o.defaultRegion === undefined ? {} : { phoneRegion: o.defaultRegion }),
      },
    },
    {
      kind: 'fuzzy',
      name: DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain,
      ...head,
      comparator: 'lead-name-and-email-domain',
      options: {
        ...names,
        separateByWorkEmail: o.separateByWorkEmail,
        separateByPhone: o.separateByPhone,
        ...(o.defaultRegion === undefined ? {} : { phoneRegion: o.defaultRegion }),
      },
    },
  ]
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key]
  return out
}

/**
 * The product's default duplicate-lead rules with their default thresholds (see {@link createDefaultLeadRules}):
 * four frozen JSON objects, written out rather than parsed at import (a test checks they equal what the parser
 * makes of their JSON).
 *
 * @example
 * DEFAULT_LEAD_DUPLICATE_RULES.map((rule) => rule.name)[0] //=> 'Leads with the same email address'
 */
export const DEFAULT_LEAD_DUPLICATE_RULES: readonly AnyDuplicateRule[] = Object.freeze(
  defaultRulesJson(DEFAULT_LEAD_RULE_OPTIONS as Resolved).map(trustedRule),
)
