import { describe, expect, it } from 'vitest'
import { compareCompanyNames, compareGivenNames, compareSurnames } from '../../src/duplicates/compareNames.js'
import { NameComparer } from '../../src/duplicates/internal/nameComparer.js'
import { RuleMemos } from '../../src/duplicates/internal/ruleMemos.js'

describe('compareNames', () => {
  it('prepares folded, joined name parts and skips blanks', () => {
    const comparer = new NameComparer(undefined, new RuleMemos())
    expect(comparer.prepare("O'Brien-Smith")?.folded).toBe('obriensmith')
    expect(comparer.prepare('  ')).toBeUndefined()
    expect(comparer.prepare(42)).toBeUndefined()
    expect(compareGivenNames('  ', 'Bob')).toBeUndefined()
  })
  it('compares given names by nickname, phonetics and Jaro-Winkler', () => {
    expect(compareGivenNames('Bob', 'Robert')).toEqual({ similarity: 0.95, method: 'nickname' })
    expect(compareGivenNames('Catherine', 'Kathryn')).toEqual({ similarity: 0.9, method: 'phonetic' })
    expect(compareGivenNames('José', 'jose')).toEqual({ similarity: 1, method: 'exact' })
    expect(compareGivenNames('Martha', 'Marhta')?.method).toBe('jaro-winkler')
    expect(compareGivenNames('Bob', 'Robert', { nicknameSimilarity: 0.5 })?.method).not.toBe('nickname')
    expect(compareGivenNames('Rab', 'Robert', { nicknames: [['robert', 'rab']] })?.method).toBe('nickname')
  })
  it('never uses nicknames for surnames', () => {
    expect(compareSurnames('Bob', 'Robert')?.method).toBe('jaro-winkler')
    expect(compareSurnames('Phillips', 'Fillips')).toEqual({ similarity: 0.9, method: 'phonetic' })
  })
  it('gives the same answers with and without a rule set memo', () => {
    const memoised = new NameComparer(undefined, new RuleMemos())
    const plain = new NameComparer(undefined, undefined)
    for (const [a, b] of [['Catherine', 'Kathryn'], ['Murphy', 'Merphy'], ['Smith', 'Smyth'], ['Ann', 'Anne']] as const) {
      const pair = (c: NameComparer) => c.surname(c.prepare(a)!, c.prepare(b)!)
      expect(pair(memoised)).toEqual(pair(plain))
    }
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
