import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_GRADE_BANDS, gradeScore, parseGradeBands } from '../../src/scoring/index.js'

describe('gradeScore', () => {
  it('grades the exact boundary scores of the default bands', () => {
    expect(gradeScore(100)).toBe('A')
    expect(gradeScore(75)).toBe('A')
    expect(gradeScore(74)).toBe('B')
    expect(gradeScore(50)).toBe('B')
    expect(gradeScore(49)).toBe('C')
    expect(gradeScore(25)).toBe('C')
    expect(gradeScore(24)).toBe('D')
    expect(gradeScore(0)).toBe('D')
  })

  it('puts a fractional score in the band whose lower bound it has reached', () => {
    expect(gradeScore(74.9)).toBe('B')
    expect(gradeScore(24.5)).toBe('D')
  })

  it('grades with custom bands', () => {
    const bands = parseGradeBands([
      { grade: 'A', min: 90, max: 100 },
      { grade: 'B', min: 70, max: 89 },
      { grade: 'C', min: 40, max: 69 },
      { grade: 'D', min: 0, max: 39 },
    ])
    expect(gradeScore(90, bands)).toBe('A')
    expect(gradeScore(89, bands)).toBe('B')
    expect(gradeScore(40, bands)).toBe('C')
    expect(gradeScore(39, bands)).toBe('D')
  })

  it('rejects scores outside 0–100', () => {
    for (const score of [-1, 100.5, Number.NaN]) {
      expect(() => gradeScore(score)).toThrow(expect.objectContaining({ code: 'invalid_value', path: ['score'] }))
    }
  })

  it('gives every integer score exactly the band that contains it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (score) => {
        const band = DEFAULT_GRADE_BANDS.find((b) => score >= b.min && score <= b.max)
        return band?.grade === gradeScore(score)
      }),
    )
  })
})
