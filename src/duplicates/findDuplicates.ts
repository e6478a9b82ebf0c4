import { DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import { matchcode } from './matchcode.js'
import { readField } from './internal/readField.js'
import type {
  AnyDuplicateRule,
  DuplicateEntity,
  DuplicateMatch,
  DuplicateRule,
  FieldComparison,
  IdentifiedRecord,
  KeyedDuplicateRule,
} from './types.js'

/**
 * Options of {@link findDuplicates}.
 *
 * @example
 * findDuplicates(lead, others, undefined, { notDuplicates: [['lead-1', 'lead-7']] })
 */
export interface FindDuplicatesOptions {
  /**
   * Pairs of record ids a seller marked "not a duplicate" (the product's Detach). Such a pair never matches again,
   * in either direction.
   */
  readonly notDuplicates?: readonly (readonly [string, string])[]
  /** Run only rules whose base record type is this (e.g. `lead`). Default: every rule. */
  readonly baseEntity?: DuplicateEntity
  /** Run only rules whose matching record type is this (e.g. `account` when the candidates are accounts). */
  readonly matchingEntity?: DuplicateEntity
}

/** A rule's precomputed codes for the base record: a Dataverse matchcode, or a keyed rule's (field, code) pairs. */
type BaseCode = string | readonly (readonly [string, string])[] | undefined

interface Fired {
  readonly rule: AnyDuplicateRule
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

function fieldLabel(baseField: string, matchingField: string): string {
  return baseField === matchingField ? baseField : `${baseField}/${matchingField}`
}

function dataverseComparisons(rule: DuplicateRule, base: object, candidate: object): FieldComparison[] {
  return rule.conditions.map((condition) => ({
    field: fieldLabel(condition.baseField, condition.matchingField),
    values: [readField(base, condition.baseField), readField(candidate, condition.matchingField)] as const,
    method: condition.operator,
    similarity: 1,
  }))
}

/** The base and matching fields whose normalised values are equal, or `undefined`. */
function keyedMatch(rule: KeyedDuplicateRule, baseCodes: readonly (readonly [string, string])[], candidate: object): readonly [string, string] | undefined {
  for (const field of rule.matchingFields) {
    const raw = readField(candidate, field)
    if (typeof raw !== 'string' || raw === '') continue
    const code = rule.normalize(raw)
    if (code === undefined) continue
    for (const [baseField, baseCode] of baseCodes) if (baseCode === code) return [baseField, field]
  }
  return undefined
}

/** What a rule says about one candidate, or `undefined` when it does not fire. */
function fire(rule: AnyDuplicateRule, baseCode: BaseCode, record: object, candidate: object): Fired | undefined {
  if (rule.excludeInactiveMatchingRecords && isInactiveRecord(rule.matchingEntity, candidate)) return undefined
  if (rule.kind === 'matchcode') {
    if (baseCode === undefined || typeof baseCode !== 'string' || matchcode(candidate, rule, 'matching') !== baseCode) return undefined
    return { rule, score: 1, comparisons: dataverseComparisons(rule, record, candidate) }
  }
  if (rule.kind === 'keyed') {
    if (baseCode === undefined || typeof baseCode === 'string' || baseCode.length === 0) return undefined
    const fields = keyedMatch(rule, baseCode, candidate)
    if (fields === undefined) return undefined
    const [baseField, matchingField] = fields
    return {
      rule,
      score: 1,
      comparisons: [
        { field: fieldLabel(baseField, matchingField), values: [readField(record, baseField), readField(candidate, matchingField)], method: rule.method, similarity: 1 },
      ],
    }
  }
  const result = rule.compare(record, candidate)
  if (result === undefined || !result.isMatch) return undefined
  return { rule, score: result.score, comparisons: result.comparisons }
}

function freezeComparison(comparison: FieldComparison): FieldComparison {
  Object.freeze(comparison.values)
  return Object.freeze(comparison)
}

/**
 * Finds the candidates that duplicate a record under a set of rules, and explains each match. Rules are OR-ed:
 * a candidate is a duplicate when any published rule fires; it appears once, under its best-scoring rule, with
 * every rule that fired in `rules`. Matchcode rules score 1; fuzzy rules give their own 0–1 score.
 *
 * A record never matches itself (same `id`); pairs in `options.notDuplicates` never match; a rule with "exclude
 * inactive matching records" skips inactive candidates (see {@link isInactiveRecord}); unpublished rules never run.
 *
 * @param record - the record to check (the base side of every rule)
 * @param candidates - records it may duplicate (the matching side)
 * @param rules - default: {@link DEFAULT_LEAD_DUPLICATE_RULES}
 * @returns matches, best score first (ties keep the candidates' order)
 * @example
 * const lead = { id: 'l1', firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd', state: 'open' }
 * const other = { id: 'l2', firstName: 'Robert', lastName: 'Smith', companyName: 'CONTOSO Limited', state: 'open' }
 * const [match] = findDuplicates(lead, [other])
 * match?.rule //=> 'Leads with a similar name and a similar company name'
 * match?.comparisons[0]?.method //=> 'nickname'
 */
export function findDuplicates<R extends IdentifiedRecord>(
  record: IdentifiedRecord,
  candidates: readonly R[],
  rules: readonly AnyDuplicateRule[] = DEFAULT_LEAD_DUPLICATE_RULES,
  options?: FindDuplicatesOptions,
): readonly DuplicateMatch<R>[] {
  const active = rules.filter(
    (rule) =>
      rule.published &&
      (options?.baseEntity === undefined || rule.baseEntity === options.baseEntity) &&
      (options?.matchingEntity === undefined || rule.matchingEntity === options.matchingEntity),
  )
  const detached = new Set<string>()
  for (const [a, b] of options?.notDuplicates ?? []) {
    if (a === record.id) detached.add(b)
    if (b === record.id) detached.add(a)
  }
  // The base record's codes are the same for every candidate: compute them once per rule.
  const baseCodes: BaseCode[] = active.map((rule) => baseCodeOf(rule, record))

  const found: { candidate: R; fired: Fired[]; order: number }[] = []
  // Plain loops: the duplicate index runs this for every lead it matches.
  for (let order = 0; order < candidates.length; order++) {
    const candidate = candidates[order] as R
    if (candidate.id === record.id || detached.has(candidate.id)) continue
    let fired: Fired[] | undefined
    for (let index = 0; index < active.length; index++) {
      const rule = active[index] as AnyDuplicateRule
      const hit = fire(rule, baseCodes[index], record, candidate)
      if (hit !== undefined) (fired ??= []).push(hit)
    }
    if (fired !== undefined) found.push({ candidate, fired, order })
  }

  const matches = found.map(({ candidate, fired, order }) => {
    // Stable: a matchcode rule listed first wins a tie.
    const ranked = fired.map((f, i) => ({ f, i })).sort((x, y) => y.f.score - x.f.score || x.i - y.i)
    const best = (ranked[0] as { f: Fired }).f
    const match: DuplicateMatch<R> = Object.freeze({
      record: candidate,
      rule: best.rule.name,
      rules: Object.freeze(ranked.map(({ f }) => f.rule.name)),
      kind: best.rule.kind === 'fuzzy' ? ('fuzzy' as const) : ('matchcode' as const),
      score: best.score,
      comparisons: Object.freeze(best.comparisons.map((c) => freezeComparison({ ...c, values: [c.values[0], c.values[1]] }))),
    })
    return { match, order }
  })
  matches.sort((a, b) => b.match.score - a.match.score || a.order - b.order)
  return Object.freeze(matches.map(({ match }) => match))
}

/** One candidate's best rule, as {@link findDuplicates} would report it in `rule` and `score`. */
export interface BestDuplicateRule {
  /** Position of the candidate in the list given. */
  readonly candidate: number
  readonly rule: string
  readonly score: number
}

/**
 * For each candidate that duplicates `record`, the rule and score {@link findDuplicates} would report for it, in the
 * same order, without building the explanations. Internal: the duplicate index's `clusters()` only reports each
 * pair's best rule, so once a rule scores 1 the later ones are not run — scores are 0–1 and a tie goes to the
 * earlier rule, so no later rule could change the answer.
 *
 * @example
 * bestDuplicateRules(lead, [copy], DEFAULT_LEAD_DUPLICATE_RULES)
 * //=> [{ candidate: 0, rule: 'Leads with the same email address', score: 1 }]
 */
export function bestDuplicateRules(
  record: IdentifiedRecord,
  candidates: readonly IdentifiedRecord[],
  rules: readonly AnyDuplicateRule[] = DEFAULT_LEAD_DUPLICATE_RULES,
  options?: FindDuplicatesOptions,
): BestDuplicateRule[] {
  const active = rules.filter(
    (rule) =>
      rule.published &&
      (options?.baseEntity === undefined || rule.baseEntity === options.baseEntity) &&
      (options?.matchingEntity === undefined || rule.matchingEntity === options.matchingEntity),
  )
  let detached: Set<string> | undefined
  for (const [a, b] of options?.notDuplicates ?? []) {
    if (a === record.id) (detached ??= new Set()).add(b)
    if (b === record.id) (detached ??= new Set()).add(a)
  }
  const baseCodes: BaseCode[] = active.map((rule) => baseCodeOf(rule, record))
  const found: BestDuplicateRule[] = []
  for (let order = 0; order < candidates.length; order++) {
    const candidate = candidates[order] as IdentifiedRecord
    if (candidate.id === record.id || detached?.has(candidate.id) === true) continue
    let best: AnyDuplicateRule | undefined
    let bestScore = -Infinity
    for (let index = 0; index < active.length && bestScore < 1; index++) {
      const rule = active[index] as AnyDuplicateRule
      const score = fireScore(rule, baseCodes[index], record, candidate)
      if (score !== undefined && (best === undefined || score > bestScore)) {
        best = rule
        bestScore = score
      }
    }
    if (best !== undefined) found.push({ candidate: order, rule: best.name, score: bestScore })
  }
  // The order findDuplicates returns: best score first, ties in the candidates' order.
  found.sort((a, b) => b.score - a.score || a.candidate - b.candidate)
  return found
}

function baseCodeOf(rule: AnyDuplicateRule, record: object): BaseCode {
  if (rule.kind === 'matchcode') return matchcode(record, rule, 'base')
  if (rule.kind === 'keyed') {
    const codes: (readonly [string, string])[] = []
    for (const field of rule.baseFields) {
      const raw = readField(record, field)
      const code = typeof raw === 'string' && raw !== '' ? rule.normalize(raw) : undefined
      if (code !== undefined) codes.push([field, code])
    }
    return codes
  }
  return undefined
}

/** The score of a rule on one candidate, as {@link fire} decides it, or `undefined` when it does not fire. */
function fireScore(rule: AnyDuplicateRule, baseCode: BaseCode, record: object, candidate: object): number | undefined {
  if (rule.excludeInactiveMatchingRecords && isInactiveRecord(rule.matchingEntity, candidate)) return undefined
  if (rule.kind === 'matchcode') {
    return baseCode !== undefined && typeof baseCode === 'string' && matchcode(candidate, rule, 'matching') === baseCode ? 1 : undefined
  }
  if (rule.kind === 'keyed') {
    if (baseCode === undefined || typeof baseCode === 'string' || baseCode.length === 0) return undefined
    return keyedMatch(rule, baseCode, candidate) === undefined ? undefined : 1
  }
  const result = rule.compare(record, candidate)
  return result === undefined || !result.isMatch ? undefined : result.score
}
