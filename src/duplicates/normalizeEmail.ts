import { requireText } from '../internal/validate.js'

/**
 * Options of {@link normalizeEmail}; both default to off because they merge addresses a mail server may keep apart.
 *
 * @example
 * normalizeEmail('bob+news@contoso.com', { stripPlusTag: true }) //=> 'bob@contoso.com'
 */
export interface NormalizeEmailOptions {
  /** Drop a `+tag` from the local part: `bob+news@contoso.com` → `bob@contoso.com`. */
  readonly stripPlusTag?: boolean
  /** For Gmail addresses, drop dots from the local part and read googlemail.com as gmail.com. */
  readonly gmailDots?: boolean
}

/**
 * Normalises an email address for comparison: trimmed and lower-cased; optionally without a plus tag and without
 * Gmail dots. Returns `undefined` for a blank value or one without exactly one `@` between non-empty parts.
 *
 * @example
 * normalizeEmail('  Bob.Smith+crm@GMail.com ') //=> 'bob.smith+crm@gmail.com'
 * normalizeEmail('Bob.Smith+crm@gmail.com', { stripPlusTag: true, gmailDots: true }) //=> 'bobsmith@gmail.com'
 * normalizeEmail('not an email') //=> undefined
 */
export function normalizeEmail(email: string, options?: NormalizeEmailOptions): string | undefined {
  requireText(email, ['email'], 'normalizeEmail')
  const text = email.trim().toLowerCase()
  const at = text.indexOf('@')
  if (at <= 0 || at === text.length - 1 || text.indexOf('@', at + 1) !== -1) return undefined
  if (options === undefined || (options.stripPlusTag !== true && options.gmailDots !== true)) return text
  let local = text.slice(0, at)
  let domain = text.slice(at + 1)
  if (options.stripPlusTag === true) {
    const plus = local.indexOf('+')
    if (plus > 0) local = local.slice(0, plus)
  }
  if (options.gmailDots === true && (domain === 'gmail.com' || domain === 'googlemail.com')) {
    domain = 'gmail.com'
    local = local.replaceAll('.', '')
    if (local === '') return undefined
  }
  return `${local}@${domain}`
}

/**
 * The domain of an email address, lower-cased, or `undefined` when there is none.
 *
 * @example
 * emailDomain(' Bob@Contoso.COM ') //=> 'contoso.com'
 * emailDomain('bob') //=> undefined
 */
export function emailDomain(email: string): string | undefined {
  requireText(email, ['email'], 'emailDomain')
  const text = email.trim()
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) return undefined
  return text.slice(at + 1).toLowerCase()
}
