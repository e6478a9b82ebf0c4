import { describe, expect, it } from 'vitest'
import { createPrng } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'
import {
  gradeModelAccuracy,
  MODEL_ACCURACY_BANDS,
  parseScoringModel,
  safeParseScoringModel,
  trainScoringModel,
} from '../../src/scoring/index.js'
import { catchLeadkitError } from '../support/errors.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { closedLeads, NOW } from '../support/scoringLeads.js'

/** The generated history with a share of outcomes flipped (seeded): the more flipped, the weaker any model. */
function noisyHistory(flipShare: number): Lead[] {
  const random = createPrng(5)
  return generateScoringHistory({ count: 2000, now: NOW, seed: 21 }).map((lead) => {
    if (random() >= flipShare) return lead
    const qualified = lead.state !== 'qualified'
    return { ...lead, state: qualified ? 'qualified' : 'disqualified', statusReason: qualified ? 'qualified' : 'lost' }
  })
}

describe('gradeModelAccuracy', () => {
  it('grades each band from its lower bound, included', () => {
    expect(gradeModelAccuracy(1)).toBe('A')
    expect(gradeModelAccuracy(0.8)).toBe('A')
    expect(gradeModelAccuracy(0.7999999)).toBe('B')
    expect(gradeModelAccuracy(0.7)).toBe('B')
    expect(gradeModelAccuracy(0.6999999)).toBe('C')
    expect(gradeModelAccuracy(0.6)).toBe('C')
    expect(gradeModelAccuracy(0.5999999)).toBe('D')
    expect(gradeModelAccuracy(0.5)).toBe('D')
    expect(gradeModelAccuracy(0)).toBe('D')
  })

  it('publishes the bands it grades by, frozen', () => {
    expect(MODEL_ACCURACY_BANDS).toEqual([
      { grade: 'A', minAuc: 0.8 },
      { grade: 'B', minAuc: 0.7 },
      { grade: 'C', minAuc: 0.6 },
    ])
    expect(Object.isFrozen(MODEL_ACCURACY_BANDS)).toBe(true)
    expect(Object.isFrozen(MODEL_ACCURACY_BANDS[0])).toBe(true)
  })

  it('refuses anything but a number from 0 to 1 with a LeadkitError at auc', () => {
    for (const auc of [Number.NaN, -0.01, 1.01, Number.POSITIVE_INFINITY, '0.8', undefined, null]) {
      const error = catchLeadkitError(() => gradeModelAccuracy(auc as number))
      expect(error.code).toBe('invalid_value')
      expect(error.path).toEqual(['auc'])
    }
  })
})

describe('a trained model reports its accuracy grade', () => {
  it('grades its own holdout AUC after training on seeded histories: A, then B and C as outcomes get noisier', () => {
    const clean = trainScoringModel(noisyHistory(0), { now: NOW, seed: 1 })
    const some = trainScoringModel(noisyHistory(0.15), { now: NOW, seed: 1 })
    const more = trainScoringModel(noisyHistory(0.3), { now: NOW, seed: 1 })
    expect([clean.accuracyGrade, some.accuracyGrade, more.accuracyGrade]).toEqual(['A', 'B', 'C'])
    for (const model of [clean, some, more]) expect(model.accuracyGrade).toBe(gradeModelAccuracy(model.holdoutAuc))
    expect(clean.holdoutAuc).toBeGreaterThanOrEqual(0.8)
    expect(some.holdoutAuc).toBeGreaterThanOrEqual(0.7)
    expect(some.holdoutAuc).toBeLessThan(0.8)
    expect(more.holdoutAuc).toBeGreaterThanOrEqual(0.6)
    expect(more.holdoutAuc).toBeLessThan(0.7)
  })

  it('grades a weak model it was told to accept D', () => {
    const model = trainScoringModel(closedLeads(40, 40), { now: NOW, acceptWeakModel: true })
    expect(model.holdoutAuc).toBeLessThan(0.6)
    expect(model.accuracyGrade).toBe('D')
  })
})

describe('parseScoringModel and the accuracy grade', () => {
  const model = trainScoringModel(noisyHistory(0.15), { now: NOW, seed: 1 })
  const json = (): Record<string, unknown> => JSON.parse(JSON.stringify(model)) as Record<string, unknown>
  const issueOf = (input: unknown): { code: string; path: readonly (string | number)[]; message: string } => {
    const result = safeParseScoringModel(input)
    if (result.success) throw new Error('expected an invalid model')
    return { code: result.error.code, path: result.error.path, message: result.error.message }
  }

  it('stores the grade in the model JSON and reads it back', () => {
    expect(json().accuracyGrade).toBe('B')
    expect(parseScoringModel(json())).toEqual(model)
  })

  it('refuses a grade that is not the one of the AUC: an edited grade, or an edited AUC', () => {
    const raised = issueOf({ ...json(), accuracyGrade: 'A' })
    expect(raised).toMatchObject({ code: 'invalid_model', path: ['accuracyGrade'] })
    expect(raised.message).toMatch(/accuracyGrade must be 'B' for a holdoutAuc of/)
    expect(issueOf({ ...json(), holdoutAuc: 0.91 })).toMatchObject({ code: 'invalid_model', path: ['accuracyGrade'] })
    expect(issueOf({ ...json(), accuracyGrade: 'E' })).toMatchObject({ code: 'invalid_model', path: ['accuracyGrade'] })
    expect(issueOf({ ...json(), accuracyGrade: 2 })).toMatchObject({ code: 'invalid_model', path: ['accuracyGrade'] })
  })

  it('derives the grade of a model stored before the field existed', () => {
    const { accuracyGrade: _grade, ...older } = json()
    expect(parseScoringModel(older).accuracyGrade).toBe('B')
    expect(parseScoringModel(older)).toEqual(model)
  })
})
