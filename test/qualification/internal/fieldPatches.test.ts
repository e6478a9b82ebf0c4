import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REMOVE, fieldPatches, patchesOf, type FieldChanges } from '../../../src/qualification/internal/common.js'
import { createPlanning } from '../../../src/qualification/internal/planning.js'
import type { Lead } from '../../../src/records/types.js'
import { NOW, makeLead } from '../../support/qualification.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
const FIELDS: (keyof Lead & string)[] = [
  'state',
  'statusReason',
  'closedOn',
  'modifiedOn',
  'qualifyingOpportunityId',
  'processStage',
]

/** What immer makes of the same changes, applied to a draft in the order of `fields`. */
function immerPatches(lead: Lead, fields: readonly (keyof Lead & string)[], changes: FieldChanges<Lead>) {
  return patchesOf(lead, fields, (draft: Mutable<Lead>) => {
    const target = draft as unknown as Record<string, unknown>
    for (const field of fields) {
      if (!Object.hasOwn(changes, field)) continue
      const value = (changes as Record<string, unknown>)[field]
      if (value === REMOVE) delete target[field]
      else target[field] = value
    }
  })
}

describe('fieldPatches (internal)', () => {
  it('gives exactly the patches immer gives, for every shape of change', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
    fc.assert(
      fc.property(
        fc.record({
          closedOn: maybe(fc.constantFrom(NOW, '2026-01-01T00:00:00Z')),
          modifiedOn: fc.constantFrom(NOW, '2026-01-01T00:00:00Z'),
          qualifyingOpportunityId: maybe(fc.constantFrom('opp-1', 'opp-2')),
          processStage: maybe(fc.constantFrom('qualify', 'develop')),
          state: fc.constantFrom('open', 'qualified'),
        }),
        fc.record({
          opportunity: maybe(fc.constantFrom('opp-1', 'opp-3')),
          stage: maybe(fc.constantFrom('develop', 'propose', REMOVE)),
          clear: fc.boolean(),
          state: maybe(fc.constantFrom('qualified', 'open')),
        }),
        (fields, change) => {
          const lead = { ...makeLead(), ...fields } as Lead
          for (const key of Object.keys(lead) as (keyof Lead)[]) {
            if (lead[key] === undefined) delete (lead as Partial<Lead>)[key]
          }
          const closedOn = change.clear ? REMOVE : NOW
          const changes: FieldChanges<Lead> = { statusReason: 'qualified', modifiedOn: NOW, closedOn }
          if (change.state !== undefined) changes.state = change.state as Lead['state']
          if (change.opportunity !== undefined) changes.qualifyingOpportunityId = change.opportunity
          if (change.stage !== undefined) changes.processStage = change.stage
          // Twice with one sharing planning memo: the second call may reuse the first call's patches.
          const planning = createPlanning(true)
          expect(fieldPatches(lead, FIELDS, changes, planning)).toEqual(immerPatches(lead, FIELDS, changes))
          expect(fieldPatches(lead, FIELDS, changes, planning)).toEqual(immerPatches(lead, FIELDS, changes))
          expect(fieldPatches(lead, FIELDS, changes, createPlanning())).toEqual(immerPatches(lead, FIELDS, changes))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('leaves out the fields the changes do not name and the values the record already holds', () => {
    const lead = makeLead({ state: 'open' })
    expect(fieldPatches(lead, FIELDS, { state: 'open', processStage: 'develop' }, createPlanning())).toEqual([
      { op: 'replace', path: ['processStage'], value: 'develop' },
    ])
  })
})

describe('fieldPatches sharing (internal)', () => {
  const FIELDS_2: (keyof Lead & string)[] = ['state', 'modifiedOn']
  const changes = (now: string): FieldChanges<Lead> => ({ state: 'qualified', modifiedOn: now })

  it('shares one frozen patch between calls with one sharing memo while the value is equal, never a stale one', () => {
    const lead = makeLead()
    const planning = createPlanning(true)
    const first = fieldPatches(lead, FIELDS_2, changes(NOW), planning)
    const second = fieldPatches(makeLead({ id: 'lead-2' }), FIELDS_2, changes(NOW), planning)
    expect(second[0]).toBe(first[0])
    expect(Object.isFrozen(first[0])).toBe(true)
    const later = fieldPatches(lead, FIELDS_2, changes('2026-04-01T00:00:00.000Z'), planning)
    expect(later).toEqual([
      { op: 'replace', path: ['state'], value: 'qualified' },
      { op: 'replace', path: ['modifiedOn'], value: '2026-04-01T00:00:00.000Z' },
    ])
    // The earlier result still holds its own value.
    expect(first[1]).toEqual({ op: 'replace', path: ['modifiedOn'], value: NOW })
  })

  it('does not share a patch whose value is an object', () => {
    const FIELDS_A: (keyof Lead & string)[] = ['address']
    const planning = createPlanning(true)
    const a = fieldPatches(makeLead(), FIELDS_A, { address: { city: 'Oslo' } }, planning)
    const b = fieldPatches(makeLead(), FIELDS_A, { address: { city: 'Oslo' } }, planning)
    expect(a).toEqual(b)
    expect(a[0]).not.toBe(b[0])
    expect(Object.isFrozen(a[0])).toBe(false)
  })

  it('shares nothing between planning memos, nor within one that does not share: each call plans with its own', () => {
    const first = fieldPatches(makeLead(), FIELDS_2, changes(NOW), createPlanning(true))
    const second = fieldPatches(makeLead({ id: 'lead-2' }), FIELDS_2, changes(NOW), createPlanning(true))
    expect(second).toEqual(first)
    expect(second[0]).not.toBe(first[0])
    const single = createPlanning()
    const [a] = fieldPatches(makeLead(), FIELDS_2, changes(NOW), single)
    const [b] = fieldPatches(makeLead(), FIELDS_2, changes(NOW), single)
    expect(b).not.toBe(a)
  })
})
