import { LeadkitError, type Issue, type SafeParseResult } from '../errors.js'
import { InputReader, formatPath, safely } from '../internal/validate.js'
import { deepFreeze } from '../internal/immer.js'
import type { ConditionOperator, DuplicateEntity, DuplicateRule, DuplicateRuleCondition } from './types.js'
import { isForbiddenKey } from '../internal/keys.js'

/**
 * The record types a rule may name.
 *
 * @example
 * DUPLICATE_ENTITIES //=> ['lead', 'account', 'contact', 'opportunity']
 */
export const DUPLICATE_ENTITIES: readonly DuplicateEntity[] = Object.freeze(['lead', 'account', 'contact', 'opportunity'])

/**
 * The condition operators a rule may use.
 *
 * @example
 * CONDITION_OPERATORS.includes('same-date') //=> true
 */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = Object.freeze([
  'exact',
  'same-first-characters',
  'same-last-characters',
  'same-date',
  'same-date-time',
  'picklist-exact',
])

/**
 * At most this many published rules per base record type, as in Dataverse.
 *
 * @example
 * MAX_PUBLISHED_RULES_PER_ENTITY //=> 5
 */
export const MAX_PUBLISHED_RULES_PER_ENTITY = 5


function readFieldPath(reader: InputReader, value: unknown, path: readonly (string | number)[], required: boolean): string | undefined {
  const text = reader.string(value, path, { required, max: 200 })
  if (text === undefined) return undefined
  const segments = text.split('.')
  if (segments.some((s) => s.trim() === '' || s !== s.trim())) {
    return reader.add('invalid_rule', path, `${formatPath(path)} must be a field path like "email" or "address.city" (got "${text}")`)
  }
  if (segments.some((s) => isForbiddenKey(s))) {
    return reader.add('forbidden_key', path, `${formatPath(path)} must not name "__proto__", "constructor" or "prototype"`)
  }
  return text
}

function readRule(reader: InputReader, input: unknown, root: readonly (string | number)[]): DuplicateRule | undefined {
  const before = reader.issues.length
  const raw = reader.object(input, root)
  if (raw === undefined) return undefined
  const name = reader.string(raw.name, [...root, 'name'], { required: true, max: 160 })
  const baseEntity = reader.enumeration(raw.baseEntity, [...root, 'baseEntity'], DUPLICATE_ENTITIES, true)
  const matchingEntity =
    raw.matchingEntity === undefined
      ? baseEntity
      : reader.enumeration(raw.matchingEntity, [...root, 'matchingEntity'], DUPLICATE_ENTITIES, true)
  if (raw.kind !== undefined && raw.kind !== 'matchcode') {
    reader.add('invalid_rule', [...root, 'kind'], `${formatPath([...root, 'kind'])} must be "matchcode" or absent`)
  }
  const caseSensitive = reader.boolean(raw.caseSensitive, [...root, 'caseSensitive']) ?? false
  const excludeInactive = reader.boolean(raw.excludeInactiveMatchingRecords, [...root, 'excludeInactiveMatchingRecords']) ?? false
  const published = reader.boolean(raw.published, [...root, 'published']) ?? true
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
  if (reader.issues.length > before || name === undefined || baseEntity === undefined || matchingEntity === undefined) return undefined
  return { kind: 'matchcode', name, baseEntity, matchingEntity, conditions, caseSensitive, excludeInactiveMatchingRecords: excludeInactive, published }
}

function asRuleIssues(issues: readonly Issue[]): Issue[] {
  // Every problem of a rule is "a rule that cannot run"; prototype-polluting keys keep their own code.
  return issues.map((issue) => (issue.code === 'forbidden_key' ? issue : { ...issue, code: 'invalid_rule' }))
}

/**
 * Parses a duplicate-detection rule with Dataverse semantics: a base and a matching record type, conditions AND-ed
 * (Exact Match, Same First/Last Characters N, Same Date, Same Date and Time, pick-list exact), per-condition
 * "ignore blank values" (forced on for a single-condition rule), case sensitivity (default off), "exclude inactive
 * matching records" (default off) and published (default on: only published rules run). `matchingField` defaults to
 * `baseField`, `matchingEntity` to `baseEntity`.
 *
 * @param input - untrusted rule definition (e.g. from `settings.duplicateDetection.rules`)
 * @returns a frozen {@link DuplicateRule}
 * @throws LeadkitError `invalid_rule` with the path of the offending field, e.g. `['conditions', 1, 'characters']`
 * @example
 * const rule = parseDuplicateRule({
 *   name: 'Leads with the same last name and first 3 letters of company',
 *   baseEntity: 'lead',
 *   conditions: [
 *     { baseField: 'lastName', operator: 'exact' },
 *     { baseField: 'companyName', operator: 'same-first-characters', characters: 3 },
 *   ],
 * })
 * rule.conditions[1]?.characters //=> 3
 */
export function parseDuplicateRule(input: unknown): DuplicateRule {
  const reader = new InputReader()
  const rule = readRule(reader, input, [])
  if (!reader.ok || rule === undefined) throw new LeadkitError(asRuleIssues(reader.issues))
  return deepFreeze(rule)
}

/**
 * Like {@link parseDuplicateRule}, but returns `{ success, value | issues }` instead of throwing.
 *
 * @example
 * safeParseDuplicateRule({ name: 'x', baseEntity: 'lead', conditions: [] }).success //=> false
 */
export function safeParseDuplicateRule(input: unknown): SafeParseResult<DuplicateRule> {
  return safely(() => parseDuplicateRule(input))
}

/**
 * Parses a list of rules and enforces Dataverse's limit of at most 5 published rules per base record type
 * (unpublished rules do not count).
 *
 * @throws LeadkitError `invalid_rule` at `[i, …]` for a bad rule, or at `[i]` for the sixth published rule of a type
 * @example
 * parseDuplicateRules([{ name: 'Same email', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }] }]).length //=> 1
 */
export function parseDuplicateRules(input: unknown): readonly DuplicateRule[] {
  const reader = new InputReader()
  const list = reader.array(input, [], true)
  const rules: DuplicateRule[] = []
  const published = new Map<DuplicateEntity, number>()
  list?.forEach((item, index) => {
    const rule = readRule(reader, item, [index])
    if (rule === undefined) return
    if (rule.published) {
      const count = (published.get(rule.baseEntity) ?? 0) + 1
      published.set(rule.baseEntity, count)
      if (count > MAX_PUBLISHED_RULES_PER_ENTITY) {
        reader.add(
          'invalid_rule',
          [index],
          `rule [${index}] "${rule.name}" would be published rule number ${count} for ${rule.baseEntity}; at most ${MAX_PUBLISHED_RULES_PER_ENTITY} rules per record type can be published: unpublish one`,
        )
        return
      }
    }
    rules.push(rule)
  })
  if (!reader.ok) throw new LeadkitError(asRuleIssues(reader.issues))
  return deepFreeze(rules)
}
