import { describe, expect, it } from 'vitest'
import { matchcode } from '../../src/duplicates/matchcode.js'
import { ruleMatchcodes } from '../../src/duplicates/ruleMatchcodes.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import { createDuplicateRuleRegistry } from '../../src/duplicates/createDuplicateRuleRegistry.js'

const one = (condition: object, extra: object = {}) =>
  parseDuplicateRule({ name: 'r', baseEntity: 'lead', conditions: [condition], ...extra })

describe('matchcode', () => {
  it('exact is trimmed and case-insensitive by default', () => {
    const rule = one({ baseField: 'email', operator: 'exact' })
    expect(matchcode({ email: ' Bob@Contoso.com ' }, rule, 'base')).toBe('bob@contoso.com')
  })
  it('exact is case-sensitive on request', () => {
    const rule = one({ baseField: 'lastName', operator: 'exact' }, { caseSensitive: true })
    expect(matchcode({ lastName: 'Smith' }, rule, 'base')).not.toBe(matchcode({ lastName: 'SMITH' }, rule, 'matching'))
    expect(matchcode({ lastName: 'Smith' }, rule, 'base')).toBe('Smith')
  })
  it('same first characters compares N characters, or the whole shorter value', () => {
    const rule = one({ baseField: 'companyName', operator: 'same-first-characters', characters: 4 })
    expect(matchcode({ companyName: 'Contoso Ltd' }, rule, 'base')).toBe('cont')
    expect(matchcode({ companyName: 'Contoso Pharma' }, rule, 'base')).toBe('cont')
    expect(matchcode({ companyName: 'Co' }, rule, 'base')).toBe('co')
    expect(matchcode({ companyName: 'Cont' }, rule, 'base')).toBe('cont')
  })
  it('same last characters compares N characters, or the whole shorter value', () => {
    const rule = one({ baseField: 'businessPhone', operator: 'same-last-characters', characters: 4 })
    expect(matchcode({ businessPhone: '(425) 555-0100' }, rule, 'base')).toBe('0100')
    expect(matchcode({ businessPhone: '100' }, rule, 'base')).toBe('100')
    const cs = one({ baseField: 'lastName', operator: 'same-last-characters', characters: 3 }, { caseSensitive: true })
    expect(matchcode({ lastName: 'SMITH' }, cs, 'base')).toBe('ITH')
  })
  it('same date compares the UTC calendar date of an instant', () => {
    const rule = one({ baseField: 'createdOn', operator: 'same-date' })
    expect(matchcode({ createdOn: '2026-03-01T23:30:00-05:00' }, rule, 'base')).toBe('2026-03-02')
    expect(matchcode({ createdOn: '2026-03-02T01:00:00Z' }, rule, 'base')).toBe('2026-03-02')
    expect(matchcode({ createdOn: '2026-03-02' }, rule, 'base')).toBe('2026-03-02')
    expect(matchcode({ createdOn: 'yesterday' }, rule, 'base')).toBeUndefined()
  })
  it('same date and time compares the instant to the second', () => {
    const rule = one({ baseField: 'createdOn', operator: 'same-date-time' })
    expect(matchcode({ createdOn: '2026-03-01T10:30:00+01:00' }, rule, 'base')).toBe(matchcode({ createdOn: '2026-03-01T09:30:00.400Z' }, rule, 'matching'))
    expect(matchcode({ createdOn: '2026-03-01T09:30:01Z' }, rule, 'base')).not.toBe(matchcode({ createdOn: '2026-03-01T09:30:00Z' }, rule, 'base'))
    expect(matchcode({ createdOn: '2026-03-01' }, rule, 'base')).toBeUndefined()
  })
  it('pick-list exact never folds case and reads numbers', () => {
    const rule = one({ baseField: 'industry', operator: 'picklist-exact' })
    expect(matchcode({ industry: 'consulting' }, rule, 'base')).toBe('consulting')
    expect(matchcode({ industry: 'Consulting' }, rule, 'base')).toBe('Consulting')
    expect(matchcode({ industry: 3 }, rule, 'base')).toBe('3')
  })
  it('reads nested field paths and the matching side', () => {
    const rule = parseDuplicateRule({
      name: 'r',
      baseEntity: 'lead',
      matchingEntity: 'account',
      conditions: [{ baseField: 'address.city', matchingField: 'extra.town', operator: 'exact' }],
    })
    expect(matchcode({ address: { city: 'Seattle' } }, rule, 'base')).toBe('seattle')
    expect(matchcode({ extra: { town: 'SEATTLE' } }, rule, 'matching')).toBe('seattle')
    expect(matchcode({ address: { city: 'Seattle' } }, rule, 'matching')).toBeUndefined()
  })
  describe('blanks', () => {
    const two = (ignore: boolean) =>
      parseDuplicateRule({
        name: 'r',
        baseEntity: 'lead',
        conditions: [
          { baseField: 'lastName', operator: 'exact', ignoreBlankValues: true },
          { baseField: 'companyName', operator: 'exact', ignoreBlankValues: ignore },
        ],
      })
    it('a single condition never matches a blank', () => {
      const rule = one({ baseField: 'email', operator: 'exact' })
      for (const email of [undefined, null, '', '   ']) expect(matchcode({ email }, rule, 'base')).toBeUndefined()
    })
    it('a blank in a condition that ignores blanks means no match', () => {
      expect(matchcode({ lastName: 'Smith' }, two(true), 'base')).toBeUndefined()
    })
    it('a blank in a condition that does not ignore blanks matches another blank', () => {
      const rule = two(false)
      const a = matchcode({ lastName: 'Smith', companyName: '' }, rule, 'base')
      const b = matchcode({ lastName: 'SMITH' }, rule, 'matching')
      expect(a).toBeDefined()
      expect(a).toBe(b)
      expect(matchcode({ lastName: 'Smith', companyName: 'Contoso' }, rule, 'matching')).not.toBe(a)
    })
    it('never lets value lists collide through the separator', () => {
      const rule = two(false)
      expect(matchcode({ lastName: 'a|b', companyName: 'c' }, rule, 'base')).not.toBe(matchcode({ lastName: 'a', companyName: 'b|c' }, rule, 'base'))
    })
  })
})

describe('ruleMatchcodes', () => {
  const registry = createDuplicateRuleRegistry({ normalizers: { digits: (v) => v.replace(/\D/g, '') } })
  const phoneRule = parseDuplicateRule(
    { kind: 'keyed', name: 'phone', baseEntity: 'lead', baseFields: ['businessPhone', 'mobilePhone'], normalizer: 'digits' },
    { registry },
  )
  it('gives one code per distinct normalised field value', () => {
    expect(ruleMatchcodes(phoneRule, { businessPhone: '1-2', mobilePhone: '3' }, 'base', { registry })).toEqual(['12', '3'])
    expect(ruleMatchcodes(phoneRule, { businessPhone: '1-2', mobilePhone: '12' }, 'base', { registry })).toEqual(['12'])
    expect(ruleMatchcodes(phoneRule, { businessPhone: 'x' }, 'base', { registry })).toEqual([])
  })
  it('refuses a rule whose normaliser the registry does not know', () => {
    expect(() => ruleMatchcodes(phoneRule, { businessPhone: '1' }, 'base')).toThrow(/no normaliser is called "digits"/)
  })
  it('wraps a Dataverse rule code', () => {
    const rule = one({ baseField: 'email', operator: 'exact' })
    expect(ruleMatchcodes(rule, { email: 'A@b.c' }, 'base')).toEqual(['a@b.c'])
    expect(ruleMatchcodes(rule, {}, 'base')).toEqual([])
  })
})
