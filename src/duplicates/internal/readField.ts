/**
 * Reads a field by its path from a record: `email`, `address.city`, `extra.dateOfBirth`. Dots separate the
 * segments; a missing segment gives `undefined`. Only own properties are read, so `__proto__` paths read nothing.
 *
 * @example
 * readField({ id: 'l1', address: { city: 'Seattle' } }, 'address.city') //=> 'Seattle'
 */
export function readField(record: object, path: string): unknown {
  if (path.indexOf('.') === -1) return Object.hasOwn(record, path) ? (record as Record<string, unknown>)[path] : undefined
  let value: unknown = record
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/**
 * A field's value as text for comparison: strings as they are, finite numbers and booleans as `String(value)`,
 * anything else (absent, null, objects) as `undefined`.
 *
 * @example
 * readText({ id: 'l1', numberOfEmployees: 40 }, 'numberOfEmployees') //=> '40'
 */
export function readText(record: object, path: string): string | undefined {
  const value = readField(record, path)
  if (typeof value === 'string') return value
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value)
  return undefined
}
