import type { Dialect } from './dialect.js'
import { bindSql, foldSql } from './foldSql.js'

// phoneticKey (src/duplicates/phonetic.ts, original Metaphone) in SQL, for the fuzzy blocking keys and the compiled
// name rules. Metaphone reads each letter with the one before and up to three after, and keeps no other state, so
// it is one CASE per position over the word's positions, the pieces joined in order.

const VOWELS = "('A', 'E', 'I', 'O', 'U')"
const FRONT = "('E', 'I', 'Y')"

/** The key's piece for position `i` (1-based) of `w`, an upper-case word of ASCII letters of length `n`. */
function pieceSql(w: string, i: string, n: string): string {
  const at = (offset: number): string => `substr(${w}, ${i} + ${offset}, 1)`
  const c = at(0)
  const p = `CASE WHEN ${i} > 1 THEN substr(${w}, ${i} - 1, 1) ELSE '' END`
  const nx = at(1)
  const nx2 = at(2)
  const nx3 = at(3)
  // JS's 0-based i is i - 1 here.
  return `CASE WHEN ${c} = ${p} AND ${c} <> 'C' THEN ''
    WHEN ${c} IN ${VOWELS} THEN CASE WHEN ${i} = 1 THEN ${c} ELSE '' END
    WHEN ${c} = 'B' THEN CASE WHEN ${p} = 'M' AND ${i} = ${n} THEN '' ELSE 'B' END
    WHEN ${c} = 'C' THEN CASE WHEN ${nx} = 'I' AND ${nx2} = 'A' THEN 'X' WHEN ${nx} = 'H' THEN CASE WHEN ${p} = 'S' THEN 'K' ELSE 'X' END
      WHEN ${nx} IN ${FRONT} THEN CASE WHEN ${p} <> 'S' THEN 'S' ELSE '' END ELSE 'K' END
    WHEN ${c} = 'D' THEN CASE WHEN ${nx} = 'G' AND ${nx2} IN ${FRONT} THEN 'J' ELSE 'T' END
    WHEN ${c} = 'G' THEN CASE WHEN ${nx} = 'H' AND ${i} + 1 < ${n} AND NOT ${nx2} IN ${VOWELS} THEN ''
      WHEN ${nx} = 'N' AND (${i} + 1 = ${n} OR (${nx2} = 'E' AND ${nx3} = 'D' AND ${i} + 3 = ${n})) THEN ''
      WHEN ${p} = 'D' AND ${nx} IN ${FRONT} THEN ''
      WHEN ${nx} IN ${FRONT} AND ${p} <> 'G' THEN 'J' ELSE 'K' END
    WHEN ${c} = 'H' THEN CASE WHEN ${nx} IN ${VOWELS} AND NOT ${p} IN ('C', 'S', 'P', 'T', 'G') THEN 'H' ELSE '' END
    WHEN ${c} = 'K' THEN CASE WHEN ${p} <> 'C' THEN 'K' ELSE '' END
    WHEN ${c} = 'P' THEN CASE WHEN ${nx} = 'H' THEN 'F' ELSE 'P' END
    WHEN ${c} = 'Q' THEN 'K'
    WHEN ${c} = 'S' THEN CASE WHEN ${nx} = 'H' THEN 'X' WHEN ${nx} = 'I' AND ${nx2} IN ('O', 'A') THEN 'X' ELSE 'S' END
    WHEN ${c} = 'T' THEN CASE WHEN ${nx} = 'I' AND ${nx2} IN ('O', 'A') THEN 'X' WHEN ${nx} = 'H' THEN '0'
      WHEN ${nx} = 'C' AND ${nx2} = 'H' THEN '' ELSE 'T' END
    WHEN ${c} = 'V' THEN 'F'
    WHEN ${c} IN ('W', 'Y') THEN CASE WHEN ${nx} IN ${VOWELS} THEN ${c} ELSE '' END
    WHEN ${c} = 'X' THEN 'KS'
    WHEN ${c} = 'Z' THEN 'S'
    ELSE ${c} END`
}

/** The pieces of every position of `w` joined in order ('' for an empty word). */
function joinPieces(d: Dialect, w: string): string {
  const n = d.length(w)
  const piece = pieceSql(w, 'i', n)
  if (d.name === 'duckdb') return `array_to_string(list_transform(range(1, ${n} + 1), lambda i: ${piece}), '')`
  if (d.name === 'spark') return `CASE WHEN ${n} = 0 THEN '' ELSE array_join(transform(sequence(1, ${n}), i -> ${piece}), '') END`
  return `(SELECT coalesce(string_agg(${piece}, '' ORDER BY i), '') FROM generate_series(1, ${n}) AS g(i))`
}

/**
 * `phoneticKey(name)` as one SQL expression of `name` (a column or parameter): the first 256 characters folded as
 * foldText folds them, ASCII letters only, upper-cased, the silent or altered first letters, then Metaphone's rule
 * per letter. '' for a name without letters; NULL stays NULL (PostgreSQL: ''). A call of the script's own function
 * where it installs one (PostgreSQL, {@link postgresPhoneticFunction}).
 */
export function phoneticKeySql(d: Dialect, name: string): string {
  if (d.phoneticFunction !== undefined) return `${d.phoneticFunction}(${name})`
  const letters = bindSql(d, `substr(${name}, 1, 256)`, (capped) => lettersSql(d, capped))
  return bindSql(d, letters, (w0) => bindSql(d, wordSql(w0), (w) => joinPieces(d, w)))
}

/** The folded ASCII letters of `capped`, upper-cased. */
function lettersSql(d: Dialect, capped: string): string {
  const folded = d.foldFunctions === undefined ? foldSql(d, capped, false) : `${d.foldFunctions.plain}(${capped})`
  return `upper(${d.replaceAll(folded, '[^a-z]+', '')})`
}

/** The word `w0` with Metaphone's silent or altered first letters. */
function wordSql(w0: string): string {
  return `CASE WHEN substr(${w0}, 1, 2) IN ('AE', 'GN', 'KN', 'PN', 'WR') THEN substr(${w0}, 2) ` +
    `WHEN substr(${w0}, 1, 1) = 'X' THEN 'S' || substr(${w0}, 2) WHEN substr(${w0}, 1, 2) = 'WH' THEN 'W' || substr(${w0}, 3) ELSE ${w0} END`
}

/**
 * The statement that installs `name(v TEXT)`, {@link phoneticKeySql} for PostgreSQL as a PL/pgSQL loop over the
 * word's letters: each step is a simple expression PL/pgSQL evaluates without the executor, where the inline form's
 * `generate_series` subquery cost half a millisecond a name. NULL gives '' as the inline form does.
 *
 * @example
 * postgresPhoneticFunction(POSTGRES, '"leadkit_metaphone"') // CREATE OR REPLACE FUNCTION "leadkit_metaphone" …
 */
export function postgresPhoneticFunction(d: Dialect, name: string): string {
  const body =
    `DECLARE w TEXT; n INT; k TEXT := ''; BEGIN ` +
    `IF v IS NULL THEN RETURN ''; END IF; ` +
    `w := ${lettersSql(d, 'substr(v, 1, 256)')}; w := ${wordSql('w')}; n := char_length(w); ` +
    `FOR i IN 1..n LOOP k := k || ${pieceSql('w', 'i', 'n')}; END LOOP; ` +
    `RETURN k; END`
  return `CREATE OR REPLACE FUNCTION ${name}(v TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS ${d.literal(body)}`
}
