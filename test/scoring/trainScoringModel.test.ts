import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkScoringReadiness, compileScoringModel, parseScoringModel, trainScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { closedLeads, frozen, NOW } from '../support/scoringLeads.js'
import { catchLeadkitError } from '../support/errors.js'

const history = generateScoringHistory({ count: 3000, now: NOW, seed: 11 })


describe('trainScoringModel', () => {
  it('refuses below 40 qualified leads with not_enough_data and the readiness report', () => {
    const leads = closedLeads(39, 40)
    const error = catchLeadkitError(() => trainScoringModel(leads, { now: NOW }))
    expect(error.code).toBe('not_enough_data')
    expect(error.details).toEqual(checkScoringReadiness(leads, { now: NOW }))
    expect((error.details as { missing: unknown }).missing).toEqual({ qualified: 1, disqualified: 0 })
  })

  it('refuses a model no better than a constant, naming the attributes considered, unless acceptWeakModel', () => {
    const error = catchLeadkitError(() => trainScoringModel(closedLeads(40, 40), { now: NOW }))
    expect(error.code).toBe('not_enough_data')
    expect(error.message).toMatch(/no better than a constant score/)
    expect(error.message).toMatch(/budgetStatus \(category, information value 0\)/)
    expect(error.message).toMatch(/acceptWeakModel: true/)
    expect((error.details as { considered: { name: string }[] }).considered.map((a) => a.name)).toContain('industry')
  })

  it('trains with exactly 40 and 40', () => {
    const model = trainScoringModel(closedLeads(40, 40), { now: NOW, acceptWeakModel: true })
    expect(model.counts.qualified).toBe(40)
    expect(model.counts.disqualified).toBe(40)
    expect(model.counts.training + model.counts.holdout).toBe(80)
    expect(model.counts.holdout).toBe(16)
  })

  it('learns the attributes that carry signal and ranks held-out leads well', () => {
    const model = trainScoringModel(history, { now: NOW, seed: 3 })
    const names = model.attributes.map((a) => a.name)
    expect(names).toContain('budgetStatus')
    expect(names).toContain('purchaseTimeframe')
    expect(names).toContain('decisionMaker')
    // Industry and country carry no signal in the generated history.
    expect(names).not.toContain('industry')
    expect(names).not.toContain('country')
    expect(model.holdoutAuc).toBeGreaterThan(0.8)
    const budget = model.attributes.find((a) => a.name === 'budgetStatus')
    const weight = (value: string) => budget?.values.find((v) => v.value === value)?.weight ?? Number.NaN
    expect(weight('will-buy')).toBeGreaterThan(weight('no-committed-budget'))
    // Attributes are ordered by information value, highest first.
    const ivs = model.attributes.map((a) => a.informationValue)
    expect([...ivs].sort((x, y) => y - x)).toEqual(ivs)
  })

  it('records the training window, conditions, process flow and per-value statistics', () => {
    const model = trainScoringModel(history, { now: NOW, trainingWindowMonths: 12, processFlow: 'lead-to-opportunity', seed: 2 })
    expect(model.formatVersion).toBe(2)
    expect(model.trainingWindow).toEqual({ months: 12, from: '2025-06-15T12:00:00.000Z', to: NOW })
    expect(model.processFlow).toBe('lead-to-opportunity')
    expect(model.conditions).toEqual([])
    expect(model.trainedOn).toBe(NOW)
    expect(model.published).toBe(false)
    for (const attribute of model.attributes) {
      const total = attribute.values.reduce((sum, v) => sum + v.qualified + v.disqualified, 0)
      // Presence attributes never have an empty value, so every training lead is counted once per attribute.
      if (!attribute.ignoreEmptyValues) expect(total).toBe(model.counts.training)
    }
    const employees = model.attributes.find((a) => a.name === 'numberOfEmployees')
    expect(employees?.cuts?.length).toBeGreaterThan(0)
  })

  it('is deterministic for a seed and differs for another seed', () => {
    const a = trainScoringModel(history, { now: NOW, seed: 5 })
    const b = trainScoringModel(history, { now: NOW, seed: 5 })
    const c = trainScoringModel(history, { now: NOW, seed: 6 })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(c.holdoutAuc).not.toBe(a.holdoutAuc)
  })

  it('uses host-chosen attributes in order, with ignoreEmptyValues per attribute', () => {
    const model = trainScoringModel(history, {
      now: NOW,
      attributes: ['industry', { name: 'budgetStatus', ignoreEmptyValues: true }, 'extra.lineOfBusiness'],
    })
    expect(model.attributes.map((a) => [a.name, a.ignoreEmptyValues])).toEqual([
      ['industry', false],
      ['budgetStatus', true],
      ['extra.lineOfBusiness', false],
    ])
    const budget = model.attributes[1]
    expect(budget?.values.map((v) => v.value)).not.toContain('(empty)')
    expect(model.attributes[0]?.values.map((v) => v.value)).toContain('(empty)')
  })

  it('rejects unknown, repeated or empty attribute lists and bad options with their path', () => {
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, attributes: ['shoeSize'] }))).toMatchObject({ code: 'invalid_value', path: ['attributes', 0] })
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, attributes: ['industry', { name: 'industry' }] }))).toMatchObject({
      code: 'invalid_value',
      path: ['attributes', 1, 'name'],
    })
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, attributes: [] }))).toMatchObject({ code: 'invalid_value', path: ['attributes'] })
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, seed: -1 }))).toMatchObject({ code: 'invalid_value', path: ['seed'] })
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, holdoutFraction: 0.9 }))).toMatchObject({ code: 'invalid_value', path: ['holdoutFraction'] })
    expect(catchLeadkitError(() => trainScoringModel(history, { now: NOW, trainingWindowMonths: 25 }))).toMatchObject({
      code: 'invalid_value',
      path: ['trainingWindowMonths'],
    })
  })

  it('produces plain JSON that parses back to an equal model', () => {
    const model = trainScoringModel(history, { now: NOW, id: 'm1', name: 'All leads', published: true })
    const copy = JSON.parse(JSON.stringify(model))
    expect(copy).toEqual(model)
    expect(parseScoringModel(copy)).toEqual(model)
    expect(model.id).toBe('m1')
    expect(model.name).toBe('All leads')
  })

  it('survives a JSON round trip and scores identically, for any seed (property)', () => {
    const small = generateScoringHistory({ count: 600, now: NOW, seed: 12 })
    const open = generateScoringHistory({ count: 50, now: NOW, seed: 13, openShare: 1 })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const model = trainScoringModel(small, { now: NOW, seed })
        const copy = parseScoringModel(JSON.parse(JSON.stringify(model)))
        expect(copy).toEqual(model)
        const a = compileScoringModel(model)
        const b = compileScoringModel(copy)
        for (const lead of open) expect(b.probability(lead)).toBe(a.probability(lead))
      }),
      { numRuns: 15 },
    )
  })

  it('does not mutate its input and returns a frozen model', () => {
    const leads = frozen(generateScoringHistory({ count: 400, now: NOW, seed: 1 }))
    const model = trainScoringModel(leads, frozen({ now: NOW, attributes: [{ name: 'budgetStatus' }] }))
    expect(Object.isFrozen(model)).toBe(true)
    expect(Object.isFrozen(model.attributes[0]?.values[0])).toBe(true)
  })
})
