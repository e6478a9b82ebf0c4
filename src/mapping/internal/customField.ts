import { FORBIDDEN_KEYS } from '../../internal/keys.js'
// Internal: the `extra.<key>` notation for a host's own fields, shared by mappings and the opportunity form setting.

const CUSTOM_KEY = /^[A-Za-z_$][\w$-]*$/

/**
 * What is wrong with an `extra.<key>` path, or `undefined` when it is a usable custom field path.
 *
 * @example
 * checkCustomFieldPath('extra.region') //=> undefined
 * checkCustomFieldPath('extra.__proto__') //=> 'forbidden-key'
 * checkCustomFieldPath('firstName') //=> 'not-custom'
 */
export function checkCustomFieldPath(path: string): 'not-custom' | 'bad-key' | 'forbidden-key' | undefined {
  if (!path.startsWith('extra.')) return 'not-custom'
  const key = path.slice('extra.'.length)
  if (FORBIDDEN_KEYS.has(key)) return 'forbidden-key'
  return CUSTOM_KEY.test(key) ? undefined : 'bad-key'
}
