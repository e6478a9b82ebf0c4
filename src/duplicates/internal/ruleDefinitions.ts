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

/**
 * A comparator in two halves, for a caller that keeps each record's preparation itself: a duplicate index keeps one
 * per slot, where looking it up in a `WeakMap` for every comparison costs more than most comparisons, and a million
 * weak entries slow every full garbage collection. `prepare` reads a record once (comparators made from equal
 * options on one rule set share one `prepare`, so one preparation serves them all); `score` decides a pair of
 * prepared records as `compare(base, matching, false)` does: the score of a match, `undefined` otherwise.
 */
export interface PreparedComparator {
  readonly prepare: (record: object) => object
  readonly score: (a: object, b: object, base: object, matching: object) => number | undefined
}

/** What a comparator name stands for: how its options are read, and the comparison made from them. */
export interface ComparatorDefinition {
  readonly readOptions: ReadOptions
  readonly create: (options: RuleOptions, memos: RuleMemos) => FuzzyCompare
  /** The same comparison in two halves (see {@link PreparedComparator}), for comparators that prepare records. */
  readonly createPrepared?: (options: RuleOptions, memos: RuleMemos) => PreparedComparator
}
