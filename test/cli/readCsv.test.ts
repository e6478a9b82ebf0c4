import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../src/cli/readCsv.js'

const dir = mkdtempSync(join(tmpdir(), 'leadkit-readcsv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** Each record as `line:first cell`, after checking that reading left the file as it was. */
async function lines(name: string, content: string | Buffer): Promise<string[]> {
  const path = file(name, content)
  const before = sha(path)
  const out: string[] = []
  for await (const row of readCsv(path).rows) out.push(`${row.line}:${row.cells[0]}`)
  expect(sha(path)).toBe(before)
  return out
}

async function failure(name: string, content: string | Buffer): Promise<string> {
  const path = file(name, content)
  try {
    for await (const _ of readCsv(path).rows) {
      // read on to the fault
    }
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('no failure')
}

describe('readCsv record lines (issue 15)', () => {
  it('gives each record the line it starts on in a plain LF file', async () => {
    expect(await lines('plain.csv', 'id,a\n1,x\n2,y\n')).toEqual(['1:id', '2:1', '3:2'])
  })

  it('counts blank lines, and lines of spaces only, before a record', async () => {
    expect(await lines('blank.csv', 'id,a\n1,x\n\n2,y\n  \n\t\n3,z\n\n')).toEqual(['1:id', '2:1', '4:2', '7:3'])
    expect(await lines('blank-first.csv', '\n\nid,a\n1,x\n')).toEqual(['3:id', '4:1'])
  })

  it('does not count a byte order mark as a line', async () => {
    expect(await lines('bom.csv', '\ufeffid,a\n\n1,x\n2,y')).toEqual(['1:id', '3:1', '4:2'])
    expect(await lines('bom-crlf.csv', '\ufeffid,a\r\n\r\n1,x\r\n')).toEqual(['1:id', '3:1'])
  })

  it('counts a CRLF line end as one line, blank CRLF lines included', async () => {
    expect(await lines('crlf.csv', 'id,a\r\n1,x\r\n\r\n2,y\r\n\r\n\r\n3,z')).toEqual(['1:id', '2:1', '4:2', '7:3'])
  })

  it('starts the record after a quoted cell with LF or CRLF inside on the right line', async () => {
    expect(await lines('lf-in-quotes.csv', 'id,a\n1,"p\nq"\n2,y\n')).toEqual(['1:id', '2:1', '4:2'])
    expect(await lines('crlf-in-quotes.csv', 'id,a\r\n1,"p\r\nq\r\nr"\r\n\r\n2,y\r\n')).toEqual(['1:id', '2:1', '6:2'])
    expect(await lines('crlf-in-lf.csv', 'id,a\n1,"p\r\nq"\n\n2,y\n')).toEqual(['1:id', '2:1', '5:2'])
    expect(await lines('lf-in-crlf.csv', 'id,a\r\n1,"p\nq"\r\n2,y')).toEqual(['1:id', '2:1', '4:2'])
  })

  it('does not count a carriage return without a line feed inside quotes as a line break', async () => {
    // Lines are counted by line feeds, as an editor, the UTF-8 check and the DuckDB engine count them.
    expect(await lines('lone-cr.csv', 'id,a\n1,"p\rq"\n2,y\n')).toEqual(['1:id', '2:1', '3:2'])
  })

  it('keeps a record of one quoted empty cell and every other record, none dropped', async () => {
    expect(await lines('quoted-empty.csv', 'id\n""\n\n2\n')).toEqual(['1:id', '2:', '4:2'])
  })

  it('keeps the lines exact over many reads of the file (chunk edges) with CRLF inside quotes and blank lines', async () => {
    const records = ['id,note']
    const expected = ['1:id']
    let line = 2
    for (let i = 0; i < 20_000; i += 1) {
      expected.push(`${line}:r${i}`)
      if (i % 3 === 0) {
        records.push(`r${i},"a\r\nb"`, '')
        line += 3
      } else {
        records.push(`r${i},plain`)
        line += 1
      }
    }
    const text = `${records.join('\r\n')}\r\n`
    expect(text.length).toBeGreaterThan(4 * 64 * 1024)
    expect(await lines('big.csv', text)).toEqual(expected)
  })

  it('reports a quote never closed with the line its record starts on, after blank lines and CRLF in quotes', async () => {
    expect(await failure('open.csv', 'id,a\r\n1,"p\r\nq"\r\n\r\n2,"never closed\r\n3,z\r\n')).toMatch(
      /open\.csv: line 5: a quote opened in the record starting here is never closed/,
    )
  })

  it('reports text after a closing quote with its physical line, after blank lines and CRLF in quotes', async () => {
    expect(await failure('stray-lf.csv', 'id,a\n1,"p\r\nq"\n2,"Lee"x,z\n')).toMatch(
      /stray-lf\.csv: line 4: Invalid Closing Quote: found non trimable byte after quote at line 4$/,
    )
    expect(await failure('stray-crlf.csv', 'id,a\r\n1,"p\r\nq"\r\n\r\n2,"Lee"x,z\r\n')).toMatch(/stray-crlf\.csv: line 5: /)
    // Inside a record that spans lines, the line of the fault itself.
    expect(await failure('stray-inside.csv', 'id,a,b\n\n1,"p\r\nq","r"x\n')).toMatch(/stray-inside\.csv: line 4: /)
  })

  it('counts lines by carriage returns in a file whose lines end with one alone (classic Mac OS)', async () => {
    expect(await lines('cr-only.csv', 'id,a\r1,x\r\r2,"p\rq"\r3,z\r')).toEqual(['1:id', '2:1', '4:2', '6:3'])
    // A line feed inside a quoted cell of such a file is not a line break there.
    expect(await lines('cr-lf-in-quotes.csv', 'id,a\r1,"p\nq"\r2,y')).toEqual(['1:id', '2:1', '3:2'])
    expect(await failure('cr-stray.csv', 'id,a\r1,x\r\r2,"Lee"x\r')).toMatch(/cr-stray\.csv: line 4: /)
    const bad = Buffer.concat([Buffer.from('id,a\r1,x\r2,'), Buffer.from([0xe9]), Buffer.from('\r')])
    expect(await failure('cr-latin1.csv', bad)).toMatch(/cr-latin1\.csv: line 3 is not valid UTF-8/)
  })

  it('reads a CR-only file longer than one read of the file with every line right (chunk edges)', async () => {
    const rows = ['id,a']
    for (let i = 0; i < 30_000; i += 1) rows.push(i % 1000 === 7 ? `${i},"x\ry"` : `${i},x`)
    const got = await lines('cr-long.csv', `${rows.join('\r')}\r`)
    expect(got).toHaveLength(30_001)
    // Record i starts on line i + 2, one further for each record before it with a break inside its quoted cell.
    expect(got[30_000]).toBe(`${30_001 + 30}:29999`)
    expect(got[1008]).toBe('1010:1007')
    expect(got[1009]).toBe('1012:1008')
  })

  it('still reports a byte that is not UTF-8 with its line', async () => {
    const bad = Buffer.concat([Buffer.from('id,a\n\n1,"p\r\nq"\n2,x'), Buffer.from([0xe9]), Buffer.from('\n')])
    expect(await failure('latin1.csv', bad)).toMatch(/latin1\.csv: line 5 is not valid UTF-8/)
  })
})
