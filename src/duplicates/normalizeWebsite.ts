import { requireText } from '../internal/validate.js'

// A leading www. or wwwN. label.
const WWW_LABEL = /^www\d?\./

/**
 * Normalises a website to its domain: scheme, user info, `www.`, port, path, query, fragment, a trailing dot and
 * case removed. Returns `undefined` when nothing domain-like is left.
 *
 * @example
 * normalizeWebsite('HTTPS://www.Contoso.com/about?x=1') //=> 'contoso.com'
 * normalizeWebsite('contoso.com:8080') //=> 'contoso.com'
 */
export function normalizeWebsite(url: string): string | undefined {
  requireText(url, ['url'], 'normalizeWebsite')
  let text = url.trim().toLowerCase()
  const scheme = text.indexOf('://')
  if (scheme !== -1 && scheme < 12) text = text.slice(scheme + 3)
  else if (text.startsWith('//')) text = text.slice(2)
  let end = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // / ? # and whitespace end the host
    if (c === 47 || c === 63 || c === 35 || c === 32 || c === 92) {
      end = i
      break
    }
  }
  let host = text.slice(0, end)
  const at = host.lastIndexOf('@')
  if (at !== -1) host = host.slice(at + 1)
  const colon = host.indexOf(':')
  if (colon !== -1) host = host.slice(0, colon)
  while (host.endsWith('.')) host = host.slice(0, -1)
  // Every www. or wwwN. label goes (`www.www.contoso.com` is junk seen in CRMs): stripping only the first left a
  // result that a second pass changed again.
  while (WWW_LABEL.test(host)) host = host.slice(host.indexOf('.') + 1)
  if (host === '' || host.indexOf('.') <= 0) return undefined
  return host
}
