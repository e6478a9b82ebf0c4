import { describe, expect, it } from 'vitest'
import { parseTimelineEntry } from '../../src/records/parseTimelineEntry.js'
import { MINIMAL_LEAD } from '../support/records-arbitraries.js'
import { expectPureParse } from '../support/records-assertions.js'

describe('parseTimelineEntry', () => {
  it('keeps structured data as a frozen copy', () => {
    const input = {
      ...MINIMAL_LEAD,
      regarding: { entity: 'opportunity', id: 'opp-1' },
      kind: 'lead-summary',
      title: 'Lead summary',
      body: 'Budget confirmed',
      data: { facts: [{ label: 'Budget', value: 25000 }], fresh: true, missing: null },
    }
    const entry = expectPureParse(parseTimelineEntry, input)
    expect(entry).toEqual(input)
  })

  it('requires kind, title and body', () => {
    expect(() => parseTimelineEntry({ ...MINIMAL_LEAD, regarding: { entity: 'lead', id: 'l1' } })).toThrow(
      'kind is required (and 2 more issues)',
    )
  })
})
