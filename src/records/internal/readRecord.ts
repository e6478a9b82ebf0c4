/**
 * The one engine behind every record parser and `fromDataverse`: it walks a record's field-spec table, reads each
 * field in leadkit naming (`firstName`, `address.city`) or Dataverse naming (`firstname`, `address1_city`), collects
 * every issue with the path the caller used, keeps unknown fields under `extra`, and returns a deep-frozen record.
 */
import { LeadkitError, type IssuePath } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import {
  asLeadkitError,
  compact,
  describe,
  formatPath,
  InputReader,
  quoteKey,
  type NumberOptions,
} from '../../internal/validate.js'
import type { ParseRecordOptions } from '../bridgeTypes.js'
import { LEAD_STATUS_REASONS, isStatusReasonOf, leadStateOf } from '../leadState.js'
import type { LeadState, LeadStatusReason } from '../types.js'
import {
  ADDRESS_FIELDS,
  ENTITY_NAMES,
  ID_MAX_LENGTH,
  columnsOf,
  isPlainColumnName,
  keysOf,
  type FieldSpec,
  type NumberField,
  type OptionField,
  type RecordSpec,
} from './fieldSpecs.js'
import { FORBIDDEN_KEYS } from '../../internal/keys.js'

/**
 * Which names a record arrives with: leadkit's (`firstName`, `address.city`) or Dataverse logical names
 * (`firstname`, `address1_city`).
 *
 * @example
 * const naming: Naming = 'dataverse'
 */
export type Naming = 'leadkit' | 'dataverse'

/** Keys that could pollute prototypes when a host later copies the object. */

type Source = Readonly<Record<string, unknown>>
type Reader = InputReader

interface Context {
  readonly reader: Reader
  readonly source: Source
  readonly naming: Naming
  readonly coerce: boolean
}

const NUMBER_TEXT = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/
const PRINTED_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/
const ATTACHMENT_KEYS = new Set(['id', 'fileName', 'mimeType', 'sizeBytes'])
/** The most entries of a note's `attachments` and `visibleOn`: far above what a note carries, far below a flood. */
export const MAX_LIST_LENGTH = 1_000
const REF_KEYS = new Set(['entity', 'id'])
const ADDRESS_KEYS = new Set(ADDRESS_FIELDS.map((field) => field.key))

function own(source: Source, key: string): unknown {
  return Object.hasOwn(source, key) ? source[key] : undefined
}

function isPlainObject(value: unknown): value is Source {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Like `reader.object`, but an object with a forbidden key is still returned so its other fields get checked too. */
function readObject(reader: Reader, value: unknown, path: IssuePath, required: boolean): Source | undefined {
  const object = reader.object(value, path, required)
  return object ?? (isPlainObject(value) ? value : undefined)
}

// An object with a few known keys (an address, a reference) reports this many unknown keys one by one, then the
// rest as one count: a million unknown keys must not become a million issues.
const UNKNOWN_KEYS_REPORTED = 20

function rejectUnknownKeys(reader: Reader, object: Source, allowed: ReadonlySet<string>, path: IssuePath): void {
  let unknown = 0
  for (const key of Object.keys(object)) {
    if (allowed.has(key) || FORBIDDEN_KEYS.has(key)) continue
    unknown += 1
    if (unknown > UNKNOWN_KEYS_REPORTED) continue
    const at = [...path, key]
    reader.add('invalid_value', at, `${formatPath(at)} is not a known field: use one of ${[...allowed].join(', ')}`)
  }
  if (unknown > UNKNOWN_KEYS_REPORTED) {
    const more = unknown - UNKNOWN_KEYS_REPORTED
    const message = `${formatPath(path)} has ${more} more unknown keys; use only ${[...allowed].join(', ')}`
    reader.add('invalid_value', path, message)
  }
}

/** CSV cells are strings; with `coerce` a blank cell means "no value" and yes-no text becomes its value. */
function coercedBoolean(context: Context, value: unknown): unknown {
  if (!context.coerce || typeof value !== 'string') return value
  const lower = value.trim().toLowerCase()
  return lower === '' ? undefined : lower === 'true' ? true : lower === 'false' ? false : value
}

/**
 * The significant digits and decimal exponent of a decimal text (`whole.fraction`, optionally `e±n` as `String`
 * prints very large and small numbers): `0.0120` and `1.2e-2` are both `{ digits: '12', exponent: -1 }`.
 */
function significant(whole: string, fraction: string, exponent: number): { digits: string; exponent: number } {
  const all = whole + fraction
  let lead = 0
  while (lead < all.length && all[lead] === '0') lead += 1
  let end = all.length
  while (end > lead && all[end - 1] === '0') end -= 1
  return { digits: all.slice(lead, end), exponent: whole.length - lead + exponent }
}

/**
 * The number a CSV cell's decimal text stands for, or `undefined` when a double cannot hold it exactly. A whole
 * number (no fraction, or only zeros after the point) must be a safe integer (|n| ≤ 2^53 − 1): beyond it two texts
 * read as one number. A number with a fraction must print back (`String(Number(text))`) with the significant
 * digits that were given, leading zeros and trailing zeros of the fraction aside. `-0` reads as 0.
 */
function exactNumber(text: string): number | undefined {
  const match = NUMBER_TEXT.exec(text)
  if (match === null) return undefined
  const [, sign = '', whole = '', fraction = ''] = match
  const number = Number(`${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`) + 0
  if (/^0*$/.test(fraction)) return Number.isSafeInteger(number) ? number : undefined
  const printed = PRINTED_NUMBER.exec(String(number))
  if (printed === null) return undefined
  const given = significant(whole, fraction, 0)
  const kept = significant(printed[2] ?? '', printed[3] ?? '', Number(printed[4] ?? 0))
  const sameSign = given.digits === '' || (printed[1] ?? '') === sign
  return sameSign && given.digits === kept.digits && given.exponent === kept.exponent ? number : undefined
}

/**
 * Reads a number; with `coerce`, a CSV cell's text first: blank is "no value", decimal text its number when a
 * double holds it exactly (see {@link exactNumber}), any other text the `invalid_type` it is without `coerce`.
 */
function readNumber(context: Context, value: unknown, path: IssuePath, options: NumberOptions): number | undefined {
  const { reader } = context
  if (context.coerce && typeof value === 'string') {
    if (value.trim() === '') return reader.number(undefined, path, options)
    if (NUMBER_TEXT.test(value)) {
      const number = exactNumber(value)
      if (number === undefined) {
        return reader.add(
          'invalid_value',
          path,
          `${formatPath(path)} ${describe(value.trim())} cannot be held exactly as a number ` +
            `(it would become ${Number(value)}); send at most 15 significant digits, or a whole number of at most ` +
            '9007199254740991',
        )
      }
      return reader.number(number, path, options)
    }
  }
  return reader.number(value, path, options)
}

function readOption(context: Context, field: OptionField, value: unknown, path: IssuePath): string | undefined {
  const { reader } = context
  if (context.naming === 'leadkit') return reader.enumeration(value, path, Object.keys(field.codes))
  const code = readNumber(context, value, path, { integer: true })
  if (code === undefined) return undefined
  const found = Object.keys(field.codes).find((key) => field.codes[key] === code)
  if (found !== undefined) return found
  const allowed = Object.entries(field.codes).map(([key, known]) => `${known} (${key})`)
  return reader.add('invalid_value', path, `${formatPath(path)} must be one of ${allowed.join(', ')} (got ${code})`)
}

/**
 * What the JSON a record carries may hold: all of `extra` together (the given `extra` object and the unknown fields
 * kept under it), and a timeline entry's `data`. Checked as the copy goes, before each level is entered, so hostile
 * input costs at most this much work and never a deep recursion. See "Limits" in docs/records.md.
 */
export const JSON_LIMITS = Object.freeze({
  /** Objects and arrays nested inside one another below a key of `extra` (or below `data`). */
  maxDepth: 16,
  /** Values of every kind (objects, arrays, strings, numbers, …), counted through every level. */
  maxValues: 10_000,
  /** Characters of every string and key, together: Dataverse's longest text column (multiple lines of text). */
  maxCharacters: 1_048_576,
  /** Characters of one key. */
  maxKeyLength: 128,
})

/**
 * Which keys a JSON area takes. `extra` becomes Dataverse columns, and a nested object there is a deep insert, so
 * a key with "@" or "." (OData annotation syntax: `ownerid@odata.bind` reassigns the owner) is refused at every
 * depth in leadkit naming; in a row read from Dataverse such keys are the response's own annotations (`@odata.etag`,
 * formatted values), which are metadata, so they are left out, and a dotted key without "@" is refused. A timeline
 * entry's `data` never becomes a column: any key.
 */
type KeyRule = 'refuse-annotations' | 'skip-annotations' | 'any'

/** What is left to copy of one JSON area (`extra`, `data`); once spent, the copy stops with one issue. */
interface JsonBudget {
  readonly what: string
  readonly keys: KeyRule
  values: number
  characters: number
  spent: boolean
}

function jsonBudget(what: string, keys: KeyRule): JsonBudget {
  return { what, keys, values: JSON_LIMITS.maxValues, characters: JSON_LIMITS.maxCharacters, spent: false }
}

const ANNOTATION_SYNTAX = /[@.]/

function spend(reader: Reader, budget: JsonBudget, path: IssuePath, characters: number): boolean {
  budget.characters -= characters
  if (budget.characters >= 0) return true
  budget.spent = true
  reader.add(
    'too_long',
    path,
    `${formatPath(path)} takes ${budget.what} over ${JSON_LIMITS.maxCharacters} characters of text and keys in all; ` +
      'store large content elsewhere and keep a reference',
  )
  return false
}

/** Checks a key that will be copied: its length, its text, and its share of the budget. */
function readJsonKey(reader: Reader, key: string, path: IssuePath, budget: JsonBudget): boolean {
  if (key.length > JSON_LIMITS.maxKeyLength) {
    const owner = formatPath(path.slice(0, -1))
    const limit = JSON_LIMITS.maxKeyLength
    const message = `${owner} has a key of ${key.length} characters, ${quoteKey(key)}; keys may have at most ${limit}`
    reader.add('too_long', path, message)
    return false
  }
  if (!reader.storableKey(key, path)) return false
  if (budget.keys !== 'any' && ANNOTATION_SYNTAX.test(key)) {
    // A Dataverse response's annotations are about the response, not data of the record.
    if (budget.keys === 'skip-annotations' && key.includes('@')) return false
    reader.add(
      'forbidden_key',
      path,
      `${formatPath(path)} is not allowed: a key with "@" or "." is OData annotation syntax, which Dataverse ` +
        "would obey (ownerid@odata.bind reassigns the record's owner); rename the key",
    )
    return false
  }
  return spend(reader, budget, path, key.length)
}

/** Copies a JSON value within `budget`, rejecting prototype-polluting keys and anything JSON cannot carry. */
function copyJson(reader: Reader, value: unknown, path: IssuePath, budget: JsonBudget, depth = 0): unknown {
  if (budget.spent) return undefined
  budget.values -= 1
  if (budget.values < 0) {
    budget.spent = true
    const limit = JSON_LIMITS.maxValues
    const message = `${formatPath(path)} is one value too many: ${budget.what} may hold at most ${limit} values in all`
    return reader.add('invalid_value', path, message)
  }
  if (typeof value === 'string') {
    return spend(reader, budget, path, value.length) && reader.storable(value, path) ? value : undefined
  }
  if (value === null || typeof value === 'boolean') return value
  // JSON writes -0 as 0; so does the copy, so a record equals its JSON round trip.
  if (typeof value === 'number' && Number.isFinite(value)) return value + 0
  const isArray = Array.isArray(value)
  if (!isArray && !isPlainObject(value)) {
    return reader.add('invalid_type', path, `${formatPath(path)} must be a JSON value (got ${describe(value)})`)
  }
  if (depth >= JSON_LIMITS.maxDepth) {
    const limit = JSON_LIMITS.maxDepth
    const message = `${formatPath(path)} is nested more than ${limit} levels deep in ${budget.what}; flatten it`
    return reader.add('invalid_value', path, message)
  }
  if (isArray) {
    const list = value as readonly unknown[]
    const copy: unknown[] = []
    for (let index = 0; index < list.length && !budget.spent; index++) {
      copy.push(copyJson(reader, list[index], [...path, index], budget, depth + 1))
    }
    return copy
  }
  const object = value as Source
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    if (budget.spent) break
    const at = [...path, key]
    if (FORBIDDEN_KEYS.has(key)) {
      reader.add('forbidden_key', at, `${formatPath(at)} is not allowed: remove the "${key}" key`)
    } else if (object[key] !== undefined && readJsonKey(reader, key, at, budget)) {
      copy[key] = copyJson(reader, object[key], at, budget, depth + 1)
    }
  }
  return copy
}

function readRef(reader: Reader, value: unknown, path: IssuePath): unknown {
  const object = readObject(reader, value, path, true)
  if (object === undefined) return undefined
  rejectUnknownKeys(reader, object, REF_KEYS, path)
  return {
    entity: reader.enumeration(object.entity, [...path, 'entity'], ENTITY_NAMES, true),
    id: reader.string(object.id, [...path, 'id'], { required: true, max: ID_MAX_LENGTH }),
  }
}

function readList(reader: Reader, field: FieldSpec, value: unknown, path: IssuePath): unknown {
  const list = reader.array(value, path)
  if (list === undefined) return field.kind === 'attachments' ? [] : undefined
  if (list.length > MAX_LIST_LENGTH) {
    const message = `${formatPath(path)} may list at most ${MAX_LIST_LENGTH} entries (got ${list.length})`
    reader.add('invalid_value', path, message)
    return undefined
  }
  if (field.kind === 'refs') return list.map((item, index) => readRef(reader, item, [...path, index]))
  return list.map((item, index) => {
    const at = [...path, index]
    const object = readObject(reader, item, at, true)
    if (object === undefined) return undefined
    rejectUnknownKeys(reader, object, ATTACHMENT_KEYS, at)
    return {
      id: reader.string(object.id, [...at, 'id'], { required: true, max: ID_MAX_LENGTH }),
      fileName: reader.string(object.fileName, [...at, 'fileName'], { required: true, max: 255 }),
      mimeType: reader.string(object.mimeType, [...at, 'mimeType'], { required: true, max: 256 }),
      sizeBytes: reader.number(object.sizeBytes, [...at, 'sizeBytes'], { required: true, integer: true, min: 0 }),
    }
  })
}

function readAddress(context: Context, field: FieldSpec): unknown {
  const { reader, source } = context
  let parts: Source | undefined = source
  let path: IssuePath = []
  if (context.naming === 'leadkit') {
    path = [field.key]
    parts = readObject(reader, own(source, field.key), path, false)
    if (parts === undefined) return undefined
    rejectUnknownKeys(reader, parts, ADDRESS_KEYS, path)
  }
  const address: Record<string, unknown> = {}
  for (const part of ADDRESS_FIELDS) {
    const name = context.naming === 'leadkit' ? part.key : part.column
    address[part.key] = reader.string(own(parts, name), [...path, name], { max: part.max })
  }
  const result = compact(address)
  // An empty address has nothing to store; dropping it keeps records comparable after a Dataverse round trip.
  return Object.keys(result).length > 0 ? result : undefined
}

function numberOptions(field: NumberField): NumberOptions {
  return compact({ min: field.min, integer: field.integer, required: field.required })
}

function readField(context: Context, field: FieldSpec): unknown {
  const { reader, source, naming } = context
  const name = naming === 'leadkit' ? field.key : field.column
  const path = [name]
  const value = own(source, name)
  switch (field.kind) {
    case 'string':
      return reader.string(value, path, compact({ max: field.max, required: field.required, format: field.format }))
    case 'number':
      return readNumber(context, value, path, numberOptions(field))
    case 'boolean':
      return reader.boolean(coercedBoolean(context, value), path)
    case 'option':
      return readOption(context, field, value, path) ?? (hasIssueAt(reader, path) ? undefined : field.fallback)
    case 'address':
      return readAddress(context, field)
    case 'ref':
      if (naming === 'leadkit') return readRef(reader, value, path)
      return {
        id: reader.string(value, path, { required: true, max: ID_MAX_LENGTH }),
        entity: reader.enumeration(own(source, field.typeColumn), [field.typeColumn], ENTITY_NAMES, true),
      }
    case 'attachments':
    case 'refs':
      return readList(reader, field, value, path)
    case 'json':
      return value === undefined ? undefined : copyJson(reader, value, path, jsonBudget(name, 'any'))
  }
}

function hasIssueAt(reader: Reader, path: IssuePath): boolean {
  return reader.issues.some((issue) => issue.path.length === path.length && issue.path.every((part, i) => part === path[i]))
}

/** Fills a missing state or status reason from the other, and rejects a status reason of another state. */
function settleLeadStatus(context: Context, record: Record<string, unknown>): void {
  const { reader, naming } = context
  const statePath = [naming === 'leadkit' ? 'state' : 'statecode']
  const reasonPath = [naming === 'leadkit' ? 'statusReason' : 'statuscode']
  if (hasIssueAt(reader, statePath) || hasIssueAt(reader, reasonPath)) return
  const state = record.state as LeadState | undefined
  const reason = record.statusReason as LeadStatusReason | undefined
  // A lead without either is a new one: that is how the product creates leads.
  const settled: LeadState = state ?? (reason === undefined ? 'open' : leadStateOf(reason))
  record.state = settled
  if (reason === undefined) {
    record.statusReason = LEAD_STATUS_REASONS[settled][0]
  } else if (!isStatusReasonOf(settled, reason)) {
    const allowed = LEAD_STATUS_REASONS[settled].map((r) => `"${r}"`).join(', ')
    reader.add(
      'invalid_combination',
      reasonPath,
      `${formatPath(reasonPath)} "${reason}" is not a status reason of the ${settled} state: use one of ${allowed}, or change the state`,
    )
  }
}

/** Unknown fields (plus a given `extra` object in leadkit naming) kept, copied, under `extra`. */
function readExtra(context: Context, spec: RecordSpec): Record<string, unknown> | undefined {
  const { reader, source, naming } = context
  const known = naming === 'leadkit' ? keysOf(spec) : columnsOf(spec)
  const extra: Record<string, unknown> = {}
  // The given extra and the unknown fields end up in one object, so they share one budget.
  const budget = jsonBudget('extra', naming === 'leadkit' ? 'refuse-annotations' : 'skip-annotations')
  if (naming === 'leadkit') {
    const given = readObject(reader, own(source, 'extra'), ['extra'], false) ?? {}
    for (const key of Object.keys(given)) {
      if (budget.spent) break
      if (FORBIDDEN_KEYS.has(key) || given[key] === undefined) continue
      if (!readJsonKey(reader, key, ['extra', key], budget)) continue
      extra[key] = copyJson(reader, given[key], ['extra', key], budget)
    }
  }
  for (const key of Object.keys(source)) {
    if (budget.spent) break
    if (known.has(key) || FORBIDDEN_KEYS.has(key) || source[key] === undefined) continue
    if (!readJsonKey(reader, key, [key], budget)) continue
    if (naming === 'dataverse' && !isPlainColumnName(key)) {
      // toDataverse writes extra keys back as columns and takes only plain names; refusing here keeps the two alike.
      const message = `${quoteKey(key)} is not a column name: Dataverse logical names are lower-case letters, digits, _`
      reader.add('invalid_value', [key], message)
      continue
    }
    if (Object.hasOwn(extra, key)) {
      reader.add('invalid_combination', [key], `${key} is given both as a field and inside extra: keep only one`)
    } else {
      extra[key] = copyJson(reader, source[key], [key], budget)
    }
  }
  return Object.keys(extra).length > 0 ? extra : undefined
}

/**
 * Reads one record per `spec` from untrusted `input`, in leadkit or Dataverse naming.
 *
 * @throws LeadkitError carrying every issue found
 * @example
 * readRecord(ACCOUNT_SPEC, { accountid: 'a1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z',
 *   versionnumber: 1, name: 'Contoso', statecode: 1 }, 'dataverse')
 * //=> { id: 'a1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, name: 'Contoso', state: 'inactive' }
 */
export function readRecord<T>(spec: RecordSpec, input: unknown, naming: Naming, options?: ParseRecordOptions): T {
  try {
    return readRecordOrThrow<T>(spec, input, naming, options)
  } catch (error) {
    // A getter or proxy in the input that throws is the input's fault: it leaves as a LeadkitError.
    throw asLeadkitError(error)
  }
}

function readRecordOrThrow<T>(spec: RecordSpec, input: unknown, naming: Naming, options: unknown): T {
  const reader = new InputReader()
  // `null` is no options, as `undefined` is; anything else that is not an object is the caller's mistake.
  if (options !== undefined && options !== null && typeof options !== 'object') {
    const message = `options must be an object like { coerce: true } (got ${describe(options)})`
    reader.add('invalid_type', ['options'], message)
    reader.throwIfAny()
  }
  const coerce = options !== undefined && options !== null && (options as ParseRecordOptions).coerce === true
  const source = readObject(reader, input, [], true)
  if (source === undefined) throw new LeadkitError(reader.issues)
  const context: Context = { reader, source, naming, coerce }
  const record: Record<string, unknown> = {}
  for (const field of spec.fields) record[field.key] = readField(context, field)
  if (spec.hasLeadStatus === true) settleLeadStatus(context, record)
  record.extra = readExtra(context, spec)
  reader.throwIfAny()
  return deepFreeze(compact(record)) as T
}
