import { describe, expect, it } from 'vitest'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { QualificationRequest } from '../../src/qualification/types.js'
import { ALL_AUTOMATIC, ALL_SELLER, LEGACY_AUTO, NOW, makeLead, makeOpportunity } from '../support/qualification.js'

const CREATE_ALL: QualificationRequest = { account: { action: 'create' }, contact: { action: 'create' }, opportunity: { action: 'create' } }

describe('planQualification blockers', () => {
  it('lead_closed: a qualified or disqualified lead cannot be qualified', () => {
    for (const lead of [makeLead({ state: 'qualified', statusReason: 'qualified' }), makeLead({ state: 'disqualified', statusReason: 'lost' })]) {
      const plan = planQualification(lead, LEGACY_AUTO(), {}, { now: NOW })
      expect(plan.status).toBe('blocked')
      expect(plan.operations).toEqual([])
      expect(plan.blockers).toEqual([
        {
          code: 'lead_closed',
          message: 'This lead is already closed (qualified or disqualified). Reactivate it from the Closed Leads view to qualify it again.',
          path: ['lead', 'state'],
        },
      ])
    }
  })

  it('duplicate_lead: another lead matches while duplicate detection is on', () => {
    const plan = planQualification(makeLead(), LEGACY_AUTO(), {}, { now: NOW, duplicates: { leads: [{ record: makeLead({ id: 'lead-2' }) }] } })
    expect(plan.status).toBe('blocked')
    expect(plan.blockers).toEqual([
      { code: 'duplicate_lead', message: 'Lead record was not created or updated because a duplicate of the current record already exists.' },
    ])
  })

  it('duplicate_lead ignores the lead itself among the matches', () => {
    const plan = planQualification(makeLead(), LEGACY_AUTO(), {}, { now: NOW, duplicates: { leads: [{ record: makeLead() }] } })
    expect(plan.status).toBe('ready')
  })

  it('duplicate_opportunity: a matching opportunity exists when one would be created', () => {
    const duplicates = { opportunities: [{ record: makeOpportunity('opp-5') }] }
    const plan = planQualification(makeLead(), LEGACY_AUTO(), {}, { now: NOW, duplicates })
    expect(plan.blockers).toEqual([
      {
        code: 'duplicate_opportunity',
        message: 'Opportunity record was not created or updated because a duplicate of the current record already exists.',
      },
    ])
    // No opportunity is created, so a matching one does not block.
    const none = planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, opportunity: { action: 'none' } }, { now: NOW, duplicates })
    expect(none.status).toBe('ready')
  })

  it('multiple_opportunities_not_allowed: several drafts while the setting is off', () => {
    const plan = planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, opportunities: [{ topic: 'A' }, { topic: 'B' }] }, { now: NOW })
    expect(plan.status).toBe('blocked')
    expect(plan.blockers.map((b) => [b.code, b.path])).toEqual([['multiple_opportunities_not_allowed', ['opportunities']]])
  })

  it('too_many_opportunities: more drafts than the limit', () => {
    const settings = ALL_SELLER({ allowMultipleOpportunities: true, maxOpportunities: 3 })
    const drafts = [{ topic: 'A' }, { topic: 'B' }, { topic: 'C' }, { topic: 'D' }]
    const plan = planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: drafts }, { now: NOW })
    expect(plan.blockers).toEqual([
      { code: 'too_many_opportunities', message: 'A lead can be qualified into at most 3 opportunities; 4 were given. Remove 1.', path: ['opportunities'] },
    ])
    expect(planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: drafts.slice(0, 3) }, { now: NOW }).status).toBe('ready')
  })

  it('too_many_opportunities: never more than five, the product limit', () => {
    const settings = ALL_SELLER({ allowMultipleOpportunities: true })
    const drafts = Array.from({ length: 6 }, (_, i) => ({ topic: `T${i}` }))
    expect(planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: drafts }, { now: NOW }).blockers[0]?.code).toBe('too_many_opportunities')
    expect(planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: drafts.slice(0, 5) }, { now: NOW }).status).toBe('ready')
  })

  it('opportunity_currency_required: neither the lead, the request nor the draft has a currency', () => {
    const lead = makeLead({ currency: undefined })
    const plan = planQualification(lead, LEGACY_AUTO(), {}, { now: NOW })
    expect(plan.blockers).toEqual([
      { code: 'opportunity_currency_required', message: 'Select the currency in which to calculate the opportunity.', path: ['currency'] },
    ])
    expect(planQualification(lead, LEGACY_AUTO(), { currency: 'GBP' }, { now: NOW }).status).toBe('ready')
    const drafts = planQualification(
      lead,
      ALL_SELLER({ allowMultipleOpportunities: true }),
      { ...CREATE_ALL, opportunities: [{ topic: 'A', currency: 'CHF' }, { topic: 'B' }] },
      { now: NOW },
    )
    expect(drafts.blockers.map((b) => b.path)).toEqual([['opportunities', 1, 'currency']])
    // No opportunity, no currency needed.
    expect(planQualification(lead, ALL_SELLER(), { ...CREATE_ALL, opportunity: { action: 'none' } }, { now: NOW }).status).toBe('ready')
  })

  it('sales_role_required: the user has no primary sales role', () => {
    const plan = planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, userRoles: ['Basic User', 'Marketing Professional'] })
    expect(plan.blockers).toEqual([
      {
        code: 'sales_role_required',
        message: 'Qualifying or disqualifying a lead needs a primary sales role, such as salesperson or sales manager.',
        path: ['context', 'userRoles'],
      },
    ])
    expect(planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, userRoles: ['Basic User', 'Salesperson'] }).status).toBe('ready')
    expect(planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, userRoles: [] }).status).toBe('blocked')
  })

  it('lists every blocker at once and plans nothing', () => {
    const plan = planQualification(
      makeLead({ state: 'qualified', statusReason: 'qualified', currency: undefined }),
      LEGACY_AUTO(),
      {},
      { now: NOW, userRoles: ['Basic User'], duplicates: { leads: [{ record: makeLead({ id: 'lead-2' }) }] } },
    )
    expect(plan.blockers.map((b) => b.code)).toEqual(['sales_role_required', 'lead_closed', 'duplicate_lead', 'opportunity_currency_required'])
    expect(plan.operations).toEqual([])
    expect(plan.decisions).toEqual([])
    expect(plan.entities).toEqual({ opportunityIds: [] })
  })

  it('a blocker wins over open decisions', () => {
    const plan = planQualification(makeLead({ state: 'disqualified', statusReason: 'canceled' }), ALL_SELLER(), {}, { now: NOW })
    expect(plan.status).toBe('blocked')
    expect(plan.decisions).toEqual([])
  })
})
