import type { CompileDuplicateRulesOptions, DuplicateSqlSummary, DuplicateSqlTables } from '../../sql/index.js'

/**
 * The part of a `@duckdb/node-api` connection the adapter uses: a `DuckDBConnection` is one. The adapter never
 * imports DuckDB itself; the host opens the database and passes the connection.
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api'
 * const connection: DuckdbConnectionLike = await (await DuckDBInstance.create(':memory:')).connect()
 */
export interface DuckdbConnectionLike {
  run(sql: string): Promise<unknown>
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>
}

/**
 * A file's format, as DuckDB reads it.
 *
 * @example
 * const format: DuckdbFileFormat = 'parquet'
 */
export type DuckdbFileFormat = 'csv' | 'parquet' | 'json'

/**
 * Where the records are: a file DuckDB reads in place (CSV, Parquet, JSON or newline-delimited JSON, compressed or
 * not; the format from the extension unless given), or a table or view already in the database.
 *
 * @example
 * const source: DuckdbSource = { file: 'exports/leads.csv.gz' }
 * const other: DuckdbSource = { table: ['crm', 'leads'] }
 */
export type DuckdbSource =
  | { readonly file: string; readonly format?: DuckdbFileFormat }
  | { readonly table: string | readonly string[] }

/**
 * Options of {@link dedupeWithDuckdb}: the compiler's (without `dialect` and `table`), the source, and where to
 * write the groups and pairs.
 *
 * @example
 * const options: DedupeWithDuckdbOptions = {
 *   source: { file: 'leads.csv' }, idColumn: 'leadid', columns: { email: 'emailaddress1' },
 *   groupsFile: 'groups.csv', pairsFile: 'pairs.parquet',
 * }
 */
export interface DedupeWithDuckdbOptions extends Omit<CompileDuplicateRulesOptions, 'dialect' | 'table'> {
  readonly source: DuckdbSource
  /** Writes `cluster_id,id` for every record in a group, ordered; the format from the extension (csv, parquet, json). */
  readonly groupsFile?: string
  /** Writes the pairs (`id_l,id_r,rule,rule_index,score,rule_count`); the format from the extension. */
  readonly pairsFile?: string
  /** Bounds the clustering loop (see runDuplicateSql). Default 1,000. */
  readonly maxIterations?: number
}

/**
 * What {@link dedupeWithDuckdb} did: the counts, the rules left out, and the tables that hold the results.
 *
 * @example
 * const result: DuckdbDedupeResult = await dedupeWithDuckdb(connection, rules, { source: { file: 'leads.csv' } })
 * result.pairs //=> 120
 */
export interface DuckdbDedupeResult extends DuplicateSqlSummary {
  /** Records read from the source. */
  readonly records: number
  /** The tables in the database that hold the results (quoted names). */
  readonly tables: DuplicateSqlTables
  /** Published rules left out (only with `onUnsupported: 'skip'`), with the rule and the field. */
  readonly unsupported: readonly { readonly rule: string; readonly path: readonly (string | number)[]; readonly message: string }[]
  /**
   * Rules that ran, but may find fewer pairs than the JS engine (today: a `phone` normaliser, which SQL reads only
   * in normalizePhone's fast path), with the rule and the field.
   */
  readonly warnings: readonly { readonly rule: string; readonly path: readonly (string | number)[]; readonly message: string }[]
}
