import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText } from '../../src/duplicates/internal/foldText.js'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'
import { normalizeEmail } from '../../src/duplicates/normalizeEmail.js'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'
import { normalizePhone } from '../../src/duplicates/normalizePhone.js'
import { normalizeWebsite } from '../../src/duplicates/normalizeWebsite.js'

// Every normaliser must be idempotent: a key stored yesterday (normalised once) and the same value normalised again
// today must agree, or a stored record stops matching fresh input. Each property runs on three kinds of input:
// words the normaliser treats specially, arbitrary Unicode (astral characters, marks, lone surrogates), and
// realistic shapes. The seed is pinned by test/support/seed.ts and printed by fast-check when a property fails.

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }))

function idempotent(normalize: (value: string) => string | undefined, inputs: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(inputs, (input) => {
      const once = normalize(input)
      if (once !== undefined) expect(normalize(once)).toBe(once)
    }),
    { numRuns: 500 },
  )
}

describe('normalizeCompanyName is idempotent', () => {
  const word = fc.constantFrom(
    'Contoso', 'fabrikam', 'the', 'The', 'and', '&', 'ltd', 'Limited', 'inc', 'co', 'Co.', 'gmbh', 'kg', 'sa', 'S.A.',
    'group', 'Müller', 'S.p.A.', ',', 'kabushiki', 'kaisha', 'societe', 'anonyme', 'naamloze', 'vennootschap', 'ß', '-',
  )
  it('on legal forms, noise words and punctuation in any order', () => {
    idempotent(normalizeCompanyName, fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' ')))
  })
  it('on arbitrary Unicode', () => {
    idempotent(normalizeCompanyName, anyText)
  })
  it('regression: a legal pair split by "&" (found by the property)', () => {
    const once = normalizeCompanyName('contoso kabushiki & kaisha sa')
    expect(once).toBe('contoso')
    expect(normalizeCompanyName(once)).toBe(once)
    expect(normalizeCompanyName('Contoso Kabushiki & Kaisha')).toBe('contoso')
  })
})

describe('normalizePersonName and foldText are idempotent', () => {
  const part = fc.constantFrom("O'Brien", 'Zoë', 'Seán', 'van', 'der', 'Berg', 'Mary-Jane', 'J.R.', 'ß', 'Łukasz', 'İlker', 'Þór', '  ', '&')
  const names = fc.oneof(fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' ')), anyText)
  it('normalizePersonName', () => idempotent((v) => normalizePersonName(v), names))
  it('normalizePersonName with joinParts', () => idempotent((v) => normalizePersonName(v, { joinParts: true }), names))
  it('foldText, with and without "&" kept', () => {
    idempotent((v) => foldText(v), names)
    idempotent((v) => foldText(v, true), names)
  })
})

describe('normalizeEmail is idempotent', () => {
  const local = fc.constantFrom('bob', 'Bob.Smith', 'bob+news', 'a.b+c+d', '.', '+', 'ÄÖ')
  const domain = fc.constantFrom('contoso.com', 'GMail.com', 'googlemail.com', 'x', 'İ.com')
  const emails = fc.oneof(fc.tuple(local, domain).map(([l, d]) => ` ${l}@${d} `), fc.emailAddress(), anyText)
  it.each([{}, { stripPlusTag: true }, { gmailDots: true }, { stripPlusTag: true, gmailDots: true }])('with options %j', (options) => {
    idempotent((v) => normalizeEmail(v, options), emails)
  })
})

describe('normalizePhone is idempotent', () => {
  const digits = fc.stringMatching(/^[0-9]{6,16}$/)
  const phones = fc.oneof(
    digits,
    digits.map((d) => `+${d}`),
    digits.map((d) => `00${d}`),
    digits.map((d) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`),
    digits.map((d) => `+44 (0)${d}`),
    anyText,
  )
  it.each([undefined, 'US', 'GB', 'DE', 'FR', 'JP'])('with default region %s', (defaultRegion) => {
    idempotent((v) => normalizePhone(v, defaultRegion === undefined ? undefined : { defaultRegion }), phones)
  })
})

describe('normalizeWebsite is idempotent', () => {
  const host = fc.constantFrom('www.', 'WWW.', 'www2.', 'www.www.', 'www1.www.', '', 'user@')
  const domains = fc.constantFrom('contoso.com', 'Contoso.COM.', 'com', 'a.b.c', '.x.com', 'www.com')
  const tails = fc.constantFrom('', '/', '/about?x=1', ':8080', '#top', ' junk')
  const urls = fc.oneof(
    fc.tuple(fc.constantFrom('', 'http://', 'HTTPS://', '//'), host, domains, tails).map((parts) => parts.join('')),
    fc.webUrl(),
    anyText,
  )
  it('on URLs, hosts and junk', () => idempotent(normalizeWebsite, urls))
  it('regression: a doubled www. prefix', () => {
    expect(normalizeWebsite('www.www.contoso.com')).toBe('contoso.com')
    expect(normalizeWebsite('https://www1.www.contoso.com/')).toBe('contoso.com')
  })
})
