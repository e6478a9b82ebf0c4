import { describe, expect, it } from 'vitest'
import { compareCompanyNames, compareGivenNames, compareSurnames, prepareNamePart } from '../../src/duplicates/compareNames.js'

const part = (name: string) => {
  const prepared = prepareNamePart(name)
  if (prepared === undefined) throw new Error('blank')
  return prepared
}

describe('compareNames', () => {
  it('prepares folded, joined name parts and skips blanks', () => {
    expect(part("O'Brien-Smith").folded).toBe('obriensmith')
    expect(prepareNamePart('  ')).toBeUndefined()
    expect(prepareNamePart(42)).toBeUndefined()
  })
  it('compares given names by nickname, phonetics and Jaro-Winkler', () => {
    expect(compareGivenNames(part('Bob'), part('Robert'))).toEqual({ similarity: 0.95, method: 'nickname' })
    expect(compareGivenNames(part('Catherine'), part('Kathryn'))).toEqual({ similarity: 0.9, method: 'phonetic' })
    expect(compareGivenNames(part('José'), part('jose'))).toEqual({ similarity: 1, method: 'exact' })
    expect(compareGivenNames(part('Martha'), part('Marhta')).method).toBe('jaro-winkler')
    expect(compareGivenNames(part('Bob'), part('Robert'), { nicknameSimilarity: 0.5 }).method).not.toBe('nickname')
  })
  it('never uses nicknames for surnames', () => {
    expect(compareSurnames(part('Bob'), part('Robert')).method).toBe('jaro-winkler')
  })
  it('compares company names after normalisation', () => {
    expect(compareCompanyNames('Contoso Ltd', 'CONTOSO Limited')).toEqual({ similarity: 1, method: 'exact' })
    expect(compareCompanyNames('Micro Soft', 'Microsoft Corp')).toEqual({ similarity: 1, method: 'levenshtein' })
    expect(compareCompanyNames('Contoso Pharmaceuticals', 'Pharmaceuticals Contoso')?.similarity).toBe(1)
    expect(compareCompanyNames('Contoso', 'Contoso Pharma')?.similarity).toBeLessThan(0.7)
    expect(compareCompanyNames('', 'Contoso')).toBeUndefined()
    expect(compareCompanyNames('Ltd', 'Contoso')?.similarity).toBeLessThan(0.2)
  })
})
