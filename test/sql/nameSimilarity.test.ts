// The name comparer in SQL, a piece of fuzzy rules there (the compiled name rules read it): the same similarity (to the
// bit) and method as NameComparer for given names and surnames, on DuckDB and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NameComparer } from '../../src/duplicates/internal/nameComparer.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { namePartSimilaritySql } from '../../src/sql/internal/nameSimilaritySql.js'
import { nicknameTableSql } from '../../src/sql/internal/nicknameSql.js'
import { normalizerSql } from '../../src/sql/internal/normalizerSql.js'
import { duckdbJaroWinklerMacro, postgresJaroWinklerFunction } from '../../src/sql/internal/similaritySql.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

function namePairs(): [string, string][] {
  const leads = generateDuplicateLeads({ count: 300, seed: 6 }).leads
  const firsts = leads.map((lead) => lead.firstName).filter((name): name is string => typeof name === 'string')
  const lasts = leads.map((lead) => lead.lastName).filter((name): name is string => typeof name === 'string')
  const pairs: [string, string][] = [
    ['Bob', 'Robert'], ['Liz', 'Beth'], ['Smith', 'Smyth'], ['Catherine', 'Kathryn'], ['Jon', 'John'], ['Al', 'Alfred'],
    ['Zoë', 'Zoe'], ['Mary-Jane', 'Mary Jane'], ['Bill', 'Will'], ['Murphy', 'Merphy'],
  ]
  for (let i = 0; i + 1 < firsts.length; i += 1) pairs.push([firsts[i] as string, firsts[(i * 7 + 1) % firsts.length] as string])
  for (let i = 0; i + 1 < lasts.length; i += 1) pairs.push([lasts[i] as string, lasts[(i * 5 + 3) % lasts.length] as string])
  return pairs
}

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('name parts compared in %s SQL', (dialect: SqlDialect, makeEngine) => {
  let engine: TestEngine
  const d = DIALECTS[dialect]
  beforeAll(async () => {
    engine = await makeEngine()
    await engine.executor.run(dialect === 'duckdb' ? duckdbJaroWinklerMacro('jw') : postgresJaroWinklerFunction(d, 'jw'))
    for (const sql of nicknameTableSql(d, 'nick', undefined)) await engine.executor.run(sql)
  }, 60_000)
  afterAll(async () => engine.close())

  it.each([[true], [false]])('given %s: the similarity and method of NameComparer', async (given) => {
    const comparer = new NameComparer(undefined, undefined)
    const pairs = namePairs().filter(([a, b]) => comparer.prepare(a) !== undefined && comparer.prepare(b) !== undefined)
    const fold = normalizerSql('person-name', { joinParts: true })
    if (!('sql' in fold)) throw new Error(fold.reason)
    const values = pairs.map(([a, b], n) => `(${n}, ${d.literal(a)}, ${d.literal(b)})`).join(', ')
    await engine.executor.run('DROP TABLE IF EXISTS name_pairs')
    await engine.executor.run(`CREATE TABLE name_pairs AS SELECT n, ${fold.sql(d, 'a')} AS ka, ${fold.sql(d, 'b')} AS kb FROM (VALUES ${values}) AS p(n, a, b)`)
    const sql = namePartSimilaritySql(d, 'p.ka', 'p.kb', given, { jaroWinkler: 'jw', nicknames: 'nick', nicknameSimilarity: 0.95, phoneticSimilarity: 0.9 })
    const rows = await engine.rows(`SELECT n, ${sql.similarity}, ${sql.method} FROM name_pairs AS p ORDER BY n`)
    const differ = pairs.flatMap(([a, b], n) => {
      const pa = comparer.prepare(a)
      const pb = comparer.prepare(b)
      if (pa === undefined || pb === undefined) return []
      const js = given ? comparer.given(pa, pb) : comparer.surname(pa, pb)
      const row = rows[n] as unknown[]
      return Number(row[1]) === js.similarity && row[2] === js.method ? [] : [[a, b, row[1], row[2], js.similarity, js.method]]
    })
    expect(differ).toEqual([])
    const methods = new Set(rows.map((row) => row[2]))
    expect(methods.has('jaro-winkler') && methods.has('exact')).toBe(true)
    if (given) expect(methods.has('nickname')).toBe(true)
  }, 240_000)
})
