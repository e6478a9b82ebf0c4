import type { FieldComparison } from '../types.js'

/**
 * Freezes a comparison result leadkit built (the result, its comparisons and their value pairs), without touching
 * the compared values themselves: they may be the caller's objects.
 *
 * @example
 * Object.isFrozen(freezeResult({ score: 1, comparisons: [] })) //=> true
 */
export function freezeResult<T extends { readonly comparisons: readonly FieldComparison[] }>(result: T): T {
  for (const comparison of result.comparisons) {
    Object.freeze(comparison.values)
    Object.freeze(comparison)
  }
  Object.freeze(result.comparisons)
  return Object.freeze(result)
}
