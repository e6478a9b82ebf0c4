import { LeadkitError, type IssuePath, type SafeParseResult } from '../errors.js'
import { asLeadkitError, formatPath, InputReader, safely } from '../internal/validate.js'
import { definitionsOf, type DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { trustedRule } from './internal/parsedRule.js'
import { KIND_NAMES, RULE_KINDS } from './internal/ruleKinds/index.js'
import { readHead, type Definitions, type RuleKind } from './internal/ruleKinds/shared.js'
import { asRuleIssues, overPublished } from './internal/ruleIssues.js'
import { MAX_PUBLISHED_RULES_PER_ENTITY } from './ruleVocabulary.js'
import type { AnyDuplicateRule, DuplicateEntity, DuplicateRule, FuzzyDuplicateRule, KeyedDuplicateRule } from './types.js'

export { CONDITION_OPERATORS, DUPLICATE_ENTITIES, MAX_PUBLISHED_RULES_PER_ENTITY } from './ruleVocabulary.js'

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

function readRule(reader: InputReader, input: unknown, root: IssuePath, definitions: Definitions): AnyDuplicateRule | undefined {
  const before = reader.issues.length
  const raw = reader.object(input, root)
  if (raw === undefined) return undefined
  const kindName = raw.kind === undefined ? 'matchcode' : reader.enumeration(raw.kind, [...root, 'kind'], KIND_NAMES)
  if (kindName === undefined) return undefined
  const kind = RULE_KINDS[kindName] as RuleKind<AnyDuplicateRule>
  reader.knownKeys(raw, kind.keys, root, `a ${kindName} duplicate rule`)
  const rule = kind.read(reader, raw, root, readHead(reader, raw, root), definitions)
  return reader.issues.length > before ? undefined : rule
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
  try {
    return parseDuplicateRuleUnguarded(input, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseDuplicateRuleUnguarded(input: unknown, options?: ParseDuplicateRuleOptions): AnyDuplicateRule {
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
  try {
    return parseDuplicateRulesUnguarded(input, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseDuplicateRulesUnguarded(
  input: unknown,
  options?: ParseDuplicateRuleOptions,
): readonly AnyDuplicateRule[] {
  const reader = new InputReader()
  const list = reader.array(input, [], true)
  const rules = list === undefined ? [] : readRuleList(reader, list, [], definitionsOf(options?.registry), false)
  if (!reader.ok) throw new LeadkitError(asRuleIssues(reader.issues))
  return Object.freeze(rules)
}

/**
 * Reads a list of rules at `root` into `reader`, each made a parsed rule, and refuses the sixth published rule of a
 * base record type: of matchcode rules only, or of every kind with `everyKind` (internal: the settings parser
 * reads the admin's rules with it, so its issues carry paths into the settings; their codes still need
 * {@link asRuleIssues}).
 */
function readRuleList(
  reader: InputReader,
  list: readonly unknown[],
  root: IssuePath,
  definitions: Definitions,
  everyKind: boolean,
): AnyDuplicateRule[] {
  const rules: AnyDuplicateRule[] = []
  const published = new Map<DuplicateEntity, number>()
  list.forEach((item, index) => {
    const at = [...root, index]
    const rule = readRule(reader, item, at, definitions)
    if (rule === undefined) return
    const counted = rule.published && (everyKind || rule.kind === 'matchcode')
    const count = counted ? overPublished(published, rule.baseEntity) : undefined
    if (count !== undefined) {
      reader.add(
        'invalid_rule',
        at,
        `rule ${formatPath(at)} "${rule.name.slice(0, 80)}" would be published rule number ${count} for ` +
          `${rule.baseEntity}; at most ${MAX_PUBLISHED_RULES_PER_ENTITY} rules per record type can be published: ` +
          'set published to false on one, or remove it',
      )
      return
    }
    rules.push(finish(rule))
  })
  return rules
}

/** Every problem of a rule is "a rule that cannot run" (internal: shared with the rule compiler and settings). */
export { asRuleIssues, readRuleList }
