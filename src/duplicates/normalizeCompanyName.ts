import { foldText } from './foldText.js'

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
  const folded = foldText(name, true)
  if (folded === '') return ''
  const tokens = folded.split(' ')
  let start = 0
  let end = tokens.length
  const isNoise = (token: string | undefined): boolean => token === '&' || token === 'and'
  const dropNoise = (): void => {
    while (start < end && isNoise(tokens[start])) start++
    while (end > start && isNoise(tokens[end - 1])) end--
  }
  dropNoise()
  if (tokens[start] === 'the' && end - start > 1) start++
  if (tokens[end - 1] === 'the' && end - start > 1) end--
  for (;;) {
    dropNoise()
    if (end - start <= 1) break
    const last = tokens[end - 1] as string
    if (LEGAL_FORMS.has(last)) {
      end--
      continue
    }
    const beforeLast = tokens[end - 2] as string
    if (end - start > 2 && LEGAL_PAIRS.some(([a, b]) => a === beforeLast && b === last)) {
      end -= 2
      continue
    }
    break
  }
  let out = ''
  for (let i = start; i < end; i++) {
    const token = tokens[i] as string
    if (isNoise(token)) continue
    out = out === '' ? token : `${out} ${token}`
  }
  return out === '' ? folded.replaceAll('&', '').trim().replace(/\s+/g, ' ') : out
}
