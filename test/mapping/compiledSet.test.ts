import { describe, expect, it } from 'vitest'
import { createMappingSet, mapLead, OUT_OF_THE_BOX_MAPS, type MappingSet } from '../../src/mapping/index.js'
import { DEFAULT_MAPPING_SET } from '../../src/mapping/mapLead.js'
import type { LeadkitError } from '../../src/errors.js'
import type { Lead } from '../../src/records/types.js'

const lead = {
  id: 'lead-1',
  version: 1,
  createdOn: '2026-03-01T09:00:00Z',
  modifiedOn: '2026-03-01T09:00:00Z',
  state: 'open',
  statusReason: 'new',
  firstName: 'Ana',
  lastName: 'Ruiz',
  companyName: 'Contoso',
  industry: 'accounting',
} as Lead

describe('where a mapping set keeps its compiled form', () => {
  it('is invisible: the set is plain, equal data with only its maps (and override) as keys', () => {
    const set = createMappingSet()
    expect(Object.keys(set)).toEqual(['account', 'contact', 'opportunity'])
    expect(JSON.parse(JSON.stringify(set))).toEqual({ ...OUT_OF_THE_BOX_MAPS })
    expect(set).toEqual(DEFAULT_MAPPING_SET)
    expect(structuredClone(set)).toEqual(set)
  })

  it('maps the same through the default set, a created set and a hand-built copy of either', () => {
    const created = createMappingSet({ custom: [{ source: 'industry', target: 'industry', targetType: 'account' }] })
    const copy: MappingSet = JSON.parse(JSON.stringify(created))
    expect(mapLead(lead, 'account', copy)).toEqual(mapLead(lead, 'account', created))
    expect(mapLead(lead, 'account', created).fields.industry).toBe('accounting')
    expect(mapLead(lead, 'contact', { ...DEFAULT_MAPPING_SET })).toEqual(mapLead(lead, 'contact'))
  })

  it('is not inherited: a set built on top of a created one is validated as hand-built', () => {
    const created = createMappingSet()
    const derived = Object.create(created, { account: { value: [], enumerable: true } }) as MappingSet
    try {
      mapLead(lead, 'account', derived)
      expect.unreachable('mapLead should refuse the derived set')
    } catch (error) {
      expect((error as LeadkitError).code).toBe('invalid_mapping')
      expect((error as LeadkitError).path).toEqual(['account', 0])
    }
  })
})
