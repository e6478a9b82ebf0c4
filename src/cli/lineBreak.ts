// Which byte ends the lines of a CSV file, for counting them: the errors file gives each refused row's physical line.

const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d

/**
 * The byte that ends lines in a file whose text starts with `head`: a carriage return when the first line ends with
 * one alone (a classic Mac OS file, which csv-parse and DuckDB both read), else a line feed (`\n` and `\r\n` files,
 * and a file with no line break in `head`). Within one file the count then goes by that byte only: a lone carriage
 * return inside a quoted cell of a `\n` file is not a line break, nor a line feed inside a quoted cell of a `\r` file.
 *
 * @example
 * lineBreakOf(Buffer.from('id,name\r1,Ann\r')) //=> 0x0d
 * lineBreakOf(Buffer.from('id,name\r\n1,Ann\r\n')) //=> 0x0a
 */
export function lineBreakOf(head: Uint8Array): number {
  for (let i = 0; i < head.length; i += 1) {
    if (head[i] === LINE_FEED) return LINE_FEED
    if (head[i] === CARRIAGE_RETURN) return i + 1 < head.length && head[i + 1] !== LINE_FEED ? CARRIAGE_RETURN : LINE_FEED
  }
  return LINE_FEED
}

/** How many times `text` holds the line-break byte `lineBreak` (as a character). */
export function countLineBreaks(text: string, lineBreak: number): number {
  const character = String.fromCharCode(lineBreak)
  let count = 0
  for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) count += 1
  return count
}
