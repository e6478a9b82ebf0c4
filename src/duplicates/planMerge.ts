import { LeadkitError } from '../errors.js'
import { sealPlan } from '../internal/checkPlan.js'
import { deepFreeze, produceWithPatches } from '../internal/immer.js'
import { isIsoInstant, asLeadkitError } from '../internal/validate.js'
import type { BlockReason, PlanBase, PlanOperation, RecordPatch, RecordRead } from '../plan.js'
import type { Account, Contact, Lead, Note } from '../records/types.js'
import { isForbiddenKey } from '../internal/keys.js'
import { isBlank } from '../internal/isBlank.js'
import { nameBasedGuid } from '../internal/nameBasedGuid.js'
import { stableStringify } from '../internal/stableHash.js'

/** The record types that can be merged. */
export type MergeableRecord = Lead | Contact | Account

/** Which record's values win a field both records fill differently, when the seller did not pick. */
export type MergeSurvivorRule = 'most-complete' | 'most-recent' | 'oldest'

/** Options of {@link planMerge}. */
export interface MergeOptions {
  /** ISO instant of the merge (written to `modifiedOn`, and to a lead's `closedOn`). */
  readonly now: string
  /**
   * The seller's picks, by field path (`email`, `address.city`, `extra.region`). A pick never empties a field:
   * picking a side whose value is blank keeps the other side's value.
   */
  readonly fieldChoices?: Readonly<Record<string, 'master' | 'subordinate'>>
  /** Decides every field the seller did not pick; without it the master's values win. */
  readonly survivor?: MergeSurvivorRule
  /** The subordinate's notes (with their attachments); each moves to the master. */
  readonly notes?: readonly Note[]
}

/** How one field that the two records fill differently was decided. */
export interface MergeFieldDecision {
  /** Field path, e.g. `email` or `address.city`. */
  readonly field: string
  /** The master's value before the merge (absent when blank). */
  readonly masterValue?: unknown
  /** The subordinate's value (absent when blank). */
  readonly subordinateValue?: unknown
  /** Whose value the merged master keeps. */
  readonly chosen: 'master' | 'subordinate'
  /** Why: the seller's pick, the survivor rule, the default (master wins), or filling a blank. */
  readonly reason: 'seller' | 'survivor' | 'default' | 'fill-blank'
}

/** A plan to merge a subordinate record into its master. */
export interface MergePlan extends PlanBase<'merge'> {
  readonly entity: 'lead' | 'contact' | 'account'
  readonly masterId: string
  readonly subordinateId: string
  /** Every field the two records fill differently, and whose value was kept; the other value is kept here. */
  readonly fieldDecisions: readonly MergeFieldDecision[]
  /** The master as it will be after the merge (for a preview); `null` unless the plan is `ready`. */
  readonly merged: Readonly<Record<string, unknown>> | null
}

// Fields the merge manages itself: identity, audit and state are never copied between records.
const SYSTEM_FIELDS = new Set(['id', 'createdOn', 'modifiedOn', 'version', 'state', 'statusReason', 'closedOn', 'masterId'])
// Nested objects merged key by key so one side's city does not erase the other's street.
const NESTED_FIELDS = new Set(['address', 'extra'])

/**
 * Plans merging `subordinate` into `master` (two leads, two contacts or two accounts), without writing anything.
 *
 * For each field the two records fill differently the value comes from the seller's pick
 * (`fieldChoices`), else from the `survivor` rule (`most-complete`: the record with more filled fields;
 * `most-recent`: the later `modifiedOn`; `oldest`: the earlier `createdOn`; ties go to the master), else from the
 * master. A blank is never chosen over a value, so a field the master lacks is filled from the subordinate. Every
 * value that does not end up on the master is kept in `fieldDecisions`. The subordinate is deactivated with a
 * reference to its master in `masterId` (a lead becomes `disqualified`/`canceled`; a contact or an account becomes
 * `inactive`), and every note of the
 * subordinate, with its attachments, is moved to the master.
 *
 * @param master - the record that stays
 * @param subordinate - the record merged into it and deactivated
 * @param options - `now`, the seller's `fieldChoices`, a `survivor` rule and the subordinate's `notes`
 * @returns a frozen, JSON-serialisable plan with immer patches per record
 * @example
 * const plan = planMerge(lead1, lead2, { now: '2026-03-01T10:00:00Z', notes: [note] })
 * plan.status //=> 'ready'
 * plan.operations.map((op) => op.id) //=> ['lead-1', 'lead-2', 'note-7']
 */
export function planMerge<T extends MergeableRecord>(
  master: T,
  subordinate: T,
  options: MergeOptions,
): MergePlan {
  try {
    return planMergeUnguarded<T>(master, subordinate, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function planMergeUnguarded<T extends MergeableRecord>(
  master: T,
  subordinate: T,
  options: MergeOptions,
): MergePlan {
  const entity = entityOf(master, ['master'])
  const subordinateEntity = entityOf(subordinate, ['subordinate'])
  if (entity !== subordinateEntity) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['subordinate'],
      message: `cannot merge a ${subordinateEntity} into a ${entity}: merge two records of the same type`,
    })
  }
  if (master.id === subordinate.id) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['subordinate', 'id'],
      message: `cannot merge record ${master.id} into itself: pick two different records`,
    })
  }
  const { now } = options
  if (typeof now !== 'string' || !isIsoInstant(now)) {
    throw new LeadkitError({ code: 'invalid_format', path: ['now'], message: 'now must be an ISO-8601 instant, e.g. 2026-03-01T10:00:00Z' })
  }
  const choices = readChoices(options.fieldChoices)
  const notes = options.notes ?? []
  notes.forEach((note, index) => {
    if (note.regarding.entity !== entity || note.regarding.id !== subordinate.id) {
      throw new LeadkitError({
        code: 'invalid_combination',
        path: ['notes', index, 'regarding'],
        message: `note ${note.id} is regarding ${note.regarding.entity} ${note.regarding.id}, not the subordinate ${entity} ${subordinate.id}: pass only the subordinate's notes`,
      })
    }
  })

  const reads: RecordRead[] = [
    { entity, id: master.id, version: master.version },
    { entity, id: subordinate.id, version: subordinate.version },
    ...notes.map((note) => ({ entity: 'note' as const, id: note.id, version: note.version })),
  ]
  const base = {
    // The name-based GUID of what is merged, at the versions read, and how (the seller's field choices, the survivor
    // rule): planning the same merge again gives the same id, and two different merges never share one, or the
    // executor would take the second for a retry of the first, report it done and write nothing. The parts are JSON,
    // not joined by "@" and "<-", which ids may hold.
    id: nameBasedGuid(`merge:${stableStringify([entity, reads, choices, options.survivor ?? null])}`),
    kind: 'merge' as const,
    reads,
    entity,
    masterId: master.id,
    subordinateId: subordinate.id,
  }

  const blockers = findBlockers(entity, master, subordinate)
  const masterFields = flatten(master)
  const subordinateFields = flatten(subordinate)
  const preferred = preferredSide(options.survivor, master, subordinate, masterFields, subordinateFields)
  const decisions: MergeFieldDecision[] = []
  const assignments: [string, unknown][] = []
  const paths = [...new Set([...masterFields.keys(), ...subordinateFields.keys()])].sort()
  for (const field of paths) {
    const masterValue = masterFields.get(field)
    const subordinateValue = subordinateFields.get(field)
    if (sameValue(masterValue, subordinateValue)) continue
    const picked = choices[field]
    let chosen: 'master' | 'subordinate' = picked ?? preferred
    let reason: MergeFieldDecision['reason'] = picked ? 'seller' : options.survivor ? 'survivor' : 'default'
    const chosenValue = chosen === 'master' ? masterValue : subordinateValue
    if (chosenValue === undefined) {
      chosen = chosen === 'master' ? 'subordinate' : 'master'
      reason = 'fill-blank'
    }
    decisions.push({
      field,
      ...(masterValue === undefined ? {} : { masterValue: clone(masterValue) }),
      ...(subordinateValue === undefined ? {} : { subordinateValue: clone(subordinateValue) }),
      chosen,
      reason,
    })
    if (chosen === 'subordinate') assignments.push([field, subordinateValue])
  }

  if (blockers.length > 0) {
    return deepFreeze({ ...base, status: 'blocked', operations: [], blockers, fieldDecisions: decisions, merged: null })
  }

  // Work on copies: immer freezes the trees it returns, and the caller's records must stay as they were.
  const [merged, masterPatches] = produceWithPatches(clone(master) as Record<string, unknown>, (draft) => {
    for (const [field, value] of assignments) assign(draft, field, clone(value))
    draft.modifiedOn = now
  })
  const [, subordinatePatches] = produceWithPatches(clone(subordinate) as Record<string, unknown>, (draft) => {
    if (entity === 'lead') {
      draft.state = 'disqualified'
      draft.statusReason = 'canceled'
      draft.closedOn = now
    } else {
      draft.state = 'inactive'
    }
    draft.masterId = master.id
    draft.modifiedOn = now
  })
  const operations: PlanOperation[] = [
    update(entity, master, masterPatches, `merge ${entity} ${subordinate.id} into this record`),
    update(entity, subordinate, subordinatePatches, `merged into ${entity} ${master.id}`),
  ]
  for (const note of notes) {
    const [, notePatches] = produceWithPatches(clone(note) as unknown as Record<string, unknown>, (draft) => {
      draft.regarding = { entity, id: master.id }
      draft.modifiedOn = now
    })
    operations.push(update('note', note, notePatches, `move the note and its ${note.attachments.length} attachment(s) to ${entity} ${master.id}`))
  }
  return sealPlan(
    deepFreeze({
      ...base,
      status: 'ready',
      operations,
      blockers: [],
      fieldDecisions: decisions,
      merged: JSON.parse(JSON.stringify(merged)) as Record<string, unknown>,
    }),
  )
}

function entityOf(record: MergeableRecord, path: (string | number)[]): 'lead' | 'contact' | 'account' {
  if (record === null || typeof record !== 'object' || typeof record.id !== 'string') {
    throw new LeadkitError({ code: 'invalid_type', path, message: `${path.join('.')} must be a lead, a contact or an account record with an id` })
  }
  if ('statusReason' in record) return 'lead'
  if ('name' in record && !('lastName' in record)) return 'account'
  if ('lastName' in record) return 'contact'
  throw new LeadkitError({ code: 'invalid_value', path, message: `${path.join('.')} is neither a lead, a contact nor an account` })
}

function readChoices(value: unknown): Record<string, 'master' | 'subordinate'> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LeadkitError({ code: 'invalid_type', path: ['fieldChoices'], message: 'fieldChoices must be an object of field → "master" | "subordinate"' })
  }
  const out: Record<string, 'master' | 'subordinate'> = {}
  for (const [field, side] of Object.entries(value)) {
    const top = field.split('.')[0] ?? field
    if (SYSTEM_FIELDS.has(top) || isForbiddenKey(top)) {
      throw new LeadkitError({ code: 'invalid_value', path: ['fieldChoices', field], message: `${field} is managed by the merge itself and cannot be picked` })
    }
    if (side !== 'master' && side !== 'subordinate') {
      throw new LeadkitError({ code: 'invalid_value', path: ['fieldChoices', field], message: `fieldChoices.${field} must be "master" or "subordinate"` })
    }
    out[field] = side
  }
  return out
}

function findBlockers(entity: string, master: MergeableRecord, subordinate: MergeableRecord): BlockReason[] {
  const blockers: BlockReason[] = []
  if (master.state !== (entity === 'lead' ? 'open' : 'active')) {
    blockers.push({ code: 'master_inactive', message: `The master ${entity} ${master.id} is not active; reactivate it or choose another master.`, path: ['master', 'state'] })
  }
  const subordinateMaster = subordinate.masterId
  if (subordinateMaster !== undefined) {
    blockers.push({ code: 'already_merged', message: `The ${entity} ${subordinate.id} was already merged into ${String(subordinateMaster)}.`, path: ['subordinate', 'masterId'] })
  }
  return blockers
}

/** Blank, or an empty list: either loses to a filled value in a merge. */
function isEmptyValue(value: unknown): boolean {
  return isBlank(value) || (Array.isArray(value) && value.length === 0)
}

/** Non-blank mergeable fields by path; nested objects become `address.city`-style paths. */
function flatten(record: MergeableRecord): Map<string, unknown> {
  const fields = new Map<string, unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (SYSTEM_FIELDS.has(key) || isEmptyValue(value)) continue
    if (NESTED_FIELDS.has(key) && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as object)) {
        if (!isEmptyValue(innerValue)) fields.set(`${key}.${inner}`, innerValue)
      }
    } else {
      fields.set(key, value)
    }
  }
  return fields
}

function preferredSide(
  rule: MergeSurvivorRule | undefined,
  master: MergeableRecord,
  subordinate: MergeableRecord,
  masterFields: Map<string, unknown>,
  subordinateFields: Map<string, unknown>,
): 'master' | 'subordinate' {
  switch (rule) {
    case undefined:
      return 'master'
    case 'most-complete':
      return subordinateFields.size > masterFields.size ? 'subordinate' : 'master'
    case 'most-recent':
      return Date.parse(subordinate.modifiedOn) > Date.parse(master.modifiedOn) ? 'subordinate' : 'master'
    case 'oldest':
      return Date.parse(subordinate.createdOn) < Date.parse(master.createdOn) ? 'subordinate' : 'master'
    default:
      throw new LeadkitError({ code: 'invalid_value', path: ['survivor'], message: 'survivor must be "most-complete", "most-recent" or "oldest"' })
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b))
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

function assign(draft: Record<string, unknown>, field: string, value: unknown): void {
  const dot = field.indexOf('.')
  if (dot < 0) {
    draft[field] = value
    return
  }
  const outer = field.slice(0, dot)
  const current = draft[outer]
  if (current === null || typeof current !== 'object') draft[outer] = {}
  ;(draft[outer] as Record<string, unknown>)[field.slice(dot + 1)] = value
}

function update(
  entity: 'lead' | 'contact' | 'account' | 'note',
  record: { readonly id: string; readonly version: number },
  patches: readonly { op: string; path: readonly (string | number)[]; value?: unknown }[],
  reason: string,
): PlanOperation {
  return {
    op: 'update',
    entity,
    id: record.id,
    expectedVersion: record.version,
    patches: patches.map((patch) => ({ op: patch.op, path: [...patch.path], ...(patch.value === undefined ? {} : { value: clone(patch.value) }) }) as RecordPatch),
    reason,
  }
}
