import { LeadkitError, type IssuePath } from '../../errors.js'
import { InputReader, formatPath } from '../../internal/validate.js'
import type { ScoredComparator, ScoredMatch } from '../createScoredMatcher.js'
import { jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from '../similarity.js'
import type { FieldComparison, RuleOptions } from '../types.js'
import { foldText } from './foldText.js'
import { asRuleIssues } from './ruleIssues.js'
import { freezeResult } from './freezeResult.js'
import { readText } from './readField.js'
import type { FuzzyCompare, ReadOptions } from './ruleDefinitions.js'

// The scored matcher's engine (internal): reading its options, and scoring pairs. `createScoredMatcher` and the
// built-in `scored` comparator are both made from it.

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

const FIELD_KEYS = ['field', 'comparator', 'weight', 'm', 'u', 'agree', 'disagree']

export interface ResolvedMatcher {
  readonly fields: readonly ResolvedField[]
  readonly threshold: number
  readonly swap: readonly [number, number] | undefined
  /** The options as JSON, completed with each field's default `agree` and `disagree`. */
  readonly options: RuleOptions
}

/** Reads a scored matcher's options (issues on `reader`, under `root`). */
export function readMatcher(reader: InputReader, options: unknown, root: IssuePath): ResolvedMatcher | undefined {
  const before = reader.issues.length
  const input = reader.object(options, root) ?? {}
  reader.knownKeys(input, ['fields', 'threshold', 'swappable'], root, 'the scored matcher\'s options')
  const threshold = reader.number(input.threshold, [...root, 'threshold'], { required: true, min: 0, max: 1 })
  const list = reader.array(input.fields, [...root, 'fields'], true)
  if (list !== undefined && list.length === 0) reader.add('invalid_rule', [...root, 'fields'], 'fields must list at least one field to compare')
  const fields: ResolvedField[] = []
  const written: RuleOptions[] = []
  list?.forEach((item, index) => {
    const at = [...root, 'fields', index]
    const raw = reader.object(item, at)
    if (raw === undefined) return
    reader.knownKeys(raw, FIELD_KEYS, at, 'a scored matcher field')
    const field = reader.string(raw.field, [...at, 'field'], { required: true, max: 200 })
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
    written.push(
      Object.freeze({
        field,
        comparator,
        ...(weight === undefined ? {} : { weight }),
        ...(m === undefined || u === undefined ? {} : { m, u }),
        agree,
        disagree,
      }),
    )
  })
  let swap: readonly [number, number] | undefined
  const swappable = reader.array(input.swappable, [...root, 'swappable'])
  if (swappable !== undefined) {
    const first = fields.findIndex((f) => f.field === swappable[0])
    const second = fields.findIndex((f) => f.field === swappable[1])
    if (swappable.length !== 2 || first === -1 || second === -1 || first === second) {
      reader.add('invalid_rule', [...root, 'swappable'], 'swappable must name two different fields of the matcher, like ["firstName", "lastName"]')
    } else if (fields[first]?.comparator !== fields[second]?.comparator) {
      reader.add('invalid_rule', [...root, 'swappable'], 'swappable fields must use the same comparator')
    } else swap = [first, second]
  }
  if (reader.issues.length > before || threshold === undefined) return undefined
  const json: RuleOptions = Object.freeze({
    fields: Object.freeze(written),
    threshold,
    ...(swap === undefined ? {} : { swappable: Object.freeze([swappable?.[0] as string, swappable?.[1] as string]) }),
  })
  return { fields, threshold, swap, options: json }
}

/**
 * Reads the options of the built-in `scored` comparator (internal): {@link ScoredMatcherOptions} as JSON, checked and
 * completed with each field's default `agree` and `disagree`.
 */
export const readScoredMatcherOptions: ReadOptions = (reader, input, path) => readMatcher(reader, input, path)?.options

/** The built-in `scored` comparator made from options {@link readScoredMatcherOptions} accepted (internal). */
export function createScoredComparator(options: RuleOptions): FuzzyCompare {
  const reader = new InputReader()
  const matcher = readMatcher(reader, options, ['options'])
  if (matcher === undefined) throw new LeadkitError(asRuleIssues(reader.issues))
  const score = scorer(matcher)
  const threshold = matcher.threshold
  return (base, matching) => {
    const result = score(base, matching)
    if (result.comparisons.length === 0) return undefined
    return Object.freeze({ isMatch: result.score >= threshold, score: result.score, comparisons: result.comparisons })
  }
}

/** The scoring function of a resolved matcher: each record's values are folded once, then pairs are scored. */
export function scorer({ fields, swap }: ResolvedMatcher): (a: object, b: object) => ScoredMatch {
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

  return (a: object, b: object): ScoredMatch => {
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
}
