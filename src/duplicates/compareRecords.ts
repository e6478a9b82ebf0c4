import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { compileRules } from './internal/compileRules.js'
import type { AnyDuplicateRule, FuzzyComparisonResult } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

/**
 * What one rule says about one pair of records, match or not: `isMatch`, the 0–1 `score` and the field comparisons
 * behind it. A near miss shows how near it came, which is what tuning a threshold needs (label some pairs, compare
 * them, look at the scores just below and above). "Exclude inactive matching records" is not applied here, and an
 * exact rule scores 1 or 0. `undefined` when the pair cannot be compared (a field the rule needs is blank).
 *
 * @param rule - any rule, parsed or as JSON
 * @param options - `registry` when the rule names a host's normaliser or comparator
 * @example
 * const [, , similarNameAndCompany] = DEFAULT_LEAD_DUPLICATE_RULES
 * compareRecords(similarNameAndCompany, { id: 'a', firstName: 'Ann', lastName: 'Lee', companyName: 'Contoso' },
 *   { id: 'b', firstName: 'Anne', lastName: 'Lee', companyName: 'Contoso Pharma' })
 * //=> { isMatch: false, score: 0.33…, comparisons: [{ field: 'companyName', method: 'token', similarity: 0.66… }] }
 */
export function compareRecords(
  rule: AnyDuplicateRule,
  base: object,
  matching: object,
  options?: { readonly registry?: DuplicateRuleRegistry },
): FuzzyComparisonResult | undefined {
  try {
    return compareRecordsUnguarded(rule, base, matching, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function compareRecordsUnguarded(
  rule: AnyDuplicateRule,
  base: object,
  matching: object,
  options?: { readonly registry?: DuplicateRuleRegistry },
): FuzzyComparisonResult | undefined {
  const [compiled] = compileRules([rule], options?.registry, ['rule']).rules
  return compiled?.compare(base, matching)
}
