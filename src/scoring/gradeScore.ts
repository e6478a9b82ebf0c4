import { LeadkitError } from '../errors.js'
import { asLeadkitError, describe } from '../internal/validate.js'
import { DEFAULT_GRADE_BANDS } from './parseGradeBands.js'
import type { Grade, GradeBands } from './types.js'

/**
 * The grade of a score: the highest band whose lower bound the score reaches. Bounds are whole numbers and both
 * included, so with the default bands 75 is A and 74 is B; a fractional score such as 74.5 is B (it has not
 * reached 75).
 *
 * @param score - 0 to 100
 * @param bands - bands from {@link parseGradeBands}; {@link DEFAULT_GRADE_BANDS} when absent
 * @throws LeadkitError `invalid_value` at `['score']` for a score outside 0–100
 * @example
 * gradeScore(75) //=> 'A'
 * gradeScore(74) //=> 'B'
 */
export function gradeScore(score: number, bands: GradeBands = DEFAULT_GRADE_BANDS): Grade {
  try {
    return gradeScoreUnguarded(score, bands)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function gradeScoreUnguarded(score: number, bands: GradeBands = DEFAULT_GRADE_BANDS): Grade {
  if (typeof score !== 'number' || !(score >= 0 && score <= 100)) {
    throw new LeadkitError({ code: 'invalid_value', path: ['score'], message: `score must be a number from 0 to 100 (got ${describe(score)})` })
  }
  for (const band of bands) if (score >= band.min) return band.grade
  return 'D'
}
