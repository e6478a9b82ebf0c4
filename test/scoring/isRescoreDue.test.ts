import { describe, expect, it } from 'vitest'
import { isRescoreDue } from '../../src/scoring/index.js'

const now = '2026-06-15T12:00:00.000Z'

describe('isRescoreDue', () => {
  it('scores a new lead at once', () => {
    expect(isRescoreDue({ modifiedOn: now }, undefined, now)).toEqual({ due: true, reason: 'new-lead' })
  })

  it('rescores an updated lead exactly 24 hours after its last score, not a millisecond earlier', () => {
    const lead = { modifiedOn: '2026-06-15T00:00:00.000Z' }
    expect(isRescoreDue(lead, '2026-06-14T12:00:00.000Z', now)).toEqual({ due: true, reason: 'updated' })
    expect(isRescoreDue(lead, '2026-06-14T12:00:00.001Z', now)).toEqual({ due: false, reason: 'updated-within-24-hours' })
  })

  it('does not rescore a lead not changed since its last score', () => {
    expect(isRescoreDue({ modifiedOn: '2026-06-01T00:00:00.000Z' }, '2026-06-01T00:00:00.000Z', now)).toEqual({ due: false, reason: 'not-updated' })
    expect(isRescoreDue({ modifiedOn: '2026-05-01T00:00:00.000Z' }, '2026-06-01T00:00:00.000Z', now)).toEqual({ due: false, reason: 'not-updated' })
  })

  it('rejects instants that are not ISO', () => {
    expect(() => isRescoreDue({ modifiedOn: now }, 'yesterday', now)).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['lastScoredAt'] }))
    expect(() => isRescoreDue({ modifiedOn: now }, undefined, '2026-06-15')).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['now'] }))
  })
})
