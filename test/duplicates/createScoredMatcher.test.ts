import { describe, expect, it } from 'vitest'
import { compareRecords } from '../../src/duplicates/compareRecords.js'
import { createScoredMatcher, type ScoredMatcherOptions } from '../../src/duplicates/createScoredMatcher.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { catchLeadkitError } from '../support/errors.js'

const person = (id: string, given: string | undefined, surname: string, dob: string | undefined, street = '12 Main Street', postcode = '2600') => ({
  id,
  firstName: given,
  lastName: surname,
  address: { street1: street, postalCode: postcode },
  extra: { dateOfBirth: dob },
})

const options: ScoredMatcherOptions = {
  fields: [
    { field: 'firstName', comparator: 'jaro-winkler', m: 0.95, u: 0.01 },
    { field: 'lastName', comparator: 'jaro-winkler', m: 0.95, u: 0.005 },
    { field: 'address.street1', comparator: 'token', m: 0.85, u: 0.01 },
    { field: 'address.postalCode', comparator: 'exact', m: 0.9, u: 0.02 },
    { field: 'extra.dateOfBirth', comparator: 'date', m: 0.9, u: 0.001 },
  ],
  threshold: 0.75,
}


describe('createScoredMatcher', () => {
  const matcher = createScoredMatcher(options)

  it('scores identical records 1 and unrelated records 0', () => {
    const a = person('a', 'John', 'Smith', '19800409')
    expect(matcher.score(a, { ...a, id: 'b' }).score).toBe(1)
    const z = person('z', 'Mary', 'Jones', '19551231', '4 Oak Avenue', '3000')
    expect(matcher.score(a, z).score).toBe(0)
    expect(matcher.isMatch(a, z)).toBe(false)
  })

  it('sums Fellegi–Sunter weights: log2(m/u) on agreement, log2((1-m)/(1-u)) on disagreement', () => {
    const only = createScoredMatcher({ fields: [{ field: 'lastName', comparator: 'exact', m: 0.9, u: 0.1 }], threshold: 0.5 })
    expect(only.score({ lastName: 'Smith' }, { lastName: 'SMITH' }).totalWeight).toBeCloseTo(Math.log2(9), 10)
    expect(only.score({ lastName: 'Smith' }, { lastName: 'Jones' }).totalWeight).toBeCloseTo(Math.log2(0.1 / 0.9), 10)
  })

  it('interpolates between the disagree and agree levels', () => {
    const m = createScoredMatcher({ fields: [{ field: 'n', comparator: 'levenshtein', weight: 2, agree: 1, disagree: 0 }], threshold: 0.5 })
    // smith/smyth: Levenshtein similarity 0.8 → weight −2 + 4 × 0.8
    expect(m.score({ n: 'smith' }, { n: 'smyth' }).totalWeight).toBeCloseTo(1.2, 10)
    expect(m.score({ n: 'smith' }, { n: 'smyth' }).score).toBeCloseTo(0.8, 10)
  })

  it('matches typos, a missing field and a day/month swap', () => {
    const a = person('a', 'Jonathan', 'Richardson', '19800409')
    const b = person('b', 'Jonathon', 'Richadson', '19800904', '12 Main St')
    const result = matcher.score(a, b)
    expect(result.score).toBeGreaterThan(0.75)
    expect(matcher.isMatch(a, b)).toBe(true)
    expect(result.comparisons.find((c) => c.field === 'extra.dateOfBirth')).toEqual({
      field: 'extra.dateOfBirth',
      values: ['19800409', '19800904'],
      method: 'date',
      similarity: 0.9,
    })
    const missing = person('c', undefined, 'Richardson', '19800409')
    const partial = matcher.score(a, missing)
    expect(partial.comparisons.map((c) => c.field)).not.toContain('firstName')
    expect(partial.score).toBeLessThan(1)
  })

  it('honours the threshold at its edge', () => {
    const a = person('a', 'John', 'Smith', '19800409')
    const b = person('b', 'John', 'Smith', '19800409', '99 Other Road', '2600')
    const s = matcher.score(a, b).score
    expect(createScoredMatcher({ ...options, threshold: s }).isMatch(a, b)).toBe(true)
    expect(createScoredMatcher({ ...options, threshold: Math.min(1, s + 1e-9) }).isMatch(a, b)).toBe(false)
  })

  it('works as a custom rule in findDuplicates', () => {
    const rule = matcher.asRule('Same person (scored)', { excludeInactiveMatchingRecords: true })
    expect(rule.kind).toBe('fuzzy')
    const a = person('a', 'John', 'Smith', '19800409')
    const candidates = [person('b', 'Jon', 'Smith', '19800409'), person('c', 'Mary', 'Jones', '19551231', '4 Oak Avenue', '3000'), { ...person('d', 'John', 'Smith', '19800409'), state: 'qualified' }]
    const matches = findDuplicates(a, candidates, [rule])
    expect(matches.map((m) => [m.record.id, m.kind, m.rule])).toEqual([['b', 'fuzzy', 'Same person (scored)']])
    expect(matches[0]?.comparisons[0]?.method).toBe('jaro-winkler')
    expect(compareRecords(rule, { id: 'x' }, { id: 'y' })).toBeUndefined()
  })

  it('scores swapped first and last names when asked', () => {
    const swapping = createScoredMatcher({ ...options, swappable: ['firstName', 'lastName'] })
    const a = person('a', 'John', 'Smith', '19800409')
    const b = person('b', 'Smith', 'John', '19800409')
    expect(matcher.score(a, b).score).toBeLessThan(0.75)
    const result = swapping.score(a, b)
    expect(result.score).toBe(1)
    expect(result.comparisons.slice(0, 2)).toEqual([
      { field: 'firstName/lastName', values: ['John', 'John'], method: 'jaro-winkler', similarity: 1 },
      { field: 'lastName/firstName', values: ['Smith', 'Smith'], method: 'jaro-winkler', similarity: 1 },
    ])
    expect(swapping.score(a, { ...a, id: 'c' }).comparisons[0]?.field).toBe('firstName')
  })

  it.each([
    [{ fields: [{ field: 'a', comparator: 'exact' }], threshold: 0.5, swappable: ['a', 'b'] }, ['swappable']],
    [{ fields: [{ field: 'a', comparator: 'exact' }, { field: 'b', comparator: 'token' }], threshold: 0.5, swappable: ['a', 'b'] }, ['swappable']],
    [{ fields: [], threshold: 0.5 }, ['fields']],
    [{ fields: [{ field: 'a', comparator: 'soundex' }], threshold: 0.5 }, ['fields', 0, 'comparator']],
    [{ fields: [{ field: 'a', comparator: 'exact', m: 0.9 }], threshold: 0.5 }, ['fields', 0, 'u']],
    [{ fields: [{ field: 'a', comparator: 'exact', m: 0.1, u: 0.5 }], threshold: 0.5 }, ['fields', 0, 'm']],
    [{ fields: [{ field: 'a', comparator: 'exact', m: 0.9, u: 0.1, weight: 2 }], threshold: 0.5 }, ['fields', 0, 'weight']],
    [{ fields: [{ field: 'a', comparator: 'exact', weight: -1 }], threshold: 0.5 }, ['fields', 0, 'weight']],
    [{ fields: [{ field: 'a', comparator: 'levenshtein', agree: 0.5, disagree: 0.9 }], threshold: 0.5 }, ['fields', 0, 'disagree']],
    [{ fields: [{ field: 'a', comparator: 'exact' }], threshold: 1.5 }, ['threshold']],
    [{ fields: [{ comparator: 'exact' }], threshold: 0.5 }, ['fields', 0, 'field']],
  ])('rejects %j at %j', (input, path) => {
    const error = catchLeadkitError(() => createScoredMatcher(input as unknown as ScoredMatcherOptions))
    expect(error.code).toBe('invalid_rule')
    expect(error.path).toEqual(path)
  })

  it('does not mutate its inputs', () => {
    const copy = structuredClone(options)
    const a = person('a', 'John', 'Smith', '19800409')
    const before = structuredClone(a)
    createScoredMatcher(options).score(a, a)
    expect(options).toEqual(copy)
    expect(a).toEqual(before)
  })
})

describe('createScoredMatcher results', () => {
  it('are frozen', () => {
    const matcher = createScoredMatcher(options)
    const a = person('a', 'John', 'Smith', '19800409')
    const result = matcher.score(a, { ...a, id: 'b' })
    expect(Object.isFrozen(result)).toBe(true)
    expect(Object.isFrozen(result.comparisons)).toBe(true)
    expect(Object.isFrozen(result.comparisons[0])).toBe(true)
    expect(Object.isFrozen(compareRecords(matcher.asRule('r'), a, a))).toBe(true)
  })
})
