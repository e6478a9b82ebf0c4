import { canonicalGivenName, type NicknameOptions } from './nicknames.js'
import { normalizeCompanyName } from './normalizeCompanyName.js'
import { normalizePersonName } from './normalizePersonName.js'
import { phoneticKey } from './phonetic.js'
import { jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from './similarity.js'
import type { ComparisonMethod } from './types.js'

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
 * compareGivenNames(prepareNamePart('Bob')!, prepareNamePart('Robert')!, { nicknameSimilarity: 0.9 }).similarity //=> 0.9
 */
export interface NameSimilarityOptions extends NicknameOptions {
  /** Similarity given to nickname-equivalent given names (Bob ~ Robert). Default 0.95. */
  readonly nicknameSimilarity?: number
  /** Least similarity given to names with the same Metaphone key (Murphy ~ Merphy); `0` turns phonetic matching off. Default 0.9. */
  readonly phoneticSimilarity?: number
}

/**
 * A person name part prepared for many comparisons: folded, joined, with lazily computed keys.
 *
 * @example
 * prepareNamePart('Mary-Jane') //=> { raw: 'Mary-Jane', folded: 'maryjane' }
 */
export interface PreparedNamePart {
  readonly raw: string
  /** Folded and joined: `Mary-Jane` → `maryjane`. */
  readonly folded: string
  phonetic?: string
  groups?: readonly string[]
}

/**
 * Prepares a name part (given name or surname) for comparison; `undefined` when it is blank.
 *
 * @example
 * prepareNamePart("O'Brien")?.folded //=> 'obrien'
 */
export function prepareNamePart(raw: unknown): PreparedNamePart | undefined {
  if (typeof raw !== 'string') return undefined
  const folded = normalizePersonName(raw, { joinParts: true })
  return folded === '' ? undefined : { raw, folded }
}

function phoneticOf(part: PreparedNamePart): string {
  if (part.phonetic === undefined) part.phonetic = phoneticKey(part.folded)
  return part.phonetic
}

function compareParts(a: PreparedNamePart, b: PreparedNamePart, options: NameSimilarityOptions | undefined, given: boolean): NamePartSimilarity {
  if (a.folded === b.folded) return { similarity: 1, method: 'exact' }
  const jw = jaroWinkler(a.folded, b.folded)
  let best: NamePartSimilarity = { similarity: jw, method: 'jaro-winkler' }
  if (given) {
    const nickname = options?.nicknameSimilarity ?? 0.95
    if (nickname > best.similarity) {
      a.groups ??= canonicalGivenName(a.folded, options)
      b.groups ??= canonicalGivenName(b.folded, options)
      if (sharesName(a.groups, b.groups)) best = { similarity: nickname, method: 'nickname' }
    }
  }
  const phonetic = options?.phoneticSimilarity ?? 0.9
  if (phonetic > best.similarity) {
    const ka = phoneticOf(a)
    if (ka !== '' && ka === phoneticOf(b)) best = { similarity: phonetic, method: 'phonetic' }
  }
  return best
}

function sharesName(a: readonly string[], b: readonly string[]): boolean {
  for (const name of a) if (b.includes(name)) return true
  return false
}

/**
 * Compares two given names: exact after folding (1), nickname-equivalent (Bob ~ Robert, 0.95 by default), the same
 * Metaphone key (at least 0.9 by default), otherwise Jaro-Winkler — whichever is highest.
 *
 * @example
 * compareGivenNames(prepareNamePart('Bob')!, prepareNamePart('Robert')!) //=> { similarity: 0.95, method: 'nickname' }
 */
export function compareGivenNames(a: PreparedNamePart, b: PreparedNamePart, options?: NameSimilarityOptions): NamePartSimilarity {
  return compareParts(a, b, options, true)
}

/**
 * Compares two surnames: exact after folding (1), the same Metaphone key (at least 0.9 by default), otherwise
 * Jaro-Winkler — whichever is highest.
 *
 * @example
 * compareSurnames(prepareNamePart('Phillips')!, prepareNamePart('Fillips')!) //=> { similarity: 0.9, method: 'phonetic' }
 */
export function compareSurnames(a: PreparedNamePart, b: PreparedNamePart, options?: NameSimilarityOptions): NamePartSimilarity {
  return compareParts(a, b, options, false)
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
  return compareNormalizedCompanies(normalizeCompanyName(a), normalizeCompanyName(b))
}

/**
 * Like {@link compareCompanyNames} on already-normalised names.
 *
 * @example
 * compareNormalizedCompanies('contoso', 'contoso') //=> { similarity: 1, method: 'exact' }
 */
export function compareNormalizedCompanies(a: string, b: string): NamePartSimilarity | undefined {
  if (a === '' || b === '') return undefined
  if (a === b) return { similarity: 1, method: 'exact' }
  const token = tokenSetSimilarity(a, b)
  const joinedA = a.replaceAll(' ', '')
  const joinedB = b.replaceAll(' ', '')
  const joined = joinedA === joinedB ? 1 : levenshteinSimilarity(joinedA, joinedB)
  return joined > token ? { similarity: joined, method: 'levenshtein' } : { similarity: token, method: 'token' }
}
