import { LeadkitError } from '../errors.js'
import { InputReader, asLeadkitError } from '../internal/validate.js'
import { asRuleIssues } from './internal/ruleIssues.js'
import { readMatcher, scorer } from './internal/scoredMatcher.js'
import { parseDuplicateRule } from './parseDuplicateRule.js'
import type { DuplicateEntity, FieldComparison, FuzzyDuplicateRule } from './types.js'

/**
 * How a scored matcher compares one field.
 *
 * @example
 * const comparator: ScoredComparator = 'token'
 */
export type ScoredComparator = 'jaro-winkler' | 'levenshtein' | 'token' | 'exact' | 'date'

/**
 * One field of a scored matcher. Give either `weight` (agreement adds it, disagreement subtracts it) or the
 * Fellegi–Sunter probabilities `m` (that the field agrees on a true match) and `u` (that it agrees by chance on a
 * non-match): agreement then adds log2(m/u), disagreement adds log2((1−m)/(1−u)). Neither means `weight: 1`.
 *
 * @example
 * const field: ScoredField = { field: 'address.postalCode', comparator: 'exact', m: 0.9, u: 0.01 }
 */
export interface ScoredField {
  /** Field path: `firstName`, `address.city`, `extra.dateOfBirth`. */
  readonly field: string
  readonly comparator: ScoredComparator
  readonly weight?: number
  readonly m?: number
  readonly u?: number
  /** Similarity at or above which the field fully agrees (defaults: jaro-winkler 0.94, levenshtein 0.9, token 0.9, date 1, exact 1). */
  readonly agree?: number
  /** Similarity at or below which it fully disagrees; in between, the weight is interpolated (defaults: 0.8, 0.6, 0.5, 0.6, 1). */
  readonly disagree?: number
}

/**
 * Options of {@link createScoredMatcher}.
 *
 * @example
 * createScoredMatcher({ fields: [{ field: 'lastName', comparator: 'jaro-winkler', weight: 2 }], threshold: 0.8 })
 */
export interface ScoredMatcherOptions {
  readonly fields: readonly ScoredField[]
  /** Least 0–1 score for a match. */
  readonly threshold: number
  /**
   * Two listed fields that people swap (`['firstName', 'lastName']`): the pair is also scored with these two values
   * of the second record exchanged, and the higher score wins (its comparisons then name both fields). Both fields
   * must use the same comparator.
   */
  readonly swappable?: readonly [string, string]
}

/**
 * A pair's score: the normalised 0–1 `score`, the summed log-likelihood `totalWeight`, and the field comparisons.
 *
 * @example
 * matcher.score({ lastName: 'Smith' }, { lastName: 'Smith' }).score //=> 1
 */
export interface ScoredMatch {
  readonly score: number
  readonly totalWeight: number
  /** Fields present on both sides; a field blank on either side adds 0 and is not listed. */
  readonly comparisons: readonly FieldComparison[]
}

/**
 * Options of {@link ScoredMatcher.asRule}.
 *
 * @example
 * matcher.asRule('Same contact', { baseEntity: 'contact', excludeInactiveMatchingRecords: true })
 */
export interface ScoredRuleOptions {
  readonly baseEntity?: DuplicateEntity
  readonly matchingEntity?: DuplicateEntity
  readonly excludeInactiveMatchingRecords?: boolean
}

/**
 * A Fellegi–Sunter style matcher made by {@link createScoredMatcher}.
 *
 * @example
 * const matcher: ScoredMatcher = createScoredMatcher({ fields: [{ field: 'email', comparator: 'exact' }], threshold: 1 })
 * matcher.isMatch({ email: 'A@b.com' }, { email: 'a@B.com' }) //=> true
 */
export interface ScoredMatcher {
  /** Scores a pair of records. */
  score(a: object, b: object): ScoredMatch
  /** Whether the pair scores at least the threshold. */
  isMatch(a: object, b: object): boolean
  /** The matcher as a fuzzy rule for {@link findDuplicates} (default lead ↔ lead). */
  asRule(name: string, options?: ScoredRuleOptions): FuzzyDuplicateRule
}

/**
 * Creates a Fellegi–Sunter style matcher for person data beyond the fixed rules: each field is compared (Jaro-Winkler
 * for names, Levenshtein for codes with typos, token sets for companies and streets, exact for codes, dates with a
 * day/month swap allowance) and its similarity turned into a log-likelihood weight — the agreement weight at or above
 * `agree`, the disagreement weight at or below `disagree`, interpolated in between, 0 when the field is blank on
 * either side. The weights are summed, and the sum is scaled to a 0–1 score between the lowest and highest total
 * the fields allow; a pair matches when the score reaches `threshold`.
 *
 * @throws LeadkitError `invalid_rule` naming the field (`['fields', 2, 'm']`) when the configuration cannot run
 * @example
 * const matcher = createScoredMatcher({
 *   fields: [
 *     { field: 'firstName', comparator: 'jaro-winkler', m: 0.95, u: 0.01 },
 *     { field: 'lastName', comparator: 'jaro-winkler', m: 0.95, u: 0.005 },
 *     { field: 'extra.dateOfBirth', comparator: 'date', m: 0.9, u: 0.001 },
 *   ],
 *   threshold: 0.8,
 * })
 * matcher.isMatch({ firstName: 'Jon', lastName: 'Smith', extra: { dateOfBirth: '1980-04-09' } },
 *                 { firstName: 'John', lastName: 'Smith', extra: { dateOfBirth: '1980-09-04' } }) //=> true
 */
export function createScoredMatcher(options: ScoredMatcherOptions): ScoredMatcher {
  try {
    return createScoredMatcherUnguarded(options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function createScoredMatcherUnguarded(options: ScoredMatcherOptions): ScoredMatcher {
  const reader = new InputReader()
  const matcher = readMatcher(reader, options, [])
  if (matcher === undefined) throw new LeadkitError(asRuleIssues(reader.issues))
  const score = scorer(matcher)
  return Object.freeze({
    score,
    isMatch: (a: object, b: object) => score(a, b).score >= matcher.threshold,
    asRule: (name: string, ruleOptions?: ScoredRuleOptions): FuzzyDuplicateRule =>
      parseDuplicateRule({
        kind: 'fuzzy',
        name,
        baseEntity: ruleOptions?.baseEntity ?? 'lead',
        matchingEntity: ruleOptions?.matchingEntity ?? ruleOptions?.baseEntity ?? 'lead',
        excludeInactiveMatchingRecords: ruleOptions?.excludeInactiveMatchingRecords ?? false,
        published: true,
        comparator: 'scored',
        options: matcher.options,
      }) as FuzzyDuplicateRule,
  })
}

