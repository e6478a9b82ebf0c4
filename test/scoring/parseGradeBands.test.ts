import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { DEFAULT_GRADE_BANDS, parseGradeBands, safeParseGradeBands } from '../../src/scoring/index.js'

const valid = [
  { grade: 'A', min: 80, max: 100 },
  { grade: 'B', min: 60, max: 79 },
  { grade: 'C', min: 30, max: 59 },
  { grade: 'D', min: 0, max: 29 },
]

function error(input: unknown): LeadkitError {
  const result = safeParseGradeBands(input)
  if (result.success) throw new Error('expected invalid bands')
  return result.error
}

describe('parseGradeBands', () => {
  it('reads valid bands in any order and returns them A to D, frozen', () => {
    const bands = parseGradeBands([...valid].reverse())
    expect(bands).toEqual(valid)
    expect(Object.isFrozen(bands)).toBe(true)
    expect(Object.isFrozen(bands[0])).toBe(true)
  })

  it('accepts the default bands and single-score bands', () => {
    expect(parseGradeBands(DEFAULT_GRADE_BANDS)).toEqual(DEFAULT_GRADE_BANDS)
    expect(
      parseGradeBands([
        { grade: 'A', min: 100, max: 100 },
        { grade: 'B', min: 99, max: 99 },
        { grade: 'C', min: 1, max: 98 },
        { grade: 'D', min: 0, max: 0 },
      ])[1],
    ).toEqual({ grade: 'B', min: 99, max: 99 })
  })

  it('rejects a gap between bands at the lower band max', () => {
    const input = valid.map((b) => (b.grade === 'B' ? { ...b, max: 78 } : b))
    expect(error(input)).toMatchObject({ code: 'invalid_bands', path: [1, 'max'] })
    expect(error(input).message).toContain('gap')
  })

  it('rejects an overlap', () => {
    const input = valid.map((b) => (b.grade === 'C' ? { ...b, max: 60 } : b))
    expect(error(input)).toMatchObject({ code: 'invalid_bands', path: [2, 'max'] })
    expect(error(input).message).toContain('overlaps')
  })

  it('rejects bands that do not reach 0 or 100', () => {
    expect(error(valid.map((b) => (b.grade === 'A' ? { ...b, max: 99 } : b)))).toMatchObject({ code: 'invalid_bands', path: [0, 'max'] })
    expect(error(valid.map((b) => (b.grade === 'D' ? { ...b, min: 1 } : b)))).toMatchObject({ code: 'invalid_bands', path: [3, 'min'] })
  })

  it('rejects wrong counts, repeated or unknown grades, and bad numbers, all as invalid_bands', () => {
    expect(error(valid.slice(0, 3))).toMatchObject({ code: 'invalid_bands', path: [] })
    expect(error('A-D')).toMatchObject({ code: 'invalid_bands', path: [] })
    expect(error(valid.map((b) => (b.grade === 'D' ? { ...b, grade: 'A' } : b)))).toMatchObject({ code: 'invalid_bands', path: [3, 'grade'] })
    expect(error(valid.map((b) => (b.grade === 'D' ? { ...b, grade: 'E' } : b)))).toMatchObject({ code: 'invalid_bands', path: [3, 'grade'] })
    expect(error(valid.map((b) => (b.grade === 'B' ? { ...b, min: 59.5 } : b)))).toMatchObject({ code: 'invalid_bands', path: [1, 'min'] })
    expect(error(valid.map((b) => (b.grade === 'A' ? { ...b, max: 101 } : b)))).toMatchObject({ code: 'invalid_bands', path: [0, 'max'] })
    expect(error(valid.map((b) => (b.grade === 'C' ? { ...b, min: '30' } : b)))).toMatchObject({ code: 'invalid_bands', path: [2, 'min'] })
    expect(error(valid.map((b) => (b.grade === 'B' ? { ...b, min: 80, max: 79 } : b)))).toMatchObject({ code: 'invalid_bands', path: [1, 'min'] })
  })

  it('throws a LeadkitError from parseGradeBands', () => {
    expect(() => parseGradeBands([])).toThrow(LeadkitError)
  })

  it('does not mutate its input', () => {
    const input = Object.freeze(valid.map((b) => Object.freeze({ ...b })).reverse())
    parseGradeBands(input)
    expect(input[0]).toEqual({ grade: 'D', min: 0, max: 29 })
  })
})
