import { afterAll, beforeAll, describe, it } from 'vitest'
import { repositoryContract } from '../../src/persistence/contract.js'
import { createPgliteHarness, type PgliteHarness } from '../support/persistencePostgres.js'

describe('repository contract: PostgreSQL (PGlite)', () => {
  let harness: PgliteHarness
  beforeAll(async () => {
    harness = await createPgliteHarness()
  }, 60_000)
  afterAll(async () => {
    await harness.close()
  })

  for (const check of repositoryContract) {
    it(check.name, async () => {
      const summary = await check.run((options) => harness.fresh(options))
      if (summary) console.log(`postgres · ${check.name}: ${summary}`)
    })
  }
})
