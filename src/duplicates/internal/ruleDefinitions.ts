import type { IssuePath } from '../../errors.js'
import type { InputReader } from '../../internal/validate.js'
import type { ComparisonMethod, FuzzyComparisonResult, RuleOptions } from '../types.js'
import type { RuleMemos } from './ruleMemos.js'

/**
 * Compares a base record with a matching record; `undefined` when the pair cannot be compared (blank fields). With
 * `explain` false only `isMatch` and, for a match, `score` are read: a comparator may skip building its comparisons
 * and stop at the first reason the pair does not match (clustering a million records verifies millions of pairs and
 * reports a score for each link, not its explanation).
 */
export type FuzzyCompare = (base: object, matching: object, explain?: boolean) => FuzzyComparisonResult | undefined

/** Turns a raw field value into its matchcode, or `undefined` when the value cannot match. */
export type Normalize = (value: string) => string | undefined

/** Reads a normaliser's or comparator's options: issues go on the reader; returns them completed with defaults. */
export type ReadOptions = (reader: InputReader, input: unknown, path: IssuePath) => RuleOptions | undefined

/** What a normaliser name stands for: how its options are read, and the function made from them. */
export interface NormalizerDefinition {
  /** The method explanations show for a match under a keyed rule with this normaliser. */
  readonly method: ComparisonMethod
  readonly readOptions: ReadOptions
  readonly create: (options: RuleOptions, memos: RuleMemos) => Normalize
}

/** What a comparator name stands for: how its options are read, and the comparison made from them. */
export interface ComparatorDefinition {
  readonly readOptions: ReadOptions
  readonly create: (options: RuleOptions, memos: RuleMemos) => FuzzyCompare
}
