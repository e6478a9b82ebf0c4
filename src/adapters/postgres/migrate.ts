import { schemaStatements, tableNames } from './schema.js'
import type { PostgresOptions, SqlClient } from './types.js'

/**
 * Creates the adapter's tables and indexes if they are missing, in one transaction: a table per entity (id primary
 * key, version, typed lookup columns, the record as JSONB), GIN indexes on duplicate keys and on the records a note
 * is visible on, and the executed-plans table. Safe to run at every start.
 *
 * @param client - a {@link SqlClient} (see `fromPg`, `fromPglite`)
 * @param options - `tablePrefix`, default `leadkit_`
 * @returns the schema version now in place
 * @example
 * await migrate(fromPglite(new PGlite())) //=> 1
 */
export async function migrate(client: SqlClient, options: Pick<PostgresOptions, 'tablePrefix'> = {}): Promise<number> {
  const tables = tableNames(options.tablePrefix)
  return client.transaction(async (tx) => {
    for (const statement of schemaStatements(tables)) await tx.query(statement)
    const { rows } = await tx.query<{ version: number }>(`SELECT max(version) AS version FROM ${tables.migration}`)
    return Number(rows[0]?.version ?? 0)
  })
}
