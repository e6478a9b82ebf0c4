import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jaro, jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from '../../src/duplicates/similarity.js'

describe('jaroWinkler', () => {
  it('matches the standard test pairs', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3)
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3)
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3)
  })
  it('is 1 for equal strings and 0 for nothing in common or one empty side', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1)
    expect(jaroWinkler('', '')).toBe(1)
    expect(jaroWinkler('abc', '')).toBe(0)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
  })
  it('handles long strings (buffers grow)', () => {
    const a = 'a'.repeat(300) + 'b'
    expect(jaroWinkler(a, a.slice(0, -1) + 'c')).toBeGreaterThan(0.99)
  })
  it('is symmetric and within 0–1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = jaroWinkler(a, b)
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
        expect(jaro(a, b)).toBeCloseTo(jaro(b, a), 10)
      }),
    )
  })
})

describe('levenshteinSimilarity', () => {
  it('is one minus distance over the longer length', () => {
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10)
    expect(levenshteinSimilarity('', '')).toBe(1)
    expect(levenshteinSimilarity('abc', '')).toBe(0)
    expect(levenshteinSimilarity('smith', 'smyth')).toBeCloseTo(0.8, 10)
  })
})

describe('tokenSetSimilarity', () => {
  it('ignores word order', () => {
    expect(tokenSetSimilarity('contoso pharmaceuticals', 'pharmaceuticals contoso')).toBe(1)
  })
  it('gives partial credit for missing words and typos', () => {
    expect(tokenSetSimilarity('1 main street', '1 main st')).toBeCloseTo(2 / 3, 2)
    const typo = tokenSetSimilarity('contoso pharmaceuticals', 'contoso pharmaceutcals')
    expect(typo).toBeGreaterThan(0.95)
    expect(typo).toBeLessThan(1)
    expect(tokenSetSimilarity('contoso', 'fabrikam')).toBe(0)
  })
  it('handles blanks', () => {
    expect(tokenSetSimilarity('', '')).toBe(1)
    expect(tokenSetSimilarity('a', '')).toBe(0)
    expect(tokenSetSimilarity('  a  b ', 'b a')).toBe(1)
  })
  it('honours the word threshold', () => {
    expect(tokenSetSimilarity('jon', 'john', 0.99)).toBe(0)
    expect(tokenSetSimilarity('jon', 'john', 0.8)).toBeGreaterThan(0.9)
  })
})
