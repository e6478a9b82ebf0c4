import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { didYouMean, InputReader, isIsoInstant } from '../../src/internal/validate.js'

describe('isIsoInstant', () => {
  it.each(['2026-03-01T09:30:00Z', '2026-03-01T09:30Z', '2026-03-01T09:30:00.123456789+05:45', '2026-03-01T09:30:00-14:00', '2024-02-29T23:59:59+14:00'])(
    'accepts %s',
    (value) => {
      expect(isIsoInstant(value)).toBe(true)
      expect(Number.isNaN(Date.parse(value))).toBe(false)
    },
  )
  // Regression (issue 17, "impossible instants are accepted"): Date.parse reads these as NaN, and downstream
  // training threw a RangeError and scoring called every lead "created over 2 years ago".
  it.each(['2026-03-01T09:30:00+99:99', '2026-03-01T09:30:00+24:00', '2026-03-01T09:30:00-23:99', '2026-03-01T09:30:00+14:01', '2026-03-01T09:30:00+05:60'])(
    'impossible instants are refused: %s',
    (value) => expect(isIsoInstant(value)).toBe(false),
  )
  it.each(['2025-02-29T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01', '2026-03-01T09:30:00', 'garbage', ''])('refuses %s', (value) => {
    expect(isIsoInstant(value)).toBe(false)
  })
  it('never accepts what Date.parse cannot read (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'))
    const instant = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32), two(25), two(61), two(61), fc.constantFrom('+', '-'), two(30), two(99))
      .map(([y, mo, d, h, mi, s, sign, oh, om]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${sign}${oh}:${om}`)
    fc.assert(
      fc.property(instant, (value) => {
        if (isIsoInstant(value)) expect(Number.isNaN(Date.parse(value))).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })
  // The toISOString form (24 characters) is read character by character, without the regular expression; it must
  // give exactly the answer of an independent reference: the strict pattern plus a round trip through Date.
  it('reads the toISOString form exactly as a Date round trip does (property)', () => {
    const reference = (value: string): boolean =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) &&
      !Number.isNaN(Date.parse(value)) &&
      new Date(value).toISOString() === value
    const valid = fc
      .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
      .map((date) => date.toISOString())
    const mutated = fc
      .tuple(valid, fc.nat(23), fc.constantFrom(...'0123456789-:.TZ+ a\u0660'), fc.nat(23), fc.constantFrom('2', '3', '9'))
      .map(([text, at, char, at2, digit]) => {
        const once = `${text.slice(0, at)}${char}${text.slice(at + 1)}`
        return `${once.slice(0, at2)}${digit}${once.slice(at2 + 1)}`
      })
    fc.assert(
      fc.property(fc.oneof(valid, mutated), (value) => {
        expect(value).toHaveLength(24)
        expect(isIsoInstant(value)).toBe(reference(value))
      }),
      { numRuns: 5000 },
    )
    for (const value of ['2024-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '20a6-03-01T09:30:00.000Z', '2026-03-01T09:30:00.00aZ']) {
      expect(isIsoInstant(value), value).toBe(reference(value))
    }
  })
})

describe('unknown keys', () => {
  it('names the known key a typo meant, and only a near one', () => {
    expect(didYouMean('caseSensitve', ['caseSensitive', 'published'])).toBe('caseSensitive')
    expect(didYouMean('publised', ['caseSensitive', 'published'])).toBe('published')
    expect(didYouMean('colour', ['caseSensitive', 'published'])).toBeUndefined()
    expect(didYouMean('x'.repeat(1000), ['published'])).toBeUndefined()
  })
  it('reports each unknown key at its path', () => {
    const reader = new InputReader()
    reader.knownKeys({ published: true, publised: false, other: 1 }, ['published', 'name'], ['rules', 2], 'a rule')
    expect(reader.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_value', ['rules', 2, 'publised']],
      ['invalid_value', ['rules', 2, 'other']],
    ])
    expect(reader.issues[0]?.message).toContain('did you mean "published"')
  })
})
