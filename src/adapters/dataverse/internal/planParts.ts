/**
 * Turns a plan's operations into Web API writes: creates with their lookups bound to stored rows by GUID or to
 * records created earlier in the change set by Content-ID, lookups to records created later deferred to a PATCH of
 * the created record, and each stored record's updates folded into one PATCH that carries `If-Match`.
 */
import { LeadkitError } from '../../../errors.js'
import { describe } from '../../../internal/validate.js'
import type { PlanBase, PlanOperation, RecordPatch, UpdateOperation } from '../../../plan.js'
import { ADDRESS_FIELDS, columnsOf } from '../../../records/internal/fieldSpecs.js'
import type { EntityName } from '../../../records/types.js'
import type { WebApiOptions } from '../types.js'
import { extraEntry, fieldEntries, fieldOf, type ColumnContext, type Entry, type Resolve } from './columns.js'
import { createEntries, readLeadkitRecord } from './payloads.js'
import { nameBasedGuid } from '../../../internal/nameBasedGuid.js'
import { ENTITY_SET_OF, isGuid, requireGuid, webApiTable } from './tables.js'

type Path = readonly (string | number)[]

/** One write of the change set, before it is numbered and turned into text. */
export interface PlannedWrite {
  readonly kind: 'create' | 'update' | 'link-created'
  readonly entity: EntityName
  readonly id: string
  readonly operationIndex: number
  readonly entries: readonly Entry[]
  readonly expectedVersion?: number
}

/** The writes of a plan, in change-set order, and the records it links without writing. */
export interface PlannedWrites {
  readonly writes: readonly PlannedWrite[]
  readonly linked: readonly { readonly entity: EntityName; readonly id: string }[]
}

/** Fields the store owns (as in executePlan) and the one the platform sets on every write. */
const PROTECTED_FIELDS = new Set(['id', 'version', 'createdOn'])

export const keyOf = (entity: EntityName, id: string): string => `${entity}\u0000${id}`

/** Refuses a plan that is not ready, as executePlan does. */
export function requireReady(plan: PlanBase): void {
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.operations)) {
    const message = `a plan must be an object with operations (got ${describe(plan)})`
    throw new LeadkitError({ code: 'invalid_type', path: [], message })
  }
  if (plan.status !== 'ready') {
    const reasons = (plan.blockers ?? []).map((blocker) => blocker.message).join('; ')
    throw new LeadkitError(
      {
        code: 'plan_not_ready',
        path: ['status'],
        message:
          `plan ${plan.id} is ${plan.status}, only a ready plan can be sent` +
          `${reasons === '' ? '' : `: ${reasons}`}`,
      },
      { details: { planId: plan.id, status: plan.status, blockers: plan.blockers } },
    )
  }
}

/** A binding placeholder for a record created later in the change set; replaced by a deferred PATCH. */
const LATER = '\u0000later:'

/** A binding placeholder for a record created earlier in the change set; replaced by `$<Content-ID>`. */
export const CREATED_REF = '\u0000created:'

/**
 * Plans the writes of `plan`. `bindCreated(entity, id)` gives the reference of a record created earlier in the
 * change set (its `$<Content-ID>` once numbered); every other reference must be a stored row's GUID.
 */
export function planWrites(plan: PlanBase, options: WebApiOptions & IdOptions): PlannedWrites {
  const operations = plan.operations
  const createdAt = new Map<string, number>()
  // The Dataverse id of each created record: its own id when that is a GUID, else one made for it.
  const createdId = new Map<string, string>()
  operations.forEach((operation, index) => {
    if (operation.op !== 'create') return
    const key = keyOf(operation.entity, operation.id)
    createdAt.set(key, index)
    if (!createdId.has(key)) createdId.set(key, newRecordId(plan, operation.entity, operation.id, options, index))
  })
  const refId = (entity: EntityName, id: string): string => createdId.get(keyOf(entity, id)) ?? id
  const lastUpdateAt = new Map<string, number>()
  operations.forEach((operation, index) => {
    if (operation.op === 'update') lastUpdateAt.set(keyOf(operation.entity, operation.id), index)
  })

  const writes: PlannedWrite[] = []
  const linked: { entity: EntityName; id: string }[] = []
  const pendingUpdates = new Map<string, { entries: Entry[]; expectedVersion: number }>()
  // Lookups of created records to records created after them, by the later record: written once it exists.
  const deferred = new Map<string, PlannedWrite[]>()

  // Paths are relative to the record or patch: withPath puts the operation in front.
  const resolveAt = (index: number): Resolve => (entity, id, path) => {
    const created = createdAt.get(keyOf(entity, id))
    if (created === undefined) return `/${ENTITY_SET_OF[entity]}(${requireGuid(id, path, `the ${entity} id`)})`
    return created < index ? `${CREATED_REF}${entity}\u0000${id}` : `${LATER}${entity}\u0000${id}`
  }

  operations.forEach((operation, index) => {
    const at = pathOf(index)
    const table = webApiTable(operation.entity, [...at, 'entity'])
    if (typeof operation.id !== 'string' || operation.id === '') {
      const message = `operation ${index} needs a record id`
      throw new LeadkitError({ code: 'invalid_value', path: [...at, 'id'], message })
    }
    const ctx: ColumnContext = { table, options, resolve: resolveAt(index), refId }
    const key = keyOf(operation.entity, operation.id)
    if (operation.op === 'create') {
      if (createdAt.get(key) !== index) {
        throw new LeadkitError({
          code: 'invalid_combination',
          path: [...at, 'id'],
          message: `the plan creates ${operation.entity} ${operation.id} twice: a record is created once`,
        })
      }
      const source = withPath(at.concat('record'), () => readLeadkitRecord(ctx, operation.record))
      if (source.id !== operation.id) {
        throw new LeadkitError({
          code: 'invalid_value',
          path: [...at, 'record', 'id'],
          message: `the created ${operation.entity}'s record.id must equal the operation id ${operation.id}`,
        })
      }
      const entries = withPath(at.concat('record'), () => createEntries(ctx, source, createdId.get(key) as string))
      const now: Entry[] = []
      for (const entry of entries) {
        const later =
          typeof entry.value === 'string' && entry.value.startsWith(LATER) ? entry.value.slice(LATER.length) : undefined
        if (later === undefined) {
          now.push(entry)
          continue
        }
        const link: PlannedWrite = {
          kind: 'link-created',
          entity: operation.entity,
          id: operation.id,
          operationIndex: index,
          entries: [{ ...entry, value: `${CREATED_REF}${later}` }],
        }
        const waiting = deferred.get(later) ?? []
        waiting.push(link)
        deferred.set(later, waiting)
      }
      writes.push({ kind: 'create', entity: operation.entity, id: operation.id, operationIndex: index, entries: now })
      writes.push(...(deferred.get(key) ?? []))
      deferred.delete(key)
    } else if (operation.op === 'update') {
      const entries = updateEntries(ctx, operation, at)
      const pending = pendingUpdates.get(key) ?? { entries: [], expectedVersion: operation.expectedVersion }
      pending.entries.push(...entries)
      pendingUpdates.set(key, pending)
      if (lastUpdateAt.get(key) === index) {
        const created = createdAt.has(key)
        if (!created) requireGuid(operation.id, [...at, 'id'], `the ${operation.entity} id`)
        writes.push({
          kind: 'update',
          entity: operation.entity,
          id: operation.id,
          operationIndex: index,
          entries: pending.entries,
          ...(created ? {} : { expectedVersion: pending.expectedVersion }),
        })
      }
    } else if (operation.op === 'link') {
      if (!createdAt.has(key)) requireGuid(operation.id, [...at, 'id'], `the ${operation.entity} id`)
      linked.push({ entity: operation.entity, id: operation.id })
    } else {
      throw new LeadkitError({
        code: 'invalid_value',
        path: [...at, 'op'],
        message: `${describe((operation as PlanOperation).op)} is not an operation: use create, link or update`,
      })
    }
  })
  return { writes, linked }
}

/**
 * Options of the batch builders about the ids of created records.
 *
 * @example
 * const options: IdOptions = { idFor: () => crypto.randomUUID() }
 */
export interface IdOptions {
  /**
   * The Dataverse id of a record the plan creates under an id that is not a GUID (a host's own `newId`, or the
   * planners' earlier default form `lead-1:v3:account:1`). Ids that are GUIDs — the planners' defaults now —
   * are sent as they are. By default the name-based (version-5) GUID of the plan id and the record's id: the same
   * plan always creates the same ids, so sending it twice is refused instead of creating everything twice.
   */
  readonly idFor?: (entity: EntityName, id: string) => string
}

function newRecordId(plan: PlanBase, entity: EntityName, id: string, options: IdOptions, index: number): string {
  if (isGuid(id)) return id.toLowerCase()
  const made =
    options.idFor === undefined ? nameBasedGuid(`${plan.id}\u0000${entity}\u0000${id}`) : options.idFor(entity, id)
  return requireGuid(made, ['operations', index, 'id'], `the id idFor made for ${entity} ${id}`)
}

function pathOf(index: number): Path {
  return ['operations', index]
}

function withPath<T>(path: Path, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof LeadkitError)) throw error
    throw new LeadkitError(
      error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })),
      { cause: error.cause, details: error.details },
    )
  }
}

/** The columns an update's patches change. */
function updateEntries(ctx: ColumnContext, operation: UpdateOperation, at: Path): Entry[] {
  if (!Array.isArray(operation.patches)) {
    const message = 'an update needs a list of patches'
    throw new LeadkitError({ code: 'invalid_type', path: [...at, 'patches'], message })
  }
  const entries: Entry[] = []
  operation.patches.forEach((patch: RecordPatch, index) => {
    const path = [...at, 'patches', index]
    entries.push(...withPath(path, () => patchEntries(ctx, patch)))
  })
  return entries
}

function patchEntries(ctx: ColumnContext, patch: RecordPatch): Entry[] {
  const [field, part, ...rest] = patch.path
  const value = patch.op === 'remove' ? undefined : patch.value
  if (typeof field !== 'string') throw unsupportedPatch(patch)
  if (PROTECTED_FIELDS.has(field)) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['path'],
      message: `a plan cannot patch ${field}: Dataverse owns it`,
    })
  }
  // Dataverse sets modifiedon on every write.
  if (field === 'modifiedOn') return []
  if (field === 'extra') {
    if (part === undefined) {
      if (value === undefined) throw unsupportedPatch(patch)
      const columns = columnsOf(ctx.table.spec)
      return Object.entries(value as Record<string, unknown>).map(([key, item]) =>
        extraEntry(ctx, columns, key, item, ['value', key]),
      )
    }
    if (typeof part === 'string' && rest.length === 0) {
      return [extraEntry(ctx, columnsOf(ctx.table.spec), part, value, ['path', 1])]
    }
    throw unsupportedPatch(patch)
  }
  const spec = fieldOf(ctx.table, field)
  if (spec === undefined) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['path', 0],
      message: `${field} is not a field of a ${ctx.table.entity}: a plan patches the record's own fields`,
    })
  }
  if (part === undefined) return fieldEntries(ctx, spec, value, ['value'])
  if (spec.kind === 'address' && rest.length === 0) {
    const column = ADDRESS_FIELDS.find((address) => address.key === part)?.column
    if (column !== undefined) return [{ key: column, value: value ?? null, group: column }]
  }
  throw unsupportedPatch(patch)
}

function unsupportedPatch(patch: RecordPatch): LeadkitError {
  return new LeadkitError({
    code: 'invalid_value',
    path: ['path'],
    message:
      `a patch at ${patch.path.join('.').slice(0, 60)} cannot become a column change: patch a whole field, ` +
      'one address line, or one extra column',
  })
}
