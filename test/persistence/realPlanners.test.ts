// The executor knows no planner: these tests run the planners of src/qualification through it unchanged.
import { describe, it } from 'vitest'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { usePgliteHarness } from '../support/persistencePostgres.js'
import { fixtureDuplicateKeys } from '../support/persistencePlans.js'
import { mergeAccounts, qualifyDisqualifyReactivate } from '../support/realPlannerScenarios.js'

describe('executePlan with the real planners', () => {
  it('in memory: qualifies, refuses the stale disqualification, is idempotent, reactivates', async () => {
    await qualifyDisqualifyReactivate(createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys }))
  })

  it('in memory: merges two accounts with planMerge and moves the note', async () => {
    await mergeAccounts(createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys }))
  })

  describe('on PostgreSQL (PGlite)', () => {
    const harness = usePgliteHarness()
    it('qualifies, refuses the stale disqualification, is idempotent, reactivates', async () => {
      await qualifyDisqualifyReactivate(await harness().fresh({ duplicateKeys: fixtureDuplicateKeys }))
    })
    it('merges two accounts with planMerge and moves the note', async () => {
      await mergeAccounts(await harness().fresh({ duplicateKeys: fixtureDuplicateKeys }))
    })
  })
})
