import { describe, it } from 'vitest'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { repositoryContract } from '../../src/persistence/contract.js'

describe('repository contract: in-memory', () => {
  for (const check of repositoryContract) {
    it(check.name, async () => {
      const summary = await check.run((options) => createInMemoryRepositories(options))
      if (summary) console.log(`in-memory · ${check.name}: ${summary}`)
    })
  }
})
