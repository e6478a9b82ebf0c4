// Date rules at month ends, leap days and daylight-saving changes. The suite runs under TZ=UTC and
// TZ=America/New_York: the cases marked "local" give another answer if the arithmetic used the host's time zone.
import { describe, expect, it } from 'vitest'
import { checkScoringReadiness, isRescoreDue, scoreLead, shouldReplaceModel, trainScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { closedLead, openLead } from '../support/scoringLeads.js'

const model = trainScoringModel(generateScoringHistory({ count: 2000, now: '2026-06-15T12:00:00.000Z', seed: 3 }), {
  now: '2026-06-15T12:00:00.000Z',
  seed: 1,
  published: true,
})

function windowFrom(now: string, months: number): string {
  return checkScoringReadiness([], { now, trainingWindowMonths: months }).trainingWindow.from
}

describe('the training window counts calendar months in UTC', () => {
  it('from 31 July, 5 months back is the last day of February', () => {
    expect(windowFrom('2026-07-31T12:00:00.000Z', 5)).toBe('2026-02-28T12:00:00.000Z')
  })

  it('lands on a leap day in a leap year, and clamps a leap day to 28 February in other years', () => {
    expect(windowFrom('2028-05-29T08:00:00.000Z', 3)).toBe('2028-02-29T08:00:00.000Z')
    expect(windowFrom('2028-05-31T08:00:00.000Z', 3)).toBe('2028-02-29T08:00:00.000Z')
    expect(windowFrom('2028-02-29T12:00:00.000Z', 24)).toBe('2026-02-28T12:00:00.000Z')
    expect(windowFrom('2028-02-29T12:00:00.000Z', 12)).toBe('2027-02-28T12:00:00.000Z')
  })

  it('keeps the UTC time of day across a daylight-saving change (local: one hour off in New York)', () => {
    // 31 March 02:00 UTC is 30 March 22:00 in New York (EDT); 3 months earlier New York is on EST.
    expect(windowFrom('2026-03-31T02:00:00.000Z', 3)).toBe('2025-12-31T02:00:00.000Z')
    // 31 May 02:00 UTC is still 30 May in New York: local arithmetic would land on 28 February 22:00 EST.
    expect(windowFrom('2026-05-31T02:00:00.000Z', 3)).toBe('2026-02-28T02:00:00.000Z')
  })

  it('reads an instant given with an offset as the same UTC instant', () => {
    expect(windowFrom('2026-03-30T22:00:00-04:00', 3)).toBe('2025-12-31T02:00:00.000Z')
  })

  it('puts a lead created on the window start inside it, and one a millisecond earlier outside', () => {
    const now = '2026-07-31T12:00:00.000Z'
    const closedOn = '2026-07-01T00:00:00.000Z'
    const inside = closedLead('in', true, { createdOn: '2026-02-28T12:00:00.000Z', closedOn })
    const outside = closedLead('out', true, { createdOn: '2026-02-28T11:59:59.999Z', closedOn })
    const report = checkScoringReadiness([inside, outside], { now, trainingWindowMonths: 5 })
    expect(report.qualified).toBe(1)
    expect(report.excluded['outside-window']).toBe(1)
  })

  it('starts the previous year on 1 January UTC, even when New York is still in the old year (local: a year off)', () => {
    // 1 January 2026 03:00 UTC is 31 December 2025 22:00 in New York.
    const now = '2026-01-01T03:00:00.000Z'
    const before = closedLead('before', true, { createdOn: '2024-12-31T23:59:59.999Z', closedOn: '2025-06-01T00:00:00.000Z' })
    const onStart = closedLead('start', true, { createdOn: '2025-01-01T00:00:00.000Z', closedOn: '2025-06-01T00:00:00.000Z' })
    const report = checkScoringReadiness([before, onStart], { now })
    expect(report.excluded['created-before-previous-year']).toBe(1)
    expect(report.qualified).toBe(1)
  })
})

describe('scoreLead: created within the last 2 years, in UTC calendar months', () => {
  it('from 28 February 2026, goes back to 28 February 2024, not to the leap day', () => {
    const now = '2026-02-28T12:00:00.000Z'
    expect(scoreLead(model, openLead({ createdOn: '2024-02-28T12:00:00.000Z' }), { now }).scored).toBe(true)
    const older = scoreLead(model, openLead({ createdOn: '2024-02-28T11:59:59.999Z' }), { now })
    expect(older).toMatchObject({ scored: false, reason: 'created-over-2-years-ago' })
  })

  it('from a leap day, goes back to 28 February two years earlier', () => {
    const now = '2028-02-29T00:00:00.000Z'
    expect(scoreLead(model, openLead({ createdOn: '2026-02-28T00:00:00.000Z' }), { now }).scored).toBe(true)
    const older = scoreLead(model, openLead({ createdOn: '2026-02-27T23:59:59.999Z' }), { now })
    expect(older).toMatchObject({ scored: false, reason: 'created-over-2-years-ago' })
  })
})

describe('shouldReplaceModel: 3 calendar months in UTC', () => {
  const weaker = { holdoutAuc: 0.5 }

  it('from 31 May, 3 months back is 28 February', () => {
    const now = '2026-05-31T12:00:00.000Z'
    expect(shouldReplaceModel({ holdoutAuc: 0.9, trainedOn: '2026-02-28T12:00:00.000Z' }, weaker, now).replace).toBe(false)
    expect(shouldReplaceModel({ holdoutAuc: 0.9, trainedOn: '2026-02-28T11:59:59.999Z' }, weaker, now).replace).toBe(true)
  })

  it('does not call a model stale early when New York is a day behind UTC (local: replaced)', () => {
    const current = { holdoutAuc: 0.9, trainedOn: '2026-02-28T12:00:00.000Z' }
    expect(shouldReplaceModel(current, weaker, '2026-05-31T02:00:00.000Z')).toEqual({ replace: false, reason: 'less-accurate' })
  })
})

describe('isRescoreDue: 24 hours of elapsed time, not a calendar day', () => {
  const lead = { modifiedOn: '2026-03-07T18:00:00.000Z' }

  it('across the spring-forward change, noon to noon in New York is only 23 hours (local day: due)', () => {
    const scoredAt = '2026-03-07T12:00:00-05:00'
    const at = (now: string): unknown => isRescoreDue(lead, { lastScoredAt: scoredAt, now })
    expect(at('2026-03-08T12:00:00-04:00')).toEqual({ due: false, reason: 'updated-within-24-hours' })
    expect(at('2026-03-08T13:00:00-04:00')).toEqual({ due: true, reason: 'updated' })
  })

  it('across the fall-back change, 24 hours have passed at 11:00 New York time the next day', () => {
    const changed = { modifiedOn: '2026-10-31T18:00:00.000Z' }
    const scoredAt = '2026-10-31T12:00:00-04:00'
    const at = (now: string): unknown => isRescoreDue(changed, { lastScoredAt: scoredAt, now })
    expect(at('2026-11-01T10:59:59.999-05:00')).toEqual({ due: false, reason: 'updated-within-24-hours' })
    expect(at('2026-11-01T11:00:00-05:00')).toEqual({ due: true, reason: 'updated' })
  })

  it('compares instants, not their text: a change written with another offset is still later', () => {
    const instants = { lastScoredAt: '2026-03-07T17:00:00Z', now: '2026-03-09T00:00:00Z' }
    expect(isRescoreDue({ modifiedOn: '2026-03-07T12:30:00-05:00' }, instants).reason).toBe('updated')
    expect(isRescoreDue({ modifiedOn: '2026-03-07T11:30:00-05:00' }, instants).reason).toBe('not-updated')
  })
})
