import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'

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

// Parsing costs ~10–20 µs; a bounded memo keeps repeated formats (the same number on many leads) cheap.
const CACHE_LIMIT = 50_000
const cache = new Map<string, string | null>()

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
  const region = options?.defaultRegion?.toUpperCase()
  const fast = fastPath(phone, region)
  if (fast !== null) return fast === '' ? undefined : fast
  const key = region === undefined ? phone : `${region}|${phone}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached ?? undefined
  let result: string | null = null
  try {
    const parsed = parsePhoneNumberFromString(phone, region as CountryCode | undefined)
    if (parsed !== undefined && parsed.isPossible()) result = parsed.number
  } catch {
    // An unknown region or odd input: not a number we can compare.
    result = null
  }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, result)
  return result ?? undefined
}

/** The E.164 form when the input is clean enough to skip the parser, `''` when it is blank, `null` to parse. */
function fastPath(phone: string, region: string | undefined): string | null {
  let digits = ''
  let plus = false
  let sawContent = false
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      digits += phone[i]
      sawContent = true
    } else if (c === 43) {
      // + only before any digit
      if (sawContent || plus) return null
      plus = true
      sawContent = true
    } else if (c === 32 || c === 45 || c === 46 || c === 47 || c === 41 || c === 9 || c === 0xa0) {
      continue
    } else if (c === 40) {
      // "(0)" after a country code is a trunk prefix the parser must drop
      if (phone.charCodeAt(i + 1) === 48 && phone.charCodeAt(i + 2) === 41) return null
    } else {
      return null
    }
  }
  if (!sawContent) return ''
  if (plus) return isInternational(digits) ? `+${digits}` : null
  if (region === undefined) {
    if (digits.startsWith('00') && isInternational(digits.slice(2))) return `+${digits.slice(2)}`
    return null
  }
  if (NANP_REGIONS.has(region)) {
    if (digits.length === 10 && digits.charCodeAt(0) >= 50) return `+1${digits}`
    if (digits.length === 11 && digits.charCodeAt(0) === 49 && digits.charCodeAt(1) >= 50) return `+${digits}`
  }
  return null
}

function isInternational(digits: string): boolean {
  return digits.length >= 8 && digits.length <= 15 && digits.charCodeAt(0) !== 48
}
