// PostgreSQL harnesses for the adapter's tests: one PGlite database per test file (it takes a while to start), or a
// real server reached through a `pg.Pool` when LEADKIT_PG_URL is set. Either is emptied between tests.
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { createPostgresRepositories } from '../../src/adapters/postgres/createPostgresRepositories.js'
import { fromPg } from '../../src/adapters/postgres/fromPg.js'
import { fromPglite } from '../../src/adapters/postgres/fromPglite.js'
import { migrate } from '../../src/adapters/postgres/migrate.js'
import { tableNames, type TableNames } from '../../src/adapters/postgres/schema.js'
import type { SqlClient } from '../../src/adapters/postgres/types.js'
import type { Repositories, RepositoryOptions } from '../../src/persistence/types.js'

/** What every harness offers: a migrated SQL client and fresh repositories on emptied tables. */
export interface SqlHarness {
  readonly client: SqlClient
  readonly tablePrefix: string
  readonly tables: TableNames
  /** Empties every table and returns fresh repositories on them. */
  fresh(options?: RepositoryOptions): Promise<Repositories>
  close(): Promise<void>
}

export interface PgliteHarness extends SqlHarness {
  readonly db: PGlite
}

export interface ServerHarness extends SqlHarness {
  readonly pool: pg.Pool
  /**
   * The most connections checked out of the pool at once since the last `fresh()` (or `resetPeak()`): at least 2
   * while two transactions really run side by side on the server.
   */
  readonly peakCheckedOut: number
  resetPeak(): void
}

function dataTables(tables: TableNames): string[] {
  return [tables.lead, tables.account, tables.contact, tables.opportunity, tables.note, tables.timelineEntry, tables.executedPlan]
}

async function migrated(
  client: SqlClient,
  tablePrefix: string,
  close: () => Promise<void>,
  onFresh: () => Promise<void> | void = () => {},
): Promise<SqlHarness> {
  await migrate(client, { tablePrefix })
  const tables = tableNames(tablePrefix)
  return {
    client,
    tablePrefix,
    tables,
    async fresh(options = {}) {
      await client.query(`TRUNCATE ${dataTables(tables).join(', ')}`)
      await onFresh()
      return createPostgresRepositories(client, { ...options, tablePrefix })
    },
    close,
  }
}

/**
 * A migrated PGlite database (in memory) with the adapter's tables under `tablePrefix`.
 *
 * @example
 * const harness = await createPgliteHarness()
 * const repositories = await harness.fresh({ duplicateKeys })
 */
export async function createPgliteHarness(tablePrefix = 'leadkit_'): Promise<PgliteHarness> {
  const db = new PGlite()
  const harness = await migrated(fromPglite(db), tablePrefix, () => db.close())
  return { ...harness, db }
}

/**
 * A table prefix no other run uses (at most 31 characters, as `tableNames` requires), so runs never collide.
 *
 * @example
 * uniqueTablePrefix() //=> 'lk_mwtncw30_cca96f_'
 */
export function uniqueTablePrefix(): string {
  return `lk_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`
}

/**
 * Connects a `pg.Pool` of `max` connections to a real PostgreSQL server, migrates tables under a prefix unique to
 * this run, and on `close()` drops them (migration table included) and ends the pool.
 *
 * @example
 * const harness = await createServerHarness('postgres://leadkit:leadkit@127.0.0.1:5432/leadkit', { max: 8 })
 * const repositories = await harness.fresh({ duplicateKeys })
 * await harness.close()
 */
export async function createServerHarness(
  connectionString: string,
  { tablePrefix = uniqueTablePrefix(), max = 8 }: { tablePrefix?: string; max?: number } = {},
): Promise<ServerHarness> {
  // idleTimeoutMillis 0 keeps idle connections open, so the pool stays warm for the whole file.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 0 })
  // An idle connection the server drops must not crash the test process; the next query reports the failure.
  pool.on('error', () => {})
  let peak = 0
  pool.on('acquire', () => {
    peak = Math.max(peak, pool.totalCount - pool.idleCount)
  })
  // Keep every connection open: on a cold pool the first of two "concurrent" transactions can commit before the
  // second one's connection is even established, and a race would silently run one after the other. A connection
  // that broke during a test (fromPg hands it back with the error, and the pool closes it) is replaced before the
  // next, so warm up before each test.
  const warm = async () => {
    const connections = await Promise.all(Array.from({ length: max }, () => pool.connect()))
    for (const connection of connections) connection.release()
  }
  await warm()
  const tables = tableNames(tablePrefix)
  const drop = async () => {
    try {
      await pool.query(`DROP TABLE IF EXISTS ${[...dataTables(tables), tables.migration].join(', ')}`)
    } finally {
      await pool.end()
    }
  }
  const harness = await migrated(fromPg(pool), tablePrefix, drop, async () => {
    await warm()
    peak = 0
  })
  return {
    ...harness,
    pool,
    get peakCheckedOut() {
      return peak
    },
    resetPeak() {
      peak = 0
    },
  }
}

function useHarness<H extends SqlHarness>(what: string, start: () => Promise<H>): () => H {
  let harness: H | undefined
  beforeAll(async () => {
    harness = await start()
  }, 60_000)
  afterAll(async () => {
    await harness?.close()
  })
  return () => {
    if (harness === undefined) throw new Error(`the ${what} harness is used before beforeAll started it`)
    return harness
  }
}

/**
 * Starts one PGlite harness before the tests of the calling `describe` and closes it after them; call the returned
 * function inside a test to get it.
 *
 * @example
 * const harness = usePgliteHarness()
 * it('stores', async () => { await (await harness().fresh()).leads.insert(lead) })
 */
export function usePgliteHarness(tablePrefix?: string): () => PgliteHarness {
  return useHarness('PGlite', () => createPgliteHarness(tablePrefix))
}

/**
 * Like `usePgliteHarness`, on the PostgreSQL server at `connectionString` (LEADKIT_PG_URL). Nothing connects until
 * the describe's tests run, so a describe skipped for want of a server costs nothing.
 *
 * @example
 * describe.skipIf(!process.env.LEADKIT_PG_URL)('on a server', () => {
 *   const harness = useServerHarness(process.env.LEADKIT_PG_URL, { max: 8 })
 *   runRepositoryContract('postgres-server', (options) => harness().fresh(options))
 * })
 */
export function useServerHarness(connectionString: string | undefined, options?: { max?: number }): () => ServerHarness {
  return useHarness('PostgreSQL server', () => {
    if (connectionString === undefined || connectionString === '') throw new Error('set LEADKIT_PG_URL to use the server harness')
    return createServerHarness(connectionString, options)
  })
}
