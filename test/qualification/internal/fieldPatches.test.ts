import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fieldPatches, patchesOf } from '../../../src/qualification/internal/common.js'
import type { Lead } from '../../../src/records/types.js'
import { NOW, makeLead } from '../../support/qualification.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
const FIELDS: (keyof Lead & string)[] = ['state', 'statusReason', 'closedOn', 'modifiedOn', 'qualifyingOpportunityId', 'processStage']

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
        fc.record({ opportunity: maybe(fc.constantFrom('opp-1', 'opp-3')), stage: maybe(fc.constantFrom('develop', 'propose')), clear: fc.boolean() }),
        (fields, change) => {
          const lead = { ...makeLead(), ...fields } as Lead
          for (const key of Object.keys(lead) as (keyof Lead)[]) if (lead[key] === undefined) delete (lead as Partial<Lead>)[key]
          const recipe = (draft: Mutable<Lead>): void => {
            draft.state = 'qualified'
            draft.statusReason = 'qualified'
            draft.modifiedOn = NOW
            if (change.clear) delete draft.closedOn
            else draft.closedOn = NOW
            if (change.opportunity !== undefined) draft.qualifyingOpportunityId = change.opportunity
            if (change.stage !== undefined) draft.processStage = change.stage
          }
          // Twice: the second call uses the cached shape.
          expect(fieldPatches(lead, FIELDS, recipe)).toEqual(patchesOf(lead, FIELDS, recipe))
          expect(fieldPatches(lead, FIELDS, recipe)).toEqual(patchesOf(lead, FIELDS, recipe))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('fieldPatches sharing (internal)', () => {
  const recipe = (now: string) => (draft: Mutable<Lead>): void => {
    draft.state = 'qualified'
    draft.modifiedOn = now
  }
  const FIELDS_2: (keyof Lead & string)[] = ['state', 'modifiedOn']

  it('shares one frozen patch between calls whose value is the same, and never a stale value', () => {
    const lead = makeLead()
    const first = fieldPatches(lead, FIELDS_2, recipe(NOW))
    const second = fieldPatches(makeLead({ id: 'lead-2' }), FIELDS_2, recipe(NOW))
    expect(second[0]).toBe(first[0])
    expect(Object.isFrozen(first[0])).toBe(true)
    const later = fieldPatches(lead, FIELDS_2, recipe('2026-04-01T00:00:00.000Z'))
    expect(later).toEqual([
      { op: 'replace', path: ['state'], value: 'qualified' },
      { op: 'replace', path: ['modifiedOn'], value: '2026-04-01T00:00:00.000Z' },
    ])
    // The earlier result still holds its own value.
    expect(first[1]).toEqual({ op: 'replace', path: ['modifiedOn'], value: NOW })
  })

  it('does not share a patch whose value is an object', () => {
    const FIELDS_A: (keyof Lead & string)[] = ['address']
    const set = (draft: Mutable<Lead>): void => {
      draft.address = { city: 'Oslo' }
    }
    const a = fieldPatches(makeLead(), FIELDS_A, set)
    const b = fieldPatches(makeLead(), FIELDS_A, set)
    expect(a).toEqual(b)
    expect(a[0]).not.toBe(b[0])
    expect(Object.isFrozen(a[0])).toBe(false)
  })
})
