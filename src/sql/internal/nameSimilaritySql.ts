import type { Dialect } from './dialect.js'
import { sharesNicknameSql } from './nicknameSql.js'
import { phoneticKeySql } from './phoneticSql.js'

// The name comparer (src/duplicates/internal/nameComparer.ts) on two name parts in SQL: exact after folding, else the
// highest of Jaro-Winkler, nickname-equivalence (given names only) and the same Metaphone key, with the method that
// gave it; the fuzzy rules' comparators compile from it.

/** What the comparison reads: the script's Jaro-Winkler function, its nickname table, and the rule's similarities. */
export interface NamePartSqlContext {
  /** The script's Jaro-Winkler function, or the call of it on two expressions. */
  readonly jaroWinkler: string | ((a: string, b: string) => string)
  readonly nicknames: string
  readonly nicknameSimilarity: number
  readonly phoneticSimilarity: number
}

/**
 * Two expressions, the similarity and the method (`exact`, `nickname`, `phonetic`, `jaro-winkler`), of two name
 * parts `a` and `b` already folded and joined (the person-name normaliser with `joinParts`), as NameComparer's
 * `given` (`given` true) or `surname` compares them. `a` and `b` are columns: they are read several times.
 */
export function namePartSimilaritySql(
  d: Dialect,
  a: string,
  b: string,
  given: boolean,
  context: NamePartSqlContext,
  known: { readonly jaroWinkler?: string; readonly soundA?: string; readonly soundB?: string; readonly sharesNickname?: string } = {},
): { readonly similarity: string; readonly method: string } {
  // A compiled rule passes what it computed once per pair or per record (Jaro-Winkler, the Metaphone keys, whether
  // the two given names share a nickname group).
  const call = context.jaroWinkler
  const jw = known.jaroWinkler ?? (typeof call === 'string' ? `${call}(${a}, ${b})` : call(a, b))
  const nickname = String(context.nicknameSimilarity)
  const phonetic = String(context.phoneticSimilarity)
  const isNickname = given ? `(CAST(${nickname} AS ${d.double}) > ${jw} AND ${known.sharesNickname ?? sharesNicknameSql(context.nicknames, a, b)})` : 'FALSE'
  const best = `CASE WHEN ${isNickname} THEN CAST(${nickname} AS ${d.double}) ELSE ${jw} END`
  const soundA = known.soundA ?? phoneticKeySql(d, a)
  const soundB = known.soundB ?? phoneticKeySql(d, b)
  const isPhonetic = `(CAST(${phonetic} AS ${d.double}) > ${best} AND ${soundA} <> '' AND ${soundA} = ${soundB})`
  return {
    similarity: `CASE WHEN ${a} = ${b} THEN CAST(1 AS ${d.double}) WHEN ${isPhonetic} THEN CAST(${phonetic} AS ${d.double}) ` +
      `WHEN ${isNickname} THEN CAST(${nickname} AS ${d.double}) ELSE ${jw} END`,
    method: `CASE WHEN ${a} = ${b} THEN 'exact' WHEN ${isPhonetic} THEN 'phonetic' WHEN ${isNickname} THEN 'nickname' ELSE 'jaro-winkler' END`,
  }
}
