import type { SqlDialect } from '../types.js'

// What differs between the SQL dialects the compiler writes: quoting, the text type, regular expressions.

/** The SQL pieces that differ from one dialect to the next. */
export interface Dialect {
  readonly name: SqlDialect
  /** A quoted identifier: no name, however odd, can end the quotes. */
  ident(name: string): string
  /** A quoted string literal. */
  literal(value: string): string
  /** The text type of casts. */
  readonly text: string
  /** The double-precision type of casts. */
  readonly double: string
  /** Every match of `pattern` (written for RE2/Java/ARE alike) in `expr` replaced by `replacement`. */
  replaceAll(expr: string, pattern: string, replacement: string): string
  /** Whether `expr` contains a match of `pattern`. */
  matches(expr: string, pattern: string): string
  /** A back-reference to capture group `n` in a replacement. */
  group(n: number): string
  /** The length of a text in characters (code points). */
  length(expr: string): string
  /** A table made from a query, replacing an older one of the same name. */
  createTable(name: string, query: string): string[]
  /**
   * PostgreSQL only: the quoted name of the script's own `lower` with JavaScript's full case mapping, which the
   * script installs first ({@link postgresLowerFunction}); without it, `lower` under `pg_unicode_fast`.
   */
  readonly lowerFunction?: string
  /**
   * DuckDB and PostgreSQL: the quoted names of the script's own foldText functions (without and with `&` kept),
   * which the script installs when a rule needs them; without them the fold is written inline.
   */
  readonly foldFunctions?: { readonly plain: string; readonly ampersand: string }
  /**
   * PostgreSQL only: the quoted name of the script's own phoneticKey function, which the script installs when a rule
   * needs it; without it the key is written inline.
   */
  readonly phoneticFunction?: string
}

const doubled = (value: string, quote: string): string => value.replaceAll(quote, quote + quote)

const DUCKDB: Dialect = {
  name: 'duckdb',
  ident: (name) => `"${doubled(name, '"')}"`,
  literal: (value) => `'${doubled(value, "'")}'`,
  text: 'VARCHAR',
  double: 'DOUBLE',
  replaceAll: (expr, pattern, replacement) =>
    `regexp_replace(${expr}, ${DUCKDB.literal(pattern)}, ${DUCKDB.literal(replacement)}, 'g')`,
  matches: (expr, pattern) => `regexp_matches(${expr}, ${DUCKDB.literal(pattern)})`,
  group: (n) => `\\${n}`,
  length: (expr) => `length(${expr})`,
  createTable: (name, query) => [`CREATE OR REPLACE TABLE ${name} AS\n${query}`],
}

const POSTGRES: Dialect = {
  name: 'postgres',
  ident: (name) => `"${doubled(name, '"')}"`,
  // E'' would read backslashes; a plain literal (standard_conforming_strings, on since PostgreSQL 9.1) does not.
  literal: (value) => `'${doubled(value, "'")}'`,
  text: 'TEXT',
  double: 'DOUBLE PRECISION',
  replaceAll: (expr, pattern, replacement) =>
    `regexp_replace(${expr}, ${POSTGRES.literal(pattern)}, ${POSTGRES.literal(replacement)}, 'g')`,
  matches: (expr, pattern) => `(${expr} ~ ${POSTGRES.literal(pattern)})`,
  group: (n) => `\\${n}`,
  length: (expr) => `char_length(${expr})`,
  createTable: (name, query) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS\n${query}`],
}

const SPARK: Dialect = {
  name: 'spark',
  ident: (name) => `\`${doubled(name, '`')}\``,
  // Spark SQL string literals read backslash escapes: both the backslash and the quote are escaped.
  literal: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  text: 'STRING',
  double: 'DOUBLE',
  replaceAll: (expr, pattern, replacement) =>
    `regexp_replace(${expr}, ${SPARK.literal(pattern)}, ${SPARK.literal(replacement)})`,
  matches: (expr, pattern) => `(${expr} RLIKE ${SPARK.literal(pattern)})`,
  group: (n) => `$${n}`,
  length: (expr) => `char_length(${expr})`,
  createTable: (name, query) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS\n${query}`],
}

/** The dialects by name. */
export const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = Object.freeze({
  duckdb: DUCKDB,
  postgres: POSTGRES,
  spark: SPARK,
})

/**
 * `query` kept a subquery of its own. PostgreSQL would otherwise pull each stage up into the next, copying a stage's
 * expression into every place a later stage reads its column, so the plan of one decision grew to 800,000 characters
 * and the JIT compiler took minutes over it; DuckDB pushes a filter down through the stages the same way, so the
 * name-and-company decision on 20,000 skewed leads took 5.5 s instead of 1.6 s. `OFFSET 0` is PostgreSQL's documented
 * fence and DuckDB's optimiser keeps it too. Spark SQL is left as it is: its optimiser does not collapse projections
 * that would repeat an expensive expression, and the statements are grammar-checked, not run.
 */
export function fence(d: Dialect, query: string): string {
  return d.name === 'spark' ? query : `${query} OFFSET 0`
}

/**
 * `expr` compared in code-point order, as JavaScript's `<` compares these texts: PostgreSQL's default collation
 * orders by language rules, so there it is `COLLATE "C"`; DuckDB and Spark compare binary already.
 */
export function codePointOrder(d: Dialect, expr: string): string {
  return d.name === 'postgres' ? `${expr} COLLATE "C"` : expr
}
