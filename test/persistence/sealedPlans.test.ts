// Planners seal the ready plans they make (checked once, deeply frozen), so executePlan does not walk them again;
// anything else (a plan read back from JSON, a copy, a plan built by hand) is checked in full. Issue 17 asked that
// nothing get slower: this is how the planner path pays no second check, and these tests pin its safety.
import { describe, expect, it } from 'vitest'
import { planMerge } from '../../src/duplicates/index.js'
import { isSealedPlan, sealPlan } from '../../src/internal/checkPlan.js'
import { deepFreeze } from '../../src/internal/immer.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import type { PlanBase } from '../../src/plan.js'
import { planDisqualification, planQualification, planReactivation } from '../../src/qualification/index.js'
import { DEFAULT_QUALIFICATION_SETTINGS } from '../../src/settings/index.js'
import { FIXTURE_NOW, fixtureAccount, fixtureQualificationInput, fixtureQualificationPlan } from '../support/persistencePlans.js'
import { REQUEST } from '../support/realPlannerScenarios.js'

function everyPlannerPlan(): PlanBase[] {
  const { lead, notes } = fixtureQualificationInput('sealed')
  const context = { now: FIXTURE_NOW, notes }
  const qualified = { ...lead, state: 'qualified', statusReason: 'qualified' } as const
  return [
    planQualification(lead, DEFAULT_QUALIFICATION_SETTINGS, REQUEST, context),
    planDisqualification(lead, 'lost', context),
    planReactivation(qualified, context),
    planMerge(fixtureAccount('account-a'), fixtureAccount('account-b'), { now: FIXTURE_NOW }),
  ]
}

/** Every object reachable from `value`, for checking that all of them are frozen. */
function objectsIn(value: unknown, found: object[] = []): object[] {
  if (value === null || typeof value !== 'object') return found
  found.push(value)
  for (const inner of Object.values(value)) objectsIn(inner, found)
  return found
}

describe('sealed plans', () => {
  it('every planner seals the ready plans it makes, and each one is deeply frozen', () => {
    const plans = everyPlannerPlan()
    expect(plans.map((plan) => plan.status)).toEqual(['ready', 'ready', 'ready', 'ready'])
    for (const plan of plans) {
      expect(isSealedPlan(plan), plan.kind).toBe(true)
      // What the executor reads (reads, operations, their records and patches) can no longer change.
      const reachable = [plan, ...objectsIn(plan.reads), ...objectsIn(plan.operations)]
      expect(reachable.length).toBeGreaterThan(5)
      expect(reachable.filter((object) => !Object.isFrozen(object))).toEqual([])
    }
  })

  it('a copy, a JSON round trip or a hand-built plan is not sealed', () => {
    const [plan] = everyPlannerPlan() as [PlanBase]
    expect(isSealedPlan({ ...plan })).toBe(false)
    expect(isSealedPlan(JSON.parse(JSON.stringify(plan)))).toBe(false)
    expect(isSealedPlan(deepFreeze(fixtureQualificationPlan(fixtureQualificationInput('hand'))))).toBe(false)
    expect(isSealedPlan(null)).toBe(false)
    expect(isSealedPlan('plan')).toBe(false)
  })

  it('a plan that is not ready, not frozen, or fails the check is left unsealed', () => {
    const { lead, notes } = fixtureQualificationInput('blocked')
    const blocked = planDisqualification({ ...lead, state: 'disqualified', statusReason: 'lost' }, 'lost', { now: FIXTURE_NOW, notes })
    expect(blocked.status).not.toBe('ready')
    expect(isSealedPlan(blocked)).toBe(false)
    const valid = fixtureQualificationPlan(fixtureQualificationInput('valid'))
    expect(isSealedPlan(sealPlan(valid))).toBe(false) // not frozen: it could still change
    const tampered = deepFreeze({ ...valid, operations: [{ op: 'drop', entity: 'lead', id: 'lead-valid' }] })
    expect(isSealedPlan(sealPlan(tampered as unknown as PlanBase))).toBe(false)
    expect(isSealedPlan(sealPlan(deepFreeze(fixtureQualificationPlan(fixtureQualificationInput('valid')))))).toBe(true)
  })

  it('a tampered JSON copy of a sealed plan is still refused with its path, and nothing is written', async () => {
    const [plan] = everyPlannerPlan() as [PlanBase]
    const copy = JSON.parse(JSON.stringify(plan)) as { operations: { op: string }[] }
    ;(copy.operations[0] as { op: string }).op = 'drop'
    const repositories = createInMemoryRepositories()
    const before = repositories.snapshot()
    await expect(executePlan(copy as unknown as PlanBase, repositories, { now: FIXTURE_NOW })).rejects.toMatchObject({
      code: 'invalid_value',
      path: ['operations', 0, 'op'],
    })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('a sealed plan and its JSON copy execute to the same result', async () => {
    for (const plan of everyPlannerPlan()) {
      const results = []
      for (const candidate of [plan, JSON.parse(JSON.stringify(plan)) as PlanBase]) {
        const { lead, notes } = fixtureQualificationInput('sealed')
        const repositories = createInMemoryRepositories()
        await repositories.transaction(async (tx) => {
          if (plan.kind === 'merge') {
            await tx.accounts.insert(fixtureAccount('account-a'))
            await tx.accounts.insert(fixtureAccount('account-b'))
            return
          }
          await tx.leads.insert(plan.kind === 'reactivation' ? { ...lead, state: 'qualified', statusReason: 'qualified' } : lead)
          for (const note of notes) await tx.notes.insert(note)
        })
        results.push(await executePlan(candidate, repositories, { now: FIXTURE_NOW }))
      }
      expect(results[1], plan.kind).toEqual(results[0])
    }
  })
})
