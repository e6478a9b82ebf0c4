// Repositories, the in-memory default and plan execution. The repository contract, fault injection and fixtures are
// in `leadkit/persistence/testing`, so this runtime entry never loads them.
export { createInMemoryRepositories } from './createInMemoryRepositories.js'
export type { InMemoryRepositories, RepositorySnapshot } from './createInMemoryRepositories.js'
export { executePlan } from './executePlan.js'
export { executeBulk } from './executeBulk.js'
export { repositoryFor, REPOSITORY_KEYS } from './repositoryFor.js'
export { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
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
