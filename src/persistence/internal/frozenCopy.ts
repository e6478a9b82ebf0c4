import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { isForbiddenKey } from '../../internal/keys.js'
import { formatPath } from '../../internal/validate.js'

/**
 * How deep a stored value may nest: records carry at most 16 levels of JSON under `extra` or `data` (see
 * `JSON_LIMITS` of the record parsers) plus a few levels of their own, so 64 is never reached by a parsed record,
 * and a hostile one fails with a LeadkitError instead of a stack overflow.
 */
export const MAX_STORED_DEPTH = 64

/**
 * Whether a key is one of the forbidden ones; its length is looked at first (`__proto__` and `prototype` have 9
 * characters, `constructor` 11), which settles nearly every key of a record without hashing it.
 */
function isForbidden(key: string): boolean {
  return (key.length === 9 || key.length === 11) && isForbiddenKey(key)
}

/** Thrown inside the walks below when a forbidden key or too deep a value is found; turned into a LeadkitError. */
const REFUSED: unique symbol = Symbol('leadkit.persistence.refused')

/**
 * A deep, frozen copy of a JSON-like value. Records are plain JSON, so a recursive copy is enough and much faster
 * than `structuredClone`; anything else (a `Date` a host slipped in) still goes through `structuredClone`. The copy
 * has only own, plain data: a `__proto__`, `constructor` or `prototype` key is refused (copied by assignment,
 * `__proto__` would become the copy's prototype), as is a value nested deeper than {@link MAX_STORED_DEPTH}.
 * Internal to persistence: not exported from the folder's barrel.
 *
 * @throws LeadkitError `forbidden_key` or `invalid_value` with the path of the offending key
 * @example
 * const copy = frozenCopy({ address: { city: 'Leeds' } })
 * Object.isFrozen(copy.address) //=> true
 */
export function frozenCopy<T>(value: T): T {
  try {
    return copy(value, 0) as T
  } catch (error) {
    throw error === REFUSED ? refusal(value) : error
  }
}

function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_STORED_DEPTH) throw REFUSED
  if (Array.isArray(value)) {
    const list: unknown[] = new Array(value.length)
    for (let index = 0; index < value.length; index += 1) list[index] = copy(value[index], depth + 1)
    return Object.freeze(list)
  }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return cloned(value, depth)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (isForbidden(key)) throw REFUSED
    out[key] = copy((value as Record<string, unknown>)[key], depth + 1)
  }
  return Object.freeze(out)
}

// A class instance or a built-in (a Date): structuredClone keeps its own data and drops its prototype's methods.
function cloned(value: object, depth: number): unknown {
  let clone: unknown
  try {
    clone = structuredClone(value)
  } catch (error) {
    throw new LeadkitError(
      { code: 'invalid_type', path: [], message: `a stored value must be plain data (JSON): ${String(error)}` },
      { cause: error },
    )
  }
  if (!isPlainTree(clone, depth)) throw REFUSED
  return deepFreeze(clone)
}

function isPlainTree(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true
  if (depth >= MAX_STORED_DEPTH) return false
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key) || !isPlainTree((value as Record<string, unknown>)[key], depth + 1)) return false
  }
  return true
}

/**
 * `value` itself when it is deeply frozen plain data already (what planners hand over), else a {@link frozenCopy}:
 * a value a caller built may still be mutable, and copying before freezing keeps their object theirs. Either way,
 * a `__proto__`, `constructor` or `prototype` key anywhere is refused.
 *
 * @throws LeadkitError `forbidden_key` or `invalid_value` with the path of the offending key
 * @example
 * const record = deepFreeze({ id: 'lead-1', tags: ['a'] })
 * toFrozen(record) === record //=> true
 * const draft = { id: 'lead-2' }
 * toFrozen(draft) === draft //=> false (a frozen copy; draft stays unfrozen)
 */
export function toFrozen<T>(value: T): T {
  try {
    return frozenPlain(value, 0) ? value : (copy(value, 0) as T)
  } catch (error) {
    throw error === REFUSED ? refusal(value) : error
  }
}

/**
 * Whether `value` is deeply frozen plain data; throws {@link REFUSED} at a forbidden key or too deep a value, on
 * the way. The walk allocates nothing (no `Object.keys` array per object), which matters because every stored
 * record goes through it. An object with a prototype of its own (a class instance, `Object.create(…)`) is not
 * plain: its inherited properties would show through, so it is copied.
 */
function frozenPlain(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true
  if (depth >= MAX_STORED_DEPTH) throw REFUSED
  if (!Object.isFrozen(value)) return false
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const inner: unknown = value[index]
      if (inner !== null && typeof inner === 'object' && !frozenPlain(inner, depth + 1)) return false
    }
    return true
  }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return false
  for (const key in value) {
    if (isForbidden(key)) throw REFUSED
    const inner = (value as Record<string, unknown>)[key]
    if (inner !== null && typeof inner === 'object' && !frozenPlain(inner, depth + 1)) return false
  }
  return true
}

/**
 * Whether `value` and everything reachable from it is frozen.
 *
 * @example
 * isDeeplyFrozen(deepFreeze({ address: { city: 'Leeds' } })) //=> true
 * isDeeplyFrozen(Object.freeze({ address: { city: 'Leeds' } })) //=> false
 */
export function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  if (!Object.isFrozen(value)) return false
  for (const key of Object.keys(value)) if (!isDeeplyFrozen((value as Record<string, unknown>)[key])) return false
  return true
}

/**
 * Refuses a value that is not plain data a store may keep: a `__proto__`, `constructor` or `prototype` key at any
 * depth, or nesting deeper than {@link MAX_STORED_DEPTH}. Copies nothing.
 *
 * @throws LeadkitError `forbidden_key` or `invalid_value` with the path of the offending key
 * @example
 * checkPlainData(JSON.parse('{"extra":{"__proto__":{"isAdmin":true}}}'))
 * // throws forbidden_key at ['extra', '__proto__']
 */
export function checkPlainData(value: unknown): void {
  const problem = findProblem(value)
  if (problem !== undefined) throw problem
}

function refusal(value: unknown): LeadkitError {
  return (
    findProblem(value) ??
    new LeadkitError({ code: 'invalid_value', path: [], message: 'a stored value must be plain data (JSON)' })
  )
}

/** The first forbidden key or too-deep value in `value`, as a LeadkitError with its path; slow, for errors. */
function findProblem(value: unknown): LeadkitError | undefined {
  const path: (string | number)[] = []
  const walk = (inner: unknown): LeadkitError | undefined => {
    if (inner === null || typeof inner !== 'object') return undefined
    if (path.length >= MAX_STORED_DEPTH) {
      const message = `${formatPath(path)} is nested more than ${MAX_STORED_DEPTH} levels deep; store flatter records`
      return new LeadkitError({ code: 'invalid_value', path: [...path], message })
    }
    const keys = Object.keys(inner)
    for (const key of keys) {
      const step = Array.isArray(inner) ? Number(key) : key
      path.push(step)
      if (isForbiddenKey(key)) {
        const message =
          `${formatPath(path)} is not allowed: records are plain data, and a "${key}" key could reach an object's ` +
          'prototype when the record is copied; remove the key'
        return new LeadkitError({ code: 'forbidden_key', path: [...path], message })
      }
      const found = walk((inner as Record<string, unknown>)[key])
      if (found !== undefined) return found
      path.pop()
    }
    return undefined
  }
  return walk(value)
}
