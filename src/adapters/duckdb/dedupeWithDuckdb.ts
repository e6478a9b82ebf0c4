import type { AnyDuplicateRule } from '../../duplicates/types.js'
import { LeadkitError, type IssuePath } from '../../errors.js'
import { asLeadkitError } from '../../internal/validate.js'
import { compileDuplicateRules, runDuplicateSql } from '../../sql/index.js'
import type { DedupeWithDuckdbOptions, DuckdbConnectionLike, DuckdbDedupeResult, DuckdbFileFormat } from './types.js'

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`

/**
 * Finds duplicates in a CSV, Parquet or JSON file, or in a DuckDB table, without loading the records into
 * JavaScript: the rules are compiled to DuckDB SQL (`compileDuplicateRules` of `leadkit/sql`), DuckDB reads the file in place
 * (spilling to disk when it is larger than memory), and the pairs and groups stay in DuckDB tables, or go to files.
 * Only counts come back.
 *
 * The file is read as text (every column `VARCHAR`, so ids such as `007` keep their zeros) and never changed.
 * Before anything runs, the source's columns are checked against those the rules read, and its ids (present,
 * distinct): a `LeadkitError` names the missing column, or the number of blank and repeated ids. A file DuckDB
 * cannot read (missing, not UTF-8, a malformed row) gives a `LeadkitError` with DuckDB's message, which carries
 * the line.
 *
 * @param connection - a `@duckdb/node-api` connection
 * @param rules - parsed rules or rule JSON (matchcode and keyed rules; see compileDuplicateRules)
 * @param options - the source, the id column, the columns of the rules' fields, the output files
 * @returns the numbers of records, pairs and groups, and the tables that hold them
 * @example
 * const instance = await DuckDBInstance.create(':memory:')
 * const result = await dedupeWithDuckdb(await instance.connect(), rules, {
 *   source: { file: 'leads.csv' }, idColumn: 'leadid', groupsFile: 'groups.csv',
 * })
 * result.clusters //=> 48
 */
export async function dedupeWithDuckdb(
  connection: DuckdbConnectionLike,
  rules: readonly AnyDuplicateRule[] | unknown,
  options: DedupeWithDuckdbOptions,
): Promise<DuckdbDedupeResult> {
  try {
    return await dedupeWithDuckdbUnguarded(connection, rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

async function dedupeWithDuckdbUnguarded(
  connection: DuckdbConnectionLike,
  rules: readonly AnyDuplicateRule[] | unknown,
  options: DedupeWithDuckdbOptions,
): Promise<DuckdbDedupeResult> {
  if (options === null || typeof options !== 'object' || options.source === null || typeof options.source !== 'object') {
    throw new LeadkitError({ code: 'invalid_type', path: ['source'], message: 'dedupeWithDuckdb needs options.source: { file } or { table }' })
  }
  const prefix = options.prefix ?? 'leadkit_'
  const file = 'file' in options.source ? options.source : undefined
  const table = file === undefined ? (options.source as { readonly table: string | readonly string[] }).table : `${prefix}source`
  // Compiled first: bad rules or options fail before anything is made in the database.
  const compiled = compileDuplicateRules(rules, { ...compileOptions(options), dialect: 'duckdb', table })
  if (file !== undefined) {
    if (typeof file.file !== 'string' || file.file === '' || file.file.includes('\u0000')) {
      throw new LeadkitError({ code: 'invalid_value', path: ['source', 'file'], message: 'source.file must be a path' })
    }
    const format = file.format ?? formatOf(file.file, ['source', 'file'])
    await guard(['source', 'file'], () =>
      connection.run(`CREATE OR REPLACE VIEW ${ident(`${prefix}source`)} AS SELECT * FROM ${reader(format, file.file)}`),
    )
  }
  const source = tableSql(table)
  const available = await guard(['source'], () => describeColumns(connection, source))
  for (const column of compiled.sourceColumns) {
    if (!available.includes(column)) {
      const field = Object.entries(options.columns ?? {}).find(([, c]) => c === column)?.[0]
      const path: IssuePath = column === (options.idColumn ?? 'id') ? ['idColumn'] : ['columns', field ?? column]
      throw new LeadkitError({
        code: 'invalid_value',
        path,
        message: `the source has no column "${column}" (it has ${available.slice(0, 20).map((c) => `"${c}"`).join(', ')}${available.length > 20 ? ', …' : ''}): map the field to one of them in columns`,
      })
    }
  }
  const id = ident(options.idColumn ?? 'id')
  const [total, blank, distinct] = (await guard(['source'], async () =>
    (await connection.runAndReadAll(`SELECT count(*), count(*) - count(${id}), count(DISTINCT ${id}) FROM ${source}`)).getRows()[0],
  )) as [unknown, unknown, unknown]
  const records = Number(total)
  const repeated = records - Number(blank) - Number(distinct)
  if (Number(blank) > 0 || repeated > 0) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['idColumn'],
      message: `every record needs its own id in "${options.idColumn ?? 'id'}": ${Number(blank)} have none and ${repeated} repeat another's; fix the source or choose another id column`,
    })
  }
  const summary = await guard(['source'], () =>
    runDuplicateSql(compiled, { run: (sql) => connection.run(sql), count: async (sql) => Number((await connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0) }, options.maxIterations === undefined ? undefined : { maxIterations: options.maxIterations }),
  )
  if (options.groupsFile !== undefined) {
    await writeFile(connection, `SELECT cluster_id, id FROM ${compiled.tables.clusters} ORDER BY cluster_id, id`, options.groupsFile, ['groupsFile'])
  }
  if (options.pairsFile !== undefined) {
    await writeFile(connection, `SELECT id_l, id_r, rule, rule_index, score, rule_count FROM ${compiled.tables.pairs} ORDER BY id_l, id_r`, options.pairsFile, ['pairsFile'])
  }
  return Object.freeze({ ...summary, records, tables: compiled.tables, unsupported: compiled.unsupported, warnings: compiled.warnings })
}

function compileOptions(options: DedupeWithDuckdbOptions): Omit<DedupeWithDuckdbOptions, 'source' | 'groupsFile' | 'pairsFile' | 'maxIterations'> {
  const { source: _source, groupsFile: _groups, pairsFile: _pairs, maxIterations: _max, ...rest } = options
  return rest
}

function tableSql(table: string | readonly string[]): string {
  return (typeof table === 'string' ? [table] : table).map(ident).join('.')
}

async function describeColumns(connection: DuckdbConnectionLike, source: string): Promise<string[]> {
  const rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRows()
  return rows.map((row) => String(row[0]))
}

/** The format of a file from its extension (a compression suffix aside). */
function formatOf(file: string, path: IssuePath): DuckdbFileFormat {
  const name = file.toLowerCase().replace(/\.(gz|zst)$/, '')
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv'
  if (name.endsWith('.parquet')) return 'parquet'
  if (/\.(json|ndjson|jsonl)$/.test(name)) return 'json'
  throw new LeadkitError({ code: 'invalid_value', path, message: `cannot tell the format of "${file.slice(-60)}" from its extension: give format 'csv', 'parquet' or 'json'` })
}

function reader(format: DuckdbFileFormat, file: string): string {
  if (format === 'csv') return `read_csv(${literal(file)}, header = true, all_varchar = true)`
  if (format === 'parquet') return `read_parquet(${literal(file)})`
  return `read_json_auto(${literal(file)})`
}

async function writeFile(connection: DuckdbConnectionLike, query: string, file: string, path: IssuePath): Promise<void> {
  if (typeof file !== 'string' || file === '' || file.includes('\u0000')) {
    throw new LeadkitError({ code: 'invalid_value', path, message: `${String(path[0])} must be a path` })
  }
  const format = formatOf(file, path)
  const options = format === 'csv' ? 'FORMAT csv, HEADER true' : format === 'parquet' ? 'FORMAT parquet' : 'FORMAT json'
  await guard(path, () => connection.run(`COPY (${query}) TO ${literal(file)} (${options})`))
}

/** Runs `work`, turning DuckDB's errors (a missing file, bad UTF-8, a malformed row) into a LeadkitError. */
async function guard<T>(path: IssuePath, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof LeadkitError) throw error
    const message = error instanceof Error ? error.message : String(error)
    const code = /no such file|does not exist|no files found/i.test(message) ? 'not_found' : 'invalid_format'
    throw new LeadkitError({ code, path, message: `DuckDB could not read the source: ${message.slice(0, 600)}` }, { cause: error })
  }
}
