// DuckDB and PGlite as the compiled-SQL tests use them: an in-memory database, a table of records loaded from JS
// values, and the executor runDuplicateSql takes.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { DuplicateSqlExecutor } from '../../src/sql/runDuplicateSql.js'

export interface TestEngine {
  readonly executor: DuplicateSqlExecutor
  rows(sql: string): Promise<unknown[][]>
  /** Creates `table` with text columns and loads the rows (undefined and null become NULL). */
  load(table: string, columns: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): Promise<void>
  close(): Promise<void>
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`
const literal = (value: string | null | undefined): string =>
  value === undefined || value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`

async function loadRows(
  run: (sql: string) => Promise<unknown>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly (string | null | undefined)[])[],
  text: string,
): Promise<void> {
  await run(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c)} ${text}`).join(', ')})`)
  for (let start = 0; start < rows.length; start += 500) {
    const values = rows.slice(start, start + 500).map((row) => `(${columns.map((_, i) => literal(row[i])).join(', ')})`)
    await run(`INSERT INTO ${ident(table)} VALUES ${values.join(', ')}`)
  }
}

export async function duckdbEngine(): Promise<TestEngine & { readonly connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
  const connection = await instance.connect()
  const rows = async (sql: string): Promise<unknown[][]> => (await connection.runAndReadAll(sql)).getRows()
  return {
    connection,
    executor: {
      run: (sql) => connection.run(sql),
      count: async (sql) => Number((await rows(sql))[0]?.[0] ?? 0),
    },
    rows,
    load: (table, columns, data) => loadRows((sql) => connection.run(sql), table, columns, data, 'VARCHAR'),
    close: async () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

export async function pgliteEngine(): Promise<TestEngine & { readonly pg: PGlite }> {
  const pg = new PGlite()
  const rows = async (sql: string): Promise<unknown[][]> =>
    (await pg.query<Record<string, unknown>>(sql)).rows.map((row) => Object.values(row))
  return {
    pg,
    executor: {
      run: (sql) => pg.exec(sql),
      count: async (sql) => Number((await rows(sql))[0]?.[0] ?? 0),
    },
    rows,
    // One JSON parameter instead of VALUES lists: PGlite parses a long INSERT slowly (a second per 500 rows).
    load: async (table, columns, data) => {
      await pg.exec(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c)} TEXT`).join(', ')})`)
      const json = JSON.stringify(data.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]))))
      await pg.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1)`, [json])
    },
    close: () => pg.close(),
  }
}

/**
 * A real PostgreSQL server (LEADKIT_PG_URL), in a schema of its own that is dropped at the end, so runs never
 * collide. One client: the schema is on its search path.
 */
export async function postgresServerEngine(url: string): Promise<TestEngine> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const schema = `leadkit_sql_${process.pid}_${Date.now()}`
  await client.query(`CREATE SCHEMA ${ident(schema)}`)
  await client.query(`SET search_path TO ${ident(schema)}`)
  const rows = async (sql: string): Promise<unknown[][]> =>
    (await client.query<Record<string, unknown>>(sql)).rows.map((row) => Object.values(row))
  return {
    executor: {
      run: (sql) => client.query(sql),
      count: async (sql) => Number((await rows(sql))[0]?.[0] ?? 0),
    },
    rows,
    load: async (table, columns, data) => {
      await client.query(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c)} TEXT`).join(', ')})`)
      const json = JSON.stringify(data.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]))))
      await client.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1)`, [json])
    },
    close: async () => {
      await client.query(`DROP SCHEMA ${ident(schema)} CASCADE`)
      await client.end()
    },
  }
}
