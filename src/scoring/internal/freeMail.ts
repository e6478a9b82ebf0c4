// Consumer mailbox providers: an address at one of them says nothing about the lead's company.
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'outlook.com', 'live.com', 'msn.com', 'aol.com',
  'icloud.com', 'me.com', 'mac.com', 'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'yandex.com', 'yandex.ru',
  'mail.ru', 'protonmail.com', 'proton.me', 'zoho.com', 'qq.com', '163.com', '126.com', 'naver.com', 'free.fr',
  'orange.fr', 'laposte.net', 'libero.it', 'tutanota.com', 'fastmail.com', 'hey.com', 'rediffmail.com', 'seznam.cz',
  'wp.pl', 'o2.pl', 't-online.de', 'btinternet.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
])

/** Whether an email address is at a free-mail provider (gmail.com, outlook.com, …). */
export function isFreeMailEmail(email: string): boolean {
  const at = email.lastIndexOf('@')
  if (at < 0) return false
  return FREE_MAIL_DOMAINS.has(email.slice(at + 1).trim().toLowerCase())
}
