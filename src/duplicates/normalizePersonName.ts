import { foldText } from './internal/foldText.js'
import { asLeadkitError, requireText } from '../internal/validate.js'

/**
 * Options of {@link normalizePersonName}.
 *
 * @example
 * normalizePersonName('van der Berg', { joinParts: true }) //=> 'vanderberg'
 */
export interface NormalizePersonNameOptions {
  /**
   * Join the parts of a name into one word (`Mary-Jane` → `maryjane`, `van der Berg` → `vanderberg`), so spelling
   * variants with and without spaces or hyphens compare equal. Default `false`: parts are separated by one space.
   */
  readonly joinParts?: boolean
}

/**
 * Normalises a person's name for comparison: lower case, accents removed, apostrophes and dots dropped, hyphens and
 * other punctuation turned into single spaces. Blank input gives `''`.
 *
 * @param name - a given name, a surname or a full name
 * @example
 * normalizePersonName("  Seán O'Brien-Smith ") //=> 'sean obrien smith'
 * normalizePersonName('Mary-Jane', { joinParts: true }) //=> 'maryjane'
 */
export function normalizePersonName(name: string, options?: NormalizePersonNameOptions): string {
  requireText(name, ['name'], 'normalizePersonName')
  let joinParts: unknown
  try {
    joinParts = options?.joinParts
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['options'])
  }
  const folded = foldText(name)
  return joinParts === true ? folded.replaceAll(' ', '') : folded
}
