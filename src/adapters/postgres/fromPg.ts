import { LeadkitError } from '../../errors.js'
import { asLeadkitError, describe, requireObject } from '../../internal/validate.js'
import type { SqlClient, SqlResult } from './types.js'

function transactionEnded(text: string): LeadkitError {
  return new LeadkitError({
    code: 'write_failed',
    path: [],
    message: `a query was sent through a transaction that has already ended (${text.slice(0, 40)}); run it inside the transaction's function, or through the client itself`,
  })
}

/**
 * What the adapter uses of a `pg` connection (a `Client` or a pooled client).
 *
 * @example
 * const connection: PgQueryable = new pg.Client()
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/**
 * What the adapter uses of a connection checked out of a `pg` `Pool`: queries, `release`, and the `error` event, which
 * it listens to while it holds the connection.
 *
 * @example
 * const connection: PgPooledConnection = await new pg.Pool().connect()
 */
export interface PgPooledConnection extends PgQueryable {
  release(error?: Error | boolean): void
  on?(event: 'error', listener: (error: Error) => void): unknown
  removeListener?(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * What the adapter uses of a `pg` `Pool`.
 *
 * @example
 * const pool: PgPoolLike = new pg.Pool()
 */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgPooledConnection>
}

function isPool(value: PgQueryable | PgPoolLike): value is PgPoolLike {
  return typeof (value as { totalCount?: unknown }).totalCount === 'number'
}

// `onBroken` hears of a failure that leaves the connection in a state nobody knows: BEGIN, COMMIT or ROLLBACK
// failing. When `fn` throws and ROLLBACK succeeds, the connection is clean and fit to reuse.
async function inTransaction<T>(
  connection: PgQueryable,
  fn: (client: SqlClient) => Promise<T>,
  onBroken: (error: unknown) => void = () => {},
): Promise<T> {
  // Once the transaction has ended, its connection may be back in the pool and serving someone else's transaction:
  // a query sent through a `tx` kept too long is refused rather than run there.
  let open = true
  const inner: SqlClient = {
    query: <R>(text: string, params?: readonly unknown[]) =>
      open
        ? (connection.query(text, params === undefined ? undefined : [...params]) as Promise<SqlResult<R>>)
        : Promise.reject(transactionEnded(text)),
    // A transaction inside a transaction joins it: PostgreSQL has no nested BEGIN.
    transaction: (nested) => nested(inner),
  }
  await connection.query('BEGIN').catch((error: unknown) => {
    open = false
    onBroken(error)
    throw error
  })
  let result: T
  try {
    result = await fn(inner)
  } catch (error) {
    open = false
    try {
      await connection.query('ROLLBACK')
    } catch (rollbackError) {
      // The connection is gone (the server dropped it, the network failed): PostgreSQL has already discarded the
      // transaction. The caller gets fn's error, unchanged, not the ROLLBACK's.
      onBroken(rollbackError)
    }
    throw error
  }
  open = false
  await connection.query('COMMIT').catch((error: unknown) => {
    onBroken(error)
    throw error
  })
  return result
}

/**
 * Wraps a `pg` `Pool` or `Client` as a {@link SqlClient}. With a Pool, each transaction takes its own connection
 * (`BEGIN … COMMIT`, `ROLLBACK` on error), so transactions run in parallel and PostgreSQL's row locks and version
 * checks decide who wins. With a single Client, transactions and queries take turns on that one connection.
 *
 * @param pg - a `new pg.Pool(…)` or a connected `new pg.Client(…)`
 * @returns a client for {@link migrate} and {@link createPostgresRepositories}
 * @example
 * import pg from 'pg'
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 * await migrate(client) //=> 1
 */
export function fromPg(pg: PgQueryable | PgPoolLike): SqlClient {
  requireObject(pg, ['pg'], 'fromPg')
  let queryable = false
  try {
    queryable = typeof pg.query === 'function'
    isPool(pg)
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['pg'])
  }
  if (!queryable) {
    const message = `fromPg needs pg to be a pg Pool or a connected pg Client, with query() (got ${describe(pg)})`
    throw new LeadkitError({ code: 'invalid_type', path: ['pg', 'query'], message })
  }
  if (isPool(pg)) {
    return {
      query: <R>(text: string, params?: readonly unknown[]) =>
        pg.query(text, params === undefined ? undefined : [...params]) as Promise<SqlResult<R>>,
      async transaction(fn) {
        const connection = await pg.connect()
        // A pooled connection the server drops while it is checked out emits `error`; without a listener that is an
        // uncaught exception that ends the host's process. Kept, it makes the pool discard the connection.
        let broken: Error | undefined
        const onError = (error: Error): void => {
          broken ??= error
        }
        connection.on?.('error', onError)
        try {
          return await inTransaction(connection, fn, (error) => {
            broken ??= error instanceof Error ? error : new Error(String(error))
          })
        } finally {
          connection.removeListener?.('error', onError)
          // Released with an error, the pool drops the connection rather than reuse one whose state is unknown; a
          // transaction that failed and rolled back cleanly (a version conflict, say) leaves it fit to reuse.
          connection.release(broken)
        }
      },
    }
  }
  // One connection: a query sent while a transaction is open would run inside it, so everything takes turns.
  let tail: Promise<unknown> = Promise.resolve()
  const turn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work)
    tail = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }
  return {
    query: <R>(text: string, params?: readonly unknown[]) =>
      turn(() => pg.query(text, params === undefined ? undefined : [...params]) as Promise<SqlResult<R>>),
    transaction: (fn) => turn(() => inTransaction(pg, fn)),
  }
}
