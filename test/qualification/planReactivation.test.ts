import { describe, expect, it } from 'vitest'
import { applyPatches } from '../../src/internal/immer.js'
import type { UpdateOperation } from '../../src/plan.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import { planReactivation } from '../../src/qualification/planReactivation.js'
import type { Lead } from '../../src/records/types.js'
import { ALL_AUTOMATIC, NOW, makeLead, makeNote } from '../support/qualification.js'

describe('planReactivation', () => {
  it('reopens a disqualified lead as New, clears closedOn and keeps its notes', () => {
    const lead = makeLead({ state: 'disqualified', statusReason: 'cannot-contact', closedOn: '2026-01-05T10:00:00.000Z' })
    const plan = planReactivation(lead, { now: NOW, notes: [makeNote('n1')] })
    expect(plan.status).toBe('ready')
    const update = plan.operations[0] as UpdateOperation
    expect(update.patches).toEqual([
      { op: 'replace', path: ['state'], value: 'open' },
      { op: 'replace', path: ['statusReason'], value: 'new' },
      { op: 'remove', path: ['closedOn'] },
      { op: 'replace', path: ['modifiedOn'], value: NOW },
    ])
    const after = applyPatches(lead, update.patches as never) as Lead
    expect(after.closedOn).toBeUndefined()
    expect('closedOn' in after).toBe(false)
    expect(plan.notesKept).toEqual(['n1'])
  })

  it('reopens a qualified lead so it can be qualified again', () => {
    const lead = makeLead({ state: 'qualified', statusReason: 'qualified', closedOn: NOW, qualifyingOpportunityId: 'opp-1' })
    const update = planReactivation(lead).operations[0] as UpdateOperation
    const reopened = applyPatches(lead, update.patches as never) as Lead
    expect(reopened.qualifyingOpportunityId).toBe('opp-1')
    expect(planQualification({ ...reopened, version: 4 }, ALL_AUTOMATIC(), {}, { now: NOW }).status).toBe('ready')
  })

  it('needs no now, and stamps modifiedOn only when given one', () => {
    const lead = makeLead({ state: 'disqualified', statusReason: 'lost' })
    expect((planReactivation(lead).operations[0] as UpdateOperation).patches.map((p) => p.path[0])).toEqual(['state', 'statusReason'])
  })

  it('is blocked for an open lead', () => {
    const plan = planReactivation(makeLead())
    expect(plan.status).toBe('blocked')
    expect(plan.blockers).toEqual([{ code: 'lead_open', message: 'Only a qualified or disqualified lead can be reactivated; this lead is open.', path: ['lead', 'state'] }])
  })

  it('does not mutate the lead', () => {
    const lead = makeLead({ state: 'disqualified', statusReason: 'lost', closedOn: NOW })
    const copy = structuredClone(lead)
    planReactivation(lead, { now: NOW })
    expect(lead).toEqual(copy)
  })
})
