// The compiled SQL against the JS engine on the public data sets (FEBRL, Splink): the same pairs, the same rule,
// the same explanations, and groups that are the connected components of those pairs. Runs on DuckDB and on
// PostgreSQL (PGlite); skipped when ../shared/data is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { IdentifiedRecord } from '../../src/duplicates/types.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { FEBRL_FIELDS, hasSharedData, readFebrl, readSplink } from '../support/sharedData.js'
import { duckdbEngine, pgliteEngine, postgresServerEngine, type TestEngine } from '../support/sqlEngines.js'
import { componentsOf, diffPairs, jsPairs, sqlPairs } from '../support/sqlParity.js'
import { FEBRL_RULES, GENERATED_RULES, SPLINK_RULES } from '../support/sqlParityRules.js'

/** FEBRL records as the JS engine reads them (address fields under `address`). */
function febrlLead(record: Record<string, string | undefined>): IdentifiedRecord {
  const { id, street1, street2, city, postalCode, stateOrProvince, ...rest } = record
  return { id: id as string, ...rest, address: { street1, street2, city, postalCode, stateOrProvince } } as IdentifiedRecord
}

const FEBRL_COLUMNS = {
  'address.street1': 'street1', 'address.street2': 'street2', 'address.city': 'city',
  'address.postalCode': 'postalCode', 'address.stateOrProvince': 'stateOrProvince',
}

// A real PostgreSQL server (18 or later) joins when CI has one:
//   LEADKIT_PG_URL=postgres://leadkit:leadkit@127.0.0.1:5432/leadkit npx vitest run test/sql/parity.test.ts
const serverUrl = process.env.LEADKIT_PG_URL
const engines: [string, SqlDialect, () => Promise<TestEngine>][] = [
  ['duckdb', 'duckdb', duckdbEngine],
  ['PostgreSQL (PGlite)', 'postgres', pgliteEngine],
  ...(serverUrl === undefined || serverUrl === '' ? [] : [['a PostgreSQL server', 'postgres', () => postgresServerEngine(serverUrl)] as [string, SqlDialect, () => Promise<TestEngine>]]),
]

describe.skipIf(!hasSharedData).each(engines)('compiled rules on %s agree with the JS engine', (_engine, dialect, makeEngine) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it.each(['dataset1.csv', 'dataset3.csv'])('FEBRL %s: the same pairs, rules, explanations and groups', async (file) => {
    const raw = readFebrl(file)
    const table = `febrl_${file.replace(/\W/g, '_')}`
    await engine.load(table, FEBRL_FIELDS, raw.map((r) => FEBRL_FIELDS.map((f) => (r as unknown as Record<string, string | undefined>)[f])))
    const js = jsPairs(raw.map((r) => febrlLead(r as unknown as Record<string, string>)), FEBRL_RULES)
    const sql = await sqlPairs(engine, dialect, FEBRL_RULES, table, FEBRL_COLUMNS)
    expect(js.pairs.size).toBeGreaterThan(100)
    expect(diffPairs(js.pairs, sql.pairs)).toEqual({ onlyJs: [], onlySql: [], otherRule: [] })
    expect(sql.explanations).toEqual(js.explanations)
    expect(sql.clusters).toEqual(componentsOf(js.pairs))
    expect(sql.summary.pairs).toBe(js.pairs.size)
  }, 300_000)

  it('generated leads (the benchmark generator): the same pairs, rules and groups', async () => {
    const leads = generateDuplicateLeads({ count: 3000, seed: 5 }).leads.map((lead, i) => ({ ...lead, state: i % 13 === 0 ? 'qualified' : lead.state }))
    const columns = ['id', 'firstName', 'lastName', 'email', 'website', 'companyName', 'state'] as const
    await engine.load('generated', columns, leads.map((l) => columns.map((c) => l[c] as string | undefined)))
    const js = jsPairs(leads, GENERATED_RULES)
    const sql = await sqlPairs(engine, dialect, GENERATED_RULES, 'generated', { state: 'state' })
    expect(js.pairs.size).toBeGreaterThan(100)
    expect(diffPairs(js.pairs, sql.pairs)).toEqual({ onlyJs: [], onlySql: [], otherRule: [] })
    expect(sql.explanations).toEqual(js.explanations)
    expect(sql.clusters).toEqual(componentsOf(js.pairs))
  }, 300_000)

  it('generated leads\' phones: the same pairs, every code of the compiled fast path equal to the JS code', async () => {
    const leads = generateDuplicateLeads({ count: 3000, seed: 7 }).leads
    const columns = ['id', 'businessPhone', 'mobilePhone'] as const
    await engine.load('phones', columns, leads.map((l) => columns.map((c) => l[c] as string | undefined)))
    for (const region of ['US', undefined]) {
      const rules = parseDuplicateRules([{
        kind: 'keyed', name: 'Same phone', baseEntity: 'lead', baseFields: ['businessPhone', 'mobilePhone'], normalizer: 'phone',
        ...(region === undefined ? {} : { normalizerOptions: { defaultRegion: region } }), maxSharedBy: 10,
      }])
      const js = jsPairs(leads, rules)
      const sql = await sqlPairs(engine, dialect, rules, 'phones', {})
      if (region === 'US') expect(js.pairs.size).toBeGreaterThan(100)
      expect(diffPairs(js.pairs, sql.pairs)).toEqual({ onlyJs: [], onlySql: [], otherRule: [] })
      expect(sql.explanations).toEqual(js.explanations)
    }
  }, 300_000)

  it('Splink sample: the same pairs with email normalisation, maxSharedBy, asymmetric fields and inactive leads', async () => {
    const leads = readSplink()
    const columns = ['id', 'firstName', 'lastName', 'dateOfBirth', 'city', 'email', 'state'] as const
    await engine.load('splink', columns, leads.map((l) => columns.map((c) => (l as unknown as Record<string, string>)[c])))
    const js = jsPairs(leads, SPLINK_RULES)
    const sql = await sqlPairs(engine, dialect, SPLINK_RULES, 'splink', { state: 'state' })
    expect(js.pairs.size).toBeGreaterThan(100)
    expect(diffPairs(js.pairs, sql.pairs)).toEqual({ onlyJs: [], onlySql: [], otherRule: [] })
    expect(sql.explanations).toEqual(js.explanations)
    expect(sql.clusters).toEqual(componentsOf(js.pairs))
  }, 300_000)
})
