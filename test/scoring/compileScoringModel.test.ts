import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileScoringModel, parseScoringModel, scoreLead, trainScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW, openLead } from '../support/scoringLeads.js'

const history = generateScoringHistory({ count: 2000, now: NOW, seed: 5 })
const model = trainScoringModel(history, { now: NOW, published: true })

describe('compileScoringModel', () => {
  it('gives the same score as scoreLead', () => {
    const scorer = compileScoringModel(model)
    for (const lead of generateScoringHistory({ count: 100, now: NOW, seed: 8, openShare: 1 })) {
      const result = scoreLead(model, lead, { now: NOW })
      expect(result.scored && result.score).toBe(scorer.score(lead))
    }
  })

  it('computes the score from intercept, weights, interaction tables and calibration', () => {
    const scorer = compileScoringModel(model)
    const lead = openLead()
    let z = model.intercept
    const valueOf = (name: string): number => {
      const attribute = model.attributes.find((a) => a.name === name)
      const factor = scorer.factors(lead).find((f) => f.attribute === name)
      return attribute?.values.findIndex((v) => v.value === factor?.value) ?? -1
    }
    for (const attribute of model.attributes) {
      const factor = scorer.factors(lead).find((f) => f.attribute === attribute.name)
      const value = attribute.values.find((v) => v.value === factor?.value)
      z += value?.weight ?? 0
    }
    expect(model.interactions.length).toBeGreaterThan(0)
    for (const interaction of model.interactions) {
      const [first, second] = interaction.attributes.map(valueOf) as [number, number]
      if (first < 0 || second < 0) continue
      z += interaction.weights[interaction.groups[0][first] as number]?.[interaction.groups[1][second] as number] ?? Number.NaN
    }
    const p = 1 / (1 + Math.exp(-(model.calibration.a * z + model.calibration.b)))
    expect(scorer.probability(lead)).toBeCloseTo(p, 12)
    expect(scorer.score(lead)).toBe(Math.round(100 * p))
  })

  it('maps an unseen category value to (other) and a missing one to (empty)', () => {
    const scorer = compileScoringModel(
      trainScoringModel(history, { now: NOW, attributes: ['jobTitle', { name: 'budgetStatus', ignoreEmptyValues: true }] }),
    )
    const factors = scorer.factors(openLead({ jobTitle: 'Chief Llama Officer', budgetStatus: undefined }))
    expect(factors).toEqual([expect.objectContaining({ attribute: 'jobTitle', value: '(other)' })])
    expect(scorer.factors(openLead({ jobTitle: undefined }))[0]).toMatchObject({ attribute: 'jobTitle', value: '(empty)' })
    expect(scorer.factors(openLead({ jobTitle: '  it   DIRECTOR ' }))[0]).toMatchObject({ value: 'it director' })
  })

  it('reads the email domain type, treating every free-mail provider (hotmail.co.uk, gmail.com) alike', () => {
    const scorer = compileScoringModel(trainScoringModel(history, { now: NOW, attributes: ['emailDomainType'] }))
    expect(scorer.factors(openLead({ email: 'a@Hotmail.co.uk' }))[0]).toMatchObject({ value: 'free-mail' })
    expect(scorer.factors(openLead({ email: 'a@gmail.com' }))[0]).toMatchObject({ value: 'free-mail' })
    expect(scorer.factors(openLead({ email: 'a@contoso.com' }))[0]).toMatchObject({ value: 'business' })
    expect(scorer.factors(openLead({ email: undefined }))[0]).toMatchObject({ value: '(empty)' })
    expect(scorer.score(openLead({ email: 'a@gmail.com' }))).toBeLessThan(scorer.score(openLead({ email: 'a@contoso.com' })))
  })

  it('always scores an integer between 0 and 100 (property)', () => {
    const scorer = compileScoringModel(parseScoringModel(JSON.parse(JSON.stringify(model))))
    fc.assert(
      fc.property(
        fc.record({
          numberOfEmployees: fc.option(fc.double({ noNaN: true, min: -1e12, max: 1e12 }), { nil: undefined }),
          budgetAmount: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
          jobTitle: fc.option(fc.string(), { nil: undefined }),
          email: fc.option(fc.string(), { nil: undefined }),
          decisionMaker: fc.option(fc.boolean(), { nil: undefined }),
        }),
        (fields) => {
          const score = scorer.score(openLead(fields))
          return Number.isInteger(score) && score >= 0 && score <= 100
        },
      ),
    )
  })
})
