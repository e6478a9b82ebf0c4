import type { RuleOptions } from '../../duplicates/types.js'
import type { Dialect } from './dialect.js'
import { bindSql, companyNameSql, foldSql, personNameSql } from './foldSql.js'
import { jsLower, jsTrim } from './textSql.js'

// The keyed rules' normalisers in SQL: each is the exact counterpart of the JS function it names (the property
// tests run both on the same strings). A normaliser that has none returns a reason instead.

/**
 * A normaliser as SQL, or why it cannot be compiled. `finish` is an expression of the field's text as the records
 * table holds it once per field — trimmed (`trimmed`: NULL when blank) or trimmed and lower-cased (`lowered`) — so
 * that the per-row trimming and case mapping run once per field, not once per use; NULL is no code. `sql` is the
 * whole normaliser on a raw text (for tests and for hosts that call it on one value).
 */
export type NormalizerSql =
  | {
      readonly input: 'raw' | 'trimmed' | 'lowered'
      readonly finish: (d: Dialect, text: string) => string
      readonly sql: (d: Dialect, value: string) => string
      /** Where the SQL gives no code for values the JS normaliser reads (the compiler passes it on). */
      readonly warning?: string
    }
  | { readonly reason: string }

function normalizer(
  input: 'raw' | 'trimmed' | 'lowered',
  finish: (d: Dialect, text: string) => string,
): NormalizerSql & { readonly input: 'raw' | 'trimmed' | 'lowered' } {
  return {
    input,
    finish,
    sql: (d, value) => {
      if (input === 'raw') return finish(d, value)
      const trimmed = `nullif(${jsTrim(d, value)}, '')`
      return finish(d, input === 'lowered' ? jsLower(d, trimmed) : trimmed)
    },
  }
}

/** `(?s)`: `.` also matches a line break, as JavaScript's string methods read across lines. */
const S = '(?s)'

/** normalizeEmail: trimmed and lower-cased; one `@` between non-empty parts; plus tag and Gmail dots on request. */
function emailSql(options: RuleOptions): (d: Dialect, value: string) => string {
  const stripPlusTag = options.stripPlusTag === true
  const gmailDots = options.gmailDots === true
  return (d, text) => {
    const valid = d.matches(text, `${S}^[^@]+@[^@]+$`)
    if (!stripPlusTag && !gmailDots) return `CASE WHEN ${valid} THEN ${text} END`
    const local0 = d.replaceAll(text, `${S}@.*$`, '')
    const domain0 = d.replaceAll(text, `${S}^.*@`, '')
    // indexOf('+') > 0: a tag after at least one character goes; an address that starts with + keeps it.
    const local1 = stripPlusTag ? d.replaceAll(local0, `${S}^([^+]+)[+].*$`, d.group(1)) : local0
    if (!gmailDots) return `CASE WHEN ${valid} THEN ${local1} || '@' || ${domain0} END`
    const gmail = `${domain0} IN ('gmail.com', 'googlemail.com')`
    const dotless = `replace(${local1}, '.', '')`
    return `CASE WHEN NOT ${valid} THEN NULL WHEN ${gmail} THEN CASE WHEN ${dotless} <> '' THEN ${dotless} || '@gmail.com' END ELSE ${local1} || '@' || ${domain0} END`
  }
}

/** normalizeWebsite: the host, without scheme, user info, www. labels, port, path and trailing dots. */
function websiteSql(d: Dialect, text: string): string {
  // A scheme's :// counts when it is among the first 14 characters (indexOf < 12); else a leading // goes.
  const scheme = `${S}^.{0,11}?://`
  const noScheme = `CASE WHEN ${d.matches(text, scheme)} THEN ${d.replaceAll(text, scheme, '')} WHEN ${text} LIKE '//%' THEN substr(${text}, 3) ELSE ${text} END`
  // / ? # space and backslash end the host; then the user info (to the last @), the port, the trailing dots, and
  // every leading www. or wwwN. label.
  let host = d.replaceAll(noScheme, `${S}[/?# \\\\].*$`, '')
  host = d.replaceAll(host, `${S}^.*@`, '')
  host = d.replaceAll(host, `${S}:.*$`, '')
  host = d.replaceAll(host, '[.]+$', '')
  host = d.replaceAll(host, '^(www[0-9]?[.])+', '')
  return `CASE WHEN ${d.matches(host, `${S}^[^.]+[.]`)} THEN ${host} END`
}

// Regions sharing the North American Numbering Plan (+1), as normalizePhone lists them.
const NANP_REGIONS: ReadonlySet<string> = new Set([
  'US', 'CA', 'PR', 'VI', 'GU', 'AS', 'MP', 'AG', 'AI', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'JM', 'KN', 'KY',
  'LC', 'MS', 'SX', 'TC', 'TT', 'VC', 'VG',
])

const PHONE_WARNING =
  'the phone normaliser compiles only the numbers normalizePhone reads without libphonenumber-js (its fast path): a ' +
  '+ and 8–15 digits; 00 and 8–15 digits without a default region; 10 national digits (or 11 starting with 1) with a ' +
  'North American default region; separated only by spaces, tabs, no-break spaces, - . / ( ). Any other spelling ' +
  '(trunk prefixes such as 020… in GB, "(0)", extensions, letters, other regions\' national numbers) gets no code ' +
  'in SQL, so SQL finds no pair the JS engine finds through such a number; it never finds one the JS engine does not'

/**
 * normalizePhone's fast path (phoneFastPath in src/duplicates/normalizePhone.ts) on the raw value, NULL where that
 * path would hand the number to libphonenumber-js. `text` is read several times: a column or a parameter.
 */
function phoneSql(d: Dialect, text: string, region: string | undefined): string {
  // Only digits, one + before any digit, and the separators the fast path skips; "(0)" goes to the parser.
  const clean = `${d.matches(text, '^[ \t\u00a0./()-]*[+]?[0-9 \t\u00a0./()-]*$')} AND NOT ${d.matches(text, '[(]0[)]')}`
  const digits = d.replaceAll(text, '[^0-9]', '')
  const n = d.length(digits)
  const plus = `${d.matches(text, '[+]')}`
  const international = (count: string, first: string): string => `${count} BETWEEN 8 AND 15 AND ${first} <> '0'`
  const first = (k: number): string => `substr(${digits}, ${k}, 1)`
  const cases = [`WHEN ${plus} THEN CASE WHEN ${international(n, first(1))} THEN '+' || ${digits} END`]
  if (region === undefined) {
    cases.push(`WHEN ${first(1)} = '0' AND ${first(2)} = '0' AND ${international(`${n} - 2`, first(3))} THEN '+' || substr(${digits}, 3)`)
  } else if (NANP_REGIONS.has(region)) {
    cases.push(`WHEN ${n} = 10 AND ${first(1)} >= '2' THEN '+1' || ${digits}`)
    cases.push(`WHEN ${n} = 11 AND ${first(1)} = '1' AND ${first(2)} >= '2' THEN '+' || ${digits}`)
  }
  return `CASE WHEN ${clean} THEN CASE ${cases.join(' ')} END END`
}

/** foldText(text, keepAmpersand): the script's function where it installs one, else inline. */
function fold(d: Dialect, text: string, keepAmpersand: boolean): string {
  const fn = d.foldFunctions === undefined ? undefined : keepAmpersand ? d.foldFunctions.ampersand : d.foldFunctions.plain
  return fn === undefined ? bindSql(d, text, (v) => foldSql(d, v, keepAmpersand)) : `${fn}(${text})`
}

/** The SQL of a built-in normaliser with these options, or why there is none. */
export function normalizerSql(name: string, options: RuleOptions): NormalizerSql {
  switch (name) {
    case 'email':
      return normalizer('lowered', emailSql(options))
    case 'website':
      return normalizer('lowered', websiteSql)
    case 'text':
      // The trimmed text, lower-cased unless case-sensitive; blank is no code.
      return normalizer(options.caseSensitive === true ? 'trimmed' : 'lowered', (_d, text) => text)
    case 'phone': {
      const region = typeof options.defaultRegion === 'string' ? options.defaultRegion.toUpperCase() : undefined
      return { ...normalizer('raw', (d, text) => phoneSql(d, text, region)), warning: PHONE_WARNING }
    }
    case 'company-name':
      return normalizer('trimmed', (d, text) => bindSql(d, fold(d, text, true), (f) => companyNameSql(d, f)))
    case 'person-name': {
      const joinParts = options.joinParts === true
      return normalizer('trimmed', (d, text) => personNameSql(fold(d, text, false), joinParts))
    }
    default:
      return { reason: `"${name}" is a normaliser registered in JavaScript; SQL cannot call it` }
  }
}
