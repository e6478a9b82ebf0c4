// The company comparison of the name-and-company rule in SQL: the token-set similarity and the Levenshtein distance
// a compiled script installs equal tokenSetSimilarity and fastest-levenshtein on normalised company names, to the bit.
import { distance } from 'fastest-levenshtein'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'
import { tokenSetSimilarity } from '../../src/duplicates/similarity.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { companySimilarityFunctions, duckdbJaroWinklerMacro, postgresJaroWinklerFunction } from '../../src/sql/internal/similaritySql.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`
const names = { jaroWinkler: '"leadkit_jaro_winkler"', tokens: '"leadkit_tokens"', distance: '"leadkit_distance"' }

/** Company pairs as the rule compares them: the generator's companies, normalised, each with a few others. */
function companyPairs(): [string, string][] {
  const companies = [...new Set(generateDuplicateLeads({ count: 600, seed: 11 }).leads
    .map((lead) => lead.companyName)
    .filter((name): name is string => typeof name === 'string')
    .map((name) => normalizeCompanyName(name))
    .filter((name) => name !== ''))]
  const pairs: [string, string][] = [['contoso pharmaceuticals', 'pharmaceuticals contoso'], ['micro soft', 'microsoft'], ['a b', 'b a b'], ['é x', 'e x'], ['', 'x']]
  for (let i = 0; i < 1500; i++) pairs.push([companies[(i * 7) % companies.length] as string, companies[(i * 11 + 3) % companies.length] as string])
  return pairs
}

const WORDS = fc.array(fc.constantFrom('contoso', 'contosso', 'fabrikam', 'fabrikan', 'ltd', 'é', 'a', 'co', 'ab', 'ba', ''), { maxLength: 6 }).map((w) => w.join(' '))

async function values(engine: TestEngine, sql: string, pairs: readonly (readonly [string, string])[]): Promise<number[]> {
  const out: number[] = []
  for (let start = 0; start < pairs.length; start += 300) {
    const rows = pairs.slice(start, start + 300).map(([a, b], i) => `(${start + i}, ${literal(a)}, ${literal(b)})`).join(', ')
    const result = await engine.rows(`SELECT ${sql} FROM (VALUES ${rows}) AS t(n, a, b) ORDER BY n`)
    out.push(...result.map(([value]) => Number(value)))
  }
  return out
}

const installs = [
  ['PostgreSQL (PGlite)', pgliteEngine, [postgresJaroWinklerFunction(DIALECTS.postgres, names.jaroWinkler), ...companySimilarityFunctions(DIALECTS.postgres, names)]],
  ['DuckDB', duckdbEngine, [duckdbJaroWinklerMacro(names.jaroWinkler), ...companySimilarityFunctions(DIALECTS.duckdb, names)]],
] as const

describe.each(installs)('company similarity in %s', (_name, makeEngine, install) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
    for (const sql of install) await engine.executor.run(sql)
  }, 60_000)
  afterAll(async () => engine.close())

  it('the token-set similarity equals tokenSetSimilarity to the bit on the generator\'s companies', async () => {
    const pairs = companyPairs()
    const sql = await values(engine, `${names.tokens}(a, b)`, pairs)
    expect(pairs.filter(([a, b], i) => sql[i] !== tokenSetSimilarity(a, b))).toEqual([])
  }, 120_000)

  it('the distance equals fastest-levenshtein on the first 256 characters, accents counted as one character', async () => {
    const pairs: [string, string][] = [...companyPairs(), ['äb', 'ab'], ['x'.repeat(300), 'y'.repeat(260)], ['', 'abc'], ['abc', '']]
    const sql = await values(engine, `${names.distance}(a, b)`, pairs)
    expect(pairs.filter(([a, b], i) => sql[i] !== distance(a.slice(0, 256), b.slice(0, 256)))).toEqual([])
  }, 120_000)

  it('both agree with JS on word lists with repeats, accents and blanks (property)', async () => {
    const pairs = fc.sample(fc.tuple(WORDS, WORDS), { numRuns: 300, seed: 15 })
    const tokens = await values(engine, `${names.tokens}(a, b)`, pairs)
    const distances = await values(engine, `${names.distance}(a, b)`, pairs)
    expect(pairs.filter(([a, b], i) => tokens[i] !== tokenSetSimilarity(a, b) || distances[i] !== distance(a, b))).toEqual([])
  }, 120_000)
})
