import { describe, expect, it } from 'vitest'
import { listClosedLeads } from '../../src/qualification/listClosedLeads.js'
import { LEAD_TO_OPPORTUNITY_STAGES, nextProcessStage } from '../../src/qualification/processStages.js'
import { SALES_ROLES, hasSalesRole } from '../../src/qualification/salesRoles.js'
import { makeLead } from '../support/qualification.js'

describe('listClosedLeads', () => {
  it('lists qualified and disqualified leads in input order, the same objects', () => {
    const open = makeLead({ id: 'o' })
    const qualified = makeLead({ id: 'q', state: 'qualified', statusReason: 'qualified' })
    const disqualified = makeLead({ id: 'd', state: 'disqualified', statusReason: 'lost' })
    const closed = listClosedLeads([disqualified, open, qualified])
    expect(closed).toEqual([disqualified, qualified])
    expect(closed[0]).toBe(disqualified)
    expect(Object.isFrozen(closed)).toBe(true)
    expect(listClosedLeads([])).toEqual([])
  })
})

describe('hasSalesRole', () => {
  it('accepts the primary sales roles whatever their spelling', () => {
    expect(hasSalesRole(['Salesperson'])).toBe(true)
    expect(hasSalesRole(['SALES_MANAGER'])).toBe(true)
    expect(hasSalesRole(['  sales-professional '])).toBe(true)
    expect(hasSalesRole(['System Administrator'])).toBe(true)
    expect(SALES_ROLES).toContain('vice president of sales')
  })

  it('accepts every listed role as it is written (the list is kept in normal form)', () => {
    for (const role of SALES_ROLES) expect(hasSalesRole([role])).toBe(true)
    for (const role of SALES_ROLES) expect(role).toBe(role.toLowerCase().replace(/[\s_-]+/g, ' ').trim())
  })

  it('refuses other roles and no roles', () => {
    expect(hasSalesRole(['Basic User', 'Marketing Manager', 'Sales'])).toBe(false)
    expect(hasSalesRole([])).toBe(false)
  })
})

describe('nextProcessStage', () => {
  it('moves along the lead-to-opportunity stages', () => {
    expect(LEAD_TO_OPPORTUNITY_STAGES).toEqual(['qualify', 'develop', 'propose', 'close'])
    expect(nextProcessStage('qualify')).toBe('develop')
    expect(nextProcessStage('propose')).toBe('close')
    expect(nextProcessStage('close')).toBeUndefined()
    expect(nextProcessStage('unknown')).toBeUndefined()
    expect(nextProcessStage('a', ['a', 'b'])).toBe('b')
  })
})
