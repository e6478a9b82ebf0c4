import type { Dialect } from './dialect.js'

// JavaScript's String.prototype.trim and toLowerCase, written in SQL, so that a code computed in the database is the
// code the JS engine computes for the same text.

// Every character String.prototype.trim removes (WhiteSpace and LineTerminator of ECMA-262).
const JS_SPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029' +
  '\u202f\u205f\u3000\ufeff'

/** `expr.trim()`: the engines' trim with the character set given (no regular expression: it runs per row). */
export function jsTrim(d: Dialect, expr: string): string {
  if (d.name === 'spark') return `trim(BOTH ${d.literal(JS_SPACE)} FROM ${expr})`
  if (d.name === 'postgres') return `btrim(${expr}, ${d.literal(JS_SPACE)})`
  return `trim(${expr}, ${d.literal(JS_SPACE)})`
}

/**
 * `expr.toLowerCase()`: Unicode's full default case mapping, with the unconditional special mappings (İ → i̇, two
 * characters) and the final-sigma rule (a Σ ending a word is ς). PostgreSQL has it as the `pg_unicode_fast`
 * collation (18 and later) and as ICU's root collation `und-x-icu` (10 and later, when built with ICU, as Debian's
 * and most distributions' servers are): the script's own function picks one ({@link postgresLowerFunction}). DuckDB's and Spark's `lower` are the simple mapping: the special cases are written
 * before it (the final-sigma test reads letters and case-ignorable characters by their Unicode properties).
 */
export function jsLower(d: Dialect, expr: string): string {
  if (d.name === 'postgres') return d.lowerFunction === undefined ? `lower(${expr} COLLATE "pg_unicode_fast")` : `${d.lowerFunction}(${expr})`
  const dotted = `replace(${expr}, 'İ', 'i̇')`
  const cased = '\\p{Lu}\\p{Ll}\\p{Lt}'
  const ignorable = "\\p{Mn}\\p{Me}\\p{Cf}\\p{Lm}\\p{Sk}'.:·"
  const sigma = d.replaceAll(
    dotted,
    `([${cased}][${ignorable}]*)Σ([${ignorable}]*)([^${cased}${ignorable}]|$)`,
    `${d.group(1)}ς${d.group(2)}${d.group(3)}`,
  )
  // The regular expression only where a capital sigma is: it would cost every row its time.
  const hasSigma = d.name === 'spark' ? `instr(${expr}, 'Σ') > 0` : `contains(${expr}, 'Σ')`
  return `lower(CASE WHEN ${hasSigma} THEN ${sigma} ELSE ${dotted} END)`
}

/** `expr` trimmed, or NULL when nothing is left (a blank value). */
export function nonBlank(d: Dialect, expr: string): string {
  return `nullif(${jsTrim(d, expr)}, '')`
}

/**
 * The statement that installs `name(v TEXT)`, JavaScript's `toLowerCase` for PostgreSQL, choosing when it runs: the
 * `pg_unicode_fast` collation where the server has it (PostgreSQL 18), else ICU's root collation `und-x-icu`
 * (PostgreSQL 10–17 built with ICU). A server with neither stops the script with a message that says so. The
 * function is one SQL expression, `IMMUTABLE`, so PostgreSQL inlines it: it costs no call per row.
 *
 * @example
 * postgresLowerFunction(POSTGRES, '"leadkit_lower"') // DO $leadkit$ … CREATE OR REPLACE FUNCTION "leadkit_lower" …
 */
export function postgresLowerFunction(d: Dialect, name: string): string {
  const create = (collation: string): string =>
    d.literal(
      `CREATE OR REPLACE FUNCTION ${name}(v TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS ` +
        d.literal(`SELECT lower(v COLLATE ${d.ident(collation)})`),
    )
  const has = (collation: string): string => `EXISTS (SELECT 1 FROM pg_collation WHERE collname = ${d.literal(collation)})`
  const missing =
    'leadkit: this PostgreSQL server lower-cases text neither with the pg_unicode_fast collation (PostgreSQL 18) ' +
    'nor with ICU (und-x-icu), so codes would not be those of the JS engine; use PostgreSQL 18, or a server built with ICU'
  return (
    `DO $leadkit$ BEGIN IF ${has('pg_unicode_fast')} THEN EXECUTE ${create('pg_unicode_fast')}; ` +
    `ELSIF ${has('und-x-icu')} THEN EXECUTE ${create('und-x-icu')}; ` +
    `ELSE RAISE EXCEPTION ${d.literal(missing)}; END IF; END $leadkit$`
  )
}
