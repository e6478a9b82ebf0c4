import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { asLeadkitError, requireText } from '../internal/validate.js'

/**
 * Options of {@link normalizePhone}.
 *
 * @example
 * normalizePhone('425.555.0100', { defaultRegion: 'US' }) //=> '+14255550100'
 */
export interface NormalizePhoneOptions {
  /** ISO 3166 country whose national format numbers without a `+` are in, e.g. `US` or `GB`. */
  readonly defaultRegion?: string
}

// Regions sharing the North American Numbering Plan (+1): national numbers there are 10 digits, NXX NXX XXXX.
const NANP_REGIONS: ReadonlySet<string> = new Set([
  'US', 'CA', 'PR', 'VI', 'GU', 'AS', 'MP', 'AG', 'AI', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'JM', 'KN', 'KY',
  'LC', 'MS', 'SX', 'TC', 'TT', 'VC', 'VG',
])

/**
 * The E.164 form libphonenumber-js reads in `phone`, or `undefined` (internal: a duplicate rule set memoises this, the
 * slow path, per region and spelling; parsing costs 10–20 µs). `region` is upper-case or `undefined`.
 */
export function parsePhone(phone: string, region: string | undefined): string | undefined {
  try {
    const parsed = parsePhoneNumberFromString(phone, region as CountryCode | undefined)
    // E.164 allows at most 15 digits; the parser can return more (a national number of zeros under some regions),
    // and such a result read again would give another number, so it is no number at all.
    return parsed !== undefined && parsed.isPossible() && parsed.number.length <= 16 ? parsed.number : undefined
  } catch {
    // An unknown region or odd input: not a number we can compare.
    return undefined
  }
}

/**
 * Normalises a phone number to E.164 (`+14255550100`), or `undefined` when it cannot be read as a possible number.
 *
 * A fast path skips the parser for already-clean input: a `+` (or, without a default region, `00`) followed by 8–15
 * digits separated only by spaces, dashes, dots, slashes or parentheses, and — with a North American default
 * region — 10-digit national numbers (or 11 digits starting with 1). The fast path checks the length but not each
 * country's numbering plan. Everything else (trunk prefixes such as `020…` in GB, `(0)`, `00` international
 * prefixes with a region, extensions) goes through libphonenumber-js (its `min` metadata: E.164 only needs country
 * codes and national prefixes, not the per-type patterns of `max`, which is larger and slower to load).
 *
 * @param phone - the number as entered
 * @example
 * normalizePhone('(425) 555-0100', { defaultRegion: 'US' }) //=> '+14255550100'
 * normalizePhone('020 7946 0958', { defaultRegion: 'GB' }) //=> '+442079460958'
 * normalizePhone('+44 20 7946 0958') //=> '+442079460958'
 * normalizePhone('12') //=> undefined
 */
export function normalizePhone(phone: string, options?: NormalizePhoneOptions): string | undefined {
  requireText(phone, ['phone'], 'normalizePhone')
  let defaultRegion: unknown
  try {
    defaultRegion = options?.defaultRegion
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['options'])
  }
  if (defaultRegion !== undefined) requireText(defaultRegion, ['options', 'defaultRegion'], 'normalizePhone')
  const region = defaultRegion === undefined ? undefined : defaultRegion.toUpperCase()
  const fast = phoneFastPath(phone, region)
  if (fast !== null) return fast === '' ? undefined : fast
  return parsePhone(phone, region)
}

const NON_DIGIT = /\D/g

/**
 * The E.164 form when the input is clean enough to skip the parser, `''` when it is blank, `null` to parse
 * (internal, shared with the duplicate rules' memoised form). `region` is upper-case or `undefined`.
 */
export function phoneFastPath(phone: string, region: string | undefined): string | null {
  // Only the first three digits are looked at one by one (leading 0, 00, trunk 1); the digits themselves are
  // gathered in one pass at the end, so reading a million numbers allocates one string each.
  let n = 0
  let d0 = 0
  let d1 = 0
  let d2 = 0
  let plus = false
  let sawContent = false
  let separators = false
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      // More digits than any number has: let the parser decide.
      if (n === MAX_FAST_DIGITS) return null
      if (n === 0) d0 = c
      else if (n === 1) d1 = c
      else if (n === 2) d2 = c
      n++
      sawContent = true
    } else if (c === 43) {
      // + only before any digit
      if (sawContent || plus) return null
      plus = true
      sawContent = true
    } else if (c === 32 || c === 45 || c === 46 || c === 47 || c === 41 || c === 9 || c === 0xa0) {
      separators = true
    } else if (c === 40) {
      // "(0)" after a country code is a trunk prefix the parser must drop
      if (phone.charCodeAt(i + 1) === 48 && phone.charCodeAt(i + 2) === 41) return null
      separators = true
    } else {
      return null
    }
  }
  if (!sawContent) return ''
  if (plus) {
    if (!isInternational(n, d0)) return null
    // Already E.164 (a leading + and digits only): the input is the answer.
    return !separators && phone.charCodeAt(0) === 43 ? phone : `+${phone.replace(NON_DIGIT, '')}`
  }
  if (region === undefined) {
    if (n >= 2 && d0 === 48 && d1 === 48 && isInternational(n - 2, d2)) return `+${phone.replace(NON_DIGIT, '').slice(2)}`
    return null
  }
  if (NANP_REGIONS.has(region)) {
    if (n === 10 && d0 >= 50) return `+1${phone.replace(NON_DIGIT, '')}`
    if (n === 11 && d0 === 49 && d1 >= 50) return `+${phone.replace(NON_DIGIT, '')}`
  }
  return null
}

/** The most digits the fast path reads before leaving the number to the parser. */
const MAX_FAST_DIGITS = 32

/** Whether `count` digits whose first is `first` can be an international number (8–15 digits, no leading 0). */
function isInternational(count: number, first: number): boolean {
  return count >= 8 && count <= 15 && first !== 48
}
