import { foldText } from './internal/foldText.js'
import { requireText } from '../internal/validate.js'
import { LEGAL_FORMS, LEGAL_PAIRS } from './internal/legalForms.js'

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
  requireText(name, ['name'], 'normalizeCompanyName')
  const folded = foldText(name, true)
  if (folded === '') return ''
  // "&" and "and" go first, wherever they stand, so that what is left is judged the same way on every pass: with
  // them dropped only after the legal forms, `Contoso Kabushiki & Kaisha SA` became `contoso kabushiki kaisha`,
  // which a second pass reduced to `contoso` (a stored key and a fresh one disagreed).
  const words = folded.split(' ')
  const kept = words.filter((word) => !isNoise(word))
  // Only noise: keep it (without "&") rather than return nothing.
  if (kept.length === 0) return words.filter((word) => word !== '&').join(' ')
  let start = 0
  let end = kept.length
  // A leading "The" goes; the last word left always stays, so a name made only of legal words is kept.
  while (end - start > 1 && kept[start] === 'the') start += 1
  while (end - start > 1) {
    const word = kept[end - 1] as string
    if (word === 'the' || LEGAL_FORMS.has(word)) end -= 1
    else if (end - start > 2 && isLegalPair(kept[end - 2] as string, word)) end -= 2
    else break
  }
  return start === 0 && end === words.length ? folded : kept.slice(start, end).join(' ')
}

function isNoise(token: string | undefined): boolean {
  return token === '&' || token === 'and'
}

function isLegalPair(first: string, second: string): boolean {
  for (const [a, b] of LEGAL_PAIRS) if (a === first && b === second) return true
  return false
}
