import { unstorableText } from './validate.js'

/**
 * Whether a database can store `text` (no NUL character, no lone surrogate): {@link unstorableText}'s answer, with a
 * character loop first that settles it for text without NUL or surrogates. Plans carry a dozen ids and every
 * write a few duplicate keys, all checked, and a loop over a short id costs less than running the regular
 * expression. Internal to persistence.
 *
 * @example
 * isStorableText('lead-1') //=> true
 * isStorableText('a\u0000b') //=> false
 */
export function isStorableText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    // 0xD800–0xDFFF are the surrogates: a pair is fine, a lone one is not, which the full check tells apart.
    if (code === 0 || (code & 0xf800) === 0xd800) return unstorableText(text) === undefined
  }
  return true
}
