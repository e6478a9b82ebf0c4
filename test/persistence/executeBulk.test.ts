import { describe, expect, it } from 'vitest'
import type { PlanBase } from '../../src/plan.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executeBulk } from '../../src/persistence/executeBulk.js'
import { withFaults } from '../../src/persistence/testing/index.js'
import { FIXTURE_NOW, seedQualification, writesOf } from '../support/persistencePlans.js'

describe('executeBulk', () => {
  it('reports each plan on its own: ready, blocked, stale and store failure, in order', async () => {
    const repositories = createInMemoryRepositories()
    const plans: PlanBase[] = []
    for (const suffix of ['1', '2', '3', '4']) plans.push((await seedQualification(repositories, suffix)).plan)
    const [first, second, third, fourth] = plans as [PlanBase, PlanBase, PlanBase, PlanBase]
    const blocked: PlanBase = { ...second, status: 'blocked', operations: [], blockers: [{ code: 'lead_closed', message: 'closed' }] }
    const stale: PlanBase = { ...third, reads: [{ entity: 'lead', id: 'lead-3', version: 5 }] }
    // The fourth plan's 3rd write fails: writes are counted across the whole bulk run, and the first plan makes 10.
    const faulty = withFaults(repositories, { failAt: writesOf(first) + 3 })
    const before = repositories.snapshot()

    const outcomes = await executeBulk([first, blocked, stale, fourth, first], faulty, { now: FIXTURE_NOW })

    expect(outcomes.map((outcome) => [outcome.planId, outcome.ok ? 'ok' : outcome.error.code])).toEqual([
      ['qualify-lead-1', 'ok'],
      ['qualify-lead-2', 'plan_not_ready'],
      ['qualify-lead-3', 'conflict'],
      ['qualify-lead-4', 'write_failed'],
      ['qualify-lead-1', 'ok'],
    ])
    const last = outcomes[4]
    expect(last?.ok === true && last.result.alreadyExecuted).toBe(true)
    const failed = outcomes[3]
    expect(failed?.ok === false && failed.error.message).toContain('injected fault at write 13')
    const after = repositories.snapshot()
    expect(after.lead['lead-1']).toMatchObject({ state: 'qualified', version: 2 })
    for (const id of ['lead-2', 'lead-3', 'lead-4']) expect(after.lead[id]).toEqual(before.lead[id])
    expect(Object.keys(after.executedPlans)).toEqual(['qualify-lead-1'])
    expect(Object.keys(after.account)).toEqual(['account-lead-1'])
    expect(Object.isFrozen(outcomes)).toBe(true)
  })

  it('returns an empty list for no plans', async () => {
    expect(await executeBulk([], createInMemoryRepositories())).toEqual([])
  })

  it('does not mutate the plans array', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const plans = Object.freeze([plan])
    await executeBulk(plans, repositories)
    expect(plans).toEqual([plan])
  })
})
