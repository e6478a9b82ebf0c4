import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'

describe('normalizePersonName', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizePersonName("  Seán O'Brien-Smith ")).toBe('sean obrien smith')
    expect(normalizePersonName('JOSÉ  ÁLVAREZ')).toBe('jose alvarez')
    expect(normalizePersonName('O’Connor')).toBe('oconnor')
    expect(normalizePersonName('J.R.R. Tolkien')).toBe('jrr tolkien')
    expect(normalizePersonName('Zoë Ångström')).toBe('zoe angstrom')
  })
  it('maps letters NFD cannot decompose', () => {
    expect(normalizePersonName('Straße')).toBe('strasse')
    expect(normalizePersonName('Łukasz Søren Æsir')).toBe('lukasz soren aesir')
  })
  it('keeps non-Latin letters, lower-cased (their marks stripped like Latin accents)', () => {
    expect(normalizePersonName('Дмитрий')).toBe('дмитрии')
  })
  it('joins parts on request', () => {
    expect(normalizePersonName('Mary-Jane', { joinParts: true })).toBe('maryjane')
    expect(normalizePersonName('van der Berg', { joinParts: true })).toBe('vanderberg')
    expect(normalizePersonName('Mary-Jane')).toBe('mary jane')
  })
  it('gives an empty string for blank or punctuation-only input', () => {
    expect(normalizePersonName('')).toBe('')
    expect(normalizePersonName('  -- ')).toBe('')
  })
  it('is idempotent and never has double or edge spaces', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizePersonName(s)
        expect(normalizePersonName(once)).toBe(once)
        expect(once).not.toMatch(/^ | $| {2}/)
      }),
    )
  })
})
