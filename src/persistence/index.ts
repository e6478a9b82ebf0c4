// Repositories, the in-memory default, plan execution and the errors an adapter throws. The repository contract,
// fault injection and fixtures are in `leadkit/persistence/testing`, so this runtime entry never loads them;
// repositoryFor and REPOSITORY_KEYS are internal (internal/repositoryFor.ts).
export { applyPlan, applyRecordPatches } from './applyPlan.js'
export type { ApplyPlanOptions, PlainRecords } from './applyPlan.js'
export { createInMemoryRepositories } from './createInMemoryRepositories.js'
export type { InMemoryRepositories, RepositorySnapshot } from './createInMemoryRepositories.js'
export { duplicateKeysFromRules } from './duplicateKeysFromRules.js'
export type { CandidateKeys, DuplicateKeysFromRulesOptions, RuleDuplicateKeys } from './duplicateKeysFromRules.js'
export { executePlan } from './executePlan.js'
export { executeBulk } from './executeBulk.js'
export { checkStorable, recordNotFound, versionConflict } from './repositoryErrors.js'
export type {
  BulkItemResult,
  CreatedEntities,
  DuplicateKeyedEntity,
  DuplicateKeyedRecords,
  DuplicateKeyRepository,
  DuplicateKeyRules,
  DuplicateKeysFunction,
  DuplicateKeysRecordTypes,
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
