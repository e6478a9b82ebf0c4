import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dedupeWithDuckdb } from '../../src/adapters/duckdb/dedupeWithDuckdb.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import { duckdbEngine, type TestEngine } from '../support/sqlEngines.js'
import { componentsOf, jsPairs } from '../support/sqlParity.js'

const RULES = parseDuplicateRules([
  { kind: 'keyed', name: 'Same email', baseEntity: 'lead', baseFields: ['email'], normalizer: 'email', maxSharedBy: 5, excludeInactiveMatchingRecords: true },
  {
    kind: 'matchcode', name: 'Same name and city', baseEntity: 'lead',
    conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'firstName', operator: 'same-first-characters', characters: 2 }, { baseField: 'address.city', operator: 'exact' }],
  },
])

// 600 leads in 200 people: each person's email in three spellings, some names repeated across cities, some qualified.
const LEADS = Array.from({ length: 600 }, (_, i) => {
  const person = i % 200
  const spelling = [`p${person}@example.com`, ` P${person}@Example.com`, `p${person}@EXAMPLE.COM `][Math.floor(i / 200)] as string
  return {
    id: `L${String(i).padStart(4, '0')}`,
    firstName: ['Ann', 'Anna', 'Bob', 'Robert', 'Zoë'][person % 5] as string,
    lastName: ['Smith', 'Jones', "O'Brien"][person % 3] as string,
    email: person % 9 === 0 ? '' : spelling,
    city: ['Paris', 'Lyon', 'Nice', 'Metz'][person % 4] as string,
    state: i % 11 === 0 ? 'qualified' : 'open',
  }
})
const COLUMNS = ['id', 'firstName', 'lastName', 'email', 'city', 'state'] as const

const csvCell = (value: string): string => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

describe('dedupeWithDuckdb', () => {
  let engine: TestEngine & { connection: Parameters<typeof dedupeWithDuckdb>[0] }
  let dir: string
  beforeAll(async () => {
    engine = await duckdbEngine()
    dir = mkdtempSync(join(tmpdir(), 'leadkit-duckdb-test-'))
  }, 60_000)
  afterAll(async () => {
    await engine.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const expected = componentsOf(
    jsPairs(LEADS.map(({ city, ...lead }) => ({ ...lead, address: { city } })), RULES).pairs,
  )
  const options = { columns: { 'address.city': 'city', state: 'state' } }

  it('dedupes a CSV file in place into a groups file that equals the JS engine\'s groups, and leaves the file as it was', async () => {
    const file = join(dir, 'leads.csv')
    writeFileSync(file, [COLUMNS.join(','), ...LEADS.map((lead) => COLUMNS.map((c) => csvCell(lead[c])).join(','))].join('\n'))
    const before = createHash('sha256').update(readFileSync(file)).digest('hex')
    const groupsFile = join(dir, 'groups.csv')
    const result = await dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file }, groupsFile, pairsFile: join(dir, 'pairs.parquet') })
    expect(result.records).toBe(600)
    const lines = readFileSync(groupsFile, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('cluster_id,id')
    expect(new Map(lines.slice(1).map((line) => line.split(',').reverse() as [string, string]))).toEqual(expected)
    expect(result.clusteredRecords).toBe(expected.size)
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before)
    const pairs = await engine.rows(`SELECT count(*) FROM read_parquet('${join(dir, 'pairs.parquet')}')`)
    expect(Number(pairs[0]?.[0])).toBe(result.pairs)
  }, 120_000)

  it('reads Parquet and JSON files and tables alike', async () => {
    const json = join(dir, 'leads.ndjson')
    writeFileSync(json, LEADS.map((lead) => JSON.stringify(lead)).join('\n'))
    const fromJson = await dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: json }, prefix: 'j_' })
    await engine.connection.run(`COPY (SELECT * FROM read_json_auto('${json}')) TO '${join(dir, 'leads.parquet')}' (FORMAT parquet)`)
    const fromParquet = await dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: join(dir, 'leads.parquet') }, prefix: 'p_' })
    await engine.connection.run(`CREATE TABLE leads_table AS SELECT * FROM read_json_auto('${json}')`)
    const fromTable = await dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { table: 'leads_table' }, prefix: 't_' })
    for (const result of [fromJson, fromParquet, fromTable]) {
      expect(result.clusteredRecords).toBe(expected.size)
      expect(new Map((await engine.rows(`SELECT id, cluster_id FROM ${result.tables.clusters}`)).map(([a, b]) => [String(a), String(b)]))).toEqual(expected)
    }
  }, 120_000)

  it('refuses a missing file, a missing column, blank or repeated ids and unreadable text with the path', async () => {
    await expect(dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: join(dir, 'nope.csv') } })).rejects.toMatchObject({ code: 'not_found', path: ['source', 'file'] })
    await expect(dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: join(dir, 'leads.xlsx') } })).rejects.toMatchObject({ code: 'invalid_value', path: ['source', 'file'] })
    const noCity = join(dir, 'nocity.csv')
    writeFileSync(noCity, 'id,firstName,lastName,email,state\n1,a,b,c@d.com,open\n')
    await expect(dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: noCity } })).rejects.toMatchObject({ code: 'invalid_value', path: ['columns', 'address.city'] })
    const twice = join(dir, 'twice.csv')
    writeFileSync(twice, 'id,firstName,lastName,email,city,state\n1,a,b,c@d.com,x,open\n1,a,b,c@d.com,x,open\n,a,b,c@d.com,x,open\n')
    await expect(dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: twice } })).rejects.toMatchObject({ code: 'invalid_value', path: ['idColumn'], message: expect.stringContaining('1 have none and 1 repeat') })
    const latin1 = join(dir, 'latin1.csv')
    writeFileSync(latin1, Buffer.concat([Buffer.from('id,firstName,lastName,email,city,state\n1,'), Buffer.from([0x5a, 0xeb]), Buffer.from(',b,c@d.com,x,open\n')]))
    await expect(dedupeWithDuckdb(engine.connection, RULES, { ...options, source: { file: latin1 } })).rejects.toMatchObject({ code: 'invalid_format', path: ['source', 'file'], message: expect.stringContaining('UTF') })
    await expect(dedupeWithDuckdb(engine.connection, [{ kind: 'fuzzy', name: 'x', baseEntity: 'lead', comparator: 'scored', options: { fields: [{ field: 'lastName', comparator: 'exact' }], threshold: 0.5 } }], { source: { table: 'leads_table' } })).rejects.toMatchObject({ code: 'invalid_rule' })
  }, 120_000)
})
