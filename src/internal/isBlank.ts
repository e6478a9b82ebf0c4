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
  if (value === undefined || value === null) return true
  if (typeof value !== 'string') return false
  // Nearly every filled value starts with a visible ASCII character (code 33–126, none of them white space): that
  // settles it without the regular expression, which mapping, planning and scoring would otherwise run per field.
  const first = value.charCodeAt(0)
  if (first > 32 && first < 127) return false
  // A regex test instead of trim(): trim() would allocate a string each time.
  return !NON_SPACE.test(value)
}
