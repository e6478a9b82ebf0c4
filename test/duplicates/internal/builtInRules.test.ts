import { describe, expect, it } from 'vitest'
import { BUILT_IN_COMPARATORS } from '../../../src/duplicates/internal/builtInRules.js'
import { RuleMemos } from '../../../src/duplicates/internal/ruleMemos.js'
import { InputReader } from '../../../src/internal/validate.js'

/** A built-in comparator with these options read as a rule's are (the defaults filled in). */
function comparator(name: 'lead-name-and-company' | 'lead-name-and-email-domain', options: object) {
  const definition = BUILT_IN_COMPARATORS[name]!
  const reader = new InputReader()
  const read = definition.readOptions(reader, options, ['options'])
  expect(reader.issues).toEqual([])
  return definition.create(read!, new RuleMemos())
}

/** A lead whose phone fields count how often they are read. */
function countingLead(fields: Record<string, string>, phone: string): { lead: object; reads: () => number } {
  let reads = 0
  const lead = { ...fields }
  for (const field of ['mobilePhone', 'businessPhone']) {
    Object.defineProperty(lead, field, { enumerable: true, get: () => ((reads += 1), phone) })
  }
  return { lead, reads: () => reads }
}

describe('separateByPhone', () => {
  for (const name of ['lead-name-and-company', 'lead-name-and-email-domain'] as const) {
    it(`${name}: the explained and the quick paths read a lead's phones once between them`, () => {
      const compare = comparator(name, { separateByPhone: true, phoneRegion: 'US' })
      const base = countingLead({ firstName: 'Maria', lastName: 'Garcia', companyName: 'Contoso Ltd', email: 'maria.garcia@contoso.com' }, '+1 206 555 0100')
      const matching = countingLead({ firstName: 'Maria', lastName: 'Garcia', companyName: 'Contoso', email: 'mgarcia@contoso.com' }, '(206) 555-0100')
      const explained = compare(base.lead, matching.lead, true)
      const quick = compare(base.lead, matching.lead, false)
      expect(explained?.isMatch).toBe(true)
      expect(quick?.isMatch).toBe(true)
      expect(quick?.score).toBe(explained?.score)
      // One read of each of the two phone fields per lead: a second reader would read them again.
      expect([base.reads(), matching.reads()]).toEqual([2, 2])
    })
  }

  it('a different number tells the namesakes apart on both paths, and says which field', () => {
    const compare = comparator('lead-name-and-company', { separateByPhone: true, phoneRegion: 'US' })
    const a = { firstName: 'Maria', lastName: 'Garcia', companyName: 'Contoso', mobilePhone: '206 555 0100' }
    const b = { firstName: 'Maria', lastName: 'Garcia', companyName: 'Contoso', mobilePhone: '206 555 0199' }
    expect(compare(a, b, false)?.isMatch).toBe(false)
    const explained = compare(a, b, true)
    expect(explained?.isMatch).toBe(false)
    expect(explained?.comparisons.at(-1)).toMatchObject({ field: 'mobilePhone', method: 'e164', similarity: 0 })
  })
})
