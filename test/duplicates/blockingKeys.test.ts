import { describe, expect, it } from 'vitest'
import { duplicateBlockingKeys } from '../../src/duplicates/blockingKeys.js'

const shares = (a: object, b: object) => duplicateBlockingKeys(a).some((key) => duplicateBlockingKeys(b).includes(key))

describe('duplicateBlockingKeys', () => {
  it('files a lead under name sounds with the company prefix and a business email domain', () => {
    expect(duplicateBlockingKeys({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd', email: 'bob@contoso.com' })).toEqual([
      'c|contoso|RBRT',
      'c|contoso|SM0',
      'd|contoso.com|RBRT',
      'd|contoso.com|SM0',
    ])
  })

  it('never uses a free-mail domain, and falls back to the website', () => {
    expect(duplicateBlockingKeys({ firstName: 'Ann', lastName: 'Lee', email: 'ann@gmail.com' })).toEqual([])
    expect(duplicateBlockingKeys({ firstName: 'Ann', lastName: 'Lee', email: 'ann@gmail.com', website: 'https://www.fabrikam.com/about' })).toEqual([
      'd|fabrikam.com|AN',
      'd|fabrikam.com|L',
    ])
  })

  it('gives an account its company and domain alone', () => {
    expect(duplicateBlockingKeys({ name: 'The Contoso Company', website: 'contoso.com' })).toEqual(['c|contoso', 'd|contoso.com'])
    expect(duplicateBlockingKeys({})).toEqual([])
    expect(duplicateBlockingKeys({ firstName: '  ', lastName: 42 })).toEqual([])
  })

  it('keeps nicknames, swapped names, sound-alikes, case and legal suffixes in one block', () => {
    const robert = { firstName: 'Robert', lastName: 'Murphy', companyName: 'Contoso Ltd' }
    expect(shares(robert, { firstName: 'BOB', lastName: 'murphy', companyName: 'CONTOSO Limited' })).toBe(true)
    expect(shares(robert, { firstName: 'Murphy', lastName: 'Robert', companyName: 'Contoso' })).toBe(true)
    expect(shares(robert, { firstName: 'Robert', lastName: 'Merphy', companyName: 'Contoso, Inc.' })).toBe(true)
    expect(shares(robert, { firstName: 'Robret', lastName: 'Murphy', companyName: 'Contoso' })).toBe(true)
    expect(shares(robert, { firstName: 'Robert', lastName: 'Murphy', companyName: 'Fabrikam' })).toBe(false)
    expect(shares(robert, { firstName: 'Alice', lastName: 'Jones', companyName: 'Contoso' })).toBe(false)
  })

  it('honours a host nickname table and the company prefix length', () => {
    expect(duplicateBlockingKeys({ firstName: 'Rab', companyName: 'Contoso' }, { nicknames: [['robert', 'rab']] })).toEqual(['c|contoso|RBRT'])
    expect(duplicateBlockingKeys({ firstName: 'Ann', companyName: 'Contoso' }, { companyPrefixLength: 3 })).toEqual(['c|con|AN'])
  })

  it('does not mutate its input', () => {
    const lead = Object.freeze({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' })
    expect(() => duplicateBlockingKeys(lead)).not.toThrow()
  })
})
