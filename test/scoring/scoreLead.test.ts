import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { parseGradeBands, parseScoringModel, scoreLead, trainScoringModel } from '../../src/scoring/index.js'
import type { ScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { closedLead, frozen, NOW, openLead } from '../support/scoringLeads.js'

const history = generateScoringHistory({ count: 3000, now: NOW, seed: 21, linesOfBusiness: ['Retail', 'Manufacturing'] })
const model = trainScoringModel(history, { now: NOW, seed: 1, published: true, id: 'all' })
const retailModel = trainScoringModel(history, {
  now: NOW,
  seed: 1,
  published: true,
  id: 'retail',
  conditions: [{ field: 'extra.lineOfBusiness', operator: 'equals', value: 'Retail' }],
  processFlow: 'lead-to-opportunity',
})

// A lead in the middle of the range, so a score one above and one below exist.
const middling = openLead({ budgetStatus: 'may-buy', purchaseTimeframe: 'next-quarter', decisionMaker: undefined, numberOfEmployees: 50 })

function scored(result: ReturnType<typeof scoreLead>) {
  if (!result.scored) throw new Error(`not scored: ${result.reason}`)
  return result
}

describe('scoreLead', () => {
  it('scores a strong open lead high, a weak one low, as whole numbers from 0 to 100', () => {
    const strong = scored(scoreLead(model, openLead(), { now: NOW }))
    const weak = scored(
      scoreLead(
        model,
        openLead({ budgetStatus: 'no-committed-budget', purchaseTimeframe: 'unknown', decisionMaker: false, email: 'x@gmail.com', numberOfEmployees: 2, leadSource: 'advertisement', website: undefined, jobTitle: 'Intern' }),
        { now: NOW },
      ),
    )
    expect(Number.isInteger(strong.score)).toBe(true)
    expect(strong.score).toBeGreaterThan(80)
    expect(strong.grade).toBe('A')
    expect(weak.score).toBeLessThan(15)
    expect(weak.grade).toBe('D')
  })

  it('explains the score with at most 5 positive and 5 negative factors, strongest first', () => {
    const result = scored(scoreLead(model, openLead({ email: 'x@gmail.com', decisionMaker: false }), { now: NOW }))
    const { positive, negative } = result.factors
    expect(positive.length).toBeLessThanOrEqual(5)
    expect(negative.length).toBeLessThanOrEqual(5)
    expect(positive.every((f) => f.weight > 0)).toBe(true)
    expect(negative.every((f) => f.weight < 0)).toBe(true)
    expect(positive.map((f) => f.weight)).toEqual([...positive.map((f) => f.weight)].sort((a, b) => b - a))
    expect(negative.map((f) => f.weight)).toEqual([...negative.map((f) => f.weight)].sort((a, b) => a - b))
    expect(positive.map((f) => f.attribute)).toContain('budgetStatus')
    expect(negative).toContainEqual(expect.objectContaining({ attribute: 'emailDomainType', value: 'free-mail' }))
    expect(negative).toContainEqual(expect.objectContaining({ attribute: 'decisionMaker', value: 'no' }))
  })

  it('reports the trend against the previous score', () => {
    const { score } = scored(scoreLead(model, middling, { now: NOW }))
    expect(score).toBeGreaterThan(1)
    expect(score).toBeLessThan(99)
    expect(scored(scoreLead(model, middling, { now: NOW })).trend).toBe('not-enough-info')
    expect(scored(scoreLead(model, middling, { now: NOW, previousScore: score - 1 })).trend).toBe('improving')
    expect(scored(scoreLead(model, middling, { now: NOW, previousScore: score + 1 })).trend).toBe('declining')
    expect(scored(scoreLead(model, middling, { now: NOW, previousScore: score })).trend).toBe('steady')
  })

  it('grades with the given bands', () => {
    const { score } = scored(scoreLead(model, middling, { now: NOW }))
    expect(score).toBeGreaterThan(1)
    expect(score).toBeLessThan(99)
    const bands = parseGradeBands([
      { grade: 'A', min: score + 1, max: 100 },
      { grade: 'B', min: score, max: score },
      { grade: 'C', min: 1, max: score - 1 },
      { grade: 'D', min: 0, max: 0 },
    ])
    expect(scored(scoreLead(model, middling, { now: NOW, bands })).grade).toBe('B')
  })

  it('does not score with an unpublished model', () => {
    const draft = parseScoringModel({ ...JSON.parse(JSON.stringify(model)), published: false })
    expect(scoreLead(draft, openLead(), { now: NOW })).toMatchObject({ scored: false, reason: 'model-not-published' })
  })

  it('does not score a closed lead', () => {
    expect(scoreLead(model, closedLead('c', true), { now: NOW })).toMatchObject({ scored: false, reason: 'lead-not-open' })
  })

  it('scores a lead created exactly 2 years ago, but not one created 2 years and 1 day ago', () => {
    const exactly = openLead({ createdOn: '2024-06-15T12:00:00.000Z' })
    const dayMore = openLead({ createdOn: '2024-06-14T12:00:00.000Z' })
    expect(scoreLead(model, exactly, { now: NOW }).scored).toBe(true)
    const result = scoreLead(model, dayMore, { now: NOW })
    expect(result).toMatchObject({ scored: false, reason: 'created-over-2-years-ago' })
    expect(result.scored === false && result.message.length > 0).toBe(true)
  })

  it('checks the 2-year rule against now on every call', () => {
    const lead = openLead({ createdOn: '2024-07-01T00:00:00.000Z' })
    expect(scoreLead(model, lead, { now: NOW }).scored).toBe(true)
    expect(scoreLead(model, lead, { now: '2026-07-01T00:00:00.001Z' })).toMatchObject({ reason: 'created-over-2-years-ago' })
  })

  it("does not score a lead outside the model's conditions or process flow", () => {
    expect(scoreLead(retailModel, openLead({ extra: { lineOfBusiness: 'Manufacturing' } }), { now: NOW })).toMatchObject({
      scored: false,
      reason: 'condition-mismatch',
    })
    expect(scoreLead(retailModel, openLead({ extra: { lineOfBusiness: 'Retail' }, processFlow: 'other' }), { now: NOW })).toMatchObject({
      scored: false,
      reason: 'process-flow-mismatch',
    })
    expect(scoreLead(retailModel, openLead({ extra: { lineOfBusiness: 'Retail' } }), { now: NOW }).scored).toBe(true)
  })

  it('scores identically after JSON.parse(JSON.stringify(model))', () => {
    const copy: ScoringModel = JSON.parse(JSON.stringify(model))
    const parsed = parseScoringModel(JSON.parse(JSON.stringify(model)))
    const leads = generateScoringHistory({ count: 200, now: NOW, seed: 99, openShare: 1 })
    for (const lead of leads) {
      const original = scoreLead(model, lead, { now: NOW })
      expect(scoreLead(copy, lead, { now: NOW })).toEqual(original)
      expect(scoreLead(parsed, lead, { now: NOW })).toEqual(original)
    }
  })

  it('rejects a bad now or previous score', () => {
    expect(() => scoreLead(model, openLead(), { now: 'yesterday' })).toThrow(LeadkitError)
    try {
      scoreLead(model, openLead(), { now: NOW, previousScore: 101 })
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_value', path: ['previousScore'] })
    }
    expect.assertions(2)
  })

  it('does not mutate its inputs and returns a frozen result', () => {
    const lead = frozen(openLead())
    const result = scoreLead(model, lead, frozen({ now: NOW, previousScore: 10 }))
    expect(Object.isFrozen(result)).toBe(true)
    expect(result.scored && Object.isFrozen(result.factors.positive)).toBe(true)
  })
})
