// Issue 17: executePlan does not walk a sealed plan a second time. sealedPlans.test.ts proves a sealed plan and its
// JSON copy execute alike; this file proves the second walk is actually skipped (and still made for a copy), which
// no result could show. vi.mock spies on the executor's import of checkReadyPlan; sealPlan calls its own.
import { describe, expect, it, vi } from 'vitest'
import * as checkPlan from '../../src/internal/checkPlan.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import type { PlanBase } from '../../src/plan.js'
import { planDisqualification } from '../../src/qualification/index.js'
import { FIXTURE_NOW, fixtureQualificationInput } from '../support/persistencePlans.js'

vi.mock('../../src/internal/checkPlan.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/internal/checkPlan.js')>()
  return { ...original, checkReadyPlan: vi.fn(original.checkReadyPlan) }
})

async function seeded(name: string) {
  const { lead, notes } = fixtureQualificationInput(name)
  const repositories = createInMemoryRepositories()
  await repositories.transaction(async (tx) => {
    await tx.leads.insert(lead)
    for (const note of notes) await tx.notes.insert(note)
  })
  return { repositories, plan: planDisqualification(lead, 'lost', { now: FIXTURE_NOW, notes }) }
}

describe('sealed plans skip the executor’s second check', () => {
  it('executes a sealed plan without checkReadyPlan, and checks its JSON copy in full', async () => {
    const spy = vi.mocked(checkPlan.checkReadyPlan)
    const sealed = await seeded('skip')
    expect(checkPlan.isSealedPlan(sealed.plan)).toBe(true)
    spy.mockClear()
    await executePlan(sealed.plan, sealed.repositories, { now: FIXTURE_NOW })
    expect(spy).not.toHaveBeenCalled()

    const copied = await seeded('skip')
    const copy = JSON.parse(JSON.stringify(copied.plan)) as PlanBase
    spy.mockClear()
    await executePlan(copy, copied.repositories, { now: FIXTURE_NOW })
    expect(spy).toHaveBeenCalledTimes(1)
  })
})
