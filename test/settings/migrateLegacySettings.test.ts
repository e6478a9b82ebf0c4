import { sameFieldRule } from '../support/duplicateRules.js'
import { describe, expect, it } from 'vitest'
import { migrateLegacySettings, parseQualificationSettings } from '../../src/settings/index.js'

describe('migrateLegacySettings', () => {
  it('turns legacy auto-create on into automatic creation of every record type', () => {
    const legacy = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
    expect(migrateLegacySettings(legacy)).toEqual({
      experience: 'new',
      autoCreateRecords: false,
      recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' },
      allowMultipleOpportunities: false,
      maxOpportunities: 5,
      opportunityFormFields: [],
      summarizeLead: false,
      duplicateDetection: { enabled: true, improvedExperience: false, rules: [] },
    })
  })

  it('turns legacy auto-create off into seller creation of every record type', () => {
    const legacy = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: false })
    const migrated = migrateLegacySettings(legacy)
    expect(migrated.experience).toBe('new')
    expect(migrated.recordCreation).toEqual({ account: 'seller', contact: 'seller', opportunity: 'seller' })
  })

  it('keeps the duplicate-detection settings', () => {
    const rules = [sameFieldRule('Leads with the same email', 'lead', 'email')]
    const legacy = parseQualificationSettings({ experience: 'legacy', duplicateDetection: { enabled: false, improvedExperience: true, rules } })
    const migrated = migrateLegacySettings(legacy)
    expect(migrated.duplicateDetection).toBe(legacy.duplicateDetection)
    expect(migrated.duplicateDetection.rules[0]).toMatchObject(rules[0] as object)
  })

  it('returns new-experience settings unchanged (the same object)', () => {
    const settings = parseQualificationSettings({ recordCreation: { contact: 'automatic' }, summarizeLead: true })
    expect(migrateLegacySettings(settings)).toBe(settings)
  })

  it('produces settings that parse back to themselves, deep-frozen', () => {
    for (const autoCreateRecords of [true, false]) {
      const migrated = migrateLegacySettings(parseQualificationSettings({ experience: 'legacy', autoCreateRecords }))
      expect(parseQualificationSettings(JSON.parse(JSON.stringify(migrated)))).toEqual(migrated)
      expect(Object.isFrozen(migrated)).toBe(true)
      expect(Object.isFrozen(migrated.recordCreation)).toBe(true)
      expect(Object.isFrozen(migrated.opportunityFormFields)).toBe(true)
    }
  })

  it('does not mutate the legacy settings', () => {
    const legacy = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
    const before = JSON.stringify(legacy)
    migrateLegacySettings(legacy)
    expect(JSON.stringify(legacy)).toBe(before)
  })
})
