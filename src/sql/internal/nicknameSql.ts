import { nicknameLookup, type NicknameOptions } from '../../duplicates/nicknames.js'
import type { Dialect } from './dialect.js'

// The name comparer's nickname table as a table a compiled script makes: one row per (given name, formal-name
// group), folded and joined as givenNameGroups reads them, so two given names are nickname-equivalent in SQL when
// their groups share a row's group. The compiled name rules read it.

/**
 * The statements that make `table(name, grp)` from the built-in nickname table, the rule's own entries added or
 * instead (`nicknames`, `replaceBuiltInNicknames`, as the fuzzy rules' options say). A name absent from the table
 * is its own group: {@link nicknameGroupsSql} adds that row.
 *
 * @example
 * nicknameTableSql(DUCKDB, '"leadkit_nicknames"', {}) // ['CREATE OR REPLACE TABLE "leadkit_nicknames" AS …']
 */
export function nicknameTableSql(d: Dialect, table: string, options: NicknameOptions | undefined): string[] {
  const rows: string[] = []
  for (const [name, groups] of nicknameLookup(options)) {
    for (const group of groups) rows.push(`(${d.literal(name)}, ${d.literal(group)})`)
  }
  const query = rows.length === 0
    ? `SELECT CAST(NULL AS ${d.text}) AS name, CAST(NULL AS ${d.text}) AS grp WHERE 1 = 0`
    : `SELECT name, grp FROM (VALUES\n  ${rows.join(',\n  ')}\n) AS n(name, grp)`
  return d.createTable(table, query)
}

/**
 * A query of the formal-name groups (column `grp`) of `key`, a given name already folded and joined (the
 * person-name normaliser with `joinParts`): its rows in `table`, or the name itself when the table lacks it.
 */
export function nicknameGroupsSql(table: string, key: string): string {
  return (
    `SELECT grp FROM ${table} WHERE name = ${key}\n` +
    `UNION ALL SELECT ${key} AS grp WHERE ${key} <> '' AND NOT EXISTS (SELECT 1 FROM ${table} WHERE name = ${key})`
  )
}

/** Whether `a` and `b` (given names folded and joined) share a formal-name group in `table`. */
export function sharesNicknameSql(table: string, a: string, b: string): string {
  return `EXISTS (SELECT 1 FROM (${nicknameGroupsSql(table, a)}) AS ga JOIN (${nicknameGroupsSql(table, b)}) AS gb ON ga.grp = gb.grp)`
}
