// Internal helpers the planners share. Not exported from the package.
import type { Objectish, Patch } from 'immer'
import { LeadkitError } from '../../errors.js'
import { produceWithPatches } from '../../internal/immer.js'
import { InputReader } from '../../internal/validate.js'
import type { RecordPatch, RecordRead, UpdateOperation } from '../../plan.js'
import { LEAD_STATUS_REASONS } from '../../records/leadState.js'
import type { Lead, LeadState, Note } from '../../records/types.js'
import { hasSalesRole } from '../salesRoles.js'
import type { QualificationContext } from '../types.js'
import { patchOf, type Planning } from './planning.js'

const LEAD_STATES: readonly LeadState[] = ['open', 'qualified', 'disqualified']

/** The product's messages for each blocker code, so a UI shows the same words as the product. */
export const MESSAGES = {
  lead_closed: 'This lead is already closed (qualified or disqualified). Reactivate it from the Closed Leads view to qualify it again.',
  duplicate_lead: 'Lead record was not created or updated because a duplicate of the current record already exists.',
  duplicate_opportunity:
    'Opportunity record was not created or updated because a duplicate of the current record already exists.',
  multiple_opportunities_not_allowed:
    'Your admin has not allowed creating several opportunities from one lead. Create one opportunity, or ask your admin to let sellers create up to 5 opportunities.',
  opportunity_currency_required: 'Select the currency in which to calculate the opportunity.',
  sales_role_required: 'Qualifying or disqualifying a lead needs a primary sales role, such as salesperson or sales manager.',
  opportunity_associated: "You can disqualify a lead only if there's no opportunity associated with that lead.",
  lead_open: 'Only a qualified or disqualified lead can be reactivated; this lead is open.',
} as const

export function tooManyOpportunitiesMessage(max: number, count: number): string {
  return `A lead can be qualified into at most ${max} opportunities; ${count} were given. Remove ${count - max}.`
}

/** Checks the few lead fields every planner relies on; a lead from `parseLead` always passes. */
export function checkLead(lead: unknown): asserts lead is Lead {
  // Fast path for the well-formed leads bulk planning sees by the thousand; the reader then explains what is wrong.
  if (lead !== null && typeof lead === 'object') {
    const { id, version, state, statusReason } = lead as Partial<Lead>
    if (
      typeof id === 'string' &&
      id.trim() !== '' &&
      Number.isInteger(version) &&
      (version as number) >= 1 &&
      typeof state === 'string' &&
      Object.hasOwn(LEAD_STATUS_REASONS, state) &&
      LEAD_STATUS_REASONS[state].includes(statusReason as never)
    ) {
      return
    }
  }
  const reader = new InputReader()
  const value = reader.object(lead, ['lead'])
  if (value !== undefined) {
    reader.string(value.id, ['lead', 'id'], { required: true })
    reader.number(value.version, ['lead', 'version'], { required: true, integer: true, min: 1 })
    const state = reader.enumeration(value.state, ['lead', 'state'], LEAD_STATES, true)
    const reason = reader.enumeration(value.statusReason, ['lead', 'statusReason'], Object.values(LEAD_STATUS_REASONS).flat(), true)
    if (state !== undefined && reason !== undefined && !LEAD_STATUS_REASONS[state].includes(reason)) {
      reader.add('invalid_combination', ['lead', 'statusReason'], `lead.statusReason "${reason}" does not belong to state "${state}"`)
    }
  }
  reader.throwIfAny()
}

/** The lead's notes from the context, checked to belong to the lead: qualification never moves a note. */
export function leadNotes(lead: Lead, context: QualificationContext): readonly Note[] {
  const notes = context.notes ?? []
  notes.forEach((note, index) => {
    if (note?.regarding?.entity !== 'lead' || note.regarding.id !== lead.id) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: ['context', 'notes', index, 'regarding'],
        message: `context.notes[${index}] is not regarding lead ${lead.id}: pass only the lead's own notes`,
      })
    }
  })
  return notes
}

/** Whether the acting user lacks a sales role; unknown roles (none given) are not checked. */
export function lacksSalesRole(context: QualificationContext): boolean {
  return context.userRoles !== undefined && !hasSalesRole(context.userRoles)
}

/**
 * Runs an immer recipe on the `fields` of a record and returns the patches as plain, JSON-safe data. Only those
 * fields are drafted: the patches are the same as over the whole record (top-level paths, `add` for a field the
 * record lacks), at a fraction of the cost when thousands of leads are planned at once.
 */
export function patchesOf<T extends Objectish>(record: T, fields: readonly (keyof T & string)[], recipe: (draft: T) => void): RecordPatch[] {
  const base: Record<string, unknown> = {}
  for (const field of fields) if (Object.hasOwn(record, field)) base[field] = (record as Record<string, unknown>)[field]
  const [, patches] = produceWithPatches(base as T, (draft: T) => {
    recipe(draft)
  }) as unknown as [T, Patch[]]
  return patches.map((patch) =>
    patch.value === undefined
      ? { op: patch.op, path: [...patch.path] }
      : { op: patch.op, path: [...patch.path], value: patch.value as unknown },
  )
}

/** The lead fields disqualifying and reactivating change, in the order their patches come. */
export const CLOSE_FIELDS: readonly (keyof Lead & string)[] = Object.freeze(['state', 'statusReason', 'closedOn', 'modifiedOn'])

/** Marks, in {@link FieldChanges}, a field the change removes. */
export const REMOVE: unique symbol = Symbol('leadkit.remove')

/** New values of some top-level fields of a record; {@link REMOVE} removes one, a missing key leaves it as it is. */
export type FieldChanges<T> = { -readonly [K in keyof T]?: T[K] | typeof REMOVE }

/**
 * The patches immer makes when `changes` are applied to the top-level `fields` of a record one after another, in
 * the order of `fields`: `replace` for a field whose value changes, `add` for a field the record lacks, `remove` for
 * a field it has, nothing for a value it already holds. Running immer itself costs about 30 µs a lead, more than
 * planning the rest of the lead, so the planners compute the same patches directly (immer 11's rules, from its
 * proxy's `set`/`deleteProperty` traps and `generatePatchesFromAssigned`);
 * `test/qualification/internal/fieldPatches.test.ts` checks them against immer for every shape of change. The
 * patch objects come from the call's planning memo, which shares equal ones between the plans of one bulk call.
 */
export function fieldPatches<T extends object>(
  record: T,
  fields: readonly (keyof T & string)[],
  changes: FieldChanges<T>,
  planning: Planning,
): RecordPatch[] {
  const before = record as Readonly<Record<string, unknown>>
  const after = changes as Readonly<Record<string, unknown>>
  // Counted first so the list is allocated at its size: a list grown by push keeps spare room, which 100,000 plans
  // would hold on to (about 70 bytes a plan).
  // Indexed loops: planners run this per lead, and an iterator here allocated a result object per field.
  let count = 0
  for (let f = 0; f < fields.length; f++) if (opOf(before, after, fields[f] as string) !== undefined) count++
  const patches: RecordPatch[] = new Array(count)
  let i = 0
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f] as string
    const op = opOf(before, after, field)
    if (op !== undefined) patches[i++] = patchOf(planning, op, field, op === 'remove' ? undefined : after[field])
  }
  return patches
}

/** The patch op of one field, by immer's rules; undefined when the field does not change. */
function opOf(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  field: string,
): RecordPatch['op'] | undefined {
  if (!Object.hasOwn(after, field)) return undefined
  const value = after[field]
  const had = Object.hasOwn(before, field)
  if (value === REMOVE) return had ? 'remove' : undefined
  if (!had) return 'add'
  return isSameValue(before[field], value) ? undefined : 'replace'
}

// Immer leaves a field alone when the new value is `===` the old one, or both are NaN.
function isSameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b)
}

/**
 * Returns `text` flattened. A string built by `+` or a template is a tree of pieces that V8 keeps as it is (about 135
 * bytes for a 25-character id); reading one character flattens it into one run of characters, and the garbage
 * collector then drops the tree. Plans keep their ids for as long as the caller keeps the plan, 100,000 at a time.
 */
export function flat(text: string): string {
  text.charCodeAt(0)
  return text
}

/** One shared empty list for the plans' empty fields: bulk planning keeps 100,000 plans. */
export const NONE: readonly never[] = Object.freeze([])

/** A readonly type made writable, for drafts and for plans while they are built. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The operation that makes `changes` to the lead's own `fields` (see {@link fieldPatches}), checked against the
 * version the plan read. Every planner closes or reopens the lead this way.
 */
export function leadUpdate(
  lead: Lead,
  fields: readonly (keyof Lead & string)[],
  changes: FieldChanges<Lead>,
  reason: string,
  planning: Planning,
): UpdateOperation {
  const patches = fieldPatches(lead, fields, changes, planning)
  return { op: 'update', entity: 'lead', id: lead.id, expectedVersion: lead.version, patches, reason }
}

/** The versions a plan about the lead read: the lead's, then each of its notes'. */
export function leadReads(lead: Lead, notes: readonly Note[]): RecordRead[] {
  const reads: RecordRead[] = [readOf('lead', lead)]
  for (const note of notes) reads.push(readOf('note', note))
  return reads
}

export function readOf(entity: RecordRead['entity'], record: { readonly id: string; readonly version: number }): RecordRead {
  return { entity, id: record.id, version: record.version }
}
