import { LeadkitError, type IssuePath } from '../../../errors.js'
import { isForbiddenKey } from '../../../internal/keys.js'
import { didYouMean, formatPath, type InputReader } from '../../../internal/validate.js'
import type { definitionsOf } from '../../createDuplicateRuleRegistry.js'
import { isInactiveRecord } from '../../isInactiveRecord.js'
import { DUPLICATE_ENTITIES } from '../../ruleVocabulary.js'
import type { AnyDuplicateRule, DuplicateEntity, FieldComparison, FuzzyComparisonResult, RecordSide } from '../../types.js'
import type { RuleMemos } from '../ruleMemos.js'
import type { PreparedComparator } from '../ruleDefinitions.js'

// What every kind of rule shares: reading its head and its fields, and the compiled form every engine runs.

/** The normalisers and comparators rules may name. */
export type Definitions = ReturnType<typeof definitionsOf>

/** How one kind of rule is read from JSON and compiled to run: the only place a rule's kind decides anything. */
export interface RuleKind<R extends AnyDuplicateRule> {
  /** The keys a rule of this kind may have. */
  readonly keys: readonly string[]
  /** Reads the kind's own fields (issues on the reader); the head was read already. */
  read(reader: InputReader, raw: Readonly<Record<string, unknown>>, root: IssuePath, head: RuleHead | undefined, definitions: Definitions): R | undefined
  /** The rule, ready to run, with the rule set's memos. */
  compile(rule: R, definitions: Definitions, memos: RuleMemos): CompiledRule
}

/** What a rule said about one candidate: its score and the comparisons behind it. */
export interface Fired {
  readonly score: number
  readonly comparisons: readonly FieldComparison[]
}

/**
 * One rule, compiled: every engine (findDuplicates, the duplicate index, ruleMatchcodes) runs rules through this
 * interface, so the kind of a rule is looked at in one place only, the `RULE_KINDS` table.
 */
export interface CompiledRule {
  readonly rule: AnyDuplicateRule
  /** How a match under this rule is reported: equal codes (`matchcode`) or similarity (`fuzzy`). */
  readonly matchKind: 'matchcode' | 'fuzzy'
  /** Whether the rule reads the same fields on both sides (a stored record's matching codes are its base codes). */
  readonly symmetric: boolean
  /** A code carried by more records than this identifies nobody (`Infinity`: no limit). */
  readonly maxSharedBy: number
  /** Whether a pair that shares a code is not contradicted by the rule's `confirm` comparator (always, without one). */
  confirms(record: object, candidate: object): boolean
  /**
   * Calls `visit` with each matchcode of the record on `side` (repeats possible) and the field it came from. Two
   * records can only match under an exact rule when they share a code; a fuzzy rule has none.
   */
  eachCode(record: object, side: RecordSide, visit: (code: string, field: string) => void): void
  /**
   * The state of a base record the rule reuses for every candidate (its codes); `undefined` when it has none. Codes
   * that `frequency` says more than `maxSharedBy` records carry are left out: they identify nobody.
   */
  prepare(record: object, frequency?: CodeFrequency): BaseCodes | undefined
  /** What the rule says about `candidate` against `record`, with explanations; `undefined` when it does not fire. */
  fire(base: BaseCodes | undefined, record: object, candidate: object): Fired | undefined
  /** The same decision as `fire`, without building explanations. */
  score(base: BaseCodes | undefined, record: object, candidate: object): number | undefined
  /**
   * What the rule says about the pair whether it matches or not (a non-match's score and comparisons show how near
   * it came), ignoring "exclude inactive"; `undefined` when the pair cannot be compared.
   */
  compare(record: object, candidate: object): FuzzyComparisonResult | undefined
  /**
   * `score` in two halves, for a fuzzy rule whose comparator prepares records (see `PreparedComparator`): the
   * caller keeps each record's preparation and passes both, with the records. Rules that share `prepare` share
   * preparations.
   */
  readonly prepared?: PreparedComparator
}

/** How many of the records searched carry `code` under `rule` (on the matching side). */
export type CodeFrequency = (rule: CompiledRule, code: string) => number

/** A base record's codes under an exact rule: pairs of the field and its code. */
export type BaseCodes = readonly (readonly [string, string])[]

/** What every kind of rule has: its name, record types, and the two switches. */
export interface RuleHead {
  readonly name: string
  readonly baseEntity: DuplicateEntity
  readonly matchingEntity: DuplicateEntity
  readonly excludeInactiveMatchingRecords: boolean
  readonly published: boolean
}

/** Reads what every kind of rule has: its name, record types and switches. */
export function readHead(reader: InputReader, raw: Readonly<Record<string, unknown>>, root: IssuePath): RuleHead | undefined {
  const name = reader.string(raw.name, [...root, 'name'], { required: true, max: 160 })
  const baseEntity = reader.enumeration(raw.baseEntity, [...root, 'baseEntity'], DUPLICATE_ENTITIES, true)
  const matchingEntity =
    raw.matchingEntity === undefined ? baseEntity : reader.enumeration(raw.matchingEntity, [...root, 'matchingEntity'], DUPLICATE_ENTITIES, true)
  const excludeInactiveMatchingRecords = reader.boolean(raw.excludeInactiveMatchingRecords, [...root, 'excludeInactiveMatchingRecords']) ?? false
  const published = reader.boolean(raw.published, [...root, 'published']) ?? true
  if (name === undefined || baseEntity === undefined || matchingEntity === undefined) return undefined
  return { name, baseEntity, matchingEntity, excludeInactiveMatchingRecords, published }
}

export function readFieldPath(reader: InputReader, value: unknown, path: IssuePath, required: boolean): string | undefined {
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

export function readFieldList(reader: InputReader, value: unknown, path: IssuePath, required: boolean): string[] | undefined {
  const list = reader.array(value, path, required)
  if (list === undefined) return undefined
  if (list.length === 0 || list.length > 20) return reader.add('invalid_rule', path, `${formatPath(path)} must list 1 to 20 field paths`)
  const fields = list.map((item, i) => readFieldPath(reader, item, [...path, i], true))
  return fields.every((field) => field !== undefined) ? (fields as string[]) : undefined
}

export function readName(reader: InputReader, value: unknown, path: IssuePath, known: ReadonlyMap<string, unknown>, what: string): string | undefined {
  const name = reader.string(value, path, { required: true, max: 100 })
  if (name === undefined) return undefined
  if (known.has(name)) return name
  const names = [...known.keys()]
  const hint = didYouMean(name, names)
  return reader.add(
    'invalid_rule',
    path,
    `${formatPath(path)}: no ${what} is called "${name}"${hint === undefined ? '' : `; did you mean "${hint}"?`} (known: ${names.join(', ')}; register your own with createDuplicateRuleRegistry)`,
  )
}

export function unknownName(key: 'normalizer' | 'comparator', name: string): LeadkitError {
  return new LeadkitError({
    code: 'invalid_rule',
    path: [key],
    message: `no ${key === 'normalizer' ? 'normaliser' : 'comparator'} is called "${name}" in this registry: pass the registry the rule was written for`,
  })
}

export const NO_CODES: BaseCodes = Object.freeze([])

/** How a field pair is named in explanations: `email`, or `companyName/name` when the two sides differ. */
export function fieldLabel(baseField: string, matchingField: string): string {
  return baseField === matchingField ? baseField : `${baseField}/${matchingField}`
}

/** Whether "exclude inactive matching records" rules `candidate` out. */
export function inactive(rule: AnyDuplicateRule, candidate: object): boolean {
  return rule.excludeInactiveMatchingRecords && isInactiveRecord(rule.matchingEntity, candidate)
}
