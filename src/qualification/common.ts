// Internal helpers the planners share. Not exported from the package.
import type { Objectish, Patch } from 'immer'
import { LeadkitError } from '../errors.js'
import { produceWithPatches } from '../internal/immer.js'
import { InputReader, isIsoInstant } from '../internal/validate.js'
import type { RecordPatch, RecordRead } from '../plan.js'
import { LEAD_STATUS_REASONS } from '../records/leadState.js'
import type { Lead, LeadState, Note } from '../records/types.js'
import { hasSalesRole } from './salesRoles.js'
import type { QualificationContext } from './types.js'

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

/** Immer's patches for each shape of change, as `op` and field: see {@link fieldPatches}. */
const patchShapes = new Map<string, readonly { readonly op: RecordPatch['op']; readonly field: string; readonly path: readonly string[] }[]>()

/**
 * The immer patches of a recipe that only sets or deletes top-level `fields` of a record. Immer's patches depend on
 * the shape of the change alone (which fields are added, replaced, removed or left as they were), never on the
 * values beyond that, so immer runs once per shape and later records of that shape reuse its `op`s and paths with
 * their own values. Bulk planning meets a handful of shapes across 100,000 leads.
 */
export function fieldPatches<T extends object>(record: T, fields: readonly (keyof T & string)[], recipe: (draft: T) => void): RecordPatch[] {
  const base: Record<string, unknown> = {}
  for (const field of fields) if (Object.hasOwn(record, field)) base[field] = (record as Record<string, unknown>)[field]
  const next: Record<string, unknown> = { ...base }
  recipe(next as T)
  let shape = ''
  for (const field of fields) {
    const before = Object.hasOwn(base, field)
    const after = Object.hasOwn(next, field)
    shape += before ? (after ? (Object.is(base[field], next[field]) ? 'e' : 'r') : 'd') : after ? 'a' : '-'
  }
  let template = patchShapes.get(shape)
  if (template === undefined) {
    const patches = patchesOf(base as T, fields, recipe)
    if (patches.some((patch) => patch.path.length !== 1)) return patches
    // Paths are frozen once and shared by every plan of this shape.
    template = patches.map((patch) => ({ op: patch.op, field: String(patch.path[0]), path: Object.freeze([String(patch.path[0])]) }))
    patchShapes.set(shape, template)
  }
  return template.map(({ op, field, path }) => (op === 'remove' ? { op, path } : { op, path, value: next[field] }))
}

export function readOf(entity: RecordRead['entity'], record: { readonly id: string; readonly version: number }): RecordRead {
  return { entity, id: record.id, version: record.version }
}
