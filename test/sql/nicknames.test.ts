// The nickname table as SQL (the compiled name rules read it): two given names share a
// formal-name group in SQL exactly when isNicknameOf says so, with the built-in table, with a host's entries added,
// and with the host's table alone; on DuckDB and PGlite, and Spark's grammar reads the statement.
import { SparkSQL } from 'dt-sql-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isNicknameOf, nicknameLookup, type NicknameOptions } from '../../src/duplicates/nicknames.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { nicknameGroupsSql, nicknameTableSql } from '../../src/sql/internal/nicknameSql.js'
import { normalizerSql } from '../../src/sql/internal/normalizerSql.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const OPTIONS: [string, NicknameOptions | undefined][] = [
  ['built-in', undefined],
  ['built-in plus the host\'s', { nicknames: [['Róbert', 'Rab', 'Bertie'], ['Zoë', 'Zo']] }],
  ['the host\'s alone', { nicknames: [['robert', 'rab']], replaceBuiltInNicknames: true }],
]

/** Given names to pair: every name of the lookup, spelled as people type them, and some it lacks. */
function names(options: NicknameOptions | undefined): string[] {
  const known = [...nicknameLookup(options).keys()]
  const picked = known.filter((_, i) => i % 7 === 0).map((name, i) => (i % 3 === 0 ? name.toUpperCase() : name))
  return [...picked, 'Bob', 'Robert', 'Liz', 'Beth', 'Bill', 'Will', 'Al', 'Zoe', 'Zo', 'Rab', 'Xavier', 'Jean-Luc', '  ', 'Mary Jane']
}

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('nickname table on %s', (dialect: SqlDialect, makeEngine) => {
  let engine: TestEngine
  const d = DIALECTS[dialect]
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it.each(OPTIONS)('%s: SQL shares a group exactly when isNicknameOf says so', async (_label, options) => {
    for (const sql of nicknameTableSql(d, 'nick', options)) await engine.executor.run(sql)
    const normalizer = normalizerSql('person-name', { joinParts: true })
    if (!('sql' in normalizer)) throw new Error(normalizer.reason)
    const list = names(options)
    const pairs = list.flatMap((a, i) => list.filter((_, j) => (i * 31 + j) % 5 === 0).map((b) => [a, b] as const))
    const values = pairs.map(([a, b], n) => `(${n}, ${d.literal(a)}, ${d.literal(b)})`).join(', ')
    await engine.executor.run('DROP TABLE IF EXISTS name_pairs')
    await engine.executor.run(`CREATE TABLE name_pairs AS SELECT n, ${normalizer.sql(d, 'a')} AS ka, ${normalizer.sql(d, 'b')} AS kb FROM (VALUES ${values}) AS p(n, a, b)`)
    const rows = await engine.rows(
      `SELECT n, EXISTS (SELECT 1 FROM (${nicknameGroupsSql('nick', 'p.ka')}) AS ga JOIN (${nicknameGroupsSql('nick', 'p.kb')}) AS gb ON ga.grp = gb.grp)\n` +
        `FROM name_pairs AS p ORDER BY n`,
    )
    const differ = pairs.filter(([a, b], n) => Boolean(rows[n]?.[1]) !== isNicknameOf(a, b, options))
    expect(differ).toEqual([])
    expect(rows.filter((row) => row[1] === true).length).toBeGreaterThan(0)
  }, 120_000)
})

describe('nickname table in Spark SQL', () => {
  it('parses', () => {
    const parser = new SparkSQL()
    for (const sql of nicknameTableSql(DIALECTS.spark, '`leadkit_nicknames`', undefined)) expect(parser.validate(sql)).toEqual([])
  }, 120_000)
})
