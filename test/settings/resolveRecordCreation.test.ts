import { describe, expect, it } from 'vitest'
import { migrateLegacySettings, parseQualificationSettings, resolveRecordCreation } from '../../src/settings/index.js'

describe('resolveRecordCreation', () => {
  it('legacy auto-create on: every record type automatic', () => {
    expect(resolveRecordCreation(parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true }))).toEqual({
      account: 'automatic',
      contact: 'automatic',
      opportunity: 'automatic',
    })
  })

  it('legacy auto-create off: the seller chooses every record type', () => {
    expect(resolveRecordCreation(parseQualificationSettings({ experience: 'legacy' }))).toEqual({
      account: 'seller',
      contact: 'seller',
      opportunity: 'seller',
    })
  })

  it('new experience: the per-type setting', () => {
    const settings = parseQualificationSettings({ recordCreation: { account: 'automatic', opportunity: 'automatic' } })
    expect(resolveRecordCreation(settings)).toEqual({ account: 'automatic', contact: 'seller', opportunity: 'automatic' })
  })

  it('gives the same answer before and after migration', () => {
    for (const autoCreateRecords of [true, false]) {
      const legacy = parseQualificationSettings({ experience: 'legacy', autoCreateRecords })
      expect(resolveRecordCreation(migrateLegacySettings(legacy))).toEqual(resolveRecordCreation(legacy))
    }
  })

  it('returns a frozen record', () => {
    expect(Object.isFrozen(resolveRecordCreation(parseQualificationSettings({ experience: 'legacy' })))).toBe(true)
    expect(Object.isFrozen(resolveRecordCreation(parseQualificationSettings({})))).toBe(true)
  })
})
