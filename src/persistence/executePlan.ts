import type { Patch } from 'immer'
import { isLeadkitError, LeadkitError } from '../errors.js'
import { applyPatches } from '../internal/immer.js'
import { asLeadkitError } from '../internal/validate.js'
import type {
  CreateOperation,
  LinkOperation,
  PlanBase,
  PlanOperation,
  RecordPatch,
  RecordRead,
  UpdateOperation,
} from '../plan.js'
import type { EntityName, EntityRef, Lead, RecordBase } from '../records/types.js'
import { repositoryFor } from './internal/repositoryFor.js'
import { toFrozen } from './internal/frozenCopy.js'
import { recordNotFound, versionConflict } from './repositoryErrors.js'
import { NOT_NOW, syncTransactionOf, type Synchronous, type SyncRepositorySet } from './internal/syncTransaction.js'
import type {
  CreatedEntities,
  EntityRepository,
  ExecutePlanOptions,
  PlanExecutionResult,
  Repositories,
  RepositorySet,
  UpdatedRecord,
} from './types.js'
import { isForbiddenKey } from '../internal/keys.js'
import { checkLeadStatus, checkPlanHeader, checkReadyPlan, isSealedPlan } from '../internal/checkPlan.js'
import { checkExecuteOptions, checkRepositories } from './internal/checkExecution.js'
import { checkPlainData } from './internal/frozenCopy.js'

/**
 * Applies a ready plan (qualification, disqualification, reactivation, merge) through the repositories, all or
 * nothing, in one transaction:
 *
 * - every record in `plan.reads` must still have the version the plan read, else `conflict` and nothing is written;
 * - operations run in order: `create` inserts the record, `link` checks the record exists, `update` applies the
 *   patches to the stored record, bumps `version` by one and sets `modifiedOn` to `options.now` when given;
 * - a plan id already executed returns the stored result with `alreadyExecuted: true` and writes nothing;
 * - a store failure is a `write_failed` error (its `cause` the store's error), and nothing of the plan remains;
 * - a plan is checked before anything is read: a plan that is not an object, an operation whose `op` is not
 *   `create`, `link` or `update`, an unknown entity, a patch of `id`/`version`/`createdOn`, a `state` or
 *   `statusReason` the record type does not have, an instant that does not exist, or an `options.now` that is not
 *   an ISO instant is refused with a `LeadkitError` whose path points into the plan (`['operations', 2, 'op']`) or
 *   the options (`['now']`).
 *
 * @param plan - a plan with `status: 'ready'`; anything else is a `plan_not_ready` error
 * @param repositories - the repositories to write through (in-memory, PostgreSQL, a host's own)
 * @param options - `now`, the ISO instant written as `modifiedOn` of updated records
 * @returns the ids of what was created (like QualifyLead's `CreatedEntities`), updated and linked
 * @example
 * const result = await executePlan(plan, repositories, { now: '2026-03-01T09:30:00.000Z' })
 * result.created //=> { account: '2d6c7771-6ae7-56f8-ad38-4f8d8141b612', contact: '…', opportunities: ['…'], … }
 * (await executePlan(plan, repositories)).alreadyExecuted //=> true
 */
export async function executePlan(
  plan: PlanBase,
  repositories: Repositories,
  options: ExecutePlanOptions = {},
): Promise<PlanExecutionResult> {
  // One async function, not a guard around another: a plan then costs one promise and one suspended frame.
  try {
    // Plans are JSON and may have been stored or edited: each check is one linear pass, before anything is read.
    checkPlanHeader(plan)
    checkRepositories(repositories)
    checkExecuteOptions(options)
    if (plan.status !== 'ready') {
      const reasons = plan.blockers.map((blocker) => blocker.message).join('; ')
      throw new LeadkitError(
        {
          code: 'plan_not_ready',
          path: ['status'],
          message: `plan ${plan.id} is ${plan.status}, only a ready plan can be executed${reasons === '' ? '' : `: ${reasons}`}`,
        },
        { details: { planId: plan.id, status: plan.status, blockers: plan.blockers } },
      )
    }
    // A plan a planner sealed was checked when it was made and is frozen: it cannot have changed since.
    if (!isSealedPlan(plan)) checkReadyPlan(plan, options.now)
    try {
      // The in-memory store runs the plan there and then, without a promise per read and write; it declines while
      // another transaction is open, and the plan queues like on any other store. The steps are the same either way.
      const runSync = syncTransactionOf(repositories)
      if (runSync !== undefined) {
        const result = runSync((tx) => applyPlanNow(plan, tx, options))
        if (result !== NOT_NOW) return result
      }
      return await repositories.transaction((tx) => applyPlan(plan, tx, options))
    } catch (error) {
      // Another execution of this very plan may have committed first; its result is this call's result too.
      if (isLeadkitError(error) && error.code === 'conflict') {
        const stored = await repositories.executedPlans.get(plan.id)
        if (stored !== undefined) return markAlreadyExecuted(stored)
      }
      throw asPlanError(error, plan.id, [])
    }
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function markAlreadyExecuted(result: PlanExecutionResult): PlanExecutionResult {
  return Object.freeze({ ...result, alreadyExecuted: true })
}

// The same steps, twice: once through a store's async repositories, and once, with no promise per read and write,
// inside a synchronous in-memory transaction. What each step does lives in PlanWriter, shared by both.
async function applyPlan(plan: PlanBase, tx: RepositorySet, options: ExecutePlanOptions): Promise<PlanExecutionResult> {
  const stored = await tx.executedPlans.get(plan.id)
  if (stored !== undefined) return markAlreadyExecuted(stored)
  // Locked, so nobody changes a record between this check and the writes that rely on it.
  const groups = groupReads(plan.reads)
  const found: (readonly RecordBase[])[] = []
  for (const group of groups) found.push(await repositoryFor(tx, group.entity).getMany(group.ids, { forUpdate: true }))
  checkReads(plan.reads, groups, found)

  const writer = new PlanWriter(plan, options)
  for (let index = 0; index < plan.operations.length; index += 1) {
    const operation = plan.operations[index] as PlanOperation
    try {
      // The operation is checked before its repository is looked up, so a bad create reports its own fault.
      if (operation.op === 'create') {
        const record = writer.create(operation)
        await repositoryFor(tx, operation.entity).insert(record)
      } else if (operation.op === 'link') {
        writer.link(operation, await repositoryFor(tx, operation.entity).get(operation.id))
      } else {
        const repository = repositoryFor(tx, operation.entity)
        const current = existing(operation, await repository.get(operation.id))
        await repository.update(writer.update(operation, current), current.version)
      }
    } catch (error) {
      throw asPlanError(error, plan.id, ['operations', index], operation)
    }
  }
  const result = writer.result()
  await tx.executedPlans.insert(result)
  return result
}

function applyPlanNow(plan: PlanBase, tx: SyncRepositorySet, options: ExecutePlanOptions): PlanExecutionResult {
  const stored = tx.executedPlans.get(plan.id)
  if (stored !== undefined) return markAlreadyExecuted(stored)
  // Nothing else runs during a synchronous transaction, so there is nothing to lock: each read is checked against
  // the record as it is, with no lists built per entity.
  checkReadsNow(plan.reads, tx)

  const writer = new PlanWriter(plan, options)
  for (let index = 0; index < plan.operations.length; index += 1) {
    const operation = plan.operations[index] as PlanOperation
    try {
      if (operation.op === 'create') {
        const record = writer.create(operation)
        syncRepositoryFor(tx, operation.entity).insert(record)
      } else if (operation.op === 'link') {
        writer.link(operation, syncRepositoryFor(tx, operation.entity).get(operation.id))
      } else {
        // The synchronous store keeps an updated record as given: PlanWriter builds it frozen.
        const repository = syncRepositoryFor(tx, operation.entity)
        const current = existing(operation, repository.get(operation.id))
        repository.update(writer.update(operation, current), current.version)
      }
    } catch (error) {
      throw asPlanError(error, plan.id, ['operations', index], operation)
    }
  }
  const result = writer.result()
  tx.executedPlans.insert(result)
  return result
}

function syncRepositoryFor(tx: SyncRepositorySet, entity: EntityName): Synchronous<EntityRepository<RecordBase>> {
  return repositoryFor(tx as unknown as RepositorySet, entity) as unknown as Synchronous<EntityRepository<RecordBase>>
}

function existing(operation: PlanOperation, record: RecordBase | undefined): RecordBase {
  if (record === undefined) throw recordNotFound(operation.entity, operation.id)
  return record
}

/**
 * What executing a plan's operations produces, step by step: the record each one writes, checked, and the ids of
 * what was created, linked and updated, from which the result is built.
 */
class PlanWriter {
  private readonly created: EntityRef[] = []
  private readonly linked: EntityRef[] = []
  // A plan updates a handful of records: a list scanned in order costs less than a map keyed by built strings.
  private readonly updated: UpdatedRecord[] = []

  constructor(
    private readonly plan: PlanBase,
    private readonly options: ExecutePlanOptions,
  ) {}

  /** The record to insert for a create operation (checked with the plan: its id is the operation's). */
  create(operation: CreateOperation): RecordBase {
    this.created.push(Object.freeze({ entity: operation.entity, id: operation.id }))
    return operation.record as unknown as RecordBase
  }

  /** Checks that the linked record exists. */
  link(operation: LinkOperation, record: RecordBase | undefined): void {
    existing(operation, record)
    this.linked.push(Object.freeze({ entity: operation.entity, id: operation.id }))
  }

  /** The record to write for an update operation, given the record stored now. */
  update(operation: UpdateOperation, current: RecordBase): RecordBase {
    const earlier = updatedIndex(this.updated, operation.entity, operation.id)
    const record = nextRecord(operation, current, earlier !== -1, this.options)
    const entry = Object.freeze({ entity: operation.entity, id: operation.id, version: record.version })
    if (earlier === -1) this.updated.push(entry)
    else this.updated[earlier] = entry
    return record
  }

  // Every part is frozen as it is built, which spares a deep walk over the result.
  result(): PlanExecutionResult {
    return Object.freeze({
      planId: this.plan.id,
      kind: this.plan.kind,
      created: summarise(Object.freeze(this.created)),
      updated: frozenList(this.updated),
      linked: frozenList(this.linked),
      alreadyExecuted: false,
    })
  }
}

/** The ids a plan read, by entity, entities in the order they first appear. */
interface ReadGroup {
  readonly entity: EntityName
  readonly ids: string[]
}

// Plans read a handful of records of two or three entities: arrays scanned in order cost less than maps here.
function groupReads(reads: readonly RecordRead[]): readonly ReadGroup[] {
  const groups: ReadGroup[] = []
  for (const read of reads) {
    const group = groups.find((candidate) => candidate.entity === read.entity)
    if (group === undefined) groups.push({ entity: read.entity, ids: [read.id] })
    else group.ids.push(read.id)
  }
  return groups
}

function updatedIndex(updated: readonly UpdatedRecord[], entity: EntityName, id: string): number {
  for (let index = 0; index < updated.length; index += 1) {
    const entry = updated[index] as UpdatedRecord
    if (entry.id === id && entry.entity === entity) return index
  }
  return -1
}

function checkReadsNow(reads: readonly RecordRead[], tx: SyncRepositorySet): void {
  for (let index = 0; index < reads.length; index += 1) {
    const read = reads[index] as RecordRead
    const version = syncRepositoryFor(tx, read.entity).get(read.id)?.version
    if (version === undefined) throw withPath(recordNotFound(read.entity, read.id), ['reads', index])
    if (version !== read.version) {
      throw withPath(versionConflict(read.entity, read.id, read.version, version), ['reads', index])
    }
  }
}

function checkReads(reads: readonly RecordRead[], groups: readonly ReadGroup[], found: readonly (readonly RecordBase[])[]): void {
  reads.forEach((read, index) => {
    const records = found[groups.findIndex((group) => group.entity === read.entity)] ?? []
    const version = records.find((record) => record.id === read.id)?.version
    const path = ['reads', index]
    if (version === undefined) throw withPath(recordNotFound(read.entity, read.id), path)
    if (version !== read.version) throw withPath(versionConflict(read.entity, read.id, read.version, version), path)
  })
}

function nextRecord(
  operation: UpdateOperation,
  current: RecordBase,
  updatedEarlier: boolean,
  options: ExecutePlanOptions,
): RecordBase {
  // A plan may change one record in several steps, all made against the version it read; the record then
  // moves on by one version in total, not one per step.
  const expected = updatedEarlier ? current.version - 1 : current.version
  if (expected !== operation.expectedVersion) {
    throw versionConflict(operation.entity, operation.id, operation.expectedVersion, expected)
  }
  const patched = patchRecord(current, operation.patches)
  // The direct path hands back a fresh object, finished here in place; immer's result is frozen, so it is copied.
  const next = (Object.isFrozen(patched) ? { ...patched } : patched) as { -readonly [K in keyof RecordBase]: RecordBase[K] }
  next.version = updatedEarlier ? current.version : current.version + 1
  next.modifiedOn = options.now ?? patched.modifiedOn
  if (operation.entity === 'lead') checkLeadPatched(current as Lead, next as unknown as Lead)
  return Object.freeze(next)
}

// Each patch value was checked with the plan; together they must still leave the lead a status reason of its state.
function checkLeadPatched(current: Lead, next: Lead): void {
  if (next.state === current.state && next.statusReason === current.statusReason) return
  try {
    checkLeadStatus(next.state, next.statusReason, ['patches'])
  } catch (error) {
    if (!isLeadkitError(error)) throw error
    const status = `${String(next.state)} / ${String(next.statusReason)}`
    const message = `after its patches, lead ${next.id} would be ${status}: ${error.message}`
    throw new LeadkitError({ code: error.code, path: ['patches'], message })
  }
}

/** Keys a top-level patch must not set on a plain object literal; immer refuses them, so they take its path. */

// Planners' patches are nearly all top-level field changes; applying those directly gives immer's exact result
// (a new frozen record sharing untouched fields) at a fraction of the cost. Anything deeper goes through immer.
// Indexed loops: plans are frozen, and iterating a frozen array with for…of allocates on every step.
function patchRecord(current: RecordBase, patches: readonly RecordPatch[]): RecordBase {
  for (let index = 0; index < patches.length; index += 1) {
    const path = (patches[index] as RecordPatch).path
    if (path.length !== 1 || typeof path[0] !== 'string' || isForbiddenKey(path[0])) {
      // immer copies a patch's value key by key, so a "__proto__" key in it would become the copy's prototype.
      for (let at = 0; at < patches.length; at += 1) patchValue((patches[at] as RecordPatch).value, at, checkPlainData)
      return applyPatches(current, patches as unknown as Patch[]) as RecordBase
    }
  }
  const next: Record<string, unknown> = { ...current }
  for (let index = 0; index < patches.length; index += 1) {
    const patch = patches[index] as RecordPatch
    const field = patch.path[0] as string
    if (patch.op === 'remove') delete next[field]
    else next[field] = patchValue(patch.value, index, toFrozen)
  }
  return next as unknown as RecordBase
}

/** `check(value)` for the value of patch `index`, pointing a LeadkitError it throws into that value. */
function patchValue<T>(value: unknown, index: number, check: (value: unknown) => T): T {
  try {
    return check(value)
  } catch (error) {
    throw isLeadkitError(error) ? withPath(error, ['patches', index, 'value']) : error
  }
}

const NOTHING: readonly never[] = Object.freeze([])
/** {@link NOTHING} typed for {@link frozenList}, which never changes an empty list. */
const NOTHING_MUTABLE = NOTHING as never[]

// Every result is kept by the store; most of their lists are empty, and one frozen empty list serves them all.
function frozenList<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NOTHING : Object.freeze(list)
}

function summarise(created: readonly EntityRef[]): CreatedEntities {
  let account: string | undefined
  let contact: string | undefined
  // Lists are made only for entities the plan created: the rest share one frozen empty list.
  let opportunities: string[] | undefined
  let leads: string[] | undefined
  let notes: string[] | undefined
  let timelineEntries: string[] | undefined
  for (let index = 0; index < created.length; index += 1) {
    const { entity, id } = created[index] as EntityRef
    if (entity === 'account') account ??= id
    else if (entity === 'contact') contact ??= id
    else if (entity === 'opportunity') (opportunities ??= []).push(id)
    else if (entity === 'lead') (leads ??= []).push(id)
    else if (entity === 'note') (notes ??= []).push(id)
    else (timelineEntries ??= []).push(id)
  }
  // Absent rather than undefined, so the result is the same after a JSON round trip through a store.
  const summary: { -readonly [K in keyof CreatedEntities]: CreatedEntities[K] } = {} as CreatedEntities
  if (account !== undefined) summary.account = account
  if (contact !== undefined) summary.contact = contact
  summary.opportunities = frozenList(opportunities ?? NOTHING_MUTABLE)
  summary.leads = frozenList(leads ?? NOTHING_MUTABLE)
  summary.notes = frozenList(notes ?? NOTHING_MUTABLE)
  summary.timelineEntries = frozenList(timelineEntries ?? NOTHING_MUTABLE)
  summary.all = created
  return Object.freeze(summary)
}

function withPath(error: LeadkitError, path: readonly (string | number)[]): LeadkitError {
  const issues = error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }))
  return new LeadkitError(issues, { cause: error.cause, details: error.details })
}

// A repository's own error (a dropped connection, a disk full) becomes write_failed so a host branches on one code.
function asPlanError(
  error: unknown,
  planId: string,
  path: readonly (string | number)[],
  operation?: PlanOperation,
): LeadkitError {
  if (isLeadkitError(error)) return path.length === 0 ? error : withPath(error, path)
  const what = operation === undefined ? 'the transaction' : `${operation.op} ${operation.entity} ${operation.id}`
  const reason = error instanceof Error ? error.message : String(error)
  return new LeadkitError(
    {
      code: 'write_failed',
      path,
      message: `writing plan ${planId} failed at ${what}: ${reason}; nothing of the plan was stored, retry it`,
    },
    { cause: error, details: { planId } },
  )
}
