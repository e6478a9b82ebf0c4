// One PGlite database per test file (it takes a while to start), emptied between tests.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll } from 'vitest'
import { createPostgresRepositories } from '../../src/adapters/postgres/createPostgresRepositories.js'
import { fromPglite } from '../../src/adapters/postgres/fromPglite.js'
import { migrate } from '../../src/adapters/postgres/migrate.js'
import { tableNames } from '../../src/adapters/postgres/schema.js'
import type { SqlClient } from '../../src/adapters/postgres/types.js'
import type { Repositories, RepositoryOptions } from '../../src/persistence/types.js'

export interface PgliteHarness {
  readonly db: PGlite
  readonly client: SqlClient
  /** Empties every table and returns fresh repositories on them. */
  fresh(options?: RepositoryOptions): Promise<Repositories>
  close(): Promise<void>
}

export async function createPgliteHarness(tablePrefix = 'leadkit_'): Promise<PgliteHarness> {
  const db = new PGlite()
  const client = fromPglite(db)
  await migrate(client, { tablePrefix })
  const tables = tableNames(tablePrefix)
  const all = [tables.lead, tables.account, tables.contact, tables.opportunity, tables.note, tables.timelineEntry, tables.executedPlan]
  return {
    db,
    client,
    async fresh(options = {}) {
      await client.query(`TRUNCATE ${all.join(', ')}`)
      return createPostgresRepositories(client, { ...options, tablePrefix })
    },
    close: () => db.close(),
  }
}

/**
 * Starts one PGlite harness before the tests of the calling `describe` and closes it after them; call the returned
 * function inside a test to get it.
 */
export function usePgliteHarness(tablePrefix?: string): () => PgliteHarness {
  let harness: PgliteHarness | undefined
  beforeAll(async () => {
    harness = await createPgliteHarness(tablePrefix)
  }, 60_000)
  afterAll(async () => {
    await harness?.close()
  })
  return () => {
    if (harness === undefined) throw new Error('the PGlite harness is used before beforeAll started it')
    return harness
  }
}
