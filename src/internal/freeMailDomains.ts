import { requireText } from './validate.js'
/**
 * Free-mail providers: an address at one of these says nothing about the person's company, so the default rule
 * "similar lead name and same email domain" never treats them as the same domain.
 *
 * @example
 * FREE_MAIL_DOMAINS.has('proton.me') //=> true
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aim.com',
  'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com', 'email.com', 'usa.com', 'protonmail.com', 'protonmail.ch',
  'proton.me', 'pm.me', 'tutanota.com', 'tuta.io', 'zoho.com', 'zohomail.com', 'yandex.com', 'yandex.ru', 'ya.ru',
  'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'qq.com', 'foxmail.com', '163.com', '126.com',
  'yeah.net', 'sina.com', 'sohu.com', 'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com', 'fastmail.com',
  'fastmail.fm', 'hey.com', 'hushmail.com', 't-online.de', 'freenet.de', 'orange.fr', 'wanadoo.fr', 'free.fr',
  'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it', 'tiscali.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl',
  'onet.pl', 'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com', 'comcast.net', 'verizon.net',
  'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net', 'earthlink.net', 'shaw.ca',
  'rogers.com', 'sympatico.ca', 'bigpond.com', 'optusnet.com.au', 'xtra.co.nz', 'uol.com.br', 'bol.com.br',
  'terra.com.br', 'inbox.com', 'gawab.com', 'lycos.com', 'excite.com', 'juno.com', 'netzero.net',
])

/** Providers with one domain per country (`hotmail.co.uk`, `yahoo.fr`, `gmx.at`, …). */
export const FREE_MAIL_FAMILIES: ReadonlySet<string> = new Set(['hotmail', 'outlook', 'live', 'yahoo', 'gmx', 'yandex', 'aol', 'windowslive'])

// A country or generic suffix after a family name: com, fr, co.uk, com.au, …
const COUNTRY_SUFFIX = /^(?:(?:com?|net|org)\.)?[a-z]{2,3}$/

/**
 * Whether a domain belongs to a free-mail provider (gmail.com, outlook.com, hotmail.*, live.*, yahoo.*, gmx.*,
 * yandex.*, icloud.com, proton.me, qq.com, 163.com, …). Case-insensitive.
 *
 * @example
 * isFreeMailDomain('Hotmail.co.uk') //=> true
 * isFreeMailDomain('contoso.com') //=> false
 */
export function isFreeMailDomain(domain: string): boolean {
  requireText(domain, ['domain'], 'isFreeMailDomain')
  const lower = domain.trim().toLowerCase()
  if (FREE_MAIL_DOMAINS.has(lower)) return true
  const dot = lower.indexOf('.')
  if (dot <= 0) return false
  return FREE_MAIL_FAMILIES.has(lower.slice(0, dot)) && COUNTRY_SUFFIX.test(lower.slice(dot + 1))
}
