import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isStorableText } from '../../src/internal/storableText.js'
import { unstorableText } from '../../src/internal/validate.js'

describe('isStorableText', () => {
  it.each(['lead-1', '', '😀 pair', 'é', '2d6c7771-6ae7-56f8-ad38-4f8d8141b612'])('stores %j', (text) => {
    expect(isStorableText(text)).toBe(true)
  })
  it.each(['a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', '😀\ud83d'])('refuses %j', (text) => {
    expect(isStorableText(text)).toBe(false)
  })
  // The quick test only decides whether the full check runs: the answer is always the full check's.
  it("gives unstorableText's answer on any string (property)", () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.array(fc.constantFrom('a', '\u0000', '\ud83d', '\ude00', '😀', '\ud800', '\udfff'), { maxLength: 6 }).map((parts) => parts.join('')),
    )
    fc.assert(
      fc.property(text, (value) => {
        expect([value, isStorableText(value)]).toEqual([value, unstorableText(value) === undefined])
      }),
      { numRuns: 5000 },
    )
  })
})
