import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { createProgress } from '../../src/cli/progress.js'

// The command as a user runs it: a child process, with stdout and stderr piped (so stderr is not a terminal).
const ROOT = join(import.meta.dirname, '..', '..')
const MAIN = join(ROOT, 'src', 'cli', 'main.ts')
const dir = mkdtempSync(join(tmpdir(), 'leadkit-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function leadkit(...args: string[]): Promise<Run> {
  return node(['--import', 'tsx'], args)
}

function node(flags: readonly string[], args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [...flags, MAIN, ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      done({ code, stdout, stderr })
    })
  })
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const read = (path: string): string => readFileSync(path, 'utf8')
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

const LEADS = [
  'id,firstName,lastName,companyName,email,businessPhone',
  'l1,Bob,Smith,Contoso Ltd,bob@contoso.com,',
  'l2,Robert,Smith,CONTOSO Limited,robert.smith@contoso.com,',
  'l3,Ann,Lee,Fabrikam,ann@fabrikam.com,',
  'l4,Anne,Lee,Fabrikam,ANN@fabrikam.com,',
  'l5,Carl,Jones,Tailspin,carl@tailspin.com,',
].join('\n')

const EMAIL_RULES = JSON.stringify([
  { kind: 'keyed', name: 'Same email', baseEntity: 'lead', baseFields: ['email'], normalizer: 'email' },
])

describe('leadkit dedupe', () => {
  it('writes the groups of a file with known duplicates, exits 1, and leaves the input as it was', async () => {
    const input = file('leads.csv', LEADS)
    const before = sha(input)
    const out = join(dir, 'groups.csv')
    const run = await leadkit('dedupe', input, '--out', out, '--json')
    expect(run.code).toBe(1)
    expect(read(out)).toBe(
      [
        'group_id,record_id,rule',
        'l1,l1,Leads with a similar name and a similar company name',
        'l1,l2,Leads with a similar name and a similar company name',
        'l3,l3,Leads with the same email address',
        'l3,l4,Leads with the same email address',
        '',
      ].join('\n'),
    )
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ engine: 'memory', rowsRead: 5, rowsRefused: 0, groups: 2, recordsInGroups: 4, pairs: 2, exitCode: 1 })
    expect(read(join(dir, 'groups.errors.csv'))).toBe('line,id,column,code,reason\n')
    expect(sha(input)).toBe(before)
    // stderr is a pipe here: no progress bar, no escape codes.
    expect(run.stderr).not.toMatch(/\u001b/)
  })

  it('exits 0 when there are no duplicates, and prints the summary on stderr', async () => {
    const input = file('unique.csv', 'id,firstName,lastName,email\na,Ann,Lee,ann@x.example\nb,Tom,Jones,tom@y.example\n')
    const out = join(dir, 'unique-groups.csv')
    const run = await leadkit('dedupe', input, '--out', out, '--rules', file('email.json', EMAIL_RULES))
    expect(run.code).toBe(0)
    expect(read(out)).toBe('group_id,record_id,rule\n')
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/rows read +2\n/)
    expect(run.stderr).toMatch(/groups +0 /)
    expect(run.stderr).not.toMatch(/\u001b/)
  })

  it('reports every row that is not a lead in the errors file, with its line and reason, and counts it', async () => {
    const input = file(
      'junk.csv',
      [
        'id,firstName,lastName,email,description',
        'j1,Ann,Lee,ann@x.example,"two',
        'lines"', // a cell with a line break: the next record starts on line 4
        'j2,Anne,Lee,not-an-email,',
        'j3,Tom,Jones,tom@x.example', // one cell short
        ',No,Id,noid@x.example,',
        'j1,Dup,Id,ann@x.example,',
        'j4,O"Brien,Lee,x@x.example,', // a quote inside a cell is kept as typed
        'j5,Tom,Jones,tom@x.example,',
        'j6,Thomas,Jones,TOM@x.example,',
      ].join('\n'),
    )
    const before = sha(input)
    const out = join(dir, 'junk-groups.csv')
    const errors = join(dir, 'junk-errors.csv')
    const run = await leadkit('dedupe', input, '--out', out, '--errors', errors, '--rules', file('email2.json', EMAIL_RULES), '--json')
    expect(run.code).toBe(1)
    const lines = read(errors).trim().split('\n')
    expect(lines[0]).toBe('line,id,column,code,reason')
    const rows = lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))
    expect(rows).toEqual([
      '4,j2,email,invalid_format',
      '5,j3,,invalid_format',
      '6,,id,required',
      '7,j1,id,invalid_value',
    ])
    expect(lines[2]).toMatch(/the row has 4 cells; the header has 5/)
    expect(lines[4]).toMatch(/already on line 2/)
    expect(JSON.parse(run.stdout)).toMatchObject({ rowsRead: 8, rowsRefused: 4, groups: 1, recordsInGroups: 2 })
    expect(read(out)).toBe('group_id,record_id,rule\nj5,j5,Same email\nj5,j6,Same email\n')
    expect(sha(input)).toBe(before)
  })

  it('reads a UTF-8 BOM and CRLF line ends, and a file of only a header', async () => {
    const rules = file('bom.json', EMAIL_RULES)
    const input = file('bom.csv', '\ufeffid,email\r\n1,a@x.example\r\n2,bad\r\n3,A@x.example\r\n')
    const run = await leadkit('dedupe', input, '--out', join(dir, 'bom-groups.csv'), '--rules', rules, '--json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ rowsRead: 3, rowsRefused: 1, groups: 1 })
    expect(read(join(dir, 'bom-groups.errors.csv'))).toMatch(/^3,2,email,invalid_format,/m)
    const header = await leadkit('dedupe', file('header.csv', 'id,email\n'), '--out', join(dir, 'header-groups.csv'), '--rules', rules, '--json')
    expect(header.code).toBe(0)
    expect(JSON.parse(header.stdout)).toMatchObject({ rowsRead: 0, groups: 0 })
  })

  it('stops with the line when the file cannot be read as CSV, rather than skip rows', async () => {
    const out = join(dir, 'broken-groups.csv')
    const rules = file('broken.json', EMAIL_RULES)
    const open = await leadkit('dedupe', file('open.csv', 'id,email\n1,a@x.example\n2,"never closed\n3,b@x.example\n'), '--out', out, '--rules', rules)
    expect(open.code).toBe(3)
    expect(open.stderr).toMatch(/open\.csv: line 3: a quote opened in the record starting here is never closed/)
    const stray = await leadkit('dedupe', file('stray.csv', 'id,email\n1,a@x.example\n2,"b"@x.example\n'), '--out', out, '--rules', rules)
    expect(stray.code).toBe(3)
    expect(stray.stderr).toMatch(/stray\.csv: line 3: Invalid Closing Quote/)
  })

  it('reads Dataverse logical names, codes included, and reports a bad code at its column', async () => {
    const input = file(
      'dataverse.csv',
      [
        'leadid,firstname,lastname,companyname,emailaddress1,statecode,address1_city,new_score',
        'd1,Ann,Lee,Fabrikam,ann@fabrikam.com,0,York,1',
        'd2,Anne,Lee,Fabrikam,ann@fabrikam.com,0,York,2',
        'd3,Ann,Lee,Fabrikam,ann@fabrikam.com,2,York,3',
        'd4,Tom,Jones,Tailspin,tom@tailspin.com,9,Leeds,4',
      ].join('\n'),
    )
    const out = join(dir, 'dataverse-groups.csv')
    const run = await leadkit('dedupe', input, '--out', out, '--json')
    expect(run.code).toBe(1)
    // d3 is disqualified (statecode 2): the open leads are not offered to it, but it matches them, so it is grouped
    // with them (a pair counts when either record matches the other, docs/duplicates.md).
    expect(read(out)).toBe(
      'group_id,record_id,rule\nd1,d1,Leads with the same email address\nd1,d2,Leads with the same email address\nd1,d3,Leads with the same email address\n',
    )
    expect(read(join(dir, 'dataverse-groups.errors.csv'))).toMatch(/^5,d4,statecode,invalid_value,/m)
  })

  it('refuses a file without an id column or without any field the rules read, naming the columns', async () => {
    const out = join(dir, 'cols.csv')
    const noId = await leadkit('dedupe', file('noid.csv', 'name,mail\nAnn,a@x.example\n'), '--out', out)
    expect(noId.code).toBe(3)
    expect(noId.stderr).toMatch(/noid\.csv: the file has no id column: expected "id" or "leadid" \(it has "name", "mail"\)/)
    const noFields = await leadkit('dedupe', file('nofields.csv', 'id,foo\n1,x\n'), '--out', out)
    expect(noFields.code).toBe(3)
    expect(noFields.stderr).toMatch(/nofields\.csv: none of the columns is a field the rules read/)
    expect(noFields.stderr).toMatch(/columns found: "id", "foo"/)
    expect(noFields.stderr).toMatch(/fields expected \(at least one\): "email"/)
  })

  it('reads ids from --id-column even when the file also has an "id" column, keeping that one under extra', async () => {
    const input = file('two-ids.csv', ['id,crm_key,email', '1,a,x@example.com', '1,b,X@example.com', '2,c,y@example.com'].join('\n'))
    const rules = file('two-ids.json', EMAIL_RULES)
    const out = join(dir, 'two-ids-groups.csv')
    const run = await leadkit('dedupe', input, '--out', out, '--rules', rules, '--id-column', 'crm_key', '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ rowsRead: 3, rowsRefused: 0, groups: 1 })
    expect(read(out).trim().split('\n').slice(1)).toEqual(['a,a,Same email', 'a,b,Same email'])
  })

  it('refuses settings that compare nothing (detection off) as it refuses a list without a published rule', async () => {
    const input = file('off.csv', LEADS)
    const out = join(dir, 'off-groups.csv')
    const off = file('off.json', JSON.stringify({ experience: 'legacy', duplicateDetection: { enabled: false, rules: [] } }))
    const run = await leadkit('dedupe', input, '--out', out, '--rules', off)
    // Exit 0 would tell a script the file has no duplicates although nothing was compared.
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/off\.json.*nothing would be compared/)
  })

  it('refuses a bad rules file with the path of the bad part, and a file that is not JSON', async () => {
    const input = file('rules-input.csv', LEADS)
    const out = join(dir, 'rules-groups.csv')
    const badRule = file('bad-rules.json', JSON.stringify([{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'companyName', operator: 'same-first-characters' }] }]))
    const bad = await leadkit('dedupe', input, '--out', out, '--rules', badRule)
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/bad-rules\.json: \[0\]\.conditions\[0\]\.characters is required/)
    const notJson = await leadkit('dedupe', input, '--out', out, '--rules', file('not.json', '[{ "name": '))
    expect(notJson.code).toBe(3)
    expect(notJson.stderr).toMatch(/not\.json is not JSON/)
  })

  it('refuses text that is not UTF-8 with its line, a UTF-16 file, and a missing file', async () => {
    const out = join(dir, 'enc.csv')
    const latin1 = file('latin1.csv', Buffer.concat([Buffer.from('id,firstName,email\n1,Ann,a@x.example\n2,Caf'), Buffer.from([0xe9]), Buffer.from(',b@x.example\n')]))
    const before = sha(latin1)
    const bad = await leadkit('dedupe', latin1, '--out', out)
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/latin1\.csv: line 3 is not valid UTF-8/)
    expect(sha(latin1)).toBe(before)
    const utf16 = await leadkit('dedupe', file('utf16.csv', Buffer.from('\ufeffid,email\n', 'utf16le')), '--out', out)
    expect(utf16.code).toBe(3)
    expect(utf16.stderr).toMatch(/utf16\.csv: line 1: the file is UTF-16/)
    const missing = await leadkit('dedupe', join(dir, 'nope.csv'), '--out', out)
    expect(missing.code).toBe(3)
    expect(missing.stderr).toMatch(/nope\.csv: no such file/)
  })

  it('exits 2 on usage errors, and never writes to its input', async () => {
    const input = file('usage.csv', LEADS)
    const before = sha(input)
    const noOut = await leadkit('dedupe', input)
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toMatch(/needs --out/)
    const engine = await leadkit('dedupe', input, '--out', join(dir, 'u.csv'), '--engine', 'spark')
    expect(engine.code).toBe(2)
    expect(engine.stderr).toMatch(/the engines are memory and duckdb/)
    const overwrite = await leadkit('dedupe', input, '--out', input)
    expect(overwrite.code).toBe(2)
    expect(overwrite.stderr).toMatch(/is the input file/)
    const map = await leadkit('dedupe', input, '--out', join(dir, 'u.csv'), '--map', 'email=nonsense')
    expect(map.code).toBe(2)
    expect(map.stderr).toMatch(/"nonsense" is not a lead field/)
    expect(sha(input)).toBe(before)
    const help = await leadkit('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Exit codes: 0 no duplicates, 1 duplicates found, 2 usage error, 3 input error/)
  })

  it('finds the same groups with --engine duckdb as in memory', async (context) => {
    const require = createRequire(import.meta.url)
    try {
      require.resolve('@duckdb/node-api')
    } catch {
      console.warn('@duckdb/node-api is not installed: the duckdb engine test is skipped')
      context.skip()
    }
    const input = file('parity.csv', LEADS)
    const before = sha(input)
    const rules = file('parity.json', EMAIL_RULES)
    const memory = await leadkit('dedupe', input, '--out', join(dir, 'parity-memory.csv'), '--rules', rules, '--json')
    const duckdb = await leadkit('dedupe', input, '--out', join(dir, 'parity-duckdb.csv'), '--rules', rules, '--engine', 'duckdb', '--json')
    expect(memory.code).toBe(1)
    expect(duckdb.code).toBe(1)
    expect(read(join(dir, 'parity-duckdb.csv'))).toBe(read(join(dir, 'parity-memory.csv')))
    expect(read(join(dir, 'parity-duckdb.csv'))).toBe('group_id,record_id,rule\nl3,l3,Same email\nl3,l4,Same email\n')
    expect(JSON.parse(duckdb.stdout)).toMatchObject({ engine: 'duckdb', rowsRead: 5, groups: 1, recordsInGroups: 2, pairs: 1 })
    // The default rules, fuzzy ones included, run whole in SQL (the file's missing website and mobile phone are
    // absent values, as in memory) and find the groups the memory engine finds.
    const defaults = await leadkit('dedupe', input, '--out', join(dir, 'parity-defaults.csv'), '--engine', 'duckdb', '--json')
    const defaultsMemory = await leadkit('dedupe', input, '--out', join(dir, 'parity-defaults-memory.csv'), '--json')
    expect([defaults.code, defaultsMemory.code]).toEqual([1, 1])
    expect(JSON.parse(defaults.stdout).skippedRules).toEqual([])
    expect(read(join(dir, 'parity-defaults.csv')).split('\n').map((line) => line.split(',').slice(0, 2).join(','))).toEqual(
      read(join(dir, 'parity-defaults-memory.csv')).split('\n').map((line) => line.split(',').slice(0, 2).join(',')),
    )
    expect(read(join(dir, 'parity-defaults.csv'))).toContain('l1,l2,Leads with a similar name and a similar company name')
    // A rule SQL runs with a known difference (the phone normaliser's fast-path subset) runs, and the summary says so.
    const phone = file('phone.json', JSON.stringify([{ kind: 'keyed', name: 'Same phone', baseEntity: 'lead', baseFields: ['businessPhone'], normalizer: 'phone', normalizerOptions: { defaultRegion: 'US' } }]))
    const warned = await leadkit('dedupe', input, '--out', join(dir, 'parity-phone.csv'), '--engine', 'duckdb', '--rules', phone, '--json')
    expect(JSON.parse(warned.stdout).ruleWarnings).toEqual([expect.objectContaining({ rule: 'Same phone' })])
    const warnedText = await leadkit('dedupe', input, '--out', join(dir, 'parity-phone.csv'), '--engine', 'duckdb', '--rules', phone)
    expect(warnedText.stderr).toMatch(/rule run in SQL with a difference: Same phone/)
    // An admin's rule set that SQL cannot run is refused whole.
    const fuzzy = file('fuzzy.json', JSON.stringify([{ kind: 'fuzzy', name: 'Names', baseEntity: 'lead', comparator: 'scored', options: { fields: [{ field: 'lastName', comparator: 'exact' }], threshold: 0.5 } }]))
    const refused = await leadkit('dedupe', input, '--out', join(dir, 'parity-fuzzy.csv'), '--engine', 'duckdb', '--rules', fuzzy)
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/run these rules with --engine memory/)
    expect(sha(input)).toBe(before)
  })

  it('reports rows with too few or too many cells under --engine duckdb with their lines, as in memory', async (context) => {
    const require = createRequire(import.meta.url)
    try {
      require.resolve('@duckdb/node-api')
    } catch {
      context.skip()
    }
    const lines = [
      'id,firstName,lastName,email,description',
      'c1,Ann,Lee,ann@x.example,"two',
      'lines"', // a cell with a line break: the next record starts on line 4
      'c2,Tom,Jones,tom@x.example', // one cell short
      'c3,Tom,Jones,tom@x.example,a,b', // one cell too many
      'c4,Tom,Jones,tom@x.example,',
      'c5,Thomas,Jones,TOM@x.example,',
    ]
    const input = file('cells.csv', lines.join('\n'))
    const before = sha(input)
    const rules = file('cells.json', EMAIL_RULES)
    const memory = await leadkit('dedupe', input, '--out', join(dir, 'cells-memory.csv'), '--rules', rules, '--json')
    const duckdb = await leadkit('dedupe', input, '--out', join(dir, 'cells-duckdb.csv'), '--rules', rules, '--engine', 'duckdb', '--json')
    expect(duckdb.code).toBe(1)
    expect(read(join(dir, 'cells-duckdb.errors.csv'))).toBe(
      'line,id,column,code,reason\n4,c2,,invalid_format,the row has 4 cells; the header has 5\n5,c3,,invalid_format,the row has 6 cells; the header has 5\n',
    )
    expect(read(join(dir, 'cells-duckdb.errors.csv'))).toBe(read(join(dir, 'cells-memory.errors.csv')))
    expect(read(join(dir, 'cells-duckdb.csv'))).toBe(read(join(dir, 'cells-memory.csv')))
    expect(JSON.parse(duckdb.stdout)).toMatchObject({ rowsRead: 5, rowsRefused: 2, groups: 1, recordsInGroups: 2 })
    expect(JSON.parse(memory.stdout)).toMatchObject({ rowsRead: 5, rowsRefused: 2 })
    expect(sha(input)).toBe(before)
    // The same rows with other line ends, through both engines: each bad row at its own physical line, the same
    // errors file, groups file and summary from both, and the file left as it was.
    const refusedAt = (c2: number, c3: number): string =>
      `line,id,column,code,reason\n${c2},c2,,invalid_format,the row has 4 cells; the header has 5\n${c3},c3,,invalid_format,the row has 6 cells; the header has 5\n`
    const bothEngines = async (name: string, content: string, errors: string): Promise<void> => {
      const path = file(`${name}.csv`, content)
      const fileBefore = sha(path)
      const onDuckdb = await leadkit('dedupe', path, '--out', join(dir, `${name}-duckdb.csv`), '--rules', rules, '--engine', 'duckdb', '--json')
      const inMemory = await leadkit('dedupe', path, '--out', join(dir, `${name}-memory.csv`), '--rules', rules, '--json')
      expect([onDuckdb.code, inMemory.code]).toEqual([1, 1])
      expect(read(join(dir, `${name}-memory.errors.csv`))).toBe(errors)
      expect(read(join(dir, `${name}-duckdb.errors.csv`))).toBe(errors)
      expect(read(join(dir, `${name}-duckdb.csv`))).toBe(read(join(dir, `${name}-memory.csv`)))
      for (const run of [onDuckdb, inMemory]) expect(JSON.parse(run.stdout)).toMatchObject({ rowsRead: 5, rowsRefused: 2, groups: 1 })
      expect(sha(path)).toBe(fileBefore)
    }
    // CRLF line ends (inside the quoted cell too) and blank lines before the bad rows.
    await bothEngines('cells-crlf', [...lines.slice(0, 3), '', lines[3], '', '', lines[4], ...lines.slice(5)].join('\r\n'), refusedAt(5, 8))
    // An LF file with a CRLF inside the quoted cell and blank lines.
    const mixedLines = [lines[0], 'c1,Ann,Lee,ann@x.example,"two\r\nlines"', '', lines[3], '', lines[4], ...lines.slice(5)]
    await bothEngines('cells-mixed', `${mixedLines.join('\n')}\n`, refusedAt(5, 7))
    // Lines that end with a carriage return alone (classic Mac OS), blank ones among them: counted by those.
    await bothEngines('cells-cr', `${[...lines.slice(0, 3), '', lines[3], lines[4], ...lines.slice(5)].join('\r')}\r`, refusedAt(5, 6))
  })

  it('stops --engine duckdb with the line of a byte that is not UTF-8 far into a large file, or of a quote never closed', async () => {
    const rows = ['id,firstName,email']
    for (let i = 0; i < 120_000; i += 1) rows.push(`d${i},Ann,"ann.${i}@x.example"`)
    const text = Buffer.from(`${rows.join('\n')}\n`)
    // Line 100,001 is row d99999: a Latin-1 "é" after its first name, past the first 4 MB block.
    const at = text.indexOf('d99999,Ann') + 'd99999,Ann'.length
    const latin1 = file('big-latin1.csv', Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]))
    const before = sha(latin1)
    const rules = file('big.json', EMAIL_RULES)
    const bad = await leadkit('dedupe', latin1, '--out', join(dir, 'big-groups.csv'), '--rules', rules, '--engine', 'duckdb')
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/big-latin1\.csv: line 100001 is not valid UTF-8/)
    expect(sha(latin1)).toBe(before)
    const open = file('duck-open.csv', 'id,email\n1,a@x.example\n2,"never closed\n3,b@x.example\n')
    const unclosed = await leadkit('dedupe', open, '--out', join(dir, 'open-groups.csv'), '--rules', rules, '--engine', 'duckdb')
    expect(unclosed.code).toBe(3)
    expect(unclosed.stderr).toMatch(/duck-open\.csv: line 3: a quote opened in the record starting here is never closed/)
  })

  it('says to install @duckdb/node-api, and exits 4, when --engine duckdb cannot load it', async () => {
    // A resolve hook that finds no @duckdb/node-api, as in an app that never installed the optional peer.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier === '@duckdb/node-api') throw Object.assign(new Error("Cannot find package '@duckdb/node-api'"), { code: 'ERR_MODULE_NOT_FOUND' })
      return next(specifier, context)
    }`
    const block = file('block-duckdb.mjs', `import { register } from 'node:module'\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}))\n`)
    const input = file('noduck.csv', LEADS)
    const run = await node(['--import', 'tsx', '--import', block], ['dedupe', input, '--out', join(dir, 'noduck-groups.csv'), '--engine', 'duckdb', '--rules', file('noduck.json', EMAIL_RULES)])
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/--engine duckdb needs the optional package @duckdb\/node-api/)
    expect(run.stderr).toMatch(/npm install @duckdb\/node-api/)
  })

  it('reads a FEBRL file through a column map: every data line is a row read', async (context) => {
    const febrl = join(ROOT, '..', 'shared', 'data', 'febrl', 'dataset1.csv')
    if (!existsSync(febrl)) {
      console.warn(`${febrl} is absent (a fresh clone has no ../shared): the FEBRL run is skipped`)
      context.skip()
    }
    const dataLines = read(febrl).split('\n').filter((line) => line.trim() !== '').length - 1
    const rules = file('febrl.json', JSON.stringify({
      rules: [{ name: 'Same surname and postcode', baseEntity: 'lead', conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'address.postalCode', operator: 'exact' }] }],
    }))
    const out = join(dir, 'febrl-groups.csv')
    const run = await leadkit(
      'dedupe', febrl, '--out', out, '--rules', rules, '--json', '--id-column', 'rec_id',
      '--map', 'given_name=firstName', '--map', 'surname=lastName', '--map', 'postcode=address.postalCode',
      '--map', 'suburb=address.city', '--map', 'state=address.stateOrProvince', '--map', 'address_1=address.street1',
    )
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stdout)
    expect(dataLines).toBe(1000)
    expect(summary.rowsRead).toBe(dataLines)
    expect(summary.rowsRefused).toBe(0)
    expect(summary.groups).toBeGreaterThan(200)
    // Every group joins an original with its copies: rec-N-org and rec-N-dup-K share N.
    const groups = new Map<string, Set<string>>()
    for (const line of read(out).trim().split('\n').slice(1)) {
      const [group, id] = line.split(',') as [string, string]
      groups.set(group, (groups.get(group) ?? new Set()).add(id.replace(/^rec-(\d+)-.*$/, '$1')))
    }
    const pure = [...groups.values()].filter((people) => people.size === 1).length
    expect(pure / groups.size).toBeGreaterThan(0.95)
  })
})

describe('the progress bar', () => {
  const stream = (isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } => {
    const sink = new PassThrough()
    let text = ''
    sink.on('data', (chunk: Buffer) => (text += chunk.toString()))
    Object.assign(sink, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true })
    return { stream: sink as unknown as NodeJS.WriteStream, text: () => text }
  }

  it('draws on a terminal: rows read, elapsed and ETA', () => {
    const tty = stream(true)
    const progress = createProgress(tty.stream, 1000, true)
    progress.update(500, 5000, 2)
    progress.stop('grouping 5,000 leads…')
    // The format's words are drawn even before the first update: the counts show the update reached the bar (its
    // final render on stop draws the last values, whatever the frame timer did).
    expect(tty.text()).toMatch(/50% \| 5,000 rows \| 2 refused/)
    expect(tty.text()).toMatch(/ETA/)
    expect(tty.text()).toMatch(/grouping 5,000 leads…/)
  })

  it('writes nothing when stderr is not a terminal, or when --no-progress is given', () => {
    const pipe = stream(false)
    const progress = createProgress(pipe.stream, 1000, true)
    progress.update(500, 5000, 2)
    progress.stop('grouping…')
    expect(pipe.text()).toBe('')
    const off = stream(true)
    createProgress(off.stream, 1000, false).stop('x')
    expect(off.text()).toBe('')
  })
})

describe('the CLI stays out of the library', () => {
  it('no module outside src/cli imports it', () => {
    const offenders: string[] = []
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) {
          if (path !== join(ROOT, 'src', 'cli')) walk(path)
        } else if (/\.ts$/.test(entry.name) && /from '[./]*cli\//.test(read(path))) offenders.push(path)
      }
    }
    walk(join(ROOT, 'src'))
    expect(offenders).toEqual([])
  })
})
