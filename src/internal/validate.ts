/**
 * The small reader every `parse…` function uses to check untrusted input. It collects every issue (code, path,
 * message) instead of stopping at the first, so a form can show all bad fields at once.
 */
import { LeadkitError, type Issue, type IssuePath, type LeadkitErrorCode, type SafeParseResult } from '../errors.js'
import { FORBIDDEN_KEYS } from './keys.js'

// Deliberately simple (no quoted local parts, no IP literals): what CRM forms accept.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\].]{2,}$/
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CURRENCY = /^[A-Z]{3}$/
// NUL, which PostgreSQL text and jsonb cannot hold, and a UTF-16 surrogate without its partner, which is not Unicode
// text at all (UTF-8 encoders turn it into U+FFFD, jsonb refuses its escape). Each alternative looks at one
// character beside it, so a test is one linear pass.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Formats a path for messages: `address.city`, `opportunities[2].topic`. */
export function formatPath(path: IssuePath): string {
  if (path.length === 0) return 'input'
  let text = ''
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`
  return text
}

/** A short description of a value's type for messages; quotes at most 40 characters of a string. */
export function describe(value: unknown): string {
  try {
    return describeValue(value)
  } catch {
    // A revoked proxy throws even on Array.isArray.
    return 'an unreadable value'
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN'
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'function') return 'a function'
  return `${typeof value} ${String(value).slice(0, 40)}`
}

/**
 * Whether a string is an ISO-8601 instant that exists: a real calendar date, a time of day up to 23:59:59, and a
 * zone `Z` or an offset within ±14:00 (the widest any zone uses) with minutes below 60 — so that `Date.parse`
 * and date-fns read it as the same instant, e.g. `2026-02-28T10:00:00Z`, `2026-03-01T09:30:00+05:45`.
 * `+24:00`, `-23:99` and `+99:99` are refused: `Date.parse` reads them as `NaN`, which downstream became a scoring
 * model that throws and leads scored as if created years ago.
 */
export function isIsoInstant(value: string): boolean {
  if (typeof value !== 'string' || value.length > 40) return false
  if (value.length === 24) return isCanonicalInstant(value)
  const match = ISO_INSTANT.exec(value)
  if (!match) return false
  const [, y, mo, d, h, mi, s, zone] = match
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return false
  if (zone !== 'Z') {
    const hours = Number(zone?.slice(1, 3))
    const minutes = Number(zone?.slice(4, 6))
    if (minutes > 59 || hours * 60 + minutes > 14 * 60) return false
  }
  return isCalendarDate(Number(y), Number(mo), Number(d)) && !Number.isNaN(Date.parse(value))
}

/**
 * What in `text` a database cannot store, and where, or `undefined` when it can all be stored: the NUL character
 * or a lone surrogate, e.g. `the NUL character (\u0000) at position 3, which PostgreSQL cannot store`. Never
 * quotes the text itself, so the message is safe to log and store.
 */
export function unstorableText(text: string): string | undefined {
  const match = UNSTORABLE.exec(text)
  if (match === null) return undefined
  const at = `at position ${match.index}`
  if (match[0] === '\u0000') return `the NUL character (\\u0000) ${at}, which PostgreSQL cannot store`
  const code = match[0].charCodeAt(0).toString(16).toUpperCase()
  return `a lone surrogate (\\u${code}) ${at}, which is not Unicode text (half of a character pair)`
}

/** A key quoted for a message: JSON-escaped, so NUL or a lone surrogate in it cannot leak into the message. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)
}

/** Whether a string is an ISO date `YYYY-MM-DD` that exists in the calendar. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value)
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (DAYS_IN_MONTH[month - 1] as number)
}

/** The digit at `index` of `text` as a number 0–9, or -100 when it is not a digit (so any sum with it is < 0). */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : -100
}

/** The two-digit number at `index`, or a negative number when either character is not a digit. */
function twoDigitsAt(text: string, index: number): number {
  return digitAt(text, index) * 10 + digitAt(text, index + 1)
}

/**
 * Whether a 24-character string is an instant in the form `Date.prototype.toISOString` writes
 * (`2026-03-01T09:30:00.000Z`), the form planners stamp on every record and patch: the same answer as the regular
 * expression and `Date.parse` below, read character by character with nothing allocated.
 */
function isCanonicalInstant(value: string): boolean {
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  ) {
    return false
  }
  const century = twoDigitsAt(value, 0)
  const yearOfCentury = twoDigitsAt(value, 2)
  const hour = twoDigitsAt(value, 11)
  const minute = twoDigitsAt(value, 14)
  const second = twoDigitsAt(value, 17)
  const millis = digitAt(value, 20) + digitAt(value, 21) + digitAt(value, 22)
  if (century < 0 || yearOfCentury < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
    return false
  }
  return isCalendarDate(century * 100 + yearOfCentury, twoDigitsAt(value, 5), twoDigitsAt(value, 8))
}

/** Whether a string looks like an email address a CRM would accept. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value)
}

export interface StringOptions {
  readonly required?: boolean
  /** Longest allowed length (Dataverse column length). */
  readonly max?: number
  readonly format?: 'email' | 'iso-instant' | 'iso-date' | 'currency'
  /** Allowed values; anything else is `invalid_value`. */
  readonly oneOf?: readonly string[]
}

export interface NumberOptions {
  readonly required?: boolean
  readonly min?: number
  readonly max?: number
  readonly integer?: boolean
}

/**
 * Reads fields out of untrusted input, recording an issue for each bad one. Readers return `undefined` for a
 * missing or bad value, so a parser can read every field and report all issues together.
 */
export class InputReader {
  readonly issues: Issue[] = []

  add(code: LeadkitErrorCode, path: IssuePath, message: string): undefined {
    this.issues.push({ code, path: [...path], message })
    return undefined
  }

  get ok(): boolean {
    return this.issues.length === 0
  }

  /** A plain object (not an array, not a class instance) without forbidden keys. */
  object(value: unknown, path: IssuePath, required = true): Readonly<Record<string, unknown>> | undefined {
    if (value === undefined || value === null) {
      return required ? this.add('required', path, `${formatPath(path)} is required`) : undefined
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return this.add('invalid_type', path, `${formatPath(path)} must be an object (got ${describe(value)})`)
    }
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      return this.add('invalid_type', path, `${formatPath(path)} must be a plain object`)
    }
    let clean = true
    // Three lookups instead of a walk over every key: enumerating a million-key object costs V8 a second.
    for (const key of FORBIDDEN_KEYS) {
      if (Object.hasOwn(value, key)) {
        clean = false
        this.add('forbidden_key', [...path, key], `${formatPath([...path, key])} is not allowed: remove the "${key}" key`)
      }
    }
    return clean ? (value as Record<string, unknown>) : undefined
  }

  string(value: unknown, path: IssuePath, options: StringOptions = {}): string | undefined {
    if (value === undefined || value === null || value === '') {
      return options.required ? this.add('required', path, `${formatPath(path)} is required`) : undefined
    }
    if (typeof value !== 'string') {
      return this.add('invalid_type', path, `${formatPath(path)} must be a string (got ${describe(value)})`)
    }
    // Length first: a hostile 10 MB value is refused before anything walks over it.
    if (options.max !== undefined && value.length > options.max) {
      return this.add(
        'too_long',
        path,
        `${formatPath(path)} must be at most ${options.max} characters (got ${value.length}); shorten it`,
      )
    }
    if (!this.storable(value, path)) return undefined
    if (options.required && value.trim() === '') {
      return this.add('required', path, `${formatPath(path)} must not be blank`)
    }
    if (options.oneOf && !options.oneOf.includes(value)) {
      return this.add(
        'invalid_value',
        path,
        `${formatPath(path)} must be one of ${options.oneOf.map((v) => `"${v}"`).join(', ')} (got ${describe(value)})`,
      )
    }
    switch (options.format) {
      case 'email':
        if (!isEmail(value.trim())) {
          return this.add('invalid_format', path, `${formatPath(path)} must be an email address like name@example.com (got ${describe(value)})`)
        }
        break
      case 'iso-instant':
        if (!isIsoInstant(value)) {
          return this.add(
            'invalid_format',
            path,
            `${formatPath(path)} must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z (got ${describe(value)})`,
          )
        }
        break
      case 'iso-date':
        if (!isIsoDate(value)) {
          return this.add('invalid_format', path, `${formatPath(path)} must be a date like 2026-03-01 (got ${describe(value)})`)
        }
        break
      case 'currency':
        if (!CURRENCY.test(value)) {
          return this.add('invalid_format', path, `${formatPath(path)} must be an ISO-4217 currency code like USD (got ${describe(value)})`)
        }
        break
    }
    return value
  }

  /**
   * Whether a string can be stored as text; if not (a NUL character, a lone surrogate) records `invalid_format` at
   * `path`. Every string a parser keeps goes through this, so a database never sees what it cannot hold.
   */
  storable(value: string, path: IssuePath): boolean {
    const problem = unstorableText(value)
    if (problem === undefined) return true
    this.add('invalid_format', path, `${formatPath(path)} contains ${problem}; remove it`)
    return false
  }

  /** Like {@link InputReader.storable}, for a key of an object the parser copies; `path` is the key's own path. */
  storableKey(key: string, path: IssuePath): boolean {
    const problem = unstorableText(key)
    if (problem === undefined) return true
    const owner = formatPath(path.slice(0, -1))
    this.add('invalid_format', path, `${owner} has a key ${quoteKey(key)} that contains ${problem}; rename it`)
    return false
  }

  enumeration<T extends string>(value: unknown, path: IssuePath, values: readonly T[], required = false): T | undefined {
    return this.string(value, path, { required, oneOf: values }) as T | undefined
  }

  number(value: unknown, path: IssuePath, options: NumberOptions = {}): number | undefined {
    if (value === undefined || value === null) {
      return options.required ? this.add('required', path, `${formatPath(path)} is required`) : undefined
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.add('invalid_type', path, `${formatPath(path)} must be a finite number (got ${describe(value)})`)
    }
    if (options.integer && !Number.isInteger(value)) {
      return this.add('invalid_value', path, `${formatPath(path)} must be a whole number (got ${value})`)
    }
    // Beyond 2^53 a double cannot tell neighbouring whole numbers apart: the value may already be a rounded one.
    if (options.integer && !Number.isSafeInteger(value)) {
      return this.add(
        'invalid_value',
        path,
        `${formatPath(path)} must be a whole number between -9007199254740991 and 9007199254740991 (got ${value}): ` +
          'larger ones cannot be held exactly',
      )
    }
    if (options.min !== undefined && value < options.min) {
      return this.add('invalid_value', path, `${formatPath(path)} must be at least ${options.min} (got ${value})`)
    }
    if (options.max !== undefined && value > options.max) {
      return this.add('invalid_value', path, `${formatPath(path)} must be at most ${options.max} (got ${value})`)
    }
    // JSON writes -0 as 0: reading it as 0 keeps a parsed value equal to its JSON round trip.
    return value + 0
  }

  boolean(value: unknown, path: IssuePath, required = false): boolean | undefined {
    if (value === undefined || value === null) {
      return required ? this.add('required', path, `${formatPath(path)} is required`) : undefined
    }
    if (typeof value !== 'boolean') {
      return this.add('invalid_type', path, `${formatPath(path)} must be true or false (got ${describe(value)})`)
    }
    return value
  }

  array(value: unknown, path: IssuePath, required = false): readonly unknown[] | undefined {
    if (value === undefined || value === null) {
      return required ? this.add('required', path, `${formatPath(path)} is required`) : undefined
    }
    if (!Array.isArray(value)) {
      return this.add('invalid_type', path, `${formatPath(path)} must be an array (got ${describe(value)})`)
    }
    return value
  }

  /**
   * Records an `invalid_value` issue for each own key of `object` that is not in `known`, naming the closest known
   * key when it is near enough to be a typo: a misspelt setting must not quietly do nothing.
   *
   * @param what - what the keys are keys of, for the message: `a duplicate rule`, `the phone normaliser's options`
   */
  knownKeys(object: Readonly<Record<string, unknown>>, known: readonly string[], path: IssuePath, what: string): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue
      const at = [...path, key]
      const hint = didYouMean(key, known)
      const list = known.length <= 12 ? ` (known: ${known.join(', ')})` : ''
      this.add('invalid_value', at, `${formatPath(at)} is not a key of ${what}${hint === undefined ? '' : `; did you mean "${hint}"?`}${list}`)
    }
  }

  /** Throws one {@link LeadkitError} carrying every issue, if there are any. */
  throwIfAny(details?: unknown): void {
    if (this.issues.length > 0) throw new LeadkitError(this.issues, details === undefined ? undefined : { details })
  }
}

/** The entry of `known` closest to `key` when it is near enough to be a typo of it (for "did you mean"). */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  if (key.length > 100) return undefined
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined
}

/**
 * Levenshtein distance of two short strings (keys, names of at most 100 characters), two rows at a time. Written
 * here rather than imported: fastest-levenshtein allocates a 256 KB table when it loads, and every entry point
 * validates input, so importing it here would cost every `import 'leadkit/…'` that much.
 */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] as number
}

/** Runs a throwing parser and turns its outcome into a {@link SafeParseResult}. */
export function safely<T>(parse: () => T): SafeParseResult<T> {
  try {
    return { success: true, value: parse() }
  } catch (error) {
    if (error instanceof LeadkitError) return { success: false, issues: error.issues, error }
    throw error
  }
}

/** Drops `undefined` values so a parsed record has no keys for absent fields (and round-trips through JSON). */
export function compact<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(record)) if (record[key] !== undefined) out[key] = record[key]
  return out as T
}

/**
 * What a public function throws when reading hostile input made JavaScript throw: a getter or proxy trap that threw
 * (`cause` keeps it) or a stack overflow. Anything already a {@link LeadkitError} is returned as it is, so a function
 * can end in `catch (error) { throw asLeadkitError(error) }` and let only LeadkitErrors out.
 *
 * @example
 * asLeadkitError(new RangeError('Maximum call stack size exceeded')).code //=> 'invalid_value'
 */
export function asLeadkitError(error: unknown, path: IssuePath = []): LeadkitError {
  if (error instanceof LeadkitError) return error
  if (error instanceof RangeError) {
    const message =
      `${formatPath(path)} is nested too deeply or too large to read; pass plain JSON data within the limits`
    return new LeadkitError({ code: 'invalid_value', path, message }, { cause: error })
  }
  const message =
    `${formatPath(path)} could not be read (a property getter, proxy or callback threw; see the cause); pass plain ` +
    'JSON data, e.g. the result of JSON.parse'
  return new LeadkitError({ code: 'invalid_type', path, message }, { cause: error })
}

/**
 * Throws `invalid_type` at `path` unless `value` is a string: the entry guard of functions that take text.
 *
 * @example
 * requireText(42, ['email'], 'normalizeEmail') // throws LeadkitError invalid_type at ['email']
 */
export function requireText(value: unknown, path: IssuePath, what: string): asserts value is string {
  if (typeof value === 'string') return
  const message = `${what} needs ${formatPath(path)} to be a string (got ${describe(value)})`
  throw new LeadkitError({ code: 'invalid_type', path, message })
}

/**
 * Throws `invalid_type` at `path` unless `value` is a non-null object (not an array): the entry guard of functions
 * that take a record or an options object.
 *
 * @example
 * requireObject(undefined, ['lead'], 'isOpenLead') // throws LeadkitError invalid_type at ['lead']
 */
export function requireObject(value: unknown, path: IssuePath, what: string): asserts value is object {
  let isObject = false
  try {
    isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
  } catch {
    // A revoked proxy throws even on Array.isArray: not an object anyone can read.
  }
  if (isObject) return
  const message = `${what} needs ${formatPath(path)} to be an object (got ${describe(value)})`
  throw new LeadkitError({ code: 'invalid_type', path, message })
}

/**
 * Throws `invalid_type` at `path` unless `value` is an array: the entry guard of functions that take a list.
 *
 * @example
 * requireArray('sales manager', ['roles'], 'hasSalesRole') // throws LeadkitError invalid_type at ['roles']
 */
export function requireArray(value: unknown, path: IssuePath, what: string): asserts value is readonly unknown[] {
  let isArray = false
  try {
    isArray = Array.isArray(value)
  } catch {
    // A revoked proxy throws even on Array.isArray: not a list anyone can read.
  }
  if (isArray) return
  const message = `${what} needs ${formatPath(path)} to be an array (got ${describe(value)})`
  throw new LeadkitError({ code: 'invalid_type', path, message })
}

/**
 * `value` when it is an integer from `min` to `max`, `fallback` when it is `undefined`; else throws `invalid_value`
 * at `[key]`: the reader of a whole-number option.
 *
 * @example
 * readInteger(undefined, 'neighbourhood', 1, 1_000, 8) //=> 8
 * readInteger(0, 'neighbourhood', 1, 1_000, 8) // throws LeadkitError invalid_value at ['neighbourhood']
 */
export function readInteger(value: unknown, key: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: [key],
      message: `${key} must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${String(value)})`,
    })
  }
  return value
}
