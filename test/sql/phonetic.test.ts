// phoneticKey (Metaphone) in SQL, a piece of fuzzy rules there (the compiled name rules read it): the same key as JS on the
// generator's names, on names that exercise each rule, and on random text; on DuckDB and PGlite, and Spark's grammar
// reads it.
import { SparkSQL } from 'dt-sql-parser'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phoneticKey } from '../../src/duplicates/phonetic.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { phoneticKeySql } from '../../src/sql/internal/phoneticSql.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const NAMES = [
  'Murphy', 'Merphy', 'Smith', 'Smyth', "O'Brien", 'Catherine', 'Kathryn', 'Aeschylus', 'Gnome', 'Knight', 'Pneumatic',
  'Wright', 'Xavier', 'Whitney', 'Thomas', 'Lamb', 'Accent', 'Science', 'Chris', 'School', 'Cia', 'Edge', 'Judge',
  'Hugh', 'Ghost', 'Sign', 'Signed', 'Gnaw', 'Dodger', 'Geoff', 'Egg', 'Ahab', 'Chad', 'Shaw', 'Thatcher', 'Sion',
  'Nation', 'Philip', 'Quinn', 'Vance', 'Yolanda', 'Wyatt', 'Max', 'Zoë', 'Łukasz', 'Müller', 'Bach', 'Mitch',
  'Jean-Luc', '', '  ', '1234', 'Страсти', 'aa', 'CC', 'Mb', 'Tomb', 'ghgh', 'x'.repeat(300), 'Ben Gunn', 'Sch',
]

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('phoneticKey in %s SQL', (dialect: SqlDialect, makeEngine) => {
  let engine: TestEngine
  const d = DIALECTS[dialect]
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())
  const keys = async (names: readonly string[]): Promise<string[]> => {
    const values = names.map((name, n) => `(${n}, ${d.literal(name)})`).join(', ')
    const rows = await engine.rows(`SELECT n, '|' || ${phoneticKeySql(d, 'v')} FROM (VALUES ${values}) AS t(n, v) ORDER BY n`)
    return rows.map((row) => String(row[1]).slice(1))
  }

  it('gives the JS key on names that exercise each rule and on the generator\'s names', async () => {
    const generated = generateDuplicateLeads({ count: 300, seed: 9 }).leads.flatMap((lead) => [lead.firstName, lead.lastName])
      .filter((name): name is string => typeof name === 'string')
    const names = [...NAMES, ...generated]
    const sql = await keys(names)
    expect(names.map((name, i) => [name, sql[i]]).filter(([name, key]) => key !== phoneticKey(name as string))).toEqual([])
  }, 120_000)

  it('gives the JS key on random text (the Basic Multilingual Plane)', async () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aceghknpstwxyzbdmqv HC-'.split('')), maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    ).filter((s) => !s.includes('\u0000') && !/[\u{10000}-\u{10FFFF}]/u.test(s))
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 40 }), async (names) => {
        const sql = await keys(names)
        expect(names.map((name, i) => [name, sql[i]]).filter(([name, key]) => key !== phoneticKey(name as string))).toEqual([])
      }),
      { numRuns: 15, seed: 20261202 },
    )
  }, 120_000)
})

describe('phoneticKey in Spark SQL', () => {
  it('parses', () => {
    expect(new SparkSQL().validate(`SELECT ${phoneticKeySql(DIALECTS.spark, '`v`')} AS k FROM t`)).toEqual([])
  }, 120_000)
})
