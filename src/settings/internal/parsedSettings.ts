// Internal: the mark of settings the parser made. Not exported from the package.
import { LeadkitError, type IssuePath } from '../../errors.js'
import { describe } from '../../internal/validate.js'
import type { QualificationSettings } from '../types.js'

// A symbol only this module holds: an object cannot claim to be parsed settings, and JSON (which drops symbol keys)
// always comes back unparsed, so stored settings are read through the parser again.
const PARSED: unique symbol = Symbol('leadkit.parsedQualificationSettings')

/** Marks `settings` (not yet frozen) as made by the parser. */
export function markParsedSettings<T extends object>(settings: T): T {
  Object.defineProperty(settings, PARSED, { value: true, enumerable: false })
  return settings
}

/** Whether `value` is settings the parser made. */
export function isParsedSettings(value: unknown): value is QualificationSettings {
  if (typeof value !== 'object' || value === null) return false
  try {
    return (value as { [PARSED]?: boolean })[PARSED] === true
  } catch {
    // A proxy whose trap throws (or a revoked one) is not settings the parser made.
    return false
  }
}

/**
 * Refuses anything but settings the parser made: a hand-written object, or settings read back from JSON, may lack a
 * field or carry rules nobody checked, and would fail deep inside a planner with a TypeError or a wrong answer.
 */
export function checkParsedSettings(value: unknown, path: IssuePath = ['settings']): QualificationSettings {
  if (isParsedSettings(value)) return value
  throw new LeadkitError({
    code: 'invalid_type',
    path,
    message:
      'settings must come from parseQualificationSettings (or be DEFAULT_QUALIFICATION_SETTINGS), ' +
      `got ${describe(value)}: ` +
      'pass the admin\'s JSON through parseQualificationSettings once and reuse the result',
  })
}
