import { describe } from 'vitest'
import { runRepositoryContract } from '../persistence/contract.js'
import { usePgliteHarness } from '../support/persistencePostgres.js'

describe('repository contract: PostgreSQL (PGlite)', () => {
  const harness = usePgliteHarness()
  runRepositoryContract('postgres', (options) => harness().fresh(options))
})
