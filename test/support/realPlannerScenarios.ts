// Scenarios that run the real planners (src/qualification, src/duplicates) through executePlan unchanged, for any
// backend: the in-memory store and PGlite in test/persistence/realPlanners.test.ts, a PostgreSQL server in
// test/adapters/postgres.server.test.ts.
import { expect } from 'vitest'
import { planMerge } from '../../src/duplicates/index.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import type { Repositories } from '../../src/persistence/types.js'
import { planDisqualification, planQualification, planReactivation } from '../../src/qualification/index.js'
import type { Lead } from '../../src/records/types.js'
import { DEFAULT_QUALIFICATION_SETTINGS } from '../../src/settings/index.js'
import { FIXTURE_NOW, fixtureAccount, fixtureNote, fixtureQualificationInput } from './persistencePlans.js'

/** A request that creates an account, a contact and one opportunity: what the scenarios qualify with. */
export const REQUEST = {
  account: { action: 'create' },
  contact: { action: 'create' },
  opportunity: { action: 'create' },
  opportunities: [{ topic: 'Pilot' }],
} as const

/** Qualifies a lead with planQualification, loses the stale disqualification, retries, reactivates. */
export async function qualifyDisqualifyReactivate(repositories: Repositories): Promise<void> {
  const { lead, notes } = fixtureQualificationInput('real')
  await repositories.transaction(async (tx) => {
    await tx.leads.insert(lead)
    for (const note of notes) await tx.notes.insert(note)
  })
  const stored = await repositories.notes.listByRegarding({ entity: 'lead', id: lead.id })
  const qualification = planQualification(lead, DEFAULT_QUALIFICATION_SETTINGS, REQUEST, { now: FIXTURE_NOW, notes: stored })
  expect(qualification.status).toBe('ready')
  // A disqualification planned from the same lead version loses once the qualification is stored.
  const disqualification = planDisqualification(lead, 'lost', { now: FIXTURE_NOW, notes: stored })
  const result = await executePlan(qualification, repositories, { now: FIXTURE_NOW })
  expect(result.created.account).toBeDefined()
  expect(result.created.contact).toBeDefined()
  expect(result.created.opportunities).toHaveLength(1)
  const qualified = (await repositories.leads.get(lead.id)) as Lead
  expect(qualified).toMatchObject({ state: 'qualified', version: 2, qualifyingOpportunityId: result.created.opportunities[0] })
  const opportunity = { entity: 'opportunity' as const, id: result.created.opportunities[0] as string }
  expect((await repositories.notes.listVisibleOn(opportunity)).map((note) => note.id)).toEqual(notes.map((note) => note.id))
  await expect(executePlan(disqualification, repositories)).rejects.toMatchObject({ code: 'conflict' })
  expect((await executePlan(qualification, repositories)).alreadyExecuted).toBe(true)

  const current = await repositories.notes.listByRegarding({ entity: 'lead', id: lead.id })
  const reactivation = planReactivation(qualified, { now: '2026-03-04T00:00:00.000Z', notes: current })
  // The product reactivates qualified leads too: the lead reopens and moves on by one version.
  expect(reactivation.status).toBe('ready')
  await executePlan(reactivation, repositories, { now: '2026-03-04T00:00:00.000Z' })
  expect(await repositories.leads.get(lead.id)).toMatchObject({ state: 'open', version: 3, modifiedOn: '2026-03-04T00:00:00.000Z' })
}

/** Merges two accounts with planMerge and moves the subordinate's note to the master. */
export async function mergeAccounts(repositories: Repositories): Promise<void> {
  const master = fixtureAccount('account-master', { website: 'https://engines.example' })
  const subordinate = fixtureAccount('account-sub', { phone: '+14255550100', email: 'old@engines.example' })
  const note = fixtureNote('note-sub', { entity: 'account', id: subordinate.id })
  await repositories.transaction(async (tx) => {
    await tx.accounts.insert(master)
    await tx.accounts.insert(subordinate)
    await tx.notes.insert(note)
  })
  const plan = planMerge(master, subordinate, { now: FIXTURE_NOW, notes: [note] })
  expect(plan.status).toBe('ready')
  const result = await executePlan(plan, repositories, { now: FIXTURE_NOW })
  expect(result.updated.map((record) => record.id).sort()).toEqual(['account-master', 'account-sub', 'note-sub'])
  expect(await repositories.accounts.get('account-sub')).toMatchObject({ state: 'inactive', masterId: 'account-master', version: 2 })
  expect(await repositories.accounts.get('account-master')).toMatchObject({ phone: '+14255550100', website: 'https://engines.example' })
  expect((await repositories.notes.listByRegarding({ entity: 'account', id: 'account-master' })).map((n) => n.id)).toEqual(['note-sub'])
  // Executing the same merge again (a retried request) writes nothing.
  expect((await executePlan(plan, repositories)).alreadyExecuted).toBe(true)
}
