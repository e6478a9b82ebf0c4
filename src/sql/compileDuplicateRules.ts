import { fieldLabel } from '../duplicates/internal/ruleKinds/shared.js'
import { isParsedRule } from '../duplicates/internal/parsedRule.js'
import { parseDuplicateRules } from '../duplicates/parseDuplicateRule.js'
import type {
  AnyDuplicateRule,
  DuplicateEntity,
  DuplicateRule,
  DuplicateRuleCondition,
  FuzzyDuplicateRule,
  KeyedDuplicateRule,
  RuleOptions,
} from '../duplicates/types.js'
import { LeadkitError, type Issue } from '../errors.js'
import { asLeadkitError } from '../internal/validate.js'
import { DIALECTS, type Dialect } from './internal/dialect.js'
import { blockingKeysSql } from './internal/blockingKeysSql.js'
import { blockPairsSql, blockRanksSql } from './internal/nameOrderSql.js'
import { readBlockLimits, type BlockLimits } from '../duplicates/internal/blockLimits.js'
import { foldSql } from './internal/foldSql.js'
import {
  FUZZY_FIELDS,
  fuzzyComparisonsSql,
  fuzzyDecisionSql,
  nameLookupStatements,
  PHONE_FIELDS,
  preparedLeadsSql,
  similarityMemoSql,
  SQL_COMPARATORS,
  type FuzzySqlContext,
  type SimilarityMemo,
} from './internal/fuzzyRuleSql.js'
import { nicknameTableSql } from './internal/nicknameSql.js'
import {
  companySimilarityFunctions,
  duckdbJaroWinklerMacro,
  postgresJaroWinklerFunction,
  sparkJaroWinkler,
} from './internal/similaritySql.js'
import { normalizerSql } from './internal/normalizerSql.js'
import { postgresPhoneticFunction } from './internal/phoneticSql.js'
import { jsLower, nonBlank, postgresLowerFunction } from './internal/textSql.js'
import type {
  CompileDuplicateRulesOptions,
  CompiledDuplicateSql,
  DuplicateSqlTables,
  SqlCompileIssue,
  SqlDialect,
} from './types.js'

const PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/

/** A rule the compiler accepted, with what its SQL needs. */
interface RulePlan {
  readonly index: number
  readonly rule: DuplicateRule | KeyedDuplicateRule | FuzzyDuplicateRule
  /** The SQL of its codes, one query per side and field (keyed) or per side (matchcode); none for a fuzzy rule. */
  readonly keys: readonly string[]
}

/** The similarities the comparators call, on two expressions. */
type FuzzyFunctions = Pick<FuzzySqlContext, 'jaroWinkler' | 'tokens' | 'distance'>

/** A comparator to run in SQL: a fuzzy rule's, or the confirm of a keyed rule. */
interface ComparatorPlan {
  readonly index: number
  readonly comparator: string
  readonly options: RuleOptions
  /** Whether it decides a fuzzy rule, or confirms a keyed rule's pairs. */
  readonly role: 'rule' | 'confirm'
  /** The fuzzy rule's entity when it skips inactive candidates. */
  readonly onlyActive: { readonly entity: DuplicateEntity } | undefined
}

/** The nickname options of a comparator, when they are not the built-in table alone. */
function ownNicknames(options: RuleOptions): { nicknames?: readonly (readonly string[])[]; replaceBuiltInNicknames: boolean } | undefined {
  const replace = options.replaceBuiltInNicknames === true
  if (options.nicknames === undefined && !replace) return undefined
  return { ...(options.nicknames === undefined ? {} : { nicknames: options.nicknames as readonly (readonly string[])[] }), replaceBuiltInNicknames: replace }
}

/** Why a comparator does not compile in this dialect, or undefined when it does. */
function comparatorIssue(d: Dialect, comparator: string): string | undefined {
  if (!SQL_COMPARATORS.has(comparator)) {
    return comparator === 'scored'
      ? 'the scored comparator (weighted field comparisons with learned m/u weights) is not compiled to SQL; run it with the JS engine'
      : `the comparator "${comparator}" is registered in JavaScript; SQL cannot call it`
  }
  if (d.name === 'spark' && comparator === 'lead-name-and-company') {
    // Spark SQL cannot define functions, so the company's token-set similarity would be Jaro-Winkler inline in a
    // lambda per word pair: an expression too deep for the Spark grammar check to finish on, so never checked.
    return 'the lead-name-and-company comparator\'s company similarity (token sets of Jaro-Winkler) is not compiled to ' +
      'Spark SQL, which cannot define functions; run the rule on DuckDB or PostgreSQL, or with the JS engine'
  }
  return undefined
}

const PHONE_CONFLICT_WARNING =
  'separateByPhone reads the phone numbers with the phone normaliser, which compiles only normalizePhone\'s fast path ' +
  '(see the phone normaliser\'s warning): a number spelled otherwise gets no code in SQL and so tells no namesakes ' +
  'apart, so SQL can find a pair the JS engine refuses (two people at one company with numbers in other spellings), ' +
  'never miss one'

/**
 * Compiles duplicate-detection rules into SQL that finds the duplicates inside the database that holds the records:
 * the normalised fields, the codes each rule blocks on (matchcodes, normalised emails, websites, texts), the pairs
 * each rule matches with the comparisons behind them (as `findDuplicates` explains a match), the pairs of
 * duplicates, and the duplicate groups (connected components of the pairs, by iterative label propagation, as
 * Splink clusters). The SQL returns the same pairs, rules, scores and explanations as the JS engine.
 *
 * Matchcode rules compile with the operators `exact`, `same-first-characters`, `same-last-characters` and
 * `picklist-exact`; keyed rules with the `email`, `website`, `text`, `company-name` and `person-name` normalisers
 * and `maxSharedBy` (the name normalisers' Unicode folding is the script's own macro or function, written from a
 * table of what foldText does to each character, so no engine's Unicode tables are read). Fuzzy rules with the
 * `lead-name`, `lead-name-and-company` and `lead-name-and-email-domain` comparators, with every option, and a keyed
 * rule's `confirm` with one of them, compile for DuckDB and PostgreSQL: the script installs its own Jaro-Winkler,
 * token-set and Levenshtein functions, equal to JS to the bit (on Spark SQL, which cannot define functions,
 * Jaro-Winkler is written inline and all but `lead-name-and-company` compile), and compares every pair of records that share a fuzzy
 * blocking key (`duplicateBlockingKeys` with the built-in nicknames) or a code of another rule. Unlike the duplicate
 * index it never bounds a block (`maxBlockSize`), so it can find pairs the index's neighbourhood search skips.
 * The `phone` normaliser compiles as normalizePhone's fast path only (`+` and 8–15 digits; `00` and 8–15 digits
 * without a default region; 10 or 11 national digits with a North American one): other spellings would need
 * libphonenumber-js and get no code, so SQL can miss pairs the JS engine finds, never add one; such rules, and name
 * rules with `separateByPhone` (an unread number tells no namesakes apart, so SQL can keep a pair JS refuses), are
 * listed in the result's `warnings`. What SQL cannot express — the `scored` comparator, `lead-name-and-company` on Spark
 * SQL (its token-set similarity would be too deep an inline expression), the date operators, a
 * normaliser or comparator registered in JS — is reported with the rule and the field: a `LeadkitError` (code
 * `invalid_rule`) listing each, or with `onUnsupported: 'skip'`, the result's `unsupported`. Unpublished rules do not
 * run, as in the JS engine.
 *
 * @param rules - parsed rules, or rule JSON (parsed here with `parseDuplicateRules`)
 * @param options - the dialect, the table and its columns (see {@link CompileDuplicateRulesOptions})
 * @returns the statements to run in order, the clustering loop and the names of the tables made
 * @example
 * const compiled = compileDuplicateRules(
 *   [{ kind: 'matchcode', name: 'Same surname and postcode', baseEntity: 'lead', conditions: [
 *     { baseField: 'lastName', operator: 'exact' }, { baseField: 'address.postalCode', operator: 'exact' }] }],
 *   { dialect: 'duckdb', table: 'leads', columns: { 'address.postalCode': 'postcode' } },
 * )
 * compiled.tables.pairs //=> '"leadkit_pairs"'
 */
export function compileDuplicateRules(
  rules: readonly AnyDuplicateRule[] | unknown,
  options: CompileDuplicateRulesOptions,
): CompiledDuplicateSql {
  try {
    return compileDuplicateRulesUnguarded(rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function compileDuplicateRulesUnguarded(
  rules: readonly AnyDuplicateRule[] | unknown,
  options: CompileDuplicateRulesOptions,
): CompiledDuplicateSql {
  const base = readDialect(options)
  const prefix = readPrefix(options.prefix)
  // PostgreSQL lower-cases through the script's own function, which picks the collation the server has.
  const lowerFunction = base.name === 'postgres' ? base.ident(`${prefix}lower`) : undefined
  // foldText, which the person-name and company-name normalisers start with, as the script's own functions
  // (Spark has none: it is written inline there).
  const foldFunctions = base.name === 'spark' ? undefined : { plain: base.ident(`${prefix}fold`), ampersand: base.ident(`${prefix}fold_amp`) }
  // PostgreSQL: the Metaphone key of the name rules as the script's own function too (see plpgsqlFunction).
  const phoneticFunction = base.name === 'postgres' ? base.ident(`${prefix}metaphone`) : undefined
  const d: Dialect = {
    ...base,
    ...(lowerFunction === undefined ? {} : { lowerFunction }),
    ...(foldFunctions === undefined ? {} : { foldFunctions }),
    ...(phoneticFunction === undefined ? {} : { phoneticFunction }),
  }
  const tableName = readTable(d, options.table)
  const idColumn = readColumnName(options.idColumn ?? 'id', ['idColumn'])
  const columns = readColumns(options.columns)
  const onUnsupported = options.onUnsupported ?? 'error'
  const limits = readBlockLimits(options)
  if (onUnsupported !== 'error' && onUnsupported !== 'skip') {
    throw invalid(['onUnsupported'], `onUnsupported must be "error" or "skip" (got ${short(onUnsupported)})`)
  }
  const parsed = Array.isArray(rules) && rules.every(isParsedRule) ? (rules as readonly AnyDuplicateRule[]) : parseDuplicateRules(rules)
  const name = (table: string): string => d.ident(`${prefix}${table}`)
  const tables: DuplicateSqlTables = {
    records: name('records'),
    keys: name('keys'),
    rulePairs: name('rule_pairs'),
    comparisons: name('comparisons'),
    pairs: name('pairs'),
    labels: name('labels'),
    clusters: name('clusters'),
  }

  // The fields the rules read, each once, as columns f0, f1, … of the records table.
  const fields = new Map<string, string>()
  const fieldColumn = (path: string): string => {
    let column = fields.get(path)
    if (column === undefined) {
      column = `f${fields.size}`
      fields.set(path, column)
    }
    return column
  }
  const unsupported: SqlCompileIssue[] = []
  const warnings: SqlCompileIssue[] = []
  const functions: string[] = lowerFunction === undefined ? [] : [postgresLowerFunction(d, lowerFunction)]
  const functionNames = new Map<string, string>()
  const plans: RulePlan[] = []
  const comparators: ComparatorPlan[] = []
  let foldsText = false
  parsed.forEach((rule, index) => {
    if (!rule.published) return
    const issues: SqlCompileIssue[] = []
    const report = (path: readonly (string | number)[], message: string): void => {
      issues.push({ rule: rule.name, path: [index, ...path], message })
    }
    if (rule.kind === 'fuzzy') {
      const issue = comparatorIssue(d, rule.comparator)
      if (issue !== undefined) report(['comparator'], issue)
      else {
        const options = rule.options ?? {}
        if (options.separateByPhone === true) warnings.push({ rule: rule.name, path: [index, 'options', 'separateByPhone'], message: PHONE_CONFLICT_WARNING })
        comparators.push({
          index,
          comparator: rule.comparator,
          options,
          role: 'rule',
          onlyActive: rule.excludeInactiveMatchingRecords ? { entity: rule.matchingEntity } : undefined,
        })
        plans.push({ index, rule, keys: [] })
      }
    } else if (rule.kind === 'keyed') {
      const normalizer = normalizerSql(rule.normalizer, rule.normalizerOptions ?? {})
      if ('reason' in normalizer) report(['normalizer'], normalizer.reason)
      const confirmIssue = rule.confirm === undefined ? undefined : comparatorIssue(d, rule.confirm.comparator)
      if (confirmIssue !== undefined) report(['confirm', 'comparator'], `the confirm comparator: ${confirmIssue}`)
      if (issues.length === 0 && 'sql' in normalizer) {
        if (rule.normalizer === 'company-name' || rule.normalizer === 'person-name') foldsText = true
        if (normalizer.warning !== undefined) warnings.push({ rule: rule.name, path: [index, 'normalizer'], message: normalizer.warning })
        const key = JSON.stringify([rule.normalizer, rule.normalizerOptions ?? {}])
        let call = functionNames.get(key)
        if (call === undefined) {
          const fn = `${prefix}normalize_${functionNames.size}`
          call = fn
          functionNames.set(key, fn)
          const body = normalizer.finish(d, d.ident('v'))
          if (d.name === 'duckdb') functions.push(`CREATE OR REPLACE MACRO ${d.ident(fn)}(${d.ident('v')}) AS ${body}`)
          else if (d.name === 'postgres') {
            functions.push(
              `CREATE OR REPLACE FUNCTION ${d.ident(fn)}(${d.ident('v')} TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS ${d.literal(`SELECT ${body}`)}`,
            )
          }
        }
        // The normaliser reads the field's trimmed or lower-cased text, which the records table holds.
        const apply = (column: string): string => {
          const text = `${{ raw: 'f', trimmed: 't', lowered: 'l' }[normalizer.input]}${column.slice(1)}`
          return d.name === 'spark' ? normalizer.finish(d, text) : `${d.ident(call as string)}(${text})`
        }
        plans.push({ index, rule, keys: keyedKeys(d, index, rule, tables.records, fieldColumn, apply) })
        if (rule.confirm !== undefined) {
          const options = rule.confirm.options ?? {}
          if (options.separateByPhone === true) warnings.push({ rule: rule.name, path: [index, 'confirm', 'options', 'separateByPhone'], message: PHONE_CONFLICT_WARNING })
          comparators.push({ index, comparator: rule.confirm.comparator, options, role: 'confirm', onlyActive: undefined })
        }
      }
    } else {
      rule.conditions.forEach((condition, c) => {
        if (condition.operator === 'same-date' || condition.operator === 'same-date-time') {
          report(['conditions', c, 'operator'], `the ${condition.operator} operator (field ${condition.baseField}) reads ISO instants in UTC, which is not compiled to SQL`)
        }
      })
      if (issues.length === 0) plans.push({ index, rule, keys: matchcodeKeys(d, index, rule, tables.records, fieldColumn) })
    }
    unsupported.push(...issues)
  })
  if (unsupported.length > 0 && onUnsupported === 'error') {
    throw new LeadkitError(
      unsupported.map((issue): Issue => ({
        code: 'invalid_rule',
        path: ['rules', ...issue.path],
        message: `rule "${issue.rule}": ${issue.message} (or compile with onUnsupported: 'skip' to leave it out)`,
      })),
    )
  }

  // The comparators' fields, the phone regions separateByPhone reads, and the functions they call.
  const regions: (string | undefined)[] = []
  const fuzzyNames = {
    jaroWinkler: d.ident(`${prefix}jaro_winkler`),
    tokens: d.ident(`${prefix}token_set`),
    distance: d.ident(`${prefix}levenshtein`),
  }
  // Spark SQL cannot define functions: there Jaro-Winkler is written inline (and the company comparator, which would
  // need the rest, is reported).
  const call = (fn: string) => (a: string, b: string): string => `${fn}(${a}, ${b})`
  const fuzzy: FuzzyFunctions = {
    jaroWinkler: d.name === 'spark' ? sparkJaroWinkler : call(fuzzyNames.jaroWinkler),
    tokens: call(fuzzyNames.tokens),
    distance: call(fuzzyNames.distance),
  }
  if (comparators.length > 0) {
    foldsText = true
    for (const field of FUZZY_FIELDS) fieldColumn(field)
    for (const { options } of comparators) {
      if (options.separateByPhone !== true) continue
      for (const field of PHONE_FIELDS) fieldColumn(field)
      const region = typeof options.phoneRegion === 'string' ? options.phoneRegion : undefined
      if (!regions.includes(region)) regions.push(region)
    }
  }
  if (foldsText && foldFunctions !== undefined) functions.splice(functions.length - functionNames.size, 0, ...foldFunctionStatements(d, foldFunctions))
  if (comparators.length > 0 && d.name !== 'spark') {
    functions.push(d.name === 'duckdb' ? duckdbJaroWinklerMacro(fuzzyNames.jaroWinkler) : postgresJaroWinklerFunction(d, fuzzyNames.jaroWinkler))
    if (phoneticFunction !== undefined) functions.push(postgresPhoneticFunction(d, phoneticFunction))
    if (comparators.some(({ comparator }) => comparator === 'lead-name-and-company')) functions.push(...companySimilarityFunctions(d, fuzzyNames))
  }
  const usedColumns: string[] = []
  const columnOf = (path: string): string => {
    const column = columns[path] ?? (path.includes('.') ? undefined : path)
    if (column === undefined) {
      throw invalid(['columns', path], `the rules read the field ${path}: name its column in columns (e.g. { '${path}': 'column_name' })`)
    }
    usedColumns.push(column)
    return `${d.ident('src')}.${d.ident(column)}`
  }
  const stateColumn = columns.state === undefined ? `CAST(NULL AS ${d.text})` : `CAST(${d.ident('src')}.${d.ident(columns.state)} AS ${d.text})`
  const recordColumns = [...fields].map(([path, column]) => `CAST(${columnOf(path)} AS ${d.text}) AS ${column}`)
  const sourceColumns = [...new Set([idColumn, ...(columns.state === undefined ? [] : [columns.state]), ...usedColumns])]
  const id = `${d.ident('src')}.${d.ident(idColumn)}`
  const statements: string[] = [...functions]
  // Each field as text (f), trimmed (t: NULL when blank) and trimmed and lower-cased (l), once per record: the
  // codes of every rule read these, so the per-row text work is done once per field.
  const raw = `SELECT CAST(${id} AS ${d.text}) AS id, ${stateColumn} AS state${recordColumns.map((c) => `, ${c}`).join('')}\n` +
    `FROM ${tableName} AS ${d.ident('src')} WHERE ${id} IS NOT NULL`
  const ks = [...fields.values()].map((column) => column.slice(1))
  const trimmed = `SELECT id, state${ks.map((k) => `, f${k}, ${nonBlank(d, `f${k}`)} AS t${k}`).join('')} FROM (${raw}) AS r`
  const lowered = `SELECT id, state${ks.map((k) => `, f${k}, t${k}, ${jsLower(d, `t${k}`)} AS l${k}`).join('')} FROM (${trimmed}) AS t`
  statements.push(...d.createTable(tables.records, lowered))
  statements.push(...d.createTable(name('rules'), rulesQuery(d, plans)))
  const noKeys = `SELECT CAST(NULL AS INT) AS rule_index, CAST(NULL AS ${d.text}) AS side, CAST(NULL AS ${d.text}) AS id, ` +
    `CAST(NULL AS INT) AS position, CAST(NULL AS ${d.text}) AS field, CAST(NULL AS ${d.text}) AS value, ` +
    `CAST(NULL AS ${d.text}) AS code, FALSE AS active`
  const keyQueries = plans.flatMap((plan) => plan.keys)
  statements.push(
    ...d.createTable(
      tables.keys,
      `SELECT * FROM (\n${keyQueries.length === 0 ? noKeys : keyQueries.join('\nUNION ALL\n')}\n) AS k WHERE code IS NOT NULL`,
    ),
  )
  const refuted = name('refuted')
  const decisions = new Map<number, string>()
  if (comparators.length > 0) statements.push(...comparatorStatements(d, comparators, { tables, name, fieldColumn, regions, fuzzy, refuted, rules: name('rules'), decisions, limits }))
  statements.push(...d.createTable(tables.rulePairs, rulePairsQuery(d, tables, name('rules'), comparators.some((c) => c.role === 'confirm') ? refuted : undefined, decisions)))
  statements.push(...d.createTable(tables.comparisons, comparisonsQuery(d, plans, tables, name('rules'), fieldColumn, decisions)))
  statements.push(
    ...d.createTable(
      tables.pairs,
      `SELECT p.id_l, p.id_r, r.rule, p.rule_index, p.score, p.rule_count FROM (\n` +
        `  SELECT id_l, id_r, min(rule_index) AS rule_index, max(score) AS score, count(DISTINCT rule_index) AS rule_count\n` +
        `  FROM (SELECT least(base_id, matching_id) AS id_l, greatest(base_id, matching_id) AS id_r, rule_index, score\n` +
        `        FROM ${tables.rulePairs}) AS u\n` +
        `  GROUP BY id_l, id_r\n) AS p JOIN ${name('rules')} AS r ON r.rule_index = p.rule_index`,
    ),
  )

  const edges = name('edges')
  const next = name('labels_next')
  const clustering = {
    init: [
      ...d.createTable(edges, `SELECT id_l AS a, id_r AS b FROM ${tables.pairs}\nUNION ALL\nSELECT id_r AS a, id_l AS b FROM ${tables.pairs}`),
      ...d.createTable(tables.labels, `SELECT DISTINCT a AS id, a AS label FROM ${edges}`),
    ],
    // Each record takes the smallest label among its own, its neighbours' and its label's label (a jump that
    // shortens long chains), until no label changes.
    step: d.createTable(
      next,
      `SELECT l.id, least(l.label, coalesce(m.label, l.label), coalesce(j.label, l.label)) AS label\n` +
        `FROM ${tables.labels} AS l\n` +
        `LEFT JOIN (SELECT e.a AS id, min(n.label) AS label FROM ${edges} AS e JOIN ${tables.labels} AS n ON n.id = e.b GROUP BY e.a) AS m\n` +
        `  ON m.id = l.id\n` +
        `LEFT JOIN ${tables.labels} AS j ON j.id = l.label`,
    ),
    changed: `SELECT count(*) AS changed FROM ${tables.labels} AS l JOIN ${next} AS n ON n.id = l.id WHERE n.label <> l.label`,
    advance: [`DROP TABLE ${tables.labels}`, `ALTER TABLE ${next} RENAME TO ${tables.labels}`],
    finish: d.createTable(tables.clusters, `SELECT id, label AS cluster_id FROM ${tables.labels}`),
  }
  return deepFrozen({
    dialect: d.name,
    statements,
    clustering,
    tables,
    sourceColumns,
    rules: plans.map((plan) => ({ index: plan.index, name: plan.rule.name, kind: plan.rule.kind })),
    unsupported,
    warnings,
  })
}

/**
 * The tables the comparators read and write: the prepared leads, the fuzzy blocking keys of each record (as the
 * duplicate index files them, with the built-in nickname table and a company prefix of 8) and the pairs that share
 * one, each comparator's nickname table, each fuzzy rule's matches (`decisions`, by rule index), and the keyed
 * pairs a confirm comparator refutes (`refuted`).
 */
function comparatorStatements(
  d: Dialect,
  comparators: readonly ComparatorPlan[],
  c: {
    readonly tables: DuplicateSqlTables
    readonly name: (table: string) => string
    readonly fieldColumn: (path: string) => string
    readonly regions: readonly (string | undefined)[]
    readonly fuzzy: FuzzyFunctions
    readonly refuted: string
    readonly rules: string
    readonly decisions: Map<number, string>
    readonly limits: BlockLimits
  },
): string[] {
  const statements: string[] = []
  const builtIn = c.name('nicknames')
  statements.push(...nicknameTableSql(d, builtIn, undefined))
  const leads = c.name('leads')
  const lookups = { names: c.name('names'), companies: c.name('companies') }
  statements.push(...nameLookupStatements(d, c.tables.records, c.fieldColumn, lookups))
  statements.push(...d.createTable(leads, preparedLeadsSql(d, c.tables.records, c.fieldColumn, c.regions, lookups)))
  const blocks = c.name('blocks')
  const ranks = c.name('block_ranks')
  const candidates = c.name('candidates')
  const refutes: string[] = []
  const needsCompanies = comparators.some((plan) => plan.role === 'rule' && plan.comparator === 'lead-name-and-company')
  let memo: SimilarityMemo | undefined
  for (const plan of comparators) {
    const own = ownNicknames(plan.options)
    let nicknames = builtIn
    if (own !== undefined) {
      nicknames = c.name(`nicknames_${plan.index}`)
      statements.push(...nicknameTableSql(d, nicknames, own))
    }
    const context = { leads, ...c.fuzzy, nicknames, region: (region: string | undefined) => c.regions.indexOf(region) }
    if (plan.role === 'rule') {
      if (c.decisions.size === 0) {
        statements.push(...d.createTable(blocks, blockingKeysSql(d, leads, builtIn)))
        statements.push(...d.createTable(ranks, blockRanksSql(d, blocks, leads, builtIn, c.limits.maxBlockSize)))
        // The pairs the duplicate index compares under a blocking key (all of a block, or the neighbours in an
        // oversized one), and, as the index also runs the fuzzy rules on the records it finds under an exact code,
        // the pairs that share a code of another rule (one carried by at most its rule's maxSharedBy records).
        const near = blockPairsSql(ranks, c.limits.maxBlockSize, c.limits.neighbourhood)
        statements.push(
          ...d.createTable(
            candidates,
            `WITH ${near.with}, few_codes AS (\n` +
              `  SELECT k.rule_index, k.code, k.id FROM ${c.tables.keys} AS k JOIN ${c.rules} AS r ON r.rule_index = k.rule_index\n` +
              `  LEFT JOIN (SELECT rule_index, code, count(DISTINCT id) AS n FROM ${c.tables.keys} GROUP BY rule_index, code) AS f\n` +
              `    ON f.rule_index = k.rule_index AND f.code = k.code\n` +
              `  WHERE r.max_shared_by IS NULL OR f.n <= r.max_shared_by\n` +
              `)\n` +
              `${near.select}\n` +
              `UNION\n` +
              `SELECT a.id AS base_id, b.id AS matching_id FROM few_codes AS a\n` +
              `  JOIN few_codes AS b ON b.rule_index = a.rule_index AND b.code = a.code AND b.id <> a.id`,
          ),
        )
      }
      if (memo === undefined) {
        // Similarities once per distinct pair of names and of companies among the candidates.
        memo = {
          names: c.name('name_similarities'),
          nicknamePairs: c.name('nickname_pairs'),
          nicknames: builtIn,
          ...(needsCompanies ? { companies: c.name('company_similarities') } : {}),
        }
        statements.push(...similarityMemoSql(d, leads, candidates, memo, c.fuzzy))
      }
      const table = c.name(`fuzzy_${plan.index}`)
      const decision = fuzzyDecisionSql(d, plan.comparator, plan.options, `SELECT base_id, matching_id FROM ${candidates}`, { ...context, memo }, plan.onlyActive)
      statements.push(...d.createTable(table, `SELECT * FROM (${decision}) AS f WHERE f.outcome`))
      c.decisions.set(plan.index, table)
    } else {
      // A keyed rule's pairs that its confirm refutes: the pairs that share a code carried by at most maxSharedBy
      // records (the others are no pairs of the rule), so a switchboard number on thousands of leads is not
      // compared pair by pair.
      const codes = `SELECT * FROM (${keysWithinSharedBySql(c.tables.keys, c.rules)}) AS w WHERE w.rule_index = ${plan.index}`
      const shared = `SELECT DISTINCT b.id AS base_id, m.id AS matching_id FROM (${codes}) AS b\n` +
        `  JOIN (${codes}) AS m ON m.code = b.code AND m.id <> b.id\n` +
        `  WHERE b.side <> 'matching' AND m.side <> 'base'`
      const decision = fuzzyDecisionSql(d, plan.comparator, plan.options, shared, context, undefined)
      refutes.push(`SELECT ${plan.index} AS rule_index, f.base_id, f.matching_id FROM (${decision}) AS f WHERE NOT f.outcome`)
    }
  }
  if (refutes.length > 0) statements.push(...d.createTable(c.refuted, refutes.join('\nUNION ALL\n')))
  return statements
}

/** The statements that install foldText without and with `&` kept (DuckDB macros, PostgreSQL PL/pgSQL functions). */
function foldFunctionStatements(d: Dialect, names: { readonly plain: string; readonly ampersand: string }): string[] {
  const v = d.ident('v')
  return ([[names.plain, false], [names.ampersand, true]] as const).map(([name, keepAmpersand]) => {
    const body = foldSql(d, v, keepAmpersand)
    return d.name === 'duckdb' ? `CREATE OR REPLACE MACRO ${name}(${v}) AS ${body}` : plpgsqlFunction(d, name, body)
  })
}

/**
 * A PostgreSQL function `name(v TEXT) RETURNS TEXT` of one expression, in PL/pgSQL so that PostgreSQL never inlines
 * it. Inlined, the fold (some 700 nested `replace` calls) and the Metaphone key (which reads its word some 150
 * times) were copied into every place a later stage reads a column made from them: on PostgreSQL 15 planning the
 * prepared leads took over a minute for 30 rows and the JIT compiler ran for more than 20 minutes at 10 GB on 3,000.
 */
function plpgsqlFunction(d: Dialect, name: string, body: string): string {
  return `CREATE OR REPLACE FUNCTION ${name}(${d.ident('v')} TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS ${d.literal(`BEGIN RETURN ${body}; END`)}`
}

/** The codes of a keyed rule: one query per side (one for both when the sides read the same fields) and field. */
function keyedKeys(
  d: Dialect,
  index: number,
  rule: KeyedDuplicateRule,
  from: string,
  fieldColumn: (path: string) => string,
  apply: (column: string) => string,
): string[] {
  const symmetric = rule.baseFields.length === rule.matchingFields.length && rule.baseFields.every((f, i) => rule.matchingFields[i] === f)
  const sides: [string, readonly string[]][] = symmetric
    ? [['both', rule.baseFields]]
    : [['base', rule.baseFields], ['matching', rule.matchingFields]]
  const active = activeSql(d, rule.excludeInactiveMatchingRecords, rule.matchingEntity)
  return sides.flatMap(([side, paths]) =>
    paths.map((path, position) => {
      const column = fieldColumn(path)
      return (
        `SELECT ${index} AS rule_index, ${d.literal(side)} AS side, id, ${position} AS position, ${d.literal(path)} AS field, ` +
        `${column} AS value, ${apply(column)} AS code, ${active} AS active FROM ${from} WHERE ${column} <> ''`
      )
    }),
  )
}

/** The codes of a matchcode rule: the conditions' codes joined, as `matchcode` computes them. */
function matchcodeKeys(d: Dialect, index: number, rule: DuplicateRule, from: string, fieldColumn: (path: string) => string): string[] {
  const symmetric = rule.conditions.every((c) => c.baseField === c.matchingField)
  const sides: ('both' | 'base' | 'matching')[] = symmetric ? ['both'] : ['base', 'matching']
  const active = activeSql(d, rule.excludeInactiveMatchingRecords, rule.matchingEntity)
  const first = rule.conditions[0] as DuplicateRuleCondition
  return sides.map((side) => {
    const parts = rule.conditions.map((condition) => {
      const column = fieldColumn(side === 'matching' ? condition.matchingField : condition.baseField)
      return { condition, sql: conditionCode(condition, column.slice(1), rule.caseSensitive) }
    })
    let code: string
    if (parts.length === 1) code = (parts[0] as { sql: string }).sql
    else {
      // Length-prefixed, so that no two different value lists give the same code; a blank that does not ignore
      // blanks is an empty part, one that does makes the whole code NULL.
      code = parts
        .map(({ condition, sql }) => {
          const part = condition.ignoreBlankValues ? sql : `coalesce(${sql}, '')`
          return `CAST(${d.length(part)} AS ${d.text}) || ':' || ${part} || '|'`
        })
        .join(' || ')
    }
    const label = fieldLabel(first.baseField, first.matchingField)
    return (
      `SELECT ${index} AS rule_index, ${d.literal(side)} AS side, id, 0 AS position, ${d.literal(label)} AS field, ` +
      `CAST(NULL AS ${d.text}) AS value, ${code} AS code, ${active} AS active FROM ${from}`
    )
  })
}

/** The code of one condition of a matchcode rule, NULL for a blank value, from field `k`'s columns. */
function conditionCode(condition: DuplicateRuleCondition, k: string, caseSensitive: boolean): string {
  const folded = caseSensitive ? `t${k}` : `l${k}`
  switch (condition.operator) {
    case 'exact':
      return folded
    case 'same-first-characters':
      return `substr(${folded}, 1, ${condition.characters ?? 1})`
    case 'same-last-characters':
      return `right(${folded}, ${condition.characters ?? 1})`
    case 'picklist-exact':
      // Option keys are exact identifiers: the raw value, never trimmed or folded (a blank one is still blank).
      return `CASE WHEN t${k} IS NOT NULL THEN f${k} END`
    default:
      throw new Error(`unreachable: ${condition.operator}`)
  }
}

/** Whether a record counts as active for a rule, as isInactiveRecord says. */
function activeSql(d: Dialect, excludeInactive: boolean, entity: DuplicateEntity): string {
  if (!excludeInactive) return 'TRUE'
  const open = entity === 'lead' || entity === 'opportunity' ? 'open' : 'active'
  return `(state IS NULL OR state = ${d.literal(open)})`
}

function rulesQuery(d: Dialect, plans: readonly RulePlan[]): string {
  const rows = plans.map(({ index, rule }) => {
    const method = rule.kind === 'keyed' ? rule.method : rule.kind === 'fuzzy' ? rule.comparator : 'matchcode'
    const max = rule.kind === 'keyed' && rule.maxSharedBy !== undefined ? String(rule.maxSharedBy) : 'NULL'
    return `(${index}, ${d.literal(rule.name)}, ${d.literal(rule.kind)}, ${d.literal(method)}, CAST(${max} AS BIGINT))`
  })
  if (rows.length === 0) {
    return `SELECT CAST(NULL AS INT) AS rule_index, CAST(NULL AS ${d.text}) AS rule, CAST(NULL AS ${d.text}) AS kind, ` +
      `CAST(NULL AS ${d.text}) AS method, CAST(NULL AS BIGINT) AS max_shared_by WHERE 1 = 0`
  }
  return `SELECT * FROM (VALUES\n  ${rows.join(',\n  ')}\n) AS r(rule_index, rule, kind, method, max_shared_by)`
}

/**
 * The rows of `keys` whose code is carried by at most its rule's maxSharedBy records on the matching side (every
 * row of a rule without one): the codes that make pairs. A code over the bound (a switchboard number, `info@`)
 * makes none, as in the JS engine.
 */
function keysWithinSharedBySql(keys: string, rules: string): string {
  return `SELECT k.* FROM ${keys} AS k JOIN ${rules} AS r ON r.rule_index = k.rule_index\n` +
    `  LEFT JOIN (SELECT rule_index, code, count(DISTINCT id) AS n FROM ${keys} WHERE side <> 'base' GROUP BY rule_index, code) AS f\n` +
    `    ON f.rule_index = k.rule_index AND f.code = k.code\n` +
    `  WHERE r.max_shared_by IS NULL OR f.n <= r.max_shared_by`
}

/**
 * Every (rule, record, candidate) that fires: the record's code equals a candidate's, the candidate is active,
 * and (with maxSharedBy) at most that many records carry the code. The comparison shown is the one findDuplicates
 * shows: the candidate's first field in the rule's order that carries the code, against the record's first.
 */
function rulePairsQuery(
  d: Dialect,
  tables: DuplicateSqlTables,
  rules: string,
  refuted: string | undefined,
  decisions: ReadonlyMap<number, string>,
): string {
  // A keyed rule with a confirm comparator: a pair its comparator refutes does not fire.
  const confirmed = refuted === undefined
    ? ''
    : `\n    AND NOT EXISTS (SELECT 1 FROM ${refuted} AS x WHERE x.rule_index = b.rule_index AND x.base_id = b.id AND x.matching_id = m.id)`
  const fuzzy = [...decisions].map(
    ([index, table]) =>
      `\nUNION ALL\nSELECT ${index} AS rule_index, r.rule, r.kind, f.base_id, f.matching_id, f.score,\n` +
      `  CAST(NULL AS ${d.text}) AS base_field, CAST(NULL AS ${d.text}) AS matching_field, CAST(NULL AS ${d.text}) AS base_value, CAST(NULL AS ${d.text}) AS matching_value\n` +
      `FROM ${table} AS f JOIN ${rules} AS r ON r.rule_index = ${index}`,
  )
  return (
    // The codes carried by at most maxSharedBy records, before the self-join: a switchboard number on thousands of
    // records is never joined with itself.
    `WITH few AS (\n` +
    `  ${keysWithinSharedBySql(tables.keys, rules)}\n` +
    `), matched AS (\n` +
    `  SELECT b.rule_index, b.id AS base_id, m.id AS matching_id, b.field AS base_field, m.field AS matching_field,\n` +
    `    b.value AS base_value, m.value AS matching_value,\n` +
    `    row_number() OVER (PARTITION BY b.rule_index, b.id, m.id ORDER BY m.position, b.position) AS nth\n` +
    `  FROM few AS b\n` +
    `  JOIN few AS m ON m.rule_index = b.rule_index AND m.code = b.code AND m.id <> b.id\n` +
    `  WHERE b.side <> 'matching' AND m.side <> 'base' AND m.active${confirmed}\n` +
    `)\n` +
    `SELECT p.rule_index, r.rule, r.kind, p.base_id, p.matching_id, CAST(1.0 AS ${d.double}) AS score,\n` +
    `  p.base_field, p.matching_field, p.base_value, p.matching_value\n` +
    `FROM matched AS p JOIN ${rules} AS r ON r.rule_index = p.rule_index WHERE p.nth = 1` +
    fuzzy.join('')
  )
}

/** The comparisons behind each fired rule: the keyed rule's field pair, or each condition of a matchcode rule. */
function comparisonsQuery(
  d: Dialect,
  plans: readonly RulePlan[],
  tables: DuplicateSqlTables,
  rules: string,
  fieldColumn: (path: string) => string,
  decisions: ReadonlyMap<number, string>,
): string {
  const parts = [
    `SELECT p.rule_index, p.base_id, p.matching_id, 0 AS position,\n` +
      `  CASE WHEN p.base_field = p.matching_field THEN p.base_field ELSE p.base_field || '/' || p.matching_field END AS field,\n` +
      `  p.base_value, p.matching_value, r.method, p.score AS similarity\n` +
      `FROM ${tables.rulePairs} AS p JOIN ${rules} AS r ON r.rule_index = p.rule_index WHERE r.kind = 'keyed'`,
  ]
  for (const { index, rule } of plans) {
    const decided = decisions.get(index)
    if (rule.kind === 'fuzzy' && decided !== undefined) parts.push(...fuzzyComparisonsSql(d, index, rule.comparator, decided))
    if (rule.kind !== 'matchcode') continue
    rule.conditions.forEach((condition, position) => {
      parts.push(
        `SELECT p.rule_index, p.base_id, p.matching_id, ${position} AS position, ${d.literal(fieldLabel(condition.baseField, condition.matchingField))} AS field,\n` +
          `  b.${fieldColumn(condition.baseField)} AS base_value, m.${fieldColumn(condition.matchingField)} AS matching_value,\n` +
          `  ${d.literal(condition.operator)} AS method, p.score AS similarity\n` +
          `FROM ${tables.rulePairs} AS p JOIN ${tables.records} AS b ON b.id = p.base_id JOIN ${tables.records} AS m ON m.id = p.matching_id\n` +
          `WHERE p.rule_index = ${index}`,
      )
    })
  }
  return parts.join('\nUNION ALL\n')
}

function readDialect(options: CompileDuplicateRulesOptions): Dialect {
  if (options === null || typeof options !== 'object') {
    throw new LeadkitError({ code: 'invalid_type', path: [], message: 'compileDuplicateRules needs options: { dialect, table }' })
  }
  const dialect = options.dialect as unknown
  if (typeof dialect !== 'string' || !Object.hasOwn(DIALECTS, dialect)) {
    throw invalid(['dialect'], `dialect must be one of ${Object.keys(DIALECTS).map((n) => `"${n}"`).join(', ')} (got ${short(dialect)})`)
  }
  return DIALECTS[dialect as SqlDialect]
}

function readPrefix(prefix: unknown): string {
  if (prefix === undefined) return 'leadkit_'
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw invalid(['prefix'], `prefix must be letters, digits and _ (at most 41, not starting with a digit), got ${short(prefix)}`)
  }
  return prefix
}

function readTable(d: Dialect, table: unknown): string {
  const parts = typeof table === 'string' ? [table] : table
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 3) {
    throw invalid(['table'], `table must be a table name or its parts, like 'leads' or ['crm', 'leads'] (got ${short(table)})`)
  }
  return parts.map((part: unknown, i) => d.ident(readColumnName(part, ['table', ...(typeof table === 'string' ? [] : [i])]))).join('.')
}

function readColumnName(name: unknown, path: readonly (string | number)[]): string {
  if (typeof name !== 'string' || name === '' || name.length > 128 || name.includes('\u0000')) {
    throw invalid(path, `${path.join('.')} must be a name of 1–128 characters without NUL (got ${short(name)})`)
  }
  return name
}

function readColumns(columns: unknown): Readonly<Record<string, string>> {
  if (columns === undefined) return {}
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) {
    throw new LeadkitError({ code: 'invalid_type', path: ['columns'], message: 'columns must map field paths to column names' })
  }
  const out: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [path, column] of Object.entries(columns)) out[path] = readColumnName(column, ['columns', path])
  return out
}

function invalid(path: readonly (string | number)[], message: string): LeadkitError {
  return new LeadkitError({ code: 'invalid_value', path, message })
}

function short(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}

function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner)
    Object.freeze(value)
  }
  return value
}
