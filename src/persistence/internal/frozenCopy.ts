import { deepFreeze } from '../../internal/immer.js'

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

/**
 * `value` itself when it is deeply frozen already (what planners hand over), else a {@link frozenCopy}: a value a
 * caller built may still be mutable, and copying before freezing keeps their object theirs.
 *
 * @example
 * const record = deepFreeze({ id: 'lead-1', tags: ['a'] })
 * toFrozen(record) === record //=> true
 * const draft = { id: 'lead-2' }
 * toFrozen(draft) === draft //=> false (a frozen copy; draft stays unfrozen)
 */
export function toFrozen<T>(value: T): T {
  return isDeeplyFrozen(value) ? value : frozenCopy(value)
}

/**
 * Whether `value` and everything reachable from it is frozen. Checking is cheaper than copying, and planners hand
 * over deeply frozen records. The walk allocates nothing (no `Object.values` array per object), which matters
 * because every stored record goes through it; `for…in` also visits inherited enumerable properties, which only
 * ever makes the answer stricter.
 *
 * @example
 * isDeeplyFrozen(deepFreeze({ address: { city: 'Leeds' } })) //=> true
 * isDeeplyFrozen(Object.freeze({ address: { city: 'Leeds' } })) //=> false
 */
export function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  if (!Object.isFrozen(value)) return false
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const inner: unknown = value[index]
      if (inner !== null && typeof inner === 'object' && !isDeeplyFrozen(inner)) return false
    }
    return true
  }
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key]
    if (inner !== null && typeof inner === 'object' && !isDeeplyFrozen(inner)) return false
  }
  return true
}
