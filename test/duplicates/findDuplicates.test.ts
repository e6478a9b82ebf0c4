import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEAD_RULE_NAMES, createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { matchcode } from '../../src/duplicates/matchcode.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'

const base = { id: 'l1', firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd', email: 'bob@contoso.com', businessPhone: '(425) 555-0100', state: 'open' }

describe('findDuplicates', () => {
  const rules = createDefaultLeadRules({ defaultRegion: 'US' })

  it('finds and explains matches, best first', () => {
    const candidates = [
      { id: 'fuzzy', firstName: 'Robert', lastName: 'Smith', companyName: 'CONTOSO Limited', state: 'open' },
      { id: 'email', firstName: 'B', lastName: 'S', email: 'BOB@contoso.com ', state: 'open' },
      { id: 'none', firstName: 'Alice', lastName: 'Jones', companyName: 'Fabrikam', state: 'open' },
      { id: 'phone', mobilePhone: '+1 425 555 0100', state: 'open' },
    ]
    const matches = findDuplicates(base, candidates, rules)
    expect(matches.map((m) => [m.record.id, m.rule, m.kind, m.score])).toEqual([
      ['email', DEFAULT_LEAD_RULE_NAMES.sameEmail, 'matchcode', 1],
      ['phone', DEFAULT_LEAD_RULE_NAMES.samePhone, 'matchcode', 1],
      ['fuzzy', DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, 'fuzzy', (0.975 + 1) / 2],
    ])
    expect(matches[0]?.comparisons).toEqual([{ field: 'email', values: ['bob@contoso.com', 'BOB@contoso.com '], method: 'email', similarity: 1 }])
    expect(matches[1]?.comparisons).toEqual([{ field: 'businessPhone/mobilePhone', values: ['(425) 555-0100', '+1 425 555 0100'], method: 'e164', similarity: 1 }])
    expect(matches[2]?.record).toBe(candidates[0])
    expect(Object.isFrozen(matches)).toBe(true)
    expect(Object.isFrozen(matches[0]?.comparisons[0])).toBe(true)
    expect(Object.isFrozen(candidates[0])).toBe(false)
  })

  it('lists every rule that fired, best first', () => {
    const twin = { ...base, id: 'l2', firstName: 'Robert' }
    const [match] = findDuplicates(base, [twin], rules)
    expect(match?.rule).toBe(DEFAULT_LEAD_RULE_NAMES.sameEmail)
    expect(match?.rules).toEqual([
      DEFAULT_LEAD_RULE_NAMES.sameEmail,
      DEFAULT_LEAD_RULE_NAMES.samePhone,
      DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany,
      DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain,
    ])
  })

  it('never matches a record with itself', () => {
    expect(findDuplicates(base, [{ ...base }], rules)).toEqual([])
  })

  it('suppresses pairs marked not a duplicate, in both directions', () => {
    const other = { ...base, id: 'l2' }
    expect(findDuplicates(base, [other], rules, { notDuplicates: [['l1', 'l2']] })).toEqual([])
    expect(findDuplicates(base, [other], rules, { notDuplicates: [['l2', 'l1']] })).toEqual([])
    expect(findDuplicates(base, [other], rules, { notDuplicates: [['l1', 'l3']] })).toHaveLength(1)
  })

  it('skips inactive candidates for rules that exclude them', () => {
    const qualified = { ...base, id: 'l2', state: 'qualified' }
    expect(findDuplicates(base, [qualified], rules)).toEqual([])
    const keep = createDefaultLeadRules({ excludeInactiveMatchingRecords: false })
    expect(findDuplicates(base, [qualified], keep)).toHaveLength(1)
  })

  it('runs Dataverse rules: published only, conditions AND-ed, rules OR-ed', () => {
    const lastAndCity = parseDuplicateRule({
      name: 'Same last name and first 3 of city',
      baseEntity: 'lead',
      conditions: [
        { baseField: 'lastName', operator: 'exact' },
        { baseField: 'address.city', operator: 'same-first-characters', characters: 3 },
      ],
    })
    const unpublished = parseDuplicateRule({ name: 'Same first name', baseEntity: 'lead', published: false, conditions: [{ baseField: 'firstName', operator: 'exact' }] })
    const record = { id: 'a', firstName: 'Ann', lastName: 'Lee', address: { city: 'Seattle' } }
    const candidates = [
      { id: 'b', firstName: 'Ann', lastName: 'LEE', address: { city: 'Seaside' } },
      { id: 'c', firstName: 'Ann', lastName: 'Lee', address: { city: 'Portland' } },
    ]
    const matches = findDuplicates(record, candidates, [lastAndCity, unpublished])
    expect(matches.map((m) => m.record.id)).toEqual(['b'])
    expect(matches[0]?.comparisons).toEqual([
      { field: 'lastName', values: ['Lee', 'LEE'], method: 'exact', similarity: 1 },
      { field: 'address.city', values: ['Seattle', 'Seaside'], method: 'same-first-characters', similarity: 1 },
    ])
  })

  it('honours exclude inactive on a Dataverse lead → account rule', () => {
    const rule = parseDuplicateRule({
      name: 'Company = account name',
      baseEntity: 'lead',
      matchingEntity: 'account',
      excludeInactiveMatchingRecords: true,
      conditions: [{ baseField: 'companyName', matchingField: 'name', operator: 'exact' }],
    })
    const accounts = [
      { id: 'a1', name: 'contoso ltd', state: 'inactive' },
      { id: 'a2', name: 'CONTOSO LTD', state: 'active' },
    ]
    const matches = findDuplicates(base, accounts, [rule])
    expect(matches.map((m) => m.record.id)).toEqual(['a2'])
    expect(matches[0]?.comparisons[0]?.field).toBe('companyName/name')
    expect(findDuplicates(base, accounts, [rule], { matchingEntity: 'contact' })).toEqual([])
    expect(findDuplicates(base, accounts, [rule], { matchingEntity: 'account', baseEntity: 'lead' })).toHaveLength(1)
  })

  it('uses the default lead rules when none are given', () => {
    const matches = findDuplicates(base, [{ id: 'x', email: 'bob@contoso.com', state: 'open' }])
    expect(matches[0]?.rule).toBe(DEFAULT_LEAD_RULE_NAMES.sameEmail)
  })

  it('does not mutate its inputs', () => {
    const candidates = [{ ...base, id: 'l2' }]
    const copy = structuredClone(candidates)
    const baseCopy = structuredClone(base)
    findDuplicates(base, candidates, rules, { notDuplicates: [['x', 'y']] })
    expect(candidates).toEqual(copy)
    expect(base).toEqual(baseCopy)
  })
})

describe('findDuplicates properties', () => {
  const rule = parseDuplicateRule({
    name: 'Same last name and first 2 of city',
    baseEntity: 'lead',
    conditions: [
      { baseField: 'lastName', operator: 'exact', ignoreBlankValues: true },
      { baseField: 'address.city', operator: 'same-first-characters', characters: 2, ignoreBlankValues: false },
    ],
  })
  const value = fc.constantFrom(undefined, '', 'Lee', 'LEE', 'Li', 'Seattle', 'Se', 'seaside', 'Portland')
  const records = fc.array(fc.record({ lastName: value, city: value }), { minLength: 1, maxLength: 12 }).map((list) =>
    list.map((r, i) => ({ id: `r${i}`, lastName: r.lastName, address: { city: r.city } })),
  )
  it('matches exactly the pairs with equal matchcodes, never itself, never a detached pair', () => {
    fc.assert(
      fc.property(records, fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 4 }), (list, detach) => {
        const notDuplicates = detach.map(([a, b]) => [`r${a}`, `r${b}`] as const)
        const isDetached = (a: string, b: string) => notDuplicates.some(([x, y]) => (x === a && y === b) || (x === b && y === a))
        for (const record of list) {
          const code = matchcode(record, rule, 'base')
          const expected = list
            .filter((c) => c.id !== record.id && !isDetached(record.id, c.id) && code !== undefined && matchcode(c, rule, 'matching') === code)
            .map((c) => c.id)
          const actual = findDuplicates(record, list, [rule], { notDuplicates }).map((m) => m.record.id)
          expect(actual).toEqual(expected)
        }
      }),
    )
  })
  it('is symmetric for a rule comparing the same fields', () => {
    fc.assert(
      fc.property(records, (list) => {
        for (const a of list) {
          for (const b of list) {
            const ab = findDuplicates(a, [b], [rule]).length
            const ba = findDuplicates(b, [a], [rule]).length
            expect(ab).toBe(ba)
          }
        }
      }),
      { numRuns: 50 },
    )
  })
})
