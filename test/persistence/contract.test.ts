import { describe } from 'vitest'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { runRepositoryContract } from './contract.js'

describe('repository contract: in-memory', () => {
  runRepositoryContract('in-memory', (options) => createInMemoryRepositories(options))
})
