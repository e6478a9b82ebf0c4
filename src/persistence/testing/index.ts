// leadkit/persistence/testing: what an adapter author tests a repository implementation with. It is its own entry
// so that the runtime `leadkit/persistence` never loads the contract, the fault injector or the fixtures.

// The repository contract: the named checks every implementation of `Repositories` passes.
export { repositoryContract } from './repositoryContract.js'
export type { ContractCheck, CreateRepositories } from './repositoryContract.js'

// Fault injection: make chosen writes fail to prove a caller leaves nothing behind.
export { withFaults } from './withFaults.js'
export type { FaultOptions, FaultyRepositories } from './withFaults.js'

// Fixtures: the records and hand-built plans the contract runs on.
export {
  FIXTURE_CREATED_ON,
  FIXTURE_NOW,
  fixtureAccount,
  fixtureDisqualificationPlan,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureMergePlan,
  fixtureNote,
  fixtureQualificationInput,
  fixtureQualificationPlan,
  fixtureReactivationPlan,
  fixtureTimelineEntry,
  seedMergeFixture,
  seedQualificationFixture,
} from './fixtures.js'
export type { QualificationFixture } from './fixtures.js'
