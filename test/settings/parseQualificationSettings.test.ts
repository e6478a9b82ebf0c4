import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import {
  DEFAULT_OPPORTUNITY_FORM_FIELDS,
  DEFAULT_QUALIFICATION_SETTINGS,
  migrateLegacySettings,
  parseQualificationSettings,
  resolveRecordCreation,
  safeParseQualificationSettings,
} from '../../src/settings/index.js'
import { sameFieldRule, settingsRulesArb } from '../support/duplicateRules.js'

function failure(input: unknown): { code: string; path: readonly (string | number)[] } {
  try {
    parseQualificationSettings(input)
  } catch (error) {
    expect(error).toBeInstanceOf(LeadkitError)
    const e = error as LeadkitError
    return { code: e.code, path: e.path }
  }
  throw new Error('expected parseQualificationSettings to throw')
}

describe('parseQualificationSettings', () => {
  it('fills every default from an empty object', () => {
    expect(parseQualificationSettings({})).toEqual({
      experience: 'new',
      autoCreateRecords: false,
      recordCreation: { account: 'seller', contact: 'seller', opportunity: 'seller' },
      allowMultipleOpportunities: false,
      maxOpportunities: 5,
      opportunityFormFields: [],
      summarizeLead: false,
      duplicateDetection: { enabled: true, improvedExperience: false, rules: [] },
    })
  })

  it('exports the defaults frozen, equal to parsing {}', () => {
    expect(DEFAULT_QUALIFICATION_SETTINGS).toEqual(parseQualificationSettings({}))
    expect(Object.isFrozen(DEFAULT_QUALIFICATION_SETTINGS)).toBe(true)
    expect(Object.isFrozen(DEFAULT_QUALIFICATION_SETTINGS.recordCreation)).toBe(true)
    expect(Object.isFrozen(DEFAULT_QUALIFICATION_SETTINGS.duplicateDetection.rules)).toBe(true)
    expect(DEFAULT_OPPORTUNITY_FORM_FIELDS).toEqual(['topic', 'currency', 'estimatedRevenue', 'estimatedCloseDate', 'description'])
  })

  it('fills unspecified record types with seller', () => {
    const settings = parseQualificationSettings({ recordCreation: { account: 'automatic' } })
    expect(settings.recordCreation).toEqual({ account: 'automatic', contact: 'seller', opportunity: 'seller' })
  })

  it('accepts a full new-experience configuration and deep-freezes it', () => {
    const settings = parseQualificationSettings({
      experience: 'new',
      recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'seller' },
      allowMultipleOpportunities: true,
      maxOpportunities: 3,
      opportunityFormFields: ['topic', 'estimatedRevenue', 'extra.region'],
      summarizeLead: true,
      duplicateDetection: { enabled: false, improvedExperience: true, rules: [sameFieldRule('r1', 'lead', 'email')] },
    })
    expect(settings.maxOpportunities).toBe(3)
    expect(settings.opportunityFormFields).toEqual(['topic', 'estimatedRevenue', 'extra.region'])
    expect(Object.isFrozen(settings.opportunityFormFields)).toBe(true)
    expect(settings.duplicateDetection).toMatchObject({ enabled: false, improvedExperience: true })
    expect(settings.duplicateDetection.rules).toEqual([
      {
        kind: 'matchcode',
        name: 'r1',
        baseEntity: 'lead',
        matchingEntity: 'lead',
        conditions: [{ baseField: 'email', matchingField: 'email', operator: 'exact', ignoreBlankValues: true }],
        caseSensitive: false,
        excludeInactiveMatchingRecords: false,
        published: true,
      },
    ])
    expect(Object.isFrozen(settings.duplicateDetection.rules[0])).toBe(true)
  })

  it('accepts the legacy experience with auto-create on, stating automatic creation for every type', () => {
    const settings = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
    expect(settings.experience).toBe('legacy')
    expect(settings.autoCreateRecords).toBe(true)
    expect(settings.recordCreation).toEqual({ account: 'automatic', contact: 'automatic', opportunity: 'automatic' })
  })

  it('states seller creation for every type in the legacy experience with auto-create off', () => {
    expect(parseQualificationSettings({ experience: 'legacy' }).recordCreation).toEqual({ account: 'seller', contact: 'seller', opportunity: 'seller' })
  })

  it('accepts a legacy recordCreation that restates what autoCreateRecords means', () => {
    const on = { experience: 'legacy', autoCreateRecords: true, recordCreation: { account: 'automatic', contact: 'automatic' } }
    expect(parseQualificationSettings(on).recordCreation.opportunity).toBe('automatic')
    const off = { experience: 'legacy', recordCreation: { account: 'seller', contact: 'seller', opportunity: 'seller' } }
    expect(parseQualificationSettings(off).recordCreation.account).toBe('seller')
  })

  it.each([
    ['not an object', 'nope', 'invalid_type', []],
    ['an array', [], 'invalid_type', []],
    ['null', null, 'required', []],
    ['unknown experience', { experience: 'modern' }, 'invalid_value', ['experience']],
    ['unknown key', { autoCreate: true }, 'invalid_value', ['autoCreate']],
    ['forbidden key', JSON.parse('{"__proto__": {"polluted": true}}'), 'forbidden_key', ['__proto__']],
    ['forbidden key in recordCreation', { recordCreation: JSON.parse('{"constructor": "seller"}') }, 'forbidden_key', ['recordCreation', 'constructor']],
    ['autoCreateRecords not boolean', { autoCreateRecords: 'yes' }, 'invalid_type', ['autoCreateRecords']],
    ['recordCreation not an object', { recordCreation: 'automatic' }, 'invalid_type', ['recordCreation']],
    ['unknown record type', { recordCreation: { lead: 'seller' } }, 'invalid_value', ['recordCreation', 'lead']],
    ['unknown creation mode', { recordCreation: { contact: 'system' } }, 'invalid_value', ['recordCreation', 'contact']],
    ['maxOpportunities 6', { allowMultipleOpportunities: true, maxOpportunities: 6 }, 'invalid_value', ['maxOpportunities']],
    ['maxOpportunities 0', { allowMultipleOpportunities: true, maxOpportunities: 0 }, 'invalid_value', ['maxOpportunities']],
    ['maxOpportunities 2.5', { allowMultipleOpportunities: true, maxOpportunities: 2.5 }, 'invalid_value', ['maxOpportunities']],
    ['maxOpportunities a string', { maxOpportunities: '5' }, 'invalid_type', ['maxOpportunities']],
    ['maxOpportunities 3 without multiple', { maxOpportunities: 3 }, 'invalid_combination', ['maxOpportunities']],
    ['form fields not an array', { opportunityFormFields: 'topic' }, 'invalid_type', ['opportunityFormFields']],
    ['unknown form field', { opportunityFormFields: ['topic', 'revenue'] }, 'invalid_value', ['opportunityFormFields', 1]],
    ['system form field', { opportunityFormFields: ['state'] }, 'invalid_value', ['opportunityFormFields', 0]],
    ['blank form field', { opportunityFormFields: [''] }, 'required', ['opportunityFormFields', 0]],
    ['form field not a string', { opportunityFormFields: [7] }, 'invalid_type', ['opportunityFormFields', 0]],
    ['duplicate form field', { opportunityFormFields: ['topic', 'topic'] }, 'invalid_value', ['opportunityFormFields', 1]],
    ['forbidden custom form field', { opportunityFormFields: ['extra.__proto__'] }, 'forbidden_key', ['opportunityFormFields', 0]],
    ['malformed custom form field', { opportunityFormFields: ['extra.'] }, 'invalid_value', ['opportunityFormFields', 0]],
    ['summarizeLead not boolean', { summarizeLead: 1 }, 'invalid_type', ['summarizeLead']],
    ['multiple opportunities with automatic', { recordCreation: { opportunity: 'automatic' }, allowMultipleOpportunities: true }, 'invalid_combination', ['allowMultipleOpportunities']],
    ['form with automatic', { recordCreation: { opportunity: 'automatic' }, opportunityFormFields: ['topic'] }, 'invalid_combination', ['opportunityFormFields']],
    ['legacy with multiple opportunities', { experience: 'legacy', allowMultipleOpportunities: true }, 'invalid_combination', ['allowMultipleOpportunities']],
    ['legacy with a form', { experience: 'legacy', opportunityFormFields: ['topic'] }, 'invalid_combination', ['opportunityFormFields']],
    ['legacy with summary', { experience: 'legacy', summarizeLead: true }, 'invalid_combination', ['summarizeLead']],
    ['legacy with per-type creation', { experience: 'legacy', recordCreation: { contact: 'automatic' } }, 'invalid_combination', ['recordCreation', 'contact']],
    ['legacy auto-create with a seller type', { experience: 'legacy', autoCreateRecords: true, recordCreation: { opportunity: 'seller' } }, 'invalid_combination', ['recordCreation', 'opportunity']],
    ['legacy maxOpportunities 4', { experience: 'legacy', maxOpportunities: 4 }, 'invalid_combination', ['maxOpportunities']],
    ['new with the legacy switch', { autoCreateRecords: true }, 'invalid_combination', ['autoCreateRecords']],
    ['duplicateDetection not an object', { duplicateDetection: true }, 'invalid_type', ['duplicateDetection']],
    ['duplicateDetection unknown key', { duplicateDetection: { on: true } }, 'invalid_value', ['duplicateDetection', 'on']],
    ['duplicate rules not an array', { duplicateDetection: { rules: {} } }, 'invalid_type', ['duplicateDetection', 'rules']],
  ])('rejects %s', (_name, input, code, path) => {
    expect(failure(input)).toEqual({ code, path })
  })

  it('reports every bad field at once', () => {
    const result = safeParseQualificationSettings({ experience: 'x', summarizeLead: 'y', extra: 1 })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(result.issues.map((issue) => issue.path)).toEqual([['extra'], ['experience'], ['summarizeLead']])
    }
  })

  it('accepts maxOpportunities 1 or 5 without multiple opportunities', () => {
    expect(parseQualificationSettings({ maxOpportunities: 1 }).maxOpportunities).toBe(1)
    expect(parseQualificationSettings({ maxOpportunities: 5 }).maxOpportunities).toBe(5)
  })

  it('does not mutate its input', () => {
    const input = {
      recordCreation: { account: 'automatic' },
      opportunityFormFields: ['topic'],
      duplicateDetection: { rules: [sameFieldRule('r', 'lead', 'email')] },
    }
    const copy = structuredClone(input)
    const settings = parseQualificationSettings(input)
    expect(input).toEqual(copy)
    expect(Object.isFrozen(input.opportunityFormFields)).toBe(false)
    expect(settings.opportunityFormFields).not.toBe(input.opportunityFormFields)
  })

  it('safeParse returns the value on success', () => {
    const result = safeParseQualificationSettings({ summarizeLead: true })
    expect(result).toEqual({ success: true, value: { ...DEFAULT_QUALIFICATION_SETTINGS, summarizeLead: true } })
  })
})

const creation = fc.constantFrom('seller' as const, 'automatic' as const)
const validSettings = fc.oneof(
  fc.record({ experience: fc.constant('legacy' as const), autoCreateRecords: fc.boolean() }),
  fc
    .record({
      experience: fc.constant('new' as const),
      recordCreation: fc.record({ account: creation, contact: creation, opportunity: creation }),
      allowMultipleOpportunities: fc.boolean(),
      maxOpportunities: fc.integer({ min: 1, max: 5 }),
      opportunityFormFields: fc.uniqueArray(fc.constantFrom('topic', 'currency', 'estimatedRevenue', 'description', 'extra.region')),
      summarizeLead: fc.boolean(),
      duplicateDetection: fc.record({
        enabled: fc.boolean(),
        improvedExperience: fc.boolean(),
        rules: settingsRulesArb,
      }),
    })
    .map((s) => {
      if (s.recordCreation.opportunity === 'automatic') return { ...s, allowMultipleOpportunities: false, opportunityFormFields: [], maxOpportunities: 5 }
      return s.allowMultipleOpportunities ? s : { ...s, maxOpportunities: 1 }
    }),
)

describe('parseQualificationSettings properties', () => {
  it('round-trips through JSON: parse(serialise(parse(x))) equals parse(x)', () => {
    fc.assert(
      fc.property(validSettings, (input) => {
        const settings = parseQualificationSettings(input)
        expect(parseQualificationSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings)
      }),
    )
  })

  it('never mutates its input', () => {
    fc.assert(
      fc.property(fc.oneof(validSettings, fc.anything()), (input) => {
        const before = JSON.stringify(input)
        safeParseQualificationSettings(input)
        expect(JSON.stringify(input)).toBe(before)
      }),
    )
  })
})

describe('organisation defaults', () => {
  it('reads defaultCurrency (ISO 4217) and defaultPhoneRegion (a country with a numbering plan, upper-cased)', () => {
    const settings = parseQualificationSettings({ defaultCurrency: 'EUR', defaultPhoneRegion: 'gb' })
    expect(settings).toMatchObject({ defaultCurrency: 'EUR', defaultPhoneRegion: 'GB' })
    expect(parseQualificationSettings({})).not.toHaveProperty('defaultCurrency')
    expect(failure({ defaultCurrency: 'euro' })).toEqual({ code: 'invalid_format', path: ['defaultCurrency'] })
    expect(failure({ defaultPhoneRegion: 'XX' })).toEqual({ code: 'invalid_value', path: ['defaultPhoneRegion'] })
    expect(failure({ defaultPhoneRegion: 44 })).toEqual({ code: 'invalid_type', path: ['defaultPhoneRegion'] })
    expect(failure({ defaultCurency: 'EUR' })).toEqual({ code: 'invalid_value', path: ['defaultCurency'] })
  })

  it('keeps them through migrateLegacySettings', () => {
    const defaults = { defaultCurrency: 'GBP', defaultPhoneRegion: 'GB' }
    const legacy = parseQualificationSettings({ experience: 'legacy', ...defaults })
    expect(migrateLegacySettings(legacy)).toMatchObject({ experience: 'new', ...defaults })
  })
})

describe('settings the parser did not make', () => {
  it('are refused with a LeadkitError, not a TypeError or a wrong answer', () => {
    const parsed = parseQualificationSettings({ recordCreation: { account: 'automatic' } })
    const lookalikes = [{}, null, 'new', { ...parsed }, JSON.parse(JSON.stringify(parsed)), structuredClone(parsed)]
    for (const settings of lookalikes) {
      const runs = [() => resolveRecordCreation(settings as never), () => migrateLegacySettings(settings as never)]
      for (const run of runs) {
        let error: unknown
        try {
          run()
        } catch (caught) {
          error = caught
        }
        expect(error).toBeInstanceOf(LeadkitError)
        expect(error).toMatchObject({ code: 'invalid_type', path: ['settings'] })
      }
    }
    expect(resolveRecordCreation(parsed).account).toBe('automatic')
    expect(resolveRecordCreation(DEFAULT_QUALIFICATION_SETTINGS).account).toBe('seller')
    const migrated = migrateLegacySettings(parseQualificationSettings({ experience: 'legacy' }))
    expect(resolveRecordCreation(migrated).account).toBe('seller')
  })
})
