import type { Dialect } from './dialect.js'

// JavaScript's String.prototype.trim and toLowerCase, written in SQL, so that a code computed in the database is the
// code the JS engine computes for the same text.

// Every character String.prototype.trim removes (WhiteSpace and LineTerminator of ECMA-262), written out: \s means
// ASCII whitespace only in RE2 and Java.
const JS_SPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'

/** `expr.trim()`. */
export function jsTrim(d: Dialect, expr: string): string {
  return d.replaceAll(expr, `^[${JS_SPACE}]+|[${JS_SPACE}]+$`, '')
}

/**
 * `expr.toLowerCase()`. The engines' `lower` is Unicode's simple case mapping; JavaScript applies the unconditional
 * special mappings (İ → i̇, two characters) and the final-sigma rule (a Σ ending a word is ς), written here before
 * `lower`. PostgreSQL's regular expressions have no Unicode properties: its final-sigma test reads letters as
 * `[[:alpha:]]` under the database's character type.
 */
export function jsLower(d: Dialect, expr: string): string {
  const dotted = `replace(${expr}, 'İ', 'i̇')`
  const cased = d.name === 'postgres' ? '[:alpha:]' : '\\p{Lu}\\p{Ll}\\p{Lt}'
  const ignorable = d.name === 'postgres' ? "'.:·\u0300-\u036f" : "\\p{Mn}\\p{Me}\\p{Cf}\\p{Lm}\\p{Sk}'.:·"
  const sigma = d.replaceAll(
    dotted,
    `([${cased}][${ignorable}]*)Σ([${ignorable}]*)([^${cased}${ignorable}]|$)`,
    `${d.group(1)}ς${d.group(2)}${d.group(3)}`,
  )
  return `lower(${sigma})`
}

/** `expr` trimmed, or NULL when nothing is left (a blank value). */
export function nonBlank(d: Dialect, expr: string): string {
  return `nullif(${jsTrim(d, expr)}, '')`
}
