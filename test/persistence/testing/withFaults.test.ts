import { describe, expect, it } from 'vitest'
import { createInMemoryRepositories } from '../../../src/persistence/createInMemoryRepositories.js'
import { withFaults } from '../../../src/persistence/testing/index.js'
import { fixtureAccount, fixtureLead } from '../../support/persistencePlans.js'

describe('withFaults', () => {
  it('counts every insert and update, inside and outside transactions, and fails the listed positions', async () => {
    const repositories = createInMemoryRepositories()
    const faulty = withFaults(repositories, { failAt: [2, 4] })
    await faulty.leads.insert(fixtureLead('lead-1'))
    await expect(faulty.accounts.insert(fixtureAccount('account-1'))).rejects.toThrow('injected fault at write 2')
    await faulty.transaction(async (tx) => {
      await tx.leads.update({ ...fixtureLead('lead-1'), version: 2 }, 1)
      await expect(tx.accounts.insert(fixtureAccount('account-2'))).rejects.toThrow('injected fault at write 4')
    })
    expect(faulty.writes).toBe(4)
    expect(faulty.faultsInjected).toBe(2)
    expect(Object.keys(repositories.snapshot().account)).toEqual([])
    expect(repositories.snapshot().lead['lead-1']?.version).toBe(2)
  })

  it('lets reads through without counting them, and throws the error the caller chooses', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(fixtureLead('lead-1'))
    const marker = { reason: 'disk full' }
    const faulty = withFaults(repositories, { failAt: 1, error: () => marker })
    expect((await faulty.leads.get('lead-1'))?.id).toBe('lead-1')
    expect(await faulty.leads.getMany(['lead-1', 'x'])).toHaveLength(1)
    expect(faulty.writes).toBe(0)
    await expect(faulty.executedPlans.insert({} as never)).rejects.toBe(marker)
  })
})
