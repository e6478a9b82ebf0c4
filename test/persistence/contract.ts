// Turns the framework-agnostic repository contract (leadkit/persistence/testing) into vitest tests, so every
// backend runs the same checks: `runRepositoryContract('in-memory', (options) => createInMemoryRepositories(options))`.
import { it } from 'vitest'
import { repositoryContract, type CreateRepositories } from '../../src/persistence/testing/index.js'

export function runRepositoryContract(name: string, createRepositories: CreateRepositories): void {
  for (const check of repositoryContract) {
    it(check.name, async () => {
      const summary = await check.run(createRepositories)
      // The counts (faults injected, successes and conflicts) go to the output, next to the test name.
      if (summary) console.log(`${name} · ${check.name}: ${summary}`)
    })
  }
}
