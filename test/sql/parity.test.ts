// The compiled SQL against the JS engine on the public data sets (FEBRL, Splink): the same pairs, the same rule,
// the same explanations, and groups that are the connected components of those pairs. Runs on DuckDB and on
// PostgreSQL (PGlite); skipped when ../shared/data is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule, IdentifiedRecord } from '../../src/duplicates/types.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { FEBRL_FIELDS, hasSharedData, readFebrl, readSplink } from '../support/sharedData.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'
import { componentsOf, diffPairs, jsPairs, sqlPairs } from '../support/sqlParity.js'

const FEBRL_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'matchcode', name: 'Same surname and postcode', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'address.postalCode', operator: 'exact' }],
  },
  {
    kind: 'matchcode', name: 'Given name starts alike, surname ends alike, same state', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [
      { baseField: 'firstName', operator: 'same-first-characters', characters: 3, ignoreBlankValues: false },
      { baseField: 'lastName', operator: 'same-last-characters', characters: 4, ignoreBlankValues: true },
      { baseField: 'address.stateOrProvince', operator: 'picklist-exact', ignoreBlankValues: false },
    ],
  },
  {
    kind: 'keyed', name: 'Same social security id', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['socSecId'], normalizer: 'text', method: 'exact',
  },
  {
    kind: 'keyed', name: 'Same street (either line)', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['address.street1', 'address.street2'], normalizer: 'text', normalizerOptions: { caseSensitive: true },
    method: 'exact', maxSharedBy: 3,
  },
  {
    kind: 'matchcode', name: 'City of one is the second line of the other', baseEntity: 'lead', matchingEntity: 'lead',
    caseSensitive: true, conditions: [{ baseField: 'address.city', matchingField: 'address.street2', operator: 'exact' }],
  },
])

const SPLINK_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same email', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'],
    normalizer: 'email', normalizerOptions: { stripPlusTag: true, gmailDots: true }, maxSharedBy: 6,
    excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'matchcode', name: 'Same surname and date of birth', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'dateOfBirth', operator: 'exact' }],
  },
  {
    kind: 'keyed', name: 'Same first name or city (open leads only)', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['firstName'], matchingFields: ['city'], normalizer: 'text', maxSharedBy: 40,
    excludeInactiveMatchingRecords: true,
  },
])

/** FEBRL records as the JS engine reads them (address fields under `address`). */
function febrlLead(record: Record<string, string | undefined>): IdentifiedRecord {
  const { id, street1, street2, city, postalCode, stateOrProvince, ...rest } = record
  return { id: id as string, ...rest, address: { street1, street2, city, postalCode, stateOrProvince } } as IdentifiedRecord
}

const FEBRL_COLUMNS = {
  'address.street1': 'street1', 'address.street2': 'street2', 'address.city': 'city',
  'address.postalCode': 'postalCode', 'address.stateOrProvince': 'stateOrProvince',
}

const GENERATED_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same email', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'], normalizer: 'email',
    maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  { kind: 'keyed', name: 'Same website', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['website'], normalizer: 'website', maxSharedBy: 10 },
  {
    kind: 'matchcode', name: 'Same surname, initial and company', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [
      { baseField: 'lastName', operator: 'exact' }, { baseField: 'firstName', operator: 'same-first-characters', characters: 1 },
      { baseField: 'companyName', operator: 'exact' },
    ],
  },
])

const engines: [SqlDialect, () => Promise<TestEngine>][] = [['duckdb', duckdbEngine], ['postgres', pgliteEngine]]

describe.skipIf(!hasSharedData).each(engines)('compiled rules on %s agree with the JS engine', (dialect, makeEngine) => {
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
