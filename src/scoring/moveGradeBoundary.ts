import { LeadkitError } from '../errors.js'
import { describe } from '../internal/validate.js'
import { parseGradeBands } from './parseGradeBands.js'
import type { Grade, GradeBands } from './types.js'

const ORDER: readonly Grade[] = ['A', 'B', 'C', 'D']

/**
 * Moves the lower bound of one grade and, with it, the upper bound of the grade below, so the bands stay
 * contiguous (as dragging a boundary in the grade settings does).
 *
 * @param bands - valid bands, A first
 * @param grade - A, B or C (D always starts at 0)
 * @param newLowerBound - the grade's new lowest score, included
 * @returns new frozen bands
 * @throws LeadkitError `invalid_bands` when the move would empty a band, or for grade D
 * @example
 * moveGradeBoundary(DEFAULT_GRADE_BANDS, 'B', 60)
 * //=> [{ grade: 'A', min: 75, max: 100 }, { grade: 'B', min: 60, max: 74 }, { grade: 'C', min: 25, max: 59 }, { grade: 'D', min: 0, max: 24 }]
 */
export function moveGradeBoundary(bands: GradeBands, grade: Grade, newLowerBound: number): GradeBands {
  const index = ORDER.indexOf(grade)
  if (index < 0 || index === ORDER.length - 1) {
    throw new LeadkitError({
      code: 'invalid_bands',
      path: ['grade'],
      message: `only the lower bound of grade A, B or C can move (got ${describe(grade)}); grade D always starts at 0`,
    })
  }
  const moved = bands.map((band, i) => {
    if (i === index) return { ...band, min: newLowerBound }
    if (i === index + 1) return { ...band, max: newLowerBound - 1 }
    return band
  })
  return parseGradeBands(moved)
}
