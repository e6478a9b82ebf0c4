// Issue 16, item 4: the ids leadkit makes are RFC 4122 GUIDs. Planners stay pure, so by default an id is the
// name-based (version-5) GUID of the seed it was named by before; `newId` makes them any other way.
import { describe, expect, it } from 'vitest'
import { planMerge } from '../../src/duplicates/planMerge.js'
import { nameBasedGuid } from '../../src/internal/nameBasedGuid.js'
import type { PlanBase } from '../../src/plan.js'
import { planBulkQualification } from '../../src/qualification/planBulkQualification.js'
import { planDisqualification } from '../../src/qualification/planDisqualification.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import { planReactivation } from '../../src/qualification/planReactivation.js'
import type { QualificationPlan } from '../../src/qualification/types.js'
import type { Account } from '../../src/records/types.js'
import { trainScoringModel } from '../../src/scoring/index.js'
import { closedLeads, NOW as SCORING_NOW } from '../support/scoringLeads.js'
import { ALL_SELLER, NOW, generateLeads, makeLead, makeNote, plannedId, settingsOf } from '../support/qualification.js'

/** Version 5 in the version nibble, RFC 4122's variant (binary 10xx) in the next group. */
const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

// Everything of a plan that is an id the planner made: the plan's, the created records', and where they are named.
function madeIds(plan: QualificationPlan): string[] {
  const created = plan.operations.filter((o) => o.op === 'create').map((o) => o.id)
  const { accountId, contactId, opportunityIds } = plan.entities
  return [plan.id, ...created, ...[accountId, contactId, ...opportunityIds].filter((id) => id !== undefined)]
}

// Automatic account and contact, two opportunities picked by the seller, and the summary card's timeline entries.
const SETTINGS = settingsOf({
  recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'seller' },
  allowMultipleOpportunities: true,
  summarizeLead: true,
})
const REQUEST = { opportunities: [{ topic: 'Coffee machines' }, { topic: 'Service contract' }] }
const plan = (lead = makeLead(), context = {}): QualificationPlan =>
  planQualification(lead, SETTINGS, REQUEST, { now: NOW, notes: [makeNote('n1', lead.id)], ...context })

describe('default ids', () => {
  it('are RFC 4122 version-5 GUIDs: the plan, account, contact, opportunities and timeline entries', () => {
    const qualified = plan()
    expect(qualified.status).toBe('ready')
    const entities = qualified.operations.filter((o) => o.op === 'create').map((o) => o.entity)
    expect(entities).toEqual(['account', 'contact', 'opportunity', 'opportunity', 'timelineEntry', 'timelineEntry'])
    for (const id of madeIds(qualified)) expect(id).toMatch(V5)
  })

  it("are the name-based GUIDs of '<lead id>:v<version>:<entity>:<index>'", () => {
    const created = plan().operations.filter((o) => o.op === 'create')
    expect(created.map((o) => o.id)).toEqual([
      plannedId('account'),
      plannedId('contact'),
      plannedId('opportunity', 1),
      plannedId('opportunity', 2),
      plannedId('timelineEntry', 1),
      plannedId('timelineEntry', 2),
    ])
    expect(plannedId('account')).toBe(nameBasedGuid('lead-1:v3:account:1'))
  })

  it('are the same for the same lead, settings and context, so a retried plan creates nothing twice', () => {
    expect(plan()).toEqual(plan())
    expect(madeIds(plan())).toEqual(madeIds(plan()))
  })

  it('differ for another lead or another version of the same lead', () => {
    const base = madeIds(plan())
    for (const other of [makeLead({ id: 'lead-2' }), makeLead({ version: 4 })]) {
      const ids = madeIds(plan(other))
      for (const id of ids) expect(base).not.toContain(id)
    }
  })

  it('make no two equal ids across a bulk plan of 5,000 seeded leads', () => {
    const leads = generateLeads(5_000, 16)
    const settings = settingsOf({ summarizeLead: true, recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' } })
    const bulk = planBulkQualification(leads, settings, undefined, { now: NOW })
    expect(bulk.counts.ready).toBe(5_000)
    const plans = bulk.results.map((result) => (result.status === 'invalid' ? undefined : result.plan))
    const ids = new Set<string>()
    let count = 0
    for (const planned of plans) {
      for (const id of madeIds(planned as QualificationPlan)) {
        expect(id).toMatch(V5)
        ids.add(id)
        count++
      }
    }
    // Each plan names its account, contact and opportunity twice (created and in `entities`).
    const distinct = plans.reduce((n, p) => n + new Set(madeIds(p as QualificationPlan)).size, 0)
    expect(count).toBeGreaterThan(distinct)
    expect(ids.size).toBe(distinct)
  })

  it('are GUIDs for disqualification, reactivation and merge plans too, the same for the same input', () => {
    const lead = makeLead()
    const disqualified = planDisqualification(lead, 'no-longer-interested', { now: NOW })
    expect(disqualified.id).toMatch(V5)
    expect(planDisqualification(lead, 'no-longer-interested', { now: NOW }).id).toBe(disqualified.id)
    expect(planDisqualification(lead, 'lost', { now: NOW }).id).not.toBe(disqualified.id)
    const closed = { ...lead, state: 'disqualified' as const, statusReason: 'lost' as const, closedOn: NOW }
    const reactivated = planReactivation(closed, { now: NOW })
    expect(reactivated.id).toMatch(V5)
    expect(reactivated.id).not.toBe(disqualified.id)

    const account = (id: string, version = 1): Account => ({
      id,
      version,
      createdOn: NOW,
      modifiedOn: NOW,
      name: 'Contoso',
      state: 'active',
    }) as Account
    const merge = (master: Account, subordinate: Account): PlanBase => planMerge(master, subordinate, { now: NOW }) as PlanBase
    const merged = merge(account('a1'), account('a2'))
    expect(merged.id).toMatch(V5)
    expect(merge(account('a1'), account('a2')).id).toBe(merged.id)
    expect(merge(account('a1'), account('a2', 2)).id).not.toBe(merged.id)
  })

  it('is a GUID for a trained scoring model too, the same for the same history', () => {
    const model = trainScoringModel(closedLeads(40, 40), { now: SCORING_NOW, acceptWeakModel: true })
    expect(model.id).toMatch(V5)
    expect(trainScoringModel(closedLeads(40, 40), { now: SCORING_NOW, acceptWeakModel: true }).id).toBe(model.id)
  })
})

describe('a custom newId', () => {
  it('makes every record id of the plan, and nothing keeps a default id', () => {
    const calls: string[] = []
    const newId = (entity: string, index: number): string => {
      calls.push(`${entity}:${index}`)
      return `custom-${entity}-${index}`
    }
    const qualified = plan(makeLead(), { newId })
    const created = qualified.operations.filter((o) => o.op === 'create')
    expect(created.map((o) => o.id)).toEqual([
      'custom-account-1',
      'custom-contact-1',
      'custom-opportunity-1',
      'custom-opportunity-2',
      'custom-timelineEntry-1',
      'custom-timelineEntry-2',
    ])
    expect(calls).toEqual(['account:1', 'contact:1', 'opportunity:1', 'opportunity:2', 'timelineEntry:1', 'timelineEntry:2'])
    expect(qualified.entities).toMatchObject({
      accountId: 'custom-account-1',
      contactId: 'custom-contact-1',
      opportunityIds: ['custom-opportunity-1', 'custom-opportunity-2'],
      primaryOpportunityId: 'custom-opportunity-1',
    })
    // Wherever the plan names a created record (links, the lead's update, the notes shown on the opportunity).
    const text = JSON.stringify(qualified.operations)
    for (const entity of ['account', 'contact', 'opportunity', 'timelineEntry']) {
      for (let index = 1; index <= 2; index++) expect(text).not.toContain(plannedId(entity, index))
    }
  })

  it('gives random version-4 GUIDs with crypto.randomUUID', () => {
    const qualified = plan(makeLead(), { newId: () => crypto.randomUUID() })
    const created = qualified.operations.filter((o) => o.op === 'create').map((o) => o.id)
    for (const id of created) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(created).size).toBe(created.length)
  })

  it('keeps the ids of records the seller chose, which the plan does not create', () => {
    const request = { account: { action: 'existing' as const, id: 'acc-3' }, contact: { action: 'create' as const } }
    const settings = ALL_SELLER()
    const qualified = planQualification(makeLead(), settings, { ...request, opportunity: { action: 'none' } }, {
      now: NOW,
      newId: (entity) => `custom-${entity}`,
    })
    expect(qualified.entities.accountId).toBe('acc-3')
    expect(qualified.entities.contactId).toBe('custom-contact')
  })
})
