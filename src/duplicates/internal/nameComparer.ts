import { BoundedMemo, type MemoLimits } from '../../internal/memo.js'
import { normalizePersonName } from '../normalizePersonName.js'
import type { NameSimilarityOptions } from '../compareNames.js'
import { givenNameGroups, nicknameLookup, type Lookup } from '../nicknames.js'
import { phoneticKey as phoneticKeyOf } from '../phonetic.js'
import { jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from '../similarity.js'
import type { ComparisonMethod } from '../types.js'
import type { RuleMemos } from './ruleMemos.js'

/** How two name parts (or two company names) compare: the similarity and the method that gave it. */
export interface PartSimilarity {
  readonly similarity: number
  readonly method: ComparisonMethod
}

/** A person name part prepared for many comparisons: folded and joined, with keys computed when first needed. */
export interface PreparedNamePart {
  readonly raw: string
  /** Folded and joined: `Mary-Jane` → `maryjane`. */
  readonly folded: string
  phonetic?: string
  groups?: readonly string[]
}

/**
 * Compares person name parts the way the duplicate rules do — exact after folding, nickname-equivalent, the same
 * Metaphone key, else Jaro-Winkler, whichever is highest — with the nickname table read once and name sounds
 * memoised in the rule set's memos. One per compiled rule (or per public call).
 */
export class NameComparer {
  private readonly nicknames: Lookup
  private readonly nicknameSimilarity: number
  private readonly phoneticSimilarity: number
  private readonly nickname: PartSimilarity
  private readonly phonetic: PartSimilarity
  // Prepared parts by raw spelling, shared by every record that spells a name so: a million leads spell a few tens of
  // thousands of names, so each is folded, sounded and looked up in the nickname table once, and the records share
  // one part object each instead of holding two of their own. Made on first use; bounded like the rule set's memos.
  private parts: BoundedMemo<PreparedNamePart | undefined> | undefined

  constructor(
    options: NameSimilarityOptions | undefined,
    private readonly memos: RuleMemos | undefined,
  ) {
    this.nicknames = nicknameLookup(options)
    this.nicknameSimilarity = options?.nicknameSimilarity ?? 0.95
    this.phoneticSimilarity = options?.phoneticSimilarity ?? 0.9
    this.nickname = Object.freeze({ similarity: this.nicknameSimilarity, method: 'nickname' })
    this.phonetic = Object.freeze({ similarity: this.phoneticSimilarity, method: 'phonetic' })
  }

  /** `raw` prepared for comparison, or `undefined` when it is not a string or has no letters or digits. */
  prepare(raw: unknown): PreparedNamePart | undefined {
    if (typeof raw !== 'string') return undefined
    this.parts ??= new BoundedMemo(preparePart, PART_LIMITS, partLength)
    return this.parts.get(raw)
  }

  /** Two given names: nicknames count. */
  given(a: PreparedNamePart, b: PreparedNamePart): PartSimilarity {
    return this.compare(a, b, true)
  }

  /** Two surnames (or a given name against a surname, for swapped names): no nicknames. */
  surname(a: PreparedNamePart, b: PreparedNamePart): PartSimilarity {
    return this.compare(a, b, false)
  }

  /** `given(a, b).similarity`, making no object: clustering needs only the number, for millions of pairs. */
  givenSimilarity(a: PreparedNamePart, b: PreparedNamePart): number {
    return this.similarityOf(a, b, true)
  }

  /** `surname(a, b).similarity`, making no object. */
  surnameSimilarity(a: PreparedNamePart, b: PreparedNamePart): number {
    return this.similarityOf(a, b, false)
  }

  private similarityOf(a: PreparedNamePart, b: PreparedNamePart, given: boolean): number {
    if (a.folded === b.folded) return 1
    let best = jaroWinkler(a.folded, b.folded)
    if (given && this.nicknameSimilarity > best) {
      a.groups ??= givenNameGroups(a.folded, this.nicknames)
      b.groups ??= givenNameGroups(b.folded, this.nicknames)
      if (sharesName(a.groups, b.groups)) best = this.nicknameSimilarity
    }
    if (this.phoneticSimilarity > best) {
      const key = this.soundOf(a)
      if (key !== '' && key === this.soundOf(b)) best = this.phoneticSimilarity
    }
    return best
  }

  private compare(a: PreparedNamePart, b: PreparedNamePart, given: boolean): PartSimilarity {
    if (a.folded === b.folded) return EXACT
    // Clustering compares millions of pairs: only a Jaro-Winkler verdict makes an object, the others are the
    // comparer's own (frozen, like every result).
    const similarity = jaroWinkler(a.folded, b.folded)
    let best = similarity
    let found: PartSimilarity | undefined
    if (given && this.nicknameSimilarity > best) {
      a.groups ??= givenNameGroups(a.folded, this.nicknames)
      b.groups ??= givenNameGroups(b.folded, this.nicknames)
      if (sharesName(a.groups, b.groups)) {
        best = this.nicknameSimilarity
        found = this.nickname
      }
    }
    if (this.phoneticSimilarity > best) {
      const key = this.soundOf(a)
      if (key !== '' && key === this.soundOf(b)) found = this.phonetic
    }
    return found ?? { similarity, method: 'jaro-winkler' }
  }

  private soundOf(part: PreparedNamePart): string {
    part.phonetic ??= this.memos === undefined ? phoneticKeyOf(part.folded) : this.memos.phoneticKey(part.folded)
    return part.phonetic
  }
}

/** The spellings one comparer keeps prepared (a million-lead table spells ~62,000 name parts): at most ~16 MB. */
const PART_LIMITS: MemoLimits = { maxEntries: 200_000, maxBytes: 16 * 2 ** 20, maxKeyLength: 64 }

function preparePart(raw: string): PreparedNamePart | undefined {
  const folded = normalizePersonName(raw, { joinParts: true })
  return folded === '' ? undefined : { raw, folded }
}

/** A prepared part's characters as the memo counts them: the folded text, its sound and a few nickname groups. */
function partLength(part: PreparedNamePart | undefined): number {
  return part === undefined ? 0 : part.folded.length * 2 + 48
}

const EXACT: PartSimilarity = Object.freeze({ similarity: 1, method: 'exact' })

function sharesName(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (b.includes(a[i] as string)) return true
  return false
}

/**
 * How similar two already-normalised company names are: 1 when equal, otherwise the higher of the token-set
 * similarity (word order, typos in words) and the Levenshtein similarity of the names without spaces
 * ("micro soft" ~ "microsoft"). `undefined` when either side is blank.
 */
export function compareNormalizedCompanies(a: string, b: string): PartSimilarity | undefined {
  if (a === '' || b === '') return undefined
  if (a === b) return EXACT
  const token = tokenSetSimilarity(a, b)
  const joinedA = a.replaceAll(' ', '')
  const joinedB = b.replaceAll(' ', '')
  const joined = joinedA === joinedB ? 1 : levenshteinSimilarity(joinedA, joinedB)
  return joined > token ? { similarity: joined, method: 'levenshtein' } : { similarity: token, method: 'token' }
}
