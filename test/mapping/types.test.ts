import { describe, expectTypeOf, it } from 'vitest'
import {
  createMappingSet,
  mapLead,
  populateLeadFromExisting,
  type FieldMap,
  type MappedRecord,
  type MappingSet,
  type MappingTarget,
} from '../../src/mapping/index.js'
import type { Lead } from '../../src/records/types.js'
import { makeLead } from './fixtures.js'

describe('mapping types', () => {
  it('mapLead takes a target name and returns a MappedRecord', () => {
    expectTypeOf(mapLead).parameter(1).toEqualTypeOf<MappingTarget>()
    expectTypeOf(mapLead(makeLead(), 'account')).toEqualTypeOf<MappedRecord>()
    expectTypeOf<MappedRecord['fields']>().toEqualTypeOf<Readonly<Record<string, unknown>>>()
  })

  it('mapping sets are read-only', () => {
    expectTypeOf(createMappingSet()).toEqualTypeOf<MappingSet>()
    expectTypeOf<MappingSet['account']>().toEqualTypeOf<readonly FieldMap[]>()
    // @ts-expect-error a FieldMap is read-only
    ;({ source: 'a', target: 'b', outOfTheBox: true } as FieldMap).target = 'c'
  })

  it('populateLeadFromExisting keeps the draft type and exposes lead fields', () => {
    const result = populateLeadFromExisting({ topic: 'Chairs' }, {})
    expectTypeOf(result.draft.topic).toEqualTypeOf<string>()
    expectTypeOf(result.draft.companyName).toEqualTypeOf<string | undefined>()
    expectTypeOf(result.filled).toEqualTypeOf<readonly (keyof Lead & string)[]>()
  })
})
