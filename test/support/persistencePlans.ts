// The fixtures are public in leadkit/persistence/testing (the repository contract runs on them); tests take them
// from there, plus the write count the failure-injection tests iterate over.
import type { PlanBase } from '../../src/plan.js'

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
  seedQualificationFixture as seedQualification,
} from '../../src/persistence/testing/index.js'

/** Number of writes a qualification fixture plan makes: its creates and updates, plus the executed-plan record. */
export function writesOf(plan: PlanBase): number {
  return plan.operations.filter((operation) => operation.op !== 'link').length + 1
}
