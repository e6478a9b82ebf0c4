/**
 * The synchronous fast path of the in-memory repositories. A store that lives in memory can run a whole
 * transaction without giving the event loop a turn, so plan execution need not pay one promise per read and
 * write. Internal to persistence: not exported from the folder's barrel, and only the repositories object that
 * registered a runner gets one (a wrapper such as `withFaults`, or a copy made with spread, takes the async path).
 */
import type { Repositories, RepositorySet } from '../types.js'

/**
 * A repository whose async methods return their value directly.
 *
 * @example
 * const get: Synchronous<EntityRepository<Lead>>['get'] = (id) => undefined //=> Lead | undefined, not a promise
 */
export type Synchronous<T> = {
  readonly [M in keyof T]: T[M] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[M]
}

/**
 * Every repository of a synchronous transaction. Inserts store a frozen copy (or the record itself when it is deeply
 * frozen already); updates and executed-plan results are stored as given, so a caller hands those in deeply frozen
 * (executePlan does: it builds them frozen).
 *
 * @example
 * const stored: PlanExecutionResult | undefined = tx.executedPlans.get('plan-1') // no await
 */
export type SyncRepositorySet = { readonly [K in keyof RepositorySet]: Synchronous<RepositorySet[K]> }

/**
 * Returned by a {@link SyncTransactionRunner} that cannot run now because an async transaction is open or queued;
 * the caller then queues behind it through `transaction(fn)`.
 *
 * @example
 * runner((tx) => tx.leads.get('lead-1')) === NOT_NOW //=> true while another transaction is open
 */
export const NOT_NOW: unique symbol = Symbol('leadkit.persistence.notNow')

/**
 * Runs `fn` as one transaction, at once: commits what it wrote when it returns, discards it when it throws.
 *
 * @example
 * runner((tx) => tx.leads.get('lead-1')) //=> lead (or NOT_NOW)
 */
export type SyncTransactionRunner = <R>(fn: (tx: SyncRepositorySet) => R) => R | typeof NOT_NOW

const RUNNERS = new WeakMap<object, { readonly transaction: unknown; readonly run: SyncTransactionRunner }>()

/**
 * Records that `repositories` can run transactions synchronously with `run`.
 *
 * @example
 * registerSyncTransaction(repositories, run) // executePlan(plan, repositories) now skips the per-write promises
 */
export function registerSyncTransaction(repositories: Repositories, run: SyncTransactionRunner): void {
  RUNNERS.set(repositories, { transaction: repositories.transaction, run })
}

/**
 * The synchronous runner of `repositories`, or `undefined` when it has none (every store but the in-memory one)
 * or when its `transaction` was replaced since, so a host's own wrapper is never bypassed.
 *
 * @example
 * syncTransactionOf(createInMemoryRepositories()) //=> a runner
 * syncTransactionOf(withFaults(createInMemoryRepositories())) //=> undefined
 */
export function syncTransactionOf(repositories: Repositories): SyncTransactionRunner | undefined {
  const entry = RUNNERS.get(repositories)
  return entry !== undefined && entry.transaction === repositories.transaction ? entry.run : undefined
}
