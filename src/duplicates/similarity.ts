import { distance } from 'fastest-levenshtein'
import { requireText } from '../internal/validate.js'

/**
 * The most characters of each string the similarities compare: longer strings are compared on their first
 * 256 characters. Jaro costs the product of the two lengths, so without a cap two hostile 200,000-character names
 * would take minutes; names and company names are far shorter (Dataverse allows 50 and 100 characters).
 *
 * @example
 * MAX_COMPARED_LENGTH //=> 256
 */
export const MAX_COMPARED_LENGTH = 256

function capped(text: string): string {
  return text.length > MAX_COMPARED_LENGTH ? text.slice(0, MAX_COMPARED_LENGTH) : text
}

// Reused match flags: the index compares millions of pairs, so no per-call allocation for names of usual length.
// Fixed in size: longer strings get flags of their own that go when the call returns.
const SCRATCH_LENGTH = 64
const scratchA = new Uint8Array(SCRATCH_LENGTH)
const scratchB = new Uint8Array(SCRATCH_LENGTH)

/**
 * Jaro similarity of two strings (0–1), as in Jaro (1989), on their first {@link MAX_COMPARED_LENGTH} characters.
 *
 * @example
 * jaro('MARTHA', 'MARHTA').toFixed(3) //=> '0.944'
 */
export function jaro(left: string, right: string): number {
  if (left === right) return 1
  const a = capped(left)
  const b = capped(right)
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const flagsA = la <= SCRATCH_LENGTH ? scratchA.fill(0, 0, la) : new Uint8Array(la)
  const flagsB = lb <= SCRATCH_LENGTH ? scratchB.fill(0, 0, lb) : new Uint8Array(lb)
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window)
    const hi = Math.min(lb - 1, i + window)
    const ca = a.charCodeAt(i)
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1
        flagsB[j] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue
    while (flagsB[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++
    k++
  }
  const m = matches
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3
}

/**
 * Jaro-Winkler similarity (0–1): Jaro similarity boosted for a common prefix of up to 4 characters (scale 0.1), the
 * standard choice for names. Case-sensitive: normalise first. Compares the first {@link MAX_COMPARED_LENGTH} characters.
 *
 * @example
 * jaroWinkler('MARTHA', 'MARHTA').toFixed(3) //=> '0.961'
 * jaroWinkler('DWAYNE', 'DUANE').toFixed(2) //=> '0.84'
 * jaroWinkler('DIXON', 'DICKSONX').toFixed(3) //=> '0.813'
 */
export function jaroWinkler(left: string, right: string): number {
  if (typeof left !== 'string') requireText(left, ['left'], 'jaroWinkler')
  if (typeof right !== 'string') requireText(right, ['right'], 'jaroWinkler')
  const j = jaro(left, right)
  const a = capped(left)
  const b = capped(right)
  if (j === 0 || j === 1) return j
  const limit = Math.min(4, a.length, b.length)
  let prefix = 0
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return j + prefix * 0.1 * (1 - j)
}

/**
 * Levenshtein similarity (0–1): one minus the edit distance over the longer length (fastest-levenshtein).
 * Two empty strings are identical (1). Compares the first {@link MAX_COMPARED_LENGTH} characters.
 *
 * @example
 * levenshteinSimilarity('kitten', 'sitting').toFixed(3) //=> '0.571'
 */
export function levenshteinSimilarity(left: string, right: string): number {
  if (typeof left !== 'string') requireText(left, ['left'], 'levenshteinSimilarity')
  if (typeof right !== 'string') requireText(right, ['right'], 'levenshteinSimilarity')
  if (left === right) return 1
  const a = capped(left)
  const b = capped(right)
  const longest = Math.max(a.length, b.length)
  return 1 - distance(a, b) / longest
}

/**
 * Token-set similarity (0–1) for company names and streets: words are matched regardless of order, each word to its
 * most similar unused word of the other side by Jaro-Winkler (pairs below `minWordSimilarity` count as 0), and the
 * sum is divided by the mean word count (a Dice coefficient with soft word matches). Whitespace-separated;
 * normalise first. Compares the first {@link MAX_COMPARED_LENGTH} characters.
 *
 * @param minWordSimilarity - word pairs less similar than this do not count (default 0.85)
 * @example
 * tokenSetSimilarity('contoso pharmaceuticals', 'pharmaceuticals contoso') //=> 1
 * tokenSetSimilarity('1 main street', '1 main st').toFixed(2) //=> '0.67'
 */
export function tokenSetSimilarity(a: string, b: string, minWordSimilarity = 0.85): number {
  if (typeof a !== 'string') requireText(a, ['a'], 'tokenSetSimilarity')
  if (typeof b !== 'string') requireText(b, ['b'], 'tokenSetSimilarity')
  if (a === b) return 1
  const wa = words(capped(a))
  const wb = words(capped(b))
  if (wa.length === 0 || wb.length === 0) return wa.length === wb.length ? 1 : 0
  const used = new Uint8Array(wb.length)
  let total = 0
  for (const word of wa) {
    let best = 0
    let bestIndex = -1
    for (let j = 0; j < wb.length; j++) {
      if (used[j] === 1) continue
      const s = word === wb[j] ? 1 : jaroWinkler(word, wb[j] as string)
      if (s > best) {
        best = s
        bestIndex = j
        if (s === 1) break
      }
    }
    if (bestIndex >= 0 && best >= minWordSimilarity) {
      used[bestIndex] = 1
      total += best
    }
  }
  return (2 * total) / (wa.length + wb.length)
}

function words(text: string): string[] {
  const out: string[] = []
  for (const word of text.split(' ')) if (word !== '') out.push(word)
  return out
}
