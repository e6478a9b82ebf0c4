// Reading the CSV: bytes are checked as UTF-8 line by line (so a bad byte is reported with its line), then parsed by
// csv-parse. csv-parse (MIT, the CSV project of Adaltas, maintained since 2010, streaming, RFC 4180 quotes and
// multi-line cells, reports each malformed record with its line) rather than a hand-written split, which would get
// quotes and newlines inside cells wrong.
import { isUtf8 } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { Transform, type TransformCallback } from 'node:stream'
import { parse, type Info } from 'csv-parse'
import { CliFailure, EXIT_INPUT } from './failure.js'
import { countLineBreaks, lineBreakOf } from './lineBreak.js'
import { messageOf } from './rules.js'

/**
 * One CSV record: its cells and the physical line it starts on (1 is the first line of the file). Lines are counted
 * by the file's line-break byte, as the DuckDB engine counts them: a line feed (`\r\n` is one line break, and a
 * carriage return not followed by a line feed, possible inside a quoted cell, is none), or a carriage return in a
 * file whose first line ends with one alone (classic Mac OS; see `lineBreakOf`). Blank lines and a byte order mark
 * do not shift the count.
 */
export interface CsvRow {
  readonly line: number
  readonly cells: readonly string[]
}

// One line longer than this is not a lead: refusing it bounds the memory a file without line breaks can take.
const MAX_LINE_BYTES = 64 * 1024 * 1024
/** The largest record csv-parse assembles (a cell with an unclosed quote would otherwise swallow the file). */
export const MAX_RECORD_CHARACTERS = 1024 * 1024

/** Checks that `file` is a readable regular file in UTF-8 (not UTF-16), and returns its size in bytes. */
export async function checkInputFile(file: string): Promise<number> {
  let size: number
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new CliFailure(EXIT_INPUT, `${file} is not a file`)
    size = info.size
  } catch (error) {
    if (error instanceof CliFailure) throw error
    const code = (error as { code?: string }).code
    throw new CliFailure(EXIT_INPUT, code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${messageOf(error)}`, { cause: error })
  }
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new CliFailure(EXIT_INPUT, `cannot read ${file}: ${messageOf(error)}`, { cause: error })
  })
  try {
    const head = Buffer.alloc(2)
    await handle.read(head, 0, 2, 0)
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new CliFailure(EXIT_INPUT, `${file}: line 1: the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)`)
    }
  } finally {
    await handle.close()
  }
  return size
}

/**
 * Passes the file's text on whole lines at a time, after checking each is UTF-8: the first line that is not
 * fails the stream with its number. The file is only read.
 */
class Utf8Lines extends Transform {
  private pending: Buffer = Buffer.alloc(0)
  private line = 1
  bytes = 0
  /** The length of the byte order mark the file starts with (0 or 3): csv-parse counts it in `info.bytes`. */
  bomBytes = 0
  /** The byte that ends the file's lines (see `lineBreakOf`), known from the first chunk. */
  lineBreak = -1

  constructor(private readonly file: string) {
    super({ readableObjectMode: false })
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.bytes === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.bomBytes = 3
    if (this.lineBreak === -1) this.lineBreak = lineBreakOf(chunk)
    this.bytes += chunk.length
    const buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const cut = buffer.lastIndexOf(this.lineBreak)
    if (cut < 0) {
      if (buffer.length > MAX_LINE_BYTES) return done(new CliFailure(EXIT_INPUT, `${this.file}: line ${this.line} is longer than 64 MB`))
      this.pending = buffer
      return done()
    }
    const lines = buffer.subarray(0, cut + 1)
    this.pending = Buffer.from(buffer.subarray(cut + 1))
    const failure = this.check(lines)
    if (failure !== undefined) return done(failure)
    done(null, lines.toString('utf8'))
  }

  override _flush(done: TransformCallback): void {
    const failure = this.check(this.pending)
    if (failure !== undefined) return done(failure)
    done(null, this.pending.toString('utf8'))
  }

  private check(lines: Buffer): CliFailure | undefined {
    if (isUtf8(lines)) {
      for (let at = lines.indexOf(this.lineBreak); at >= 0; at = lines.indexOf(this.lineBreak, at + 1)) this.line += 1
      return undefined
    }
    // A line-break byte is never inside a multi-byte sequence, so the lines can be checked one by one.
    let start = 0
    for (let line = this.line; ; line += 1) {
      const end = lines.indexOf(this.lineBreak, start)
      const piece = lines.subarray(start, end < 0 ? lines.length : end)
      if (!isUtf8(piece)) {
        return new CliFailure(
          EXIT_INPUT,
          `${this.file}: line ${line} is not valid UTF-8 (an invalid byte sequence); save the file as UTF-8 (CSV UTF-8 in Excel) and run again`,
        )
      }
      if (end < 0) return undefined
      start = end + 1
    }
  }
}

/** A reader of the file's records; `bytesRead` for the progress bar. */
export interface CsvReader {
  readonly rows: AsyncIterable<CsvRow>
  bytesRead(): number
}

/**
 * Streams the records of a CSV file (header first). A record with too few or too many cells is still a record (the
 * caller reports it as a row with its line), and a quote inside an unquoted cell is kept as typed (`ab"c`), so
 * every line of a well-ended file is read. What cannot be read at all — a quote never closed, which would make the
 * rest of the file one cell, text after the closing quote of a quoted cell (`"quo"te`), or a record over 1 MB —
 * stops the run with a CliFailure and its line, as do bad UTF-8 and an unreadable file: a parser that skipped ahead
 * would lose the rows it skipped.
 */
export function readCsv(file: string): CsvReader {
  const lines = new Utf8Lines(file)
  // The physical line the next record's text starts on, and the byte offset in the file where it starts.
  let nextLine = 1
  let nextByte = -1
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines come through as records (and are dropped below) so that each record's raw text starts right after
    // the previous record: csv-parse's own `info.lines` counts \r\n inside quotes as two lines, and the raw text of
    // a record after skipped blank lines starts on the blank lines, so neither gives the line a record starts on.
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARACTERS,
    // Spaces around a delimiter (`a, b`, as in the FEBRL files) are not part of the value; quoted spaces are kept.
    trim: true,
    // With `raw` and `info` on, csv-parse hands on_record the record with its raw text (its types do not say so).
    on_record: (record, context) => {
      const output = record as unknown as RawRecord
      if (nextByte < 0) nextByte = lines.bomBytes
      const line = nextLine
      // `context.bytes` is the file offset after the record's line end. csv-parse leaves the line end (the \n of a
      // \r\n) out of the raw text, so the bytes the raw text lacks are line breaks.
      const dropped = context.bytes - nextByte - Buffer.byteLength(output.raw)
      nextLine += countLineBreaks(output.raw, lines.lineBreak) + dropped
      nextByte = context.bytes
      // One empty cell without a quote: a line of nothing but spaces, what skip_empty_lines (with trim) would skip.
      if (output.record.length === 1 && output.record[0] === '' && !output.raw.includes('"')) return undefined
      return { ...output, line } as unknown as string[]
    },
  })
  const input = createReadStream(file)
  input.on('error', (error) => lines.destroy(new CliFailure(EXIT_INPUT, `cannot read ${file}: ${messageOf(error)}`, { cause: error })))
  lines.on('error', (error) => parser.destroy(error))
  input.pipe(lines).pipe(parser)
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for await (const output of parser as AsyncIterable<RawRecord & { line: number }>) {
        yield { line: output.line, cells: output.record }
      }
    } catch (error) {
      if (error instanceof CliFailure) throw error
      const code = (error as { code?: string }).code
      // csv-parse names the line where it gave up (the end of the file for a quote never closed), counted its way
      // (\r\n inside quotes as two). The record at fault starts after the last one it read (blank lines are records
      // here, so none lie in between); any other fault is that many line breaks into the record's text read so far.
      const raw = (error as { raw?: unknown }).raw
      const line =
        code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE'
          ? nextLine
          : typeof raw === 'string'
            ? nextLine + countLineBreaks(raw, lines.lineBreak)
            : (error as { lines?: number }).lines
      const what =
        code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opened in the record starting here is never closed, so the rest of the file would be one cell; close or remove it'
          : code === 'CSV_MAX_RECORD_SIZE'
            ? 'the record starting here is longer than 1 MB (a quote never closed?)'
            : messageOf(error).replace(/ at line \d+/, line === undefined ? '' : ` at line ${line}`)
      throw new CliFailure(EXIT_INPUT, `${file}${line === undefined ? '' : `: line ${line}`}: ${what}`, { cause: error })
    } finally {
      input.destroy()
    }
  }
  return { rows: rows(), bytesRead: () => lines.bytes }
}

/** The record csv-parse hands `on_record` with `raw` and `info` on. */
interface RawRecord {
  readonly record: string[]
  readonly info: Info
  readonly raw: string
}
