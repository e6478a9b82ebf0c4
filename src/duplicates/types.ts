/**
 * Types of the duplicate-detection engine: Dataverse-style matchcode rules, computed matchcode rules (the product's
 * "same email" and "same phone" rules), fuzzy rules, and the explainable matches they produce.
 */
import type { Account, Contact, Lead, Opportunity } from '../records/types.js'

/**
 * The record types a duplicate-detection rule can compare.
 *
 * @example
 * const entity: DuplicateEntity = 'contact'
 */
export type DuplicateEntity = 'lead' | 'account' | 'contact' | 'opportunity'

/**
 * Which side of a rule a record is on: the record being checked (`base`) or a possible duplicate (`matching`).
 *
 * @example
 * matchcode(lead, rule, 'base' satisfies RecordSide)
 */
export type RecordSide = 'base' | 'matching'

/**
 * A condition operator of a Dataverse duplicate-detection rule: Exact Match, Same First Characters (N),
 * Same Last Characters (N), Same Date, Same Date and Time, and an exact pick-list match.
 *
 * @example
 * const operator: ConditionOperator = 'same-first-characters'
 */
export type ConditionOperator =
  | 'exact'
  | 'same-first-characters'
  | 'same-last-characters'
  | 'same-date'
  | 'same-date-time'
  | 'picklist-exact'

/**
 * One condition of a rule: a field of the base record compared with a field of the matching record.
 *
 * @example
 * const condition: DuplicateRuleCondition = {
 *   baseField: 'lastName', matchingField: 'lastName', operator: 'same-first-characters', characters: 3, ignoreBlankValues: true,
 * }
 */
export interface DuplicateRuleCondition {
  /** Path of the field on the base record, e.g. `email` or `address.city`. */
  readonly baseField: string
  /** Path of the field on the matching record. */
  readonly matchingField: string
  readonly operator: ConditionOperator
  /** N of Same First/Last Characters; absent for other operators. */
  readonly characters?: number
  /** Blank values never match (a rule with a single condition always ignores blanks). */
  readonly ignoreBlankValues: boolean
}

/**
 * A Dataverse duplicate-detection rule, as `parseDuplicateRule` returns it. Conditions are AND-ed; two records
 * match when their matchcodes are equal.
 *
 * @example
 * const rule = parseDuplicateRule({
 *   name: 'Leads with the same email', baseEntity: 'lead', matchingEntity: 'lead',
 *   conditions: [{ baseField: 'email', operator: 'exact' }],
 * })
 * rule.kind //=> 'matchcode'
 */
export interface DuplicateRule {
  readonly kind: 'matchcode'
  readonly name: string
  readonly baseEntity: DuplicateEntity
  readonly matchingEntity: DuplicateEntity
  readonly conditions: readonly DuplicateRuleCondition[]
  readonly caseSensitive: boolean
  readonly excludeInactiveMatchingRecords: boolean
  /** Only published rules run. */
  readonly published: boolean
}

/**
 * How two values were compared, for explanations.
 *
 * @example
 * findDuplicates(lead, others)[0]?.comparisons[0]?.method //=> 'nickname'
 */
export type ComparisonMethod =
  | 'exact'
  | 'same-first-characters'
  | 'same-last-characters'
  | 'same-date'
  | 'same-date-time'
  | 'picklist-exact'
  | 'email'
  | 'e164'
  | 'domain'
  | 'jaro-winkler'
  | 'levenshtein'
  | 'token'
  | 'nickname'
  | 'phonetic'
  | 'initial'
  | 'swapped'
  | 'date'

/**
 * One field comparison behind a match: the two values, how they were compared and how similar they are (0–1).
 *
 * @example
 * const comparison: FieldComparison = { field: 'firstName', values: ['Bob', 'Robert'], method: 'nickname', similarity: 0.95 }
 */
export interface FieldComparison {
  readonly field: string
  readonly values: readonly [unknown, unknown]
  readonly method: ComparisonMethod
  readonly similarity: number
}

/**
 * A JSON value: what rule options are made of, so that every rule can be written, stored and read back as JSON.
 *
 * @example
 * const value: JsonValue = { thresholds: [0.88, 0.9], strict: true, region: null }
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/**
 * The options of a rule's normaliser or comparator: a JSON object.
 *
 * @example
 * const options: RuleOptions = { defaultRegion: 'US' }
 */
export type RuleOptions = { readonly [key: string]: JsonValue }

/**
 * A matchcode rule whose codes are computed: each listed field is normalised by a named normaliser (email, E.164
 * phone, …) and two records match when any code of one equals any code of the other (so "business or mobile phone"
 * is one rule). Plain JSON: the normaliser is named, not a function; see {@link createDuplicateRuleRegistry} for
 * the built-in names and for registering your own.
 *
 * @example
 * const samePhone: KeyedDuplicateRule = {
 *   kind: 'keyed', name: 'Leads with the same phone number', baseEntity: 'lead', matchingEntity: 'lead',
 *   baseFields: ['businessPhone', 'mobilePhone'], matchingFields: ['businessPhone', 'mobilePhone'],
 *   normalizer: 'phone', normalizerOptions: { defaultRegion: 'US' }, method: 'e164',
 *   excludeInactiveMatchingRecords: true, published: true,
 * }
 */
export interface KeyedDuplicateRule {
  readonly kind: 'keyed'
  readonly name: string
  readonly baseEntity: DuplicateEntity
  readonly matchingEntity: DuplicateEntity
  /** Fields of the base record whose normalised values are its matchcodes. */
  readonly baseFields: readonly string[]
  /** Fields of the matching record whose normalised values are its matchcodes. */
  readonly matchingFields: readonly string[]
  /**
   * The normaliser that turns a raw field value into its matchcode, or into nothing when the value cannot match
   * (blank, unparseable): `email`, `phone`, `website`, `company-name`, `person-name`, `text`, or a registered name.
   */
  readonly normalizer: string
  /** The normaliser's options, e.g. `{ defaultRegion: 'US' }` for `phone`; absent when it takes none. */
  readonly normalizerOptions?: RuleOptions
  /** The method shown in explanations, e.g. `email` or `e164`. */
  readonly method: ComparisonMethod
  /**
   * A code carried by more than this many of the records searched identifies nobody — a switchboard number, an
   * `info@` address, a junk value on thousands of leads — and matches nothing under this rule. Absent: every code
   * identifies (Dataverse's semantics, which matchcode rules always keep).
   */
  readonly maxSharedBy?: number
  /**
   * A comparator an equal code must not contradict: the pair matches unless the comparator, able to compare it,
   * says no — so a small company's one switchboard number or `info@` address does not make its different people
   * duplicates. The default rules confirm with `lead-name` (the two leads' names must not be unlike).
   */
  readonly confirm?: { readonly comparator: string; readonly options?: RuleOptions }
  readonly excludeInactiveMatchingRecords: boolean
  readonly published: boolean
}

/**
 * What a fuzzy rule says about one pair of records.
 *
 * @example
 * const result: FuzzyComparisonResult = { isMatch: true, score: 0.98, comparisons: [] }
 */
export interface FuzzyComparisonResult {
  readonly isMatch: boolean
  /** 0–1, higher is more alike. */
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

/**
 * A rule that compares two records by similarity rather than equal matchcodes (similar name and similar company,
 * a scored matcher, …). Plain JSON: the comparator is named and configured by `options`; see
 * {@link createDuplicateRuleRegistry} for the built-in comparators and for registering your own.
 *
 * @example
 * const rule: FuzzyDuplicateRule = createScoredMatcher({ fields: [{ field: 'lastName', comparator: 'jaro-winkler' }], threshold: 0.9 }).asRule('Similar surname')
 * rule.comparator //=> 'scored'
 */
export interface FuzzyDuplicateRule {
  readonly kind: 'fuzzy'
  readonly name: string
  readonly baseEntity: DuplicateEntity
  readonly matchingEntity: DuplicateEntity
  readonly excludeInactiveMatchingRecords: boolean
  readonly published: boolean
  /** `lead-name-and-company`, `lead-name-and-email-domain`, `scored`, or a registered name. */
  readonly comparator: string
  /** The comparator's options (thresholds, fields, …), completed with their defaults by the parser. */
  readonly options?: RuleOptions
}

/**
 * Any rule {@link findDuplicates} runs.
 *
 * @example
 * const rules: AnyDuplicateRule[] = [...DEFAULT_LEAD_DUPLICATE_RULES, parseDuplicateRule(myRule)]
 */
export type AnyDuplicateRule = DuplicateRule | KeyedDuplicateRule | FuzzyDuplicateRule

/**
 * A record duplicate detection can look at: any object with an `id`.
 *
 * @example
 * const record: IdentifiedRecord = { id: 'lead-1' }
 */
export interface IdentifiedRecord {
  readonly id: string
}

/**
 * A possible duplicate found by {@link findDuplicates}, with the rule that fired and why.
 *
 * @example
 * const match: DuplicateMatch<Lead> = {
 *   record: lead2, rule: 'Leads with the same email address', rules: ['Leads with the same email address'],
 *   kind: 'matchcode', score: 1,
 *   comparisons: [{ field: 'email', values: ['Bob@contoso.com', 'bob@contoso.com'], method: 'email', similarity: 1 }],
 * }
 */
export interface DuplicateMatch<R extends IdentifiedRecord = IdentifiedRecord> {
  /** The candidate that matched. */
  readonly record: R
  /** Name of the best-scoring rule that fired. */
  readonly rule: string
  /** Names of every rule that fired for this candidate, best first. */
  readonly rules: readonly string[]
  readonly kind: 'matchcode' | 'fuzzy'
  /** 0–1: 1 for a matchcode match, the rule's score for a fuzzy one. */
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

/**
 * A record that may be a duplicate, as the host or the duplicates module found it.
 *
 * @example
 * const match: PotentialDuplicate<Account> = { record: account, rule: 'Accounts with the same name', score: 1 }
 */
export interface PotentialDuplicate<T> {
  readonly record: T
  /** The name of the duplicate-detection rule that matched. */
  readonly rule?: string
  /** How close the match is, 0–1. */
  readonly score?: number
}

/**
 * Possible duplicates of the lead and of the records qualification would create.
 *
 * @example
 * const duplicates: QualificationDuplicates = { accounts: [{ record: contoso }] }
 */
export interface QualificationDuplicates {
  readonly accounts?: readonly PotentialDuplicate<Account>[]
  readonly contacts?: readonly PotentialDuplicate<Contact>[]
  readonly leads?: readonly PotentialDuplicate<Lead>[]
  readonly opportunities?: readonly PotentialDuplicate<Opportunity>[]
}
