// Issue 14: attributes as they are, an Explainable-Boosting-style model, explanations against the average lead,
// and scoreLead refusing models leadkit did not make.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPrng } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'
import {
  compileScoringModel,
  parseScoringModel,
  scoreLead,
  trainScoringModel,
  type ScoringModel,
} from '../../src/scoring/index.js'
import { inferKind, quantileCuts } from '../../src/scoring/internal/attributes.js'
import { catchLeadkitError } from '../support/errors.js'
import { closedLead, daysAgo, NOW, openLead } from '../support/scoringLeads.js'

/** Closed leads whose outcome depends on custom attributes, as a host passes them. */
function customHistory(count: number, seed: number): Lead[] {
  const random = createPrng(seed)
  const leads: Lead[] = []
  for (let i = 0; i < count; i++) {
    // Zero-heavy: 60% have no past purchases; more purchases, more likely to buy.
    const purchases = random() < 0.6 ? 0 : Math.floor(random() * 20) + 1
    const region = ['north', 'south', 'east', 'west'][Math.floor(random() * 4)] as string
    const plan = random() < 0.5 ? 'pro' : 'basic'
    const tier = random() < 0.5 ? 'large' : 'small'
    // A date: leads whose last visit is recent buy more.
    const visitedDaysAgo = Math.floor(random() * 400)
    const income = random() < 0.1 ? undefined : Math.round(random() * 100_000)
    // XOR of plan and tier: no main effect, only the pair tells.
    const xor = (plan === 'pro') !== (tier === 'large') ? 1.4 : -1.4
    const z = -0.5 + (purchases === 0 ? -0.8 : Math.log1p(purchases) * 0.5) + (visitedDaysAgo < 60 ? 1 : -0.3) + xor
    const qualified = random() < 1 / (1 + Math.exp(-z))
    leads.push(
      closedLead(`c-${i}`, qualified, {
        extra: {
          purchases,
          region,
          plan,
          tier,
          lastVisit: daysAgo(visitedDaysAgo + 30).slice(0, 10),
          // The same as purchases, as a string column from a CSV: a near-duplicate attribute.
          purchasesText: String(purchases),
          ...(income === undefined ? {} : { income }),
        },
      }),
    )
  }
  return leads
}

const history = customHistory(4000, 3)
// Automatic selection keeps attributes by their information value alone, so plan and tier, which matter only
// together, are named.
const ATTRIBUTES = ['extra.purchases', 'extra.purchasesText', 'extra.region', 'extra.plan', 'extra.tier', 'extra.lastVisit', 'extra.income']
const model = trainScoringModel(history, { now: NOW, seed: 1, published: true, attributes: ATTRIBUTES })
const byName = (m: ScoringModel, name: string) => m.attributes.find((a) => a.name === name)

describe('attributes as they are', () => {
  it('finds custom attributes without being told, and infers their kinds from the data', () => {
    const automatic = trainScoringModel(history, { now: NOW, seed: 1 })
    expect(byName(automatic, 'extra.purchases')?.kind).toBe('number')
    expect(byName(automatic, 'extra.purchasesText')?.kind).toBe('number')
    expect(byName(automatic, 'extra.lastVisit')?.kind).toBe('date')
    // No signal of its own: left out.
    expect(byName(automatic, 'extra.region')).toBeUndefined()
    expect(byName(model, 'extra.plan')?.kind).toBe('category')
    expect(inferKind([1, '2', ' 3e2 ', undefined, ''])).toBe('number')
    expect(inferKind(['2025-01-02', '2025-03-04T10:00:00Z'])).toBe('date')
    expect(inferKind([true, false])).toBe('boolean')
    expect(inferKind(['1', 'two'])).toBe('category')
  })

  it('takes a kind per attribute, and refuses a kind a built-in attribute does not have', () => {
    const asCategory = trainScoringModel(history, {
      now: NOW,
      attributes: [{ name: 'extra.purchases', kind: 'category' }, 'extra.lastVisit'],
    })
    expect(byName(asCategory, 'extra.purchases')?.kind).toBe('category')
    const error = catchLeadkitError(() => trainScoringModel(history, { now: NOW, attributes: [{ name: 'industry', kind: 'number' }] }))
    expect(error).toMatchObject({ code: 'invalid_combination', path: ['attributes', 0, 'kind'] })
  })

  it('gives a zero-heavy number its own bin for 0 and a missing value its own bin', () => {
    const purchases = byName(model, 'extra.purchases')
    expect(purchases?.cuts?.[0]).toBe(1)
    expect(purchases?.values[0]?.value).toBe('<1')
    const income = byName(model, 'extra.income')
    expect(income?.values.map((v) => v.value)).toContain('(empty)')
    // Six zeros of ten: 0 is alone in the first bin, whatever the quantiles say.
    expect(quantileCuts(Float64Array.from([0, 0, 0, 0, 0, 0, 5, 6, 7, 8]), 4)[0]).toBe(5)
  })

  it('cuts numbers at quantiles: no empty bin, each value in exactly one bin, a heavy value alone (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -50, max: 50 })), { minLength: 1, maxLength: 300 }), (values) => {
        const cuts = quantileCuts(Float64Array.from(values), 8)
        for (let k = 1; k < cuts.length; k++) expect(cuts[k] as number).toBeGreaterThan(cuts[k - 1] as number)
        const sorted = [...values].sort((x, y) => x - y)
        expect(cuts.every((cut) => cut > (sorted[0] as number))).toBe(true)
        // A value held by at least 1/8 of them is alone in its bin.
        const zeros = values.filter((v) => v === 0).length
        if (zeros * 8 >= values.length && values.some((v) => v > 0) && values.some((v) => v < 0)) {
          expect(cuts).toContain(0)
          expect(cuts.some((cut) => cut > 0 && !values.some((v) => v > 0 && v < cut))).toBe(true)
        }
      }),
    )
  })

  it('reads a date as its age in days at the instant of scoring (date-fns elapsed time, any time zone)', () => {
    const scorerNow = compileScoringModel(model, { now: NOW })
    const later = compileScoringModel(model, { now: '2027-06-15T12:00:00.000Z' })
    const lead = openLead({ extra: { lastVisit: daysAgo(5).slice(0, 10), purchases: 0 } })
    const age = (scorer: typeof scorerNow) => scorer.factors(lead).find((f) => f.attribute === 'extra.lastVisit')?.value
    expect(age(scorerNow)).not.toBe(age(later))
    expect(() => compileScoringModel(model, { now: 'tomorrow' })).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['now'] }))
  })
})

describe('the model', () => {
  it('learns the pair an additive model cannot see, named by both attributes', () => {
    const names = model.interactions.map((i) => [...i.attributes].sort().join(' × '))
    expect(names).toContain('extra.plan × extra.tier')
    const additive = trainScoringModel(history, { now: NOW, seed: 1, maxInteractions: 0, attributes: ATTRIBUTES, acceptWeakModel: true })
    expect(additive.interactions).toEqual([])
    expect(model.holdoutAuc).toBeGreaterThan(additive.holdoutAuc + 0.05)
    const result = scoreLead(model, openLead({ extra: { plan: 'pro', tier: 'small', purchases: 3 } }), { now: NOW })
    const factors = result.scored ? [...result.factors.positive, ...result.factors.negative] : []
    expect(factors.some((f) => /extra\.(plan|tier) × extra\.(plan|tier)/.test(f.attribute) && f.value.includes(' & '))).toBe(true)
  })

  it('makes every score exactly the sum of its parts: intercept plus terms, then calibration', () => {
    const scorer = compileScoringModel(model)
    for (const lead of customHistory(50, 9).map((l) => ({ ...l, state: 'open' as const }))) {
      const parts = scorer.factors(lead)
      const z = parts.reduce((sum, f) => sum + f.weight / model.calibration.a, model.intercept)
      expect(scorer.probability(lead)).toBeCloseTo(1 / (1 + Math.exp(-(model.calibration.a * z + model.calibration.b))), 12)
    }
  })

  it('centres each term on the training leads, so factors are measured against the average lead', () => {
    for (const attribute of model.attributes) {
      if (attribute.ignoreEmptyValues) continue
      let sum = 0
      let count = 0
      // Value counts are over the training part; the centring is over every lead, so the mean is near 0, not 0.
      for (const value of attribute.values) {
        sum += value.weight * (value.qualified + value.disqualified)
        count += value.qualified + value.disqualified
      }
      expect(Math.abs(sum / count)).toBeLessThan(0.05)
    }
  })

  it('lets near-duplicate attributes share one factor slot', () => {
    const purchases = byName(model, 'extra.purchases')
    const text = byName(model, 'extra.purchasesText')
    expect(purchases?.group).toBe(text?.group)
    const lead = openLead({ extra: { purchases: 15, purchasesText: '15', plan: 'pro', tier: 'large' } })
    const result = scoreLead(model, lead, { now: NOW })
    if (!result.scored) throw new Error('not scored')
    const slots = [...result.factors.positive, ...result.factors.negative].map((f) => f.attribute)
    expect(slots.filter((name) => name === 'extra.purchases' || name === 'extra.purchasesText').length).toBeLessThanOrEqual(1)
  })

  it('is deterministic for a seed and round-trips through JSON, scoring identically', () => {
    const again = trainScoringModel(history, { now: NOW, seed: 1, published: true, attributes: ATTRIBUTES })
    expect(JSON.stringify(again)).toBe(JSON.stringify(model))
    const parsed = parseScoringModel(JSON.parse(JSON.stringify(model)))
    expect(parsed).toEqual(model)
    const lead = openLead({ extra: { purchases: 2, plan: 'basic', tier: 'large', lastVisit: '2026-05-01' } })
    expect(scoreLead(parsed, lead, { now: NOW })).toEqual(scoreLead(model, lead, { now: NOW }))
    expect(JSON.stringify(model).length).toBeLessThan(200 * 1024)
  })
})

describe('scoreLead refuses a model leadkit did not make and could not parse', () => {
  const lead = openLead()
  const tampered = (change: (m: Record<string, any>) => void): Record<string, any> => {
    const copy = JSON.parse(JSON.stringify(model))
    change(copy)
    return copy
  }

  it.each([
    ['formatVersion 99', (m: Record<string, any>) => (m.formatVersion = 99), ['formatVersion']],
    ['calibration.a as a string', (m: Record<string, any>) => (m.calibration.a = '1'), ['calibration', 'a']],
    ['unsorted cuts', (m: Record<string, any>) => {
      const at = m.attributes.findIndex((a: { cuts?: number[] }) => (a.cuts?.length ?? 0) > 1)
      m.attributes[at].cuts.reverse()
    }, ['attributes']],
    ['an interaction group out of its table', (m: Record<string, any>) => (m.interactions[0].groups[0][0] = 99), ['interactions', 0, 'groups', 0, 0]],
    ['a weight as null', (m: Record<string, any>) => (m.attributes[0].values[0].weight = null), ['attributes', 0, 'values', 0, 'weight']],
  ])('%s is invalid_model with its path, never a score or a TypeError', (_, change, path) => {
    const error = catchLeadkitError(() => scoreLead(tampered(change) as ScoringModel, lead, { now: NOW }))
    expect(error.code).toBe('invalid_model')
    expect(error.path.slice(0, path.length)).toEqual(path)
    expect(() => compileScoringModel(tampered(change) as ScoringModel)).toThrow(expect.objectContaining({ code: 'invalid_model' }))
  })

  it('refuses things that are not models at all', () => {
    for (const bad of [null, 42, 'model', [], {}]) {
      expect(catchLeadkitError(() => scoreLead(bad as never, lead, { now: NOW })).code).toBe('invalid_model')
    }
  })

  it('checks a foreign object once, then scores with its checked copy (later changes are not seen)', () => {
    const copy = JSON.parse(JSON.stringify(model))
    const before = scoreLead(copy, lead, { now: NOW })
    copy.intercept = 50
    expect(scoreLead(copy, lead, { now: NOW })).toEqual(before)
  })
})

describe('a model JSON round trip', () => {
  it('keeps every number, including weights that round to zero (no -0), for any seed (property)', () => {
    const small = customHistory(600, 17)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const trained = trainScoringModel(small, { now: NOW, seed, attributes: ATTRIBUTES, acceptWeakModel: true })
        const text = JSON.stringify(trained)
        const parsed = parseScoringModel(JSON.parse(text))
        expect(parsed).toEqual(trained)
        expect(JSON.stringify(parsed)).toBe(text)
        const weights = trained.attributes.flatMap((a) => a.values.map((v) => v.weight))
        expect(weights.some((w) => Object.is(w, -0))).toBe(false)
      }),
      { numRuns: 5 },
    )
  })
})

describe('scoreLead explains with the terms compileScoringModel sums', () => {
  it('names each factor by its own term when an earlier attribute ignores the lead’s empty value', () => {
    const ignoring = trainScoringModel(history, {
      now: NOW,
      seed: 2,
      published: true,
      attributes: [{ name: 'extra.income', ignoreEmptyValues: true }, ...ATTRIBUTES.filter((a) => a !== 'extra.income')],
    })
    const scorer = compileScoringModel(ignoring, { now: NOW })
    for (const lead of customHistory(40, 23).map((l) => ({ ...l, state: 'open' as const, extra: { ...l.extra, income: undefined } }))) {
      const result = scoreLead(ignoring, lead, { now: NOW })
      if (!result.scored) throw new Error('not scored')
      const parts = scorer.factors(lead)
      for (const factor of [...result.factors.positive, ...result.factors.negative]) {
        const part = parts.find((p) => p.attribute === factor.attribute)
        expect(part?.value).toBe(factor.value)
        expect(factor.weight).toBe(Math.round((part?.weight ?? Number.NaN) * 1000) / 1000)
      }
      expect(result.score).toBe(scorer.score(lead))
    }
  })
})

describe('near-duplicates share a slot after an attribute that ignores the lead’s empty value', () => {
  it('keeps one of purchases and purchasesText when income, listed first, is ignored', () => {
    const ignoring = trainScoringModel(history, {
      now: NOW,
      published: true,
      attributes: [{ name: 'extra.income', ignoreEmptyValues: true }, 'extra.purchases', 'extra.purchasesText'],
    })
    expect(byName(ignoring, 'extra.purchases')?.group).toBe(byName(ignoring, 'extra.purchasesText')?.group)
    for (const purchases of [0, 15]) {
      const lead = openLead({ extra: { purchases, purchasesText: String(purchases) } })
      const result = scoreLead(ignoring, lead, { now: NOW })
      if (!result.scored) throw new Error('not scored')
      const names = [...result.factors.positive, ...result.factors.negative].map((f) => f.attribute)
      // Interactions (named `a × b`) are terms of their own.
      expect(names.filter((name) => name === 'extra.purchases' || name === 'extra.purchasesText').length).toBe(1)
    }
  })
})
