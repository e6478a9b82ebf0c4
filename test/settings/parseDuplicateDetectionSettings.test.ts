import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { createDuplicateRuleRegistry } from '../../src/duplicates/createDuplicateRuleRegistry.js'
import { DEFAULT_LEAD_DUPLICATE_RULES } from '../../src/duplicates/defaultLeadRules.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import {
  parseDuplicateDetectionSettings,
  parseQualificationSettings,
  safeParseDuplicateDetectionSettings,
} from '../../src/settings/index.js'
import { sameFieldRule } from '../support/duplicateRules.js'
import { catchLeadkitError } from '../support/errors.js'

describe('parseDuplicateDetectionSettings', () => {
  it('defaults: detection on, improved experience off, no rules', () => {
    expect(parseDuplicateDetectionSettings({})).toEqual({ enabled: true, improvedExperience: false, rules: [] })
    expect(parseDuplicateDetectionSettings(undefined)).toEqual({ enabled: true, improvedExperience: false, rules: [] })
  })

  it('parses each rule into a new frozen rule with its defaults, leaving the caller`s objects alone', () => {
    const rule = sameFieldRule('Accounts with the same website', 'account', 'website')
    const input = { enabled: false, improvedExperience: true, rules: [rule] }
    const copy = structuredClone(input)
    const settings = parseDuplicateDetectionSettings(input)
    expect(settings).toMatchObject({ enabled: false, improvedExperience: true })
    expect(settings.rules).toEqual([parseDuplicateRule(rule)])
    expect(settings.rules[0]).toMatchObject({ kind: 'matchcode', matchingEntity: 'account', published: true })
    expect(settings.rules[0]).not.toBe(rule)
    expect(Object.isFrozen(settings)).toBe(true)
    expect(Object.isFrozen(settings.rules)).toBe(true)
    expect(Object.isFrozen(settings.rules[0])).toBe(true)
    expect(input).toEqual(copy)
    expect(Object.isFrozen(input.rules)).toBe(false)
    expect(Object.isFrozen(rule)).toBe(false)
  })

  it('points the path of a bad rule into the settings and suggests the key meant', () => {
    const typo = { ...sameFieldRule('Same email', 'lead', 'email'), excludeInactive: true }
    const rules = [sameFieldRule('ok', 'lead', 'email'), typo]
    const error = catchLeadkitError(() => parseDuplicateDetectionSettings({ rules }))
    expect(error).toMatchObject({ code: 'invalid_rule', path: ['rules', 1, 'excludeInactive'] })
    expect(error.message).toContain('excludeInactiveMatchingRecords')
    expect(error.message).toContain('rules[1].excludeInactive')

    const noOperator = { name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'email' }] }
    const inQualification = catchLeadkitError(() =>
      parseQualificationSettings({ duplicateDetection: { rules: [noOperator] } }),
    )
    expect(inQualification).toMatchObject({
      code: 'invalid_rule',
      path: ['duplicateDetection', 'rules', 0, 'conditions', 0, 'operator'],
    })
  })

  it('allows at most 5 published rules per base record type, of every kind; unpublished ones do not count', () => {
    const five = Array.from({ length: 5 }, (_, i) => sameFieldRule(`Lead rule ${i}`, 'lead', 'email'))
    const keyed = { ...(DEFAULT_LEAD_DUPLICATE_RULES[0] as object), name: 'Sixth, keyed' }
    expect(parseDuplicateDetectionSettings({ rules: [...five, { ...keyed, published: false }] }).rules).toHaveLength(6)
    const account = sameFieldRule('Account', 'account', 'name')
    expect(parseDuplicateDetectionSettings({ rules: [...five, account] }).rules).toHaveLength(6)
    const error = catchLeadkitError(() => parseDuplicateDetectionSettings({ rules: [...five, keyed] }))
    expect(error).toMatchObject({ code: 'invalid_rule', path: ['rules', 5] })
    expect(error.message).toContain('at most 5')
    const ten = { duplicateDetection: { rules: [...five, ...five] } }
    const matchcode = catchLeadkitError(() => parseQualificationSettings(ten))
    const paths = [0, 1, 2, 3, 4].map((i) => ['duplicateDetection', 'rules', 5 + i])
    expect(matchcode.issues.map((issue) => issue.path)).toEqual(paths)
  })

  it('takes a registry for a host`s own normalisers', () => {
    const rule = {
      kind: 'keyed',
      name: 'Same VAT',
      baseEntity: 'account',
      baseFields: ['extra.vat'],
      normalizer: 'acme.vat',
      method: 'exact',
    }
    const unknown = catchLeadkitError(() => parseDuplicateDetectionSettings({ rules: [rule] }))
    expect(unknown.path).toEqual(['rules', 0, 'normalizer'])
    const vat = (value: string): string | undefined => value.replace(/\W/g, '').toUpperCase() || undefined
    const registry = createDuplicateRuleRegistry({ normalizers: { 'acme.vat': vat } })
    const parsed = parseDuplicateDetectionSettings({ rules: [rule] }, { registry })
    expect(parsed.rules[0]).toMatchObject({ normalizer: 'acme.vat' })
    const settings = parseQualificationSettings({ duplicateDetection: { rules: [rule] } }, { registry })
    expect(settings.duplicateDetection.rules).toHaveLength(1)
  })

  it.each([
    ['not an object', 'on', 'invalid_type', []],
    ['enabled not boolean', { enabled: 'yes' }, 'invalid_type', ['enabled']],
    ['improvedExperience not boolean', { improvedExperience: 0 }, 'invalid_type', ['improvedExperience']],
    ['rules not an array', { rules: 'all' }, 'invalid_type', ['rules']],
    ['unknown key', { matchcodes: [] }, 'invalid_value', ['matchcodes']],
    ['forbidden key', JSON.parse('{"__proto__": {}}'), 'forbidden_key', ['__proto__']],
  ])('rejects %s', (_name, input, code, path) => {
    const result = safeParseDuplicateDetectionSettings(input)
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(result.error).toBeInstanceOf(LeadkitError)
      expect(result.issues[0]).toMatchObject({ code, path })
    }
  })

  it('round-trips through JSON', () => {
    const contact = sameFieldRule('r', 'contact', 'email', { caseSensitive: true, published: false })
    const rules = [contact, DEFAULT_LEAD_DUPLICATE_RULES[2]]
    const settings = parseDuplicateDetectionSettings({ enabled: false, rules })
    expect(parseDuplicateDetectionSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings)
  })
})
