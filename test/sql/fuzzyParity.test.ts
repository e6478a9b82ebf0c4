// Fuzzy rules (the lead-name comparators) and keyed rules confirmed by one, compiled to SQL, against the JS engine.
//
// What "the JS engine's pairs" means here: a duplicate index with its default limits compares a record with the
// others that share a fuzzy blocking key, and in a block of more than `maxBlockSize` (32) records only with its
// `neighbourhood` (8) nearest on each side in two name orders, ties by the order it filed them in. The compiled SQL
// searches blocks the same way, ties by id, so the reference index files the records in id order: both compare the
// same candidate pairs (the test counts them), and the difference left is the comparators' decisions and scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule, IdentifiedRecord } from '../../src/duplicates/types.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { hasSharedData, readFebrl, readSplink } from '../support/sharedData.js'
import { generateSkewedLeads } from '../support/skewedLeads.js'
import { duckdbEngine, pgliteEngine, postgresServerEngine, type TestEngine } from '../support/sqlEngines.js'
import { diffPairs, jsPairs, sqlPairs, type Explanations } from '../support/sqlParity.js'

const DEFAULT_RULES = createDefaultLeadRules({ defaultRegion: 'US' })

/** The three comparators with options away from their defaults, and keyed rules confirmed by them. */
const TUNED_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same website, confirmed by name and company', baseEntity: 'lead', baseFields: ['website'],
    normalizer: 'website', maxSharedBy: 50,
    confirm: { comparator: 'lead-name-and-company', options: { companyThreshold: 0.95, matchSwappedNames: false } },
  },
  {
    kind: 'fuzzy', name: 'Similar name and company, strict on phones', baseEntity: 'lead', comparator: 'lead-name-and-company',
    excludeInactiveMatchingRecords: true,
    options: {
      givenNameThreshold: 0.8, surnameThreshold: 0.85, companyThreshold: 0.8, nicknameSimilarity: 0.93, phoneticSimilarity: 0.97,
      matchSwappedNames: false, separateByWorkEmail: true, separateByPhone: true, phoneRegion: 'US',
    },
  },
  {
    kind: 'fuzzy', name: 'Similar name and domain, given names required', baseEntity: 'lead', comparator: 'lead-name-and-email-domain',
    options: {
      allowMissingGivenName: false, swappedNameFactor: 0.9, surnameThreshold: 0.95, nicknames: [['robert', 'rab', 'bobbie'], ['katherine', 'kat']],
      separateByWorkEmail: false, separateByPhone: true,
    },
  },
  {
    kind: 'fuzzy', name: 'Similar name, own nicknames only', baseEntity: 'lead', comparator: 'lead-name',
    options: { replaceBuiltInNicknames: true, nicknames: [['katherine', 'kat', 'kate']], phoneticSimilarity: 0, givenNameThreshold: 0.92 },
  },
])

/** Keyed rules on FEBRL's and Splink's fields, confirmed by the lead-name comparator (they have no company). */
const CONFIRMED_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same postcode or city, confirmed by name', baseEntity: 'lead', baseFields: ['postalCode', 'city'],
    normalizer: 'text', maxSharedBy: 200, confirm: { comparator: 'lead-name' },
  },
  {
    kind: 'keyed', name: 'Same date of birth, confirmed by a close name', baseEntity: 'lead', baseFields: ['dateOfBirth'],
    normalizer: 'text', confirm: { comparator: 'lead-name', options: { givenNameThreshold: 0.95, surnameThreshold: 0.95, allowMissingGivenName: false } },
  },
  {
    kind: 'fuzzy', name: 'Similar name and email domain', baseEntity: 'lead', comparator: 'lead-name-and-email-domain',
    options: { separateByWorkEmail: true },
  },
])

const COLUMNS = ['id', 'firstName', 'lastName', 'companyName', 'email', 'website', 'businessPhone', 'mobilePhone', 'state', 'postalCode', 'city', 'dateOfBirth'] as const

const serverUrl = process.env.LEADKIT_PG_URL
const engines: [string, SqlDialect, () => Promise<TestEngine>][] = [
  ['duckdb', 'duckdb', duckdbEngine],
  ['PostgreSQL (PGlite)', 'postgres', pgliteEngine],
  ...(serverUrl === undefined || serverUrl === '' ? [] : [['a PostgreSQL server', 'postgres', () => postgresServerEngine(serverUrl)] as [string, SqlDialect, () => Promise<TestEngine>]]),
]

/** Every 13th lead qualified, so that "exclude inactive matching records" is exercised. */
const withStates = (leads: readonly IdentifiedRecord[]): IdentifiedRecord[] =>
  leads.map((lead, i) => ({ ...lead, state: i % 13 === 0 ? 'qualified' : 'open' }))

/** Block limits of a data set: `crowded` makes most of the skewed leads' blocks oversized. */
type Limits = { readonly maxBlockSize?: number; readonly neighbourhood?: number }
const crowded: Limits = { maxBlockSize: 8, neighbourhood: 3 }

/** A data set: its label, its records, the rules, whether a confirm refutes some pair there, and the block limits. */
type DataSet = [string, () => IdentifiedRecord[], readonly AnyDuplicateRule[], boolean, Limits?]

function dataSets(): DataSet[] {
  // FEBRL has neither company nor email: there the comparators only confirm the keyed rules' pairs. The Splink
  // sample has no phones (the default phone rule's confirm sees no pair), and the generator's leads that share a
  // website share a company (the tuned website rule's confirm refutes none).
  const sets: DataSet[] = [
    ['generated leads, default rules', () => withStates(generateDuplicateLeads({ count: 3000, seed: 5 }).leads), DEFAULT_RULES, true],
    ['generated leads, tuned rules', () => withStates(generateDuplicateLeads({ count: 3000, seed: 9 }).leads), TUNED_RULES, false],
    ['skewed leads, default rules', () => withStates(generateSkewedLeads({ count: 3000, seed: 21 }).leads), DEFAULT_RULES, true],
    ['skewed leads, tuned rules', () => withStates(generateSkewedLeads({ count: 3000, seed: 22 }).leads), TUNED_RULES, true],
    ['skewed leads, default rules, crowded blocks', () => withStates(generateSkewedLeads({ count: 3000, seed: 21 }).leads), DEFAULT_RULES, true, crowded],
    ['skewed leads, tuned rules, crowded blocks', () => withStates(generateSkewedLeads({ count: 3000, seed: 22 }).leads), TUNED_RULES, true, crowded],
  ]
  if (hasSharedData) {
    sets.push(['FEBRL dataset3, confirmed rules', () => readFebrl('dataset3.csv').map((r) => ({ ...r }) as IdentifiedRecord), CONFIRMED_RULES, true])
    sets.push(['Splink sample, confirmed rules', () => readSplink().map((r) => ({ ...r }) as IdentifiedRecord), CONFIRMED_RULES, true])
    sets.push(['Splink sample, default rules', () => readSplink().map((r) => ({ ...r }) as IdentifiedRecord), DEFAULT_RULES, false])
  }
  return sets
}

/** Up to `n` directed matches both engines explain, spread over the list, with both explanations. */
function sample(js: Explanations, sql: Explanations, n: number): { key: string; js: unknown; sql: unknown }[] {
  const keys = [...js.keys()].filter((key) => sql.has(key)).sort()
  const step = Math.max(1, Math.floor(keys.length / n))
  return keys.filter((_, i) => i % step === 0).map((key) => ({ key, js: js.get(key), sql: sql.get(key) }))
}

describe.each(engines)('fuzzy and confirmed rules compiled for %s agree with the JS engine', (_engine, dialect, makeEngine) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it.each(dataSets())('%s: the same pairs and rules, and the same explanations on a sample', async (label, read, rules, refutes, limits = {}) => {
    const records = read()
    const table = `t_${label.replace(/\W+/g, '_')}`
    await engine.load(table, COLUMNS, records.map((r) => COLUMNS.map((c) => {
      const value = (r as unknown as Record<string, unknown>)[c]
      return typeof value === 'string' ? value : undefined
    })))
    const inIdOrder = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const js = jsPairs(inIdOrder, rules, limits)
    const sql = await sqlPairs(engine, dialect, rules, table, { state: 'state' }, limits)
    // The same candidate pairs: the index's comparisons (each record's candidates, each once) are the SQL's rows.
    const [[candidates]] = (await engine.rows('SELECT count(*) FROM "leadkit_candidates"')) as [[unknown]]
    expect(Number(candidates)).toBe(js.comparisons)
    if (limits === crowded) {
      // The crowded limits do make blocks oversized, searched by neighbourhood.
      const [[oversized]] = (await engine.rows('SELECT count(DISTINCT key) FROM "leadkit_block_ranks" WHERE rank_pair IS NOT NULL')) as [[unknown]]
      expect(Number(oversized)).toBeGreaterThan(4)
    }
    const diff = diffPairs(js.pairs, sql.pairs)
    const differing = diff.onlyJs.length + diff.onlySql.length + diff.otherRule.length
    // Printed so a run shows the figures (and every differing pair, should there be any).
    const byRule = new Map<string, number>()
    for (const rule of js.pairs.values()) byRule.set(rule, (byRule.get(rule) ?? 0) + 1)
    console.log(`${dialect} ${label}: ${js.pairs.size} JS pairs, ${sql.pairs.size} SQL pairs, ${differing} differ`, Object.fromEntries(byRule), differing > 0 ? diff : '')
    expect(js.pairs.size).toBeGreaterThan(50)
    // The comparators decide pairs of their own, not only pairs a keyed rule found first.
    if (!label.startsWith('FEBRL')) expect(rules.filter((rule) => rule.kind === 'fuzzy' && (byRule.get(rule.name) ?? 0) > 0).length).toBeGreaterThan(0)
    expect(differing).toBeLessThan(js.pairs.size * 0.001)
    if (refutes) {
      // The confirm comparators refuse some of the keyed rules' pairs (else they would test nothing).
      const [[refuted]] = (await engine.rows('SELECT count(*) FROM "leadkit_refuted"')) as [[unknown]]
      expect(Number(refuted)).toBeGreaterThan(0)
    }
    const checked = sample(js.explanations, sql.explanations, 300)
    expect(checked.length).toBeGreaterThan(50)
    expect(checked.filter((c) => JSON.stringify(c.js) !== JSON.stringify(c.sql))).toEqual([])
  }, 600_000)
})

describe('what the compiler says about fuzzy rules', () => {
  it('compiles the default lead rules for DuckDB and PostgreSQL, with the phone warnings and nothing unsupported', () => {
    for (const dialect of ['duckdb', 'postgres'] as const) {
      const compiled = compileDuplicateRules(DEFAULT_RULES, { dialect, table: 'leads' })
      expect(compiled.unsupported).toEqual([])
      expect(compiled.rules.map((r) => r.kind)).toEqual(['keyed', 'keyed', 'fuzzy', 'fuzzy'])
      expect(compiled.warnings.map((w) => w.path)).toEqual([[1, 'normalizer'], [2, 'options', 'separateByPhone'], [3, 'options', 'separateByPhone']])
    }
  })

  it('reports the scored comparator with rule and path, and on Spark the name-and-company one', () => {
    const rules = parseDuplicateRules([
      { kind: 'fuzzy', name: 'Scored', baseEntity: 'lead', comparator: 'scored', options: { fields: [{ field: 'lastName', comparator: 'exact' }], threshold: 0.5 } },
    ])
    const scored = compileDuplicateRules(rules, { dialect: 'duckdb', table: 'leads', onUnsupported: 'skip' })
    expect(scored.unsupported).toEqual([{ rule: 'Scored', path: [0, 'comparator'], message: expect.stringContaining('scored comparator') }])
    for (const dialect of ['duckdb', 'postgres'] as const) {
      expect(compileDuplicateRules(TUNED_RULES, { dialect, table: 'leads' }).unsupported).toEqual([])
    }
    // Spark: the name-and-company comparator, as a rule or a confirm, is reported with its path.
    const spark = compileDuplicateRules(TUNED_RULES, { dialect: 'spark', table: 'leads', onUnsupported: 'skip' })
    expect(spark.unsupported.map((issue) => issue.path)).toEqual([[0, 'confirm', 'comparator'], [1, 'comparator']])
  })
})
