import { describe, expect, it } from 'vitest'
import { NameComparer } from '../../../src/duplicates/internal/nameComparer.js'
import { RuleMemos } from '../../../src/duplicates/internal/ruleMemos.js'

describe('NameComparer.prepare', () => {
  it('prepares each spelling once: records that spell a name alike share one part', () => {
    const names = new NameComparer(undefined, new RuleMemos())
    const a = names.prepare('Mary-Jane')
    expect(a).toEqual({ raw: 'Mary-Jane', folded: 'maryjane' })
    // A string made at run time, as a parser makes one per record, still finds the prepared part.
    expect(names.prepare(['Mary', 'Jane'].join('-'))).toBe(a)
    expect(names.prepare('Mary Jane')).not.toBe(a)
    expect(names.prepare('Mary Jane')?.folded).toBe('maryjane')
  })

  it('prepares nothing for blanks and non-strings, and still prepares a name too long to keep', () => {
    const names = new NameComparer(undefined, undefined)
    expect(names.prepare('  ')).toBeUndefined()
    expect(names.prepare('--')).toBeUndefined()
    expect(names.prepare(42)).toBeUndefined()
    const long = 'a'.repeat(10_000)
    expect(names.prepare(long)?.folded).toBe(long)
    expect(names.prepare(long)).not.toBe(names.prepare(long))
  })

  it('keeps what a shared part learns (its sound, its nickname groups) without changing any comparison', () => {
    const names = new NameComparer(undefined, undefined)
    const liz = names.prepare('Liz')
    const elizabeth = names.prepare('Elizabeth')
    if (liz === undefined || elizabeth === undefined) throw new Error('prepared')
    expect(names.given(liz, elizabeth)).toEqual({ similarity: 0.95, method: 'nickname' })
    expect(names.prepare('Liz')?.groups).toBeDefined()
    expect(names.given(names.prepare('Liz') as typeof liz, names.prepare('Elizabeth') as typeof liz)).toEqual({ similarity: 0.95, method: 'nickname' })
    expect(names.surname(liz, elizabeth).method).toBe('jaro-winkler')
  })
})
