import { describe, expect, it } from 'vitest'
import { NameFrequency } from '../../../src/duplicates/internal/nameFrequency.js'

// Parts as BlockingKeyHasher.parts gives them: given sound, surname sound, company, domain, and which are there.
const ALL = 1 | 2 | 4 | 8
const NO_GIVEN = 2 | 4 | 8
const JAMES = 11
const MARY = 12
const SMITH = 21
const JONES = 22
const MEGACORP = 31
const BAKERY = 32
const DOMAIN = 41

function frequencyOf(rows: readonly (readonly number[] | undefined)[]): NameFrequency {
  return new NameFrequency(rows.length, (slot) => rows[slot])
}

describe('NameFrequency', () => {
  it('expects company leads × share of the given name × share of the surname, the pair left out', () => {
    // Ten leads at MegaCorp: four James, four Smith (two James Smith), plus two leads elsewhere (twelve in all).
    const rows: number[][] = []
    for (let i = 0; i < 10; i += 1) rows.push([i < 4 ? JAMES : MARY, i < 2 || (i >= 4 && i < 6) ? SMITH : JONES, MEGACORP, DOMAIN, ALL])
    rows.push([MARY, JONES, BAKERY, 0, ALL - 8], [MARY, JONES, BAKERY, 0, ALL - 8])
    const frequency = frequencyOf(rows)
    // Slots 0 and 1 are the two James Smiths: others at MegaCorp 8, other James 2, other Smiths 2, of 10 other leads.
    expect(frequency.expectedNamesakes(0, 1, false)).toBeCloseTo((8 * 2 * 2) / (10 * 10))
    // By domain: the same counts (every MegaCorp lead has the domain).
    expect(frequency.expectedNamesakes(0, 1, true)).toBeCloseTo((8 * 2 * 2) / (10 * 10))
    // The two bakery leads: no other lead at the bakery, so nobody to be confused with; no domain at all.
    expect(frequency.expectedNamesakes(10, 11, false)).toBe(0)
    expect(frequency.expectedNamesakes(10, 11, true)).toBe(0)
  })

  it('counts a missing given name as any given name, and a lead without a surname or workplace as unjudged', () => {
    const rows: (number[] | undefined)[] = [
      [0, SMITH, MEGACORP, 0, NO_GIVEN - 8],
      [JAMES, SMITH, MEGACORP, 0, ALL - 8],
      undefined, // a free slot: not counted
      [MARY, SMITH, MEGACORP, 0, ALL - 8],
      [MARY, SMITH, MEGACORP, 0, ALL - 8],
      [MARY, 0, MEGACORP, 0, 1 | 4],
    ]
    const frequency = frequencyOf(rows)
    // Slot 0 has no given name: others at MegaCorp 3 (slots 3, 4, 5), other Smiths 2, any given name: 3 of 3 others.
    expect(frequency.expectedNamesakes(0, 1, false)).toBeCloseTo((3 * 2 * 3) / (3 * 3))
    // Slot 5 has no surname (0 from its side), so the pair is judged from slot 3's: others at MegaCorp 3 (slots 0, 1,
    // 4), other Smiths 3 (slot 5 has none to leave out), other Marys 1 (slot 4).
    expect(frequency.expectedNamesakes(5, 3, false)).toBeCloseTo((3 * 3 * 1) / (3 * 3))
    // By a domain neither has: 0.
    expect(frequency.expectedNamesakes(0, 1, true)).toBe(0)
  })
})
