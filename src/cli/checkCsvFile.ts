// The check --engine duckdb runs before DuckDB reads the file: every byte UTF-8, and every record one csv-parse
// reads without an error. Parsing 1,000,000 rows with csv-parse only to throw them away took about 14.5 s of a
// 29.5 s run; this scan decides the same in well under a second for the files it can vouch for, and hands the
// rest to the full reader (readCsv), which stops at the first fault with its line and reason, as before.
import { isUtf8 } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { CliFailure, EXIT_INPUT } from './failure.js'
import { MAX_RECORD_CHARACTERS, readCsv } from './readCsv.js'
import { messageOf } from './rules.js'

const NEWLINE = 0x0a
const RETURN = 0x0d
const QUOTE = 0x22
const COMMA = 0x2c
const SPACE = 0x20
const TAB = 0x09
// One line longer than this without a line break is handed to readCsv, which refuses it with its line.
const MAX_PENDING_BYTES = 64 * 1024 * 1024
const CHUNK_BYTES = 4 * 1024 * 1024

/**
 * Checks that `file` is UTF-8 throughout and that readCsv would read every record of it; throws the CliFailure
 * readCsv throws (the line and the reason) when not. The file is only read. `onBytes` is told how far the scan
 * has got, for the progress bar.
 */
export async function checkCsvFile(file: string, onBytes: (bytes: number) => void = () => undefined): Promise<void> {
  if (await isPlainCsv(file, onBytes)) return
  // Something the scan cannot vouch for (a byte that is not UTF-8, a quote it does not read as csv-parse would, a
  // very long record): the full reader decides, and says which line is at fault.
  const reader = readCsv(file)
  for await (const _row of reader.rows) onBytes(reader.bytesRead())
}

// What the scan knows at a byte: where it is in a record, outside quotes or in them.
const FIELD_START = 0
/** Spaces or tabs at the start of a field: a quote after them is left to csv-parse (trim). */
const BLANK = 1
const UNQUOTED = 2
const QUOTED = 3
/** A quote inside a quoted cell: the cell's end, or the first of two quotes that stand for one. */
const QUOTE_IN_QUOTED = 4
/** A carriage return outside quotes: only a line feed may follow. */
const RETURN_SEEN = 5

/**
 * True when every byte is UTF-8 and every record is plainly readable: cells unquoted without a quote inside, or
 * quoted from their first character with doubled quotes inside and a delimiter or line end after the closing
 * quote, records no longer than readCsv allows, and one kind of line end throughout. False whenever anything else
 * is met — not necessarily an error, only one readCsv must judge. A byte-level state machine over large chunks,
 * with `isUtf8` (simdutf) on whole blocks.
 */
async function isPlainCsv(file: string, onBytes: (bytes: number) => void): Promise<boolean> {
  const input = createReadStream(file, { highWaterMark: CHUNK_BYTES })
  let state: number = FIELD_START
  // Absolute offsets: where the current record starts, and the bytes read before the current chunk.
  let recordStart = 0
  let offset = 0
  // The first record's line end (\n or \r\n): csv-parse takes it for the whole file.
  let crlf: boolean | undefined
  // The bytes after the last line feed of the previous chunk, checked as UTF-8 with the next.
  let pending: Buffer = Buffer.alloc(0)
  const endRecord = (end: number, isCrlf: boolean): boolean => {
    if (end - recordStart > MAX_RECORD_CHARACTERS) return false
    if (crlf === undefined) crlf = isCrlf
    else if (crlf !== isCrlf) return false
    recordStart = end + 1
    return true
  }
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0
      if (offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        // The byte order mark csv-parse drops (bom: true).
        start = 3
        recordStart = 3
      }
      for (let i = start; i < chunk.length; i += 1) {
        const byte = chunk[i] as number
        switch (state) {
          case FIELD_START:
          case BLANK:
            if (byte === COMMA) state = FIELD_START
            else if (byte === NEWLINE) {
              if (!endRecord(offset + i, false)) return false
              state = FIELD_START
            } else if (byte === RETURN) state = RETURN_SEEN
            else if (byte === QUOTE) {
              if (state === BLANK) return false
              state = QUOTED
            } else if (byte === SPACE || byte === TAB) state = BLANK
            else state = UNQUOTED
            break
          case UNQUOTED:
            if (byte === COMMA) state = FIELD_START
            else if (byte === NEWLINE) {
              if (!endRecord(offset + i, false)) return false
              state = FIELD_START
            } else if (byte === RETURN) state = RETURN_SEEN
            // csv-parse keeps such a quote as typed (relax_quotes); that is for it to say, not this scan.
            else if (byte === QUOTE) return false
            break
          case QUOTED:
            if (byte === QUOTE) state = QUOTE_IN_QUOTED
            break
          case QUOTE_IN_QUOTED:
            if (byte === QUOTE) state = QUOTED
            else if (byte === COMMA) state = FIELD_START
            else if (byte === NEWLINE) {
              if (!endRecord(offset + i, false)) return false
              state = FIELD_START
            } else if (byte === RETURN) state = RETURN_SEEN
            else return false
            break
          case RETURN_SEEN:
            if (byte !== NEWLINE || !endRecord(offset + i, true)) return false
            state = FIELD_START
            break
        }
      }
      const text = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      // A line feed is never inside a multi-byte sequence: the text up to the last one can be checked alone.
      const cut = text.lastIndexOf(NEWLINE)
      if (cut >= 0 && !isUtf8(text.subarray(0, cut + 1))) return false
      pending = cut >= 0 ? Buffer.from(text.subarray(cut + 1)) : text
      if (pending.length > MAX_PENDING_BYTES) return false
      offset += chunk.length
      onBytes(offset)
    }
  } catch (error) {
    throw new CliFailure(EXIT_INPUT, `cannot read ${file}: ${messageOf(error)}`, { cause: error })
  } finally {
    input.destroy()
  }
  if (!isUtf8(pending)) return false
  // The end of the file ends the last record; a quote still open there is csv-parse's error to report.
  if (state === QUOTED || state === RETURN_SEEN) return false
  return offset - recordStart <= MAX_RECORD_CHARACTERS
}
