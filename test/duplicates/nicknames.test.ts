import { describe, expect, it } from 'vitest'
import { builtInNicknameCount, canonicalGivenName, isNicknameOf } from '../../src/duplicates/nicknames.js'

describe('canonicalGivenName', () => {
  it.each([
    ['Bob', ['robert']],
    ['Rob', ['robert']],
    ['robbie', ['robert', 'roberta']],
    ['Liz', ['elizabeth']],
    ['Beth', ['elizabeth']],
    ['BETTY', ['elizabeth']],
    ['Bill', ['william']],
    ['Peggy', ['margaret']],
    ['Robert', ['robert']],
  ])('%s → %j', (name, expected) => {
    expect(canonicalGivenName(name)).toEqual(expected)
  })
  it('returns every name a shared nickname may stand for', () => {
    expect(canonicalGivenName('Al')).toEqual(['alan', 'albert', 'alexander', 'alfred'])
    expect(canonicalGivenName('Will')).toEqual(['wilfred', 'william'])
    expect(canonicalGivenName('Frank')).toEqual(['francis', 'frank', 'franklin'])
  })
  it('folds unknown names and blanks', () => {
    expect(canonicalGivenName(' Xavière ')).toEqual(['xaviere'])
    expect(canonicalGivenName('')).toEqual([])
  })
  it('has a table of at least 150 formal names', () => {
    expect(builtInNicknameCount()).toBeGreaterThanOrEqual(150)
  })
  it('adds a host table to the built-in one', () => {
    const nicknames = [['robert', 'rab'], ['siobhan', 'shiv']] as const
    expect(canonicalGivenName('Rab', { nicknames })).toEqual(['robert'])
    expect(canonicalGivenName('Shiv', { nicknames })).toEqual(['siobhan'])
    expect(canonicalGivenName('Bob', { nicknames })).toEqual(['robert'])
    expect(canonicalGivenName('Rab')).toEqual(['rab'])
  })
  it('replaces the built-in table on request', () => {
    const options = { nicknames: [['robert', 'rab']], replaceBuiltInNicknames: true }
    expect(canonicalGivenName('Rab', options)).toEqual(['robert'])
    expect(canonicalGivenName('Bob', options)).toEqual(['bob'])
  })
  it('returns frozen groups', () => {
    expect(Object.isFrozen(canonicalGivenName('Bob'))).toBe(true)
  })
})

describe('isNicknameOf', () => {
  it('links names through a shared formal name', () => {
    expect(isNicknameOf('Bob', 'Robert')).toBe(true)
    expect(isNicknameOf('Liz', 'Beth')).toBe(true)
    expect(isNicknameOf('Bill', 'Will')).toBe(true)
    expect(isNicknameOf('Bob', 'Bill')).toBe(false)
    expect(isNicknameOf('Anna', 'Anne')).toBe(false)
  })
})
