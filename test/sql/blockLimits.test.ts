// Oversized fuzzy blocks in the compiled SQL: searched by sorted neighbourhood as the duplicate index searches them,
// so the candidate pairs stay bounded per record however many leads share a name sound and a company.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import type { IdentifiedRecord } from '../../src/duplicates/types.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql } from '../../src/sql/runDuplicateSql.js'
import { createPrng } from '../../src/internal/prng.js'
import { catchLeadkitError } from '../support/errors.js'
import { duckdbEngine, type TestEngine } from '../support/sqlEngines.js'

const RULES = createDefaultLeadRules({ defaultRegion: 'US' })
const COLUMNS = ['id', 'firstName', 'lastName', 'companyName', 'email', 'website', 'businessPhone', 'mobilePhone'] as const
const GIVEN = ['John', 'Jon', 'Mary', 'Maria', 'Robert', 'Bob', 'Ann', 'Anne', 'Peter', 'Pete', 'Linda', 'James', 'Jim', 'Susan', 'Karen']

/** `count` Smiths at one company with one domain, given names drawn (seeded) from a short list, ids in order. */
function smiths(count: number, seed: number): IdentifiedRecord[] {
  const random = createPrng(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: `s${String(i).padStart(5, '0')}`,
    firstName: GIVEN[Math.floor(random() * GIVEN.length)] as string,
    lastName: random() < 0.1 ? 'Smyth' : 'Smith',
    companyName: 'Contoso Ltd',
    email: `person${i}@contoso.com`,
    website: 'contoso.com',
  }))
}

describe('oversized fuzzy blocks in SQL', () => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await duckdbEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it('compares 2,000 Smiths at one company with at most 4 × neighbourhood others per key, as the index does', async () => {
    const seed = 7
    const records = smiths(2000, seed)
    await engine.load('smiths', COLUMNS, records.map((r) => COLUMNS.map((c) => (r as unknown as Record<string, string | undefined>)[c])))
    const compiled = compileDuplicateRules(RULES, { dialect: 'duckdb', table: 'smiths' })
    await runDuplicateSql(compiled, engine.executor)
    const [[candidates, keys]] = (await engine.rows(
      'SELECT (SELECT count(*) FROM "leadkit_candidates"), (SELECT count(DISTINCT key) FROM "leadkit_block_ranks")',
    )) as [[unknown, unknown]]
    // Every record has two keys here (company and domain, one name sound each, or a few): each key gives a record
    // at most 2 × 8 neighbours in each of two orders.
    const bound = records.length * Number(keys) * 4 * 8
    expect(Number(candidates), `seed ${seed}`).toBeLessThanOrEqual(bound)
    // All pairs would be 2,000 × 1,999 = 3,998,000; the neighbourhood keeps it near the bound.
    expect(Number(candidates)).toBeLessThan(200_000)
    const index = createDuplicateIndex<IdentifiedRecord>(RULES)
    for (const record of records) index.add(record)
    for (const record of records) index.match(record)
    expect(Number(candidates), `seed ${seed}`).toBe(index.stats().comparisons)
  }, 120_000)

  it('compares every pair of a block when maxBlockSize is above its size', async () => {
    const records = smiths(200, 3)
    await engine.load('smiths_small', COLUMNS, records.map((r) => COLUMNS.map((c) => (r as unknown as Record<string, string | undefined>)[c])))
    const compiled = compileDuplicateRules(RULES, { dialect: 'duckdb', table: 'smiths_small', maxBlockSize: 1_000 })
    await runDuplicateSql(compiled, engine.executor)
    const [[oversized, candidates]] = (await engine.rows(
      'SELECT (SELECT count(*) FROM "leadkit_block_ranks" WHERE rank_pair IS NOT NULL), (SELECT count(*) FROM "leadkit_candidates")',
    )) as [[unknown, unknown]]
    expect(Number(oversized)).toBe(0)
    // Smith and Smyth sound alike: one block per key holds all 200, so every ordered pair is a candidate.
    expect(Number(candidates)).toBe(200 * 199)
  }, 120_000)

  it('refuses block limits out of range with the option as path', () => {
    const compile = (options: Record<string, unknown>): unknown => compileDuplicateRules(RULES, { dialect: 'duckdb', table: 'leads', ...options })
    for (const [key, value] of [['maxBlockSize', 1], ['maxBlockSize', 100_001], ['maxBlockSize', 2.5], ['neighbourhood', 0], ['neighbourhood', '8']] as const) {
      const error = catchLeadkitError(() => compile({ [key]: value }))
      expect([error.code, error.path]).toEqual(['invalid_value', [key]])
    }
    expect(compile({ maxBlockSize: 2, neighbourhood: 1_000 })).toBeDefined()
  })
})
