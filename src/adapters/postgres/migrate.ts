import { LeadkitError } from '../../errors.js'
import { asLeadkitError, describe, requireObject } from '../../internal/validate.js'
import { MIGRATION_LOCK, schemaStatements, tableNames } from './schema.js'
import type { PostgresOptions, SqlClient } from './types.js'

/**
 * Creates the adapter's tables and indexes if they are missing, in one transaction: a table per entity (id primary
 * key, version, typed lookup columns, the record as JSONB), GIN indexes on duplicate keys and on the records a note
 * is visible on, and the executed-plans table. Safe to run at every start, from several processes at once: concurrent
 * migrations wait for each other on an advisory lock.
 *
 * @param client - a {@link SqlClient} (see `fromPg`, `fromPglite`)
 * @param options - `tablePrefix`, default `leadkit_`
 * @returns the schema version now in place
 * @example
 * await migrate(fromPglite(new PGlite())) //=> 1
 */
export async function migrate(client: SqlClient, options: Pick<PostgresOptions, 'tablePrefix'> = {}): Promise<number> {
  requireObject(client, ['client'], 'migrate')
  requireObject(options, ['options'], 'migrate')
  let tablePrefix: unknown
  let transactional = false
  try {
    tablePrefix = options.tablePrefix
    transactional = typeof client.transaction === 'function'
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
  if (!transactional) {
    const message =
      `migrate needs client to be a SqlClient with transaction(), e.g. fromPg(pool) (got ${describe(client)})`
    throw new LeadkitError({ code: 'invalid_type', path: ['client', 'transaction'], message })
  }
  const tables = tableNames(tablePrefix as string | undefined)
  return client.transaction(async (tx) => {
    // Hosts migrate at start, so several instances often do it at once. PostgreSQL's CREATE … IF NOT EXISTS is not
    // safe against a concurrent creation of the same table (a duplicate-key error on pg_type), so migrations take
    // turns on a transaction-level advisory lock, released at COMMIT or ROLLBACK.
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`)
    for (const statement of schemaStatements(tables)) await tx.query(statement)
    const { rows } = await tx.query<{ version: number }>(`SELECT max(version) AS version FROM ${tables.migration}`)
    return Number(rows[0]?.version ?? 0)
  })
}
