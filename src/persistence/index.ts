// Repositories, the in-memory default, plan execution and the contract every repository implementation passes.
export { createInMemoryRepositories } from './createInMemoryRepositories.js'
export type { InMemoryRepositories, RepositorySnapshot } from './createInMemoryRepositories.js'
export { executePlan } from './executePlan.js'
export { executeBulk } from './executeBulk.js'
export { withFaults } from './withFaults.js'
export type { FaultOptions, FaultyRepositories } from './withFaults.js'
export { repositoryFor, REPOSITORY_KEYS } from './repositoryFor.js'
export { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
export { repositoryContract } from './contract.js'
export type { ContractCheck, CreateRepositories } from './contract.js'
export type {
  BulkItemResult,
  CreatedEntities,
  DuplicateKeyRepository,
  DuplicateKeysFunction,
  EntityRepository,
  ExecutedPlanRepository,
  ExecutePlanOptions,
  NoteRepository,
  PlanExecutionResult,
  ReadOptions,
  Repositories,
  RepositoryOptions,
  RepositorySet,
  TimelineRepository,
  UpdatedRecord,
} from './types.js'
