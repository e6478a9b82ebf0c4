import { createWriteStream, type WriteStream } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import { dedupeWithDuckdb, type DuckdbConnectionLike } from '../adapters/duckdb/index.js'
import { createDuplicateIndex, type AnyDuplicateRule } from '../duplicates/index.js'
import { isLeadkitError } from '../index.js'
import type { Lead } from '../records/index.js'
import { list, planColumns, type ColumnPlan } from './columns.js'
import { CliFailure, EXIT_DUPLICATES, EXIT_INPUT, EXIT_INTERNAL, EXIT_NO_DUPLICATES, EXIT_USAGE } from './failure.js'
import { createProgress, type Progress } from './progress.js'
import { checkCsvFile } from './checkCsvFile.js'
import { INPUT_TABLE, loadCsvTable } from './loadCsvTable.js'
import { checkInputFile, readCsv, type CsvRow } from './readCsv.js'
import { rowToLead, type RowIssue } from './rowToLead.js'
import { describeError, loadRules, messageOf, ruleFields } from './rules.js'

/** What `leadkit dedupe` was asked to do. */
export interface DedupeCommand {
  readonly input: string
  readonly out: string
  readonly errors: string
  readonly engine: 'memory' | 'duckdb'
  readonly rules: string | undefined
  readonly idColumn: string | undefined
  readonly maps: ReadonlyMap<string, string>
  readonly defaultRegion: string | undefined
  readonly showProgress: boolean
}

/** The summary a run prints (and, with --json, writes to stdout). */
export interface DedupeSummary {
  readonly engine: 'memory' | 'duckdb'
  readonly input: string
  readonly out: string
  readonly errors: string
  readonly rules: string
  /** Records in the file, the header aside. */
  readonly rowsRead: number
  /** Rows that are not leads (each in the errors file with its line and reason). */
  readonly rowsRefused: number
  readonly groups: number
  readonly recordsInGroups: number
  /** memory: the verified links that explain the groups (one per member but the first); duckdb: every duplicate pair. */
  readonly pairs: number
  /** memory: pairs of records the rules compared; duckdb: not counted (null). */
  readonly pairsCompared: number | null
  readonly elapsedMs: number
  readonly ignoredColumns: readonly { readonly column: string; readonly reason: string }[]
  /** Default rules left out because SQL cannot run them yet (duckdb only). */
  readonly skippedRules: readonly { readonly rule: string; readonly message: string }[]
  /** Rules that ran in SQL but may find fewer pairs than in memory (the `phone` normaliser's subset). */
  readonly ruleWarnings: readonly { readonly rule: string; readonly message: string }[]
  readonly exitCode: number
}

/** Runs the command: reads, groups, writes the groups and errors files, and returns the summary. */
export async function dedupe(command: DedupeCommand, stderr: NodeJS.WriteStream): Promise<DedupeSummary> {
  const started = performance.now()
  await checkOutputs(command)
  const size = await checkInputFile(command.input)
  const loaded = await loadRules(command.rules, command.defaultRegion)
  const now = new Date().toISOString()
  const progress = createProgress(stderr, size, command.showProgress)
  const base = { engine: command.engine, input: command.input, out: command.out, errors: command.errors, rules: loaded.source }
  try {
    const result =
      command.engine === 'memory'
        ? await dedupeInMemory(command, loaded.rules, now, progress)
        : await dedupeInDuckdb(command, loaded.rules, loaded.isDefault, progress)
    const exitCode = result.groups > 0 ? EXIT_DUPLICATES : EXIT_NO_DUPLICATES
    return { ...base, ...result, elapsedMs: Math.round(performance.now() - started), exitCode }
  } finally {
    progress.stop()
  }
}

type EngineResult = Omit<DedupeSummary, 'engine' | 'input' | 'out' | 'errors' | 'rules' | 'elapsedMs' | 'exitCode'>

/** The outputs may not be the input (nothing in the input is ever changed), nor each other. */
async function checkOutputs(command: DedupeCommand): Promise<void> {
  const input = await realpath(command.input).catch(() => resolve(command.input))
  const out = await realpath(command.out).catch(() => resolve(command.out))
  const errors = await realpath(command.errors).catch(() => resolve(command.errors))
  if (out === input || errors === input) {
    throw new CliFailure(EXIT_USAGE, `the output ${out === input ? command.out : command.errors} is the input file: leadkit never writes to its input; choose another path`)
  }
  if (out === errors) throw new CliFailure(EXIT_USAGE, '--out and --errors name the same file; choose two paths')
}

/** The columns of the header row, checked against the fields the rules read. */
function headerPlan(command: DedupeCommand, headers: readonly string[], rules: readonly AnyDuplicateRule[]): ColumnPlan {
  let plan: ColumnPlan
  try {
    plan = planColumns(headers, command.maps, command.idColumn)
  } catch (error) {
    if (error instanceof CliFailure) throw new CliFailure(error.exitCode, `${command.input}: ${error.message}`, { cause: error })
    throw error
  }
  const needed = ruleFields(rules)
  if (needed !== undefined && needed.length > 0 && !needed.some((field) => plan.fieldColumns.has(field))) {
    throw new CliFailure(
      EXIT_INPUT,
      `${command.input}: none of the columns is a field the rules read.\n  columns found: ${list(headers)}\n  fields expected (at least one): ${list(needed)}\n  map a column to a field with --map column=field`,
    )
  }
  return plan
}

async function dedupeInMemory(
  command: DedupeCommand,
  rules: readonly AnyDuplicateRule[],
  now: string,
  progress: Progress,
): Promise<EngineResult> {
  const errors = openCsv(command.errors, ['line', 'id', 'column', 'code', 'reason'])
  let plan: ColumnPlan | undefined
  let rowsRead = 0
  let rowsRefused = 0
  const refuse = async (line: number, id: string, issues: readonly RowIssue[]): Promise<void> => {
    rowsRefused += 1
    for (const issue of issues) await errors.write([String(line), id, issue.column, issue.code, issue.message])
  }
  const reader = readCsv(command.input)
  const index = createDuplicateIndex<Lead>(rules)
  const lineOfId = new Map<string, number>()
  try {
    for await (const row of reader.rows) {
      if (plan === undefined) {
        plan = headerPlan(command, row.cells, rules)
        continue
      }
      rowsRead += 1
      await readRow(plan, row)
      progress.update(reader.bytesRead(), rowsRead, rowsRefused)
    }
    if (plan === undefined) throw new CliFailure(EXIT_INPUT, `${command.input} is empty: it needs a header row and rows of leads`)
  } finally {
    await errors.close()
  }
  progress.stop(`grouping ${index.size.toLocaleString('en')} leads…`)
  const clusters = index.clusters()
  const out = openCsv(command.out, ['group_id', 'record_id', 'rule'])
  let recordsInGroups = 0
  let pairs = 0
  try {
    const rows: [string, string, string][] = []
    for (const cluster of clusters) {
      const groupId = cluster.ids.reduce((least, id) => (id < least ? id : least))
      recordsInGroups += cluster.ids.length
      pairs += cluster.pairs.length
      for (const id of cluster.ids) {
        // The link that put the member in its group; the first member, the link that joined another to it.
        const link = cluster.pairs.find((pair) => pair.b === id) ?? cluster.pairs.find((pair) => pair.a === id)
        rows.push([groupId, id, link?.rule ?? ''])
      }
    }
    rows.sort((x, y) => compare(x[0], y[0]) || compare(x[1], y[1]))
    for (const row of rows) await out.write(row)
  } finally {
    await out.close()
  }
  return {
    rowsRead,
    rowsRefused,
    groups: clusters.length,
    recordsInGroups,
    pairs,
    pairsCompared: index.stats().comparisons,
    ignoredColumns: plan.ignored,
    skippedRules: [],
    ruleWarnings: [],
  }

  async function readRow(columns: ColumnPlan, row: CsvRow): Promise<void> {
    const id = row.cells[columns.idIndex] ?? ''
    const result = rowToLead(columns, row.cells, now)
    if ('issues' in result) return refuse(row.line, id, result.issues)
    const earlier = lineOfId.get(result.lead.id)
    if (earlier !== undefined) {
      return refuse(row.line, id, [{ column: columns.headers[columns.idIndex] as string, code: 'invalid_value', message: `the id "${id.slice(0, 60)}" is already on line ${earlier}; every row needs its own id` }])
    }
    try {
      index.add(result.lead)
    } catch (error) {
      if (!isLeadkitError(error)) throw error
      return refuse(row.line, id, [{ column: '', code: error.code, message: error.message }])
    }
    lineOfId.set(result.lead.id, row.line)
  }
}

async function dedupeInDuckdb(
  command: DedupeCommand,
  rules: readonly AnyDuplicateRule[],
  isDefault: boolean,
  progress: Progress,
): Promise<EngineResult> {
  // The header, then a pass that checks every byte is UTF-8 and every record readable, as the memory engine reads
  // them (DuckDB's own message would not always say which line, and it reads a quote never closed as text).
  let plan: ColumnPlan | undefined
  for await (const row of readCsv(command.input).rows) {
    plan = headerPlan(command, row.cells, rules)
    break
  }
  if (plan === undefined) throw new CliFailure(EXIT_INPUT, `${command.input} is empty: it needs a header row and rows of leads`)
  await checkCsvFile(command.input, (bytes) => progress.update(bytes, 0, 0))
  const connection = await connectDuckdb()
  progress.stop('reading into DuckDB…')
  const errors = openCsv(command.errors, ['line', 'id', 'column', 'code', 'reason'])
  let rowsRefused: number
  try {
    rowsRefused = await loadCsvTable(connection, command.input, { cells: plan.headers.length, idIndex: plan.idIndex }, (row) =>
      errors.write([String(row.line), row.id, row.column, row.code, row.message]),
    )
  } finally {
    await errors.close()
  }
  const columns: Record<string, string> = {}
  for (const [field, column] of plan.fieldColumns) if (field !== 'id') columns[field] = column
  // A field the rules read that the file lacks is absent from every record, as in memory: an empty column of its own.
  const absent = (ruleFields(rules) ?? []).filter((field) => field !== 'id' && !plan.fieldColumns.has(field))
  for (const [i, field] of absent.entries()) {
    columns[field] = `leadkit_absent_${i}`
    await connection.run(`ALTER TABLE "${INPUT_TABLE}" ADD COLUMN "leadkit_absent_${i}" VARCHAR`)
  }
  progress.stop('comparing in DuckDB…')
  let result
  try {
    result = await dedupeWithDuckdb(connection, rules, {
      source: { table: INPUT_TABLE },
      idColumn: plan.headers[plan.idIndex] as string,
      columns,
      // The default rules run whole on DuckDB; should one not compile, those that do run and the summary says which
      // did not. An admin's rule set runs whole or not at all.
      onUnsupported: isDefault ? 'skip' : 'error',
    })
  } catch (error) {
    if (isLeadkitError(error)) {
      const hint = error.code === 'invalid_rule' ? '\n  run these rules with --engine memory' : ''
      throw new CliFailure(EXIT_INPUT, `${command.input}: ${describeError(error)}${hint}`, { cause: error })
    }
    throw error
  }
  const { clusters, pairs } = result.tables
  const quoted = `'${resolve(command.out).replaceAll("'", "''")}'`
  // Each record's rule is that of its first pair by (rule_index, id_l, id_r), found by one grouping of both ends of
  // every pair: a subquery per record with `id_l = id OR id_r = id` became a nested-loop join in DuckDB (135 s of
  // 277 s at 1,000,000 leads; this query gives the same file in 0.5 s).
  const query = `WITH ends AS (SELECT id_l AS id, rule, rule_index, id_l, id_r FROM ${pairs}
        UNION ALL SELECT id_r AS id, rule, rule_index, id_l, id_r FROM ${pairs}),
      firsts AS (SELECT id, arg_min(rule, (rule_index, id_l, id_r)) AS rule FROM ends GROUP BY id)
    SELECT c.cluster_id AS group_id, c.id AS record_id, f.rule
    FROM ${clusters} c LEFT JOIN firsts f ON f.id = c.id ORDER BY group_id, record_id`
  try {
    await connection.run(`COPY (${query}) TO ${quoted} (FORMAT csv, HEADER true)`)
  } catch (error) {
    throw new CliFailure(EXIT_INPUT, `cannot write ${command.out}: ${messageOf(error)}`, { cause: error })
  }
  return {
    rowsRead: result.records + rowsRefused,
    rowsRefused,
    groups: result.clusters,
    recordsInGroups: result.clusteredRecords,
    pairs: result.pairs,
    pairsCompared: null,
    ignoredColumns: plan.ignored,
    skippedRules: result.unsupported.map((issue) => ({ rule: issue.rule, message: issue.message })),
    ruleWarnings: result.warnings.map((issue) => ({ rule: issue.rule, message: issue.message })),
  }
}

async function connectDuckdb(): Promise<DuckdbConnectionLike> {
  let duckdb: typeof import('@duckdb/node-api')
  try {
    // Loaded only for this engine: an optional peer dependency, not installed with leadkit.
    duckdb = await import('@duckdb/node-api')
  } catch (error) {
    throw new CliFailure(
      EXIT_INTERNAL,
      `--engine duckdb needs the optional package @duckdb/node-api, which could not be loaded (${messageOf(error).split('\n')[0]}).\n  install it beside leadkit: npm install @duckdb/node-api\n  or run without --engine duckdb`,
      { cause: error },
    )
  }
  // The groups file has its own ORDER BY, so DuckDB need not keep the rows of a scan in the file's order (keeping it
  // costs memory and time; the benchmark's figures for dedupeWithDuckdb are taken with the same setting).
  const instance = await duckdb.DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' })
  return instance.connect()
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A CSV file written row by row, with backpressure; cells quoted when they need it (RFC 4180). */
interface CsvOut {
  write(cells: readonly string[]): Promise<void>
  close(): Promise<void>
}

function openCsv(file: string, header: readonly string[]): CsvOut {
  const stream: WriteStream = createWriteStream(file)
  let failure: Error | undefined
  stream.on('error', (error) => {
    failure = error
  })
  const check = (): void => {
    if (failure !== undefined) throw new CliFailure(EXIT_INPUT, `cannot write ${file}: ${failure.message}`, { cause: failure })
  }
  const write = async (cells: readonly string[]): Promise<void> => {
    check()
    if (!stream.write(`${cells.map(quote).join(',')}\n`)) {
      await new Promise<void>((done) => {
        stream.once('drain', done)
        stream.once('error', () => done())
      })
    }
  }
  void write(header)
  return {
    write,
    close: () =>
      new Promise<void>((done, fail) => {
        stream.end(() => (failure === undefined ? done() : fail(new CliFailure(EXIT_INPUT, `cannot write ${file}: ${failure.message}`))))
        stream.once('error', (error) => fail(new CliFailure(EXIT_INPUT, `cannot write ${file}: ${error.message}`, { cause: error })))
      }),
  }
}

// Writing is three lines of RFC 4180 (quote a cell holding a comma, quote or line break, or spaces at its ends;
// double its quotes), so it needs no library. Ids are written as they are, never rewritten for a spreadsheet.
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell
}
