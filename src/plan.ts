/**
 * The shape every plan shares. Planners (`planQualification`, `planDisqualification`, `planReactivation`,
 * `planMerge`) return plans; one executor (`executePlan`) applies them through repositories. A plan is plain JSON:
 * it survives `JSON.parse(JSON.stringify(plan))` unchanged.
 */
import type { EntityName } from './records/types.js'

/**
 * One change inside a record, as immer records it (`op`, `path`, `value`).
 *
 * @example
 * const patch: RecordPatch = { op: 'replace', path: ['state'], value: 'qualified' }
 */
export interface RecordPatch {
  readonly op: 'replace' | 'add' | 'remove'
  readonly path: readonly (string | number)[]
  readonly value?: unknown
}

/**
 * The version of a record a planner read. The executor refuses (`conflict`) when the stored version differs.
 *
 * @example
 * const read: RecordRead = { entity: 'lead', id: 'lead-1', version: 3 }
 */
export interface RecordRead {
  readonly entity: EntityName
  readonly id: string
  readonly version: number
}

/** Create a new record with these fields (id, version, createdOn and modifiedOn included). */
export interface CreateOperation {
  readonly op: 'create'
  readonly entity: EntityName
  readonly id: string
  readonly record: Readonly<Record<string, unknown>>
  /** Why the planner creates it, for a UI and an audit log. */
  readonly reason?: string
}

/** Use an existing record as it is: the executor checks it exists (and its version, when it is in `reads`). */
export interface LinkOperation {
  readonly op: 'link'
  readonly entity: EntityName
  readonly id: string
  readonly reason?: string
}

/** Change an existing record by immer patches; `expectedVersion` is the version the patches were made against. */
export interface UpdateOperation {
  readonly op: 'update'
  readonly entity: EntityName
  readonly id: string
  readonly expectedVersion: number
  readonly patches: readonly RecordPatch[]
  readonly reason?: string
}

/** One step of a plan; executors apply them in order. */
export type PlanOperation = CreateOperation | LinkOperation | UpdateOperation

/** What kind of use case produced a plan. */
export type PlanKind = 'qualification' | 'disqualification' | 'reactivation' | 'merge'

/**
 * A reason a plan cannot go ahead, with a stable code and the product's message.
 *
 * @example
 * const reason: BlockReason = { code: 'lead_closed', message: 'This lead is already closed…' }
 */
export interface BlockReason {
  readonly code: string
  readonly message: string
  readonly path?: readonly (string | number)[]
}

/**
 * Fields every plan has. `status` is `ready` only when `operations` can be executed as they are.
 */
export interface PlanBase<K extends PlanKind = PlanKind> {
  /** Deterministic id: the same inputs give the same id, so executing a plan twice is detected. */
  readonly id: string
  readonly kind: K
  readonly status: 'ready' | 'needs-input' | 'blocked'
  /** Versions of the records the plan was made from. */
  readonly reads: readonly RecordRead[]
  /** Ordered steps; empty unless `status` is `ready`. */
  readonly operations: readonly PlanOperation[]
  /** Why the plan is blocked; empty unless `status` is `blocked`. */
  readonly blockers: readonly BlockReason[]
}
