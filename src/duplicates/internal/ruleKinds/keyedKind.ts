import type { IssuePath } from '../../../errors.js'
import type { InputReader } from '../../../internal/validate.js'
import type { ComparisonMethod, KeyedDuplicateRule } from '../../types.js'
import { readField } from '../readField.js'
import type { FuzzyCompare, Normalize } from '../ruleDefinitions.js'
import {
  fieldLabel,
  inactive,
  readFieldList,
  readName,
  unknownName,
  type BaseCodes,
  type CompiledRule,
  type Definitions,
  type RuleHead,
  type RuleKind,
} from './shared.js'

// A keyed rule: fields turned into codes by a named normaliser; two records match when any codes are equal.

const METHODS: readonly ComparisonMethod[] = [
  'exact', 'same-first-characters', 'same-last-characters', 'same-date', 'same-date-time', 'picklist-exact', 'email',
  'e164', 'domain', 'jaro-winkler', 'levenshtein', 'token', 'nickname', 'phonetic', 'initial', 'swapped', 'date',
]

function readKeyedRule(
  reader: InputReader,
  raw: Readonly<Record<string, unknown>>,
  root: IssuePath,
  head: RuleHead | undefined,
  definitions: Definitions,
): KeyedDuplicateRule | undefined {
  const baseFields = readFieldList(reader, raw.baseFields, [...root, 'baseFields'], true)
  const matchingFields = raw.matchingFields === undefined ? baseFields : readFieldList(reader, raw.matchingFields, [...root, 'matchingFields'], true)
  const normalizer = readName(reader, raw.normalizer, [...root, 'normalizer'], definitions.normalizers, 'normaliser')
  const definition = normalizer === undefined ? undefined : definitions.normalizers.get(normalizer)
  const normalizerOptions = definition?.readOptions(reader, raw.normalizerOptions, [...root, 'normalizerOptions'])
  const method = raw.method === undefined ? definition?.method : reader.enumeration(raw.method, [...root, 'method'], METHODS)
  const maxSharedBy = reader.number(raw.maxSharedBy, [...root, 'maxSharedBy'], { integer: true, min: 1 })
  const confirm = raw.confirm === undefined ? undefined : readConfirm(reader, raw.confirm, [...root, 'confirm'], definitions)
  if (head === undefined || baseFields === undefined || matchingFields === undefined || normalizer === undefined || method === undefined) {
    return undefined
  }
  return {
    kind: 'keyed',
    name: head.name,
    baseEntity: head.baseEntity,
    matchingEntity: head.matchingEntity,
    baseFields,
    matchingFields,
    normalizer,
    ...(normalizerOptions === undefined || Object.keys(normalizerOptions).length === 0 ? {} : { normalizerOptions }),
    method,
    ...(maxSharedBy === undefined ? {} : { maxSharedBy }),
    ...(confirm === undefined ? {} : { confirm }),
    excludeInactiveMatchingRecords: head.excludeInactiveMatchingRecords,
    published: head.published,
  }
}

function readConfirm(reader: InputReader, value: unknown, path: IssuePath, definitions: Definitions): KeyedDuplicateRule['confirm'] {
  const raw = reader.object(value, path)
  if (raw === undefined) return undefined
  reader.knownKeys(raw, ['comparator', 'options'], path, 'a confirm')
  const comparator = readName(reader, raw.comparator, [...path, 'comparator'], definitions.comparators, 'comparator')
  const options = comparator === undefined ? undefined : definitions.comparators.get(comparator)?.readOptions(reader, raw.options, [...path, 'options'])
  if (comparator === undefined || options === undefined) return undefined
  return Object.keys(options).length === 0 ? { comparator } : { comparator, options }
}

function keyedRule(rule: KeyedDuplicateRule, normalize: Normalize, check: FuzzyCompare | undefined): CompiledRule {
  // A pair with equal codes matches unless the confirm comparator, able to compare it, says no.
  const confirms = (record: object, candidate: object): boolean => check === undefined || check(record, candidate, false)?.isMatch !== false
  const each = (record: object, fields: readonly string[], visit: (code: string, field: string) => void): void => {
    for (let f = 0; f < fields.length; f += 1) {
      const field = fields[f] as string
      const raw = readField(record, field)
      if (typeof raw !== 'string' || raw === '') continue
      const code = normalize(raw)
      if (code !== undefined) visit(code, field)
    }
  }
  /** The base and matching fields whose codes are equal (and the pair confirmed), or `undefined`. */
  const matching = (base: BaseCodes | undefined, record: object, candidate: object): readonly [string, string] | undefined => {
    if (base === undefined || base.length === 0 || inactive(rule, candidate)) return undefined
    const pair = pairOf(base, candidate)
    return pair === undefined || !confirms(record, candidate) ? undefined : pair
  }
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
  const maxSharedBy = rule.maxSharedBy ?? Infinity
  const compiled: CompiledRule = {
    rule,
    matchKind: 'matchcode',
    symmetric: rule.baseFields.length === rule.matchingFields.length && rule.baseFields.every((f, i) => rule.matchingFields[i] === f),
    maxSharedBy,
    confirms,
    eachCode: (record, side, visit) => each(record, side === 'base' ? rule.baseFields : rule.matchingFields, visit),
    prepare(record, frequency) {
      const codes: (readonly [string, string])[] = []
      each(record, rule.baseFields, (code, field) => {
        if (maxSharedBy === Infinity || frequency === undefined || frequency(compiled, code) <= maxSharedBy) codes.push([field, code])
      })
      return codes
    },
    fire(base, record, candidate) {
      const fields = matching(base, record, candidate)
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
    score: (base, record, candidate) => (matching(base, record, candidate) === undefined ? undefined : 1),
    compare(record, candidate) {
      const codes: (readonly [string, string])[] = []
      each(record, rule.baseFields, (code, field) => codes.push([field, code]))
      let otherField: string | undefined
      each(candidate, rule.matchingFields, (_code, field) => (otherField ??= field))
      if (codes.length === 0 || otherField === undefined) return undefined
      const pair = pairOf(codes, candidate) ?? [(codes[0] as readonly [string, string])[0], otherField]
      const isMatch = pairOf(codes, candidate) !== undefined && confirms(record, candidate)
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
  return compiled
}

/** Keyed rules: read and run. */
export const KEYED_KIND: RuleKind<KeyedDuplicateRule> = {
  keys: ['kind', 'name', 'baseEntity', 'matchingEntity', 'baseFields', 'matchingFields', 'normalizer', 'normalizerOptions', 'method', 'maxSharedBy', 'confirm', 'excludeInactiveMatchingRecords', 'published'],
  read: readKeyedRule,
  compile(rule, definitions, memos) {
    const definition = definitions.normalizers.get(rule.normalizer)
    if (definition === undefined) throw unknownName('normalizer', rule.normalizer)
    let check: FuzzyCompare | undefined
    if (rule.confirm !== undefined) {
      const confirm = definitions.comparators.get(rule.confirm.comparator)
      if (confirm === undefined) throw unknownName('comparator', rule.confirm.comparator)
      check = confirm.create(rule.confirm.options ?? {}, memos)
    }
    return keyedRule(rule, definition.create(rule.normalizerOptions ?? {}, memos), check)
  },
}
