import { describe, expect, it } from 'vitest'
import { checkScoringReadiness } from '../../src/scoring/index.js'
import { closedLead, closedLeads, daysAgo, frozen, NOW, openLead } from '../support/scoringLeads.js'
import { catchLeadkitError } from '../support/errors.js'

function codeAndPath(run: () => unknown): { code: string; path: readonly (string | number)[] } {
  const { code, path } = catchLeadkitError(run)
  return { code, path }
}

describe('checkScoringReadiness', () => {
  it('is ready with exactly 40 qualified and 40 disqualified leads', () => {
    const report = checkScoringReadiness(closedLeads(40, 40), { now: NOW })
    expect(report.ready).toBe(true)
    expect(report.qualified).toBe(40)
    expect(report.disqualified).toBe(40)
    expect(report.missing).toEqual({ qualified: 0, disqualified: 0 })
    expect(report.minimum).toBe(40)
    expect(report.total).toBe(80)
  })

  it('is not ready with 39 qualified leads and says one is missing', () => {
    const report = checkScoringReadiness(closedLeads(39, 40), { now: NOW })
    expect(report.ready).toBe(false)
    expect(report.missing).toEqual({ qualified: 1, disqualified: 0 })
  })

  it('is not ready with 39 disqualified leads', () => {
    const report = checkScoringReadiness(closedLeads(45, 39), { now: NOW })
    expect(report.ready).toBe(false)
    expect(report.missing).toEqual({ qualified: 0, disqualified: 1 })
  })

  it('counts open leads as not closed', () => {
    const report = checkScoringReadiness([openLead(), ...closedLeads(1, 1)], { now: NOW })
    expect(report.excluded['not-closed']).toBe(1)
    expect(report.qualified + report.disqualified).toBe(2)
  })

  it('excludes leads created before 1 January of the previous year, and keeps one created exactly then', () => {
    const before = closedLead('old', true, { createdOn: '2024-12-31T23:59:59.999Z' })
    const onStart = closedLead('start', true, { createdOn: '2025-01-01T00:00:00.000Z' })
    const report = checkScoringReadiness([before, onStart], { now: NOW })
    expect(report.excluded['created-before-previous-year']).toBe(1)
    expect(report.qualified).toBe(1)
  })

  it('uses a 3-month window: a lead created 3 months ago exactly is in, one created a millisecond earlier is out', () => {
    const inside = closedLead('in', true, { createdOn: '2026-03-15T12:00:00.000Z', closedOn: daysAgo(5) })
    const outside = closedLead('out', true, { createdOn: '2026-03-15T11:59:59.999Z', closedOn: daysAgo(5) })
    const report = checkScoringReadiness([inside, outside], { now: NOW, trainingWindowMonths: 3 })
    expect(report.qualified).toBe(1)
    expect(report.excluded['outside-window']).toBe(1)
    expect(report.trainingWindow).toEqual({ months: 3, from: '2026-03-15T12:00:00.000Z', to: NOW })
  })

  it('defaults to a 2-year window, which keeps a lead the 3-month window drops', () => {
    const lead = closedLead('x', true, { createdOn: daysAgo(200), closedOn: daysAgo(150) })
    expect(checkScoringReadiness([lead], { now: NOW }).qualified).toBe(1)
    expect(checkScoringReadiness([lead], { now: NOW, trainingWindowMonths: 3 }).excluded['outside-window']).toBe(1)
    expect(checkScoringReadiness([lead], { now: NOW }).trainingWindow.months).toBe(24)
  })

  it('requires the lead to be closed inside the window, too (closedOn, else modifiedOn)', () => {
    const closedBefore = closedLead('a', true, { createdOn: daysAgo(120), closedOn: daysAgo(100) })
    const closedInFuture = closedLead('b', true, { closedOn: '2026-07-01T00:00:00.000Z' })
    const noClosedOn = closedLead('c', false, { closedOn: undefined, modifiedOn: daysAgo(2) })
    const report = checkScoringReadiness([closedBefore, closedInFuture, noClosedOn], { now: NOW, trainingWindowMonths: 3 })
    expect(report.excluded['outside-window']).toBe(2)
    expect(report.disqualified).toBe(1)
  })

  it('rejects windows of 2 and 25 months, and accepts 3 and 24', () => {
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, trainingWindowMonths: 2 }))).toEqual({
      code: 'invalid_value',
      path: ['trainingWindowMonths'],
    })
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, trainingWindowMonths: 25 }))).toEqual({
      code: 'invalid_value',
      path: ['trainingWindowMonths'],
    })
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, trainingWindowMonths: 6.5 }))).toEqual({
      code: 'invalid_value',
      path: ['trainingWindowMonths'],
    })
    expect(checkScoringReadiness([], { now: NOW, trainingWindowMonths: 3 }).trainingWindow.months).toBe(3)
    expect(checkScoringReadiness([], { now: NOW, trainingWindowMonths: 24 }).trainingWindow.months).toBe(24)
  })

  it('requires now as an ISO instant', () => {
    expect(codeAndPath(() => checkScoringReadiness([], {} as never))).toEqual({ code: 'required', path: ['now'] })
    expect(codeAndPath(() => checkScoringReadiness([], { now: '2026-06-15' }))).toEqual({ code: 'invalid_format', path: ['now'] })
  })

  it('applies conditions such as a line of business, case-insensitively', () => {
    const retail = closedLeads(2, 1, { extra: { lineOfBusiness: 'retail' } })
    const other = closedLeads(1, 1, { extra: { lineOfBusiness: 'Manufacturing' } })
    const report = checkScoringReadiness([...retail, ...other], {
      now: NOW,
      conditions: [{ field: 'extra.lineOfBusiness', operator: 'equals', value: 'Retail' }],
    })
    expect(report.qualified).toBe(2)
    expect(report.disqualified).toBe(1)
    expect(report.excluded['condition-mismatch']).toBe(2)
  })

  it('supports in, not-in, contains-data and does-not-contain-data', () => {
    const leads = [closedLead('a', true, { industry: 'financial' }), closedLead('b', true, { industry: 'insurance' }), closedLead('c', true, { industry: undefined })]
    const count = (conditions: never) => checkScoringReadiness(leads, { now: NOW, conditions }).qualified
    expect(count([{ field: 'industry', operator: 'in', values: ['financial', 'insurance'] }] as never)).toBe(2)
    expect(count([{ field: 'industry', operator: 'not-in', values: ['financial'] }] as never)).toBe(2)
    expect(count([{ field: 'industry', operator: 'contains-data' }] as never)).toBe(2)
    expect(count([{ field: 'industry', operator: 'does-not-contain-data' }] as never)).toBe(1)
    expect(count([{ field: 'industry', operator: 'not-equals', value: 'financial' }] as never)).toBe(2)
  })

  it('rejects bad conditions with their path', () => {
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, conditions: [{ field: 'industry', operator: 'like' }] as never }))).toEqual({
      code: 'invalid_value',
      path: ['conditions', 0, 'operator'],
    })
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, conditions: [{ field: 'extra.__proto__', operator: 'contains-data' }] as never }))).toEqual({
      code: 'forbidden_key',
      path: ['conditions', 0, 'field'],
    })
    expect(codeAndPath(() => checkScoringReadiness([], { now: NOW, conditions: [{ field: 'industry', operator: 'equals' }] as never }))).toEqual({
      code: 'required',
      path: ['conditions', 0, 'value'],
    })
  })

  it('excludes leads of another process flow and aborted process instances', () => {
    const leads = [
      closedLead('a', true),
      closedLead('b', true, { processFlow: 'other-flow' }),
      closedLead('c', false, { processStatus: 'aborted' }),
    ]
    const report = checkScoringReadiness(leads, { now: NOW, processFlow: 'lead-to-opportunity' })
    expect(report.qualified).toBe(1)
    expect(report.excluded['process-flow-mismatch']).toBe(1)
    expect(report.excluded['process-aborted']).toBe(1)
    // Aborted instances are excluded even without a process flow option.
    expect(checkScoringReadiness(leads, { now: NOW }).excluded['process-aborted']).toBe(1)
  })

  it('counts each excluded lead once, under the first rule it breaks', () => {
    const lead = closedLead('x', true, { createdOn: '2024-01-01T00:00:00.000Z', processStatus: 'aborted', processFlow: 'other' })
    const report = checkScoringReadiness([lead], { now: NOW, processFlow: 'lead-to-opportunity' })
    expect(report.excluded).toEqual({
      'not-closed': 0,
      'created-before-previous-year': 1,
      'outside-window': 0,
      'condition-mismatch': 0,
      'process-flow-mismatch': 0,
      'process-aborted': 0,
    })
  })

  it('does not mutate its input and returns a frozen report', () => {
    const leads = frozen(closedLeads(3, 3))
    const options = frozen({ now: NOW, conditions: [{ field: 'industry', operator: 'equals' as const, value: 'consulting' }] })
    const report = checkScoringReadiness(leads, options)
    expect(Object.isFrozen(report)).toBe(true)
    expect(Object.isFrozen(report.excluded)).toBe(true)
  })
})
