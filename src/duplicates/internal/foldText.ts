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

// Output code units are written here and turned into a string when it is nearly full and at the end: far cheaper
// than growing a string one character at a time. Fixed in size (1 KB), so a long text is folded in pieces and
// one huge name cannot leave a huge buffer behind; each piece is small enough for String.fromCharCode.apply.
const SCRATCH_UNITS = 512
const scratch = new Uint16Array(SCRATCH_UNITS)
// One input character writes at most four units (a space and a special letter's three).
const FLUSH_AT = SCRATCH_UNITS - 4

/**
 * Folds text for comparison: `"  Zoë  O'Brien-Smith "` → `"zoe obrien smith"`.
 *
 * @param keepAmpersand - keep `&` as its own token (company names turn it into "and")
 *
 * @example
 * foldText("  Zoë  O'Brien-Smith ") //=> 'zoe obrien smith'
 */
export function foldText(input: string, keepAmpersand = false): string {
  let text = input
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      text = text.normalize('NFD')
      break
    }
  }
  const out = scratch
  let folded = ''
  let n = 0
  // Whether anything was written yet (a space is never written first).
  let started = false
  let pendingSpace = false
  for (let i = 0; i < text.length; i++) {
    if (n >= FLUSH_AT) {
      folded += unitsToString(out, n)
      n = 0
    }
    let code = text.charCodeAt(i)
    if (code >= 65 && code <= 90) code += 32
    else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) {
      if (isJoiner(code) || (code >= 0x300 && code <= 0x36f)) continue
      if (code === 38 && keepAmpersand) {
        if (started) out[n++] = 32
        out[n++] = 38
        started = true
        pendingSpace = true
        continue
      }
      if (code < 128) {
        if (started) pendingSpace = true
        continue
      }
      const char = text[i] as string
      const special = SPECIAL_LETTERS[char]
      let piece: string
      if (special !== undefined) piece = special
      else if (code >= 0xd800 && code <= 0xdbff) {
        // Astral characters (rare in names): keep letters, drop the rest.
        const pair = text.slice(i, i + 2)
        i++
        if (!LETTER_OR_DIGIT.test(pair)) {
          if (started) pendingSpace = true
          continue
        }
        piece = pair.toLowerCase()
      } else if (LETTER_OR_DIGIT.test(char)) piece = char.toLowerCase()
      else {
        if (started) pendingSpace = true
        continue
      }
      if (pendingSpace) {
        out[n++] = 32
        pendingSpace = false
      }
      for (let k = 0; k < piece.length && k < 3; k++) out[n++] = piece.charCodeAt(k)
      started = true
      continue
    }
    if (pendingSpace) {
      out[n++] = 32
      pendingSpace = false
    }
    out[n++] = code
    started = true
  }
  return n === 0 ? folded : folded + unitsToString(out, n)
}

function unitsToString(units: Uint16Array, n: number): string {
  return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[])
}
