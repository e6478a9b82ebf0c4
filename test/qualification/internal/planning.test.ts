import { describe, expect, it } from 'vitest'
import { PLANNING_MEMO_MAX_CHARS, PLANNING_MEMO_MAX_ENTRIES, Planning } from '../../../src/qualification/internal/planning.js'
import { planBulkQualification } from '../../../src/qualification/planBulkQualification.js'
import { planDisqualification } from '../../../src/qualification/planDisqualification.js'
import { planQualification } from '../../../src/qualification/planQualification.js'
import type { UpdateOperation } from '../../../src/plan.js'
import { ALL_AUTOMATIC, NOW, makeLead } from '../../support/qualification.js'

const LATER = '2026-04-01T08:00:00.000Z'

function leadPatches(plan: { readonly operations: readonly { readonly entity: string }[] }) {
  return (plan.operations.find((o) => o.entity === 'lead') as UpdateOperation).patches
}

describe('Planning (internal): the memos of one planning call', () => {
  it('stays within its bound in characters and entries, however many distinct values it meets', () => {
    const planning = new Planning(true)
    for (let i = 0; i < 5_000; i++) {
      planning.planId('qualification', `lead-${i}`, 1, { currency: 'USD', opportunities: [{ topic: `${i} `.repeat(300) }] })
      planning.businessProcess(`stage ${i} `.repeat(100), undefined, true)
      planning.primaryReason(`note ${i}`)
      planning.patch('add', `field${i}`, `value ${i} `.repeat(50))
      const { chars, entries } = planning.size
      expect(chars).toBeLessThanOrEqual(PLANNING_MEMO_MAX_CHARS)
      expect(entries).toBeLessThanOrEqual(PLANNING_MEMO_MAX_ENTRIES)
    }
  })

  it('gives the same answers after it has forgotten everything', () => {
    const planning = new Planning(true)
    const before = planning.planId('qualification', 'lead-1', 1, {})
    for (let i = 0; i < PLANNING_MEMO_MAX_ENTRIES + 10; i++) planning.primaryReason(`note ${i}`)
    expect(planning.planId('qualification', 'lead-1', 1, {})).toBe(before)
    expect(planning.businessProcess('qualify', 'develop', true)).toEqual({
      moves: true,
      from: 'qualify',
      to: 'develop',
      reason: 'an opportunity is created, so the business process moves to the next stage',
    })
  })

  it('checks every new `now`, even after a valid one', () => {
    const planning = new Planning()
    expect(planning.checkNow(NOW, true)).toBe(NOW)
    expect(() => planning.checkNow('2026-02-30T10:00:00Z', true)).toThrow(expect.objectContaining({ code: 'invalid_format' }))
    expect(() => planning.checkNow(undefined, true)).toThrow(expect.objectContaining({ code: 'required' }))
  })
})

describe('planning memos do not leak between calls', () => {
  it('plans made one after another with different `now`s each carry their own', () => {
    const settings = ALL_AUTOMATIC()
    const first = planQualification(makeLead(), settings, {}, { now: NOW })
    const second = planQualification(makeLead(), settings, {}, { now: LATER })
    expect(leadPatches(second)).toContainEqual({ op: 'replace', path: ['modifiedOn'], value: LATER })
    expect(leadPatches(first)).toContainEqual({ op: 'replace', path: ['modifiedOn'], value: NOW })
    const bulk = planBulkQualification([makeLead()], settings, undefined, { now: LATER })
    expect(bulk.results[0]?.status === 'ready' && leadPatches(bulk.results[0].plan)).toContainEqual({ op: 'add', path: ['closedOn'], value: LATER })
  })

  it('a bad `now` after a good one is still refused, in one bulk call and across calls', () => {
    const settings = ALL_AUTOMATIC()
    planQualification(makeLead(), settings, {}, { now: NOW })
    expect(() => planQualification(makeLead(), settings, {}, { now: 'tomorrow' })).toThrow(expect.objectContaining({ code: 'invalid_format' }))
    expect(() => planDisqualification(makeLead(), 'lost', { now: 'tomorrow' })).toThrow(expect.objectContaining({ code: 'invalid_format' }))
    const bulk = planBulkQualification([makeLead({ id: 'a' }), makeLead({ id: 'b' }), makeLead({ id: 'c' })], settings, undefined, {
      now: NOW,
      forLead: (lead) => (lead.id === 'b' ? { now: 'tomorrow' } : lead.id === 'c' ? { now: LATER } : undefined),
    })
    expect(bulk.results.map((r) => r.status)).toEqual(['ready', 'invalid', 'ready'])
    const c = bulk.results[2]
    expect(c?.status === 'ready' && leadPatches(c.plan)).toContainEqual({ op: 'replace', path: ['modifiedOn'], value: LATER })
  })

  it("plan ids follow each call's own request", () => {
    const settings = ALL_AUTOMATIC()
    const a = planQualification(makeLead(), settings, {}, { now: NOW })
    const b = planQualification(makeLead(), settings, { currency: 'EUR' }, { now: NOW })
    const c = planQualification(makeLead(), settings, {}, { now: NOW })
    expect(b.id).not.toBe(a.id)
    expect(c.id).toBe(a.id)
  })
})
