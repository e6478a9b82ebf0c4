import { describe, expect, it } from 'vitest'
import { DEFAULT_GRADE_BANDS, moveGradeBoundary } from '../../src/scoring/index.js'

describe('moveGradeBoundary', () => {
  it("moves a grade's lower bound and its lower neighbour's upper bound together", () => {
    expect(moveGradeBoundary(DEFAULT_GRADE_BANDS, 'B', 60)).toEqual([
      { grade: 'A', min: 75, max: 100 },
      { grade: 'B', min: 60, max: 74 },
      { grade: 'C', min: 25, max: 59 },
      { grade: 'D', min: 0, max: 24 },
    ])
    expect(moveGradeBoundary(DEFAULT_GRADE_BANDS, 'A', 90)[1]).toEqual({ grade: 'B', min: 50, max: 89 })
    expect(moveGradeBoundary(DEFAULT_GRADE_BANDS, 'C', 10)[3]).toEqual({ grade: 'D', min: 0, max: 9 })
  })

  it('allows squeezing a band down to one score, but not to none', () => {
    expect(moveGradeBoundary(DEFAULT_GRADE_BANDS, 'B', 26)[2]).toEqual({ grade: 'C', min: 25, max: 25 })
    expect(() => moveGradeBoundary(DEFAULT_GRADE_BANDS, 'B', 25)).toThrow(expect.objectContaining({ code: 'invalid_bands' }))
    expect(() => moveGradeBoundary(DEFAULT_GRADE_BANDS, 'A', 101)).toThrow(expect.objectContaining({ code: 'invalid_bands' }))
  })

  it("refuses to move D's lower bound, which is always 0", () => {
    expect(() => moveGradeBoundary(DEFAULT_GRADE_BANDS, 'D', 5)).toThrow(expect.objectContaining({ code: 'invalid_bands', path: ['grade'] }))
  })

  it('does not mutate the bands it is given', () => {
    const before = JSON.stringify(DEFAULT_GRADE_BANDS)
    moveGradeBoundary(DEFAULT_GRADE_BANDS, 'B', 60)
    expect(JSON.stringify(DEFAULT_GRADE_BANDS)).toBe(before)
  })
})
