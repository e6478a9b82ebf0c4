/**
 * What an executor checks of a plan before anything is read or written: a plan is JSON, so it may have been stored,
 * sent over the wire or edited by hand, and a tampered one must not be executed as it reads. Planners seal what they
 * return ({@link sealPlan}): a plan checked once when it was made, and frozen, cannot have changed since, so the
 * executor does not walk it again. Internal: shared by the planners and persistence, not exported.
 *
 * The walk is linear in the size of the plan (its reads, operations, patches and patch paths) and allocates
 * nothing on the way: a path is built only for the error. Patch values are checked only for the fields whose
 * values the store and the lead's state rules depend on; every other value is checked by the repository that
 * stores it (plain data, no prototype keys).
 */
import { LeadkitError, type IssuePath } from '../errors.js'
import { isForbiddenKey } from './keys.js'
import { describe, formatPath, isIsoInstant, unstorableText } from './validate.js'
import type { PlanBase, PlanKind, RecordPatch } from '../plan.js'
import { LEAD_STATUS_REASONS } from '../records/leadState.js'
import type { EntityName, LeadState, LeadStatusReason } from '../records/types.js'
import { isStorableText } from './storableText.js'

const PLAN_KINDS: readonly PlanKind[] = ['qualification', 'disqualification', 'reactivation', 'merge']
const PLAN_STATUSES: readonly PlanBase['status'][] = ['ready', 'needs-input', 'blocked']
const ENTITIES: readonly EntityName[] = ['lead', 'account', 'contact', 'opportunity', 'note', 'timelineEntry']
const OPS: readonly string[] = ['create', 'link', 'update']
const PATCH_OPS: readonly RecordPatch['op'][] = ['replace', 'add', 'remove']
/** The longest plan id: a planner's prefix and a record id of at most 256 characters fit many times over. */
const PLAN_ID_MAX = 1_024

const LEAD_STATES = Object.keys(LEAD_STATUS_REASONS) as LeadState[]
const ACTIVE_STATES: readonly string[] = ['active', 'inactive']
/** The states each entity's records may be in; notes and timeline entries have none. */
const STATES: Readonly<Record<EntityName, readonly string[] | undefined>> = {
  lead: LEAD_STATES,
  account: ACTIVE_STATES,
  contact: ACTIVE_STATES,
  opportunity: ['open', 'won', 'lost'],
  note: undefined,
  timelineEntry: undefined,
}
const STATUS_REASONS: readonly string[] = LEAD_STATES.flatMap((state) => LEAD_STATUS_REASONS[state])

/** Fields the store owns: a patch that changes them would break identity or optimistic concurrency. */
const PROTECTED_FIELDS: readonly string[] = ['id', 'version', 'createdOn']
/** Fields every stored record keeps: a patch may replace them, not remove them. */
const REQUIRED_FIELDS: readonly string[] = ['state', 'statusReason', 'modifiedOn']

export function refuse(code: LeadkitError['code'], path: IssuePath, message: string): never {
  throw new LeadkitError({ code, path, message })
}

/** Refuses the value at `path`; the message starts with the path: `operations[2].op must be …`. */
function refuseAt(code: LeadkitError['code'], path: IssuePath, problem: string): never {
  refuse(code, path, `${formatPath(path)} ${problem}`)
}

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isPositiveWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && isStorableText(value)
}

function badId(value: unknown, path: IssuePath, what: string): never {
  if (typeof value !== 'string' || value === '') {
    refuseAt('invalid_type', path, `must be the non-empty string id of ${what} (got ${describe(value)})`)
  }
  refuseAt('invalid_format', path, `contains ${unstorableText(value) ?? 'text'}; a store cannot hold it`)
}

function isOneOf(value: unknown, allowed: readonly string[]): value is string {
  return typeof value === 'string' && allowed.includes(value)
}

function notOneOf(value: unknown, allowed: readonly string[], path: IssuePath): never {
  refuseAt('invalid_value', path, `must be one of ${allowed.join(', ')} (got ${describe(value)})`)
}

function checkOneOf(value: unknown, allowed: readonly string[], path: IssuePath): void {
  if (!isOneOf(value, allowed)) notOneOf(value, allowed, path)
}

/**
 * Checks the fields of a plan that say what it is (`id`, `kind`, `status`, `blockers`): enough to refuse a plan
 * that is not ready by its blockers. The operations are checked by {@link checkReadyPlan}.
 *
 * @example
 * checkPlanHeader(null) // throws invalid_type at []
 */
export function checkPlanHeader(plan: unknown): asserts plan is PlanBase {
  if (!isObject(plan)) {
    const got = describe(plan)
    refuse('invalid_type', [], `a plan must be an object made by a planner such as planQualification (got ${got})`)
  }
  if (!isId(plan.id)) badId(plan.id, ['id'], 'the plan')
  if ((plan.id as string).length > PLAN_ID_MAX) {
    refuse('too_long', ['id'], `id must be at most ${PLAN_ID_MAX} characters (got ${(plan.id as string).length})`)
  }
  checkOneOf(plan.kind, PLAN_KINDS, ['kind'])
  checkOneOf(plan.status, PLAN_STATUSES, ['status'])
  const blockers = plan.blockers
  if (!Array.isArray(blockers)) refuseAt('invalid_type', ['blockers'], `must be an array (got ${describe(blockers)})`)
  if (plan.status !== 'ready') {
    for (let index = 0; index < blockers.length; index += 1) {
      const blocker: unknown = blockers[index]
      if (!isObject(blocker) || typeof blocker.message !== 'string') {
        refuseAt('invalid_type', ['blockers', index], `must be an object with a message (got ${describe(blocker)})`)
      }
    }
  }
}

/**
 * Checks what a ready plan reads and does, in one pass: reads (entity, id, version), each operation's kind, entity
 * and id, a create's record (its id, its instants, its state and status reason), an update's expected version and
 * patches (kind, path, and the values of state, statusReason, modifiedOn and closedOn). The first fault found is
 * thrown as a `LeadkitError` with its path in the plan. `now`, when given, is an instant checked already.
 *
 * @example
 * checkReadyPlan({ ...plan, operations: [{ op: 'drop', entity: 'lead', id: 'lead-1' }] })
 * // throws invalid_value at ['operations', 0, 'op']
 */
export function checkReadyPlan(plan: PlanBase, now?: string): void {
  new PlanChecker(now ?? '').check(plan)
}

class PlanChecker {
  // Planners stamp one instant on every record and patch of a plan, usually the `now` the plan is executed at (which
  // was checked already): the last one found valid is not parsed again.
  constructor(private lastInstant: string) {}

  check(plan: PlanBase): void {
    const reads: unknown = plan.reads
    if (!Array.isArray(reads)) refuse('invalid_type', ['reads'], `reads must be an array (got ${describe(reads)})`)
    for (let index = 0; index < reads.length; index += 1) this.read(reads[index], index)
    const operations: unknown = plan.operations
    if (!Array.isArray(operations)) {
      refuse('invalid_type', ['operations'], `operations must be an array (got ${describe(operations)})`)
    }
    for (let index = 0; index < operations.length; index += 1) this.operation(operations[index], index)
  }

  private read(read: unknown, index: number): void {
    if (!isObject(read)) refuseAt('invalid_type', ['reads', index], `must be an object (got ${describe(read)})`)
    if (!isOneOf(read.entity, ENTITIES)) notOneOf(read.entity, ENTITIES, ['reads', index, 'entity'])
    if (!isId(read.id)) badId(read.id, ['reads', index, 'id'], 'the record read')
    if (!isPositiveWhole(read.version)) {
      const path = ['reads', index, 'version']
      refuseAt('invalid_value', path, `must be a whole number from 1 (got ${describe(read.version)})`)
    }
  }

  private operation(operation: unknown, index: number): void {
    // Paths are built only for an error: a plan has a dozen operations, and most plans are fine.
    const at = index
    if (!isObject(operation)) {
      refuseAt('invalid_type', ['operations', at], `must be an object (got ${describe(operation)})`)
    }
    const op = operation.op
    if (op !== 'create' && op !== 'link' && op !== 'update') {
      const path = ['operations', at, 'op']
      const message = `${formatPath(path)} must be one of ${OPS.join(', ')} (got ${describe(op)}); plan again`
      refuse('invalid_value', path, message)
    }
    const entity = operation.entity as EntityName
    if (!isOneOf(entity, ENTITIES)) notOneOf(entity, ENTITIES, ['operations', at, 'entity'])
    if (!isId(operation.id)) badId(operation.id, ['operations', at, 'id'], `the ${entity}`)
    if (op === 'create') this.create(operation, entity, at)
    else if (op === 'update') this.update(operation, entity, at)
  }

  private create(operation: Readonly<Record<string, unknown>>, entity: EntityName, at: number): void {
    const record = operation.record
    if (!isObject(record)) {
      const path = ['operations', at, 'record']
      refuseAt('invalid_type', path, `must be the record to create (got ${describe(record)})`)
    }
    if (record.id !== operation.id) {
      refuse(
        'invalid_value',
        ['operations', at, 'record', 'id'],
        `the created ${entity}'s record.id (${describe(record.id)}) must equal the operation id ` +
          String(operation.id),
      )
    }
    if (!this.isInstant(record.createdOn)) badInstant(record.createdOn, ['operations', at, 'record', 'createdOn'])
    if (!this.isInstant(record.modifiedOn)) badInstant(record.modifiedOn, ['operations', at, 'record', 'modifiedOn'])
    if (record.closedOn !== undefined && !this.isInstant(record.closedOn)) {
      badInstant(record.closedOn, ['operations', at, 'record', 'closedOn'])
    }
    const states = STATES[entity]
    if (states !== undefined && !isOneOf(record.state, states)) {
      notOneOf(record.state, states, ['operations', at, 'record', 'state'])
    }
    if (entity === 'lead' && !isLeadStatus(record.state, record.statusReason)) {
      checkLeadStatus(record.state, record.statusReason, ['operations', at, 'record', 'statusReason'])
    }
  }

  private update(operation: Readonly<Record<string, unknown>>, entity: EntityName, at: number): void {
    if (!isPositiveWhole(operation.expectedVersion)) {
      const path = ['operations', at, 'expectedVersion']
      refuseAt('invalid_value', path, `must be a whole number from 1 (got ${describe(operation.expectedVersion)})`)
    }
    const patches: unknown = operation.patches
    if (!Array.isArray(patches)) {
      refuseAt('invalid_type', ['operations', at, 'patches'], `must be an array (got ${describe(patches)})`)
    }
    for (let index = 0; index < patches.length; index += 1) this.patch(patches[index], entity, at, index)
  }

  private patch(patch: unknown, entity: EntityName, at: number, index: number): void {
    if (!isObject(patch)) {
      const path = ['operations', at, 'patches', index]
      refuseAt('invalid_type', path, `must be an immer patch { op, path, value } (got ${describe(patch)})`)
    }
    if (!isOneOf(patch.op, PATCH_OPS)) notOneOf(patch.op, PATCH_OPS, ['operations', at, 'patches', index, 'op'])
    const path: unknown = patch.path
    if (!Array.isArray(path) || path.length === 0 || typeof path[0] !== 'string') {
      const where = ['operations', at, 'patches', index, 'path']
      refuseAt('invalid_value', where, `must be a non-empty array starting with a field name (got ${describe(path)})`)
    }
    for (let step = 0; step < path.length; step += 1) {
      const part: unknown = path[step]
      const isIndex = typeof part === 'number' && Number.isSafeInteger(part) && part >= 0
      if (typeof part === 'string' ? isForbiddenKey(part) : !isIndex) {
        const where = ['operations', at, 'patches', index, 'path', step]
        refuseAt('invalid_value', where, `must be a field name or an array index (got ${describe(part)})`)
      }
    }
    const field = path[0] as string
    if (PROTECTED_FIELDS.includes(field)) {
      refuse(
        'invalid_value',
        ['operations', at, 'patches', index, 'path'],
        `a plan cannot patch ${field}: the store owns it (version and modifiedOn are set when the update is written)`,
      )
    }
    if (!REQUIRED_FIELDS.includes(field) && field !== 'closedOn') return
    // Scalars: a patch inside one, or removing a required one, cannot leave a valid record.
    if (path.length > 1 || (patch.op === 'remove' && REQUIRED_FIELDS.includes(field))) {
      const where = ['operations', at, 'patches', index, 'path']
      refuseAt('invalid_value', where, `cannot ${patch.op === 'remove' ? 'remove' : 'patch inside'} ${field}`)
    }
    if (patch.op === 'remove') return
    const value = patch.value
    if (field === 'modifiedOn' || field === 'closedOn') {
      if (!this.isInstant(value)) badInstant(value, ['operations', at, 'patches', index, 'value'])
      return
    }
    const allowed = field === 'statusReason' ? (entity === 'lead' ? STATUS_REASONS : []) : (STATES[entity] ?? [])
    if (!isOneOf(value, allowed)) notOneOf(value, allowed, ['operations', at, 'patches', index, 'value'])
  }

  private isInstant(value: unknown): boolean {
    if (value === this.lastInstant) return true
    if (typeof value !== 'string' || !isIsoInstant(value)) return false
    this.lastInstant = value
    return true
  }
}

function badInstant(value: unknown, path: IssuePath): never {
  const got = describe(value)
  refuseAt('invalid_format', path, `must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30Z (got ${got})`)
}

function isLeadStatus(state: unknown, statusReason: unknown): boolean {
  const allowed = isOneOf(state, LEAD_STATES) ? (LEAD_STATUS_REASONS[state as LeadState] as readonly unknown[]) : []
  return allowed.includes(statusReason)
}

/**
 * Checks a lead's status reason belongs to its state (both known values).
 *
 * @example
 * checkLeadStatus('open', 'qualified', ['statusReason']) // throws invalid_combination
 */
export function checkLeadStatus(state: unknown, statusReason: unknown, path: IssuePath): void {
  checkOneOf(statusReason, STATUS_REASONS, path)
  const allowed = LEAD_STATES.includes(state as LeadState) ? LEAD_STATUS_REASONS[state as LeadState] : undefined
  if (allowed !== undefined && !allowed.includes(statusReason as LeadStatusReason)) {
    refuse(
      'invalid_combination',
      path,
      `${formatPath(path)} "${String(statusReason)}" is not a status reason of the ${String(state)} state: ` +
        `use one of ${allowed.join(', ')}`,
    )
  }
}

/**
 * The ready plans a planner of this copy of leadkit made, checked by {@link checkReadyPlan} and deeply frozen when
 * they were made: nothing can have changed them since, so the executor skips the walk. Held weakly (a plan that is
 * dropped leaves the set with it) and created on the first seal, so importing allocates nothing. A plan read back
 * from JSON, copied, or built by hand is not in it and is checked in full.
 */
let sealed: WeakSet<object> | undefined

/**
 * Seals a plan a planner has just made and deeply frozen: checks it as the executor would, and if it passes,
 * remembers it so that {@link isSealedPlan} is true. A plan that does not pass, or is not ready, stays unsealed, and
 * the executor refuses it with its path as it would any plan; planning itself never fails here. Returns the plan.
 *
 * @example
 * const plan = sealPlan(deepFreeze(assembled))
 * isSealedPlan(plan) //=> true when plan is ready and valid
 */
export function sealPlan<P extends PlanBase>(plan: P): P {
  if (plan.status !== 'ready' || !Object.isFrozen(plan)) return plan
  try {
    checkPlanHeader(plan)
    checkReadyPlan(plan)
  } catch {
    return plan
  }
  sealed ??= new WeakSet()
  sealed.add(plan)
  return plan
}

/**
 * Whether `plan` was sealed by a planner ({@link sealPlan}): checked and frozen when it was made.
 *
 * @example
 * isSealedPlan(JSON.parse(JSON.stringify(plan))) //=> false: a copy is checked again
 */
export function isSealedPlan(plan: unknown): boolean {
  return sealed !== undefined && typeof plan === 'object' && plan !== null && sealed.has(plan)
}
