import { compareNormalizedCompanies, NameComparer } from './internal/nameComparer.js'
import type { NicknameOptions } from './nicknames.js'
import { normalizeCompanyName } from './normalizeCompanyName.js'
import type { ComparisonMethod } from './types.js'
import { requireText } from '../internal/validate.js'

/**
 * How two name parts compare.
 *
 * @example
 * const s: NamePartSimilarity = { similarity: 0.95, method: 'nickname' }
 */
export interface NamePartSimilarity {
  readonly similarity: number
  readonly method: ComparisonMethod
}

/**
 * Options of {@link compareGivenNames} and {@link compareSurnames}.
 *
 * @example
 * compareGivenNames('Bob', 'Robert', { nicknameSimilarity: 0.9 })?.similarity //=> 0.9
 */
export interface NameSimilarityOptions extends NicknameOptions {
  /** Similarity given to nickname-equivalent given names (Bob ~ Robert). Default 0.95. */
  readonly nicknameSimilarity?: number
  /** Least similarity given to names with the same Metaphone key; `0` turns phonetic matching off. Default 0.9. */
  readonly phoneticSimilarity?: number
}

/**
 * Compares two given names as the default duplicate rules do: exact after folding case, accents and punctuation
 * (1), nickname-equivalent (Bob ~ Robert, 0.95 by default), the same Metaphone key (at least 0.9 by default),
 * otherwise Jaro-Winkler — whichever is highest. `undefined` when either name has no letters or digits.
 *
 * To compare many names, write a duplicate rule instead: the rule set reads the nickname table once and memoises
 * name sounds.
 *
 * @example
 * compareGivenNames('Bob', 'Robert') //=> { similarity: 0.95, method: 'nickname' }
 * compareGivenNames('Catherine', 'Kathryn') //=> { similarity: 0.9, method: 'phonetic' }
 */
export function compareGivenNames(a: string, b: string, options?: NameSimilarityOptions): NamePartSimilarity | undefined {
  requireText(a, ['a'], 'compareGivenNames')
  requireText(b, ['b'], 'compareGivenNames')
  const comparer = new NameComparer(options, undefined)
  const x = comparer.prepare(a)
  const y = comparer.prepare(b)
  return x === undefined || y === undefined ? undefined : comparer.given(x, y)
}

/**
 * Compares two surnames: exact after folding (1), the same Metaphone key (at least 0.9 by default), otherwise
 * Jaro-Winkler — whichever is highest; nicknames never count. `undefined` when either has no letters or digits.
 *
 * @example
 * compareSurnames('Phillips', 'Fillips') //=> { similarity: 0.9, method: 'phonetic' }
 */
export function compareSurnames(a: string, b: string, options?: NameSimilarityOptions): NamePartSimilarity | undefined {
  requireText(a, ['a'], 'compareSurnames')
  requireText(b, ['b'], 'compareSurnames')
  const comparer = new NameComparer(options, undefined)
  const x = comparer.prepare(a)
  const y = comparer.prepare(b)
  return x === undefined || y === undefined ? undefined : comparer.surname(x, y)
}

/**
 * How similar two company names are after {@link normalizeCompanyName}: 1 when equal, otherwise the higher of the
 * token-set similarity (word order, typos in words) and the Levenshtein similarity of the names without spaces
 * ("Micro Soft" ~ "Microsoft"). `undefined` when either side is blank.
 *
 * @example
 * compareCompanyNames('Contoso Ltd', 'CONTOSO Limited') //=> { similarity: 1, method: 'exact' }
 */
export function compareCompanyNames(a: string, b: string): NamePartSimilarity | undefined {
  requireText(a, ['a'], 'compareCompanyNames')
  requireText(b, ['b'], 'compareCompanyNames')
  return compareNormalizedCompanies(normalizeCompanyName(a), normalizeCompanyName(b))
}
