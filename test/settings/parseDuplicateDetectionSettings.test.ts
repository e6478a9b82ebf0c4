import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { parseDuplicateDetectionSettings, safeParseDuplicateDetectionSettings } from '../../src/settings/index.js'

describe('parseDuplicateDetectionSettings', () => {
  it('defaults: detection on, improved experience off, no rules', () => {
    expect(parseDuplicateDetectionSettings({})).toEqual({ enabled: true, improvedExperience: false, rules: [] })
    expect(parseDuplicateDetectionSettings(undefined)).toEqual({ enabled: true, improvedExperience: false, rules: [] })
  })

  it('keeps every given value and each rule as the same object', () => {
    const rule = { name: 'Accounts with the same website' }
    const settings = parseDuplicateDetectionSettings({ enabled: false, improvedExperience: true, rules: [rule] })
    expect(settings).toEqual({ enabled: false, improvedExperience: true, rules: [rule] })
    expect(settings.rules[0]).toBe(rule)
  })

  it('freezes the result and its rule list but not the caller`s rules', () => {
    const input = { rules: [{ name: 'r' }] }
    const settings = parseDuplicateDetectionSettings(input)
    expect(Object.isFrozen(settings)).toBe(true)
    expect(Object.isFrozen(settings.rules)).toBe(true)
    expect(settings.rules).not.toBe(input.rules)
    expect(Object.isFrozen(input.rules)).toBe(false)
    expect(Object.isFrozen(input.rules[0])).toBe(false)
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
    const settings = parseDuplicateDetectionSettings({ enabled: false, rules: [{ name: 'r', conditions: [{ field: 'email' }] }] })
    expect(parseDuplicateDetectionSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings)
  })
})
