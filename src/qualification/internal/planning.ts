// Internal: what one planning call remembers while it plans. Not exported from the package.
import { LeadkitError } from '../../errors.js'
import { nameBasedGuid } from '../../internal/nameBasedGuid.js'
import { stableHash, stableStringify } from '../../internal/stableHash.js'
import { isIsoInstant } from '../../internal/validate.js'
import type { RecordPatch } from '../../plan.js'
import type { BusinessProcessOutcome } from '../types.js'
import { flat } from './common.js'

/**
 * The most a planning call remembers: characters of the strings its memos hold (two bytes each, so about 256 KB)
 * and entries. Past either it forgets everything and starts again; memos only save work and share equal frozen
 * values between plans, so forgetting changes no plan.
 */
export const PLANNING_MEMO_MAX_CHARS = 131_072
export const PLANNING_MEMO_MAX_ENTRIES = 1_024

/** A request whose canonical text is longer than this is hashed every time rather than remembered. */
const MAX_REMEMBERED_REQUEST = 4_096

/** The last patch of each op a bulk call made for one field, shared while the value is the same. */
interface SharedPatches {
  replace?: RecordPatch
  add?: RecordPatch
  remove?: RecordPatch
}

/** The frozen paths of the lead fields the planners change, so no plan needs a path of its own. */
const LEAD_PATHS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  state: Object.freeze(['state']),
  statusReason: Object.freeze(['statusReason']),
  closedOn: Object.freeze(['closedOn']),
  modifiedOn: Object.freeze(['modifiedOn']),
  qualifyingOpportunityId: Object.freeze(['qualifyingOpportunityId']),
  processStage: Object.freeze(['processStage']),
  existingAccountId: Object.freeze(['existingAccountId']),
  existingContactId: Object.freeze(['existingContactId']),
})

/**
 * The memos of one planning call: `planQualification`, `planDisqualification` and `planReactivation` make a fresh
 * one per call; `planBulkQualification` makes one for all its leads (with `sharesPatches`), which is what lets
 * 100,000 plans share their equal parts and check the shared `now` once. Nothing outlives the call, so plans made
 * with another `now`, settings or request in a later call can never see a value remembered here. Only the functions
 * of this module read or change the fields.
 */
export interface Planning {
  /** Whether equal lead patches are one shared frozen object: worth it for many plans, not for one. */
  readonly sharesPatches: boolean
  chars: number
  entries: number
  now: string | undefined
  requestText: string | undefined
  requestHash: string
  process: BusinessProcessOutcome | undefined
  reasons: Map<string | undefined, string> | undefined
  patches: Map<string, SharedPatches> | undefined
}

/**
 * A fresh planning memo. It is one object literal on purpose: objects a class builds field by field get hidden
 * classes that die with them, and a planner making one per call then had its optimised code thrown away at every
 * garbage collection (50 deoptimisations in the benchmark instead of 11, the next bulk call 20% slower).
 */
export function createPlanning(sharesPatches = false): Planning {
  return {
    sharesPatches,
    chars: 0,
    entries: 0,
    now: undefined,
    requestText: undefined,
    requestHash: '',
    process: undefined,
    reasons: undefined,
    patches: undefined,
  }
}

/** The characters and entries the memos hold now (for tests and for the documented bound). */
export function memoSize(planning: Planning): { readonly chars: number; readonly entries: number } {
  return { chars: planning.chars, entries: planning.entries }
}

/** The context's `now`, checked; `required` says whether the plan writes something that needs it. */
export function checkNow(planning: Planning, now: unknown, required: boolean): string | undefined {
  if (now === undefined) {
    if (!required) return undefined
    throw new LeadkitError({
      code: 'required',
      path: ['context', 'now'],
      message: 'context.now is required: pass the current instant as an ISO string, e.g. new Date().toISOString()',
    })
  }
  // Bulk planning passes the same instant for every lead: check it once.
  if (now === planning.now) return planning.now
  if (typeof now !== 'string' || !isIsoInstant(now)) {
    throw new LeadkitError({
      code: 'invalid_format',
      path: ['context', 'now'],
      message: 'context.now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z',
    })
  }
  if (admit(planning, now.length, planning.now?.length)) planning.now = now
  return now
}

/** The id of a plan: the name-based GUID of its kind, the lead, the version read and a hash of what was asked. */
export function planIdOf(planning: Planning, kind: string, leadId: string, version: number, request: unknown): string {
  const text = stableStringify(request)
  // Bulk planning hashes the same (mostly empty) request for every lead: hash it once.
  if (text !== planning.requestText) {
    const hash = stableHash(text)
    if (text.length > MAX_REMEMBERED_REQUEST || !admit(planning, text.length, planning.requestText?.length)) {
      return flat(nameBasedGuid(`${kind}:${leadId}:v${version}:${hash}`))
    }
    planning.requestText = text
    planning.requestHash = hash
  }
  return flat(nameBasedGuid(`${kind}:${leadId}:v${version}:${planning.requestHash}`))
}

/** The business-process move of a plan, frozen; plans that make the same move share one object. */
export function businessProcessOf(
  planning: Planning,
  from: string | undefined,
  to: string | undefined,
  createsOpportunity: boolean,
): BusinessProcessOutcome {
  const reason = !createsOpportunity
    ? 'no opportunity is created, so the business process stays at its stage although the lead becomes qualified'
    : from === undefined
      ? 'the lead runs in no business process flow'
      : to === undefined
        ? `stage "${from}" has no next stage`
        : 'an opportunity is created, so the business process moves to the next stage'
  const last = planning.process
  if (last !== undefined && last.from === from && last.to === to && last.reason === reason) return last
  const process: BusinessProcessOutcome = Object.freeze({
    moves: to !== undefined,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    reason,
  })
  const chars = charsOf(from) + charsOf(to) + reason.length
  if (admit(planning, chars, last === undefined ? undefined : processChars(last))) planning.process = process
  return process
}

/** Why the primary opportunity is created, built once per note rather than once per lead. */
export function primaryReasonOf(planning: Planning, note: string | undefined): string {
  let reason = planning.reasons?.get(note)
  if (reason === undefined) {
    reason = note === undefined ? 'created by the seller (primary opportunity)' : `${note} (primary opportunity)`
    if (admit(planning, charsOf(note) + reason.length)) (planning.reasons ??= new Map()).set(note, reason)
  }
  return reason
}

/**
 * A patch of a top-level field. In a call that shares patches, a patch whose value is a primitive equal to the
 * last one's of that field and op is that same frozen patch, so 100,000 plans hold one `state: 'qualified'` patch
 * rather than 100,000; objects are the caller's to freeze and are never shared.
 */
export function patchOf(planning: Planning, op: RecordPatch['op'], field: string, value: unknown): RecordPatch {
  const path = Object.hasOwn(LEAD_PATHS, field) ? (LEAD_PATHS[field] as readonly string[]) : Object.freeze([field])
  const isPrimitive = value === null || typeof value !== 'object'
  if (!planning.sharesPatches) {
    // Frozen now, so freezing the plan need not walk it.
    if (value === undefined) return Object.freeze({ op, path })
    return isPrimitive ? Object.freeze({ op, path, value }) : { op, path, value }
  }
  let shared = planning.patches?.get(field)
  if (shared === undefined) {
    shared = {}
    if (admit(planning, field.length)) (planning.patches ??= new Map()).set(field, shared)
  }
  const last = shared[op]
  if (last !== undefined && Object.is(last.value, value)) return last
  const patch: RecordPatch = value === undefined ? { op, path } : { op, path, value }
  if (isPrimitive && admit(planning, charsOf(value), last === undefined ? 0 : charsOf(last.value))) {
    shared[op] = Object.freeze(patch)
  }
  return patch
}

/**
 * Counts a value a memo is about to hold (`replacing` the characters of the one it replaces; a new entry when
 * undefined). Past the bound it forgets everything first; a value too big for the bound alone is not remembered.
 */
function admit(planning: Planning, chars: number, replacing?: number): boolean {
  if (chars > PLANNING_MEMO_MAX_CHARS) return false
  const entries = replacing === undefined ? 1 : 0
  const tooMany = planning.entries + entries > PLANNING_MEMO_MAX_ENTRIES
  if (planning.chars - (replacing ?? 0) + chars > PLANNING_MEMO_MAX_CHARS || tooMany) {
    planning.now = undefined
    planning.requestText = undefined
    planning.requestHash = ''
    planning.process = undefined
    planning.reasons = undefined
    planning.patches = undefined
    planning.chars = chars
    planning.entries = 1
    return true
  }
  planning.chars += chars - (replacing ?? 0)
  planning.entries += entries
  return true
}

function charsOf(value: unknown): number {
  return typeof value === 'string' ? value.length : value === undefined ? 0 : 8
}

function processChars(process: BusinessProcessOutcome): number {
  return charsOf(process.from) + charsOf(process.to) + process.reason.length
}
