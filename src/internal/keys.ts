/**
 * Keys that could reach an object's prototype (`obj.__proto__ = …`, `obj.constructor.prototype`) when copied or
 * assigned by name: every parser refuses them and every copier skips them. The one definition in the library.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether `key` is one of {@link FORBIDDEN_KEYS}. */
export function isForbiddenKey(key: unknown): key is string {
  return typeof key === 'string' && FORBIDDEN_KEYS.has(key)
}
