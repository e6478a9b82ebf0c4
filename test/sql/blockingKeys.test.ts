// duplicateBlockingKeys in SQL, a piece of fuzzy rules there (the compiled name rules read it): the same set of keys per
// record as JS on the generator's leads and on odd records; on DuckDB and PGlite, and Spark's grammar reads it.
import { SparkSQL } from 'dt-sql-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { duplicateBlockingKeys } from '../../src/duplicates/blockingKeys.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const COLUMNS = { id: 'id', firstName: 'first_name', lastName: 'last_name', companyName: 'company', email: 'email', website: 'website' }
/** A name rule: the compiled script files every record under its fuzzy blocking keys in `leadkit_blocks`. */
const RULES = parseDuplicateRules([{ kind: 'fuzzy', name: 'Similar name', baseEntity: 'lead', comparator: 'lead-name' }])

/** The statements of `dialect`'s compiled script up to the one that makes the blocking keys' table, and that one. */
function upToBlocks(dialect: SqlDialect, table: string): string[] {
  const { statements } = compileDuplicateRules(RULES, { dialect, table, columns: COLUMNS })
  const last = statements.findIndex((sql) => /TABLE [`"]leadkit_blocks[`"] AS/.test(sql))
  return statements.slice(0, last + 1)
}
type Lead = { id: string; firstName?: string; lastName?: string; companyName?: string; email?: string; website?: string }

const ODD: Lead[] = [
  { id: 'o1', firstName: 'Al', lastName: 'Smith', companyName: 'The Contoso Group, Ltd.', email: 'al@Contoso.COM' },
  { id: 'o2', firstName: 'Bob', lastName: 'Bob', email: 'bob@gmail.com', website: 'https://www.fabrikam.com/x' },
  { id: 'o3', companyName: 'Müller & Söhne GmbH & Co. KG', email: 'x@hotmail.co.uk' },
  { id: 'o4', firstName: '  ', lastName: '1234', email: '@nodomain', website: '' },
  { id: 'o5', firstName: 'Chris', lastName: "O'Brien-Smith", email: 'a@b@Yahoo.fr' },
  { id: 'o6', firstName: 'Zoë', lastName: 'Łukasz', companyName: '& and &', email: 'me@ proton.me' },
  { id: 'o7', email: 'liz@northwind.example', website: 'northwind.example' },
  { id: 'o8' },
]

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('blocking keys in %s SQL', (dialect: SqlDialect, makeEngine) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it('gives each record the keys duplicateBlockingKeys gives it', async () => {
    const leads: Lead[] = [...ODD, ...generateDuplicateLeads({ count: 600, seed: 4 }).leads]
    await engine.load('leads', Object.values(COLUMNS), leads.map((l) => [l.id, l.firstName, l.lastName, l.companyName, l.email, l.website]))
    for (const sql of upToBlocks(dialect, 'leads')) await engine.executor.run(sql)
    const rows = await engine.rows(`SELECT id, '|' || key FROM "leadkit_blocks"`)
    const sql = new Map<string, string[]>()
    for (const [id, key] of rows) sql.set(String(id), [...(sql.get(String(id)) ?? []), String(key).slice(1)])
    const differ = leads
      .map((lead) => ({ id: lead.id, js: [...duplicateBlockingKeys(lead)].sort(), sql: (sql.get(lead.id) ?? []).sort() }))
      .filter((row) => JSON.stringify(row.js) !== JSON.stringify(row.sql))
    expect(differ).toEqual([])
    expect(rows.length).toBeGreaterThan(1000)
  }, 240_000)
})

describe('blocking keys in Spark SQL', () => {
  it('parses', () => {
    const blocks = upToBlocks('spark', 'leads').at(-1) as string
    expect(blocks).toContain('WITH parts AS')
    expect(new SparkSQL().validate(blocks)).toEqual([])
  }, 240_000)
})
