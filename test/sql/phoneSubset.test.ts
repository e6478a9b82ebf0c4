// How far the compiled phone normaliser (normalizePhone's fast path, no libphonenumber-js) is from the JS one on the
// benchmark generator's numbers: the figures docs/sql.md quotes. FEBRL and the Splink sample carry no phone numbers.
import { describe, expect, it } from 'vitest'
import { normalizePhone, phoneFastPath } from '../../src/duplicates/normalizePhone.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'

/** The generator's phone values and how many get another code from the fast path than from normalizePhone. */
function differing(region: string | undefined): { values: number; differ: number; sqlHasCodeJsNot: number } {
  const leads = generateDuplicateLeads({ count: 20_000, seed: 5 }).leads
  let values = 0
  let differ = 0
  let sqlHasCodeJsNot = 0
  for (const lead of leads) {
    for (const phone of [lead.businessPhone, lead.mobilePhone]) {
      if (typeof phone !== 'string' || phone === '') continue
      values += 1
      const js = normalizePhone(phone, region === undefined ? {} : { defaultRegion: region })
      const fast = phoneFastPath(phone, region)
      const sql = fast === null || fast === '' ? undefined : fast
      if (sql !== js) differ += 1
      if (sql !== undefined && js === undefined) sqlHasCodeJsNot += 1
    }
  }
  return { values, differ, sqlHasCodeJsNot }
}

describe('the compiled phone subset on generated numbers', () => {
  it('gives every code the JS normaliser gives with a North American or no default region', () => {
    expect(differing('US')).toEqual({ values: expect.any(Number), differ: 0, sqlHasCodeJsNot: 0 })
    expect(differing(undefined)).toEqual({ values: expect.any(Number), differ: 0, sqlHasCodeJsNot: 0 })
  })

  it('misses, never invents, codes under another region: US-formatted numbers read as GB ones', () => {
    const gb = differing('GB')
    // 10-digit national numbers without a trunk 0 need libphonenumber-js under GB: no code in SQL.
    expect(gb.differ / gb.values).toBeGreaterThan(0.01)
    expect(gb.differ / gb.values).toBeLessThan(0.05)
    expect(gb.sqlHasCodeJsNot).toBe(0)
  })
})
