import { describe, expect, it } from 'vitest'
import {
  PLANNING_MEMO_MAX_CHARS,
  PLANNING_MEMO_MAX_ENTRIES,
  businessProcessOf,
  checkNow,
  createPlanning,
  memoSize,
  patchOf,
  planIdOf,
  primaryReasonOf,
} from '../../../src/qualification/internal/planning.js'
import { planBulkQualification } from '../../../src/qualification/planBulkQualification.js'
import { planDisqualification } from '../../../src/qualification/planDisqualification.js'
import { planQualification } from '../../../src/qualification/planQualification.js'
import type { UpdateOperation } from '../../../src/plan.js'
import { ALL_AUTOMATIC, NOW, makeLead } from '../../support/qualification.js'

const LATER = '2026-04-01T08:00:00.000Z'

function leadPatches(plan: { readonly operations: readonly { readonly entity: string }[] }) {
  return (plan.operations.find((o) => o.entity === 'lead') as UpdateOperation).patches
}

describe('planning memos (internal): the memos of one planning call', () => {
  it('stays within its bound in characters and entries, however many distinct values it meets', () => {
    const planning = createPlanning(true)
    for (let i = 0; i < 5_000; i++) {
      const request = { currency: 'USD', opportunities: [{ topic: `${i} `.repeat(300) }] }
      planIdOf(planning, 'qualification', `lead-${i}`, 1, request)
      businessProcessOf(planning, `stage ${i} `.repeat(100), undefined, true)
      primaryReasonOf(planning, `note ${i}`)
      patchOf(planning, 'add', `field${i}`, `value ${i} `.repeat(50))
      const { chars, entries } = memoSize(planning)
      expect(chars).toBeLessThanOrEqual(PLANNING_MEMO_MAX_CHARS)
      expect(entries).toBeLessThanOrEqual(PLANNING_MEMO_MAX_ENTRIES)
    }
  })

  it('gives the same answers after it has forgotten everything', () => {
    const planning = createPlanning(true)
    const before = planIdOf(planning, 'qualification', 'lead-1', 1, {})
    for (let i = 0; i < PLANNING_MEMO_MAX_ENTRIES + 10; i++) primaryReasonOf(planning, `note ${i}`)
    expect(planIdOf(planning, 'qualification', 'lead-1', 1, {})).toBe(before)
    expect(businessProcessOf(planning, 'qualify', 'develop', true)).toEqual({
      moves: true,
      from: 'qualify',
      to: 'develop',
      reason: 'an opportunity is created, so the business process moves to the next stage',
    })
  })

  it('checks every new `now`, even after a valid one', () => {
    const planning = createPlanning()
    expect(checkNow(planning, NOW, true)).toBe(NOW)
    const invalid = expect.objectContaining({ code: 'invalid_format' })
    expect(() => checkNow(planning, '2026-02-30T10:00:00Z', true)).toThrow(invalid)
    expect(() => checkNow(planning, undefined, true)).toThrow(expect.objectContaining({ code: 'required' }))
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
    const only = bulk.results[0]
    const closed = { op: 'add', path: ['closedOn'], value: LATER }
    expect(only?.status === 'ready' && leadPatches(only.plan)).toContainEqual(closed)
  })

  it('a bad `now` after a good one is still refused, in one bulk call and across calls', () => {
    const settings = ALL_AUTOMATIC()
    planQualification(makeLead(), settings, {}, { now: NOW })
    const invalid = expect.objectContaining({ code: 'invalid_format' })
    expect(() => planQualification(makeLead(), settings, {}, { now: 'tomorrow' })).toThrow(invalid)
    expect(() => planDisqualification(makeLead(), 'lost', { now: 'tomorrow' })).toThrow(invalid)
    const leads = [makeLead({ id: 'a' }), makeLead({ id: 'b' }), makeLead({ id: 'c' })]
    const bulk = planBulkQualification(leads, settings, undefined, {
      now: NOW,
      forLead: (lead) => (lead.id === 'b' ? { now: 'tomorrow' } : lead.id === 'c' ? { now: LATER } : undefined),
    })
    expect(bulk.results.map((r) => r.status)).toEqual(['ready', 'invalid', 'ready'])
    const c = bulk.results[2]
    const modified = { op: 'replace', path: ['modifiedOn'], value: LATER }
    expect(c?.status === 'ready' && leadPatches(c.plan)).toContainEqual(modified)
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
