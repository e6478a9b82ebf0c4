const NON_SPACE = /\S/

/**
 * Whether a value counts as blank: `undefined`, `null`, `''` or only white space. Blank values are not copied by
 * the mappings, never match in duplicate rules and lose to a filled value in a merge. The one definition in the
 * library.
 *
 * @example
 * isBlank(' \t') //=> true
 * isBlank(0) //=> false
 */
export function isBlank(value: unknown): boolean {
  // A regex test instead of trim(): mapLead runs this per field, and trim() allocates a string each time.
  return value === undefined || value === null || (typeof value === 'string' && !NON_SPACE.test(value))
}
