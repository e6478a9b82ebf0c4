import { describe, expect, it } from 'vitest'
import { normalizeWebsite } from '../../src/duplicates/normalizeWebsite.js'

describe('normalizeWebsite', () => {
  it.each([
    ['HTTPS://www.Contoso.com/about?x=1', 'contoso.com'],
    ['contoso.com:8080', 'contoso.com'],
    ['http://contoso.com', 'contoso.com'],
    ['www.contoso.com/', 'contoso.com'],
    ['//cdn.contoso.com/x', 'cdn.contoso.com'],
    ['https://user:pw@www.contoso.co.uk:443/a#b', 'contoso.co.uk'],
    ['Contoso.com.', 'contoso.com'],
    ['www2.contoso.com', 'contoso.com'],
    ['  shop.contoso.com  ', 'shop.contoso.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeWebsite(input)).toBe(expected)
  })
  it.each(['', '   ', 'localhost', 'https://', 'not a site'])('gives undefined for %j', (input) => {
    expect(normalizeWebsite(input)).toBeUndefined()
  })
})
