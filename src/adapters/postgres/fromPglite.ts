import type { SqlClient, SqlResult } from './types.js'

/**
 * What the adapter uses of a PGlite instance (`@electric-sql/pglite`), so PGlite stays a type-free, optional peer.
 *
 * @example
 * const db: PgliteLike = new PGlite()
 */
export interface PgliteLike {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
  transaction<T>(fn: (tx: { query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>): Promise<T>
}

/**
 * Wraps a PGlite database (a real PostgreSQL compiled to WebAssembly, in-process) as a {@link SqlClient}.
 * PGlite runs one transaction at a time, so concurrent plans queue instead of interleaving.
 *
 * @param db - a `new PGlite()` instance (in-memory or on disk)
 * @returns a client for {@link migrate} and {@link createPostgresRepositories}
 * @example
 * import { PGlite } from '@electric-sql/pglite'
 * const client = fromPglite(new PGlite())
 * await client.query('SELECT 1 AS one') //=> { rows: [{ one: 1 }] }
 */
export function fromPglite(db: PgliteLike): SqlClient {
  return {
    query: <R>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> =>
      db.query<R>(text, params === undefined ? undefined : [...params]),
    transaction: (fn) =>
      db.transaction((tx) => {
        const inner: SqlClient = {
          query: <R>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> =>
            tx.query<R>(text, params === undefined ? undefined : [...params]),
          // A transaction inside a transaction joins it: PostgreSQL has no nested BEGIN.
          transaction: (nested) => nested(inner),
        }
        return fn(inner)
      }),
  }
}
