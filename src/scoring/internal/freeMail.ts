import { isFreeMailDomain } from '../../internal/freeMailDomains.js'

/** Whether an email address is at a free-mail provider (gmail.com, outlook.com, hotmail.co.uk, …). */
export function isFreeMailEmail(email: string): boolean {
  const at = email.lastIndexOf('@')
  return at >= 0 && isFreeMailDomain(email.slice(at + 1))
}
