import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizePhone } from '../../src/duplicates/normalizePhone.js'

describe('normalizePhone', () => {
  it.each([
    ['(425) 555-0100', 'US', '+14255550100'],
    ['425.555.0100', 'US', '+14255550100'],
    ['425-555-0100', 'US', '+14255550100'],
    ['1 (425) 555-0100', 'US', '+14255550100'],
    ['+1 425 555 0100', undefined, '+14255550100'],
    ['+1 (425) 555-0100', 'GB', '+14255550100'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['+44 (0) 20 7946 0958', undefined, '+442079460958'],
    ['030 1234567', 'DE', '+49301234567'],
    ['+1 425 555 0100 ext. 12', undefined, '+14255550100'],
  ])('%s (region %s) → %s', (input, region, expected) => {
    expect(normalizePhone(input, region === undefined ? undefined : { defaultRegion: region })).toBe(expected)
  })
  it('accepts a lower-case region', () => {
    expect(normalizePhone('020 7946 0958', { defaultRegion: 'gb' })).toBe('+442079460958')
  })
  it('gives undefined for unreadable numbers', () => {
    expect(normalizePhone('')).toBeUndefined()
    expect(normalizePhone('  ')).toBeUndefined()
    expect(normalizePhone('12')).toBeUndefined()
    expect(normalizePhone('call me')).toBeUndefined()
    expect(normalizePhone('555-0100', { defaultRegion: 'US' })).toBeUndefined()
    expect(normalizePhone('(425) 555-0100')).toBeUndefined()
    expect(normalizePhone('020 7946 0958', { defaultRegion: 'ZZ' })).toBeUndefined()
    expect(normalizePhone('+0 123 456 789')).toBeUndefined()
  })
  it('gives the same answer on the fast path as the parser for US numbers in any format', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 999_999 }),
        (a, b, c, d) => {
          const area = `${a}${String(b).padStart(2, '0')}`
          const rest = `${c}${String(d).padStart(6, '0')}`
          const e164 = `+1${area}${rest}`
          const local = `${rest.slice(0, 3)}-${rest.slice(3)}`
          expect(normalizePhone(`(${area}) ${local}`, { defaultRegion: 'US' })).toBe(e164)
          expect(normalizePhone(`+1 ${area} ${local}`)).toBe(e164)
          expect(normalizePhone(`${area}.${rest.slice(0, 3)}.${rest.slice(3)}`, { defaultRegion: 'US' })).toBe(e164)
        },
      ),
      { numRuns: 200 },
    )
  })
})
