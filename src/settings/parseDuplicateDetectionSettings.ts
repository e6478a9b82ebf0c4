import type { IssuePath, SafeParseResult } from '../errors.js'
import { InputReader, safely } from '../internal/validate.js'
import { rejectUnknownKeys } from './internal/settingsReader.js'
import type { DuplicateDetectionSettings } from './types.js'

const KEYS = new Set(['enabled', 'improvedExperience', 'rules'])

/**
 * Reads duplicate-detection settings, recording problems in `reader`; used alone and inside qualification settings.
 *
 * @example
 * readDuplicateDetectionSettings(new InputReader(), undefined, ['duplicateDetection'])
 * //=> { enabled: true, improvedExperience: false, rules: [] }
 */
export function readDuplicateDetectionSettings(reader: InputReader, input: unknown, path: IssuePath): DuplicateDetectionSettings {
  const object = reader.object(input, path, false) ?? {}
  rejectUnknownKeys(reader, object, KEYS, path)
  const enabled = reader.boolean(object.enabled, [...path, 'enabled']) ?? true
  const improvedExperience = reader.boolean(object.improvedExperience, [...path, 'improvedExperience']) ?? false
  // The rules themselves belong to `leadkit/duplicates` (parseDuplicateRule); here they are kept exactly as given.
  const rules = Object.freeze([...(reader.array(object.rules, [...path, 'rules']) ?? [])])
  return Object.freeze({ enabled, improvedExperience, rules })
}

/**
 * Validates the shape of duplicate-detection settings and fills in the defaults: detection on, the improved
 * duplicate detection and merge experience off, no rules.
 *
 * Only the shape is checked: each rule is kept as given (the same object) for `parseDuplicateRule` in
 * `leadkit/duplicates` to validate. The result and its `rules` array are frozen; the rule objects are not touched.
 *
 * @param input - untrusted settings, possibly partial or `undefined`
 * @returns complete, frozen settings
 * @throws LeadkitError `invalid_type` for a wrong type, `invalid_value` for an unknown key, `forbidden_key`
 * @example
 * parseDuplicateDetectionSettings({ improvedExperience: true })
 * //=> { enabled: true, improvedExperience: true, rules: [] }
 */
export function parseDuplicateDetectionSettings(input: unknown): DuplicateDetectionSettings {
  const reader = new InputReader()
  const settings = readDuplicateDetectionSettings(reader, input, [])
  reader.throwIfAny()
  return settings
}

/**
 * Like {@link parseDuplicateDetectionSettings}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseDuplicateDetectionSettings({ enabled: 'yes' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'invalid_type'
 */
export function safeParseDuplicateDetectionSettings(input: unknown): SafeParseResult<DuplicateDetectionSettings> {
  return safely(() => parseDuplicateDetectionSettings(input))
}
