import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { compileRules } from './internal/compileRules.js'
import type { DuplicateRule, KeyedDuplicateRule, RecordSide } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

const EMPTY: readonly string[] = Object.freeze([])

/**
 * Every matchcode of a record under a matchcode rule: one (or none) for a Dataverse rule, one per normalised field
 * value for a keyed rule (business and mobile phone, …), without repeats. Two records match when a code of the base
 * record equals a code of the matching record. This is what a duplicate index stores as exact blocking keys, and
 * what a repository can store to find candidates.
 *
 * @param options - `registry` when the rule names a host's normaliser
 * @example
 * ruleMatchcodes(sameEmailRule, { id: 'l1', email: 'Bob@Contoso.com' }, 'base') //=> ['bob@contoso.com']
 */
export function ruleMatchcodes(
  rule: DuplicateRule | KeyedDuplicateRule,
  record: object,
  side: RecordSide,
  options?: { readonly registry?: DuplicateRuleRegistry },
): readonly string[] {
  try {
    return ruleMatchcodesUnguarded(rule, record, side, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function ruleMatchcodesUnguarded(
  rule: DuplicateRule | KeyedDuplicateRule,
  record: object,
  side: RecordSide,
  options?: { readonly registry?: DuplicateRuleRegistry },
): readonly string[] {
  const [compiled] = compileRules([rule], options?.registry, ['rule']).rules
  let codes: string[] | undefined
  compiled?.eachCode(record, side, (code) => {
    if (codes === undefined) codes = [code]
    else if (!codes.includes(code)) codes.push(code)
  })
  return codes ?? EMPTY
}
