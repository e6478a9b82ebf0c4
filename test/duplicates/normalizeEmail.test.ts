import { describe, expect, it } from 'vitest'
import { emailDomain, normalizeEmail } from '../../src/duplicates/normalizeEmail.js'
import { isFreeMailDomain } from '../../src/internal/freeMailDomains.js'

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Bob.Smith@Contoso.COM\t')).toBe('bob.smith@contoso.com')
  })
  it('keeps plus tags and Gmail dots unless asked', () => {
    expect(normalizeEmail('Bob.Smith+crm@gmail.com')).toBe('bob.smith+crm@gmail.com')
    expect(normalizeEmail('bob+crm@contoso.com', { stripPlusTag: true })).toBe('bob@contoso.com')
    expect(normalizeEmail('b.o.b@gmail.com', { gmailDots: true })).toBe('bob@gmail.com')
    expect(normalizeEmail('b.o.b@googlemail.com', { gmailDots: true })).toBe('bob@gmail.com')
    expect(normalizeEmail('Bob.Smith+crm@GMail.com', { stripPlusTag: true, gmailDots: true })).toBe('bobsmith@gmail.com')
  })
  it('does not remove dots outside Gmail', () => {
    expect(normalizeEmail('bob.smith@contoso.com', { gmailDots: true })).toBe('bob.smith@contoso.com')
  })
  it('keeps a leading plus (no tag before it)', () => {
    expect(normalizeEmail('+bob@contoso.com', { stripPlusTag: true })).toBe('+bob@contoso.com')
  })
  it.each(['', '   ', 'bob', '@contoso.com', 'bob@', 'a@b@c.com'])('gives undefined for %j', (input) => {
    expect(normalizeEmail(input)).toBeUndefined()
  })
})

describe('emailDomain', () => {
  it('returns the lower-cased domain', () => {
    expect(emailDomain(' Bob@Contoso.COM ')).toBe('contoso.com')
    expect(emailDomain('bob')).toBeUndefined()
    expect(emailDomain('bob@')).toBeUndefined()
  })
})

describe('isFreeMailDomain', () => {
  it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'live.com',
    'msn.com', 'yahoo.com', 'yahoo.co.jp', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.de',
    'gmx.net', 'web.de', 'mail.com', 'protonmail.com', 'proton.me', 'zoho.com', 'yandex.ru', 'mail.ru', 'qq.com',
    '163.com', 'GMAIL.COM'])('%s is free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true)
  })
  it.each(['contoso.com', 'yahoo.contoso.com', 'mail.contoso.com', 'gmail.contoso.com', 'livewire.com'])(
    '%s is not free mail',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false)
    },
  )
})
