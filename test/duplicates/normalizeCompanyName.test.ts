import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'

describe('normalizeCompanyName', () => {
  it('makes Contoso Ltd ~ CONTOSO Limited ~ Contoso', () => {
    expect(normalizeCompanyName('Contoso Ltd')).toBe('contoso')
    expect(normalizeCompanyName('CONTOSO Limited')).toBe('contoso')
    expect(normalizeCompanyName('Contoso')).toBe('contoso')
    expect(normalizeCompanyName('Contoso, Ltd.')).toBe('contoso')
  })
  it.each([
    ['Fabrikam, Inc.', 'fabrikam'],
    ['Fabrikam Incorporated', 'fabrikam'],
    ['Northwind Corp', 'northwind'],
    ['Northwind Corporation', 'northwind'],
    ['Adatum LLC', 'adatum'],
    ['Adatum L.L.C.', 'adatum'],
    ['Smith & Partners LLP', 'smith partners'],
    ['Tailspin PLC', 'tailspin'],
    ['Müller GmbH', 'muller'],
    ['Müller & Söhne GmbH & Co. KG', 'muller sohne'],
    ['Siemens AG', 'siemens'],
    ['Renault S.A.', 'renault'],
    ['Société Générale SAS', 'societe generale'],
    ['Dupont SARL', 'dupont'],
    ['Rossi S.r.l.', 'rossi'],
    ['Fiat S.p.A.', 'fiat'],
    ['Philips N.V.', 'philips'],
    ['Heineken B.V.', 'heineken'],
    ['Volvo AB', 'volvo'],
    ['Equinor ASA', 'equinor'],
    ['Nokia Oy', 'nokia'],
    ['Woolworths Pty Ltd', 'woolworths'],
    ['Toyota K.K.', 'toyota'],
    ['Smith & Co', 'smith'],
    ['Smith and Co.', 'smith'],
  ])('strips the legal form of %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected)
  })
  it('drops "The" and "&"/"and"', () => {
    expect(normalizeCompanyName('The Contoso Group')).toBe('contoso group')
    expect(normalizeCompanyName('Contoso Group, The')).toBe('contoso group')
    expect(normalizeCompanyName('Johnson & Johnson')).toBe(normalizeCompanyName('Johnson and Johnson'))
  })
  it('only strips legal forms at the end', () => {
    expect(normalizeCompanyName('Co-operative Bank')).toBe('co operative bank')
    expect(normalizeCompanyName('AB Foods Ltd')).toBe('ab foods')
  })
  it('keeps a name made only of legal words', () => {
    expect(normalizeCompanyName('The Limited')).toBe('limited')
    expect(normalizeCompanyName('Company')).toBe('company')
    expect(normalizeCompanyName('')).toBe('')
  })
})

describe('normalizeCompanyName properties', () => {
  const word = fc.constantFrom('contoso', 'fabrikam', 'the', 'and', '&', 'ltd', 'limited', 'inc', 'co', 'gmbh', 'kg', 'sa', 'group', 'Müller', 'S.p.A.', ',', 'kabushiki', 'kaisha')
  it('is idempotent and never empty for a name with letters', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const name = words.join(' ')
        const once = normalizeCompanyName(name)
        expect(normalizeCompanyName(once)).toBe(once)
        if (/[a-z]/i.test(name)) expect(once).not.toBe('')
        expect(once).not.toMatch(/^ | $| {2}|&/)
      }),
    )
  })
  it('ignores case, punctuation and legal suffixes', () => {
    fc.assert(
      fc.property(fc.constantFrom('Contoso', 'Northwind Traders', 'Adatum'), fc.constantFrom('', ' Ltd', ', Inc.', ' LLC', ' GmbH & Co. KG', ' S.A.'), (base, suffix) => {
        expect(normalizeCompanyName(`${base.toUpperCase()}${suffix}`)).toBe(normalizeCompanyName(base))
      }),
    )
  })
})
