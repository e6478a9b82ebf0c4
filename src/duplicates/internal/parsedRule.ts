import { deepFreeze } from '../../internal/immer.js'
import type { AnyDuplicateRule } from '../types.js'

// Marks a rule the parser made, so that the engines trust it without reading it again. A symbol only this module
// holds: a rule cannot claim to be parsed, and JSON (which drops symbol keys) always comes back unparsed.
const PARSED: unique symbol = Symbol('leadkit.parsedDuplicateRule')

/** Marks `rule` (not yet frozen) as made by the parser, and freezes it. */
export function markParsed<R extends AnyDuplicateRule>(rule: R): R {
  Object.defineProperty(rule, PARSED, { value: true, enumerable: false })
  return Object.freeze(rule)
}

/** Whether `rule` was made by the parser (and so needs no checking). */
export function isParsedRule(rule: unknown): rule is AnyDuplicateRule {
  return typeof rule === 'object' && rule !== null && (rule as { [PARSED]?: boolean })[PARSED] === true
}

/**
 * Marks a rule the library itself wrote out completely (the default rules) as parsed, deep-freezing it: for
 * constants that must not cost a parse at import. Tests check each against the parser's reading of its JSON.
 */
export function trustedRule<R extends AnyDuplicateRule>(rule: R): R {
  for (const value of Object.values(rule)) if (typeof value === 'object' && value !== null) deepFreeze(value)
  return markParsed(rule)
}
