import { describe, expect, it } from 'vitest'
import { parseScoringModel, scoreLead, trainScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW, openLead } from '../support/scoringLeads.js'

const history = generateScoringHistory({ count: 2000, now: NOW, seed: 5 })
const model = trainScoringModel(history, { now: NOW, seed: 1, published: true, id: 'prepared' })

describe('the compiled form scoreLead keeps with a model', () => {
  it('is invisible: keys, JSON and equality are those of the plain model', () => {
    const parsed = parseScoringModel(JSON.parse(JSON.stringify(model)))
    expect(parsed).toEqual(model)
    expect(Object.keys(parsed)).toEqual(Object.keys(JSON.parse(JSON.stringify(model))))
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(model))
  })

  it('scores alike whether the model was trained, parsed, or copied by hand', () => {
    const lead = openLead()
    const trained = scoreLead(model, lead, { now: NOW })
    expect(scoreLead(parseScoringModel(JSON.parse(JSON.stringify(model))), lead, { now: NOW })).toEqual(trained)
    expect(scoreLead({ ...model }, lead, { now: NOW })).toEqual(trained)
    expect(scoreLead(JSON.parse(JSON.stringify(model)), lead, { now: NOW })).toEqual(trained)
  })

  it("checks each call's own `now`: the 2-year cutoff moves with it, a bad `now` after a good one is refused", () => {
    const lead = openLead({ createdOn: '2024-06-15T12:00:00.000Z' })
    const later = '2026-06-15T12:00:00.001Z'
    expect(scoreLead(model, lead, { now: NOW }).scored).toBe(true)
    expect(scoreLead(model, lead, { now: later })).toMatchObject({ scored: false, reason: 'created-over-2-years-ago' })
    expect(scoreLead(model, lead, { now: NOW }).scored).toBe(true)
    const badNow = expect.objectContaining({ code: 'invalid_format', path: ['now'] })
    expect(() => scoreLead(model, lead, { now: '2026-06-15' })).toThrow(badNow)
  })
})
