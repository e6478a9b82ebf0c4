import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileScoringModel, parseScoringModel, scoreLead, trainScoringModel } from '../../src/scoring/index.js'
import type { Lead } from '../../src/records/types.js'
import { sigmoid } from '../../src/scoring/internal/learn.js'
import type { CompiledScoringModel, ScoringModel } from '../../src/scoring/types.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW, daysAgo, openLead } from '../support/scoringLeads.js'
import { generateWideScoringHistory, WIDE_ATTRIBUTES } from '../support/wideScoringHistory.js'

const history = generateScoringHistory({ count: 2000, now: NOW, seed: 5 })
const model = trainScoringModel(history, { now: NOW, published: true })

/**
 * The probability the lead's breakdown adds up to: the values factors() (and scoreLead) read per attribute, their
 * weights added to the intercept in model order, then the interactions' cells, in the order the scorer adds them.
 */
function breakdownProbability(trained: ScoringModel, scorer: CompiledScoringModel, lead: Lead): number {
  const values = new Map(scorer.factors(lead).map((factor) => [factor.attribute, factor.value]))
  const names = trained.attributes.map((attribute) => attribute.name)
  const bins = trained.attributes.map((attribute) => attribute.values.findIndex((v) => v.value === values.get(attribute.name)))
  let z = trained.intercept
  trained.attributes.forEach((attribute, j) => {
    const bin = bins[j] as number
    if (bin >= 0) z += attribute.values[bin]?.weight as number
  })
  for (const interaction of trained.interactions) {
    const x = bins[names.indexOf(interaction.attributes[0])] as number
    const y = bins[names.indexOf(interaction.attributes[1])] as number
    if (x < 0 || y < 0) continue
    z += interaction.weights[interaction.groups[0][x] as number]?.[interaction.groups[1][y] as number] as number
  }
  return sigmoid(trained.calibration.a * z + trained.calibration.b)
}

/** Compiled probability and score against the breakdown sum and scoreLead, to the bit. */
function expectSameAsBreakdown(trained: ScoringModel, scorer: CompiledScoringModel, lead: Lead): void {
  const expected = breakdownProbability(trained, scorer, lead)
  expect(Object.is(scorer.probability(lead), expected)).toBe(true)
  const result = scoreLead(trained, lead, { now: NOW })
  expect(result.scored && result.score).toBe(scorer.score(lead))
}

const wideHistory = generateWideScoringHistory(3000, NOW, 11)
const wideModel = trainScoringModel(wideHistory, { now: NOW, seed: 1, published: true, attributes: WIDE_ATTRIBUTES })

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

  it('gives a 20-attribute model the probability its breakdown adds up to, to the bit', () => {
    expect(wideModel.attributes).toHaveLength(20)
    expect(wideModel.interactions.length).toBeGreaterThan(0)
    const scorer = compileScoringModel(wideModel)
    const leads = generateWideScoringHistory(400, NOW, 12).map((lead) => ({ ...lead, state: 'open' as const }))
    for (const lead of leads) expectSameAsBreakdown(wideModel, scorer, lead)
  })

  it('reads odd emails, numbers and custom values as the breakdown does', () => {
    const scorer = compileScoringModel(wideModel)
    const emails = ['x@Hotmail.CO.uk', ' a@GMAIL.com ', 'noat', '', '   ', 'a@b@yahoo.fr', 'a@', 'a@yahoo.', 'a@.com',
      'x@YAHOO.COM.AU', 'x@ gmail.com', 'x@gmail .com', 'x@\u00a0gmail.com', 'x@gma\u0130l.com', 'x@outlook',
      'x@\u212aotmail.com', 'x@163.com', 'x@t-online.de', 'x@live.com.mx', 'x@contoso.com']
    for (const email of emails) expectSameAsBreakdown(wideModel, scorer, openLead({ email }))
    const extras = [{}, { annualRevenue: '12', webVisits: ' 3 ', region: ' North ', daysSinceLastContact: 'x' },
      { annualRevenue: Number.NaN, webVisits: -1e300, region: 7, daysSinceLastContact: 1e300 }]
    for (const extra of extras) expectSameAsBreakdown(wideModel, scorer, openLead({ extra, budgetAmount: Number.NaN }))
  })

  it('reads custom dates, booleans and presence as the breakdown does', () => {
    const custom = generateScoringHistory({ count: 1500, now: NOW, seed: 13 }).map((lead, i) => ({
      ...lead,
      extra: {
        lastVisit: daysAgo((i * 7) % 400),
        subscribed: i % 3 === 0 ? 'yes' : i % 3 === 1,
        referral: i % 4 === 0 ? '' : `ref-${i % 5}`,
      },
    }))
    const attributes = [
      { name: 'extra.lastVisit', kind: 'date' as const },
      { name: 'extra.subscribed', kind: 'boolean' as const },
      { name: 'extra.referral', kind: 'presence' as const },
      'emailDomainType',
      'hasEmail',
    ]
    const trained = trainScoringModel(custom, { now: NOW, published: true, attributes })
    const scorer = compileScoringModel(trained)
    expect(trained.attributes.map((attribute) => attribute.kind)).toEqual(['date', 'boolean', 'presence', 'category', 'presence'])
    for (const lead of custom.slice(0, 200)) expectSameAsBreakdown(trained, scorer, { ...lead, state: 'open' })
    const odd = [{ lastVisit: '2099-01-01', subscribed: 'NO', referral: '  ' }, { lastVisit: 'soon', subscribed: 1 }, undefined]
    for (const extra of odd) expectSameAsBreakdown(trained, scorer, openLead(extra === undefined ? {} : { extra }))
  })

  it('reads any email as the breakdown does (property)', () => {
    const scorer = compileScoringModel(wideModel)
    const domain = fc.oneof(
      fc.constantFrom('gmail.com', 'Hotmail.co.uk', 'YAHOO.fr', 'gmx.at', 'contoso.com', 'outlook', '163.com', ''),
      fc.string({ unit: 'binary', maxLength: 12 }),
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), domain, fc.string({ maxLength: 2 }), (local, host, tail) => {
        expectSameAsBreakdown(wideModel, scorer, openLead({ email: `${local}@${host}${tail}` }))
      }),
      { seed: 14, numRuns: 200 },
    )
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
