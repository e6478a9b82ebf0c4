import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBlank } from '../../src/internal/isBlank.js'

describe('isBlank', () => {
  it.each([undefined, null, '', ' ', '\t\n', '\u00a0', '\u3000\ufeff', '\u2028 \u2029'])('%j is blank', (value) => {
    expect(isBlank(value)).toBe(true)
  })
  it.each(['a', ' a', '\u00a0x', '0', '~', '!', 'é', '\u0000', 0, false, {}, []])('%j is not blank', (value) => {
    expect(isBlank(value)).toBe(false)
  })
  // The fast path (a first character in 33–126) must give the answer trim() gives, for every string.
  it('agrees with trim() on any string (property)', () => {
    const spaces = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u1680', '\u2000', '\u200a', '\u202f', '\u3000', '\ufeff', '\u0085', '\u200b')
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.array(spaces, { maxLength: 4 }).map((parts) => parts.join('')),
      fc.tuple(fc.array(spaces, { maxLength: 2 }), fc.string({ maxLength: 3 })).map(([parts, rest]) => parts.join('') + rest),
    )
    fc.assert(
      fc.property(text, (value) => {
        expect([value, isBlank(value)]).toEqual([value, value.trim() === ''])
      }),
      { numRuns: 5000 },
    )
  })
})
