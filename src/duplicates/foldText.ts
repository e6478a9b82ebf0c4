/**
 * Internal text folding shared by the name normalisers: lower case, accents removed, apostrophes and dots dropped
 * (O'Brien → obrien, J.R. → jr), every other run of non-letters turned into one space. Written as a character loop
 * because the duplicate index calls it millions of times; the `normalize('NFD')` pass only runs on non-ASCII input.
 */

// Letters that NFD does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function isJoiner(code: number): boolean {
  // ' . ` ’ ‘ ʼ ´
  return code === 39 || code === 46 || code === 96 || code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 0xb4
}

/**
 * Folds text for comparison: `"  Zoë  O'Brien-Smith "` → `"zoe obrien smith"`.
 *
 * @param keepAmpersand - keep `&` as its own token (company names turn it into "and")
 */
export function foldText(input: string, keepAmpersand = false): string {
  let text = input
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      text = text.normalize('NFD')
      break
    }
  }
  let out = ''
  let pendingSpace = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let piece: string
    if (code >= 97 && code <= 122) piece = text[i] as string
    else if (code >= 65 && code <= 90) piece = String.fromCharCode(code + 32)
    else if (code >= 48 && code <= 57) piece = text[i] as string
    else if (isJoiner(code) || (code >= 0x300 && code <= 0x36f)) continue
    else if (code === 38 && keepAmpersand) {
      out += out.length > 0 ? ' & ' : '& '
      pendingSpace = false
      continue
    } else if (code < 128) {
      if (out.length > 0) pendingSpace = true
      continue
    } else {
      const char = text[i] as string
      const special = SPECIAL_LETTERS[char]
      if (special !== undefined) piece = special
      else if (LETTER_OR_DIGIT.test(char)) piece = char.toLowerCase()
      else if (code >= 0xd800 && code <= 0xdbff) {
        // Astral characters (rare in names): keep letters, drop the rest.
        const pair = text.slice(i, i + 2)
        i++
        if (!LETTER_OR_DIGIT.test(pair)) {
          if (out.length > 0) pendingSpace = true
          continue
        }
        piece = pair.toLowerCase()
      } else {
        if (out.length > 0) pendingSpace = true
        continue
      }
    }
    if (pendingSpace) {
      if (out.charCodeAt(out.length - 1) !== 32) out += ' '
      pendingSpace = false
    }
    out += piece
  }
  return out.length > 0 && out.charCodeAt(out.length - 1) === 32 ? out.slice(0, -1) : out
}
