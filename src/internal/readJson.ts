import { describe, formatPath, type InputReader } from './validate.js'
import type { IssuePath } from '../errors.js'

/** Limits of {@link readJson}. */
export interface JsonLimits {
  readonly maxDepth: number
  readonly maxNodes: number
  readonly maxString: number
}

const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 16, maxNodes: 10_000, maxString: 10_000 }

/**
 * A JSON value (plain objects, arrays, strings, finite numbers, booleans, null), copied and frozen, within limits
 * checked before the work: at most `maxDepth` levels and `maxNodes` values, strings of at most `maxString`
 * characters, no forbidden keys, no NUL or lone surrogate in a string or key. Anything else is an issue on `reader`
 * at its path, and the result is `undefined`.
 */
export function readJson(reader: InputReader, value: unknown, path: IssuePath, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  const budget = { nodes: limits.maxNodes }
  const before = reader.issues.length
  const copy = jsonValue(reader, value, path, limits, budget, 0)
  return reader.issues.length === before ? copy : undefined
}

function jsonValue(reader: InputReader, value: unknown, path: IssuePath, limits: JsonLimits, budget: { nodes: number }, depth: number): unknown {
  budget.nodes -= 1
  if (budget.nodes < 0) return budget.nodes === -1 ? reader.add('invalid_value', path, `${formatPath(path)} holds more than ${limits.maxNodes} values`) : undefined
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : reader.add('invalid_type', path, `${formatPath(path)} must be a finite number (got ${describe(value)})`)
  }
  if (typeof value === 'string') {
    if (value.length > limits.maxString) {
      const message = `${formatPath(path)} must be at most ${limits.maxString} characters (got ${value.length})`
      return reader.add('too_long', path, message)
    }
    return reader.storable(value, path) ? value : undefined
  }
  if (typeof value !== 'object') return reader.add('invalid_type', path, `${formatPath(path)} must be JSON (got ${describe(value)})`)
  if (depth >= limits.maxDepth) return reader.add('invalid_value', path, `${formatPath(path)} is nested more than ${limits.maxDepth} levels deep`)
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (let i = 0; i < value.length && budget.nodes >= 0; i += 1) out.push(jsonValue(reader, value[i], [...path, i], limits, budget, depth + 1))
    return Object.freeze(out)
  }
  const object = reader.object(value, path)
  if (object === undefined) return undefined
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    if (budget.nodes < 0) break
    const at = [...path, key]
    if (reader.storableKey(key, at)) out[key] = jsonValue(reader, object[key], at, limits, budget, depth + 1)
  }
  return Object.freeze(out)
}
