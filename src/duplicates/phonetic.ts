import { foldText } from './internal/foldText.js'
import { MAX_COMPARED_LENGTH as MAX_NAME_LENGTH } from './similarity.js'
import { requireText } from '../internal/validate.js'

function isVowel(c: string | undefined): boolean {
  return c === 'A' || c === 'E' || c === 'I' || c === 'O' || c === 'U'
}

function isFrontVowel(c: string | undefined): boolean {
  return c === 'E' || c === 'I' || c === 'Y'
}

/**
 * A phonetic key of a name: Lawrence Philips' original Metaphone (1990), on the name folded to plain letters
 * (accents, case, spaces and punctuation removed). Names that sound alike in English get the same key: Murphy and
 * Merphy are both `MRF`, Smith and Smyth `SM0` (`0` stands for "th"), Catherine and Kathryn `K0RN`. Vowels count
 * only as the first letter. Returns `''` for a name without letters. Only the first 256 characters of a name are
 * read (as the string similarities compare only that many): a longer name is not a name.
 *
 * @example
 * phoneticKey('Murphy') //=> 'MRF'
 * phoneticKey('Merphy') //=> 'MRF'
 * phoneticKey("O'Brien") //=> 'OBRN'
 */
export function phoneticKey(name: string): string {
  requireText(name, ['name'], 'phoneticKey')
  const folded = foldText(name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name)
  let letters = ''
  let start = 0
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i)
    if (c < 97 || c > 122) {
      // Drop spaces and digits: take the letters between them in slices, not one by one.
      letters += folded.slice(start, i)
      start = i + 1
    }
  }
  letters += folded.slice(start)
  let word = letters.toUpperCase()
  if (word === '') return ''
  // Silent or altered first letters.
  const first2 = word.slice(0, 2)
  if (first2 === 'AE' || first2 === 'GN' || first2 === 'KN' || first2 === 'PN' || first2 === 'WR') word = word.slice(1)
  else if (word[0] === 'X') word = `S${word.slice(1)}`
  else if (first2 === 'WH') word = `W${word.slice(2)}`

  let key = ''
  const n = word.length
  for (let i = 0; i < n; i++) {
    const c = word[i] as string
    const prev = i > 0 ? word[i - 1] : undefined
    const next = word[i + 1]
    const next2 = word[i + 2]
    // Doubled letters sound once, except C (ACCENT → AKSNT).
    if (c === prev && c !== 'C') continue
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
        if (i === 0) key += c
        break
      case 'B':
        if (!(prev === 'M' && i === n - 1)) key += 'B'
        break
      case 'C':
        if (next === 'I' && next2 === 'A') key += 'X'
        else if (next === 'H') key += prev === 'S' ? 'K' : 'X'
        else if (isFrontVowel(next)) {
          if (prev !== 'S') key += 'S'
        } else key += 'K'
        break
      case 'D':
        key += next === 'G' && isFrontVowel(next2) ? 'J' : 'T'
        break
      case 'G':
        if (next === 'H' && i + 2 < n && !isVowel(next2)) break
        if (next === 'N' && (i + 2 === n || (next2 === 'E' && word[i + 3] === 'D' && i + 4 === n))) break
        if (prev === 'D' && isFrontVowel(next)) break
        key += isFrontVowel(next) && prev !== 'G' ? 'J' : 'K'
        break
      case 'H':
        if (isVowel(next) && !(prev === 'C' || prev === 'S' || prev === 'P' || prev === 'T' || prev === 'G')) key += 'H'
        break
      case 'K':
        if (prev !== 'C') key += 'K'
        break
      case 'P':
        key += next === 'H' ? 'F' : 'P'
        break
      case 'Q':
        key += 'K'
        break
      case 'S':
        if (next === 'H') key += 'X'
        else if (next === 'I' && (next2 === 'O' || next2 === 'A')) key += 'X'
        else key += 'S'
        break
      case 'T':
        if (next === 'I' && (next2 === 'O' || next2 === 'A')) key += 'X'
        else if (next === 'H') key += '0'
        else if (!(next === 'C' && next2 === 'H')) key += 'T'
        break
      case 'V':
        key += 'F'
        break
      case 'W':
      case 'Y':
        if (isVowel(next)) key += c
        break
      case 'X':
        key += 'KS'
        break
      case 'Z':
        key += 'S'
        break
      default:
        // F J L M N R
        key += c
    }
  }
  return key
}
