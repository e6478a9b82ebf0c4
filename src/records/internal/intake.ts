/**
 * The engine behind the intake parsers and the create / update steps of leads, accounts and contacts. It sorts the
 * keys of untrusted input into user-editable fields, system fields (refused), and unknown keys (refused, kept or
 * dropped as asked), turns blank values into "no value" (a draft) or "clear" (a patch), and leaves every check of a
 * value to {@link readRecord} run on a spec of the editable fields, so intake and `parseLead` agree on every rule.
 */
import { LeadkitError, type Issue, type IssuePath } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { isBlank } from '../../internal/isBlank.js'
import { FORBIDDEN_KEYS } from '../../internal/keys.js'
import { asLeadkitError, compact, didYouMean, formatPath, InputReader, quoteKey } from '../../internal/validate.js'
import type {
  IntakeOptions,
  IntakeResult,
  StandardSchemaProps,
  UnknownKeys,
} from '../intakeTypes.js'
import { ADDRESS_FIELDS, columnsOf, ID_MAX_LENGTH, type FieldSpec, type RecordSpec } from './fieldSpecs.js'
import { readRecord } from './readRecord.js'

import type { IntakeMode } from '../intakeTypes.js'

export type { IntakeMode }

/**
 * How one record type takes untrusted input: the full spec, the editable fields, and why each system field is
 * refused (the message says where the value comes from instead).
 */
export interface IntakeKind {
  /** `a lead`, `an account`: for messages. */
  readonly noun: string
  readonly spec: RecordSpec
  /** Field keys the caller may set, in spec order. */
  readonly editable: readonly string[]
  /** Every other field key of the spec, with what sets it. */
  readonly system: Readonly<Record<string, string>>
  /** The state (and status reason) a record takes when created. */
  readonly initialState: Readonly<Record<string, string>>
  /** The `state` in which a record may be edited: Dynamics 365 makes closed and inactive records read-only. */
  readonly editableState: string
  /** Specs of the editable fields, built the first time they are needed. */
  readonly specs: { new?: RecordSpec; patch?: RecordSpec }
}

const SET_BY_CREATE = 'the create step (createLead, createAccount, createContact) sets it from { id, now }'
const SET_BY_OWNER = 'pass it to the create step as { ownerId } from your authenticated user, never from the form'

/** The system fields every record has, and what sets each one. */
export const SYSTEM_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  id: SET_BY_CREATE,
  createdOn: SET_BY_CREATE,
  modifiedOn: SET_BY_CREATE,
  version: SET_BY_CREATE,
  ownerId: SET_BY_OWNER,
})

function specOf(kind: IntakeKind, mode: IntakeMode): RecordSpec {
  const cached = kind.specs[mode]
  if (cached !== undefined) return cached
  const keys = new Set(kind.editable)
  const fields: FieldSpec[] = []
  for (const field of kind.spec.fields) {
    if (!keys.has(field.key)) continue
    // A patch names only what changes: a required field may be absent (it keeps its value), just not cleared.
    if (mode === 'patch' && 'required' in field) {
      const { required: _, ...rest } = field
      fields.push(rest as FieldSpec)
    } else {
      fields.push(field)
    }
  }
  const spec: RecordSpec = { entity: kind.spec.entity, names: {}, fields }
  kind.specs[mode] = spec
  return spec
}

function isRequired(kind: IntakeKind, key: string): boolean {
  const field = kind.spec.fields.find((candidate) => candidate.key === key)
  return field !== undefined && 'required' in field && field.required === true
}

/** The options, read defensively: `null` is no options, anything else not an object is an issue. */
function readOptions(reader: InputReader, options: unknown): { unknownKeys: UnknownKeys; coerce: boolean } {
  if (options === undefined || options === null) return { unknownKeys: 'reject', coerce: true }
  if (typeof options !== 'object') {
    reader.add('invalid_type', ['options'], 'options must be an object like { unknownKeys: "keep" } or left out')
    return { unknownKeys: 'reject', coerce: true }
  }
  const given = options as IntakeOptions
  const unknownKeys = reader.enumeration(given.unknownKeys, ['options', 'unknownKeys'], ['reject', 'keep', 'strip'])
  const coerce = reader.boolean(given.coerce, ['options', 'coerce'])
  return { unknownKeys: unknownKeys ?? 'reject', coerce: coerce ?? true }
}

// A million unknown keys must not become a million issues: this many are named, the rest counted in one.
const UNKNOWN_KEYS_REPORTED = 20

interface Sorted {
  /** The editable fields that carry a value, plus kept unknown keys: what readRecord reads. */
  readonly source: Record<string, unknown>
  /** Fields (and `address.part`s) a patch clears. */
  readonly cleared: string[]
  readonly clearedAddress: string[]
}

/**
 * Sorts the keys of `input` into the source readRecord checks, the fields a patch clears, and issues for system
 * and unknown keys. Only own enumerable keys are read, each once.
 */
function sortKeys(
  reader: InputReader,
  kind: IntakeKind,
  mode: IntakeMode,
  input: Readonly<Record<string, unknown>>,
  unknownKeys: UnknownKeys,
  allowExtra: boolean,
): Sorted {
  const editable = new Set(kind.editable)
  const source: Record<string, unknown> = {}
  const cleared: string[] = []
  const clearedAddress: string[] = []
  const unknown: string[] = []
  let unknownCount = 0
  for (const key of Object.keys(input)) {
    if (FORBIDDEN_KEYS.has(key)) continue // reader.object reported it
    const value = input[key]
    const setBy = Object.hasOwn(kind.system, key) ? kind.system[key] : undefined
    if (setBy !== undefined) {
      reader.add('forbidden_key', [key], `${key} cannot be set from input to ${kind.noun}: ${setBy}`)
    } else if (editable.has(key)) {
      if (key === 'address' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        source.address = sortAddress(mode, value as Readonly<Record<string, unknown>>, clearedAddress)
      } else if (value === undefined || isBlank(value)) {
        if (mode === 'patch' && value !== undefined) {
          if (isRequired(kind, key)) reader.add('required', [key], `${key} cannot be cleared: ${kind.noun} needs one`)
          else cleared.push(key)
        }
      } else {
        source[key] = value
      }
    } else if (key === 'extra' && (unknownKeys === 'keep' || allowExtra)) {
      source.extra = value
    } else if (unknownKeys === 'keep') {
      if (columnsOf(kind.spec).has(key)) {
        const message = `${key} is the Dataverse column of a field of ${kind.noun}; use the field's leadkit name`
        reader.add('forbidden_key', [key], message)
      } else {
        source[key] = value
      }
    } else if (unknownKeys === 'reject') {
      unknownCount += 1
      if (unknown.length < UNKNOWN_KEYS_REPORTED) unknown.push(key)
    }
  }
  for (const key of unknown) {
    const hint = key.length <= 100 ? didYouMean(key, kind.editable) : undefined
    const message =
      `${quoteKey(key)} is not a field of ${kind.noun} that input may set` +
      (hint === undefined ? '.' : `; did you mean "${hint}"?`) +
      " Pass { unknownKeys: 'keep' } to keep unknown keys under extra, or { unknownKeys: 'strip' } to drop them"
    reader.add('unknown_key', [key], message)
  }
  if (unknownCount > unknown.length) {
    const message = `input has ${unknownCount - unknown.length} more unknown keys; send only the fields of ${kind.noun}`
    reader.add('unknown_key', [], message)
  }
  return { source, cleared, clearedAddress }
}

function sortAddress(mode: IntakeMode, address: Readonly<Record<string, unknown>>, cleared: string[]): unknown {
  const parts = new Set(ADDRESS_FIELDS.map((part) => part.key))
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(address)) {
    const value = address[key]
    // Unknown parts stay, so readRecord reports them with the address's own rule.
    if (!parts.has(key) || !(value === undefined || isBlank(value))) kept[key] = value
    else if (mode === 'patch' && value !== undefined) cleared.push(key)
  }
  return kept
}

/** Runs the checks of one intake parse; every issue ends up on `reader`. */
function run(kind: IntakeKind, mode: IntakeMode, input: unknown, options: unknown, allowExtra = false): unknown {
  const reader = new InputReader()
  const { unknownKeys, coerce } = readOptions(reader, options)
  const object = reader.object(input, [], true)
  if (object === undefined && !isPlainRecord(input)) throw new LeadkitError(reader.issues)
  const sorted = sortKeys(reader, kind, mode, input as Readonly<Record<string, unknown>>, unknownKeys, allowExtra)
  let record: Record<string, unknown> = {}
  try {
    record = { ...readRecord<Record<string, unknown>>(specOf(kind, mode), sorted.source, 'leadkit', { coerce }) }
  } catch (error) {
    if (!(error instanceof LeadkitError)) throw error
    reader.issues.push(...error.issues)
  }
  reader.throwIfAny()
  if (mode === 'patch') {
    for (const key of sorted.cleared) record[key] = null
    if (sorted.clearedAddress.length > 0) {
      const address: Record<string, unknown> = { ...(record.address as object | undefined) }
      for (const part of sorted.clearedAddress) address[part] = null
      record.address = address
    }
  }
  return deepFreeze(record)
}

function isPlainRecord(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Only a LeadkitError leaves an intake function (a getter or proxy that threw becomes `invalid_type`). */
function unreadable(error: unknown): LeadkitError {
  return asLeadkitError(error)
}

/** The throwing intake parse of `kind` in `mode`. */
export function parseIntake<T>(kind: IntakeKind, mode: IntakeMode, input: unknown, options?: unknown): T {
  try {
    return run(kind, mode, input, options) as T
  } catch (error) {
    throw unreadable(error)
  }
}

/** The safe intake parse: the same run, its outcome reshaped; never throws. */
export function safeParseIntake<T>(
  kind: IntakeKind,
  mode: IntakeMode,
  input: unknown,
  options?: unknown,
): IntakeResult<T> {
  try {
    return { success: true, data: run(kind, mode, input, options) as T }
  } catch (error) {
    const leadkitError = unreadable(error)
    return { success: false, error: leadkitError, issues: leadkitError.issues }
  }
}

/** The Standard Schema v1 properties of one intake parse with fixed options. */
export function standardProps<T>(
  kind: IntakeKind,
  mode: IntakeMode,
  options?: IntakeOptions,
): StandardSchemaProps<T> {
  return Object.freeze({
    version: 1 as const,
    vendor: 'leadkit' as const,
    validate: (value: unknown) => {
      const result = safeParseIntake<T>(kind, mode, value, options)
      if (result.success) return { value: result.data }
      return { issues: result.issues.map((issue: Issue) => ({ message: issue.message, path: issue.path })) }
    },
  })
}

/** A random RFC 4122 version-4 GUID, the form Dataverse ids have; made only when a create step needs one. */
function newGuid(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (typeof crypto?.randomUUID !== 'function') {
    throw new LeadkitError({
      code: 'required',
      path: ['options', 'id'],
      message: 'this runtime has no crypto.randomUUID to make an id: pass { id } to the create step',
    })
  }
  return crypto.randomUUID()
}

const STRICT: IntakeOptions = Object.freeze({ unknownKeys: 'reject', coerce: false })

interface Instant {
  readonly text: string
  readonly time: number
}

function readStepOptions(reader: InputReader, options: unknown, keys: readonly string[]): Record<string, unknown> {
  const object = reader.object(options, ['options'], true)
  if (object === undefined) return {}
  reader.knownKeys(object, keys, ['options'], 'the options')
  return { ...object }
}

function readNow(reader: InputReader, value: unknown): Instant | undefined {
  const text = reader.string(value, ['options', 'now'], { required: true, format: 'iso-instant' })
  return text === undefined ? undefined : { text, time: Date.parse(text) }
}

/**
 * The create step: re-checks `draft` as a new record of `kind` (strict types, an explicit `extra` allowed), then
 * adds the id, both timestamps, version 1, the owner and the initial state, and returns the frozen record.
 */
export function createFromDraft<T>(kind: IntakeKind, draft: unknown, options: unknown): T {
  try {
    const reader = new InputReader()
    const given = readStepOptions(reader, options, ['now', 'id', 'ownerId'])
    const now = readNow(reader, given.now)
    const id = reader.string(given.id, ['options', 'id'], { max: ID_MAX_LENGTH })
    const ownerId = reader.string(given.ownerId, ['options', 'ownerId'], { max: ID_MAX_LENGTH })
    if (given.id !== undefined && id !== undefined && id.trim() === '') {
      reader.add('required', ['options', 'id'], 'options.id must not be blank; leave it out to get a GUID')
    }
    let fields: Readonly<Record<string, unknown>> = {}
    try {
      // A draft built in code may carry `extra`; any other unknown key is still a typo to report.
      fields = run(kind, 'new', draft, STRICT, true) as Readonly<Record<string, unknown>>
    } catch (error) {
      if (!(error instanceof LeadkitError)) throw error
      reader.issues.push(...error.issues)
    }
    reader.throwIfAny()
    const stamp = now?.text
    const record = { ...fields, ...kind.initialState, id: id ?? newGuid(), createdOn: stamp, modifiedOn: stamp }
    return readRecord<T>(kind.spec, compact({ ...record, version: 1, ownerId }), 'leadkit')
  } catch (error) {
    throw unreadable(error)
  }
}

/**
 * The update step: re-checks `record` (its full parser) and `patch` (strict types), refuses an edit of a record
 * that is not in its initial (open / active) state, applies the patch and, when anything changed, stamps
 * `modifiedOn` and bumps `version`. Returns a new frozen record; the given one is untouched.
 */
export function updateWithPatch<T>(kind: IntakeKind, record: unknown, patch: unknown, options: unknown): T {
  try {
    const reader = new InputReader()
    const given = readStepOptions(reader, options, ['now'])
    const now = readNow(reader, given.now)
    let current: Readonly<Record<string, unknown>> | undefined
    try {
      current = readRecord<Readonly<Record<string, unknown>>>(kind.spec, record, 'leadkit')
    } catch (error) {
      if (!(error instanceof LeadkitError)) throw error
      reader.issues.push(...error.issues.map((issue) => ({ ...issue, path: ['record', ...issue.path] })))
    }
    let changes: Readonly<Record<string, unknown>> = {}
    try {
      changes = run(kind, 'patch', patch, STRICT, true) as Readonly<Record<string, unknown>>
    } catch (error) {
      if (!(error instanceof LeadkitError)) throw error
      reader.issues.push(...error.issues.map((issue) => ({ ...issue, path: ['patch', ...issue.path] })))
    }
    reader.throwIfAny()
    const before = current as Readonly<Record<string, unknown>>
    checkEditable(kind, before)
    if (now !== undefined && now.time < Date.parse(before.modifiedOn as string)) {
      const message =
        `options.now ${now.text} is before the record's modifiedOn ${String(before.modifiedOn)}: ` +
        'pass the current instant'
      throw new LeadkitError({ code: 'invalid_value', path: ['options', 'now'], message })
    }
    const next = applyChanges(before, changes)
    if (JSON.stringify(next) === JSON.stringify(before)) return before as T
    const stamped = { ...next, modifiedOn: now?.text, version: (before.version as number) + 1 }
    return readRecord<T>(kind.spec, stamped, 'leadkit')
  } catch (error) {
    throw unreadable(error)
  }
}

function checkEditable(kind: IntakeKind, record: Readonly<Record<string, unknown>>): void {
  if (record.state === kind.editableState) return
  const path: IssuePath = ['record', 'state']
  const reopen = kind.spec.entity === 'lead' ? 'reactivate it first (planReactivation)' : 'activate it first'
  const state = String(record.state)
  const message = `${formatPath(path)} is "${state}": Dynamics 365 makes such a record read-only; ${reopen}`
  throw new LeadkitError({ code: 'invalid_value', path, message })
}

/** The record with `changes` applied: `null` clears, an address is patched part by part, `extra` key by key. */
function applyChanges(
  record: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...record }
  for (const key of Object.keys(changes)) {
    const value = changes[key]
    if (value === null) {
      delete next[key]
    } else if (key === 'address' || key === 'extra') {
      // As in a JSON merge patch (RFC 7396): a part set to null is removed, the others are set.
      const merged: Record<string, unknown> = { ...(record[key] as object | undefined) }
      for (const part of Object.keys(value as object)) {
        const partValue = (value as Readonly<Record<string, unknown>>)[part]
        if (partValue === null) delete merged[part]
        else merged[part] = partValue
      }
      next[key] = Object.keys(merged).length > 0 ? merged : undefined
    } else {
      next[key] = value
    }
  }
  return compact(next)
}
