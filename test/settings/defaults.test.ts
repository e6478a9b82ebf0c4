import { describe, expect, it } from 'vitest'
import { DEFAULT_QUALIFICATION_SETTINGS, parseQualificationSettings } from '../../src/settings/index.js'

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen)
}

describe('DEFAULT_QUALIFICATION_SETTINGS', () => {
  it('is what the parser makes of {}, key for key and in the same order, and deep-frozen', () => {
    expect(JSON.stringify(DEFAULT_QUALIFICATION_SETTINGS)).toBe(JSON.stringify(parseQualificationSettings({})))
    expect(isDeepFrozen(DEFAULT_QUALIFICATION_SETTINGS)).toBe(true)
  })
})
