import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkCsvFile } from '../../src/cli/checkCsvFile.js'

const dir = mkdtempSync(join(tmpdir(), 'leadkit-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The scan reads 4 MB at a time: these files are larger, so their faults and their multi-byte characters fall in
// later blocks and across the blocks' edges.
const CHUNK = 4 * 1024 * 1024
const HEADER = 'id,firstName,lastName,email\n'
const row = (i: number): string => `lead-${i},Ann,Lee,"ann.${i}@x.example"\n`

/** `rows` rows after the header, each the same length, so a line's byte offset is known. */
function bigFile(name: string, rows: number, change?: (lines: string[]) => void): string {
  const lines = Array.from({ length: rows }, (_, i) => row(i))
  change?.(lines)
  const path = join(dir, name)
  writeFileSync(path, HEADER + lines.join(''))
  return path
}

/** Runs the check; returns how often it told its progress (once a block on the quick path, once a row on the full one). */
async function check(path: string): Promise<number> {
  let updates = 0
  await checkCsvFile(path, () => {
    updates += 1
  })
  return updates
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('checkCsvFile', () => {
  it('passes a large plain file in a few blocks, quoted cells, CRLF and a BOM included, without changing it', async () => {
    const plain = bigFile('plain.csv', 300_000)
    const before = sha(plain)
    expect(await check(plain)).toBeLessThan(10)
    expect(sha(plain)).toBe(before)
    const crlf = join(dir, 'crlf.csv')
    writeFileSync(crlf, `\ufeff${readFileSync(plain, 'utf8').replaceAll('\n', '\r\n')}`)
    expect(await check(crlf)).toBeLessThan(10)
  })

  it('passes a multi-byte character and a quoted line break that straddle the edge of a block', async () => {
    for (const [cell, at] of [
      ['Zoë€', CHUNK - 3], // "ë" is bytes CHUNK-1 and CHUNK
      ['"two\nlines €"', CHUNK - 2], // the quote opens before the edge, the line break comes after it
    ] as const) {
      let text = HEADER
      for (let i = 0; text.length < CHUNK - 200; i += 1) text += row(i)
      const prefix = `edge,${'x'.repeat(at - text.length - 'edge,,Lee,'.length)},Lee,`
      text += `${prefix}${cell}\n`
      for (let i = 0; i < 1000; i += 1) text += row(1_000_000 + i)
      const path = join(dir, `edge-${at}.csv`)
      writeFileSync(path, text)
      expect(readFileSync(path).indexOf(Buffer.from(cell))).toBe(at)
      expect(await check(path)).toBeLessThan(10)
    }
  })

  it('reports a byte that is not UTF-8 on a line far into a large file with that line', async () => {
    const path = bigFile('latin1.csv', 200_000)
    const bytes = readFileSync(path)
    // Line 150,001 is data row 150,000 (index 149,999): its "Ann" becomes "Ann" + 0xe9 (Latin-1 é).
    const at = bytes.indexOf('lead-149999,Ann') + 'lead-149999,Ann'.length
    writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]))
    expect(at).toBeGreaterThan(CHUNK)
    await expect(check(path)).rejects.toThrow(/latin1\.csv: line 150001 is not valid UTF-8/)
  })

  it('reports a quote never closed and text after a closing quote with their lines, as the full reader does', async () => {
    const open = bigFile('open.csv', 200_000, (lines) => {
      // The last row: a quote never closed swallows the rest of the file, which must hold no other quote.
      lines[199_999] = 'lead-x,Ann,"Lee,never closed\n'
    })
    await expect(check(open)).rejects.toThrow(/open\.csv: line 200001: a quote opened in the record starting here is never closed/)
    const stray = bigFile('stray.csv', 200_000, (lines) => {
      lines[170_000] = 'lead-y,Ann,"Lee"x,a@x.example\n'
    })
    await expect(check(stray)).rejects.toThrow(/stray\.csv: line 170002: Invalid Closing Quote/)
  })

  it('leaves what it cannot vouch for to the full reader, which reads it without an error', async () => {
    // A quote inside an unquoted cell (kept as typed), a quote after blanks, a lone carriage return: all readable.
    for (const [name, text] of [
      ['inner.csv', `${HEADER}j4,O"Brien,Lee,x@x.example\n`],
      ['blank-quote.csv', `${HEADER}j5, "Ann",Lee,x@x.example\n`],
    ] as const) {
      const path = join(dir, name)
      writeFileSync(path, text)
      await expect(check(path)).resolves.toBeGreaterThanOrEqual(0)
    }
  })
})
