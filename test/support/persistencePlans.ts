// Hand-built plans in the shape the planners produce, so persistence is tested without waiting for them.
import type { PlanBase } from '../../src/plan.js'
import type { Lead } from '../../src/records/types.js'
import {
  fixtureQualificationInput,
  fixtureQualificationPlan,
  type QualificationFixture,
} from '../../src/persistence/contractFixtures.js'
import type { Repositories } from '../../src/persistence/types.js'

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
  fixtureTimelineEntry,
} from '../../src/persistence/contractFixtures.js'

/** Stores a lead and its two notes and returns the qualification plan made from them. */
export async function seedQualification(
  repositories: Repositories,
  suffix: string,
): Promise<{ readonly input: QualificationFixture; readonly plan: PlanBase }> {
  const input = fixtureQualificationInput(suffix)
  await repositories.transaction(async (tx) => {
    await tx.leads.insert(input.lead)
    for (const note of input.notes) await tx.notes.insert(note)
  })
  return { input, plan: fixtureQualificationPlan(input) }
}

/** A reactivation-like plan: reopens a disqualified lead. */
export function fixtureReactivationPlan(lead: Lead, planId = `reactivate-${lead.id}`): PlanBase {
  return {
    id: planId,
    kind: 'reactivation',
    status: 'ready',
    reads: [{ entity: 'lead', id: lead.id, version: lead.version }],
    operations: [
      {
        op: 'update',
        entity: 'lead',
        id: lead.id,
        expectedVersion: lead.version,
        patches: [
          { op: 'replace', path: ['state'], value: 'open' },
          { op: 'replace', path: ['statusReason'], value: 'new' },
          { op: 'remove', path: ['closedOn'] },
        ],
      },
    ],
    blockers: [],
  }
}

/** Number of writes a qualification fixture plan makes: its creates and updates, plus the executed-plan record. */
export function writesOf(plan: PlanBase): number {
  return plan.operations.filter((operation) => operation.op !== 'link').length + 1
}
