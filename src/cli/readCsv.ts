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
import { messageOf } from './rules.js'

/** One CSV record: its cells and the line it starts on (1 is the header). */
export interface CsvRow {
  readonly line: number
  readonly cells: readonly string[]
}

/** A record csv-parse could not read (a stray quote, a record over the size limit), with its line. */
export interface CsvSkip {
  readonly line: number
  readonly reason: string
}

const NEWLINE = 0x0a
// One line longer than this is not a lead: refusing it bounds the memory a file without line breaks can take.
const MAX_LINE_BYTES = 64 * 1024 * 1024
/** The largest record csv-parse assembles (a cell with an unclosed quote would otherwise swallow the file). */
const MAX_RECORD_CHARACTERS = 1024 * 1024

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

  constructor(private readonly file: string) {
    super({ readableObjectMode: false })
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    const buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const cut = buffer.lastIndexOf(NEWLINE)
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
      for (let at = lines.indexOf(NEWLINE); at >= 0; at = lines.indexOf(NEWLINE, at + 1)) this.line += 1
      return undefined
    }
    // A newline byte is never inside a multi-byte sequence, so the lines can be checked one by one.
    let start = 0
    for (let line = this.line; ; line += 1) {
      const end = lines.indexOf(NEWLINE, start)
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
 * Streams the records of a CSV file (header first). Malformed records are passed to `onSkip` with their line and
 * csv-parse's reason, never dropped unseen; bad UTF-8 and unreadable files throw a CliFailure with the line.
 */
export function readCsv(file: string, onSkip: (skip: CsvSkip) => void): CsvReader {
  const lines = new Utf8Lines(file)
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    // Cells of a record that has too few or too many are still read, so the row is reported with its line.
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARACTERS,
    // Spaces around a delimiter (`a, b`, as in the FEBRL files) are not part of the value; quoted spaces are kept.
    trim: true,
    on_skip: (error) => {
      if (error !== undefined) onSkip({ line: (error as { lines?: number }).lines ?? 0, reason: error.message })
    },
  })
  const input = createReadStream(file)
  input.on('error', (error) => lines.destroy(new CliFailure(EXIT_INPUT, `cannot read ${file}: ${messageOf(error)}`, { cause: error })))
  lines.on('error', (error) => parser.destroy(error))
  input.pipe(lines).pipe(parser)
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for await (const output of parser as AsyncIterable<{ record: string[]; info: Info; raw: string }>) {
        // info.lines is where the record ends; a record with line breaks inside quotes starts that many lines earlier.
        const inside = countNewlines(output.raw.replace(/\r?\n$/, ''))
        yield { line: output.info.lines - inside, cells: output.record }
      }
    } catch (error) {
      if (error instanceof CliFailure) throw error
      const line = (error as { lines?: number }).lines
      throw new CliFailure(EXIT_INPUT, `${file}${line === undefined ? '' : `: line ${line}`}: ${messageOf(error)}`, { cause: error })
    } finally {
      input.destroy()
    }
  }
  return { rows: rows(), bytesRead: () => lines.bytes }
}

function countNewlines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1
  return count
}
