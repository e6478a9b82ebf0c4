// DuckDB reads the CSV once, into a table the compiled rules then read, and keeps the rows it cannot make records
// of (too few or too many cells) in a rejects table (`store_rejects`) instead of failing the run — or, as its
// dialect sniffer did on such a file, reading every line as one column. Those rows are reported as the memory
// engine reports them: their line, id and reason in the errors file.
import { open } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import type { DuckdbConnectionLike } from '../adapters/duckdb/index.js'
import { CliFailure, EXIT_INPUT } from './failure.js'
import { lineBreakOf } from './lineBreak.js'
import { messageOf } from './rules.js'

/** A row DuckDB left out, as the errors file has it. */
export interface RefusedRow {
  readonly line: number
  readonly id: string
  readonly column: string
  readonly code: string
  readonly message: string
}

/** The table the CLI loads the file into (the compiled rules' own tables start with `leadkit_` and a step name). */
export const INPUT_TABLE = 'leadkit_cli_input'
const REJECTS = 'leadkit_cli_rejects'
const SCANS = 'leadkit_cli_scans'
const PAGE = 10_000
const COLUMN_COUNT_ERRORS = new Set(['MISSING COLUMNS', 'TOO MANY COLUMNS'])

const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`

/**
 * Loads `file` (already checked by checkCsvFile: UTF-8, quotes closed) into {@link INPUT_TABLE}, every column as
 * text, in the dialect readCsv reads (comma, double quotes doubled inside quoted cells, a header row). Each row with
 * the wrong number of cells goes to `refuse`, in file order; any other row DuckDB cannot read stops the run with a
 * CliFailure that names its line. Returns the number of rows refused. The file is only read.
 */
export async function loadCsvTable(
  connection: DuckdbConnectionLike,
  file: string,
  header: { readonly cells: number; readonly idIndex: number },
  refuse: (row: RefusedRow) => Promise<void>,
): Promise<number> {
  try {
    await connection.run(
      `CREATE OR REPLACE TABLE "${INPUT_TABLE}" AS SELECT * FROM read_csv(${literal(file)}, header = true, all_varchar = true,
        delim = ',', quote = '"', escape = '"', strict_mode = true,
        store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${SCANS}')`,
    )
  } catch (error) {
    throw new CliFailure(EXIT_INPUT, `${file}: DuckDB could not read the file: ${messageOf(error).slice(0, 600)}`, { cause: error })
  }
  const lines = new LineCounter(file)
  let refused = 0
  try {
    for (let offset = 0; ; offset += PAGE) {
      // One row can have several errors (a cell too many and a cast): its first, by position, is reported.
      const page = (
        await connection.runAndReadAll(
          `SELECT line_byte_position, error_type, csv_line, error_message FROM "${REJECTS}"
           QUALIFY row_number() OVER (PARTITION BY line_byte_position ORDER BY byte_position) = 1
           ORDER BY line_byte_position LIMIT ${PAGE} OFFSET ${offset}`,
        )
      ).getRows()
      for (const [position, type, text, message] of page) {
        // DuckDB gives a 1-based byte offset and the text from there, which can begin with the line ends of the
        // line before and of blank lines: the row starts after them.
        const raw = String(text ?? '')
        const csvLine = raw.replace(/^[\r\n]+/, '')
        const line = await lines.lineAt(Number(position) - 1 + raw.length - csvLine.length)
        if (!COLUMN_COUNT_ERRORS.has(String(type))) {
          throw new CliFailure(EXIT_INPUT, `${file}: line ${line}: ${String(message ?? type).slice(0, 300)}`)
        }
        // A line of only spaces is a blank line to readCsv (trimmed to one empty cell, then dropped), not a row: the memory engine
        // skips it, and so does this one.
        if (csvLine.trim() === '') continue
        const cells = cellsOf(csvLine)
        refused += 1
        await refuse({
          line,
          id: cells?.[header.idIndex] ?? '',
          column: '',
          code: 'invalid_format',
          message:
            cells === undefined
              ? String(message ?? 'the row has the wrong number of cells')
              : `the row has ${cells.length} cells; the header has ${header.cells}`,
        })
      }
      if (page.length < PAGE) break
    }
  } finally {
    await lines.close()
  }
  await connection.run(`DROP TABLE IF EXISTS "${REJECTS}"; DROP TABLE IF EXISTS "${SCANS}"`)
  return refused
}

/** The cells of one CSV line as readCsv reads them, or undefined if it cannot read it alone. */
function cellsOf(text: string): string[] | undefined {
  try {
    const records = parse(text, { relax_column_count: true, relax_quotes: true, trim: true }) as string[][]
    return records[0]
  } catch {
    return undefined
  }
}

/** Line numbers of byte offsets asked for in increasing order: one forward read of the file, however many. */
class LineCounter {
  private readonly buffer = Buffer.alloc(4 * 1024 * 1024)
  private handle: Awaited<ReturnType<typeof open>> | undefined
  // Line breaks in the bytes before `counted`, by the file's line-break byte (see `lineBreakOf`).
  private newlines = 0
  private lineBreak = 0x0a
  private counted = 0
  private isAtEnd = false

  constructor(private readonly file: string) {}

  /** The line of the byte at offset `at`: 1 + the line breaks before it. */
  async lineAt(at: number): Promise<number> {
    if (this.handle === undefined) {
      this.handle = await open(this.file, 'r')
      // The file's line-break byte, from its start (the first line's end must be in view, with the byte after it).
      const { bytesRead } = await this.handle.read(this.buffer, 0, 64 * 1024, 0)
      this.lineBreak = lineBreakOf(this.buffer.subarray(0, bytesRead))
    }
    while (!this.isAtEnd && this.counted < at) {
      const wanted = Math.min(this.buffer.length, at - this.counted)
      const { bytesRead } = await this.handle.read(this.buffer, 0, wanted, this.counted)
      if (bytesRead === 0) {
        this.isAtEnd = true
        break
      }
      const read = this.buffer.subarray(0, bytesRead)
      for (let i = read.indexOf(this.lineBreak); i >= 0; i = read.indexOf(this.lineBreak, i + 1)) this.newlines += 1
      this.counted += bytesRead
    }
    return this.newlines + 1
  }

  async close(): Promise<void> {
    await this.handle?.close()
  }
}
