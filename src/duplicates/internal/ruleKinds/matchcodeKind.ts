import type { IssuePath } from '../../../errors.js'
import type { InputReader } from '../../../internal/validate.js'
import { formatPath } from '../../../internal/validate.js'
import { matchcode } from '../../matchcode.js'
import { CONDITION_OPERATORS } from '../../ruleVocabulary.js'
import type { DuplicateRule, DuplicateRuleCondition, FieldComparison } from '../../types.js'
import { readField } from '../readField.js'
import { fieldLabel, inactive, NO_CODES, readFieldPath, type BaseCodes, type CompiledRule, type RuleHead, type RuleKind } from './shared.js'

// A Dataverse matchcode rule: conditions AND-ed, two records match when their matchcodes are equal.

const CONDITION_KEYS = ['baseField', 'matchingField', 'operator', 'characters', 'ignoreBlankValues']

function readMatchcodeRule(reader: InputReader, raw: Readonly<Record<string, unknown>>, root: IssuePath, head: RuleHead | undefined): DuplicateRule | undefined {
  const caseSensitive = reader.boolean(raw.caseSensitive, [...root, 'caseSensitive']) ?? false
  const list = reader.array(raw.conditions, [...root, 'conditions'], true)
  if (list !== undefined && list.length === 0) {
    reader.add('invalid_rule', [...root, 'conditions'], `${formatPath([...root, 'conditions'])} must have at least one condition`)
  }
  const conditions: DuplicateRuleCondition[] = []
  const single = list?.length === 1
  list?.forEach((item, index) => {
    const at = [...root, 'conditions', index]
    const condition = reader.object(item, at)
    if (condition === undefined) return
    reader.knownKeys(condition, CONDITION_KEYS, at, 'a rule condition')
    const baseField = readFieldPath(reader, condition.baseField, [...at, 'baseField'], true)
    const matchingField =
      condition.matchingField === undefined ? baseField : readFieldPath(reader, condition.matchingField, [...at, 'matchingField'], true)
    const operator = reader.enumeration(condition.operator, [...at, 'operator'], CONDITION_OPERATORS, true)
    const needsCharacters = operator === 'same-first-characters' || operator === 'same-last-characters'
    let characters: number | undefined
    if (needsCharacters) {
      if (condition.characters === undefined || condition.characters === null) {
        reader.add('invalid_rule', [...at, 'characters'], `${formatPath([...at, 'characters'])} is required for ${operator}: give the number of characters to compare (1 or more)`)
      } else {
        characters = reader.number(condition.characters, [...at, 'characters'], { integer: true, min: 1, max: 1000 })
      }
    } else if (condition.characters !== undefined) {
      reader.add('invalid_rule', [...at, 'characters'], `${formatPath([...at, 'characters'])} only applies to same-first-characters and same-last-characters; remove it`)
    }
    const ignoreBlank = reader.boolean(condition.ignoreBlankValues, [...at, 'ignoreBlankValues']) ?? false
    if (baseField === undefined || matchingField === undefined || operator === undefined) return
    if (needsCharacters && characters === undefined) return
    conditions.push({
      baseField,
      matchingField,
      operator,
      ...(characters === undefined ? {} : { characters }),
      // Dataverse: a rule with a single condition always ignores blank values.
      ignoreBlankValues: single ? true : ignoreBlank,
    })
  })
  if (head === undefined) return undefined
  return {
    kind: 'matchcode',
    name: head.name,
    baseEntity: head.baseEntity,
    matchingEntity: head.matchingEntity,
    conditions,
    caseSensitive,
    excludeInactiveMatchingRecords: head.excludeInactiveMatchingRecords,
    published: head.published,
  }
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
    maxSharedBy: Infinity,
    confirms: () => true,
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

/** Matchcode rules: read and run. */
export const MATCHCODE_KIND: RuleKind<DuplicateRule> = {
  keys: ['kind', 'name', 'baseEntity', 'matchingEntity', 'conditions', 'caseSensitive', 'excludeInactiveMatchingRecords', 'published'],
  read: (reader, raw, root, head) => readMatchcodeRule(reader, raw, root, head),
  compile: (rule) => matchcodeRule(rule),
}
