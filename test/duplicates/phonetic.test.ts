import { describe, expect, it } from 'vitest'
import { phoneticKey } from '../../src/duplicates/phonetic.js'

describe('phoneticKey (Metaphone)', () => {
  it('makes names that sound alike collide', () => {
    expect(phoneticKey('Murphy')).toBe('MRF')
    expect(phoneticKey('Merphy')).toBe(phoneticKey('Murphy'))
    expect(phoneticKey('Smith')).toBe(phoneticKey('Smyth'))
    expect(phoneticKey('Catherine')).toBe(phoneticKey('Kathryn'))
    expect(phoneticKey('Philips')).toBe(phoneticKey('Phillips'))
    expect(phoneticKey('Steven')).toBe(phoneticKey('Stephen'))
  })
  it('keeps different names apart', () => {
    expect(phoneticKey('Murphy')).not.toBe(phoneticKey('Morgan'))
    expect(phoneticKey('Smith')).not.toBe(phoneticKey('Schmidt'))
  })
  it.each([
    ['Knight', 'NT'],
    ['Wright', 'RT'],
    ['Xavier', 'SFR'],
    ['Whitney', 'WTN'],
    ['Thomas', '0MS'],
    ['Schmidt', 'SKMTT'],
    ['Church', 'XRX'],
    ['Lamb', 'LM'],
    ['Science', 'SNS'],
    ['Dodge', 'TJ'],
    ['Alexander', 'ALKSNTR'],
  ])('%s → %s', (input, expected) => {
    expect(phoneticKey(input)).toBe(expected)
  })
  it('folds accents, case and punctuation first', () => {
    expect(phoneticKey("O'Brien")).toBe('OBRN')
    expect(phoneticKey('MÜLLER')).toBe(phoneticKey('muller'))
    expect(phoneticKey('')).toBe('')
    expect(phoneticKey('123')).toBe('')
  })
})
