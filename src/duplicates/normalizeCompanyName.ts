import { foldText } from './foldText.js'
import { boundedMemo } from '../internal/boundedMemo.js'

/**
 * Legal-form words of the main jurisdictions, after folding (dots removed, so `S.p.A.` is `spa`). Only stripped at
 * the end of a name (repeatedly: `GmbH & Co. KG`), never when nothing would remain.
 */
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English-speaking
  'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'plc',
  'pty', 'pte', 'pvt', 'private', 'lc', 'pllc', 'ulc',
  // German-speaking
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'gbr', 'ev', 'se',
  // French, Spanish, Italian, Portuguese
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'cie', 'srl', 'spa', 'snc', 'sl', 'slu', 'lda', 'ltda', 'sc',
  // Benelux, Nordics
  'bv', 'nv', 'bvba', 'vof', 'ab', 'as', 'asa', 'aps', 'oy', 'oyj', 'hf',
  // Central Europe
  'sro', 'zoo', 'sp', 'kft', 'zrt', 'nyrt', 'doo', 'dd',
  // Asia-Pacific
  'kk', 'yk', 'gk', 'bhd', 'sdn', 'tbk', 'pt',
])

/** Two-word legal forms whose parts are also ordinary words elsewhere: stripped only together. */
const LEGAL_PAIRS: readonly (readonly [string, string])[] = [
  ['kabushiki', 'kaisha'],
  ['societe', 'anonyme'],
  ['naamloze', 'vennootschap'],
]

/**
 * Normalises a company name for comparison: case, punctuation and accents folded, "&" and "and" dropped, a leading
 * or trailing "The" dropped, and trailing legal forms (Ltd, Limited, Inc, Corp, LLC, LLP, PLC, GmbH, AG, KG, SA,
 * SAS, SARL, SRL, SpA, BV, NV, AB, AS, Oy, Pty Ltd, KK, Co, & Co, …) stripped, so `Contoso Ltd`, `CONTOSO Limited`
 * and `Contoso` compare equal. A name made only of such words is kept as folded (`The Limited` → `limited`).
 *
 * @example
 * normalizeCompanyName('The Contoso Group, Ltd.') //=> 'contoso group'
 * normalizeCompanyName('Müller & Söhne GmbH & Co. KG') //=> 'muller sohne'
 */
export function normalizeCompanyName(name: string): string {
  // The same company appears on many leads: a bounded memo makes repeats a map lookup.
  return memo(name)
}

/**
 * {@link normalizeCompanyName} without its memo (internal): the duplicate index keeps its own memo of company
 * spellings, so filling this one too would only double the memory and the work for every new spelling.
 */
export function normalizeCompanyNameUncached(name: string): string {
  return computeName(name)
}

// A million-lead table holds ~240,000 distinct company spellings (name × legal form × case): a smaller memo is
// cleared before repeats come round and every lookup recomputes. Keys are the records' own strings.
const memo = boundedMemo(400_000, (name) => computeName(name))

function computeName(name: string): string {
  const folded = foldText(name, true)
  if (folded === '') return ''
  // Works on word boundaries of the folded string, without splitting it: this runs for every record the duplicate
  // index files.
  let start = 0
  let end = folded.length
  for (;;) {
    const space = folded.indexOf(' ', start)
    if (space === -1 || space >= end) break
    const word = folded.slice(start, space)
    if (isNoise(word)) start = space + 1
    else if (word === 'the') start = space + 1
    else break
  }
  for (;;) {
    const space = folded.lastIndexOf(' ', end - 1)
    if (space < start) break
    const word = folded.slice(space + 1, end)
    if (isNoise(word) || word === 'the' || LEGAL_FORMS.has(word)) {
      end = space
      continue
    }
    const before = folded.lastIndexOf(' ', space - 1)
    if (before >= start && isLegalPair(folded.slice(before + 1, space), word)) {
      end = before
      continue
    }
    break
  }
  let out = start === 0 && end === folded.length ? folded : folded.slice(start, end)
  if (out === '' || isNoise(out)) {
    // Only noise and legal words: keep them (without "&") rather than return nothing.
    return folded.split(' ').filter((word) => word !== '&').join(' ')
  }
  if (out.includes('&') || out.includes(' and ')) {
    out = out
      .split(' ')
      .filter((word) => !isNoise(word))
      .join(' ')
  }
  return out
}

function isNoise(token: string | undefined): boolean {
  return token === '&' || token === 'and'
}

function isLegalPair(first: string, second: string): boolean {
  for (const [a, b] of LEGAL_PAIRS) if (a === first && b === second) return true
  return false
}
