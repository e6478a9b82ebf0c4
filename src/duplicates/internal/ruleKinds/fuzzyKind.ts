import type { IssuePath } from '../../../errors.js'
import type { InputReader } from '../../../internal/validate.js'
import type { FuzzyDuplicateRule } from '../../types.js'
import type { FuzzyCompare, PreparedComparator } from '../ruleDefinitions.js'
import { inactive, readName, unknownName, type CompiledRule, type Definitions, type RuleHead, type RuleKind } from './shared.js'

// A fuzzy rule: a named comparator with its options decides each pair and scores it.

function readFuzzyRule(
  reader: InputReader,
  raw: Readonly<Record<string, unknown>>,
  root: IssuePath,
  head: RuleHead | undefined,
  definitions: Definitions,
): FuzzyDuplicateRule | undefined {
  const comparator = readName(reader, raw.comparator, [...root, 'comparator'], definitions.comparators, 'comparator')
  const definition = comparator === undefined ? undefined : definitions.comparators.get(comparator)
  const options = definition?.readOptions(reader, raw.options, [...root, 'options'])
  if (head === undefined || comparator === undefined || options === undefined) return undefined
  return {
    kind: 'fuzzy',
    name: head.name,
    baseEntity: head.baseEntity,
    matchingEntity: head.matchingEntity,
    comparator,
    ...(Object.keys(options).length === 0 ? {} : { options }),
    excludeInactiveMatchingRecords: head.excludeInactiveMatchingRecords,
    published: head.published,
  }
}

function fuzzyRule(rule: FuzzyDuplicateRule, compare: FuzzyCompare, halves: PreparedComparator | undefined): CompiledRule {
  const prepared: PreparedComparator | undefined = halves === undefined
    ? undefined
    : { prepare: halves.prepare, score: (a, b, record, candidate) => (inactive(rule, candidate) ? undefined : halves.score(a, b, record, candidate)) }
  return {
    rule,
    matchKind: 'fuzzy',
    symmetric: true,
    maxSharedBy: Infinity,
    confirms: () => true,
    eachCode() {},
    prepare: () => undefined,
    fire(_base, record, candidate) {
      if (inactive(rule, candidate)) return undefined
      const result = compare(record, candidate)
      return result === undefined || !result.isMatch ? undefined : { score: result.score, comparisons: result.comparisons }
    },
    score(_base, record, candidate) {
      if (inactive(rule, candidate)) return undefined
      const result = compare(record, candidate, false)
      return result === undefined || !result.isMatch ? undefined : result.score
    },
    compare: (record, candidate) => compare(record, candidate),
    ...(prepared === undefined ? {} : { prepared }),
  }
}

/** Fuzzy rules: read and run. */
export const FUZZY_KIND: RuleKind<FuzzyDuplicateRule> = {
  keys: ['kind', 'name', 'baseEntity', 'matchingEntity', 'comparator', 'options', 'excludeInactiveMatchingRecords', 'published'],
  read: readFuzzyRule,
  compile(rule, definitions, memos) {
    const definition = definitions.comparators.get(rule.comparator)
    if (definition === undefined) throw unknownName('comparator', rule.comparator)
    const options = rule.options ?? {}
    return fuzzyRule(rule, definition.create(options, memos), definition.createPrepared?.(options, memos))
  },
}
