import { describe, expect, it } from 'vitest'
import { parseDuplicateRule, parseDuplicateRules, safeParseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import { catchLeadkitError } from '../support/errors.js'

const emailCondition = { baseField: 'email', operator: 'exact' }


describe('parseDuplicateRule', () => {
  it('fills Dataverse defaults', () => {
    const rule = parseDuplicateRule({ name: 'Same email', baseEntity: 'lead', conditions: [emailCondition] })
    expect(rule).toEqual({
      kind: 'matchcode',
      name: 'Same email',
      baseEntity: 'lead',
      matchingEntity: 'lead',
      conditions: [{ baseField: 'email', matchingField: 'email', operator: 'exact', ignoreBlankValues: true }],
      caseSensitive: false,
      excludeInactiveMatchingRecords: false,
      published: true,
    })
    expect(Object.isFrozen(rule)).toBe(true)
    expect(Object.isFrozen(rule.conditions[0])).toBe(true)
  })
  it('always ignores blanks in a single-condition rule, and keeps the choice with several', () => {
    const single = parseDuplicateRule({ name: 'x', baseEntity: 'lead', conditions: [{ ...emailCondition, ignoreBlankValues: false }] })
    expect(single.conditions[0]?.ignoreBlankValues).toBe(true)
    const two = parseDuplicateRule({
      name: 'x',
      baseEntity: 'lead',
      conditions: [{ ...emailCondition, ignoreBlankValues: false }, { baseField: 'lastName', operator: 'exact', ignoreBlankValues: true }],
    })
    expect(two.conditions.map((c) => c.ignoreBlankValues)).toEqual([false, true])
  })
  it('keeps a lead → account rule with different fields', () => {
    const rule = parseDuplicateRule({
      name: 'Lead company = account name',
      baseEntity: 'lead',
      matchingEntity: 'account',
      conditions: [{ baseField: 'companyName', matchingField: 'name', operator: 'same-first-characters', characters: 5 }],
      caseSensitive: true,
      excludeInactiveMatchingRecords: true,
      published: false,
    })
    expect(rule.matchingEntity).toBe('account')
    expect(rule.conditions[0]).toEqual({ baseField: 'companyName', matchingField: 'name', operator: 'same-first-characters', characters: 5, ignoreBlankValues: true })
    expect(rule.caseSensitive).toBe(true)
    expect(rule.excludeInactiveMatchingRecords).toBe(true)
    expect(rule.published).toBe(false)
  })
  it('round-trips its own output', () => {
    const rule = parseDuplicateRule({ name: 'Same email', baseEntity: 'lead', conditions: [emailCondition] })
    expect(parseDuplicateRule(JSON.parse(JSON.stringify(rule)))).toEqual(rule)
  })
  it('requires characters for same first/last characters, naming the condition', () => {
    const error = catchLeadkitError(() =>
      parseDuplicateRule({
        name: 'x',
        baseEntity: 'lead',
        conditions: [emailCondition, { baseField: 'lastName', operator: 'same-last-characters' }],
      }),
    )
    expect(error.code).toBe('invalid_rule')
    expect(error.path).toEqual(['conditions', 1, 'characters'])
  })
  it.each([
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'a', operator: 'same-first-characters', characters: 0 }] }, ['conditions', 0, 'characters']],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'a', operator: 'same-first-characters', characters: 2.5 }] }, ['conditions', 0, 'characters']],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'a', operator: 'exact', characters: 3 }] }, ['conditions', 0, 'characters']],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'a', operator: 'fuzzy' }] }, ['conditions', 0, 'operator']],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ operator: 'exact' }] }, ['conditions', 0, 'baseField']],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'address..city', operator: 'exact' }] }, ['conditions', 0, 'baseField']],
    [{ name: 'x', baseEntity: 'lead', conditions: [emailCondition, 'email'] }, ['conditions', 1]],
    [{ name: 'x', baseEntity: 'lead', conditions: [] }, ['conditions']],
    [{ name: 'x', baseEntity: 'lead' }, ['conditions']],
    [{ name: '', baseEntity: 'lead', conditions: [emailCondition] }, ['name']],
    [{ name: 'x', baseEntity: 'task', conditions: [emailCondition] }, ['baseEntity']],
    [{ name: 'x', baseEntity: 'lead', matchingEntity: 'note', conditions: [emailCondition] }, ['matchingEntity']],
    [{ name: 'x', baseEntity: 'lead', conditions: [emailCondition], published: 'yes' }, ['published']],
    ['not a rule', []],
  ])('rejects %j at %j', (input, path) => {
    const error = catchLeadkitError(() => parseDuplicateRule(input))
    expect(error.code).toBe('invalid_rule')
    expect(error.path).toEqual(path)
  })
  it('rejects prototype-polluting field paths with forbidden_key', () => {
    const error = catchLeadkitError(() => parseDuplicateRule({ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'extra.__proto__', operator: 'exact' }] }))
    expect(error.code).toBe('forbidden_key')
    expect(error.path).toEqual(['conditions', 0, 'baseField'])
  })
  it('reports every issue at once', () => {
    const result = safeParseDuplicateRule({ name: '', baseEntity: 'x', conditions: [{ baseField: 'a', operator: 'same-first-characters' }] })
    expect(result.success).toBe(false)
    if (!result.success) expect(result.issues.map((i) => i.path)).toEqual([['name'], ['baseEntity'], ['conditions', 0, 'characters']])
  })
  it('does not mutate its input', () => {
    const input = { name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }] }
    const copy = structuredClone(input)
    parseDuplicateRule(input)
    expect(input).toEqual(copy)
  })
})

describe('parseDuplicateRules', () => {
  const rule = (name: string, baseEntity = 'lead', published = true) => ({ name, baseEntity, published, conditions: [emailCondition] })

  it('accepts five published rules per base record type', () => {
    const rules = parseDuplicateRules([rule('1'), rule('2'), rule('3'), rule('4'), rule('5'), rule('a', 'account'), rule('6', 'lead', false)])
    expect(rules).toHaveLength(7)
  })
  it('rejects the sixth published rule of a record type at its index', () => {
    const error = catchLeadkitError(() => parseDuplicateRules([rule('1'), rule('2'), rule('x', 'lead', false), rule('3'), rule('4'), rule('5'), rule('6')]))
    expect(error.code).toBe('invalid_rule')
    expect(error.path).toEqual([6])
    expect(error.message).toMatch(/at most 5/)
  })
  it('names the rule and condition of a bad rule in a list', () => {
    const error = catchLeadkitError(() => parseDuplicateRules([rule('1'), { ...rule('2'), conditions: [{ baseField: 'a', operator: 'same-first-characters' }] }]))
    expect(error.path).toEqual([1, 'conditions', 0, 'characters'])
  })
  it('rejects a non-array', () => {
    expect(catchLeadkitError(() => parseDuplicateRules({})).code).toBe('invalid_rule')
  })
})
