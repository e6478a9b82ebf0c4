import { LeadkitError } from '../errors.js'
import { requireObject } from '../internal/validate.js'
import { toFrozen } from './internal/frozenCopy.js'
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
import { keyFunctionOf } from './internal/keyFunctionOf.js'
import { duplicateKeysOf } from './internal/duplicateKeysOf.js'
import { REPOSITORY_KEYS } from './internal/repositoryFor.js'
import { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
import { NOT_NOW, registerSyncTransaction, type SyncRepositorySet } from './internal/syncTransaction.js'
import type {
  DuplicateKeyedRecords,
  DuplicateKeyRepository,
  DuplicateKeysFunction,
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

/**
 * Ids filed under a key. Most keys name one record, stored as itself; a few (a lead's timeline entries, the notes
 * shown on one opportunity) go in an array, lighter than a Set to build and to keep; past {@link SMALL_GROUP} ids,
 * a Set, so removing one stays cheap however many there are.
 */
type IdIndex = Map<string, string | string[] | Set<string>>

const SMALL_GROUP = 16

/** Ids filed under a record reference, by entity and then id: no key string is built per reference per write. */
type RefIndex = Map<EntityName, IdIndex>

/**
 * One committed table: records by id, filed in whatever indexes its kind keeps ({@link KeyTable}, {@link RefTable}
 * or none).
 */
interface Table {
  readonly records: Map<string, RecordBase>
  /**
   * Files `record` (committed under `id`) in the indexes, given what was committed under `id` before and the
   * duplicate keys computed when it was written. Runs at commit: it must not throw, and calls no host code.
   */
  refile(id: string, before: RecordBase | undefined, record: RecordBase, keys: readonly string[] | undefined): void
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
  /** What was committed under each (kind, id) when this transaction first wrote it, so a commit need not look. */
  readonly before: (V | undefined)[] = []
  /**
   * The duplicate keys of each value, computed when it was written: the host's function runs before the write is
   * accepted, so one that throws fails that write, and a commit calls nothing that can throw half-way.
   */
  readonly keys: (readonly string[] | undefined)[] = []
  private byKind: Map<K, Map<string, number>> | undefined

  get size(): number {
    return this.ids.length
  }

  private position(kind: K, id: string): number {
    if (this.byKind !== undefined) return this.byKind.get(kind)?.get(id) ?? -1
    for (let index = this.ids.length - 1; index >= 0; index -= 1) {
      // Kinds are a handful of constant strings, compared by identity: checked first, they spare most id compares.
      if (this.kinds[index] === kind && this.ids[index] === id) return index
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

  /** Writes `value` filed under `keys`; `before` is what is committed under (kind, id), kept from the first write. */
  set(kind: K, id: string, value: V, before: V | undefined, keys?: readonly string[]): void {
    const index = this.position(kind, id)
    if (index !== -1) {
      this.values[index] = value
      this.keys[index] = keys
      return
    }
    this.kinds.push(kind)
    this.ids.push(id)
    this.values.push(value)
    this.before.push(before)
    this.keys.push(keys)
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
const asGiven = <T>(value: T): T => value
const NO_REFS: readonly EntityRef[] = []
const NOTHING: readonly RecordBase[] = Object.freeze([])

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index])
}

function file(index: IdIndex, key: string, id: string): void {
  const ids = index.get(key)
  if (ids === undefined) index.set(key, id)
  else if (typeof ids === 'string') {
    if (ids !== id) index.set(key, [ids, id])
  } else if (Array.isArray(ids)) {
    if (ids.includes(id)) return
    if (ids.length < SMALL_GROUP) ids.push(id)
    else index.set(key, new Set(ids).add(id))
  } else ids.add(id)
}

function unfile(index: IdIndex, key: string, id: string): void {
  const ids = index.get(key)
  if (ids === id) index.delete(key)
  else if (Array.isArray(ids)) {
    const at = ids.indexOf(id)
    if (at === -1) return
    if (ids.length === 2) index.set(key, ids[1 - at] as string)
    else ids.splice(at, 1)
  } else if (typeof ids === 'object') {
    ids.delete(id)
    if (ids.size === 0) index.delete(key)
  }
}

function idsUnder(index: IdIndex | undefined, key: string): Iterable<string> {
  const ids = index?.get(key)
  return ids === undefined ? NO_KEYS : typeof ids === 'string' ? [ids] : ids
}

function fileRef(index: RefIndex, ref: EntityRef, id: string): void {
  let ids = index.get(ref.entity)
  if (ids === undefined) index.set(ref.entity, (ids = new Map()))
  file(ids, ref.id, id)
}

function unfileRef(index: RefIndex, ref: EntityRef, id: string): void {
  const ids = index.get(ref.entity)
  if (ids !== undefined) unfile(ids, ref.id, id)
}

function sameRef(a: EntityRef, b: EntityRef): boolean {
  return a.id === b.id && a.entity === b.entity
}

function includesRef(refs: readonly EntityRef[], ref: EntityRef): boolean {
  for (let index = 0; index < refs.length; index += 1) if (sameRef(refs[index] as EntityRef, ref)) return true
  return false
}

/** Moves `id` from the references in `before` to those in `after`, touching only the ones that differ. */
function refileRefs(index: RefIndex, id: string, before: readonly EntityRef[], after: readonly EntityRef[]): void {
  if (before === after) return
  // Indexed loops: the lists are frozen, and for…of over a frozen array allocates on every step.
  for (let at = 0; at < before.length; at += 1) {
    const ref = before[at] as EntityRef
    if (!includesRef(after, ref)) unfileRef(index, ref, id)
  }
  for (let at = 0; at < after.length; at += 1) {
    const ref = after[at] as EntityRef
    if (!includesRef(before, ref)) fileRef(index, ref, id)
  }
}

// The tables and the store are classes, not closures made per store: every store shares one set of methods, so a
// host (or a test suite) that creates many stores does not have the optimiser compile them again for each one.

/** Leads, accounts and contacts: filed under their duplicate keys as the host computes them. */
class KeyTable implements Table {
  readonly records = new Map<string, RecordBase>()
  /** The ids filed under each duplicate key. */
  readonly ids: IdIndex = new Map()
  /** The keys each committed record is filed under, so a commit need not ask the host again for the old ones. */
  readonly filed = new Map<string, readonly string[]>()

  constructor(
    private readonly entity: 'lead' | 'account' | 'contact',
    private readonly duplicateKeys: DuplicateKeysFunction<DuplicateKeyedRecords>,
  ) {}

  /** The record's keys, from the host's function, checked and copied (see {@link duplicateKeysOf}). */
  keysOf(record: RecordBase): readonly string[] {
    return duplicateKeysOf(this.duplicateKeys, this.entity, record)
  }

  refile(id: string, _before: RecordBase | undefined, _record: RecordBase, keys: readonly string[] | undefined): void {
    const before = this.filed.get(id) ?? NO_KEYS
    const after = keys ?? NO_KEYS
    if (sameKeys(before, after)) return
    // Only the keys that changed move.
    for (let at = 0; at < before.length; at += 1) {
      const key = before[at] as string
      if (!after.includes(key)) unfile(this.ids, key, id)
    }
    for (let at = 0; at < after.length; at += 1) {
      const key = after[at] as string
      if (!before.includes(key)) file(this.ids, key, id)
    }
    // Already a copy (duplicateKeysOf), so a host that reuses its array cannot change what the index believes.
    if (after.length === 0) this.filed.delete(id)
    else this.filed.set(id, after)
  }
}

// Notes and timeline entries are filed by the records they refer to. The record committed before is at hand, so
// its references are compared with the new ones directly: a note shown on one more record keeps its other
// entries where they are, and nothing is built per write.
class RefTable implements Table {
  readonly records = new Map<string, RecordBase>()
  /** The ids by the record they belong to. */
  readonly byRegarding: RefIndex = new Map()
  /** Notes only: the ids by each record whose timeline shows them. */
  readonly byVisibleOn: RefIndex | undefined

  constructor(withVisibleOn: boolean) {
    this.byVisibleOn = withVisibleOn ? new Map() : undefined
  }

  refile(id: string, before: RecordBase | undefined, record: RecordBase): void {
    const was = before as Note | undefined
    const now = record as Note
    if (was === undefined || !sameRef(was.regarding, now.regarding)) {
      if (was !== undefined) unfileRef(this.byRegarding, was.regarding, id)
      fileRef(this.byRegarding, now.regarding, id)
    }
    if (this.byVisibleOn !== undefined) refileRefs(this.byVisibleOn, id, was?.visibleOn ?? NO_REFS, now.visibleOn ?? NO_REFS)
  }
}

class PlainTable implements Table {
  readonly records = new Map<string, RecordBase>()

  refile(): void {}
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
 * Leads, accounts and contacts are filed under duplicate keys: the host's `duplicateKeys`, or else the keys of the
 * duplicate rules (`duplicateRules`: parsed settings or rules; default the built-in rules, see
 * {@link duplicateKeysFromRules}), so `findCandidates` finds what the rules could match without a key function.
 *
 * @param options - `duplicateKeys` computes the keys leads, accounts and contacts are indexed by; `duplicateRules`
 *   chooses the rules the keys come from when it is left out
 * @returns the repositories, plus `snapshot()` of everything committed
 * @example
 * const repositories = createInMemoryRepositories({ duplicateRules: settings })
 * await repositories.leads.insert(lead)
 * await repositories.leads.findCandidates(duplicateKeysFromRules(settings).candidateKeys('lead', newLead).lead) //=> [lead]
 */
export function createInMemoryRepositories(options: RepositoryOptions = {}): InMemoryRepositories {
  requireObject(options, ['options'], 'createInMemoryRepositories')
  const duplicateKeys = keyFunctionOf(options, 'createInMemoryRepositories')
  const store = new InMemoryStore(duplicateKeys)
  const outside = store.makeSet({ pending: undefined, open: false })
  const repositories: InMemoryRepositories = {
    ...outside,
    transaction: (fn) => store.transaction(fn),
    snapshot: () => store.snapshot(),
  }
  registerSyncTransaction(repositories, (fn) => store.transactionSync(fn))
  return repositories
}

/** The committed tables and executed plans of one in-memory store, and its transactions. */
class InMemoryStore implements Store {
  readonly plans = new Map<string, PlanExecutionResult>()
  private readonly tables: Record<EntityName, Table>
  // Transactions take turns: the next starts when the previous committed or rolled back, so a transaction never
  // sees another's half-done writes and a version read inside it stays true until it commits.
  private tail: Promise<unknown> = Promise.resolve()
  // Transactions queued or running on the async path; while there is one, the synchronous path must queue too.
  private busy = 0
  // One view and one set of repositories serve every synchronous transaction: they run one at a time and to the
  // end before anything else can, so nothing sees the view between two of them, and a fresh set per plan meant
  // nine objects per plan for the collector. Closed between transactions, the set refuses writes like any
  // finished transaction's set.
  private readonly syncView: { pending: Pending | undefined; open: boolean } = { pending: undefined, open: false }
  private syncSet: SyncRepositorySet | undefined

  constructor(duplicateKeys: DuplicateKeysFunction<DuplicateKeyedRecords>) {
    this.tables = {
      lead: new KeyTable('lead', duplicateKeys),
      account: new KeyTable('account', duplicateKeys),
      contact: new KeyTable('contact', duplicateKeys),
      opportunity: new PlainTable(),
      note: new RefTable(true),
      timelineEntry: new RefTable(false),
    }
  }

  tableOf(entity: EntityName): Table {
    return this.tables[entity]
  }

  private commit(pending: Pending): void {
    const writes = pending.records
    for (let at = 0; at < writes.size; at += 1) {
      const table = this.tables[writes.kinds[at] as EntityName]
      const id = writes.ids[at] as string
      const record = writes.values[at] as RecordBase
      table.records.set(id, record)
      table.refile(id, writes.before[at], record, writes.keys[at])
    }
    for (let at = 0; at < pending.plans.size; at += 1) {
      this.plans.set(pending.plans.ids[at] as string, pending.plans.values[at] as PlanExecutionResult)
    }
  }

  // The committed records filed under `committed` (a transaction's own rewrites left out), plus the records this
  // transaction wrote that `matches` accepts, in id order.
  lookup(
    pending: Pending | undefined,
    entity: EntityName,
    committed: readonly Iterable<string>[],
    matches: (record: RecordBase, keys: readonly string[] | undefined) => boolean,
  ): RecordBase[] {
    const { records } = this.tables[entity]
    const writes = pending?.records
    const found = new Map<string, RecordBase>()
    for (const ids of committed) {
      for (const id of ids) {
        // A record this transaction rewrote is judged by what it is now, below, not by the committed index.
        if (writes?.has(entity, id) !== true && !found.has(id)) found.set(id, records.get(id) as RecordBase)
      }
    }
    if (writes !== undefined) {
      for (let at = 0; at < writes.size; at += 1) {
        if (writes.kinds[at] !== entity) continue
        const id = writes.ids[at] as string
        const record = writes.values[at] as RecordBase
        if (!found.has(id) && matches(record, writes.keys[at])) found.set(id, record)
      }
    }
    return [...found.values()].sort(byId)
  }

  transaction<R>(fn: (tx: RepositorySet) => Promise<R>): Promise<R> {
    this.busy += 1
    const run = this.tail.then(async () => {
      const view: View = { pending: newPending(), open: true }
      try {
        const result = await fn(this.makeSet(view))
        this.commit(view.pending as Pending)
        return result
      } finally {
        view.open = false
        this.busy -= 1
      }
    })
    this.tail = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  // Nothing else can run while this runs, so it needs no turn in the queue; when the queue is not empty it would
  // jump it, so it declines and the caller queues through transaction().
  transactionSync<R>(fn: (tx: SyncRepositorySet) => R): R | typeof NOT_NOW {
    const view = this.syncView
    if (this.busy > 0 || view.open) return NOT_NOW
    const pending = newPending()
    view.pending = pending
    view.open = true
    try {
      const result = fn((this.syncSet ??= this.makeSyncSet(view)))
      this.commit(pending)
      return result
    } finally {
      view.open = false
      view.pending = undefined
    }
  }

  private makeSyncSet(view: View): SyncRepositorySet {
    return {
      leads: new SyncTableRepository(this, view, 'lead') as unknown as SyncRepositorySet['leads'],
      accounts: new SyncTableRepository(this, view, 'account') as unknown as SyncRepositorySet['accounts'],
      contacts: new SyncTableRepository(this, view, 'contact') as unknown as SyncRepositorySet['contacts'],
      opportunities: new SyncTableRepository(this, view, 'opportunity') as unknown as SyncRepositorySet['opportunities'],
      notes: new SyncTableRepository(this, view, 'note') as unknown as SyncRepositorySet['notes'],
      timelineEntries: new SyncTableRepository(this, view, 'timelineEntry') as unknown as SyncRepositorySet['timelineEntries'],
      executedPlans: new SyncPlanRepository(this, view),
    }
  }

  makeSet(view: View): RepositorySet {
    const sync = this.makeSyncSet(view)
    return {
      leads: new TableRepository(this, view, 'lead', sync.leads) as unknown as DuplicateKeyRepository<Lead>,
      accounts: new TableRepository(this, view, 'account', sync.accounts) as unknown as DuplicateKeyRepository<Account>,
      contacts: new TableRepository(this, view, 'contact', sync.contacts) as unknown as DuplicateKeyRepository<Contact>,
      opportunities: new TableRepository(this, view, 'opportunity', sync.opportunities) as unknown as EntityRepository<Opportunity>,
      notes: new TableRepository(this, view, 'note', sync.notes) as unknown as NoteRepository,
      timelineEntries: new TableRepository(this, view, 'timelineEntry', sync.timelineEntries) as unknown as TimelineRepository,
      executedPlans: new PlanRepository(this, view, sync.executedPlans as unknown as SyncPlanRepository),
    }
  }

  snapshot(): RepositorySnapshot {
    const snapshot: Record<string, Record<string, unknown>> = {}
    for (const entity of ENTITIES) {
      const records = this.tables[entity].records
      snapshot[entity] = Object.fromEntries([...records.keys()].sort().map((id) => [id, records.get(id)]))
    }
    snapshot.executedPlans = Object.fromEntries([...this.plans.keys()].sort().map((id) => [id, this.plans.get(id)]))
    return Object.freeze(snapshot) as unknown as RepositorySnapshot
  }
}

/** What the repositories of one view (a transaction, or the committed store) share. */
interface Store {
  tableOf(entity: EntityName): Table
  lookup(
    pending: Pending | undefined,
    entity: EntityName,
    committed: readonly Iterable<string>[],
    matches: (record: RecordBase, keys: readonly string[] | undefined) => boolean,
  ): RecordBase[]
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
// Inserted records are frozen (copied unless already deeply frozen) after every check has passed; an updated record
// and an executed plan's result are kept as given unless `freeze` says otherwise, because executePlan, the one user
// of the synchronous transactions, builds them frozen. The async face passes `toFrozen` for whatever a caller hands
// it, so a copy is only made once the store has accepted the write, and a record's own faults come first.
class SyncTableRepository {
  private readonly table: Table
  /** The committed records of this entity, held directly: a plan reads about fifteen times. */
  private readonly committed: ReadonlyMap<string, RecordBase>

  constructor(
    private readonly store: Store,
    private readonly view: View,
    private readonly entity: EntityName,
  ) {
    this.table = store.tableOf(entity)
    this.committed = this.table.records
  }

  // The record last read or written in the open transaction. An executor reads a record, then updates it, and the
  // update checks the version it read: remembered, the second look is free. Only this repository writes this
  // entity in its transaction, so what it remembers stays true until the transaction ends, and a new transaction
  // has a new `pending`.
  private lastPending: Pending | undefined
  private lastId = ''
  private lastRecord: RecordBase | undefined

  private read(pending: Pending | undefined, id: string): RecordBase | undefined {
    if (pending === undefined) return this.committed.get(id)
    // Only while the transaction is open: a `tx` kept after it ended reads what is committed now.
    if (pending === this.lastPending && id === this.lastId && this.view.open) return this.lastRecord
    const record = pending.records.get(this.entity, id) ?? this.committed.get(id)
    this.remember(pending, id, record)
    return record
  }

  /**
   * Writes `record`; `stored` is what `read` returned for its id (the committed record, unless written before). Its
   * duplicate keys are computed first: if the host's function throws, nothing is written.
   */
  private write(pending: Pending, record: RecordBase, stored: RecordBase | undefined): void {
    const table = this.table
    const keys = table instanceof KeyTable ? table.keysOf(record) : undefined
    pending.records.set(this.entity, record.id, record, stored, keys)
    this.remember(pending, record.id, record)
  }

  private remember(pending: Pending, id: string, record: RecordBase | undefined): void {
    this.lastPending = pending
    this.lastId = id
    this.lastRecord = record
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

  insert(record: RecordBase, freeze: (record: RecordBase) => RecordBase = toFrozen): void {
    checkStorable(this.entity, record)
    const pending = writable(this.view)
    if (this.read(pending, record.id) !== undefined) {
      throw versionConflict(this.entity, record.id, undefined, undefined)
    }
    this.write(pending, freeze(record), undefined)
  }

  update(record: RecordBase, expectedVersion: number, freeze: (record: RecordBase) => RecordBase = asGiven): void {
    checkStorable(this.entity, record)
    const pending = writable(this.view)
    const stored = this.read(pending, record.id)
    if (stored === undefined) throw recordNotFound(this.entity, record.id)
    if (stored.version !== expectedVersion) throw versionConflict(this.entity, record.id, expectedVersion, stored.version)
    this.write(pending, freeze(record), stored)
  }

  findByDuplicateKey(key: string): readonly RecordBase[] {
    return this.findCandidates([key])
  }

  // Only leads, accounts and contacts are filed by duplicate key.
  findCandidates(keys: readonly string[]): readonly RecordBase[] {
    const table = this.table
    if (!(table instanceof KeyTable)) return NOTHING
    const committed = keys.map((key) => idsUnder(table.ids, key))
    return this.store.lookup(this.view.pending, this.entity, committed, (_record, filed) =>
      (filed ?? NO_KEYS).some((key) => keys.includes(key)),
    )
  }

  listByRegarding(ref: EntityRef): readonly RecordBase[] {
    const table = this.table
    const committed = idsUnder(table instanceof RefTable ? table.byRegarding.get(ref.entity) : undefined, ref.id)
    return this.store.lookup(this.view.pending, this.entity, [committed], (record) =>
      sameRef((record as Note | TimelineEntry).regarding, ref),
    )
  }

  listVisibleOn(ref: EntityRef): readonly RecordBase[] {
    const table = this.table
    const committed = idsUnder(table instanceof RefTable ? table.byVisibleOn?.get(ref.entity) : undefined, ref.id)
    return this.store.lookup(this.view.pending, this.entity, [committed], (record) =>
      includesRef((record as Note).visibleOn ?? NO_REFS, ref),
    )
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
    this.sync.insert(record, toFrozen)
  }

  async update(record: RecordBase, expectedVersion: number): Promise<void> {
    if (this.view.pending === undefined) {
      return this.store.transaction((tx) => repositoryOf(tx, this.entity).update(record, expectedVersion))
    }
    this.sync.update(record, expectedVersion, toFrozen)
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
  // The plan id last found missing in the open transaction: an executor looks its plan up, then records it, and
  // nothing else can record that id in between.
  private absentIn: Pending | undefined
  private absentId = ''

  constructor(
    private readonly store: Store,
    private readonly view: View,
  ) {}

  get(planId: string): PlanExecutionResult | undefined {
    const pending = this.view.pending
    const found = pending?.plans.get('executedPlan', planId) ?? this.store.plans.get(planId)
    if (found === undefined && pending !== undefined) {
      this.absentIn = pending
      this.absentId = planId
    }
    return found
  }

  insert(result: PlanExecutionResult, freeze: (result: PlanExecutionResult) => PlanExecutionResult = asGiven): void {
    const pending = writable(this.view)
    const known = pending === this.absentIn && result.planId === this.absentId
    this.absentIn = undefined
    if (!known && (pending.plans.has('executedPlan', result.planId) || this.store.plans.has(result.planId))) {
      throw versionConflict('executedPlan', result.planId, undefined, undefined)
    }
    pending.plans.set('executedPlan', result.planId, freeze(result), undefined)
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
    this.sync.insert(result, toFrozen)
  }
}

function repositoryOf(set: RepositorySet, entity: EntityName): EntityRepository<RecordBase> {
  return set[REPOSITORY_KEYS[entity]] as unknown as EntityRepository<RecordBase>
}
