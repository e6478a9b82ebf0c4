import { describe, expect, it } from 'vitest'
import { LEAD_FIELD_SPECS, OUT_OF_THE_BOX_MAPS, TARGET_FIELD_SPECS, type MappingTarget } from '../../src/mapping/index.js'

const ADDRESS = ['street1', 'street2', 'street3', 'city', 'stateOrProvince', 'postalCode', 'country'].map((f) => `address.${f}`)
const pairs = (target: MappingTarget): [string, string][] => OUT_OF_THE_BOX_MAPS[target].map((map) => [map.source, map.target])

describe('OUT_OF_THE_BOX_MAPS', () => {
  it('maps topic, contact and account to the opportunity', () => {
    expect(pairs('opportunity')).toEqual([
      ['topic', 'topic'],
      ['existingContactId', 'contactId'],
      ['existingAccountId', 'accountId'],
    ])
  })

  it('maps company, website, business phone and the address to the account', () => {
    expect(pairs('account')).toEqual([
      ['companyName', 'name'],
      ['website', 'website'],
      ['businessPhone', 'phone'],
      ...ADDRESS.map((path): [string, string] => [path, path]),
    ])
  })

  it('maps names, job title, phones, email and the address to the contact', () => {
    expect(pairs('contact')).toEqual([
      ['firstName', 'firstName'],
      ['lastName', 'lastName'],
      ['jobTitle', 'jobTitle'],
      ['businessPhone', 'businessPhone'],
      ['mobilePhone', 'mobilePhone'],
      ['email', 'email'],
      ...ADDRESS.map((path): [string, string] => [path, path]),
    ])
  })

  it('marks every map out of the box', () => {
    for (const target of ['account', 'contact', 'opportunity'] as const) {
      expect(OUT_OF_THE_BOX_MAPS[target].every((map) => map.outOfTheBox)).toBe(true)
    }
  })

  it('cannot be deleted or changed', () => {
    expect(Object.isFrozen(OUT_OF_THE_BOX_MAPS)).toBe(true)
    expect(() => (OUT_OF_THE_BOX_MAPS.account as unknown as unknown[]).pop()).toThrow(TypeError)
    expect(() => {
      ;(OUT_OF_THE_BOX_MAPS.contact[0] as { target: string }).target = 'lastName'
    }).toThrow(TypeError)
    expect(() => {
      delete (OUT_OF_THE_BOX_MAPS as unknown as Record<string, unknown>).opportunity
    }).toThrow(TypeError)
    expect(OUT_OF_THE_BOX_MAPS.contact[0]?.target).toBe('firstName')
  })

  it('only uses fields of the lead and target tables, with compatible kinds and lengths', () => {
    for (const target of ['account', 'contact', 'opportunity'] as const) {
      for (const map of OUT_OF_THE_BOX_MAPS[target]) {
        const source = LEAD_FIELD_SPECS[map.source]
        const dest = TARGET_FIELD_SPECS[target][map.target]
        expect(source, map.source).toBeDefined()
        expect(dest, `${target}.${map.target}`).toBeDefined()
        expect(dest?.type).toBe(source?.type)
        if (source?.type === 'string') expect(dest?.maxLength ?? 0).toBeGreaterThanOrEqual(source.maxLength ?? 0)
      }
    }
  })
})
