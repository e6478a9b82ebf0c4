import { FREE_MAIL_DOMAINS, FREE_MAIL_FAMILIES } from '../../internal/freeMailDomains.js'
import { codePointOrder, type Dialect } from './dialect.js'
import { phoneticKeySql } from './phoneticSql.js'
import { jsLower, jsTrim } from './textSql.js'

// duplicateBlockingKeys (src/duplicates/blockingKeys.ts) as a query: the keys under which the JS index files a
// record for the fuzzy rules; compiled fuzzy rules compare the pairs that share one.

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
 * A query of `(id, key)`, one row per distinct blocking key of each prepared lead of `leads` (preparedLeadsSql: the
 * name parts folded and joined with their Metaphone keys, the normalised company, the company's domain), as
 * duplicateBlockingKeys gives them: each name part's formal names (the first four, from `nicknames(name, grp)`, the
 * table nicknameTableSql makes) as Metaphone keys, each with the company's first `companyPrefixLength` letters
 * (`c|…|…`) and the business email's domain or else the website's (`d|…|…`); without name parts, the company and
 * the domain alone. A name part not in the table is its own formal name, whose key the prepared lead holds; only the
 * table's names are keyed here, once each, so no record's name is normalised or keyed twice.
 */
export function blockingKeysSql(d: Dialect, leads: string, nicknames: string, companyPrefixLength = 8): string {
  const order = codePointOrder(d, 'n.grp')
  return (
    `WITH parts AS (\n` +
    `  SELECT id, 1 AS part, given AS k, given_sound AS sound FROM ${leads} WHERE given IS NOT NULL\n` +
    `  UNION ALL SELECT id, 2 AS part, surname AS k, surname_sound AS sound FROM ${leads} WHERE surname IS NOT NULL\n` +
    `), keyed AS (\n` +
    `  SELECT name, grp, ${phoneticKeySql(d, 'grp')} AS sound FROM ${nicknames}\n` +
    `), formal AS (\n` +
    `  SELECT p.id, p.part, n.grp, n.sound FROM parts AS p JOIN keyed AS n ON n.name = p.k\n` +
    `  UNION ALL SELECT p.id, p.part, p.k AS grp, p.sound FROM parts AS p WHERE NOT EXISTS (SELECT 1 FROM ${nicknames} AS m WHERE m.name = p.k)\n` +
    `), firstFour AS (\n` +
    `  SELECT id, sound FROM (SELECT n.id, n.sound, row_number() OVER (PARTITION BY n.id, n.part ORDER BY ${order}) AS rn FROM formal AS n) AS f WHERE rn <= 4\n` +
    `), sounds AS (\n` +
    `  SELECT DISTINCT id, sound FROM firstFour WHERE sound <> ''\n` +
    `), parts2 AS (\n` +
    `  SELECT id, substr(replace(company, ' ', ''), 1, ${companyPrefixLength}) AS company, company_domain AS domain FROM ${leads}\n` +
    `)\n` +
    `SELECT DISTINCT id, key FROM (\n` +
    `  SELECT q.id, 'c|' || q.company || coalesce('|' || s.sound, '') AS key FROM parts2 AS q LEFT JOIN sounds AS s ON s.id = q.id WHERE q.company <> ''\n` +
    `  UNION ALL\n` +
    `  SELECT q.id, 'd|' || q.domain || coalesce('|' || s.sound, '') AS key FROM parts2 AS q LEFT JOIN sounds AS s ON s.id = q.id WHERE q.domain IS NOT NULL\n` +
    `) AS keys`
  )
}
