import { LeadkitError, isLeadkitError, type IssuePath } from '../../errors.js'
import { definitionsOf, type DuplicateRuleRegistry } from '../createDuplicateRuleRegistry.js'
import { isInactiveRecord } from '../isInactiveRecord.js'
import { matchcode } from '../matchcode.js'
import { parseDuplicateRule } from '../parseDuplicateRule.js'
import type {
  AnyDuplicateRule,
  DuplicateRule,
  FieldComparison,
  FuzzyComparisonResult,
  FuzzyDuplicateRule,
  KeyedDuplicateRule,
  RecordSide,
} from '../types.js'
import { isParsedRule } from './parsedRule.js'
import { readField } from './readField.js'
import type { FuzzyCompare, Normalize } from './ruleDefinitions.js'
import { RuleMemos } from './ruleMemos.js'

/** What a rule said about one candidate: its score and the comparisons behind it. */
export interface Fired {
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

/**
 * One rule, compiled: every engine (findDuplicates, the duplicate index, ruleMatchcodes) runs rules through this
 * interface, so the kind of a rule is looked at in one place only, {@link compileRule}.
 */
export interface CompiledRule {
  readonly rule: AnyDuplicateRule
  /** How a match under this rule is reported: equal codes (`matchcode`) or similarity (`fuzzy`). */
  readonly matchKind: 'matchcode' | 'fuzzy'
  /** Whether the rule reads the same fields on both sides (a stored record's matching codes are its base codes). */
  readonly symmetric: boolean
  /**
   * Calls `visit` with each matchcode of the record on `side` (repeats possible) and the field it came from. Two
   * records can only match under an exact rule when they share a code; a fuzzy rule has none.
   */
  eachCode(record: object, side: RecordSide, visit: (code: string, field: string) => void): void
  /** The state of a base record the rule reuses for every candidate (its codes); `undefined` when it has none. */
  prepare(record: object): BaseCodes | undefined
  /** What the rule says about `candidate` against `record`, with explanations; `undefined` when it does not fire. */
  fire(base: BaseCodes | undefined, record: object, candidate: object): Fired | undefined
  /** The same decision as `fire`, without building explanations. */
  score(base: BaseCodes | undefined, record: object, candidate: object): number | undefined
  /**
   * What the rule says about the pair whether it matches or not (a non-match's score and comparisons show how near
   * it came), ignoring "exclude inactive"; `undefined` when the pair cannot be compared.
   */
  compare(record: object, candidate: object): FuzzyComparisonResult | undefined
}

/** A base record's codes under an exact rule: pairs of the field and its code. */
export type BaseCodes = readonly (readonly [string, string])[]

/** A compiled rule set: the rules in order, and the memos they share. */
export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[]
  readonly memos: RuleMemos
}

/**
 * Compiles rules for running: each rule that is not already a parsed one is parsed (so an engine never runs a rule
 * the parser would refuse), then its normaliser or comparator is made from the registry, once, with memos shared by
 * the whole set.
 *
 * @param path - where the rules sit in the caller's input, for errors (`['rules']`)
 */
export function compileRules(rules: readonly unknown[], registry: DuplicateRuleRegistry | undefined, path: IssuePath = ['rules']): CompiledRuleSet {
  if (!Array.isArray(rules)) {
    throw new LeadkitError({ code: 'invalid_type', path, message: 'rules must be an array of duplicate rules' })
  }
  const memos = new RuleMemos()
  const definitions = definitionsOf(registry)
  const compiled = rules.map((input, index) => {
    try {
      const rule = isParsedRule(input) ? input : parseDuplicateRule(input, registry === undefined ? undefined : { registry })
      return compileRule(rule, definitions, memos)
    } catch (error) {
      if (!isLeadkitError(error)) throw error
      throw new LeadkitError(
        error.issues.map((issue) => ({ ...issue, path: [...path, index, ...issue.path] })),
        { cause: error },
      )
    }
  })
  return { rules: compiled, memos }
}

/** The one place a rule's kind decides how it runs. */
function compileRule(rule: AnyDuplicateRule, definitions: ReturnType<typeof definitionsOf>, memos: RuleMemos): CompiledRule {
  switch (rule.kind) {
    case 'matchcode':
      return matchcodeRule(rule)
    case 'keyed': {
      const definition = definitions.normalizers.get(rule.normalizer)
      if (definition === undefined) throw unknownName('normalizer', rule.normalizer)
      return keyedRule(rule, definition.create(rule.normalizerOptions ?? {}, memos))
    }
    case 'fuzzy': {
      const definition = definitions.comparators.get(rule.comparator)
      if (definition === undefined) throw unknownName('comparator', rule.comparator)
      return fuzzyRule(rule, definition.create(rule.options ?? {}, memos))
    }
  }
}

function unknownName(key: 'normalizer' | 'comparator', name: string): LeadkitError {
  return new LeadkitError({
    code: 'invalid_rule',
    path: [key],
    message: `no ${key === 'normalizer' ? 'normaliser' : 'comparator'} is called "${name}" in this registry: pass the registry the rule was written for`,
  })
}

const NO_CODES: BaseCodes = Object.freeze([])

function fieldLabel(baseField: string, matchingField: string): string {
  return baseField === matchingField ? baseField : `${baseField}/${matchingField}`
}

function inactive(rule: AnyDuplicateRule, candidate: object): boolean {
  return rule.excludeInactiveMatchingRecords && isInactiveRecord(rule.matchingEntity, candidate)
}

function matchcodeRule(rule: DuplicateRule): CompiledRule {
  const explain = (record: object, candidate: object): FieldComparison[] =>
    rule.conditions.map((condition) => ({
      field: fieldLabel(condition.baseField, condition.matchingField),
      values: [readField(record, condition.baseField), readField(candidate, condition.matchingField)] as const,
      method: condition.operator,
      similarity: 1,
    }))
  const matches = (base: BaseCodes | undefined, candidate: object): boolean => {
    const code = base?.[0]?.[1]
    return code !== undefined && !inactive(rule, candidate) && matchcode(candidate, rule, 'matching') === code
  }
  return {
    rule,
    matchKind: 'matchcode',
    symmetric: rule.conditions.every((c) => c.baseField === c.matchingField),
    eachCode(record, side, visit) {
      const code = matchcode(record, rule, side)
      if (code !== undefined) visit(code, '')
    },
    prepare(record) {
      const code = matchcode(record, rule, 'base')
      return code === undefined ? NO_CODES : [['', code]]
    },
    fire: (base, record, candidate) => (matches(base, candidate) ? { score: 1, comparisons: explain(record, candidate) } : undefined),
    score: (base, _record, candidate) => (matches(base, candidate) ? 1 : undefined),
    compare(record, candidate) {
      const code = matchcode(record, rule, 'base')
      const other = matchcode(candidate, rule, 'matching')
      if (code === undefined || other === undefined) return undefined
      const isMatch = code === other
      return { isMatch, score: isMatch ? 1 : 0, comparisons: explain(record, candidate).map((c) => (isMatch ? c : { ...c, similarity: 0 })) }
    },
  }
}

function keyedRule(rule: KeyedDuplicateRule, normalize: Normalize): CompiledRule {
  const each = (record: object, fields: readonly string[], visit: (code: string, field: string) => void): void => {
    for (let f = 0; f < fields.length; f += 1) {
      const field = fields[f] as string
      const raw = readField(record, field)
      if (typeof raw !== 'string' || raw === '') continue
      const code = normalize(raw)
      if (code !== undefined) visit(code, field)
    }
  }
  /** The base and matching fields whose codes are equal, or `undefined`. */
  const matching = (base: BaseCodes | undefined, candidate: object): readonly [string, string] | undefined =>
    base === undefined || base.length === 0 || inactive(rule, candidate) ? undefined : pairOf(base, candidate)
  const pairOf = (base: BaseCodes, candidate: object): readonly [string, string] | undefined => {
    for (const field of rule.matchingFields) {
      const raw = readField(candidate, field)
      if (typeof raw !== 'string' || raw === '') continue
      const code = normalize(raw)
      if (code === undefined) continue
      for (const [baseField, baseCode] of base) if (baseCode === code) return [baseField, field]
    }
    return undefined
  }
  return {
    rule,
    matchKind: 'matchcode',
    symmetric: rule.baseFields.length === rule.matchingFields.length && rule.baseFields.every((f, i) => rule.matchingFields[i] === f),
    eachCode: (record, side, visit) => each(record, side === 'base' ? rule.baseFields : rule.matchingFields, visit),
    prepare(record) {
      const codes: (readonly [string, string])[] = []
      each(record, rule.baseFields, (code, field) => codes.push([field, code]))
      return codes
    },
    fire(base, record, candidate) {
      const fields = matching(base, candidate)
      if (fields === undefined) return undefined
      const [baseField, matchingField] = fields
      return {
        score: 1,
        comparisons: [
          {
            field: fieldLabel(baseField, matchingField),
            values: [readField(record, baseField), readField(candidate, matchingField)],
            method: rule.method,
            similarity: 1,
          },
        ],
      }
    },
    score: (base, _record, candidate) => (matching(base, candidate) === undefined ? undefined : 1),
    compare(record, candidate) {
      const codes: (readonly [string, string])[] = []
      each(record, rule.baseFields, (code, field) => codes.push([field, code]))
      let otherField: string | undefined
      each(candidate, rule.matchingFields, (_code, field) => (otherField ??= field))
      if (codes.length === 0 || otherField === undefined) return undefined
      const pair = pairOf(codes, candidate) ?? [(codes[0] as readonly [string, string])[0], otherField]
      const isMatch = pairOf(codes, candidate) !== undefined
      return {
        isMatch,
        score: isMatch ? 1 : 0,
        comparisons: [
          {
            field: fieldLabel(pair[0], pair[1]),
            values: [readField(record, pair[0]), readField(candidate, pair[1])],
            method: rule.method,
            similarity: isMatch ? 1 : 0,
          },
        ],
      }
    },
  }
}

function fuzzyRule(rule: FuzzyDuplicateRule, compare: FuzzyCompare): CompiledRule {
  return {
    rule,
    matchKind: 'fuzzy',
    symmetric: true,
    eachCode() {},
    prepare: () => undefined,
    fire(_base, record, candidate) {
      if (inactive(rule, candidate)) return undefined
      const result = compare(record, candidate)
      return result === undefined || !result.isMatch ? undefined : { score: result.score, comparisons: result.comparisons }
    },
    score(_base, record, candidate) {
      if (inactive(rule, candidate)) return undefined
      const result = compare(record, candidate)
      return result === undefined || !result.isMatch ? undefined : result.score
    },
    compare,
  }
}
