/**
 * The minimal SQL client the PostgreSQL adapter needs. `fromPg` and `fromPglite` make one out of a `pg` Pool or
 * Client and a PGlite instance; any driver that can run parameterised queries and transactions can be wrapped alike.
 */
import type { RepositoryOptions } from '../../persistence/types.js'

/**
 * The rows a query returned.
 *
 * @example
 * await client.query('SELECT 1 AS one') //=> { rows: [{ one: 1 }] }
 */
export interface SqlResult<R> {
  readonly rows: readonly R[]
}

/**
 * Runs parameterised SQL (`$1`, `$2`, …) and transactions. Inside `transaction(fn)`, every query through the client
 * `fn` receives belongs to one database transaction: committed when `fn` resolves, rolled back when it throws.
 *
 * @example
 * const client: SqlClient = fromPglite(new PGlite())
 * await client.query('SELECT 1 AS one') //=> { rows: [{ one: 1 }] }
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>
  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>
}

/**
 * Options of the PostgreSQL adapter and its migration.
 *
 * @example
 * createPostgresRepositories(client, { tablePrefix: 'crm_', duplicateKeys })
 */
export interface PostgresOptions extends RepositoryOptions {
  /** Prefix of every table name (lowercase letters, digits, `_`); default `leadkit_`. */
  readonly tablePrefix?: string
}
