import { describe, expect, it } from 'vitest'
import { isRescoreDue } from '../../src/scoring/index.js'
import { catchLeadkitError } from '../support/errors.js'

const now = '2026-06-15T12:00:00.000Z'

describe('isRescoreDue', () => {
  it('scores a new lead at once', () => {
    expect(isRescoreDue({ modifiedOn: now }, { now })).toEqual({ due: true, reason: 'new-lead' })
  })

  it('rescores an updated lead exactly 24 hours after its last score, not a millisecond earlier', () => {
    const lead = { modifiedOn: '2026-06-15T00:00:00.000Z' }
    const updated = { due: true, reason: 'updated' }
    expect(isRescoreDue(lead, { lastScoredAt: '2026-06-14T12:00:00.000Z', now })).toEqual(updated)
    expect(isRescoreDue(lead, { lastScoredAt: '2026-06-14T12:00:00.001Z', now })).toEqual({
      due: false,
      reason: 'updated-within-24-hours',
    })
  })

  it('does not rescore a lead not changed since its last score', () => {
    const notUpdated = { due: false, reason: 'not-updated' }
    const lastScoredAt = '2026-06-01T00:00:00.000Z'
    expect(isRescoreDue({ modifiedOn: '2026-06-01T00:00:00.000Z' }, { lastScoredAt, now })).toEqual(notUpdated)
    expect(isRescoreDue({ modifiedOn: '2026-05-01T00:00:00.000Z' }, { lastScoredAt, now })).toEqual(notUpdated)
  })

  it('rejects instants that are not ISO, with the option’s path', () => {
    const lead = { modifiedOn: now }
    const badScore = catchLeadkitError(() => isRescoreDue(lead, { lastScoredAt: 'yesterday', now }))
    expect(badScore).toMatchObject({ code: 'invalid_format', path: ['options', 'lastScoredAt'] })
    const badNow = catchLeadkitError(() => isRescoreDue(lead, { now: '2026-06-15' }))
    expect(badNow).toMatchObject({ code: 'invalid_format', path: ['options', 'now'] })
    const noNow = catchLeadkitError(() => isRescoreDue(lead, {} as never))
    expect(noNow).toMatchObject({ code: 'required', path: ['options', 'now'] })
  })

  it('refuses the two instants swapped instead of answering wrongly', () => {
    const lead = { modifiedOn: '2026-06-15T00:00:00.000Z' }
    const scoredAt = '2026-06-14T12:00:00.000Z'
    expect(isRescoreDue(lead, { lastScoredAt: scoredAt, now }).due).toBe(true)
    const swapped = catchLeadkitError(() => isRescoreDue(lead, { lastScoredAt: now, now: scoredAt }))
    expect(swapped).toMatchObject({ code: 'invalid_combination', path: ['options', 'lastScoredAt'] })
    expect(swapped.message).toContain('swapped')
  })

  it('refuses the old positional form and anything that is not a lead or options, with a LeadkitError', () => {
    const positional = isRescoreDue as (...args: unknown[]) => unknown
    const old = catchLeadkitError(() => positional({ modifiedOn: now }, now, now))
    expect(old).toMatchObject({ code: 'invalid_type', path: ['options'] })
    expect(old.message).toContain('{ lastScoredAt, now }')
    for (const options of [undefined, null, [], 42]) {
      expect(catchLeadkitError(() => isRescoreDue({ modifiedOn: now }, options as never)).code).toBe('invalid_type')
    }
    expect(catchLeadkitError(() => isRescoreDue(null as never, { now })).path).toEqual(['lead'])
  })
})
