import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { boundedMemo } from '../internal/boundedMemo.js'

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

// Parsing costs ~10–20 µs; a bounded memo keeps repeated formats (the same number on many leads) cheap. Sized for
// a million-lead table's formatted numbers (tens of thousands), so it is not cleared before repeats come round.
// Keys are `region|phone` (an empty region when there is none): the first `|` is always the separator.
const parseMemo = boundedMemo(200_000, (key): string | undefined => {
  const bar = key.indexOf('|')
  const region = bar === 0 ? undefined : key.slice(0, bar)
  try {
    const parsed = parsePhoneNumberFromString(key.slice(bar + 1), region as CountryCode | undefined)
    // E.164 allows at most 15 digits; the parser can return more (a national number of zeros under some regions),
    // and such a result read again would give another number, so it is no number at all.
    return parsed !== undefined && parsed.isPossible() && parsed.number.length <= 16 ? parsed.number : undefined
  } catch {
    // An unknown region or odd input: not a number we can compare.
    return undefined
  }
})

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
  const region = upperRegion(options?.defaultRegion)
  const fast = fastPath(phone, region)
  if (fast !== null) return fast === '' ? undefined : fast
  return parseMemo(`${region ?? ''}|${phone}`)
}

// Digits of the number being read, written here and turned into one string at the end: the duplicate index reads
// a million numbers, and growing a string digit by digit allocates at every step.
const digitBuffer = new Uint16Array(32)

/** The E.164 form when the input is clean enough to skip the parser, `''` when it is blank, `null` to parse. */
function fastPath(phone: string, region: string | undefined): string | null {
  let n = 0
  let plus = false
  let sawContent = false
  let separators = false
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      // More digits than any number has: let the parser decide.
      if (n === digitBuffer.length) return null
      digitBuffer[n++] = c
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
    if (!isInternational(n)) return null
    // Already E.164 (a leading + and digits only): the input is the answer.
    return !separators && phone.charCodeAt(0) === 43 ? phone : `+${digitsText(0, n)}`
  }
  if (region === undefined) {
    if (n >= 2 && digitBuffer[0] === 48 && digitBuffer[1] === 48 && isInternational(n - 2, 2)) return `+${digitsText(2, n)}`
    return null
  }
  if (NANP_REGIONS.has(region)) {
    if (n === 10 && (digitBuffer[0] as number) >= 50) return `+1${digitsText(0, n)}`
    if (n === 11 && digitBuffer[0] === 49 && (digitBuffer[1] as number) >= 50) return `+${digitsText(0, n)}`
  }
  return null
}

function digitsText(from: number, to: number): string {
  return String.fromCharCode.apply(null, digitBuffer.subarray(from, to) as unknown as number[])
}

/** Whether `count` digits from `from` in the buffer can be an international number (8–15 digits, no leading 0). */
function isInternational(count: number, from = 0): boolean {
  return count >= 8 && count <= 15 && digitBuffer[from] !== 48
}

let lastRegion: string | undefined
let lastUpper: string | undefined

/** The region upper-cased, remembered for the next call: the same option comes with every number. */
function upperRegion(region: string | undefined): string | undefined {
  if (region === undefined) return undefined
  if (region !== lastRegion) {
    lastRegion = region
    lastUpper = region.toUpperCase()
  }
  return lastUpper
}
