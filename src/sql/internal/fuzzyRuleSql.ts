import { ROLE_ADDRESSES } from '../../duplicates/internal/builtInRules.js'
import type { DuplicateEntity, RuleOptions } from '../../duplicates/types.js'
import { fence, type Dialect } from './dialect.js'
import { businessDomainSql } from './blockingKeysSql.js'
import { namePartSimilaritySql, type NamePartSqlContext } from './nameSimilaritySql.js'
import { normalizerSql } from './normalizerSql.js'
import { phoneticKeySql } from './phoneticSql.js'

// The built-in lead-name comparators (src/duplicates/internal/builtInRules.ts: `lead-name`, `lead-name-and-company`,
// `lead-name-and-email-domain`) in SQL: each record prepared once (LeadNames.prepare), then each candidate pair
// decided in stages that compute each similarity once, in the order the JS comparator needs them, so that a pair
// whose company or surname already fails costs no further Jaro-Winkler.

/** The comparators that compile, by name. */
export const SQL_COMPARATORS: ReadonlySet<string> = new Set(['lead-name', 'lead-name-and-company', 'lead-name-and-email-domain'])

/** The fields the prepared leads read, as the comparators read them (`readField`). */
export const FUZZY_FIELDS = ['firstName', 'lastName', 'companyName', 'email', 'website'] as const

/** The phone fields `separateByPhone` compares, in the order phoneConflicts reads them. */
export const PHONE_FIELDS = ['mobilePhone', 'businessPhone'] as const

/**
 * The companies' similarity without spaces, as the comparator computes it: 1 − the Levenshtein distance of `x` and
 * `y` with their spaces removed over the longer's length (of its first 256 characters), 1 when they are then equal.
 * `x` and `y` are columns: they are read several times.
 */
function joinedCompanySql(d: Dialect, x: string, y: string, distance: FuzzySqlContext['distance']): string {
  const joinedX = `replace(${x}, ' ', '')`
  const joinedY = `replace(${y}, ' ', '')`
  return `CASE WHEN ${joinedX} <> ${joinedY} THEN 1 - CAST(${distance(joinedX, joinedY)} AS ${d.double}) / ` +
    `greatest(${d.length(`substr(${joinedX}, 1, 256)`)}, ${d.length(`substr(${joinedY}, 1, 256)`)}) ELSE CAST(1 AS ${d.double}) END`
}

/** A number as a DOUBLE literal: DuckDB reads `0.9` as a DECIMAL, PostgreSQL as NUMERIC. */
function num(d: Dialect, value: number): string {
  return `CAST(${String(value)} AS ${d.double})`
}

/** The tables of {@link nameLookupStatements}. */
export interface NameLookups {
  /** `v` (a trimmed name part), `folded` (person-name, joined; NULL without letters), `sound` (its Metaphone key). */
  readonly names: string
  /** `v` (a trimmed company name), `company` (company-name). */
  readonly companies: string
}

/**
 * The statements that fold and key each distinct given name and surname of `records` once, and normalise each distinct
 * company once: a million leads hold far fewer distinct names and companies (common surnames, many leads per
 * company), and the fold and the Metaphone key are the costliest expressions of the prepared leads.
 */
export function nameLookupStatements(d: Dialect, records: string, column: (path: string) => string, lookups: NameLookups): string[] {
  const k = (path: string): string => column(path).slice(1)
  const person = normalizerSql('person-name', { joinParts: true })
  const companyName = normalizerSql('company-name', {})
  if (!('finish' in person) || !('finish' in companyName)) throw new Error('unreachable: built-in normalisers compile')
  const distinctNames = `SELECT t${k('firstName')} AS v FROM ${records} WHERE t${k('firstName')} IS NOT NULL\n` +
    `    UNION SELECT t${k('lastName')} AS v FROM ${records} WHERE t${k('lastName')} IS NOT NULL`
  const folded = fence(d, `SELECT v, nullif(${person.finish(d, 'v')}, '') AS folded FROM (${distinctNames}) AS u`)
  return [
    ...d.createTable(lookups.names, `SELECT v, folded, ${phoneticKeySql(d, 'folded')} AS sound FROM (${folded}) AS f`),
    ...d.createTable(
      lookups.companies,
      `SELECT v, ${companyName.finish(d, 'v')} AS company FROM (SELECT DISTINCT t${k('companyName')} AS v FROM ${records} WHERE t${k('companyName')} IS NOT NULL) AS u`,
    ),
  ]
}

/**
 * The query of prepared leads: one row per record of `records` (the compiler's table: `id`, `state`, and per field
 * `f…` raw, `t…` trimmed, `l…` trimmed and lower-cased), with the name parts folded and joined (`given`, `surname`,
 * NULL without letters or digits) and their raw text and Metaphone keys, the normalised company (`company`, '' when
 * none), the work email and its domain, the company's domain (the work email's, else the website's), the work
 * address's local part read as namesakes' addresses are, and each phone `separateByPhone` reads, per region.
 */
export function preparedLeadsSql(
  d: Dialect,
  records: string,
  column: (path: string) => string,
  regions: readonly (string | undefined)[],
  lookups: NameLookups,
): string {
  const k = (path: string): string => column(path).slice(1)
  const first = k('firstName')
  const last = k('lastName')
  const company = k('companyName')
  const email = k('email')
  const website = k('website')
  const site = normalizerSql('website', {})
  if (!('finish' in site)) throw new Error('unreachable: built-in normalisers compile')
  const phones = regions.flatMap((region, r) => {
    const phone = normalizerSql('phone', region === undefined ? {} : { defaultRegion: region })
    if (!('finish' in phone)) throw new Error('unreachable: the phone normaliser compiles')
    return PHONE_FIELDS.map((field, p) => `${phone.finish(d, `f${k(field)}`)} AS phone_${r}_${p}`)
  })
  const prepared =
    `SELECT r.id, r.state, r.f${first} AS given_raw, gn.folded AS given, gn.sound AS given_sound,\n` +
    `    r.f${last} AS surname_raw, sn.folded AS surname, sn.sound AS surname_sound,\n` +
    `    r.f${company} AS company_raw, coalesce(cn.company, '') AS company,\n` +
    `    r.l${email} AS email_lowered, ${businessDomainSql(d, `r.t${email}`)} AS domain,\n` +
    `    ${site.finish(d, `r.l${website}`)} AS website_domain${phones.map((p) => `,\n    ${p}`).join('')}\n` +
    `  FROM ${records} AS r\n` +
    `  LEFT JOIN ${lookups.names} AS gn ON gn.v = r.t${first}\n` +
    `  LEFT JOIN ${lookups.names} AS sn ON sn.v = r.t${last}\n` +
    `  LEFT JOIN ${lookups.companies} AS cn ON cn.v = r.t${company}`
  const local = d.replaceAll('work_email', '(?s)@[^@]*$', '')
  const roles = [...ROLE_ADDRESSES].map((role) => d.literal(role)).join(', ')
  return (
    `SELECT w.*, ${d.replaceAll('w.mailbox', '[0-9]+$', '')} AS local_base,\n` +
    `  (${d.replaceAll('w.mailbox', '[^a-z]', '')} IN (${roles})) AS is_role,\n` +
    `  (w.given IS NOT NULL AND w.surname IS NOT NULL AND ${d.replaceAll('w.mailbox', '[^a-z]', '')} IN\n` +
    `    (w.given || w.surname, w.surname || w.given, substr(w.given, 1, 1) || w.surname)) AS spells_name\n` +
    `FROM (\n` +
    `  SELECT v.*, ${local} AS mailbox FROM (\n` +
    fence(
      d,
      `    SELECT p.*, CASE WHEN p.domain IS NOT NULL THEN p.email_lowered END AS work_email,\n` +
        `      coalesce(p.domain, p.website_domain) AS company_domain\n` +
        `    FROM (\n  ${fence(d, prepared)}\n    ) AS p`,
    ) +
    `\n  ) AS v\n` +
    `) AS w`
  )
}

/** What a comparator's SQL reads besides its options. */
export interface FuzzySqlContext {
  /** The prepared leads' table ({@link preparedLeadsSql}). */
  readonly leads: string
  /**
   * Calls of Jaro-Winkler, the token-set similarity and the Levenshtein distance on two expressions: the script's
   * functions (DuckDB, PostgreSQL), or the expressions inline (Spark).
   */
  readonly jaroWinkler: (a: string, b: string) => string
  readonly tokens: (a: string, b: string) => string
  readonly distance: (a: string, b: string) => string
  /** The nickname table of these options (see nicknameTableSql). */
  readonly nicknames: string
  /** The index of the prepared phone columns of a phone region. */
  readonly region: (region: string | undefined) => number
  /**
   * Tables of similarities computed once per distinct pair of values ({@link similarityMemoSql}), read instead of
   * calling the functions once per pair of records: `names` (`x`, `y`, `jw`) for the given names and surnames,
   * `companies` (`x`, `y`, `tokens`, `joined`) for the companies. Only for pairs whose values they hold all.
   */
  readonly memo?: SimilarityMemo
}

/** The tables of {@link similarityMemoSql}. */
export interface SimilarityMemo {
  readonly names: string
  /** `x`, `y`: the pairs of given names that share a group of the nickname table `nicknames`. */
  readonly nicknamePairs: string
  readonly nicknames: string
  readonly companies?: string
}

/**
 * The statements of the similarity memos of the pairs `candidates` (`base_id`, `matching_id`) of the prepared leads
 * `leads`: Jaro-Winkler of each distinct (given, given) and (surname, surname) pair, and with `companies` the company
 * similarities of each distinct pair of different companies. Leads of one company and one name sound share values,
 * so there are far fewer distinct pairs than pairs of records.
 */
export function similarityMemoSql(
  d: Dialect,
  leads: string,
  candidates: string,
  tables: SimilarityMemo,
  fns: Pick<FuzzySqlContext, 'jaroWinkler' | 'tokens' | 'distance'>,
): string[] {
  const pairs = `${candidates} AS p JOIN ${leads} AS a ON a.id = p.base_id JOIN ${leads} AS b ON b.id = p.matching_id`
  const both = `${pairs} WHERE a.given IS NOT NULL AND b.given IS NOT NULL AND a.surname IS NOT NULL AND b.surname IS NOT NULL`
  const statements = d.createTable(
    tables.names,
    `SELECT x, y, ${fns.jaroWinkler('x', 'y')} AS jw FROM (\n` +
      `  SELECT a.surname AS x, b.surname AS y FROM ${pairs} WHERE a.surname IS NOT NULL AND b.surname IS NOT NULL\n` +
      `  UNION\n` +
      `  SELECT a.given AS x, b.given AS y FROM ${pairs} WHERE a.given IS NOT NULL AND b.given IS NOT NULL\n` +
      // The swapped readings (a's given name against b's surname and the other way round), tried where both have
      // both parts.
      `  UNION\n` +
      `  SELECT a.given AS x, b.surname AS y FROM ${both}\n` +
      `  UNION\n` +
      `  SELECT a.surname AS x, b.given AS y FROM ${both}\n` +
      `) AS q`,
  )
  // A name in the table stands for its groups, any other for itself (nicknameGroupsSql), as joins rather than a
  // correlated subquery per pair.
  statements.push(
    ...d.createTable(
      tables.nicknamePairs,
      `SELECT DISTINCT q.x, q.y FROM (SELECT DISTINCT a.given AS x, b.given AS y FROM ${pairs} WHERE a.given IS NOT NULL AND b.given IS NOT NULL) AS q\n` +
        `  LEFT JOIN ${tables.nicknames} AS na ON na.name = q.x\n` +
        `  LEFT JOIN ${tables.nicknames} AS nb ON nb.name = q.y\n` +
        `WHERE coalesce(na.grp, q.x) = coalesce(nb.grp, q.y)`,
    ),
  )
  if (tables.companies !== undefined) {
    statements.push(
      ...d.createTable(
        tables.companies,
        `SELECT x, y, ${fns.tokens('x', 'y')} AS tokens, ${joinedCompanySql(d, 'x', 'y', fns.distance)} AS joined\n` +
          `FROM (SELECT DISTINCT a.company AS x, b.company AS y FROM ${pairs} WHERE a.company <> b.company AND a.company <> '' AND b.company <> '') AS q`,
      ),
    )
  }
  return statements
}

/**
 * The query of a comparator's decisions on `pairs` (a query or table of `base_id`, `matching_id`): one row per pair
 * the comparator can compare, with `outcome` (TRUE a match, FALSE not; pairs it cannot compare, where the JS
 * comparator answers `undefined`, are left out, or with `outcome` NULL), the score, and what explanations read
 * (`shape`: `missing` a given name missing, `straight`, `swapped`; the similarities and methods of each part).
 * With `onlyActive`, candidates that are inactive for `entity` are left out, as a fuzzy rule skips them.
 */
export function fuzzyDecisionSql(
  d: Dialect,
  comparator: string,
  options: RuleOptions,
  pairs: string,
  context: FuzzySqlContext,
  onlyActive: { readonly entity: DuplicateEntity } | undefined,
): string {
  // The parser fills in every option's default, so each is there (the compiler accepts parsed rules only).
  const number = (key: string): number => {
    const value = options[key]
    if (typeof value !== 'number') throw new Error(`unreachable: option ${key} of a parsed ${comparator} rule`)
    return value
  }
  const flag = (key: string): boolean => options[key] === true
  const isCompany = comparator === 'lead-name-and-company'
  const isDomain = comparator === 'lead-name-and-email-domain'
  const o = {
    givenNameThreshold: number('givenNameThreshold'),
    surnameThreshold: number('surnameThreshold'),
    nicknameSimilarity: number('nicknameSimilarity'),
    phoneticSimilarity: number('phoneticSimilarity'),
    matchSwappedNames: flag('matchSwappedNames'),
    swappedNameFactor: number('swappedNameFactor'),
    allowMissingGivenName: flag('allowMissingGivenName'),
    companyThreshold: isCompany ? number('companyThreshold') : 1,
    separateByWorkEmail: flag('separateByWorkEmail'),
    separateByPhone: flag('separateByPhone'),
    phoneRegion: typeof options.phoneRegion === 'string' ? options.phoneRegion : undefined,
  }
  const gT = num(d, o.givenNameThreshold)
  const sT = num(d, o.surnameThreshold)
  const names: NamePartSqlContext = {
    jaroWinkler: context.jaroWinkler,
    nicknames: context.nicknames,
    nicknameSimilarity: o.nicknameSimilarity,
    phoneticSimilarity: o.phoneticSimilarity,
  }
  const columns = [
    'given_raw', 'given', 'given_sound', 'surname_raw', 'surname', 'surname_sound', 'company_raw', 'company', 'domain', 'work_email',
    'company_domain', 'local_base', 'is_role', 'spells_name',
  ]
  const region = o.separateByPhone && (isCompany || isDomain) ? context.region(o.phoneRegion) : undefined
  if (region !== undefined) columns.push(...PHONE_FIELDS.map((_, p) => `phone_${region}_${p}`))
  const picked = columns.flatMap((c) => [`a.${c} AS a_${c}`, `b.${c} AS b_${c}`]).join(', ')
  // Pairs the comparator cannot compare: no surname (lead-name, and name-and-company), no company, no company domain.
  const comparable = [
    ...(isDomain ? ['a.company_domain IS NOT NULL', 'b.company_domain IS NOT NULL'] : ['a.surname IS NOT NULL', 'b.surname IS NOT NULL']),
    ...(isCompany ? ["a.company <> ''", "b.company <> ''"] : []),
    ...(onlyActive === undefined ? [] : [activeSql(d, onlyActive.entity, 'b')]),
  ]
  const joined = `SELECT p.base_id, p.matching_id, ${picked}\n` +
    `  FROM (${pairs}) AS p JOIN ${context.leads} AS a ON a.id = p.base_id JOIN ${context.leads} AS b ON b.id = p.matching_id\n` +
    `  WHERE ${comparable.join(' AND ')}`
  const jw = context.jaroWinkler
  const memo = context.memo
  // Stage 1: the gate (the company's similarity, or the same company domain) and the surnames' Jaro-Winkler.
  const companyMemo = memo?.companies
  const companyColumns = !isCompany
    ? ''
    : companyMemo !== undefined
      ? `, CASE WHEN s.a_company <> s.b_company THEN cm.tokens END AS company_tokens,\n` +
        `    CASE WHEN s.a_company <> s.b_company THEN cm.joined ELSE CAST(1 AS ${d.double}) END AS company_joined`
      : `, CASE WHEN s.a_company <> s.b_company THEN ${context.tokens('s.a_company', 's.b_company')} END AS company_tokens,\n` +
        `    CASE WHEN s.a_company <> s.b_company THEN ${joinedCompanySql(d, 's.a_company', 's.b_company', context.distance)} ` +
        `ELSE CAST(1 AS ${d.double}) END AS company_joined`
  const lastJw = memo !== undefined ? 'lm.jw' : `CASE WHEN s.a_surname IS NOT NULL AND s.b_surname IS NOT NULL THEN ${jw('s.a_surname', 's.b_surname')} END`
  const memoJoins = (memo === undefined ? '' : `\n  LEFT JOIN ${memo.names} AS lm ON lm.x = s.a_surname AND lm.y = s.b_surname`) +
    (isCompany && companyMemo !== undefined ? `\n  LEFT JOIN ${companyMemo} AS cm ON cm.x = s.a_company AND cm.y = s.b_company` : '')
  const stage1 = `SELECT s.*, ${lastJw} AS last_jw${companyColumns}\n` +
    `  FROM (${fence(d, joined)}) AS s${memoJoins}`
  const last = namePartSimilaritySql(d, 't.a_surname', 't.b_surname', false, names, { jaroWinkler: 't.last_jw', soundA: 't.a_surname_sound', soundB: 't.b_surname_sound' })
  const companySimilarity = isCompany
    ? `CASE WHEN t.a_company = t.b_company THEN CAST(1 AS ${d.double}) WHEN t.company_joined > t.company_tokens THEN t.company_joined ELSE t.company_tokens END`
    : `CAST(NULL AS ${d.double})`
  const companyMethod = isCompany
    ? `CASE WHEN t.a_company = t.b_company THEN 'exact' WHEN t.company_joined > t.company_tokens THEN 'levenshtein' ELSE 'token' END`
    : `CAST(NULL AS ${d.text})`
  const stage2 = `SELECT t.*, ${last.similarity} AS last_sim, ${last.method} AS last_method,\n` +
    `    ${companySimilarity} AS company_sim, ${companyMethod} AS company_method\n` +
    `  FROM (${fence(d, stage1)}) AS t`
  const gate = isCompany
    ? `u.company_sim >= ${num(d, o.companyThreshold)}`
    : isDomain ? 'u.a_company_domain = u.b_company_domain AND u.a_surname IS NOT NULL AND u.b_surname IS NOT NULL' : 'TRUE'
  const hasFirsts = (x: string): string => `${x}.a_given IS NOT NULL AND ${x}.b_given IS NOT NULL`
  // Stage 3: the given names, read only where the surnames could make a straight match (as similarNames does).
  const firstJw = memo !== undefined ? 'fm.jw' : jw('u.a_given', 'u.b_given')
  // The memo's nickname pairs hold for this rule when they were read from the rule's own nickname table.
  const nicknamePairs = memo !== undefined && memo.nicknames === context.nicknames ? memo.nicknamePairs : undefined
  const stage3 = `SELECT u.*, (${gate}) AS gate,\n` +
    `    CASE WHEN ${gate} AND ${hasFirsts('u')} AND u.last_sim >= ${sT} THEN ${firstJw} END AS first_jw` +
    `${nicknamePairs === undefined ? '' : ', nk.x IS NOT NULL AS first_nick'}\n` +
    `  FROM (${fence(d, stage2)}) AS u` +
    (memo === undefined ? '' : `\n  LEFT JOIN ${memo.names} AS fm ON fm.x = u.a_given AND fm.y = u.b_given`) +
    (nicknamePairs === undefined ? '' : `\n  LEFT JOIN ${nicknamePairs} AS nk ON nk.x = u.a_given AND nk.y = u.b_given`)
  const firstPart = namePartSimilaritySql(d, 'v.a_given', 'v.b_given', true, names, {
    jaroWinkler: 'v.first_jw', soundA: 'v.a_given_sound', soundB: 'v.b_given_sound', ...(nicknamePairs === undefined ? {} : { sharesNickname: 'v.first_nick' }),
  })
  const stage4 = `SELECT v.*, CASE WHEN v.first_jw IS NOT NULL THEN ${firstPart.similarity} END AS first_sim,\n` +
    `    CASE WHEN v.first_jw IS NOT NULL THEN ${firstPart.method} END AS first_method\n` +
    `  FROM (${fence(d, stage3)}) AS v`
  // Stage 5: swapped names, tried only where the straight reading fails.
  const straight = `(w.first_sim >= ${gT} AND w.last_sim >= ${sT})`
  const trySwapped = o.matchSwappedNames ? `w.gate AND ${hasFirsts('w')} AND NOT coalesce(${straight}, FALSE)` : 'FALSE'
  const swappedMemo = memo !== undefined && o.matchSwappedNames
  const stage5 = `SELECT w.*, coalesce(${straight}, FALSE) AS straight,\n` +
    `    CASE WHEN ${trySwapped} THEN ${swappedMemo ? 'abm.jw' : jw('w.a_given', 'w.b_surname')} END AS ab_jw,\n` +
    `    CASE WHEN ${trySwapped} THEN ${swappedMemo ? 'bam.jw' : jw('w.a_surname', 'w.b_given')} END AS ba_jw\n` +
    `  FROM (${fence(d, stage4)}) AS w` +
    (!swappedMemo
      ? ''
      : `\n  LEFT JOIN ${memo.names} AS abm ON abm.x = w.a_given AND abm.y = w.b_surname` +
        `\n  LEFT JOIN ${memo.names} AS bam ON bam.x = w.a_surname AND bam.y = w.b_given`)
  const ab = namePartSimilaritySql(d, 'x.a_given', 'x.b_surname', false, names, { jaroWinkler: 'x.ab_jw', soundA: 'x.a_given_sound', soundB: 'x.b_surname_sound' })
  const ba = namePartSimilaritySql(d, 'x.a_surname', 'x.b_given', false, names, { jaroWinkler: 'x.ba_jw', soundA: 'x.a_surname_sound', soundB: 'x.b_given_sound' })
  const stage6 = `SELECT x.*, CASE WHEN x.ab_jw IS NOT NULL THEN ${ab.similarity} END AS ab_sim,\n` +
    `    CASE WHEN x.ba_jw IS NOT NULL THEN ${ba.similarity} END AS ba_sim\n` +
    `  FROM (${fence(d, stage5)}) AS x`
  // Stage 7: the names' verdict and score, then what tells namesakes apart, then the outcome.
  const missing = '(y.a_given IS NULL OR y.b_given IS NULL)'
  const swapped = `(y.ab_sim >= ${gT} AND y.ba_sim >= ${sT})`
  const shape = `CASE WHEN ${missing} THEN 'missing' WHEN y.straight THEN 'straight' WHEN coalesce(${swapped}, FALSE) THEN 'swapped' ELSE 'none' END`
  const stage7 = `SELECT y.*, ${shape} AS shape FROM (${fence(d, stage6)}) AS y`
  const namesSimilar = `CASE z.shape WHEN 'missing' THEN z.last_sim >= ${sT} WHEN 'none' THEN FALSE ELSE TRUE END`
  const namesScore = `CASE z.shape WHEN 'missing' THEN z.last_sim * ${num(d, 0.9)} WHEN 'straight' THEN (z.first_sim + z.last_sim) / 2 ` +
    `WHEN 'swapped' THEN ((z.ab_sim + z.ba_sim) / 2) * ${num(d, o.swappedNameFactor)} END`
  const apart: string[] = []
  if (isCompany || isDomain) {
    const sameGiven = `CASE WHEN z.a_given IS NULL OR z.b_given IS NULL THEN z.a_given IS NULL AND z.b_given IS NULL ELSE z.first_method IN ('exact', 'nickname') END`
    const sameName = `(z.a_surname = z.b_surname AND ${sameGiven})`
    const sameDomain = 'z.a_domain = z.b_domain'
    const spelled = o.separateByWorkEmail
      ? ` OR (${sameDomain} AND NOT (z.a_is_role OR z.b_is_role) AND NOT ${sameName})` +
        ` OR (NOT ${sameDomain} AND z.a_spells_name AND z.b_spells_name AND NOT ${sameName})`
      : ''
    apart.push(
      `(z.a_work_email IS NOT NULL AND z.b_work_email IS NOT NULL AND z.a_work_email <> z.b_work_email AND (` +
        `(${sameDomain} AND z.a_local_base = z.b_local_base)${spelled}))`,
    )
    if (region !== undefined) {
      for (const p of PHONE_FIELDS.keys()) {
        apart.push(`(z.a_phone_${region}_${p} IS NOT NULL AND z.b_phone_${region}_${p} IS NOT NULL AND z.a_phone_${region}_${p} <> z.b_phone_${region}_${p})`)
      }
    }
  }
  const verdict = apart.length === 0 ? namesSimilar : `${namesSimilar} AND NOT (${apart.join(' OR ')})`
  const noGivenName = o.allowMissingGivenName ? 'FALSE' : `z.shape = 'missing'`
  let outcome: string
  let score: string
  if (isCompany) {
    outcome = `CASE WHEN NOT z.gate THEN FALSE WHEN ${noGivenName} THEN NULL ELSE ${verdict} END`
    score = `CASE WHEN NOT z.gate THEN z.company_sim / 2 ELSE (${namesScore} + z.company_sim) / 2 END`
  } else if (isDomain) {
    outcome = `CASE WHEN z.a_company_domain <> z.b_company_domain THEN FALSE WHEN z.a_surname IS NULL OR z.b_surname IS NULL OR ${noGivenName} THEN NULL ELSE ${verdict} END`
    score = `CASE WHEN z.a_company_domain <> z.b_company_domain THEN CAST(0 AS ${d.double}) ELSE (${namesScore} + 1) / 2 END`
  } else {
    outcome = `CASE WHEN ${noGivenName} THEN NULL ELSE ${verdict} END`
    score = namesScore
  }
  return `SELECT z.*, ${outcome} AS outcome, ${score} AS score FROM (${fence(d, stage7)}) AS z`
}

/**
 * The comparisons behind each match of `decisions` (a table of {@link fuzzyDecisionSql} rows), as the comparator
 * explains a match: the name parts (the surname alone when a given name is missing; both straight; both swapped),
 * then the company or the company domain.
 */
export function fuzzyComparisonsSql(d: Dialect, index: number, comparator: string, decisions: string): string[] {
  const part = (position: number, field: string, base: string, matching: string, method: string, similarity: string, shapes: string): string =>
    `SELECT ${index} AS rule_index, base_id, matching_id, ${position} AS position, ${d.literal(field)} AS field,\n` +
    `  ${base} AS base_value, ${matching} AS matching_value, ${method} AS method, ${similarity} AS similarity\n` +
    `FROM ${decisions} WHERE outcome AND shape IN (${shapes})`
  const parts = [
    part(0, 'lastName', 'a_surname_raw', 'b_surname_raw', 'last_method', 'last_sim', "'missing'"),
    part(0, 'firstName', 'a_given_raw', 'b_given_raw', 'first_method', 'first_sim', "'straight'"),
    part(1, 'lastName', 'a_surname_raw', 'b_surname_raw', 'last_method', 'last_sim', "'straight'"),
    part(0, 'firstName/lastName', 'a_given_raw', 'b_surname_raw', "'swapped'", 'ab_sim', "'swapped'"),
    part(1, 'lastName/firstName', 'a_surname_raw', 'b_given_raw', "'swapped'", 'ba_sim', "'swapped'"),
  ]
  const next = "CASE WHEN shape = 'missing' THEN 1 ELSE 2 END"
  if (comparator === 'lead-name-and-company') {
    parts.push(
      `SELECT ${index} AS rule_index, base_id, matching_id, ${next} AS position, 'companyName' AS field,\n` +
        `  a_company_raw AS base_value, b_company_raw AS matching_value, company_method AS method, company_sim AS similarity\n` +
        `FROM ${decisions} WHERE outcome`,
    )
  } else if (comparator === 'lead-name-and-email-domain') {
    parts.push(
      `SELECT ${index} AS rule_index, base_id, matching_id, ${next} AS position,\n` +
        `  CASE WHEN a_domain IS NOT NULL AND b_domain IS NOT NULL THEN 'email' ELSE 'email/website' END AS field,\n` +
        `  a_company_domain AS base_value, b_company_domain AS matching_value, 'domain' AS method, CAST(1 AS ${d.double}) AS similarity\n` +
        `FROM ${decisions} WHERE outcome`,
    )
  }
  return parts
}

/** Whether the record `alias` counts as active for a rule on `entity`, as isInactiveRecord says. */
function activeSql(d: Dialect, entity: DuplicateEntity, alias: string): string {
  const open = entity === 'lead' || entity === 'opportunity' ? 'open' : 'active'
  return `(${alias}.state IS NULL OR ${alias}.state = ${d.literal(open)})`
}
