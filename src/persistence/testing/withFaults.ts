import { LeadkitError } from '../../errors.js'
import { describe, requireObject } from '../../internal/validate.js'
import { guarded } from '../../internal/guarded.js'
import type { Repositories, RepositorySet } from '../types.js'

/**
 * Which writes {@link withFaults} makes fail.
 *
 * @example
 * withFaults(repositories, { failAt: [1, 3] }) // the first and third writes fail
 */
export interface FaultOptions {
  /** 1-based positions of the writes to fail, counted over every `insert` and `update` of every repository. */
  readonly failAt?: number | readonly number[]
  /** The error thrown at a failing write; by default a plain `Error` (what a broken store would throw). */
  readonly error?: (write: number) => unknown
}

/**
 * Repositories whose writes are counted and fail where asked.
 *
 * @example
 * const faulty: FaultyRepositories = withFaults(repositories, { failAt: 2 })
 * faulty.writes //=> 0
 */
export interface FaultyRepositories extends Repositories {
  /** Writes attempted so far (failed ones included). */
  readonly writes: number
  /** Faults injected so far. */
  readonly faultsInjected: number
}

const WRITES = new Set(['insert', 'update'])
const SET_KEYS = ['leads', 'accounts', 'contacts', 'opportunities', 'notes', 'timelineEntries', 'executedPlans'] as const

/**
 * Wraps repositories so chosen writes fail, to prove a caller leaves nothing behind when a store breaks mid-way.
 * Every `insert` and `update` (inside transactions or not, `executedPlans` included) is counted from 1; the writes
 * at `failAt` throw instead of reaching the store. Reads pass through untouched.
 *
 * @param repositories - any repositories (in-memory, PostgreSQL, a host's own)
 * @param options - `failAt`, the write positions that fail
 * @returns the wrapped repositories, with `writes` and `faultsInjected` counters
 * @example
 * const faulty = withFaults(repositories, { failAt: 3 })
 * await executePlan(plan, faulty) // throws write_failed at the third write, and nothing of the plan is stored
 * faulty.faultsInjected //=> 1
 */
export function withFaults(repositories: Repositories, options: FaultOptions = {}): FaultyRepositories {
  requireObject(repositories, ['repositories'], 'withFaults')
  requireObject(options, ['options'], 'withFaults')
  return guarded(() => faulty(repositories, options))
}

function faulty(repositories: Repositories, options: FaultOptions): FaultyRepositories {
  const given: unknown = options.failAt
  if (given !== undefined && typeof given !== 'number' && !Array.isArray(given)) {
    const message = `withFaults needs options.failAt to be a write position or a list of them (got ${describe(given)})`
    throw new LeadkitError({ code: 'invalid_type', path: ['options', 'failAt'], message })
  }
  const failAt = new Set(typeof options.failAt === 'number' ? [options.failAt] : (options.failAt ?? []))
  let writes = 0
  let faultsInjected = 0

  function wrapRepository<T extends object>(repository: T): T {
    return new Proxy(repository, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown
        if (typeof value !== 'function') return value
        if (typeof property !== 'string' || !WRITES.has(property)) return value.bind(target)
        return (...args: unknown[]) => {
          writes += 1
          if (failAt.has(writes)) {
            faultsInjected += 1
            const error = options.error?.(writes) ?? new Error(`injected fault at write ${writes}`)
            return Promise.reject(error)
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
  }

  function wrapSet(set: RepositorySet): RepositorySet {
    const wrapped: Record<string, unknown> = {}
    for (const key of SET_KEYS) wrapped[key] = wrapRepository(set[key])
    return wrapped as unknown as RepositorySet
  }

  const outer = wrapSet(repositories)
  return {
    ...outer,
    transaction: (fn) => repositories.transaction((tx) => fn(wrapSet(tx))),
    get writes() {
      return writes
    },
    get faultsInjected() {
      return faultsInjected
    },
  }
}
