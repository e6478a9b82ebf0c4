import type { IssuePath } from '../../errors.js'
import type { InputReader } from '../../internal/validate.js'
import { formatPath } from '../../internal/validate.js'
import type { Lead } from '../../records/types.js'
import type { ScoringCondition, ScoringConditionOperator, ScoringConditionValue } from '../types.js'
import { isForbiddenKey } from '../../internal/keys.js'
import { isBlank } from '../../internal/isBlank.js'

const OPERATORS: readonly ScoringConditionOperator[] = ['equals', 'not-equals', 'in', 'not-in', 'contains-data', 'does-not-contain-data']
const CONDITION_KEYS: readonly string[] = ['field', 'operator', 'value', 'values']
const FIELD = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/

/** Reads a dotted field of a lead (`extra.lineOfBusiness`), own properties only. */
export function readField(lead: Lead, segments: readonly string[]): unknown {
  let value: unknown = lead
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}


function same(actual: unknown, expected: ScoringConditionValue): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.trim().toLowerCase() === expected.trim().toLowerCase()
  return actual === expected
}

/** A condition turned into a predicate once, so checking many leads does not re-split field paths. */
export type ConditionTest = (lead: Lead) => boolean

/** Compiles conditions into one predicate that holds when a lead meets all of them. */
export function compileConditions(conditions: readonly ScoringCondition[]): ConditionTest {
  if (conditions.length === 0) return () => true
  const tests = conditions.map((condition): ConditionTest => {
    const segments = condition.field.split('.')
    const values = condition.values ?? []
    switch (condition.operator) {
      case 'equals':
        return (lead) => same(readField(lead, segments), condition.value as ScoringConditionValue)
      case 'not-equals':
        return (lead) => !same(readField(lead, segments), condition.value as ScoringConditionValue)
      case 'in':
        return (lead) => {
          const actual = readField(lead, segments)
          return values.some((v) => same(actual, v))
        }
      case 'not-in':
        return (lead) => {
          const actual = readField(lead, segments)
          return !values.some((v) => same(actual, v))
        }
      case 'contains-data':
        return (lead) => !isBlank(readField(lead, segments))
      case 'does-not-contain-data':
        return (lead) => isBlank(readField(lead, segments))
    }
  })
  return (lead) => {
    for (const test of tests) if (!test(lead)) return false
    return true
  }
}

function readValue(reader: InputReader, value: unknown, path: IssuePath): ScoringConditionValue | undefined {
  if (typeof value === 'string') return reader.storable(value, path) ? value : undefined
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value
  if (value === undefined || value === null) return reader.add('required', path, `${formatPath(path)} is required for this operator`)
  return reader.add('invalid_type', path, `${formatPath(path)} must be a string, a finite number or a boolean`)
}

/** Reads a list of conditions from untrusted input, recording issues under `path`; a fresh frozen-ready copy. */
export function readConditions(reader: InputReader, input: unknown, path: IssuePath): ScoringCondition[] {
  const list = reader.array(input, path)
  if (list === undefined) return []
  const out: ScoringCondition[] = []
  list.forEach((item, index) => {
    const at = [...path, index]
    const object = reader.object(item, at)
    if (object === undefined) return
    const field = reader.string(object.field, [...at, 'field'], { required: true })
    if (field !== undefined) {
      if (!FIELD.test(field)) {
        reader.add('invalid_format', [...at, 'field'], `${formatPath([...at, 'field'])} must be a field name, dotted for nested fields, like extra.lineOfBusiness (got "${field}")`)
        return
      }
      const bad = field.split('.').find((segment) => isForbiddenKey(segment))
      if (bad !== undefined) {
        reader.add('forbidden_key', [...at, 'field'], `${formatPath([...at, 'field'])} must not contain "${bad}"`)
        return
      }
    }
    const operator = reader.enumeration(object.operator, [...at, 'operator'], OPERATORS, true)
    reader.knownKeys(object, CONDITION_KEYS, at, 'a condition')
    if (field === undefined || operator === undefined) return
    // A value the operator does not read would look like part of the condition and do nothing.
    const takesValue = operator === 'equals' || operator === 'not-equals'
    const takes = takesValue ? 'value' : operator === 'in' || operator === 'not-in' ? 'values' : undefined
    for (const key of ['value', 'values'] as const) {
      if (key !== takes && object[key] !== undefined) {
        const instead = takes === undefined ? '' : `, which takes ${takes}`
        reader.add(
          'invalid_combination',
          [...at, key],
          `${formatPath([...at, key])} is not read by the operator "${operator}"${instead}; ` +
            'remove it or change the operator',
        )
        return
      }
    }
    if (operator === 'equals' || operator === 'not-equals') {
      const value = readValue(reader, object.value, [...at, 'value'])
      if (value !== undefined) out.push({ field, operator, value })
    } else if (operator === 'in' || operator === 'not-in') {
      const values = reader.array(object.values, [...at, 'values'], true)
      if (values === undefined) return
      if (values.length === 0) {
        reader.add('invalid_value', [...at, 'values'], `${formatPath([...at, 'values'])} must list at least one value`)
        return
      }
      const read = values.map((v, i) => readValue(reader, v, [...at, 'values', i]))
      if (read.every((v) => v !== undefined)) out.push({ field, operator, values: read as ScoringConditionValue[] })
    } else {
      out.push({ field, operator })
    }
  })
  return out
}
