import { LeadkitError, type Issue, type SafeParseResult } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError, formatPath, InputReader, safely } from '../internal/validate.js'
import type { Grade, GradeBand, GradeBands } from './types.js'

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']
const BAND_KEYS: readonly string[] = ['grade', 'min', 'max']

/**
 * The grade bands leadkit uses when an admin has set none: A 75–100, B 50–74, C 25–49, D 0–24 (bounds included).
 *
 * @example
 * DEFAULT_GRADE_BANDS[1] //=> { grade: 'B', min: 50, max: 74 }
 */
export const DEFAULT_GRADE_BANDS: GradeBands = Object.freeze([
  Object.freeze({ grade: 'A', min: 75, max: 100 }),
  Object.freeze({ grade: 'B', min: 50, max: 74 }),
  Object.freeze({ grade: 'C', min: 25, max: 49 }),
  Object.freeze({ grade: 'D', min: 0, max: 24 }),
] as const satisfies GradeBands)

/**
 * Reads an admin's grade bands: four bands A–D, each `{ grade, min, max }` with whole-number bounds that are both
 * included, together covering 0–100 with no gap and no overlap (A ends at 100, D starts at 0, each band ends one
 * below the next higher band's start). The bands may come in any order; the result is ordered A to D. Any other
 * key of a band (a misspelt `mni`) is refused, with the nearest known key named.
 *
 * @param input - untrusted bands, e.g. from a settings form or JSON
 * @returns frozen bands, A first
 * @throws LeadkitError `invalid_bands` with the path of the offending band field, e.g. `[1, 'max']`
 * @example
 * parseGradeBands([{ grade: 'A', min: 80, max: 100 }, { grade: 'B', min: 60, max: 79 }, { grade: 'C', min: 30, max: 59 }, { grade: 'D', min: 0, max: 29 }])[0]
 * //=> { grade: 'A', min: 80, max: 100 }
 */
export function parseGradeBands(input: unknown): GradeBands {
  try {
    return parseGradeBandsUnguarded(input)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseGradeBandsUnguarded(input: unknown): GradeBands {
  const reader = new InputReader()
  const list = reader.array(input, [], true)
  if (list !== undefined && list.length !== 4) {
    reader.add('invalid_bands', [], `grade bands must be exactly four, A to D (got ${list.length})`)
  }
  const byGrade = new Map<Grade, { band: GradeBand; index: number }>()
  if (reader.ok && list !== undefined) {
    list.forEach((item, index) => {
      const object = reader.object(item, [index])
      if (object === undefined) return
      const grade = reader.enumeration(object.grade, [index, 'grade'], GRADES, true)
      const min = reader.number(object.min, [index, 'min'], { required: true, integer: true, min: 0, max: 100 })
      const max = reader.number(object.max, [index, 'max'], { required: true, integer: true, min: 0, max: 100 })
      reader.knownKeys(object, BAND_KEYS, [index], 'a grade band')
      if (grade === undefined || min === undefined || max === undefined) return
      if (byGrade.has(grade)) {
        reader.add('invalid_bands', [index, 'grade'], `${formatPath([index, 'grade'])} repeats grade ${grade}; give each of A, B, C and D one band`)
        return
      }
      if (min > max) {
        reader.add('invalid_bands', [index, 'min'], `${formatPath([index, 'min'])} of grade ${grade} (${min}) must not be above its max (${max})`)
        return
      }
      byGrade.set(grade, { band: { grade, min, max }, index })
    })
  }
  if (reader.ok) {
    const a = byGrade.get('A') as { band: GradeBand; index: number }
    const d = byGrade.get('D') as { band: GradeBand; index: number }
    if (a.band.max !== 100) reader.add('invalid_bands', [a.index, 'max'], `grade A must end at 100 (got ${a.band.max}) so every score has a grade`)
    if (d.band.min !== 0) reader.add('invalid_bands', [d.index, 'min'], `grade D must start at 0 (got ${d.band.min}) so every score has a grade`)
    for (let g = 1; g < GRADES.length; g++) {
      const higher = byGrade.get(GRADES[g - 1] as Grade) as { band: GradeBand; index: number }
      const lower = byGrade.get(GRADES[g] as Grade) as { band: GradeBand; index: number }
      if (lower.band.max !== higher.band.min - 1) {
        const problem = lower.band.max >= higher.band.min ? 'overlaps' : 'leaves a gap below'
        reader.add(
          'invalid_bands',
          [lower.index, 'max'],
          `grade ${lower.band.grade} must end at ${higher.band.min - 1}, one below grade ${higher.band.grade}'s start (got ${lower.band.max}, which ${problem} grade ${higher.band.grade})`,
        )
      }
    }
  }
  if (!reader.ok) throw new LeadkitError(asBandIssues(reader.issues))
  return deepFreeze(GRADES.map((grade) => ({ ...(byGrade.get(grade) as { band: GradeBand }).band })) as unknown as GradeBands)
}

/**
 * Like {@link parseGradeBands}, but returns the outcome instead of throwing.
 *
 * @example
 * safeParseGradeBands([]).success //=> false
 */
export function safeParseGradeBands(input: unknown): SafeParseResult<GradeBands> {
  return safely(() => parseGradeBands(input))
}

// Every flaw in grade bands is reported under one code, so a settings form can branch on it.
function asBandIssues(issues: readonly Issue[]): Issue[] {
  return issues.map((issue) => ({ ...issue, code: 'invalid_bands' }))
}
