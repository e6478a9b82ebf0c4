// End to end: the plans this folder makes are applied as they are by the persistence executor.
import { describe, expect, it } from 'vitest'
import { createInMemoryRepositories, executePlan } from '../../src/persistence/index.js'
import { planDisqualification } from '../../src/qualification/planDisqualification.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import { planReactivation } from '../../src/qualification/planReactivation.js'
import { ALL_SELLER, NOW, makeLead, makeNote, plannedId } from '../support/qualification.js'

describe('executing qualification plans', () => {
  it('qualifies a lead into an account, a contact and two opportunities, keeping its note on the lead', async () => {
    const repositories = createInMemoryRepositories()
    const lead = makeLead()
    const note = makeNote('n1')
    await repositories.leads.insert(lead)
    await repositories.notes.insert(note)
    const plan = planQualification(
      lead,
      ALL_SELLER({ allowMultipleOpportunities: true, summarizeLead: true }),
      { account: { action: 'create' }, contact: { action: 'create' }, opportunities: [{ topic: 'A' }, { topic: 'B' }] },
      { now: NOW, notes: [note] },
    )
    await executePlan(plan, repositories)
    const stored = await repositories.leads.get('lead-1')
    expect(stored).toMatchObject({ state: 'qualified', statusReason: 'qualified', version: 4, qualifyingOpportunityId: plannedId('opportunity') })
    expect(await repositories.contacts.get(plannedId('contact'))).toMatchObject({ accountId: plannedId('account') })
    expect(await repositories.notes.get('n1')).toMatchObject({
      regarding: { entity: 'lead', id: 'lead-1' },
      visibleOn: [{ entity: 'opportunity', id: plannedId('opportunity') }],
    })
  })

  it('disqualifies and reactivates a lead', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(makeLead())
    await executePlan(planDisqualification(makeLead(), 'lost', { now: NOW }), repositories)
    const disqualified = await repositories.leads.get('lead-1')
    expect(disqualified).toMatchObject({ state: 'disqualified', statusReason: 'lost', closedOn: NOW })
    await executePlan(planReactivation(disqualified as never, { now: NOW }), repositories)
    const reopened = await repositories.leads.get('lead-1')
    expect(reopened).toMatchObject({ state: 'open', statusReason: 'new', version: 5 })
    expect(reopened?.closedOn).toBeUndefined()
  })
})
