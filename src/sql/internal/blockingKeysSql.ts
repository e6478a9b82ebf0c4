import type { RuleOptions } from '../../duplicates/types.js'
import { FREE_MAIL_DOMAINS, FREE_MAIL_FAMILIES } from '../../internal/freeMailDomains.js'
import type { Dialect } from './dialect.js'
import { normalizerSql } from './normalizerSql.js'
import { phoneticKeySql } from './phoneticSql.js'
import { jsLower, jsTrim } from './textSql.js'

// duplicateBlockingKeys (src/duplicates/blockingKeys.ts) as a query: the keys under which the JS index files a
// record for the fuzzy rules; compiled fuzzy rules compare the pairs that share one.

/** The text columns the query reads from the records' table (NULL is an absent field). */
export interface BlockingKeyColumns {
  readonly id: string
  readonly firstName: string
  readonly lastName: string
  readonly companyName: string
  readonly email: string
  readonly website: string
}

function normalizer(name: string, options: RuleOptions): (d: Dialect, value: string) => string {
  const sql = normalizerSql(name, options)
  if (!('sql' in sql)) throw new Error(`unreachable: ${sql.reason}`)
  return sql.sql
}

/** emailDomain(email) of a trimmed email `email` (read twice): the text after the last `@`, lower-cased, or NULL. */
function emailDomainSql(d: Dialect, email: string): string {
  return `CASE WHEN ${d.matches(email, '(?s)^.+@[^@]+$')} THEN ${jsLower(d, d.replaceAll(email, '(?s)^.*@', ''))} END`
}

/** isFreeMailDomain(domain), `domain` read twice. */
function isFreeMailSql(d: Dialect, domain: string): string {
  const free = [...FREE_MAIL_DOMAINS].map((name) => d.literal(name)).join(', ')
  const families = `^(${[...FREE_MAIL_FAMILIES].join('|')})[.]((com?|net|org)[.])?[a-z]{2,3}$`
  const trimmed = jsLower(d, jsTrim(d, domain))
  return `(${trimmed} IN (${free}) OR ${d.matches(trimmed, families)})`
}

/**
 * businessDomain(email) (src/duplicates/internal/blockingHasher.ts) of `email`, the email already trimmed: its
 * domain lower-cased when that is not a free-mail domain, else NULL. `email` is read several times: a column.
 */
export function businessDomainSql(d: Dialect, email: string): string {
  const domain = emailDomainSql(d, email)
  return `CASE WHEN ${domain} IS NOT NULL AND NOT ${isFreeMailSql(d, domain)} THEN ${domain} END`
}

/**
 * A query of `(id, key)`, one row per distinct blocking key of each record of `records`, as duplicateBlockingKeys
 * gives them: each name part's formal names (the first four, from `nicknames(name, grp)`, the table
 * nicknameTableSql makes) as Metaphone keys, each with the company's first `companyPrefixLength` letters (`c|…|…`)
 * and the business email's domain or else the website's (`d|…|…`); without name parts, the company and the domain
 * alone.
 */
export function blockingKeysSql(
  d: Dialect,
  records: string,
  c: BlockingKeyColumns,
  nicknames: string,
  companyPrefixLength = 8,
): string {
  const person = normalizer('person-name', { joinParts: true })
  const company = normalizer('company-name', {})
  const website = normalizer('website', {})
  const order = d.name === 'postgres' ? 'n.grp COLLATE "C"' : 'n.grp'
  const rawDomain = emailDomainSql(d, jsTrim(d, `r.${c.email}`))
  return (
    `WITH parts AS (\n` +
    `  SELECT id, part, k FROM (\n` +
    `    SELECT r.${c.id} AS id, 1 AS part, ${person(d, `r.${c.firstName}`)} AS k FROM ${records} AS r WHERE r.${c.firstName} <> ''\n` +
    `    UNION ALL SELECT r.${c.id} AS id, 2 AS part, ${person(d, `r.${c.lastName}`)} AS k FROM ${records} AS r WHERE r.${c.lastName} <> ''\n` +
    `  ) AS p WHERE k IS NOT NULL\n` +
    `), formal AS (\n` +
    `  SELECT p.id, p.part, n.grp FROM parts AS p JOIN ${nicknames} AS n ON n.name = p.k\n` +
    `  UNION ALL SELECT p.id, p.part, p.k AS grp FROM parts AS p WHERE NOT EXISTS (SELECT 1 FROM ${nicknames} AS m WHERE m.name = p.k)\n` +
    `), firstFour AS (\n` +
    `  SELECT id, grp FROM (SELECT n.id, n.grp, row_number() OVER (PARTITION BY n.id, n.part ORDER BY ${order}) AS rn FROM formal AS n) AS f WHERE rn <= 4\n` +
    `), sounds AS (\n` +
    `  SELECT DISTINCT id, sound FROM (SELECT id, ${phoneticKeySql(d, 'grp')} AS sound FROM firstFour) AS s WHERE sound <> ''\n` +
    `), parts2 AS (\n` +
    `  SELECT r.${c.id} AS id,\n` +
    `    substr(replace(${company(d, `r.${c.companyName}`)}, ' ', ''), 1, ${companyPrefixLength}) AS company,\n` +
    `    coalesce(CASE WHEN NOT ${isFreeMailSql(d, 'rd')} THEN rd END, CASE WHEN r.${c.website} IS NOT NULL THEN ${website(d, `r.${c.website}`)} END) AS domain\n` +
    `  FROM (SELECT *, ${rawDomain} AS rd FROM ${records} AS r) AS r\n` +
    `)\n` +
    `SELECT DISTINCT id, key FROM (\n` +
    `  SELECT q.id, 'c|' || q.company || coalesce('|' || s.sound, '') AS key FROM parts2 AS q LEFT JOIN sounds AS s ON s.id = q.id WHERE q.company <> ''\n` +
    `  UNION ALL\n` +
    `  SELECT q.id, 'd|' || q.domain || coalesce('|' || s.sound, '') AS key FROM parts2 AS q LEFT JOIN sounds AS s ON s.id = q.id WHERE q.domain IS NOT NULL\n` +
    `) AS keys`
  )
}
