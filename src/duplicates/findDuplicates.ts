import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { compileRules, type CompiledRule, type CompiledRuleSet, type Fired } from './internal/compileRules.js'
import type { CodeFrequency } from './internal/ruleKinds/shared.js'
import type { AnyDuplicateRule, DuplicateEntity, DuplicateMatch, FieldComparison, IdentifiedRecord } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

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
  /** Where the rules' normaliser and comparator names come from (default: the built-in ones). */
  readonly registry?: DuplicateRuleRegistry
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
  try {
    return findDuplicatesUnguarded<R>(record, candidates, rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function findDuplicatesUnguarded<R extends IdentifiedRecord>(
  record: IdentifiedRecord,
  candidates: readonly R[],
  rules: readonly AnyDuplicateRule[] = DEFAULT_LEAD_DUPLICATE_RULES,
  options?: FindDuplicatesOptions,
): readonly DuplicateMatch<R>[] {
  return findWith(compileRules(rules, options?.registry), record, candidates, options)
}

/** The rules that run for these options: published, of the base and matching record types asked for. */
export function activeRules(set: CompiledRuleSet, options: FindDuplicatesOptions | undefined): CompiledRule[] {
  return set.rules.filter(
    ({ rule }) =>
      rule.published &&
      (options?.baseEntity === undefined || rule.baseEntity === options.baseEntity) &&
      (options?.matchingEntity === undefined || rule.matchingEntity === options.matchingEntity),
  )
}

/** Ids the seller detached from `id` ("not a duplicate"), or `undefined` when there are none. */
function detachedFrom(id: string, options: FindDuplicatesOptions | undefined): Set<string> | undefined {
  let detached: Set<string> | undefined
  for (const [a, b] of options?.notDuplicates ?? []) {
    if (a === id) (detached ??= new Set()).add(b)
    if (b === id) (detached ??= new Set()).add(a)
  }
  return detached
}

/**
 * How many of `candidates` carry each code, counted per rule when first asked (for keyed rules' `maxSharedBy`):
 * the frequency {@link findDuplicates} judges a code by when it is given a list rather than an index.
 */
export function frequencyAmong(candidates: readonly object[]): CodeFrequency {
  const counts = new Map<CompiledRule, Map<string, number>>()
  return (rule, code) => {
    let byCode = counts.get(rule)
    if (byCode === undefined) {
      byCode = new Map()
      for (const candidate of candidates) {
        const seen = new Set<string>()
        rule.eachCode(candidate, 'matching', (c) => seen.add(c))
        for (const c of seen) byCode.set(c, (byCode.get(c) ?? 0) + 1)
      }
      counts.set(rule, byCode)
    }
    return byCode.get(code) ?? 0
  }
}

/**
 * {@link findDuplicates} with compiled rules (internal: a duplicate index compiles its rules once and passes the
 * frequency of codes among all its records; a list is its own measure). A duplicate index lists first the candidates
 * found under the record's exact codes and gives their number as `codeCandidates`: the others share no code with the
 * record, so they are not asked whether they do.
 */
export function findWith<R extends IdentifiedRecord>(
  set: CompiledRuleSet,
  record: IdentifiedRecord,
  candidates: readonly R[],
  options?: FindDuplicatesOptions,
  frequency: CodeFrequency = frequencyAmong(candidates),
  codeCandidates: number = candidates.length,
): readonly DuplicateMatch<R>[] {
  const active = activeRules(set, options)
  const detached = detachedFrom(record.id, options)
  // The base record's codes are the same for every candidate: compute them once per rule.
  const bases = active.map((compiled) => compiled.prepare(record, frequency))
  // Candidates past `codeCandidates` share no code with the record (the index knows: they were found under no exact
  // key), so no matchcode rule can match them and none is run on them: they normalised its email and phones for nothing.
  const isCode = active.map((compiled) => compiled.matchKind === 'matchcode')

  // Each rule decides first without building its explanation; only a candidate's best rule, once it matches, is
  // explained. Most candidates a lookup verifies match nothing, and explanations are most of a comparison's cost.
  const matches: { match: DuplicateMatch<R>; order: number }[] = []
  const scores = new Float64Array(active.length)
  // Plain loops: the duplicate index runs this for every lead it matches.
  for (let order = 0; order < candidates.length; order++) {
    const candidate = candidates[order] as R
    if (candidate.id === record.id || detached?.has(candidate.id) === true) continue
    let best = -1
    let fired = 0
    const noCode = order >= codeCandidates
    for (let index = 0; index < active.length; index++) {
      const score = noCode && isCode[index] === true ? undefined : (active[index] as CompiledRule).score(bases[index], record, candidate)
      scores[index] = score === undefined ? -1 : score
      if (score === undefined) continue
      fired += 1
      // Stable: a rule listed first wins a tie.
      if (best === -1 || score > (scores[best] as number)) best = index
    }
    if (best === -1) continue
    const compiled = active[best] as CompiledRule
    const explained = compiled.fire(bases[best], record, candidate) as Fired
    const rules: string[] = []
    if (fired > 1) {
      const order2 = Array.from({ length: active.length }, (_, i) => i).filter((i) => (scores[i] as number) >= 0)
      order2.sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y)
      for (const i of order2) rules.push((active[i] as CompiledRule).rule.name)
    } else rules.push(compiled.rule.name)
    const match: DuplicateMatch<R> = Object.freeze({
      record: candidate,
      rule: compiled.rule.name,
      rules: Object.freeze(rules),
      kind: compiled.matchKind,
      score: scores[best] as number,
      comparisons: Object.freeze(explained.comparisons.map((c) => freezeComparison({ ...c, values: [c.values[0], c.values[1]] }))),
    })
    matches.push({ match, order })
  }
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
 * bestDuplicateRules(compileRules(DEFAULT_LEAD_DUPLICATE_RULES), lead, [copy])
 * //=> [{ candidate: 0, rule: 'Leads with the same email address', score: 1 }]
 */
export function bestDuplicateRules(
  set: CompiledRuleSet,
  record: IdentifiedRecord,
  candidates: readonly IdentifiedRecord[],
  options?: FindDuplicatesOptions,
  frequency: CodeFrequency = frequencyAmong(candidates),
  rules: readonly CompiledRule[] = activeRules(set, options),
): BestDuplicateRule[] {
  const active = rules
  const detached = detachedFrom(record.id, options)
  const bases = active.map((compiled) => compiled.prepare(record, frequency))
  const found: BestDuplicateRule[] = []
  for (let order = 0; order < candidates.length; order++) {
    const candidate = candidates[order] as IdentifiedRecord
    if (candidate.id === record.id || detached?.has(candidate.id) === true) continue
    let best: CompiledRule | undefined
    let bestScore = -Infinity
    for (let index = 0; index < active.length && bestScore < 1; index++) {
      const compiled = active[index] as CompiledRule
      const score = compiled.score(bases[index], record, candidate)
      if (score !== undefined && (best === undefined || score > bestScore)) {
        best = compiled
        bestScore = score
      }
    }
    if (best !== undefined) found.push({ candidate: order, rule: best.rule.name, score: bestScore })
  }
  // The order findDuplicates returns: best score first, ties in the candidates' order.
  found.sort((a, b) => b.score - a.score || a.candidate - b.candidate)
  return found
}
