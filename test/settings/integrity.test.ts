// Regression tests of issue 17 ("Integrity and security") for settings: each `describe` names the defect it pins.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { parseQualificationSettings, safeParseQualificationSettings } from '../../src/settings/index.js'
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

describe('de-duplicating opportunity form fields was quadratic (40k entries: 1.7 s)', () => {
  /**
   * Runs `run` counting the comparisons list and set lookups make: each `includes` call counts the length of the
   * array it scans (what a linear search may compare), each `Set#has` one. Counts, not time, so the test does not
   * depend on the machine.
   */
  function countComparisons(run: () => unknown): number {
    let comparisons = 0
    const includes = Array.prototype.includes
    const has = Set.prototype.has
    const includesSpy = vi.spyOn(Array.prototype, 'includes').mockImplementation(function (this: unknown[], ...args) {
      comparisons += this.length
      return includes.apply(this, args as [unknown, number?])
    })
    const hasSpy = vi.spyOn(Set.prototype, 'has').mockImplementation(function (this: Set<unknown>, value) {
      comparisons += 1
      return has.call(this, value)
    })
    try {
      run()
    } finally {
      includesSpy.mockRestore()
      hasSpy.mockRestore()
    }
    return comparisons
  }
  const fields = (count: number) => Array.from({ length: count }, (_, i) => `extra.field${i}`)

  it('reads 40,000 distinct custom fields with a constant number of comparisons per field', () => {
    const comparisons = countComparisons(() => parseQualificationSettings({ opportunityFormFields: fields(40_000) }))
    // A scan of the fields kept so far would make about 40,000² / 2 = 800 million.
    expect(comparisons).toBeLessThanOrEqual(5 * 40_000)
    expect(
      parseQualificationSettings({ opportunityFormFields: fields(40_000) }).opportunityFormFields,
    ).toHaveLength(40_000)
  })

  it('grows linearly: 4 times the fields cost at most 4 times the comparisons', () => {
    const small = countComparisons(() => parseQualificationSettings({ opportunityFormFields: fields(10_000) }))
    const large = countComparisons(() => parseQualificationSettings({ opportunityFormFields: fields(40_000) }))
    expect(large).toBeLessThanOrEqual(4 * small + 100)
  })

  it('still refuses the second of two equal fields, at its index', () => {
    const list = [...fields(20_000), 'topic', 'extra.field7']
    expect(catchLeadkitError(() => parseQualificationSettings({ opportunityFormFields: list }))).toMatchObject({
      code: 'invalid_value',
      path: ['opportunityFormFields', 20_001],
    })
  })
})

describe('safeParseQualificationSettings never throws, whatever the input', () => {
  it('returns a result for any value, at the top or as any setting (property)', () => {
    const anything = fc.anything(
      { maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withTypedArray: true },
    )
    const keys = [
      'experience',
      'recordCreation',
      'maxOpportunities',
      'opportunityFormFields',
      'duplicateDetection',
      'x',
    ]
    fc.assert(
      fc.property(anything, fc.constantFrom(...keys), (value, key) => {
        expect(() => safeParseQualificationSettings(value)).not.toThrow()
        expect(() => safeParseQualificationSettings({ [key]: value })).not.toThrow()
      }),
      { numRuns: 200 },
    )
  })
})
