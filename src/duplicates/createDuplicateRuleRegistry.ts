import { LeadkitError } from '../errors.js'
import { readJson } from '../internal/readJson.js'
import { InputReader, formatPath, asLeadkitError } from '../internal/validate.js'
import { BUILT_IN_COMPARATORS, BUILT_IN_NORMALIZERS } from './internal/builtInRules.js'
import type { ComparatorDefinition, FuzzyCompare, NormalizerDefinition, ReadOptions } from './internal/ruleDefinitions.js'
import type { FuzzyComparisonResult, RuleOptions } from './types.js'

/**
 * A host's normaliser for keyed rules: a raw field value (never blank) and the rule's options → the value's
 * matchcode, or `undefined` when the value cannot match. It must be pure: equal inputs, equal codes.
 *
 * @example
 * const vatNumber: CustomNormalizer = (value) => value.replace(/[^A-Z0-9]/gi, '').toUpperCase() || undefined
 */
export type CustomNormalizer = (value: string, options: RuleOptions) => string | undefined

/**
 * A host's comparator for fuzzy rules: called once per rule set with the rule's options, it returns the function
 * that compares a base record with a matching record (`undefined` when the pair cannot be compared).
 *
 * @example
 * const sameCity: CustomComparator = (options) => (a, b) => {
 *   const x = (a as { city?: string }).city, y = (b as { city?: string }).city
 *   if (x === undefined || y === undefined) return undefined
 *   return { isMatch: x === y, score: x === y ? 1 : 0, comparisons: [] }
 * }
 */
export type CustomComparator = (options: RuleOptions) => (base: object, matching: object) => FuzzyComparisonResult | undefined

/**
 * What {@link createDuplicateRuleRegistry} takes: the host's own normalisers and comparators, by name.
 *
 * @example
 * const input: DuplicateRuleRegistryInput = { normalizers: { 'acme.vat': (value) => value.toUpperCase() } }
 */
export interface DuplicateRuleRegistryInput {
  readonly normalizers?: Readonly<Record<string, CustomNormalizer>>
  readonly comparators?: Readonly<Record<string, CustomComparator>>
}

/**
 * The normalisers and comparators rules may name: the built-in ones and those a host registered. Pass it as
 * `registry` wherever rules are parsed or run (`parseDuplicateRule`, `findDuplicates`, `createDuplicateIndex`).
 *
 * @example
 * createDuplicateRuleRegistry().normalizers //=> ['email', 'phone', 'website', 'company-name', 'person-name', 'text']
 */
export interface DuplicateRuleRegistry {
  /** Every normaliser name keyed rules may use. */
  readonly normalizers: readonly string[]
  /** Every comparator name fuzzy rules may use. */
  readonly comparators: readonly string[]
}

const DEFINITIONS: unique symbol = Symbol('leadkit.duplicateRuleRegistry')

interface Definitions {
  readonly normalizers: ReadonlyMap<string, NormalizerDefinition>
  readonly comparators: ReadonlyMap<string, ComparatorDefinition>
}

type RegistryWithDefinitions = DuplicateRuleRegistry & { readonly [DEFINITIONS]: Definitions }

const NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/

/**
 * Creates the registry of normalisers (for keyed rules) and comparators (for fuzzy rules) that rules name, so that
 * every rule stays plain JSON: a rule says `"normalizer": "phone"` or `"comparator": "acme.same-vat"`, and the
 * registry says what runs.
 *
 * Built in, always: normalisers `email` (`stripPlusTag`, `gmailDots`), `phone` (`defaultRegion`), `website`,
 * `company-name`, `person-name` (`joinParts`), `text` (`caseSensitive`); comparators `lead-name-and-company`,
 * `lead-name-and-email-domain` (the default lead rules' "similar name" comparisons, with their thresholds as
 * options) and `scored` (a {@link createScoredMatcher} configuration). A host adds its own under new names
 * (lower-case words joined by `-` or `.`, e.g. `acme.vat-number`); a built-in name cannot be replaced.
 *
 * @throws LeadkitError `invalid_value` for a name that is taken or malformed, `invalid_type` for a non-function
 * @example
 * const registry = createDuplicateRuleRegistry({
 *   normalizers: { 'acme.vat-number': (value) => value.replace(/[^A-Z0-9]/gi, '').toUpperCase() || undefined },
 * })
 * const rule = parseDuplicateRule(
 *   { kind: 'keyed', name: 'Same VAT number', baseEntity: 'account', baseFields: ['extra.vat'], normalizer: 'acme.vat-number' },
 *   { registry },
 * )
 * findDuplicates(account, accounts, [rule], { registry })
 */
export function createDuplicateRuleRegistry(input: DuplicateRuleRegistryInput = {}): DuplicateRuleRegistry {
  try {
    return createDuplicateRuleRegistryUnguarded(input)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function createDuplicateRuleRegistryUnguarded(input: DuplicateRuleRegistryInput = {}): DuplicateRuleRegistry {
  const reader = new InputReader()
  const given = reader.object(input, []) ?? {}
  reader.knownKeys(given, ['normalizers', 'comparators'], [], 'a duplicate rule registry')
  const normalizers = new Map<string, NormalizerDefinition>(Object.entries(BUILT_IN_NORMALIZERS))
  const comparators = new Map<string, ComparatorDefinition>(Object.entries(BUILT_IN_COMPARATORS))
  for (const [name, fn] of customEntries(reader, given.normalizers, 'normalizers', normalizers)) {
    const normalize = fn as CustomNormalizer
    normalizers.set(name, { method: 'exact', readOptions: readCustomOptions, create: (options) => checkedNormalizer(name, normalize, options) })
  }
  for (const [name, fn] of customEntries(reader, given.comparators, 'comparators', comparators)) {
    const factory = fn as CustomComparator
    comparators.set(name, { readOptions: readCustomOptions, create: (options) => checkedComparator(name, factory(options)) })
  }
  reader.throwIfAny()
  return Object.freeze({
    normalizers: Object.freeze([...normalizers.keys()]),
    comparators: Object.freeze([...comparators.keys()]),
    [DEFINITIONS]: { normalizers, comparators },
  }) as RegistryWithDefinitions
}

function customEntries(reader: InputReader, value: unknown, key: string, taken: ReadonlyMap<string, unknown>): [string, unknown][] {
  if (value === undefined) return []
  const object = reader.object(value, [key])
  if (object === undefined) return []
  const entries: [string, unknown][] = []
  for (const [name, fn] of Object.entries(object)) {
    const path = [key, name]
    if (taken.has(name)) reader.add('invalid_value', path, `${formatPath(path)}: "${name}" is built in and cannot be replaced; register yours under another name`)
    else if (!NAME.test(name) || name.length > 100) {
      reader.add('invalid_value', path, `${formatPath(path)}: a name is lower-case words joined by "-" or ".", like "acme.vat-number"`)
    } else if (typeof fn !== 'function') reader.add('invalid_type', path, `${formatPath(path)} must be a function`)
    else entries.push([name, fn])
  }
  return entries
}

// A host's options are kept as they are, as long as they are JSON: a rule must survive JSON.stringify and parse.
const readCustomOptions: ReadOptions = (reader, input, path) => {
  if (input === undefined) return Object.freeze({})
  const object = reader.object(input, path)
  return object === undefined ? undefined : (readJson(reader, object, path) as RuleOptions | undefined)
}

function checkedNormalizer(name: string, normalize: CustomNormalizer, options: RuleOptions): (value: string) => string | undefined {
  return (value) => {
    const code = normalize(value, options)
    if (code === undefined || typeof code === 'string') return code === '' ? undefined : code
    throw new LeadkitError({
      code: 'invalid_rule',
      path: ['normalizer'],
      message: `the normaliser "${name}" returned ${typeof code}; it must return a string or undefined`,
    })
  }
}

function checkedComparator(name: string, compare: unknown): FuzzyCompare {
  if (typeof compare !== 'function') {
    throw new LeadkitError({ code: 'invalid_rule', path: ['comparator'], message: `the comparator "${name}" must return a function (base, matching) => result` })
  }
  return (base, matching) => {
    const result = (compare as FuzzyCompare)(base, matching)
    if (result === undefined) return undefined
    if (
      result === null ||
      typeof result !== 'object' ||
      typeof result.isMatch !== 'boolean' ||
      typeof result.score !== 'number' ||
      !(result.score >= 0 && result.score <= 1) ||
      !Array.isArray(result.comparisons)
    ) {
      throw new LeadkitError({
        code: 'invalid_rule',
        path: ['comparator'],
        message: `the comparator "${name}" returned something other than { isMatch: boolean, score: 0–1, comparisons: [] } or undefined`,
      })
    }
    return result
  }
}

/** The definitions behind a registry (internal); `undefined` means the built-in ones alone. */
export function definitionsOf(registry: DuplicateRuleRegistry | undefined): Definitions {
  if (registry === undefined) return builtInDefinitions()
  const definitions = (registry as Partial<RegistryWithDefinitions>)[DEFINITIONS]
  if (definitions === undefined) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: ['registry'],
      message: 'registry must be made by createDuplicateRuleRegistry()',
    })
  }
  return definitions
}

function builtInDefinitions(): Definitions {
  // Two maps of a handful of entries, made per use rather than kept at module level.
  return { normalizers: new Map(Object.entries(BUILT_IN_NORMALIZERS)), comparators: new Map(Object.entries(BUILT_IN_COMPARATORS)) }
}
