import { LeadkitError } from '../errors.js'
import { InputReader, formatPath } from '../internal/validate.js'
import { foldText } from './internal/foldText.js'
import { freezeResult } from './internal/freezeResult.js'
import { readText } from './internal/readField.js'
import { jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from './similarity.js'
import type { DuplicateEntity, FieldComparison, FuzzyComparisonResult, FuzzyDuplicateRule } from './types.js'

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

interface ResolvedField {
  readonly field: string
  readonly comparator: ScoredComparator
  readonly agreeWeight: number
  readonly disagreeWeight: number
  readonly agree: number
  readonly disagree: number
}

const COMPARATORS: readonly ScoredComparator[] = ['jaro-winkler', 'levenshtein', 'token', 'exact', 'date']
const DEFAULT_LEVELS: Readonly<Record<ScoredComparator, readonly [number, number]>> = {
  'jaro-winkler': [0.94, 0.8],
  levenshtein: [0.9, 0.6],
  token: [0.9, 0.5],
  date: [1, 0.6],
  exact: [1, 1],
}

function dateSimilarity(a: string, b: string): number {
  if (a === b) return 1
  // Day and month swapped (19560409 ~ 19560904), the commonest date-of-birth slip.
  if (a.length === 8 && b.length === 8 && a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)) {
    return 0.9
  }
  return levenshteinSimilarity(a, b)
}

function prepareValue(comparator: ScoredComparator, text: string): string {
  if (comparator === 'date') return text.replace(/\D/g, '')
  return foldText(text)
}

function similarityOf(comparator: ScoredComparator, a: string, b: string): number {
  switch (comparator) {
    case 'jaro-winkler':
      return jaroWinkler(a, b)
    case 'levenshtein':
      return levenshteinSimilarity(a, b)
    case 'token':
      return tokenSetSimilarity(a, b)
    case 'exact':
      return a === b ? 1 : 0
    case 'date':
      return dateSimilarity(a, b)
  }
}

function resolve(options: ScoredMatcherOptions): { fields: readonly ResolvedField[]; threshold: number; swap: readonly [number, number] | undefined } {
  const reader = new InputReader()
  const input = reader.object(options, []) ?? {}
  const threshold = reader.number(input.threshold, ['threshold'], { required: true, min: 0, max: 1 })
  const list = reader.array(input.fields, ['fields'], true)
  if (list !== undefined && list.length === 0) reader.add('invalid_rule', ['fields'], 'fields must list at least one field to compare')
  const fields: ResolvedField[] = []
  list?.forEach((item, index) => {
    const at = ['fields', index]
    const raw = reader.object(item, at)
    if (raw === undefined) return
    const field = reader.string(raw.field, [...at, 'field'], { required: true })
    const comparator = reader.enumeration(raw.comparator, [...at, 'comparator'], COMPARATORS, true)
    const weight = reader.number(raw.weight, [...at, 'weight'], { min: Number.MIN_VALUE })
    const m = reader.number(raw.m, [...at, 'm'], { min: Number.MIN_VALUE, max: 0.999999 })
    const u = reader.number(raw.u, [...at, 'u'], { min: Number.MIN_VALUE, max: 0.999999 })
    if ((raw.m === undefined) !== (raw.u === undefined)) {
      reader.add('invalid_rule', [...at, raw.m === undefined ? 'm' : 'u'], `${formatPath(at)} needs both m and u, or neither`)
    } else if (raw.m !== undefined && raw.weight !== undefined) {
      reader.add('invalid_rule', [...at, 'weight'], `${formatPath(at)} takes either weight or m and u, not both`)
    } else if (m !== undefined && u !== undefined && m <= u) {
      reader.add('invalid_rule', [...at, 'm'], `${formatPath([...at, 'm'])} must be greater than u: agreement must be likelier on a match than by chance`)
    }
    if (comparator === undefined || field === undefined) return
    const [defaultAgree, defaultDisagree] = DEFAULT_LEVELS[comparator]
    const agree = reader.number(raw.agree, [...at, 'agree'], { min: 0, max: 1 }) ?? defaultAgree
    const disagree = reader.number(raw.disagree, [...at, 'disagree'], { min: 0, max: 1 }) ?? Math.min(defaultDisagree, agree)
    if (disagree > agree) reader.add('invalid_rule', [...at, 'disagree'], `${formatPath([...at, 'disagree'])} must not exceed agree (${agree})`)
    const agreeWeight = m !== undefined && u !== undefined ? Math.log2(m / u) : (weight ?? 1)
    const disagreeWeight = m !== undefined && u !== undefined ? Math.log2((1 - m) / (1 - u)) : -(weight ?? 1)
    fields.push({ field, comparator, agreeWeight, disagreeWeight, agree, disagree })
  })
  let swap: readonly [number, number] | undefined
  const swappable = reader.array(input.swappable, ['swappable'])
  if (swappable !== undefined) {
    const first = fields.findIndex((f) => f.field === swappable[0])
    const second = fields.findIndex((f) => f.field === swappable[1])
    if (swappable.length !== 2 || first === -1 || second === -1 || first === second) {
      reader.add('invalid_rule', ['swappable'], 'swappable must name two different fields of the matcher, like ["firstName", "lastName"]')
    } else if (fields[first]?.comparator !== fields[second]?.comparator) {
      reader.add('invalid_rule', ['swappable'], 'swappable fields must use the same comparator')
    } else swap = [first, second]
  }
  if (!reader.ok) throw new LeadkitError(reader.issues.map((issue) => ({ ...issue, code: 'invalid_rule' as const })))
  return { fields, threshold: threshold as number, swap }
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
  const { fields, threshold, swap } = resolve(options)
  let maxTotal = 0
  let minTotal = 0
  for (const f of fields) {
    maxTotal += f.agreeWeight
    minTotal += f.disagreeWeight
  }
  const span = maxTotal - minTotal

  // A record is scored against many candidates: fold its values once.
  const cache = new WeakMap<object, (string | undefined)[]>()
  const valuesOf = (record: object): (string | undefined)[] => {
    let values = cache.get(record)
    if (values === undefined) {
      values = []
      for (const f of fields) {
        const text = readText(record, f.field)
        const prepared = text === undefined ? '' : prepareValue(f.comparator, text)
        values.push(prepared === '' ? undefined : prepared)
      }
      cache.set(record, values)
    }
    return values
  }

  const scoreValues = (a: object, b: object, va: readonly (string | undefined)[], vb: readonly (string | undefined)[], swapped: boolean): ScoredMatch => {
    let total = 0
    const comparisons: FieldComparison[] = []
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as ResolvedField
      const x = va[i]
      const y = vb[i]
      if (x === undefined || y === undefined) continue
      const similarity = x === y ? 1 : similarityOf(f.comparator, x, y)
      let weight: number
      if (similarity >= f.agree) weight = f.agreeWeight
      else if (similarity <= f.disagree) weight = f.disagreeWeight
      else weight = f.disagreeWeight + ((f.agreeWeight - f.disagreeWeight) * (similarity - f.disagree)) / (f.agree - f.disagree)
      total += weight
      let otherField = f.field
      if (swapped && swap !== undefined) {
        if (i === swap[0]) otherField = (fields[swap[1]] as ResolvedField).field
        else if (i === swap[1]) otherField = (fields[swap[0]] as ResolvedField).field
      }
      comparisons.push({
        field: otherField === f.field ? f.field : `${f.field}/${otherField}`,
        values: [readText(a, f.field), readText(b, otherField)],
        method: f.comparator,
        similarity,
      })
    }
    const normalised = span > 0 ? (total - minTotal) / span : 0
    return freezeResult({ score: Math.min(1, Math.max(0, normalised)), totalWeight: total, comparisons })
  }

  const score = (a: object, b: object): ScoredMatch => {
    const va = valuesOf(a)
    const vb = valuesOf(b)
    const straight = scoreValues(a, b, va, vb, false)
    if (swap === undefined || straight.score === 1) return straight
    const exchanged = vb.slice()
    exchanged[swap[0]] = vb[swap[1]]
    exchanged[swap[1]] = vb[swap[0]]
    const swapped = scoreValues(a, b, va, exchanged, true)
    return swapped.score > straight.score ? swapped : straight
  }

  return Object.freeze({
    score,
    isMatch: (a: object, b: object) => score(a, b).score >= threshold,
    asRule: (name: string, ruleOptions?: ScoredRuleOptions): FuzzyDuplicateRule =>
      Object.freeze({
        kind: 'fuzzy' as const,
        name,
        baseEntity: ruleOptions?.baseEntity ?? 'lead',
        matchingEntity: ruleOptions?.matchingEntity ?? ruleOptions?.baseEntity ?? 'lead',
        excludeInactiveMatchingRecords: ruleOptions?.excludeInactiveMatchingRecords ?? false,
        published: true,
        compare: (base: object, matching: object): FuzzyComparisonResult | undefined => {
          const result = score(base, matching)
          if (result.comparisons.length === 0) return undefined
          return Object.freeze({ isMatch: result.score >= threshold, score: result.score, comparisons: result.comparisons })
        },
      }),
  })
}
