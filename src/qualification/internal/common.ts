// Internal helpers the planners share. Not exported from the package.
import type { Objectish, Patch } from 'immer'
import { LeadkitError } from '../../errors.js'
import { produceWithPatches } from '../../internal/immer.js'
import { InputReader, isIsoInstant } from '../../internal/validate.js'
import type { RecordPatch, RecordRead, UpdateOperation } from '../../plan.js'
import { LEAD_STATUS_REASONS } from '../../records/leadState.js'
import type { Lead, LeadState, Note } from '../../records/types.js'
import { hasSalesRole } from '../salesRoles.js'
import type { QualificationContext } from '../types.js'

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

/** The context's `now`, checked; `required` says whether the plan writes something that needs it. */
export function readNow(context: QualificationContext, required: boolean): string | undefined {
  const now = context.now
  if (now === undefined) {
    if (!required) return undefined
    throw new LeadkitError({
      code: 'required',
      path: ['context', 'now'],
      message: 'context.now is required: pass the current instant as an ISO string, e.g. new Date().toISOString()',
    })
  }
  if (now === lastValidNow) return now
  if (typeof now !== 'string' || !isIsoInstant(now)) {
    throw new LeadkitError({
      code: 'invalid_format',
      path: ['context', 'now'],
      message: 'context.now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z',
    })
  }
  lastValidNow = now
  return now
}

// Bulk planning passes the same instant for every lead: check it once.
let lastValidNow: string | undefined

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

/** The lead fields disqualifying and reactivating change; a constant, so {@link fieldPatches} finds its shapes. */
export const CLOSE_FIELDS: readonly (keyof Lead & string)[] = Object.freeze(['state', 'statusReason', 'closedOn', 'modifiedOn'])

/** One patch of a shape: its `op` and field, and the last patch made from it, shared while the value is the same. */
interface PatchTemplate {
  readonly op: RecordPatch['op']
  readonly field: string
  readonly path: readonly string[]
  last?: RecordPatch
}

/** Immer's patches for each shape of change, by field list and then shape: see {@link fieldPatches}. */
const patchShapes = new WeakMap<readonly string[], Map<number, readonly PatchTemplate[] | null>>()

/** How a field changes, as a digit of the shape number: left as it was, replaced, removed, added, absent. */
const SAME = 0
const REPLACED = 1
const REMOVED = 2
const ADDED = 3
const ABSENT = 4

/**
 * The immer patches of a recipe that only sets or deletes top-level `fields` of a record. Immer's patches depend on
 * the shape of the change alone (which fields are added, replaced, removed or left as they were), never on the
 * values beyond that, so immer runs once per shape and later records of that shape reuse its `op`s and paths with
 * their own values. Bulk planning meets a handful of shapes across 100,000 leads, and most values (the new state,
 * `now`, the next stage) are the same for every lead: a patch whose value is the last one's is that same frozen
 * patch, so 100,000 plans hold one `state: 'qualified'` patch rather than 100,000. Pass `fields` as a constant:
 * shapes are remembered per list.
 */
export function fieldPatches<T extends object>(record: T, fields: readonly (keyof T & string)[], recipe: (draft: T) => void): RecordPatch[] {
  const before = record as Record<string, unknown>
  const next: Record<string, unknown> = {}
  for (const field of fields) if (Object.hasOwn(before, field)) next[field] = before[field]
  recipe(next as T)
  let shape = 0
  for (const field of fields) {
    const had = Object.hasOwn(before, field)
    const has = Object.hasOwn(next, field)
    shape = shape * 5 + (had ? (has ? (Object.is(before[field], next[field]) ? SAME : REPLACED) : REMOVED) : has ? ADDED : ABSENT)
  }
  let byShape = patchShapes.get(fields)
  if (byShape === undefined) {
    byShape = new Map()
    patchShapes.set(fields, byShape)
  }
  let templates = byShape.get(shape)
  if (templates === undefined) {
    const patches = patchesOf(record, fields, recipe)
    // Deeper paths have no fixed shape: such recipes always go through immer.
    templates = patches.some((patch) => patch.path.length !== 1)
      ? null
      : patches.map((patch) => ({ op: patch.op, field: String(patch.path[0]), path: Object.freeze([String(patch.path[0])]) }))
    byShape.set(shape, templates)
  }
  if (templates === null) return patchesOf(record, fields, recipe)
  const patches: RecordPatch[] = new Array(templates.length)
  for (let i = 0; i < templates.length; i++) {
    const template = templates[i] as PatchTemplate
    const value = next[template.field]
    let patch = template.last
    if (patch === undefined || !Object.is(patch.value, value)) {
      const { op, path } = template
      patch = op === 'remove' ? { op, path } : { op, path, value }
      // Only a patch whose value is a primitive can be frozen and shared as it is; objects are the caller's to freeze.
      if (value === null || typeof value !== 'object') template.last = Object.freeze(patch)
    }
    patches[i] = patch
  }
  return patches
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

/** A readonly type made writable, for drafts and for plans while they are built. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The operation that changes the lead's own `fields` (a constant list, see {@link fieldPatches}) by what `recipe`
 * does to them, checked against the version the plan read. Every planner closes or reopens the lead this way.
 */
export function leadUpdate(
  lead: Lead,
  fields: readonly (keyof Lead & string)[],
  recipe: (draft: Mutable<Lead>) => void,
  reason: string,
): UpdateOperation {
  return { op: 'update', entity: 'lead', id: lead.id, expectedVersion: lead.version, patches: fieldPatches(lead, fields, recipe), reason }
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
