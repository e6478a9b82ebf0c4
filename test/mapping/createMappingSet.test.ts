import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { createMappingSet, OUT_OF_THE_BOX_MAPS, type CustomFieldMap, type MappingSetOptions } from '../../src/mapping/index.js'

function failure(options: unknown): { code: string; path: readonly (string | number)[]; message: string } {
  try {
    createMappingSet(options as MappingSetOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(LeadkitError)
    const e = error as LeadkitError
    return { code: e.code, path: e.path, message: e.message }
  }
  throw new Error('expected createMappingSet to throw')
}

const map = (source: string, target: string, targetType: CustomFieldMap['targetType']): CustomFieldMap => ({ source, target, targetType })

describe('createMappingSet', () => {
  it('without options holds exactly the out-of-the-box maps', () => {
    const set = createMappingSet()
    expect(set).toEqual({ ...OUT_OF_THE_BOX_MAPS })
    expect(set).not.toHaveProperty('override')
  })

  it('appends valid custom maps after the out-of-the-box maps of their target', () => {
    const set = createMappingSet({
      custom: [
        map('industry', 'industry', 'account'),
        map('numberOfEmployees', 'numberOfEmployees', 'account'),
        map('email', 'email', 'account'),
        map('description', 'description', 'opportunity'),
        map('currency', 'currency', 'opportunity'),
        map('purchaseTimeframe', 'purchaseTimeframe', 'opportunity'),
        map('ownerId', 'ownerId', 'contact'),
        map('extra.twitter', 'extra.twitter', 'contact'),
        map('topic', 'extra.originalTopic', 'contact'),
      ],
    })
    expect(set.account.slice(OUT_OF_THE_BOX_MAPS.account.length)).toEqual([
      { source: 'industry', target: 'industry', outOfTheBox: false },
      { source: 'numberOfEmployees', target: 'numberOfEmployees', outOfTheBox: false },
      { source: 'email', target: 'email', outOfTheBox: false },
    ])
    expect(set.opportunity).toHaveLength(OUT_OF_THE_BOX_MAPS.opportunity.length + 3)
    expect(set.contact.slice(-2)).toEqual([
      { source: 'extra.twitter', target: 'extra.twitter', outOfTheBox: false },
      { source: 'topic', target: 'extra.originalTopic', outOfTheBox: false },
    ])
  })

  it('allows one source for several targets', () => {
    const set = createMappingSet({ custom: [map('description', 'extra.a', 'contact'), map('description', 'extra.b', 'contact')] })
    expect(set.contact).toHaveLength(OUT_OF_THE_BOX_MAPS.contact.length + 2)
  })

  it('allows the same target field on different target types', () => {
    expect(() => createMappingSet({ custom: [map('extra.x', 'extra.x', 'account'), map('extra.x', 'extra.x', 'contact')] })).not.toThrow()
  })

  it('returns a frozen set, keeps the override and does not freeze the caller`s maps', () => {
    const custom = [map('industry', 'industry', 'account')]
    const override = (_t: unknown, mapped: Readonly<Record<string, unknown>>) => mapped
    const set = createMappingSet({ custom, override })
    expect(Object.isFrozen(set)).toBe(true)
    expect(Object.isFrozen(set.account)).toBe(true)
    expect(Object.isFrozen(set.account.at(-1))).toBe(true)
    expect(set.override).toBe(override)
    expect(Object.isFrozen(custom)).toBe(false)
    expect(Object.isFrozen(custom[0])).toBe(false)
    expect(Object.isFrozen(override)).toBe(false)
  })

  it.each([
    ['options not an object', 'all', 'invalid_type', []],
    ['unknown option', { maps: [] }, 'invalid_value', ['maps']],
    ['override not a function', { override: {} }, 'invalid_type', ['override']],
    ['custom not an array', { custom: {} }, 'invalid_type', ['custom']],
    ['a map that is not an object', { custom: ['industry'] }, 'invalid_type', ['custom', 0]],
    ['a missing map', { custom: [null] }, 'required', ['custom', 0]],
    ['a missing source', { custom: [{ target: 'industry', targetType: 'account' }] }, 'required', ['custom', 0, 'source']],
    ['a source that is not a string', { custom: [{ source: 1, target: 'industry', targetType: 'account' }] }, 'invalid_type', ['custom', 0, 'source']],
    ['a missing target', { custom: [{ source: 'industry', targetType: 'account' }] }, 'required', ['custom', 0, 'target']],
    ['a missing target type', { custom: [{ source: 'industry', target: 'industry' }] }, 'required', ['custom', 0, 'targetType']],
    ['an unknown target type', { custom: [map('topic', 'topic', 'lead' as 'account')] }, 'invalid_value', ['custom', 0, 'targetType']],
    ['an unknown key in a map', { custom: [{ ...map('industry', 'industry', 'account'), required: true }] }, 'invalid_value', ['custom', 0, 'required']],
    ['a forbidden key in a map', { custom: [JSON.parse('{"source":"industry","target":"industry","targetType":"account","__proto__":{}}')] }, 'forbidden_key', ['custom', 0, '__proto__']],
    ['a source the lead does not have', { custom: [map('twitter', 'extra.twitter', 'contact')] }, 'invalid_mapping', ['custom', 0, 'source']],
    ['a system field as source', { custom: [map('version', 'extra.v', 'contact')] }, 'invalid_mapping', ['custom', 0, 'source']],
    ['a prototype name as source', { custom: [map('toString', 'extra.v', 'contact')] }, 'invalid_mapping', ['custom', 0, 'source']],
    ['a malformed custom source', { custom: [map('extra.', 'extra.v', 'contact')] }, 'invalid_mapping', ['custom', 0, 'source']],
    ['a nested custom source', { custom: [map('extra.a.b', 'extra.v', 'contact')] }, 'invalid_mapping', ['custom', 0, 'source']],
    ['a forbidden custom source', { custom: [map('extra.__proto__', 'extra.v', 'contact')] }, 'forbidden_key', ['custom', 0, 'source']],
    ['a target the record does not have', { custom: [map('industry', 'industry', 'contact')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a system field as target', { custom: [map('topic', 'originatingLeadId', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a whole address as target', { custom: [map('companyName', 'address', 'account')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a forbidden custom target', { custom: [map('topic', 'extra.constructor', 'contact')] }, 'forbidden_key', ['custom', 0, 'target']],
    ['text to a number', { custom: [map('description', 'estimatedRevenue', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a number to text', { custom: [map('numberOfEmployees', 'description', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a boolean to a number', { custom: [map('decisionMaker', 'budgetAmount', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['an option set to another option set', { custom: [map('purchaseProcess', 'purchaseTimeframe', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a lookup to another table', { custom: [map('ownerId', 'accountId', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['text to a date', { custom: [map('topic', 'estimatedCloseDate', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a longer source than target (description 2000 → email 100)', { custom: [map('description', 'email', 'account')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a longer source than target (company 100 → postal code 20)', { custom: [map('companyName', 'address.postalCode', 'contact')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['an untyped custom source to a typed field', { custom: [map('extra.region', 'description', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a field an out-of-the-box map fills', { custom: [map('lastName', 'name', 'account')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['an address field an out-of-the-box map fills', { custom: [map('address.street2', 'address.street1', 'contact')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['the opportunity topic', { custom: [map('description', 'topic', 'opportunity')] }, 'invalid_mapping', ['custom', 0, 'target']],
    ['a duplicate target', { custom: [map('industry', 'industry', 'account'), map('extra.i', 'extra.i', 'account'), map('industry', 'industry', 'account')] }, 'invalid_mapping', ['custom', 2, 'target']],
    ['a duplicate custom target', { custom: [map('topic', 'extra.t', 'contact'), map('description', 'extra.t', 'contact')] }, 'invalid_mapping', ['custom', 1, 'target']],
  ])('rejects %s', (_name, options, code, path) => {
    const result = failure(options)
    expect({ code: result.code, path: result.path }).toEqual({ code, path })
  })

  it('reports every bad map at once, with an actionable message', () => {
    try {
      createMappingSet({ custom: [map('lastName', 'name', 'account'), map('industry', 'industry', 'account'), map('twitter', 'extra.t', 'contact')] })
      expect.unreachable('createMappingSet should throw')
    } catch (error) {
      const e = error as LeadkitError
      expect(e.issues.map((issue) => issue.path)).toEqual([
        ['custom', 0, 'target'],
        ['custom', 2, 'source'],
      ])
      expect(e.issues[0]?.message).toContain('out-of-the-box')
      expect(e.issues[0]?.message).toContain('override')
    }
  })

  it('explains a length mismatch with both lengths', () => {
    expect(failure({ custom: [map('description', 'email', 'account')] }).message).toMatch(/100.*2000/)
  })
})

describe('createMappingSet properties', () => {
  const leadPaths = ['topic', 'firstName', 'companyName', 'description', 'industry', 'budgetAmount', 'decisionMaker', 'ownerId', 'extra.a', 'extra.b', 'address.city']
  const targetPaths = ['name', 'email', 'industry', 'description', 'budgetAmount', 'decisionMaker', 'ownerId', 'extra.a', 'extra.b', 'address.city', 'mobilePhone']
  const anyMap = fc.record({
    source: fc.oneof(fc.constantFrom(...leadPaths), fc.string({ maxLength: 8 })),
    target: fc.oneof(fc.constantFrom(...targetPaths), fc.string({ maxLength: 8 })),
    targetType: fc.constantFrom<CustomFieldMap['targetType']>('account', 'contact', 'opportunity'),
  })

  it('either builds a set or throws a LeadkitError, and never mutates its input', () => {
    fc.assert(
      fc.property(fc.array(anyMap, { maxLength: 6 }), (custom) => {
        const before = JSON.stringify(custom)
        try {
          const set = createMappingSet({ custom })
          // Every accepted map is in the set, after the out-of-the-box maps of its target, in order.
          for (const target of ['account', 'contact', 'opportunity'] as const) {
            const added = set[target].slice(OUT_OF_THE_BOX_MAPS[target].length).map((m) => [m.source, m.target])
            expect(added).toEqual(custom.filter((m) => m.targetType === target).map((m) => [m.source, m.target]))
          }
        } catch (error) {
          expect(error).toBeInstanceOf(LeadkitError)
          expect((error as LeadkitError).path[0]).toBe('custom')
        }
        expect(JSON.stringify(custom)).toBe(before)
      }),
    )
  })
})
