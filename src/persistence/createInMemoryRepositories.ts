import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import type { EntityName, EntityRef, Note, RecordBase, RecordsByEntity, TimelineEntry } from '../records/types.js'
import { REPOSITORY_KEYS } from './repositoryFor.js'
import { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
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

/** Every stored record and executed plan, by entity and id, as plain frozen data. */
export type RepositorySnapshot = {
  readonly [E in EntityName]: Readonly<Record<string, RecordsByEntity[E]>>
} & { readonly executedPlans: Readonly<Record<string, PlanExecutionResult>> }

/** The in-memory repositories, with a snapshot of everything stored for tests. */
export interface InMemoryRepositories extends Repositories {
  /** Everything committed, keys in id order; equal snapshots mean equal stores (compare with `toEqual`). */
  snapshot(): RepositorySnapshot
}

const ENTITIES = Object.keys(REPOSITORY_KEYS) as EntityName[]

/** One committed table: records by id and an index from lookup key to ids. */
interface Table {
  readonly records: Map<string, RecordBase>
  readonly index: Map<string, Set<string>>
  readonly keysOf: (record: RecordBase) => readonly string[]
}

/** The writes of one open transaction, applied to the tables only when it commits. */
interface Pending {
  readonly records: Map<EntityName, Map<string, RecordBase>>
  readonly plans: Map<string, PlanExecutionResult>
}

function refKey(ref: EntityRef): string {
  return `${ref.entity}:${ref.id}`
}

// Records a caller built themselves may still be mutable; copying before freezing keeps their object theirs.
function toStored<T>(value: T): T {
  return Object.isFrozen(value) ? value : deepFreeze(structuredClone(value))
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
  const tables = new Map<EntityName, Table>()
  for (const entity of ENTITIES) {
    let keysOf: (record: RecordBase) => readonly string[]
    if (entity === 'lead' || entity === 'account' || entity === 'contact') {
      keysOf = duplicateKeys === undefined ? () => [] : (record) => duplicateKeys(entity, record).map((key) => `d:${key}`)
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
      keysOf = () => []
    }
    tables.set(entity, { records: new Map(), index: new Map(), keysOf })
  }
  const table = (entity: EntityName): Table => tables.get(entity) as Table
  const plans = new Map<string, PlanExecutionResult>()

  // Transactions take turns: the next starts when the previous committed or rolled back, so a transaction never
  // sees another's half-done writes and a version read inside it stays true until it commits.
  let tail: Promise<unknown> = Promise.resolve()

  function commit(pending: Pending): void {
    for (const [entity, writes] of pending.records) {
      const { records, index, keysOf } = table(entity)
      for (const [id, record] of writes) {
        const previous = records.get(id)
        if (previous !== undefined) {
          for (const key of keysOf(previous)) index.get(key)?.delete(id)
        }
        records.set(id, record)
        for (const key of keysOf(record)) {
          let ids = index.get(key)
          if (ids === undefined) index.set(key, (ids = new Set()))
          ids.add(id)
        }
      }
    }
    for (const [id, result] of pending.plans) plans.set(id, result)
  }

  function read(pending: Pending | undefined, entity: EntityName, id: string): RecordBase | undefined {
    return pending?.records.get(entity)?.get(id) ?? table(entity).records.get(id)
  }

  function lookup(pending: Pending | undefined, entity: EntityName, keys: readonly string[]): RecordBase[] {
    const { records, index, keysOf } = table(entity)
    const writes = pending?.records.get(entity)
    const found = new Map<string, RecordBase>()
    for (const key of keys) {
      for (const id of index.get(key) ?? []) {
        // A record this transaction rewrote is judged by its new keys below, not by the committed index.
        if (writes?.has(id) !== true && !found.has(id)) found.set(id, records.get(id) as RecordBase)
      }
    }
    if (writes !== undefined) {
      for (const [id, record] of writes) {
        if (!found.has(id) && keysOf(record).some((key) => keys.includes(key))) found.set(id, record)
      }
    }
    return [...found.values()].sort(byId)
  }

  function transaction<R>(fn: (tx: RepositorySet) => Promise<R>): Promise<R> {
    const run = tail.then(async () => {
      const pending: Pending = { records: new Map(), plans: new Map() }
      let open = true
      const tx = makeSet(pending, () => open)
      try {
        const result = await fn(tx)
        commit(pending)
        return result
      } finally {
        open = false
      }
    })
    tail = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  function makeSet(pending: Pending | undefined, isOpen: () => boolean): RepositorySet {
    function writable(): Pending {
      if (pending === undefined || !isOpen()) {
        throw new LeadkitError({
          code: 'write_failed',
          path: [],
          message: 'this transaction has already committed or rolled back; write through the tx of an open transaction',
        })
      }
      return pending
    }
    function writesOf(p: Pending, entity: EntityName): Map<string, RecordBase> {
      let writes = p.records.get(entity)
      if (writes === undefined) p.records.set(entity, (writes = new Map()))
      return writes
    }
    function entityRepository<T extends RecordBase>(entity: EntityName): EntityRepository<T> {
      return {
        async get(id) {
          return read(pending, entity, id) as T | undefined
        },
        async getMany(ids) {
          const found: T[] = []
          for (const id of ids) {
            const record = read(pending, entity, id)
            if (record !== undefined) found.push(record as T)
          }
          return found
        },
        async insert(record) {
          if (pending === undefined) return transaction((tx) => repositoryOf<T>(tx, entity).insert(record))
          checkStorable(entity, record)
          const p = writable()
          if (read(p, entity, record.id) !== undefined) throw versionConflict(entity, record.id, undefined, undefined)
          writesOf(p, entity).set(record.id, toStored(record))
        },
        async update(record, expectedVersion) {
          if (pending === undefined) {
            return transaction((tx) => repositoryOf<T>(tx, entity).update(record, expectedVersion))
          }
          checkStorable(entity, record)
          const p = writable()
          const stored = read(p, entity, record.id)
          if (stored === undefined) throw recordNotFound(entity, record.id)
          if (stored.version !== expectedVersion) {
            throw versionConflict(entity, record.id, expectedVersion, stored.version)
          }
          writesOf(p, entity).set(record.id, toStored(record))
        },
      }
    }
    function keyed<T extends RecordBase>(entity: 'lead' | 'account' | 'contact'): DuplicateKeyRepository<T> {
      return {
        ...entityRepository<T>(entity),
        async findByDuplicateKey(key) {
          return lookup(pending, entity, [`d:${key}`]) as T[]
        },
        async findCandidates(keys) {
          return lookup(
            pending,
            entity,
            keys.map((key) => `d:${key}`),
          ) as T[]
        },
      }
    }
    const notes: NoteRepository = {
      ...entityRepository<Note>('note'),
      async listByRegarding(ref) {
        return lookup(pending, 'note', [`r:${refKey(ref)}`]) as Note[]
      },
      async listVisibleOn(ref) {
        return lookup(pending, 'note', [`v:${refKey(ref)}`]) as Note[]
      },
    }
    const timelineEntries: TimelineRepository = {
      ...entityRepository<TimelineEntry>('timelineEntry'),
      async listByRegarding(ref) {
        return lookup(pending, 'timelineEntry', [`r:${refKey(ref)}`]) as TimelineEntry[]
      },
    }
    const executedPlans: ExecutedPlanRepository = {
      async get(planId) {
        return pending?.plans.get(planId) ?? plans.get(planId)
      },
      async insert(result) {
        if (pending === undefined) return transaction((tx) => tx.executedPlans.insert(result))
        const p = writable()
        if (p.plans.has(result.planId) || plans.has(result.planId)) {
          throw versionConflict('executedPlan', result.planId, undefined, undefined)
        }
        p.plans.set(result.planId, toStored(result))
      },
    }
    return {
      leads: keyed('lead'),
      accounts: keyed('account'),
      contacts: keyed('contact'),
      opportunities: entityRepository('opportunity'),
      notes,
      timelineEntries,
      executedPlans,
    }
  }

  const outside = makeSet(undefined, () => false)
  return {
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
}

function repositoryOf<T extends RecordBase>(set: RepositorySet, entity: EntityName): EntityRepository<T> {
  return set[REPOSITORY_KEYS[entity]] as unknown as EntityRepository<T>
}
