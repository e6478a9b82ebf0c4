import { deepFreeze } from '../internal/immer.js'

/**
 * A deep, frozen copy of a JSON-like value. Records are plain JSON, so a recursive copy is enough and much faster
 * than `structuredClone`; anything else (a `Date` a host slipped in) still goes through `structuredClone`.
 * Internal to persistence: not exported from the folder's barrel.
 *
 * @example
 * const copy = frozenCopy({ address: { city: 'Leeds' } })
 * Object.isFrozen(copy.address) //=> true
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return deepFreeze(structuredClone(value))
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) copy[key] = frozenCopy((value as Record<string, unknown>)[key])
  return Object.freeze(copy) as T
}
