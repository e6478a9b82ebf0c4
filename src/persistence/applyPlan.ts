import type { Patch } from 'immer'
import { LeadkitError, type IssuePath, type LeadkitErrorCode } from '../errors.js'
import { applyPatches } from '../internal/immer.js'
import { isForbiddenKey } from '../internal/keys.js'
import { asLeadkitError, isIsoInstant } from '../internal/validate.js'
import type { PlanBase, PlanOperation, RecordPatch } from '../plan.js'
import type { EntityName, RecordBase } from '../records/types.js'
import { frozenCopy } from './internal/frozenCopy.js'
import { recordNotFound, versionConflict } from './repositoryErrors.js'

/**
 * Plain records by record type, as {@link applyPlan} takes and returns them: what an app keeps in its own state
 * (a React store, a test fixture, a cache) instead of repositories.
 *
 * @example
 * const records: PlainRecords = { lead: [lead], account: [contoso] }
 */
export type PlainRecords = { readonly [E in EntityName]?: readonly RecordBase[] }

/**
 * Options of {@link applyPlan}.
 *
 * @example
 * applyPlan(plan, { lead: [lead] }, { now: '2026-03-01T09:30:00.000Z' })
 */
export interface ApplyPlanOptions {
  /** ISO instant written as `modifiedOn` of every updated record; by default the patches' own `modifiedOn`. */
  readonly now?: string
}

/** Fields the store owns, as in `executePlan`: a plan that patches them is refused. */
const PROTECTED_FIELDS = new Set(['id', 'version', 'createdOn'])
const PATCH_OPS = new Set(['replace', 'add', 'remove'])

/**
 * Applies immer patches (a plan's `update` operation, a merge) to one plain record and returns the changed record,
 * new and frozen; the record passed in is neither changed nor frozen. Unlike {@link applyPlan} it does not check
 * or bump `version`: it is the bare patch step, for a preview or an undo.
 *
 * @param record - the record the patches were made against
 * @param patches - `{ op, path, value }` patches, e.g. an `UpdateOperation`'s `patches`
 * @returns a new frozen record with the patches applied
 * @throws LeadkitError `invalid_value` for a patch that is not `{ op: 'replace' | 'add' | 'remove', path }` or
 *   whose path does not lead into the record, `forbidden_key` for a path through `__proto__`/`constructor`
 * @example
 * const merged = applyRecordPatches(lead, [{ op: 'replace', path: ['email'], value: 'ada@contoso.com' }])
 * merged.email //=> 'ada@contoso.com'
 * lead.email //=> unchanged
 */
export function applyRecordPatches<T extends object>(record: T, patches: readonly RecordPatch[]): T {
  try {
    return applyRecordPatchesUnguarded(record, patches)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function applyRecordPatchesUnguarded<T extends object>(record: T, patches: readonly RecordPatch[]): T {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new LeadkitError({ code: 'invalid_type', path: ['record'], message: 'record must be a plain record object' })
  }
  checkPatches(patches, ['patches'])
  return patchCopy(record, patches, ['patches'])
}

/**
 * Applies a ready plan — from `planQualification`, `planDisqualification`, `planReactivation` or `planMerge` — to
 * plain records, as `executePlan` applies it to repositories, and returns the records after it. Nothing passed in
 * is changed or frozen: updated and created records are new frozen objects, the others are the ones given.
 *
 * The same checks as `executePlan`, all made before anything is returned: every record the plan read must be there
 * with the version it read (`not_found`, `conflict`); a created id must be new (`conflict`); a linked or updated
 * record must exist (`not_found`). An updated record moves on by one `version` per plan, however many operations
 * change it, and takes `options.now` as its `modifiedOn` when given.
 *
 * @param plan - a plan with `status: 'ready'`; anything else is a `plan_not_ready` error
 * @param records - the records the plan was made from, by record type (other records may be there too)
 * @param options - `now`, the instant written as `modifiedOn` of updated records
 * @returns the records after the plan, by record type: updated records in place, created ones appended
 * @example
 * const plan = planMerge(lead1, lead2, { now: '2026-03-01T10:00:00Z' })
 * const after = applyPlan(plan, { lead: [lead1, lead2] })
 * after.lead?.[1]?.state //=> 'disqualified'
 */
export function applyPlan(plan: PlanBase, records: PlainRecords, options: ApplyPlanOptions = {}): PlainRecords {
  try {
    return applyPlanUnguarded(plan, records, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function applyPlanUnguarded(plan: PlanBase, records: PlainRecords, options: ApplyPlanOptions): PlainRecords {
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.operations) || !Array.isArray(plan.reads)) {
    fail('invalid_type', ['plan'], 'plan must be a plan a leadkit planner returned')
  }
  if (plan.status !== 'ready') {
    throw new LeadkitError({
      code: 'plan_not_ready',
      path: ['status'],
      message:
        `plan ${String(plan.id)} is ${String(plan.status)}, only a ready plan can be applied: ` +
        'answer its decisions or clear its blockers first',
    })
  }
  if (records === null || typeof records !== 'object' || Array.isArray(records)) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: ['records'],
      message: 'records must be an object of record type → records, e.g. { lead: [lead], account: [account] }',
    })
  }
  const now = options.now
  if (now !== undefined && (typeof now !== 'string' || !isIsoInstant(now))) {
    fail('invalid_format', ['now'], 'now must be an ISO-8601 instant, e.g. 2026-03-01T10:00:00Z')
  }

  const tables = new Map<EntityName, RecordTable>()
  const tableOf = (entity: EntityName): RecordTable => {
    let table = tables.get(entity)
    if (table === undefined) {
      table = new RecordTable(entity, (records as Record<string, readonly RecordBase[] | undefined>)[entity])
      tables.set(entity, table)
    }
    return table
  }

  plan.reads.forEach((read, index) => {
    const version = tableOf(read.entity).get(read.id)?.version
    if (version === undefined) throw withPath(recordNotFound(read.entity, read.id), ['reads', index])
    if (version !== read.version) {
      throw withPath(versionConflict(read.entity, read.id, read.version, version), ['reads', index])
    }
  })

  // The version each updated record had before the plan: every update of one record is made against it.
  const versionBefore = new Map<string, number>()
  plan.operations.forEach((operation: PlanOperation, index) => {
    const path = ['operations', index]
    const table = tableOf(operation.entity)
    if (operation.op === 'create') {
      if (operation.record === null || typeof operation.record !== 'object' || operation.record.id !== operation.id) {
        throw new LeadkitError({
          code: 'invalid_value',
          path: [...path, 'record', 'id'],
          message: `the created ${operation.entity}'s record.id must equal the operation id ${operation.id}`,
        })
      }
      if (table.get(operation.id) !== undefined) {
        throw new LeadkitError({
          code: 'conflict',
          path: [...path, 'id'],
          message:
            `${operation.entity} ${operation.id} already exists: ` +
            'the plan was applied already, or was made from other records',
        })
      }
      table.put(frozenCopy(operation.record) as unknown as RecordBase)
      return
    }
    const current = table.get(operation.id)
    if (current === undefined) throw withPath(recordNotFound(operation.entity, operation.id), path)
    if (operation.op === 'link') return
    const key = `${operation.entity}\u0000${operation.id}`
    const before = versionBefore.get(key) ?? current.version
    if (operation.expectedVersion !== before) {
      const conflict = versionConflict(operation.entity, operation.id, operation.expectedVersion, before)
      throw withPath(conflict, [...path, 'expectedVersion'])
    }
    checkPatches(operation.patches, [...path, 'patches'], true)
    const patched = patchCopy(current, operation.patches, [...path, 'patches'])
    versionBefore.set(key, before)
    table.put(Object.freeze({ ...patched, version: before + 1, modifiedOn: now ?? patched.modifiedOn }))
  })

  const out: { -readonly [E in EntityName]?: readonly RecordBase[] } = { ...records }
  for (const [entity, table] of tables) {
    if (table.changed) out[entity] = table.list()
  }
  return Object.freeze(out)
}

/** The records of one type, by id, in their order; records are only replaced or appended. */
class RecordTable {
  private readonly records: RecordBase[]
  private readonly byId = new Map<string, number>()
  changed = false

  constructor(entity: EntityName, given: readonly RecordBase[] | undefined) {
    if (given !== undefined && !Array.isArray(given)) {
      fail('invalid_type', ['records', entity], `records.${entity} must be an array of records`)
    }
    this.records = [...(given ?? [])]
    this.records.forEach((record, index) => {
      if (record === null || typeof record !== 'object' || typeof record.id !== 'string') {
        fail('invalid_type', ['records', entity, index], `records.${entity}[${index}] must be a record with an id`)
      }
      if (this.byId.has(record.id)) {
        throw new LeadkitError({
          code: 'invalid_value',
          path: ['records', entity, index, 'id'],
          message: `records.${entity} holds ${record.id} twice: pass each record once`,
        })
      }
      this.byId.set(record.id, index)
    })
  }

  get(id: string): RecordBase | undefined {
    const index = this.byId.get(id)
    return index === undefined ? undefined : this.records[index]
  }

  put(record: RecordBase): void {
    const index = this.byId.get(record.id)
    if (index === undefined) {
      this.byId.set(record.id, this.records.length)
      this.records.push(record)
    } else {
      this.records[index] = record
    }
    this.changed = true
  }

  list(): readonly RecordBase[] {
    return Object.freeze(this.records)
  }
}

function checkPatches(patches: readonly RecordPatch[], path: readonly (string | number)[], protect = false): void {
  if (!Array.isArray(patches)) {
    fail('invalid_type', path, 'patches must be an array of { op, path, value } patches')
  }
  patches.forEach((patch: RecordPatch, index) => {
    const at = [...path, index]
    const wellFormed = patch !== null && typeof patch === 'object' && PATCH_OPS.has(patch.op)
    if (!wellFormed || !Array.isArray(patch.path) || patch.path.length === 0) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: at,
        message: 'a patch must be { op: "replace" | "add" | "remove", path: [field, …], value? }, its path not empty',
      })
    }
    patch.path.forEach((step, depth) => {
      if (isForbiddenKey(step)) {
        fail('forbidden_key', [...at, 'path', depth], `a patch cannot go through "${step}"`)
      }
      if (typeof step !== 'string' && !(typeof step === 'number' && Number.isInteger(step) && step >= 0)) {
        fail('invalid_value', [...at, 'path', depth], 'a patch path holds field names and list indexes only')
      }
    })
    const field = patch.path[0]
    if (protect && typeof field === 'string' && PROTECTED_FIELDS.has(field)) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: [...at, 'path'],
        message: `a plan cannot patch ${field}: applying the plan sets version and modifiedOn itself`,
      })
    }
  })
}

/** The patches applied to a copy: immer freezes what it returns, and the caller's record must stay theirs. */
function patchCopy<T extends object>(record: T, patches: readonly RecordPatch[], path: IssuePath): T {
  try {
    return applyPatches(frozenCopy(record), patches as unknown as Patch[]) as T
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new LeadkitError(
      {
        code: 'invalid_value',
        path,
        message: `the patches do not fit the record (${reason.slice(0, 120)}): were they made against another version?`,
      },
      { cause: error },
    )
  }
}

function fail(code: LeadkitErrorCode, path: IssuePath, message: string): never {
  throw new LeadkitError({ code, path, message })
}

function withPath(error: LeadkitError, path: readonly (string | number)[]): LeadkitError {
  const issues = error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }))
  return new LeadkitError(issues, { cause: error.cause, details: error.details })
}
