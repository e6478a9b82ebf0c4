import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../../../src/internal/immer.js'
import { createInMemoryRepositories } from '../../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../../src/persistence/executePlan.js'
import { NOT_NOW, syncTransactionOf } from '../../../src/persistence/internal/syncTransaction.js'
import type { Repositories } from '../../../src/persistence/types.js'
import { withFaults } from '../../../src/persistence/testing/index.js'
import {
  FIXTURE_NOW,
  fixtureDisqualificationPlan,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureMergePlan,
  fixtureReactivationPlan,
  seedMergeFixture,
  seedQualification,
} from '../../support/persistencePlans.js'

describe('the synchronous in-memory path of executePlan', () => {
  it('is offered only by the repositories object that registered it', () => {
    const repositories = createInMemoryRepositories()
    expect(syncTransactionOf(repositories)).toBeTypeOf('function')
    // A wrapper or a copy may change what a write does, so it must never be bypassed.
    expect(syncTransactionOf(withFaults(repositories))).toBeUndefined()
    expect(syncTransactionOf({ ...repositories })).toBeUndefined()
    const replaced: Repositories = createInMemoryRepositories()
    const original = replaced.transaction
    ;(replaced as { transaction: Repositories['transaction'] }).transaction = (fn) => original(fn)
    expect(syncTransactionOf(replaced)).toBeUndefined()
  })

  it('gives the same results, errors and store as the async path, for every kind of plan', async () => {
    async function scenario(direct: boolean) {
      const store = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
      // A copy made with spread has no synchronous runner, so it takes the async path over the same store.
      const repositories: Repositories = direct ? store : { ...store }
      expect(syncTransactionOf(repositories) !== undefined).toBe(direct)
      const outcomes: unknown[] = []
      const run = async (promise: Promise<unknown>) => {
        try {
          outcomes.push(await promise)
        } catch (error) {
          outcomes.push({ rejected: error })
        }
      }
      const { input, plan } = await seedQualification(repositories, '1')
      await run(executePlan(plan, repositories, { now: FIXTURE_NOW }))
      await run(executePlan(plan, repositories, { now: FIXTURE_NOW }))
      await run(executePlan(fixtureDisqualificationPlan(input.lead), repositories, { now: FIXTURE_NOW }))
      const lead = fixtureLead('lead-2')
      await repositories.leads.insert(lead)
      await run(executePlan(fixtureDisqualificationPlan(lead), repositories, { now: FIXTURE_NOW }))
      const closed = await repositories.leads.get('lead-2')
      await run(executePlan(fixtureReactivationPlan(closed as typeof lead), repositories))
      const { master, subordinate, note, plan: merge } = await seedMergeFixture(repositories)
      await run(executePlan(merge, repositories, { now: FIXTURE_NOW }))
      await run(executePlan(fixtureMergePlan(master, subordinate, note, 'merge-again'), repositories))
      return { outcomes, snapshot: store.snapshot() }
    }
    const direct = await scenario(true)
    const queued = await scenario(false)
    expect(direct.outcomes).toHaveLength(7)
    expect(direct.outcomes).toEqual(queued.outcomes)
    // The refused plans fail the same way: the stale disqualification at its read, the repeated merge at its read.
    expect(direct.outcomes[2]).toMatchObject({ rejected: { code: 'conflict', path: ['reads', 0] } })
    expect(direct.outcomes[6]).toMatchObject({ rejected: { code: 'conflict', path: ['reads', 1] } })
    expect(direct.outcomes[1]).toMatchObject({ alreadyExecuted: true })
    expect(direct.snapshot).toEqual(queued.snapshot)
  })

  it('waits behind an open transaction instead of jumping the queue', async () => {
    const repositories = createInMemoryRepositories()
    const { input, plan } = await seedQualification(repositories, '1')
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    // The open transaction closes the lead; a plan started meanwhile must see that and fail, not slip in before it.
    const closing = repositories.transaction(async (tx) => {
      await gate
      await tx.leads.update({ ...input.lead, version: 2, state: 'disqualified' }, 1)
    })
    expect(syncTransactionOf(repositories)?.(() => 'ran')).toBe(NOT_NOW)
    const executing = executePlan(plan, repositories, { now: FIXTURE_NOW })
    release()
    await closing
    await expect(executing).rejects.toMatchObject({ code: 'conflict', path: ['reads', 0] })
    expect(repositories.snapshot().account).toEqual({})
    expect(syncTransactionOf(repositories)?.(() => 'ran')).toBe('ran')
  })

  it('rolls back a synchronous transaction that throws and keeps the store usable', () => {
    const repositories = createInMemoryRepositories()
    const run = syncTransactionOf(repositories)
    expect(run).toBeDefined()
    expect(() =>
      run?.((tx) => {
        tx.leads.insert(deepFreeze(fixtureLead('lead-1')))
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(repositories.snapshot().lead).toEqual({})
    run?.((tx) => tx.leads.insert(deepFreeze(fixtureLead('lead-1'))))
    expect(Object.keys(repositories.snapshot().lead)).toEqual(['lead-1'])
  })
})
