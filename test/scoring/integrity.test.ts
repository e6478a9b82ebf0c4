// Regression tests of issue 17 ("Integrity and security") for scoring: each `describe` names the defect it pins.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IssuePath, SafeParseResult } from '../../src/errors.js'
import {
  checkScoringReadiness,
  parseGradeBands,
  safeParseGradeBands,
  safeParseScoringModel as safeParseModel,
  safeParseScoringModel,
  trainScoringModel,
} from '../../src/scoring/index.js'
import { catchLeadkitError } from '../support/errors.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW } from '../support/scoringLeads.js'

const history = generateScoringHistory({ count: 1500, now: NOW, seed: 4 })
const model = trainScoringModel(history, {
  now: NOW,
  published: true,
  processFlow: 'lead-to-opportunity',
  conditions: [{ field: 'industry', operator: 'not-equals', value: 'insurance' }],
  // Purely additive, so a test may add values to an attribute without giving each one an interaction group.
  maxInteractions: 0,
})
const stored = (): Record<string, any> => JSON.parse(JSON.stringify(model))
const issues = (result: SafeParseResult<unknown>): [string, IssuePath, string][] =>
  result.success ? [] : result.issues.map((issue) => [issue.code, issue.path, issue.message])
const codesAndPaths = (result: SafeParseResult<unknown>) => issues(result).map(([code, path]) => [code, path])

describe('typos were silently ignored in scoring conditions', () => {
  const readiness = (conditions: unknown) => () => checkScoringReadiness([], { now: NOW, conditions } as never)

  it('refuses an unknown key of a condition with its path and a did-you-mean', () => {
    const error = catchLeadkitError(readiness([{ field: 'industry', operator: 'equals', valeu: 'retail' }]))
    expect(
      error.issues.map((issue) => [issue.code, issue.path]),
    ).toContainEqual(['invalid_value', ['conditions', 0, 'valeu']])
    expect(error.issues.find((issue) => issue.path[2] === 'valeu')?.message).toContain('did you mean "value"?')
  })

  it('refuses value with an operator that takes values, and the other way round, instead of ignoring it', () => {
    expect(
      catchLeadkitError(readiness([{ field: 'industry', operator: 'in', values: ['a'], value: 'b' }])),
    ).toMatchObject({
      code: 'invalid_combination',
      path: ['conditions', 0, 'value'],
    })
    expect(
      catchLeadkitError(readiness([{ field: 'industry', operator: 'equals', value: 'a', values: ['b'] }])),
    ).toMatchObject({
      code: 'invalid_combination',
      path: ['conditions', 0, 'values'],
    })
    expect(catchLeadkitError(readiness([{ field: 'industry', operator: 'contains-data', value: 'a' }]))).toMatchObject({
      code: 'invalid_combination',
      path: ['conditions', 0, 'value'],
    })
  })

  it('refuses a condition with a typo inside a stored model too', () => {
    const typo = stored()
    typo.conditions[0].opertor = typo.conditions[0].operator
    expect(codesAndPaths(safeParseScoringModel(typo))).toEqual([['invalid_model', ['conditions', 0, 'opertor']]])
  })
})

describe('typos were silently ignored in scoring models (publised)', () => {
  it('refuses a misspelt key at the top of a stored model, with a did-you-mean', () => {
    const { published, ...rest } = stored()
    const result = safeParseScoringModel({ ...rest, publised: published })
    expect(codesAndPaths(result)).toEqual([
      ['invalid_model', ['published']],
      ['invalid_model', ['publised']],
    ])
    expect(issues(result)[1]?.[2]).toContain('did you mean "published"?')
  })

  it.each([
    [
      'trainingWindow',
      (m: Record<string, any>): void => void (m.trainingWindow.form = m.trainingWindow.from),
      ['trainingWindow', 'form'],
    ],
    ['calibration', (m: Record<string, any>): void => void (m.calibration.slope = 1), ['calibration', 'slope']],
    ['counts', (m: Record<string, any>): void => void (m.counts.trainig = 1), ['counts', 'trainig']],
    [
      'an attribute',
      (m: Record<string, any>): void => void (m.attributes[0].ignoreEmptyValue = true),
      ['attributes', 0, 'ignoreEmptyValue'],
    ],
    [
      'a value',
      (m: Record<string, any>): void => void (m.attributes[1].values[0].wieght = 0),
      ['attributes', 1, 'values', 0, 'wieght'],
    ],
    ['the model itself', (m: Record<string, any>): void => void (m.note = 'hello'), ['note']],
  ] as const)('refuses an unknown key of %s at its path', (_, change, path) => {
    const typo = stored()
    change(typo)
    expect(codesAndPaths(safeParseScoringModel(typo))).toEqual([['invalid_model', path]])
  })

  it('refuses a misspelt training option, so { publised: true } does not train a draft', () => {
    const error = catchLeadkitError(() => trainScoringModel(history, { now: NOW, publised: true } as never))
    expect(error).toMatchObject({ code: 'invalid_value', path: ['publised'] })
    expect(error.message).toContain('did you mean "published"?')
    expect(
      catchLeadkitError(() => checkScoringReadiness(history, { now: NOW, trainingWindowMonth: 6 } as never)),
    ).toMatchObject({
      code: 'invalid_value',
      path: ['trainingWindowMonth'],
    })
    expect(
      catchLeadkitError(
        () => trainScoringModel(history, { now: NOW, attributes: [{ name: 'industry', ignoreEmpty: true }] } as never),
      ),
    ).toMatchObject({
      code: 'invalid_value',
      path: ['attributes', 0, 'ignoreEmpty'],
    })
  })
})

describe('typos were silently ignored in grade bands', () => {
  const bands = [
    { grade: 'A', min: 80, max: 100 },
    { grade: 'B', min: 60, max: 79 },
    { grade: 'C', min: 30, max: 59 },
    { grade: 'D', min: 0, max: 29 },
  ]

  it('refuses an unknown key of a band with its path and a did-you-mean', () => {
    const result = safeParseGradeBands([bands[0], { ...bands[1], mni: 60 }, bands[2], bands[3]])
    expect(codesAndPaths(result)).toEqual([['invalid_bands', [1, 'mni']]])
    expect(issues(result)[0]?.[2]).toContain('did you mean "min"?')
    expect(parseGradeBands(bands)).toEqual(bands)
  })
})

// Counts that did not add up, a training window that ended before it started.
describe('parseScoringModel accepted inconsistent models', () => {
  const problem = (change: (m: Record<string, any>) => void) => {
    const m = stored()
    change(m)
    return codesAndPaths(safeParseScoringModel(m))
  }
  const index = (m: Record<string, any>, name: string): number =>
    m.attributes.findIndex((a: { name: string }) => a.name === name)
  const budget = index(stored(), 'budgetStatus')
  const employees = index(stored(), 'numberOfEmployees')
  const decision = index(stored(), 'decisionMaker')

  it('the trained model is consistent', () => {
    expect(safeParseScoringModel(stored()).success).toBe(true)
    expect([budget, employees, decision].every((i) => i >= 0)).toBe(true)
  })

  it('refuses counts whose training and holdout do not add up to the qualified and disqualified leads', () => {
    expect(problem((m) => (m.counts.training += 1))).toEqual([['invalid_model', ['counts', 'training']]])
  })

  it('refuses a window that ends before it starts, is not its months long, or does not end when trained', () => {
    expect(
      problem((m) => ([m.trainingWindow.from, m.trainingWindow.to] = [m.trainingWindow.to, m.trainingWindow.from])),
    ).toContainEqual([
      'invalid_model',
      ['trainingWindow', 'from'],
    ])
    expect(problem((m) => (m.trainingWindow.months = 6))).toEqual([['invalid_model', ['trainingWindow', 'from']]])
    expect(
      problem((m) => (m.trainedOn = '2026-06-16T12:00:00.000Z')),
    ).toEqual([['invalid_model', ['trainingWindow', 'to']]])
    // The same instants written with an offset are the same window.
    expect(problem((m) => (m.trainedOn = '2026-06-15T14:00:00+02:00'))).toEqual([])
  })

  it("refuses an attribute whose values' counts do not add up to the training leads", () => {
    expect(
      problem((m) => (m.attributes[budget].values[0].qualified += 1)),
    ).toEqual([['invalid_model', ['attributes', budget, 'values']]])
    // Moving a lead from qualified to disqualified keeps the total but not the split the other attributes saw.
    expect(
      problem((m) => {
        m.attributes[budget].values[0].qualified -= 1
        m.attributes[budget].values[0].disqualified += 1
      }),
    ).toEqual([['invalid_model', ['attributes', budget, 'values']]])
  })

  it('refuses a value the attribute kind cannot produce, and a missing (other) or (empty)', () => {
    expect(problem((m) => (m.attributes[decision].values[0].value = 'maybe'))).toEqual(
      [['invalid_model', ['attributes', decision, 'values', 0, 'value']]],
    )
    expect(
      problem((m) => (m.attributes[employees].values[0].value = 'lots')),
    ).toContainEqual(['invalid_model', ['attributes', employees, 'values', 0, 'value']])
    expect(
      problem((m) => {
        m.attributes[budget].values = m.attributes[budget].values.filter(
          (v: { value: string }) => v.value !== '(other)',
        )
      }),
    ).toEqual([['invalid_model', ['attributes', budget, 'values']]])
    expect(
      problem((m) => (m.attributes[budget].ignoreEmptyValues = true)),
    ).toContainEqual(['invalid_model', ['attributes', budget, 'ignoreEmptyValues']])
  })

  it('accepts 256 learnt values of a category and refuses 257 (the boundary), and a value no lead could match', () => {
    const withLearnt = (count: number) => (m: Record<string, any>) => {
      const attribute = m.attributes[budget]
      const learnt = attribute.values.filter((v: { value: string }) => !v.value.startsWith('('))
      // Values with no training leads keep the counts consistent.
      for (let i = learnt.length; i < count; i++) attribute.values.push(
        { value: `title ${i}`, qualified: 0, disqualified: 0, weight: 0 },
      )
    }
    expect(problem(withLearnt(256))).toEqual([])
    expect(problem(withLearnt(257))).toEqual([['invalid_model', ['attributes', budget, 'values']]])
    expect(
      problem((m) => m.attributes[budget].values.push({ value: 'Will Buy', qualified: 0, disqualified: 0, weight: 1 })),
    ).toEqual([
      ['invalid_model', ['attributes', budget, 'values', stored().attributes[budget].values.length, 'value']],
    ])
  })

  it('refuses more cuts than training makes (96), and a seed above 2^32 - 1', () => {
    expect(
      problem((m) => (m.attributes[employees].cuts = Array.from({ length: 97 }, (_, i) => i + 1))),
    ).toContainEqual(['invalid_model', ['attributes', employees, 'cuts']])
    expect(problem((m) => (m.seed = 2 ** 32))).toEqual([['invalid_model', ['seed']]])
  })
})

describe('safeParseScoringModel and safeParseGradeBands never throw, whatever the input', () => {
  it('returns a result for any value, and for a stored model with any value one level down (property)', () => {
    const anything = fc.anything(
      { maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withTypedArray: true },
    )
    const keys = Object.keys(stored())
    fc.assert(
      fc.property(anything, fc.constantFrom(...keys), (value, key) => {
        expect(() => safeParseModel(value)).not.toThrow()
        expect(() => safeParseModel({ ...stored(), [key]: value })).not.toThrow()
        expect(() => safeParseGradeBands(value)).not.toThrow()
        expect(() => safeParseGradeBands([value, value, value, value])).not.toThrow()
      }),
      { numRuns: 200 },
    )
  })

  it('gives a LeadkitError, not a RangeError, for a 100,000-deep value', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    expect(safeParseModel({ ...stored(), conditions: [deep] }).success).toBe(false)
    expect(safeParseModel({ ...stored(), attributes: [deep] }).success).toBe(false)
    expect(safeParseGradeBands([deep, deep, deep, deep]).success).toBe(false)
  })
})
