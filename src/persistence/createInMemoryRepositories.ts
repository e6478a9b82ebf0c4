import { LeadkitError } from '../errors.js'
import { toFrozen } from './frozenCopy.js'
import type {
  Account,
  Contact,
  EntityName,
  EntityRef,
  Lead,
  Note,
  Opportunity,
  RecordBase,
  RecordsByEntity,
  TimelineEntry,
} from '../records/types.js'
import { REPOSITORY_KEYS } from './repositoryFor.js'
import { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
import { NOT_NOW, registerSyncTransaction, type SyncRepositorySet } from './syncTransaction.js'
import type {
  DuplicateKeyRepository,
  EntityRepository,
  ExecutedPlanRepository,
  NoteRepository,
  PlanExecutionResult,
  Repositories,
  RepositoryOptions,
  RepositorySet,
  TimelineRepository,
} from './types.js'

/**
 * Every stored record and executed plan, by entity and id, as plain frozen data.
 *
 * @example
 * repositories.snapshot().lead['lead-1'].version //=> 2
 */
export type RepositorySnapshot = {
  readonly [E in EntityName]: Readonly<Record<string, RecordsByEntity[E]>>
} & { readonly executedPlans: Readonly<Record<string, PlanExecutionResult>> }

/**
 * The in-memory repositories, with a snapshot of everything stored for tests.
 *
 * @example
 * const repositories: InMemoryRepositories = createInMemoryRepositories()
 * repositories.snapshot().lead //=> {}
 */
export interface InMemoryRepositories extends Repositories {
  /** Everything committed, keys in id order; equal snapshots mean equal stores (compare with `toEqual`). */
  snapshot(): RepositorySnapshot
}

const ENTITIES = Object.keys(REPOSITORY_KEYS) as EntityName[]

/** One committed table: records by id and an index from lookup key to ids. */
interface Table {
  readonly records: Map<string, RecordBase>
  /** Most keys name one record, so a lone id is stored as itself and a Set is made only for the second. */
  readonly index: Map<string, string | Set<string>>
  /** The index keys each committed record is filed under, so a commit need not recompute the old ones. */
  readonly filed: Map<string, readonly string[]>
  readonly keysOf: (record: RecordBase) => readonly string[]
}

/** The writes of one open transaction, applied to the tables only when it commits. */
interface Pending {
  readonly records: PendingWrites<EntityName, RecordBase>
  readonly plans: PendingWrites<'executedPlan', PlanExecutionResult>
}

/** Past this many writes, a transaction's writes are also indexed by map; below it, a scan is cheaper. */
const SCAN_LIMIT = 32

/**
 * The writes of one transaction, in the order first written, with the latest value of each (kind, id). A plan
 * writes about ten records: lists scanned from the end cost less than a map per entity written (eight Maps per
 * plan); a transaction that writes more (a bulk seed) gets the maps past {@link SCAN_LIMIT}.
 */
class PendingWrites<K extends string, V> {
  readonly kinds: K[] = []
  readonly ids: string[] = []
  readonly values: V[] = []
  private byKind: Map<K, Map<string, number>> | undefined

  get size(): number {
    return this.ids.length
  }

  private position(kind: K, id: string): number {
    if (this.byKind !== undefined) return this.byKind.get(kind)?.get(id) ?? -1
    for (let index = this.ids.length - 1; index >= 0; index -= 1) {
      if (this.ids[index] === id && this.kinds[index] === kind) return index
    }
    return -1
  }

  get(kind: K, id: string): V | undefined {
    const index = this.position(kind, id)
    return index === -1 ? undefined : this.values[index]
  }

  has(kind: K, id: string): boolean {
    return this.position(kind, id) !== -1
  }

  set(kind: K, id: string, value: V): void {
    const index = this.position(kind, id)
    if (index !== -1) {
      this.values[index] = value
      return
    }
    this.kinds.push(kind)
    this.ids.push(id)
    this.values.push(value)
    if (this.byKind !== undefined) this.indexAt(this.ids.length - 1)
    else if (this.ids.length > SCAN_LIMIT) {
      this.byKind = new Map()
      for (let at = 0; at < this.ids.length; at += 1) this.indexAt(at)
    }
  }

  private indexAt(at: number): void {
    const byKind = this.byKind as Map<K, Map<string, number>>
    const kind = this.kinds[at] as K
    let positions = byKind.get(kind)
    if (positions === undefined) byKind.set(kind, (positions = new Map()))
    positions.set(this.ids[at] as string, at)
  }
}

function newPending(): Pending {
  return { records: new PendingWrites(), plans: new PendingWrites() }
}

const NO_KEYS: readonly string[] = []
const NOTHING: readonly RecordBase[] = Object.freeze([])
const HAS_DUPLICATE_KEYS: ReadonlySet<EntityName> = new Set(['lead', 'account', 'contact'])

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index])
}

function file(index: Map<string, string | Set<string>>, key: string, id: string): void {
  const ids = index.get(key)
  if (ids === undefined) index.set(key, id)
  else if (typeof ids === 'string') {
    if (ids !== id) index.set(key, new Set([ids, id]))
  } else ids.add(id)
}

function unfile(index: Map<string, string | Set<string>>, key: string, id: string): void {
  const ids = index.get(key)
  if (ids === id) index.delete(key)
  else if (typeof ids === 'object') {
    ids.delete(id)
    if (ids.size === 0) index.delete(key)
  }
}

function refKey(ref: EntityRef): string {
  return `${ref.entity}:${ref.id}`
}

function byId(a: RecordBase, b: RecordBase): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Creates the embedded, in-memory repositories: complete and fast, with a database's semantics. Transactions run
 * one at a time on a copy-on-write view and roll back when their function throws; ids are unique; updates check
 * the version; stored records are frozen.
 *
 * Inside `transaction(fn)`, use only the `tx` it passes: a write through the outer set waits for the transaction
 * to end, like a second connection waiting for a row lock, and would wait forever.
 *
 * @param options - `duplicateKeys` computes the keys leads, accounts and contacts are indexed by
 * @returns the repositories, plus `snapshot()` of everything committed
 * @example
 * const repositories = createInMemoryRepositories({ duplicateKeys: (_entity, r) => ['email:' + r.email] })
 * await repositories.leads.insert(lead)
 * await repositories.leads.findByDuplicateKey('email:ada@example.com') //=> [lead]
 */
export function createInMemoryRepositories(options: RepositoryOptions = {}): InMemoryRepositories {
  const duplicateKeys = options.duplicateKeys
  const tables = {} as Record<EntityName, Table>
  for (const entity of ENTITIES) {
    let keysOf: (record: RecordBase) => readonly string[]
    if (entity === 'lead' || entity === 'account' || entity === 'contact') {
      // These tables hold only duplicate keys, so the keys go in as the host computed them, with no prefix built
      // per key per write; the copy keeps the index's own list safe from a host that reuses its array.
      keysOf = duplicateKeys === undefined ? () => NO_KEYS : (record) => duplicateKeys(entity, record).slice()
    } else if (entity === 'note') {
      keysOf = (record) => {
        const note = record as Note
        const keys = [`r:${refKey(note.regarding)}`]
        for (const ref of note.visibleOn ?? []) keys.push(`v:${refKey(ref)}`)
        return keys
      }
    } else if (entity === 'timelineEntry') {
      keysOf = (record) => [`r:${refKey((record as TimelineEntry).regarding)}`]
    } else {
      keysOf = () => NO_KEYS
    }
    tables[entity] = { records: new Map(), index: new Map(), filed: new Map(), keysOf }
  }
  const table = (entity: EntityName): Table => tables[entity]
  const plans = new Map<string, PlanExecutionResult>()

  // Transactions take turns: the next starts when the previous committed or rolled back, so a transaction never
  // sees another's half-done writes and a version read inside it stays true until it commits.
  let tail: Promise<unknown> = Promise.resolve()

  function commit(pending: Pending): void {
    const writes = pending.records
    for (let at = 0; at < writes.size; at += 1) {
      const { records, index, filed, keysOf } = table(writes.kinds[at] as EntityName)
      const id = writes.ids[at] as string
      const record = writes.values[at] as RecordBase
      records.set(id, record)
      const before = filed.get(id) ?? NO_KEYS
      const after = keysOf(record)
      if (sameKeys(before, after)) continue
      // Only the keys that changed move: a note shown on one more record keeps its regarding key where it is.
      for (const key of before) if (!after.includes(key)) unfile(index, key, id)
      for (const key of after) if (!before.includes(key)) file(index, key, id)
      if (after.length === 0) filed.delete(id)
      else filed.set(id, after)
    }
    for (let at = 0; at < pending.plans.size; at += 1) {
      plans.set(pending.plans.ids[at] as string, pending.plans.values[at] as PlanExecutionResult)
    }
  }

  function lookup(pending: Pending | undefined, entity: EntityName, keys: readonly string[]): RecordBase[] {
    const { records, index, keysOf } = table(entity)
    const writes = pending?.records
    const found = new Map<string, RecordBase>()
    for (const key of keys) {
      const filedIds = index.get(key)
      for (const id of filedIds === undefined ? NO_KEYS : typeof filedIds === 'string' ? [filedIds] : filedIds) {
        // A record this transaction rewrote is judged by its new keys below, not by the committed index.
        if (writes?.has(entity, id) !== true && !found.has(id)) found.set(id, records.get(id) as RecordBase)
      }
    }
    if (writes !== undefined) {
      for (let at = 0; at < writes.size; at += 1) {
        if (writes.kinds[at] !== entity) continue
        const id = writes.ids[at] as string
        const record = writes.values[at] as RecordBase
        if (!found.has(id) && keysOf(record).some((key) => keys.includes(key))) found.set(id, record)
      }
    }
    return [...found.values()].sort(byId)
  }

  // Transactions queued or running on the async path; while there is one, the synchronous path must queue too.
  let busy = 0

  function transaction<R>(fn: (tx: RepositorySet) => Promise<R>): Promise<R> {
    busy += 1
    const run = tail.then(async () => {
      const view: View = { pending: newPending(), open: true }
      try {
        const result = await fn(makeSet(view))
        commit(view.pending as Pending)
        return result
      } finally {
        view.open = false
        busy -= 1
      }
    })
    tail = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  // Nothing else can run while this runs, so it needs no turn in the queue; when the queue is not empty it would
  // jump it, so it declines and the caller queues through transaction().
  // One view and one set of repositories serve every synchronous transaction: they run one at a time and to the
  // end before anything else can, so nothing sees the view between two of them, and a fresh set per plan meant
  // nine objects per plan for the collector. Closed between transactions, the set refuses writes like any
  // finished transaction's set.
  const syncView: { pending: Pending | undefined; open: boolean } = { pending: undefined, open: false }
  let syncSet: SyncRepositorySet | undefined

  function transactionSync<R>(fn: (tx: SyncRepositorySet) => R): R | typeof NOT_NOW {
    if (busy > 0 || syncView.open) return NOT_NOW
    const pending = newPending()
    syncView.pending = pending
    syncView.open = true
    try {
      const result = fn((syncSet ??= makeSyncSet(syncView)))
      commit(pending)
      return result
    } finally {
      syncView.open = false
      syncView.pending = undefined
    }
  }

  const store: Store = { recordsOf: (entity) => table(entity).records, lookup, transaction, plans }
  function makeSyncSet(view: View): SyncRepositorySet {
    return {
      leads: new SyncTableRepository(store, view, 'lead') as unknown as SyncRepositorySet['leads'],
      accounts: new SyncTableRepository(store, view, 'account') as unknown as SyncRepositorySet['accounts'],
      contacts: new SyncTableRepository(store, view, 'contact') as unknown as SyncRepositorySet['contacts'],
      opportunities: new SyncTableRepository(store, view, 'opportunity') as unknown as SyncRepositorySet['opportunities'],
      notes: new SyncTableRepository(store, view, 'note') as unknown as SyncRepositorySet['notes'],
      timelineEntries: new SyncTableRepository(store, view, 'timelineEntry') as unknown as SyncRepositorySet['timelineEntries'],
      executedPlans: new SyncPlanRepository(store, view),
    }
  }

  function makeSet(view: View): RepositorySet {
    const sync = makeSyncSet(view)
    return {
      leads: new TableRepository(store, view, 'lead', sync.leads) as unknown as DuplicateKeyRepository<Lead>,
      accounts: new TableRepository(store, view, 'account', sync.accounts) as unknown as DuplicateKeyRepository<Account>,
      contacts: new TableRepository(store, view, 'contact', sync.contacts) as unknown as DuplicateKeyRepository<Contact>,
      opportunities: new TableRepository(store, view, 'opportunity', sync.opportunities) as unknown as EntityRepository<Opportunity>,
      notes: new TableRepository(store, view, 'note', sync.notes) as unknown as NoteRepository,
      timelineEntries: new TableRepository(store, view, 'timelineEntry', sync.timelineEntries) as unknown as TimelineRepository,
      executedPlans: new PlanRepository(store, view, sync.executedPlans as unknown as SyncPlanRepository),
    }
  }

  const outside = makeSet({ pending: undefined, open: false })
  const repositories: InMemoryRepositories = {
    ...outside,
    transaction,
    snapshot() {
      const snapshot: Record<string, Record<string, unknown>> = {}
      for (const entity of ENTITIES) {
        const records = table(entity).records
        snapshot[entity] = Object.fromEntries([...records.keys()].sort().map((id) => [id, records.get(id)]))
      }
      snapshot.executedPlans = Object.fromEntries([...plans.keys()].sort().map((id) => [id, plans.get(id)]))
      return Object.freeze(snapshot) as unknown as RepositorySnapshot
    },
  }
  registerSyncTransaction(repositories, transactionSync)
  return repositories
}

/** What the repositories of one view (a transaction, or the committed store) share. */
interface Store {
  recordsOf(entity: EntityName): ReadonlyMap<string, RecordBase>
  lookup(pending: Pending | undefined, entity: EntityName, keys: readonly string[]): RecordBase[]
  transaction<R>(fn: (tx: RepositorySet) => Promise<R>): Promise<R>
  readonly plans: ReadonlyMap<string, PlanExecutionResult>
}

/** A transaction's writes and whether it is still open; `pending` is undefined for the committed store. */
interface View {
  readonly pending: Pending | undefined
  open: boolean
}

function writable(view: View): Pending {
  if (view.pending === undefined || !view.open) {
    throw new LeadkitError({
      code: 'write_failed',
      path: [],
      message: 'this transaction has already committed or rolled back; write through the tx of an open transaction',
    })
  }
  return view.pending
}

// One class serves every table (a class, not closures, because a transaction makes a fresh set of repositories).
// It does the work synchronously; the async repositories below, and the synchronous transactions, share it.
class SyncTableRepository {
  /** The committed records of this entity, held directly: a plan reads about fifteen times. */
  private readonly committed: ReadonlyMap<string, RecordBase>

  constructor(
    private readonly store: Store,
    private readonly view: View,
    private readonly entity: EntityName,
  ) {
    this.committed = store.recordsOf(entity)
  }

  private read(pending: Pending | undefined, id: string): RecordBase | undefined {
    return (pending === undefined ? undefined : pending.records.get(this.entity, id)) ?? this.committed.get(id)
  }

  get(id: string): RecordBase | undefined {
    return this.read(this.view.pending, id)
  }

  getMany(ids: readonly string[]): readonly RecordBase[] {
    const found: RecordBase[] = []
    for (const id of ids) {
      const record = this.read(this.view.pending, id)
      if (record !== undefined) found.push(record)
    }
    return found
  }

  insert(record: RecordBase): void {
    checkStorable(this.entity, record)
    const pending = writable(this.view)
    if (this.read(pending, record.id) !== undefined) {
      throw versionConflict(this.entity, record.id, undefined, undefined)
    }
    pending.records.set(this.entity, record.id, toFrozen(record))
  }

  update(record: RecordBase, expectedVersion: number): void {
    checkStorable(this.entity, record)
    const pending = writable(this.view)
    const stored = this.read(pending, record.id)
    if (stored === undefined) throw recordNotFound(this.entity, record.id)
    if (stored.version !== expectedVersion) throw versionConflict(this.entity, record.id, expectedVersion, stored.version)
    pending.records.set(this.entity, record.id, toFrozen(record))
  }

  findByDuplicateKey(key: string): readonly RecordBase[] {
    return this.findCandidates([key])
  }

  // Only leads, accounts and contacts are filed by duplicate key; other tables' index holds other kinds of key.
  findCandidates(keys: readonly string[]): readonly RecordBase[] {
    if (!HAS_DUPLICATE_KEYS.has(this.entity)) return NOTHING
    return this.store.lookup(this.view.pending, this.entity, keys)
  }

  listByRegarding(ref: EntityRef): readonly RecordBase[] {
    return this.store.lookup(this.view.pending, this.entity, [`r:${refKey(ref)}`])
  }

  listVisibleOn(ref: EntityRef): readonly RecordBase[] {
    return this.store.lookup(this.view.pending, this.entity, [`v:${refKey(ref)}`])
  }
}

/** The async face of a table: writes outside a transaction become a transaction of their own. */
class TableRepository {
  private readonly sync: SyncTableRepository

  constructor(
    private readonly store: Store,
    private readonly view: View,
    private readonly entity: EntityName,
    sync: unknown,
  ) {
    this.sync = sync as SyncTableRepository
  }

  async get(id: string): Promise<RecordBase | undefined> {
    return this.sync.get(id)
  }

  async getMany(ids: readonly string[]): Promise<readonly RecordBase[]> {
    return this.sync.getMany(ids)
  }

  async insert(record: RecordBase): Promise<void> {
    if (this.view.pending === undefined) {
      return this.store.transaction((tx) => repositoryOf(tx, this.entity).insert(record))
    }
    this.sync.insert(record)
  }

  async update(record: RecordBase, expectedVersion: number): Promise<void> {
    if (this.view.pending === undefined) {
      return this.store.transaction((tx) => repositoryOf(tx, this.entity).update(record, expectedVersion))
    }
    this.sync.update(record, expectedVersion)
  }

  async findByDuplicateKey(key: string): Promise<readonly RecordBase[]> {
    return this.sync.findByDuplicateKey(key)
  }

  async findCandidates(keys: readonly string[]): Promise<readonly RecordBase[]> {
    return this.sync.findCandidates(keys)
  }

  async listByRegarding(ref: EntityRef): Promise<readonly RecordBase[]> {
    return this.sync.listByRegarding(ref)
  }

  async listVisibleOn(ref: EntityRef): Promise<readonly RecordBase[]> {
    return this.sync.listVisibleOn(ref)
  }
}

class SyncPlanRepository {
  constructor(
    private readonly store: Store,
    private readonly view: View,
  ) {}

  get(planId: string): PlanExecutionResult | undefined {
    return this.view.pending?.plans.get('executedPlan', planId) ?? this.store.plans.get(planId)
  }

  insert(result: PlanExecutionResult): void {
    const pending = writable(this.view)
    if (pending.plans.has('executedPlan', result.planId) || this.store.plans.has(result.planId)) {
      throw versionConflict('executedPlan', result.planId, undefined, undefined)
    }
    pending.plans.set('executedPlan', result.planId, toFrozen(result))
  }
}

class PlanRepository implements ExecutedPlanRepository {
  constructor(
    private readonly store: Store,
    private readonly view: View,
    private readonly sync: SyncPlanRepository,
  ) {}

  async get(planId: string): Promise<PlanExecutionResult | undefined> {
    return this.sync.get(planId)
  }

  async insert(result: PlanExecutionResult): Promise<void> {
    if (this.view.pending === undefined) return this.store.transaction((tx) => tx.executedPlans.insert(result))
    this.sync.insert(result)
  }
}

function repositoryOf(set: RepositorySet, entity: EntityName): EntityRepository<RecordBase> {
  return set[REPOSITORY_KEYS[entity]] as unknown as EntityRepository<RecordBase>
}
