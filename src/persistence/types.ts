/**
 * Repository interfaces: how leadkit reads and writes records through a host's store. Every method is async so a
 * database, a remote API or the in-memory default can stand behind them. Records handed out are frozen.
 */
import type { AnyDuplicateRule } from '../duplicates/types.js'
import type { LeadkitErrorCode } from '../errors.js'
import type { PlanKind } from '../plan.js'
import type {
  Account,
  Contact,
  EntityRef,
  Lead,
  Note,
  Opportunity,
  RecordBase,
  TimelineEntry,
} from '../records/types.js'
import type { QualificationSettings } from '../settings/types.js'

/**
 * Options of a read that is about to be followed by writes.
 *
 * @example
 * await tx.leads.getMany(['lead-1'], { forUpdate: true }) //=> [lead] (locked until the transaction ends)
 */
export interface ReadOptions {
  /**
   * Lock the rows until the transaction ends (`SELECT … FOR UPDATE`), so nobody changes them between this read and
   * the writes that depend on it. Stores that run transactions one at a time may ignore it.
   */
  readonly forUpdate?: boolean
}

/**
 * Reads and writes of one table. Writes check what a database would check: `insert` refuses an id that exists,
 * `update` refuses a record whose stored version is not `expectedVersion`.
 *
 * @example
 * await repositories.accounts.insert(account)
 * await repositories.accounts.get(account.id) //=> account (frozen)
 */
export interface EntityRepository<T extends RecordBase> {
  /** The record with this id, or `undefined`. */
  get(id: string): Promise<T | undefined>
  /** The records with these ids that exist, in the order of `ids` (missing ids are left out). */
  getMany(ids: readonly string[], options?: ReadOptions): Promise<readonly T[]>
  /** Stores a new record; an existing id is a `conflict` `LeadkitError`. */
  insert(record: T): Promise<void>
  /**
   * Replaces a stored record; the stored version must be `expectedVersion` (else `conflict`) and the record must
   * exist (else `not_found`). The caller sets the new `version` (normally `expectedVersion + 1`).
   */
  update(record: T, expectedVersion: number): Promise<void>
}

/**
 * A table whose records duplicate detection looks up by key (normalised email, E.164 phone, company-name key…).
 * Keys are strings computed by {@link RepositoryOptions.duplicateKeys}; a store indexes them.
 *
 * @example
 * await repositories.leads.findByDuplicateKey('email:ada@example.com') //=> [lead]
 */
export interface DuplicateKeyRepository<T extends RecordBase> extends EntityRepository<T> {
  /** Records that have this duplicate key, in id order. */
  findByDuplicateKey(key: string): Promise<readonly T[]>
  /** Records that have at least one of these keys, each once, in id order. */
  findCandidates(keys: readonly string[]): Promise<readonly T[]>
}

/**
 * Notes, with lookups by the record they belong to and by the records whose timeline shows them.
 *
 * @example
 * await repositories.notes.listVisibleOn({ entity: 'opportunity', id: 'opp-1' }) //=> [note]
 */
export interface NoteRepository extends EntityRepository<Note> {
  /** Notes whose `regarding` is `ref`, in id order. */
  listByRegarding(ref: EntityRef): Promise<readonly Note[]>
  /** Notes whose `visibleOn` contains `ref`, in id order. */
  listVisibleOn(ref: EntityRef): Promise<readonly Note[]>
}

/**
 * Timeline entries, with the lookup by the record they belong to.
 *
 * @example
 * await repositories.timelineEntries.listByRegarding({ entity: 'lead', id: 'lead-1' }) //=> [entry]
 */
export interface TimelineRepository extends EntityRepository<TimelineEntry> {
  /** Entries whose `regarding` is `ref`, in id order. */
  listByRegarding(ref: EntityRef): Promise<readonly TimelineEntry[]>
}

/**
 * The results of executed plans, by plan id, so executing a plan twice is detected.
 *
 * @example
 * (await repositories.executedPlans.get(plan.id))?.created.account //=> 'account-1'
 */
export interface ExecutedPlanRepository {
  /** The stored result of the plan with this id, or `undefined`. */
  get(planId: string): Promise<PlanExecutionResult | undefined>
  /** Stores a result; a plan id that exists is a `conflict` `LeadkitError`. */
  insert(result: PlanExecutionResult): Promise<void>
}

/**
 * Every repository, as one transaction (or the store outside any transaction) sees them.
 *
 * @example
 * await repositories.transaction(async (tx: RepositorySet) => tx.leads.get('lead-1')) //=> lead
 */
export interface RepositorySet {
  readonly leads: DuplicateKeyRepository<Lead>
  readonly accounts: DuplicateKeyRepository<Account>
  readonly contacts: DuplicateKeyRepository<Contact>
  readonly opportunities: EntityRepository<Opportunity>
  readonly notes: NoteRepository
  readonly timelineEntries: TimelineRepository
  readonly executedPlans: ExecutedPlanRepository
}

/**
 * The repositories plus a unit of work. Calls on the set itself commit one by one; inside `transaction(fn)`
 * everything `fn` does through its `tx` commits when `fn` resolves and rolls back when it throws.
 *
 * @example
 * await repositories.transaction(async (tx) => {
 *   await tx.accounts.insert(account)
 *   await tx.contacts.insert(contact)
 * }) // both stored, or neither
 */
export interface Repositories extends RepositorySet {
  transaction<R>(fn: (tx: RepositorySet) => Promise<R>): Promise<R>
}

/**
 * The record types repositories file under duplicate keys, by entity.
 *
 * @example
 * const account: DuplicateKeyedRecords['account'] = contoso
 */
export interface DuplicateKeyedRecords {
  /** Leads, filed under the keys of the rules whose matching records are leads. */
  readonly lead: Lead
  /** Accounts, filed under the keys of the rules whose matching records are accounts. */
  readonly account: Account
  /** Contacts, filed under the keys of the rules whose matching records are contacts. */
  readonly contact: Contact
}

/**
 * The entities whose records repositories file under duplicate keys.
 *
 * @example
 * const entity: DuplicateKeyedEntity = 'contact'
 */
export type DuplicateKeyedEntity = keyof DuplicateKeyedRecords

/**
 * Record types by keyed entity that a {@link DuplicateKeysFunction} reads: each is a `RecordBase` or more.
 *
 * @example
 * const anyRecord: DuplicateKeysRecordTypes = { lead: lead, account: account, contact: contact }
 */
export type DuplicateKeysRecordTypes = { readonly [E in DuplicateKeyedEntity]: RecordBase }

/**
 * The duplicate keys of a record, as strings (e.g. `email:ada@example.com`, `phone:+14255550100`). Generic over
 * the record types it reads: by default any record (`RecordBase`) of each entity, as before; with
 * {@link DuplicateKeyedRecords} each entity's own type (a lead's `email`, an account's `name`), which is what
 * `duplicateKeysFromRules` returns and what repositories accept. A function of the default kind is also one of the
 * typed kind (it reads less).
 *
 * @example
 * const duplicateKeys: DuplicateKeysFunction = (_entity, record) => ['email:' + String(record.extra?.email)]
 * const typed: DuplicateKeysFunction<DuplicateKeyedRecords> = (entity, record) =>
 *   entity === 'account' ? ['name:' + (record as Account).name] : []
 */
export type DuplicateKeysFunction<Records extends DuplicateKeysRecordTypes = DuplicateKeysRecordTypes> = <
  E extends DuplicateKeyedEntity,
>(
  entity: E,
  record: Records[E],
) => readonly string[]

/**
 * Where repositories get their duplicate keys when the host passes no key function: the organisation's parsed
 * settings (their published rules; the built-in rules of a record type that has none; none when detection is off)
 * or a list of rules. See `duplicateKeysFromRules`.
 *
 * @example
 * const rules: DuplicateKeyRules = settings // or [parseDuplicateRule(sameEmail)]
 */
export type DuplicateKeyRules = QualificationSettings | readonly AnyDuplicateRule[]

/**
 * Options every repository implementation accepts.
 *
 * @example
 * createInMemoryRepositories({ duplicateRules: settings })
 * createInMemoryRepositories({ duplicateKeys: (_entity, record) => [`id:${record.id}`] })
 */
export interface RepositoryOptions {
  /**
   * Computes the duplicate keys a lead, account or contact is indexed by. When left out, the keys come from the
   * duplicate rules (`duplicateRules`, by default the built-in rules) through `duplicateKeysFromRules`, so
   * `findCandidates` finds every record a rule could match. A function given here wins.
   */
  readonly duplicateKeys?: DuplicateKeysFunction<DuplicateKeyedRecords>
  /**
   * The rules the default keys come from when `duplicateKeys` is left out: parsed settings or a list of rules.
   * Default: the built-in rules (`DEFAULT_QUALIFICATION_SETTINGS`). Use the settings you qualify with, so the
   * candidates the store finds are the records those rules compare. Rules that name your own normalisers need their
   * registry: pass `duplicateKeys: duplicateKeysFromRules(settings, { registry })` instead.
   */
  readonly duplicateRules?: DuplicateKeyRules
}

/**
 * What an executed plan created, by kind of record, like the product's QualifyLead `CreatedEntities`.
 *
 * @example
 * result.created //=> { account: 'a-1', contact: 'c-1', opportunities: ['o-1'], leads: [], notes: [], timelineEntries: [], all: [...] }
 */
export interface CreatedEntities {
  /** The (first) account created. */
  readonly account?: string
  /** The (first) contact created. */
  readonly contact?: string
  readonly opportunities: readonly string[]
  readonly leads: readonly string[]
  readonly notes: readonly string[]
  readonly timelineEntries: readonly string[]
  /** Every created record in plan order. */
  readonly all: readonly EntityRef[]
}

/**
 * A record an executed plan changed, with its version after the change.
 *
 * @example
 * result.updated //=> [{ entity: 'lead', id: 'lead-1', version: 2 }]
 */
export interface UpdatedRecord extends EntityRef {
  readonly version: number
}

/**
 * What executing a plan wrote. Stored under the plan id: executing the same plan again returns this with
 * `alreadyExecuted: true` and writes nothing.
 *
 * @example
 * (await executePlan(plan, repositories)).alreadyExecuted //=> false
 */
export interface PlanExecutionResult {
  readonly planId: string
  readonly kind: PlanKind
  readonly created: CreatedEntities
  readonly updated: readonly UpdatedRecord[]
  readonly linked: readonly EntityRef[]
  /** `true` when the plan had been executed before and nothing was written this time. */
  readonly alreadyExecuted: boolean
}

/**
 * Options of {@link executePlan} and {@link executeBulk}.
 *
 * @example
 * await executePlan(plan, repositories, { now: '2026-03-01T09:30:00.000Z' })
 */
export interface ExecutePlanOptions {
  /**
   * ISO instant written as `modifiedOn` of every updated record. Without it, an update keeps the `modifiedOn` its
   * patches set (planners that know the time put it in their patches) or the record had.
   */
  readonly now?: string
}

/**
 * The outcome of one plan of {@link executeBulk}.
 *
 * @example
 * (await executeBulk([plan], repositories))[0] //=> { planId: plan.id, ok: true, result: { … } }
 */
export type BulkItemResult =
  | { readonly planId: string; readonly ok: true; readonly result: PlanExecutionResult }
  | {
      readonly planId: string
      readonly ok: false
      readonly error: { readonly code: LeadkitErrorCode; readonly message: string }
    }

