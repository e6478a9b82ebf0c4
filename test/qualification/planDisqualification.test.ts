import { describe, expect, it } from 'vitest'
import { applyPatches } from '../../src/internal/immer.js'
import type { UpdateOperation } from '../../src/plan.js'
import { DISQUALIFY_REASONS, planDisqualification } from '../../src/qualification/planDisqualification.js'
import type { Lead } from '../../src/records/types.js'
import { NOW, makeLead, makeNote } from '../support/qualification.js'

describe('planDisqualification', () => {
  it.each(DISQUALIFY_REASONS.map((r) => [r]))('disqualifies an open lead as %s, keeping its notes', (reason) => {
    const lead = makeLead()
    const notes = [makeNote('n1'), makeNote('n2')]
    const plan = planDisqualification(lead, reason, { now: NOW, notes })
    expect(plan.status).toBe('ready')
    expect(plan.operations).toHaveLength(1)
    const update = plan.operations[0] as UpdateOperation
    expect(update).toMatchObject({ op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 3 })
    const after = applyPatches(lead, update.patches as never) as Lead
    expect(after).toMatchObject({ state: 'disqualified', statusReason: reason, closedOn: NOW })
    expect({ ...after, state: lead.state, statusReason: lead.statusReason, closedOn: undefined, modifiedOn: lead.modifiedOn }).toEqual({ ...lead, closedOn: undefined })
    expect(plan.notesKept).toEqual(['n1', 'n2'])
    expect(plan.reads).toEqual([
      { entity: 'lead', id: 'lead-1', version: 3 },
      { entity: 'note', id: 'n1', version: 1 },
      { entity: 'note', id: 'n2', version: 1 },
    ])
  })

  it('is blocked when an opportunity is associated with the lead', () => {
    const message = "You can disqualify a lead only if there's no opportunity associated with that lead."
    expect(planDisqualification(makeLead(), 'lost', { now: NOW, hasOpportunity: true }).blockers).toEqual([{ code: 'opportunity_associated', message }])
    const reactivated = makeLead({ qualifyingOpportunityId: 'opp-1' })
    const plan = planDisqualification(reactivated, 'lost', { now: NOW })
    expect(plan.status).toBe('blocked')
    expect(plan.operations).toEqual([])
  })

  it('is blocked for a closed lead and for a user without a sales role', () => {
    const closed = planDisqualification(makeLead({ state: 'disqualified', statusReason: 'lost' }), 'canceled', { now: NOW })
    expect(closed.blockers.map((b) => b.code)).toEqual(['lead_closed'])
    expect(planDisqualification(makeLead(), 'lost', { now: NOW, userRoles: ['Basic User'] }).blockers.map((b) => b.code)).toEqual(['sales_role_required'])
  })

  it('rejects a reason that is not a disqualification reason', () => {
    expect(() => planDisqualification(makeLead(), 'qualified' as never, { now: NOW })).toThrow(
      expect.objectContaining({ code: 'invalid_value', path: ['statusReason'] }),
    )
  })

  it('requires now for a ready plan only', () => {
    expect(() => planDisqualification(makeLead(), 'lost')).toThrow(expect.objectContaining({ code: 'required', path: ['context', 'now'] }))
    expect(planDisqualification(makeLead(), 'lost', { hasOpportunity: true }).status).toBe('blocked')
  })

  it('is deterministic, frozen and JSON-safe', () => {
    const a = planDisqualification(makeLead(), 'lost', { now: NOW })
    expect(planDisqualification(makeLead(), 'lost', { now: NOW })).toEqual(a)
    expect(planDisqualification(makeLead(), 'canceled', { now: NOW }).id).not.toBe(a.id)
    expect(Object.isFrozen(a.operations)).toBe(true)
    expect(JSON.parse(JSON.stringify(a))).toEqual(a)
  })
})
