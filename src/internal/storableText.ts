import { unstorableText } from './validate.js'

// NUL or any surrogate: a character that may make text unstorable. A pair of surrogates is fine, which the full check
// ({@link unstorableText}) tells apart; this only decides whether it has to run.
const SUSPECT = /[\u0000\ud800-\udfff]/

/**
 * Whether a database can store `text` (no NUL character, no lone surrogate): {@link unstorableText}'s answer, with a
 * quicker test first that settles it for text without NUL or surrogates. Plans carry a dozen ids (36-character
 * GUIDs, mostly) and every write a few duplicate keys, all checked; the regular expression engine scans a string
 * faster than a loop of `charCodeAt` (measured about 15% off the plan check). Internal: the plan check and the
 * stores use it.
 *
 * @example
 * isStorableText('lead-1') //=> true
 * isStorableText('a\u0000b') //=> false
 */
export function isStorableText(text: string): boolean {
  return !SUSPECT.test(text) || unstorableText(text) === undefined
}
