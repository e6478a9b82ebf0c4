import { LeadkitError, type Issue, type IssuePath, type SafeParseResult } from '../errors.js'
import { isForbiddenKey } from '../internal/keys.js'
import { InputReader, didYouMean, formatPath, safely } from '../internal/validate.js'
import { definitionsOf, type DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { trustedRule } from './internal/parsedRule.js'
import type {
  AnyDuplicateRule,
  ComparisonMethod,
  ConditionOperator,
  DuplicateEntity,
  DuplicateRule,
  DuplicateRuleCondition,
  FuzzyDuplicateRule,
  KeyedDuplicateRule,
} from './types.js'

type Definitions = ReturnType<typeof definitionsOf>

/**
 * Options of `parseDuplicateRule` and {@link parseDuplicateRules}.
 *
 * @example
 * parseDuplicateRule(rule, { registry: createDuplicateRuleRegistry({ normalizers: { 'acme.vat': (v) => v } }) })
 */
export interface ParseDuplicateRuleOptions {
  /** Where the normaliser and comparator names come from (default: the built-in ones). */
  readonly registry?: DuplicateRuleRegistry
}

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


function readFieldPath(reader: InputReader, value: unknown, path: IssuePath, required: boolean): string | undefined {
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

const RULE_KEYS: Readonly<Record<AnyDuplicateRule['kind'], readonly string[]>> = {
  matchcode: ['kind', 'name', 'baseEntity', 'matchingEntity', 'conditions', 'caseSensitive', 'excludeInactiveMatchingRecords', 'published'],
  keyed: ['kind', 'name', 'baseEntity', 'matchingEntity', 'baseFields', 'matchingFields', 'normalizer', 'normalizerOptions', 'method', 'excludeInactiveMatchingRecords', 'published'],
  fuzzy: ['kind', 'name', 'baseEntity', 'matchingEntity', 'comparator', 'options', 'excludeInactiveMatchingRecords', 'published'],
}
const CONDITION_KEYS = ['baseField', 'matchingField', 'operator', 'characters', 'ignoreBlankValues']
const KINDS = ['matchcode', 'keyed', 'fuzzy'] as const
const METHODS: readonly ComparisonMethod[] = [
  'exact', 'same-first-characters', 'same-last-characters', 'same-date', 'same-date-time', 'picklist-exact', 'email',
  'e164', 'domain', 'jaro-winkler', 'levenshtein', 'token', 'nickname', 'phonetic', 'initial', 'swapped', 'date',
]

/** What every kind of rule has: its name, record types, and the two switches. */
interface RuleHead {
  readonly name: string
  readonly baseEntity: DuplicateEntity
  readonly matchingEntity: DuplicateEntity
  readonly excludeInactiveMatchingRecords: boolean
  readonly published: boolean
}

function readHead(reader: InputReader, raw: Readonly<Record<string, unknown>>, root: IssuePath): RuleHead | undefined {
  const name = reader.string(raw.name, [...root, 'name'], { required: true, max: 160 })
  const baseEntity = reader.enumeration(raw.baseEntity, [...root, 'baseEntity'], DUPLICATE_ENTITIES, true)
  const matchingEntity =
    raw.matchingEntity === undefined ? baseEntity : reader.enumeration(raw.matchingEntity, [...root, 'matchingEntity'], DUPLICATE_ENTITIES, true)
  const excludeInactiveMatchingRecords = reader.boolean(raw.excludeInactiveMatchingRecords, [...root, 'excludeInactiveMatchingRecords']) ?? false
  const published = reader.boolean(raw.published, [...root, 'published']) ?? true
  if (name === undefined || baseEntity === undefined || matchingEntity === undefined) return undefined
  return { name, baseEntity, matchingEntity, excludeInactiveMatchingRecords, published }
}

function readRule(reader: InputReader, input: unknown, root: IssuePath, definitions: Definitions): AnyDuplicateRule | undefined {
  const before = reader.issues.length
  const raw = reader.object(input, root)
  if (raw === undefined) return undefined
  const kind = raw.kind === undefined ? 'matchcode' : reader.enumeration(raw.kind, [...root, 'kind'], KINDS)
  if (kind === undefined) return undefined
  reader.knownKeys(raw, RULE_KEYS[kind], root, `a ${kind} duplicate rule`)
  const head = readHead(reader, raw, root)
  let rule: AnyDuplicateRule | undefined
  if (kind === 'matchcode') rule = readMatchcodeRule(reader, raw, root, head)
  else if (kind === 'keyed') rule = readKeyedRule(reader, raw, root, head, definitions)
  else rule = readFuzzyRule(reader, raw, root, head, definitions)
  return reader.issues.length > before ? undefined : rule
}

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

function readFieldList(reader: InputReader, value: unknown, path: IssuePath, required: boolean): string[] | undefined {
  const list = reader.array(value, path, required)
  if (list === undefined) return undefined
  if (list.length === 0 || list.length > 20) return reader.add('invalid_rule', path, `${formatPath(path)} must list 1 to 20 field paths`)
  const fields = list.map((item, i) => readFieldPath(reader, item, [...path, i], true))
  return fields.every((field) => field !== undefined) ? (fields as string[]) : undefined
}

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
    excludeInactiveMatchingRecords: head.excludeInactiveMatchingRecords,
    published: head.published,
  }
}

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

function readName(reader: InputReader, value: unknown, path: IssuePath, known: ReadonlyMap<string, unknown>, what: string): string | undefined {
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

function asRuleIssues(issues: readonly Issue[]): Issue[] {
  // Every problem of a rule is "a rule that cannot run"; prototype-polluting keys keep their own code.
  return issues.map((issue) => (issue.code === 'forbidden_key' ? issue : { ...issue, code: 'invalid_rule' }))
}

/** Freezes a rule the reader built and marks it as parsed. */
const finish = trustedRule

/**
 * Parses a duplicate-detection rule — plain JSON of one of three kinds — into a frozen rule every engine trusts:
 *
 * - `matchcode` (the default `kind`), with Dataverse semantics: a base and a matching record type, conditions AND-ed
 *   (Exact Match, Same First/Last Characters N, Same Date, Same Date and Time, pick-list exact), per-condition
 *   "ignore blank values" (forced on for a single-condition rule) and case sensitivity (default off);
 * - `keyed`: fields normalised by a named normaliser (`email`, `phone`, …), matching when any code is equal;
 * - `fuzzy`: a named comparator (`lead-name-and-company`, `scored`, …) with its options.
 *
 * Every kind has "exclude inactive matching records" (default off) and published (default on: only published rules
 * run); `matchingEntity` defaults to `baseEntity`, `matchingField`/`matchingFields` to the base ones. Unknown keys
 * are errors (with the closest known key when one is near: a typo must not quietly do nothing), and so are unknown
 * normaliser or comparator names and bad options. Options are completed with their defaults, so the parsed rule,
 * written back as JSON, says exactly what runs.
 *
 * @param input - untrusted rule definition (e.g. from `settings.duplicateDetection.rules`)
 * @param options - `registry` for a host's own normalisers and comparators
 * @returns a frozen rule
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
export function parseDuplicateRule(input: { readonly kind: 'keyed'; readonly [key: string]: unknown }, options?: ParseDuplicateRuleOptions): KeyedDuplicateRule
export function parseDuplicateRule(input: { readonly kind: 'fuzzy'; readonly [key: string]: unknown }, options?: ParseDuplicateRuleOptions): FuzzyDuplicateRule
export function parseDuplicateRule(
  input: { readonly kind?: 'matchcode'; readonly conditions: unknown; readonly [key: string]: unknown },
  options?: ParseDuplicateRuleOptions,
): DuplicateRule
export function parseDuplicateRule(input: unknown, options?: ParseDuplicateRuleOptions): AnyDuplicateRule
export function parseDuplicateRule(input: unknown, options?: ParseDuplicateRuleOptions): AnyDuplicateRule {
  const reader = new InputReader()
  const rule = readRule(reader, input, [], definitionsOf(options?.registry))
  if (!reader.ok || rule === undefined) throw new LeadkitError(asRuleIssues(reader.issues))
  return finish(rule)
}

/**
 * Like `parseDuplicateRule`, but returns `{ success, value | issues }` instead of throwing.
 *
 * @example
 * safeParseDuplicateRule({ name: 'x', baseEntity: 'lead', conditions: [] }).success //=> false
 */
export function safeParseDuplicateRule(input: unknown, options?: ParseDuplicateRuleOptions): SafeParseResult<AnyDuplicateRule> {
  return safely(() => parseDuplicateRule(input, options))
}

/**
 * Parses a list of rules of any kind and enforces Dataverse's limit of at most 5 published matchcode rules per base
 * record type (unpublished rules do not count).
 *
 * @throws LeadkitError `invalid_rule` at `[i, …]` for a bad rule, or at `[i]` for the sixth published rule of a type
 * @example
 * parseDuplicateRules([{ name: 'Same email', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }] }]).length //=> 1
 */
export function parseDuplicateRules(input: unknown, options?: ParseDuplicateRuleOptions): readonly AnyDuplicateRule[] {
  const reader = new InputReader()
  const definitions = definitionsOf(options?.registry)
  const list = reader.array(input, [], true)
  const rules: AnyDuplicateRule[] = []
  const published = new Map<DuplicateEntity, number>()
  list?.forEach((item, index) => {
    const rule = readRule(reader, item, [index], definitions)
    if (rule === undefined) return
    if (rule.published && rule.kind === 'matchcode') {
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
    rules.push(finish(rule))
  })
  if (!reader.ok) throw new LeadkitError(asRuleIssues(reader.issues))
  return Object.freeze(rules)
}

/** Every problem of a rule is "a rule that cannot run" (internal: shared with the rule compiler). */
export { asRuleIssues }
