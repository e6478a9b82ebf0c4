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

// Output code units of short texts (names, companies) are written here and turned into one string at the end: far
// cheaper than growing a string one character at a time. A fixed 1 KB, never grown: longer texts get a buffer of
// their own that goes when the call returns, so one huge name cannot leave a huge buffer behind.
const SCRATCH_UNITS = 512
const scratch = new Uint16Array(SCRATCH_UNITS)
// String.fromCharCode.apply passes every unit as an argument: chunks keep it far below the engine's argument limit.
const CHUNK_UNITS = 8192

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
  // Special letters expand to at most two units, "&" to three: 3 per input unit is always enough.
  const needed = text.length * 3 + 3
  const out = needed <= SCRATCH_UNITS ? scratch : new Uint16Array(needed)
  let n = 0
  let pendingSpace = false
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 65 && code <= 90) code += 32
    else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) {
      if (isJoiner(code) || (code >= 0x300 && code <= 0x36f)) continue
      if (code === 38 && keepAmpersand) {
        if (n > 0) out[n++] = 32
        out[n++] = 38
        pendingSpace = true
        continue
      }
      if (code < 128) {
        if (n > 0) pendingSpace = true
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
          if (n > 0) pendingSpace = true
          continue
        }
        piece = pair.toLowerCase()
      } else if (LETTER_OR_DIGIT.test(char)) piece = char.toLowerCase()
      else {
        if (n > 0) pendingSpace = true
        continue
      }
      if (pendingSpace) {
        out[n++] = 32
        pendingSpace = false
      }
      for (let k = 0; k < piece.length && k < 3; k++) out[n++] = piece.charCodeAt(k)
      continue
    }
    if (pendingSpace) {
      out[n++] = 32
      pendingSpace = false
    }
    out[n++] = code
  }
  return unitsToString(out, n)
}

/** The first `n` units of `units` as a string, built in chunks so no call passes too many arguments. */
function unitsToString(units: Uint16Array, n: number): string {
  if (n <= CHUNK_UNITS) return n === 0 ? '' : String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[])
  let text = ''
  for (let at = 0; at < n; at += CHUNK_UNITS) {
    text += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + CHUNK_UNITS)) as unknown as number[])
  }
  return text
}
