import type { IssuePath } from '../../../errors.js'
import type { InputReader } from '../../../internal/validate.js'
import type { ComparisonMethod, KeyedDuplicateRule } from '../../types.js'
import { readField } from '../readField.js'
import type { Normalize } from '../ruleDefinitions.js'
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
    excludeInactiveMatchingRecords: head.excludeInactiveMatchingRecords,
    published: head.published,
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
  const maxSharedBy = rule.maxSharedBy ?? Infinity
  const compiled: CompiledRule = {
    rule,
    matchKind: 'matchcode',
    symmetric: rule.baseFields.length === rule.matchingFields.length && rule.baseFields.every((f, i) => rule.matchingFields[i] === f),
    maxSharedBy,
    eachCode: (record, side, visit) => each(record, side === 'base' ? rule.baseFields : rule.matchingFields, visit),
    prepare(record, frequency) {
      const codes: (readonly [string, string])[] = []
      each(record, rule.baseFields, (code, field) => {
        if (maxSharedBy === Infinity || frequency === undefined || frequency(compiled, code) <= maxSharedBy) codes.push([field, code])
      })
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
  return compiled
}

/** Keyed rules: read and run. */
export const KEYED_KIND: RuleKind<KeyedDuplicateRule> = {
  keys: ['kind', 'name', 'baseEntity', 'matchingEntity', 'baseFields', 'matchingFields', 'normalizer', 'normalizerOptions', 'method', 'maxSharedBy', 'excludeInactiveMatchingRecords', 'published'],
  read: readKeyedRule,
  compile(rule, definitions, memos) {
    const definition = definitions.normalizers.get(rule.normalizer)
    if (definition === undefined) throw unknownName('normalizer', rule.normalizer)
    return keyedRule(rule, definition.create(rule.normalizerOptions ?? {}, memos))
  },
}
