import { afterAll, beforeAll, describe } from 'vitest'
import { runRepositoryContract } from '../persistence/contract.js'
import { createPgliteHarness, type PgliteHarness } from '../support/persistencePostgres.js'

describe('repository contract: PostgreSQL (PGlite)', () => {
  let harness: PgliteHarness
  beforeAll(async () => {
    harness = await createPgliteHarness()
  }, 60_000)
  afterAll(async () => {
    await harness.close()
  })

  runRepositoryContract('postgres', (options) => harness.fresh(options))
})
