/**
 * Types of the rule → SQL compiler.
 */
import type { IssuePath } from '../errors.js'

/**
 * The SQL dialects the compiler writes.
 *
 * @example
 * const dialect: SqlDialect = 'duckdb'
 */
export type SqlDialect = 'duckdb' | 'postgres' | 'spark'

/**
 * Options of {@link compileDuplicateRules}.
 *
 * @example
 * const options: CompileDuplicateRulesOptions = {
 *   dialect: 'postgres', table: ['crm', 'leads'], idColumn: 'leadid', columns: { email: 'emailaddress1', state: 'state' },
 * }
 */
export interface CompileDuplicateRulesOptions {
  readonly dialect: SqlDialect
  /** The table (or view) of records: a name, or its parts (`['crm', 'leads']` is `crm.leads`). */
  readonly table: string | readonly string[]
  /** The column of record ids. Default `id`. */
  readonly idColumn?: string
  /**
   * The column of each field a rule reads, by field path (`{ email: 'emailaddress1', 'address.city': 'city' }`). A
   * field without an entry is read from the column of its own name; a dotted path needs an entry. `state` names
   * the column that "exclude inactive matching records" reads; without it every record counts as active, as a
   * record without a `state` does in the JS engine.
   */
  readonly columns?: Readonly<Record<string, string>>
  /**
   * What the compiled tables' names start with, letters, digits and `_` only. Default `leadkit_`: the script makes
   * `leadkit_records`, `leadkit_keys`, `leadkit_rule_pairs`, `leadkit_comparisons`, `leadkit_pairs`,
   * `leadkit_labels` and `leadkit_clusters` (and functions with the same prefix in DuckDB and PostgreSQL); with fuzzy
   * rules or confirms also `leadkit_nicknames`, `leadkit_names`, `leadkit_companies`, `leadkit_leads`,
   * `leadkit_blocks`, `leadkit_block_ranks`, `leadkit_candidates`, `leadkit_name_similarities`,
   * `leadkit_company_similarities`, `leadkit_nickname_pairs`, `leadkit_fuzzy_N`, `leadkit_nicknames_N` and
   * `leadkit_refuted`.
   */
  readonly prefix?: string
  /**
   * What to do with a published rule (or a part of one) that SQL cannot express: `error` (the default) throws a
   * `LeadkitError` listing each one; `skip` leaves those rules out and lists them in the result's `unsupported`.
   */
  readonly onUnsupported?: 'error' | 'skip'
  /**
   * The largest fuzzy block (records sharing a name sound with a company or domain) whose records the name rules
   * compare all with one another, as the duplicate index's option of that name: in a larger block each record is
   * compared only with its `neighbourhood` nearest records on each side in two name orders, so the candidate pairs
   * stay at most four times `neighbourhood` per record and key whatever the data. An integer from 2 to 100,000;
   * default 32. The SQL compares the same pairs as an index with the same limits that filed the records in id order.
   */
  readonly maxBlockSize?: number
  /** Records compared on each side of a record, in each of two name orders, in an oversized fuzzy block. 1–1,000; default 8. */
  readonly neighbourhood?: number
}

/**
 * A rule, or a part of one, that the compiler could not express in SQL.
 *
 * @example
 * const issue: SqlCompileIssue = {
 *   rule: 'Leads with the same phone number', path: [1, 'normalizer'],
 *   message: 'the phone normaliser reads numbers with libphonenumber-js …',
 * }
 */
export interface SqlCompileIssue {
  /** The rule's name. */
  readonly rule: string
  /** Where in the rule list: the rule's position, then the field of the rule. */
  readonly path: IssuePath
  readonly message: string
}

/**
 * The tables a compiled script makes, as quoted SQL names.
 *
 * @example
 * compiled.tables.pairs //=> '"leadkit_pairs"'
 */
export interface DuplicateSqlTables {
  /** One row per record: `id`, `inactive` and the fields the rules read, as text. */
  readonly records: string
  /**
   * The codes (matchcodes and normalised values): `rule_index`, `side`, `id`, `position`, `field`, `value`, `code`.
   * Fuzzy rules have none: they compare the pairs that share a fuzzy blocking key (or a code here).
   */
  readonly keys: string
  /**
   * One row per rule that fired for a record (`base_id`) and a candidate (`matching_id`), as `findDuplicates` says
   * it: `rule_index`, `rule`, `kind`, `base_id`, `matching_id`, `score`.
   */
  readonly rulePairs: string
  /**
   * The comparisons behind each row of `rulePairs`, as the JS engine explains a match: `rule_index`, `base_id`,
   * `matching_id`, `position` (the condition's, in the rule's order), `field`, `base_value`, `matching_value`, `method`, `similarity`.
   */
  readonly comparisons: string
  /**
   * One row per pair of duplicates (`id_l < id_r`, matched in either direction): `rule` and `rule_index` of the
   * first rule in the rule list that fired, `score`, and `rule_count`, how many rules fired.
   */
  readonly pairs: string
  /** The clustering's working table: `id`, `label`. */
  readonly labels: string
  /** Duplicate groups: `id`, `cluster_id` (the smallest id of the group), for every record in a pair. */
  readonly clusters: string
}

/**
 * The SQL {@link compileDuplicateRules} writes, in the order it runs.
 *
 * @example
 * for (const sql of compiled.statements) await db.run(sql)
 * await runDuplicateSql(compiled, { run: (sql) => db.run(sql), count: async (sql) => Number(await one(sql)) })
 */
export interface CompiledDuplicateSql {
  readonly dialect: SqlDialect
  /** Functions, normalised records, codes, candidate and matched pairs with their comparisons: run in order. */
  readonly statements: readonly string[]
  /**
   * Connected components of the pairs by label propagation: run `init`; then repeat `step`, the query `changed`
   * (one row, one number: labels changed by this step) and `advance`, until `changed` says 0; then `finish`.
   * {@link runDuplicateSql} runs the loop on any engine.
   */
  readonly clustering: {
    readonly init: readonly string[]
    readonly step: readonly string[]
    readonly changed: string
    readonly advance: readonly string[]
    readonly finish: readonly string[]
  }
  readonly tables: DuplicateSqlTables
  /** The columns of the records' table the SQL reads: the id, the state (when mapped) and the rules' fields. */
  readonly sourceColumns: readonly string[]
  /** The rules compiled, by their position in the rule list. */
  readonly rules: readonly { readonly index: number; readonly name: string; readonly kind: 'matchcode' | 'keyed' | 'fuzzy' }[]
  /** Published rules left out because SQL cannot express them (only with `onUnsupported: 'skip'`). */
  readonly unsupported: readonly SqlCompileIssue[]
  /**
   * Rules compiled whose SQL gives no code for some values the JS engine reads: the `phone` normaliser, which
   * compiles normalizePhone's fast path only, so SQL can find fewer pairs (never other ones); and name rules with
   * `separateByPhone`, which read phones the same way, so SQL can keep a pair the JS engine refuses because of a
   * number only libphonenumber-js reads (see {@link compileDuplicateRules}).
   */
  readonly warnings: readonly SqlCompileIssue[]
}
