// Regression tests of issue 17 ("Integrity and security") for settings: each `describe` names the defect it pins.
import { describe, expect, it } from 'vitest'
import { parseQualificationSettings } from '../../src/settings/index.js'
import { catchLeadkitError } from '../support/errors.js'

describe('typos in settings were refused without saying which setting was meant', () => {
  it('names the closest setting of a misspelt key, at every level', () => {
    const top = catchLeadkitError(() => parseQualificationSettings({ autoCreateRecord: true }))
    expect(top).toMatchObject({ code: 'invalid_value', path: ['autoCreateRecord'] })
    expect(top.message).toContain('did you mean "autoCreateRecords"?')
    const nested = catchLeadkitError(() => parseQualificationSettings({ recordCreation: { acount: 'seller' } }))
    expect(nested).toMatchObject({ code: 'invalid_value', path: ['recordCreation', 'acount'] })
    expect(nested.message).toContain('did you mean "account"?')
    expect(catchLeadkitError(() => parseQualificationSettings({ somethingElse: 1 })).message).toContain('remove it')
  })
})
