import type { SqlClient, SqlResult } from './types.js'

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
 * What the adapter uses of a `pg` `Pool`.
 *
 * @example
 * const pool: PgPoolLike = new pg.Pool()
 */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>
}

function isPool(value: PgQueryable | PgPoolLike): value is PgPoolLike {
  return typeof (value as { totalCount?: unknown }).totalCount === 'number'
}

async function inTransaction<T>(connection: PgQueryable, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const inner: SqlClient = {
    query: <R>(text: string, params?: readonly unknown[]) =>
      connection.query(text, params === undefined ? undefined : [...params]) as Promise<SqlResult<R>>,
    // A transaction inside a transaction joins it: PostgreSQL has no nested BEGIN.
    transaction: (nested) => nested(inner),
  }
  await connection.query('BEGIN')
  try {
    const result = await fn(inner)
    await connection.query('COMMIT')
    return result
  } catch (error) {
    await connection.query('ROLLBACK')
    throw error
  }
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
  if (isPool(pg)) {
    return {
      query: <R>(text: string, params?: readonly unknown[]) =>
        pg.query(text, params === undefined ? undefined : [...params]) as Promise<SqlResult<R>>,
      async transaction(fn) {
        const connection = await pg.connect()
        let failure: Error | undefined
        try {
          return await inTransaction(connection, fn)
        } catch (error) {
          // A connection whose ROLLBACK failed may be broken; releasing it with the error makes the pool drop it.
          failure = error instanceof Error ? error : undefined
          throw error
        } finally {
          connection.release(failure)
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
