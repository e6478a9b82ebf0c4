import { definitionsOf } from '../duplicates/createDuplicateRuleRegistry.js'
import { asRuleIssues, readRuleList, type ParseDuplicateRuleOptions } from '../duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule } from '../duplicates/types.js'
import type { IssuePath, SafeParseResult } from '../errors.js'
import { asLeadkitError, InputReader, safely } from '../internal/validate.js'
import { rejectUnknownKeys } from './internal/settingsReader.js'
import type { DuplicateDetectionSettings } from './types.js'

const KEYS = new Set(['enabled', 'improvedExperience', 'rules'])
const NO_RULES: readonly AnyDuplicateRule[] = Object.freeze([])

/**
 * Options of the settings parsers.
 *
 * @example
 * parseQualificationSettings(json, { registry: createDuplicateRuleRegistry({ normalizers: { vat } }) })
 */
export interface ParseSettingsOptions {
  /** Where the duplicate rules' normaliser and comparator names come from (default: the built-in ones). */
  readonly registry?: ParseDuplicateRuleOptions['registry']
}

/**
 * The admin's rules, read as `parseDuplicateRules` reads them but with paths into the settings, and Dynamics 365's
 * limit of 5 published rules per base record type applied to rules of every kind: these rules replace the
 * built-in ones of their record type, so each counts.
 */
function readRules(
  reader: InputReader,
  input: readonly unknown[],
  path: IssuePath,
  options: ParseSettingsOptions | undefined,
): readonly AnyDuplicateRule[] {
  const own = new InputReader()
  const rules = readRuleList(own, input, path, definitionsOf(options?.registry), true)
  for (const issue of asRuleIssues(own.issues)) reader.add(issue.code, issue.path, issue.message)
  return own.ok ? Object.freeze(rules) : NO_RULES
}

/**
 * Reads duplicate-detection settings, recording problems in `reader`; used alone and inside qualification settings.
 *
 * @example
 * readDuplicateDetectionSettings(new InputReader(), undefined, ['duplicateDetection'])
 * //=> { enabled: true, improvedExperience: false, rules: [] }
 */
export function readDuplicateDetectionSettings(
  reader: InputReader,
  input: unknown,
  path: IssuePath,
  options?: ParseSettingsOptions,
): DuplicateDetectionSettings {
  const object = reader.object(input, path, false) ?? {}
  rejectUnknownKeys(reader, object, KEYS, path)
  const enabled = reader.boolean(object.enabled, [...path, 'enabled']) ?? true
  const improvedExperience = reader.boolean(object.improvedExperience, [...path, 'improvedExperience']) ?? false
  const rawRules = reader.array(object.rules, [...path, 'rules'])
  const rules = rawRules === undefined ? NO_RULES : readRules(reader, rawRules, [...path, 'rules'], options)
  return Object.freeze({ enabled, improvedExperience, rules })
}

/**
 * Validates duplicate-detection settings and fills in the defaults: detection on, the improved duplicate detection
 * and merge experience off, no rules (so the built-in default rules run).
 *
 * The admin's `rules` are parsed as `parseDuplicateRules` parses them (strict: unknown keys are errors, with the
 * closest known key), into new frozen rules; the caller's objects are not touched. At most 5 rules per base record
 * type may be published, as in Dynamics 365; unpublished rules are kept (and never run).
 *
 * @param input - untrusted settings, possibly partial or `undefined`
 * @param options - `registry` for a host's own normalisers and comparators named by the rules
 * @returns complete, frozen settings
 * @throws LeadkitError `invalid_rule` at `['rules', i, …]` for a rule that cannot run or a sixth published rule of
 *   a record type; `invalid_type` for a wrong type, `invalid_value` for an unknown key, `forbidden_key`
 * @example
 * parseDuplicateDetectionSettings({ improvedExperience: true })
 * //=> { enabled: true, improvedExperience: true, rules: [] }
 * const rule = { name: 'Same email', baseEntity: 'lead', conditions: [{ baseField: 'email' }] }
 * parseDuplicateDetectionSettings({ rules: [rule] })
 * //=> throws LeadkitError, code 'invalid_rule', path ['rules', 0, 'conditions', 0, 'operator']
 */
export function parseDuplicateDetectionSettings(
  input: unknown,
  options?: ParseSettingsOptions,
): DuplicateDetectionSettings {
  try {
    const reader = new InputReader()
    const settings = readDuplicateDetectionSettings(reader, input, [], options)
    reader.throwIfAny()
    return settings
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

/**
 * Like {@link parseDuplicateDetectionSettings}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseDuplicateDetectionSettings({ enabled: 'yes' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'invalid_type'
 */
export function safeParseDuplicateDetectionSettings(
  input: unknown,
  options?: ParseSettingsOptions,
): SafeParseResult<DuplicateDetectionSettings> {
  return safely(() => parseDuplicateDetectionSettings(input, options))
}
